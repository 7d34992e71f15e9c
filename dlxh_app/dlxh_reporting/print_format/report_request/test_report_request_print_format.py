# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""The city's report request printed as an official letter (công văn) through Frappe's print API (its
default print format): the number with "V/v <subject>" under it instead of a title, "Kính gửi:" the
units, the content, the deadline in the Department's time, the recipients and the signer; the draft
mark; escaped user text. Each request is printed once per class."""

import frappe

from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.printing import SCRIPT, closing_columns, lines, locate_in_order, read_pdf, runs_script
from dlxh_app.tests.reporting import (
	CITY,
	CITY_OFFICER,
	CITY_SIGNER,
	DISTRICT,
	SIBLING,
	at,
	make_fixture,
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


class TestReportRequestPrint(IntegrationTestCase):
	"""Requests of the city, each printed once for all the tests of the class: one issued to two units,
	one issued to all, one issued on a server keeping UTC, a draft, and one whose text was stored with
	HTML in it."""

	# Slow by nature (6–10 s, in its first test's setup): five PDFs of about a second each.
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_fixture()
		frappe.set_user("Administrator")
		cls.issued_pdf = print_request(issued().name, as_pdf=True)
		cls.to_all = read_pdf(print_request(issued(all_reporting_units=1, units=[]).name, as_pdf=True))[0]
		with system_time_zone("UTC"):
			# 10:00 UTC is 17:00 in Asia/Ho_Chi_Minh.
			request = issued(deadline="2025-05-20 10:00:00")
			cls.utc = read_pdf(print_request(request.name, as_pdf=True))[0]
		with at(2025, 5, 5, 9, 0):
			cls.draft = read_pdf(print_request(make_request().name, as_pdf=True))[0]
			request = make_request()
		# Stored as an import or a direct database write could leave them, not cleaned by the form.
		frappe.db.set_value(
			"Report Request",
			request.name,
			{"subject": f"Giá điện {SCRIPT}", "content": f"<p>Nội dung</p>{SCRIPT}"},
		)
		cls.raw_html = print_request(request.name)
		cls.raw = read_pdf(print_request(request.name, as_pdf=True))[0]
		frappe.db.rollback()

	def test_issued_request_prints_as_a_numbered_letter(self):
		pages = read_pdf(self.issued_pdf)
		first = pages[0]
		middle = first.width / 2
		for line in ("BC", "BAN TUYÊN GIÁO", "*", "Số 01-CV/BCTU"):
			self.assertLess(first.find(line)[-1].right, middle, line)
		for line in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Cần Thơ, ngày 05 tháng 05 năm 2025"):
			self.assertGreater(first.find(line)[0].left, middle, line)
		self.assertFalse(first.find("DỰ THẢO"))
		# A letter has no title: its subject follows "V/v" under the number, in the left column, on as
		# many lines as the column's width and the generator's type size need.
		number = first.find("Số 01-CV/BCTU")
		subject = first.find("V/v")[0]
		self.assertGreater(subject.top, number[0].bottom)
		subject_lines = lines(
			first.region(top=subject.top - 1, right=middle, bottom=first.find("Kính gửi:")[0].top - 1)
		)
		self.assertEqual(" ".join(subject_lines.split()), f"V/v {SUBJECT}")
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
		self.assertTrue(self.to_all.find("Kính gửi: Các đơn vị báo cáo"))
		self.assertFalse(self.to_all.find(DISTRICT))

	def test_deadline_in_the_departments_time_on_a_server_keeping_utc(self):
		self.assertTrue(self.utc.find("trước 17 giờ 00 ngày 20/05/2025."))

	def test_draft_is_marked_and_has_no_number_yet(self):
		self.assertTrue(self.draft.find("DỰ THẢO"))
		number = self.draft.find("Số")
		self.assertEqual(self.draft.words[self.draft.words.index(number[0]) + 1].text, "-CV/BCTU")
		self.assertTrue(self.draft.find("Cần Thơ, ngày tháng năm 2025"))

	def test_user_text_is_escaped(self):
		self.assertFalse(runs_script(self.raw_html), "a script from user text is printed")
		self.assertIn("V/v Giá điện &lt;script&gt;alert(1)&lt;/script&gt;", self.raw_html)
		self.assertIn("<p>Nội dung</p>", self.raw_html)
		self.assertTrue(self.raw.find(f"V/v Giá điện {SCRIPT}"))
