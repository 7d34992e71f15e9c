# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""The city's report request printed as an official letter (công văn) through Frappe's print API (its
default print format): the number with "V/v <subject>" under it instead of a title, "Kính gửi:" the
units, the content, the deadline in the Department's time, the recipients and the signer; the draft
mark; escaped user text."""

import re

import frappe

from dlxh_app.tests.printing import SCRIPT, closing_columns, lines, locate_in_order, read_pdf, runs_script
from dlxh_app.tests.reporting import (
	CITY,
	CITY_OFFICER,
	CITY_SIGNER,
	DISTRICT,
	SIBLING,
	ReportingTestCase,
	at,
	make_request,
	system_time_zone,
)
from dlxh_app.tests.utils import act

SUBJECT = "Dư luận về việc sắp xếp đơn vị hành chính"


def print_request(name: str, as_pdf: bool = False):
	return frappe.get_print("Report Request", name, as_pdf=as_pdf)


def issued(**values):
	with at(2025, 5, 5, 9, 0):
		return act(make_request(**values), (CITY_OFFICER, "Issue"))


class TestReportRequestPrint(ReportingTestCase):
	def test_issued_request_prints_as_a_numbered_letter(self):
		pdf = print_request(issued().name, as_pdf=True)
		pages = read_pdf(pdf)
		first = pages[0]
		middle = first.width / 2
		for line in ("BC", "BAN TUYÊN GIÁO", "*", "Số 01-CV/BCTU"):
			self.assertLess(first.find(line)[-1].right, middle, line)
		for line in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Cần Thơ, ngày 05 tháng 05 năm 2025"):
			self.assertGreater(first.find(line)[0].left, middle, line)
		self.assertFalse(first.find("DỰ THẢO"))
		# A letter has no title: its subject follows "V/v" under the number, in the left column.
		number = first.find("Số 01-CV/BCTU")
		subject = first.find("V/v")[0]
		self.assertGreater(subject.top, number[0].bottom)
		self.assertEqual(
			lines(first.region(top=subject.top - 1, right=middle, bottom=first.find("Kính gửi:")[0].top - 1)),
			"V/v Dư luận về việc sắp xếp đơn vị\nhành chính",
		)
		self.assertFalse(first.find("BÁO CÁO") or first.find("CÔNG VĂN"))
		locate_in_order(
			lines([word for page in pages for word in page.region()]),
			[
				f"Kính gửi: - {DISTRICT};",
				f"- {SIBLING}.",
				"Đề nghị các đơn vị báo cáo nhanh.",
				f"Đề nghị gửi báo cáo về {CITY} trước 17 giờ 00 ngày 20/05/2025.",
			],
		)
		recipients, signature = closing_columns(pages)
		self.assertEqual(recipients, "Nơi nhận:\n- Như trên;\n- Lưu: VT.")
		self.assertEqual(signature, "\n".join(CITY_SIGNER.values()))

	def test_addressed_to_all_reporting_units(self):
		page = read_pdf(print_request(issued(all_reporting_units=1, units=[]).name, as_pdf=True))[0]
		self.assertTrue(page.find("Kính gửi: Các đơn vị báo cáo"))
		self.assertFalse(page.find(DISTRICT))

	def test_deadline_in_the_departments_time_on_a_server_keeping_utc(self):
		with system_time_zone("UTC"):
			# 10:00 UTC is 17:00 in Asia/Ho_Chi_Minh.
			request = issued(deadline="2025-05-20 10:00:00")
			page = read_pdf(print_request(request.name, as_pdf=True))[0]
		self.assertTrue(page.find("trước 17 giờ 00 ngày 20/05/2025."))

	def test_draft_is_marked_and_has_no_number_yet(self):
		with at(2025, 5, 5, 9, 0):
			page = read_pdf(print_request(make_request().name, as_pdf=True))[0]
		self.assertTrue(page.find("DỰ THẢO"))
		number = page.find("Số")
		self.assertEqual(page.words[page.words.index(number[0]) + 1].text, "-CV/BCTU")
		self.assertTrue(page.find("Cần Thơ, ngày tháng năm 2025"))

	def test_user_text_is_escaped(self):
		with at(2025, 5, 5, 9, 0):
			request = make_request()
		# Stored as an import or a direct database write could leave them, not cleaned by the form.
		frappe.db.set_value(
			"Report Request",
			request.name,
			{"subject": f"Giá điện {SCRIPT}", "content": f"<p>Nội dung</p>{SCRIPT}"},
		)
		html = print_request(request.name)
		self.assertFalse(runs_script(html), "a script from user text is printed")
		self.assertIn("V/v Giá điện &lt;script&gt;alert(1)&lt;/script&gt;", html)
		self.assertIn("<p>Nội dung</p>", html)
		page = read_pdf(print_request(request.name, as_pdf=True))[0]
		self.assertTrue(page.find(f"V/v Giá điện {SCRIPT}"))
