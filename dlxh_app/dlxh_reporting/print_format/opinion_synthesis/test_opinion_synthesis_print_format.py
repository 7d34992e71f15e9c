# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""The city's monthly synthesis printed as a Party document through Frappe's print API (its default print
format), from the two months of reports of tests/synthesis.py: the city's header and number, the topics
with their counts by trend and the change since April, the concerns quoted, the units' reporting, the
recommendations, recipients and signer; the draft mark; escaped user text. Each synthesis is printed
once per class."""

import frappe

from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.printing import SCRIPT, closing_columns, lines, locate_in_order, read_pdf, runs_script
from dlxh_app.tests.reporting import (
	CITY,
	CITY_OFFICER,
	DISSOLVED,
	DISTRICT,
	MANAGER,
	SIBLING,
	TOPIC,
	at,
	make_fixture,
)
from dlxh_app.tests.synthesis import SIGNER, make_synthesis, make_two_months
from dlxh_app.tests.utils import act


def print_synthesis(name: str, as_pdf: bool = False):
	return frappe.get_print("Opinion Synthesis", name, as_pdf=as_pdf)


class TestOpinionSynthesisPrint(IntegrationTestCase):
	"""Syntheses of the city, each printed once for all the tests of the class, from the reports of April
	and May 2025: May's issued, April's whose text was stored with HTML in it, and March's draft (a month
	without reports), one per month."""

	# Slow by nature (4–5 s, in its first test's setup): three PDFs of about a second each.
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_fixture()
		frappe.set_user("Administrator")
		frappe.db.set_single_value("DLXH Settings", {"city_unit": CITY, "signer_name": SIGNER})
		frappe.clear_document_cache("DLXH Settings", "DLXH Settings")
		make_two_months()
		synthesis = make_synthesis(
			recommendations="<p>Đề nghị các cấp ủy thông tin kịp thời về sắp xếp đơn vị hành chính.</p>",
			recipients="- Thường trực Thành ủy;\n- Lưu: PTT-TH, VT.",
		)
		with at(2025, 6, 3, 9, 0):
			act(synthesis, (CITY_OFFICER, "Send for Approval"), (MANAGER, "Issue"))
		cls.issued_pdf = print_synthesis(synthesis.name, as_pdf=True)

		synthesis = make_synthesis(period_month=4)
		# Stored as an import or a direct database write could leave them, not cleaned by the form.
		frappe.db.set_value(
			"Opinion Synthesis Topic",
			synthesis.topics[0].name,
			{"assessment": f"Nhận định {SCRIPT}", "concerns": f"- “{SCRIPT}” (Đơn vị)"},
		)
		frappe.db.set_value("Opinion Synthesis", synthesis.name, "title", f"Tháng 4 {SCRIPT}")
		cls.raw_html = print_synthesis(synthesis.name)
		cls.raw = read_pdf(print_synthesis(synthesis.name, as_pdf=True))[0]

		cls.draft = read_pdf(print_synthesis(make_synthesis(period_month=3).name, as_pdf=True))[0]
		frappe.db.rollback()
		frappe.clear_document_cache("DLXH Settings", "DLXH Settings")

	def test_issued_synthesis_prints_as_the_citys_numbered_report(self):
		pages = read_pdf(self.issued_pdf)
		first = pages[0]
		for line in (
			"BC",
			"BAN TUYÊN GIÁO",
			"Số 01-BC/BCTU",
			"ĐẢNG CỘNG SẢN VIỆT NAM",
			"Cần Thơ, ngày 03 tháng 06 năm 2025",
			"BÁO CÁO",
			"Tình hình dư luận xã hội tháng 05/2025",
		):
			self.assertTrue(first.find(line), line)
		self.assertFalse(first.find("DỰ THẢO"))
		# A topic's row: 1 item of each trend, 4 in all, 2 in April, so 2 more.
		row = first.line(first.find(" ".join(TOPIC.split()[:3]))[0])
		self.assertEqual([word.text for word in row][-7:], ["1", "1", "1", "1", "4", "2", "+2"])
		locate_in_order(
			lines([word for page in pages for word in page.region()]),
			[
				"I. TÌNH HÌNH CHUNG",
				"Ổn định.",
				"II. DƯ LUẬN XÃ HỘI THEO CHỦ ĐỀ",
				f"2.1. {TOPIC}: 04 ý kiến, tăng 02 so với tháng trước; đơn vị phản ánh: {DISTRICT}, {SIBLING}.",
				f"- “Người lao động lo mất việc sau khi sáp nhập phường.” ({DISTRICT})",
				"2.2. BC Giá điện: 02 ý kiến, giảm 01 so với tháng trước;",
				"III. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ",
				"Tháng 05/2025 có 04 đơn vị phải gửi báo cáo định kỳ: 02 đơn vị gửi đúng hạn, 01 đơn vị gửi trễ"
				" hạn, 01 đơn vị chưa gửi.",
				f"Đơn vị gửi trễ hạn: {SIBLING}.",
				f"Đơn vị chưa gửi (kể cả báo cáo bị trả lại chưa gửi lại): {DISSOLVED}.",
				"Ban đã tiếp nhận 02 báo cáo; 01 báo cáo đã gửi đang chờ tiếp nhận, chưa tổng hợp vào báo cáo"
				" này.",
				"IV. KIẾN NGHỊ, ĐỀ XUẤT",
				"Đề nghị các cấp ủy thông tin kịp thời về sắp xếp đơn vị hành chính.",
			],
		)
		recipients, signature = closing_columns(pages)
		self.assertEqual(recipients, "Nơi nhận:\n- Thường trực Thành ủy;\n- Lưu: PTT-TH, VT.")
		self.assertEqual(signature, f"K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n{SIGNER}")

	def test_draft_is_marked_and_has_no_number_yet(self):
		self.assertTrue(self.draft.find("DỰ THẢO"))
		number = self.draft.find("Số")
		self.assertEqual(self.draft.words[self.draft.words.index(number[0]) + 1].text, "-BC/BCTU")
		self.assertTrue(self.draft.find("Trong tháng không có ý kiến nào trong các báo cáo đã tiếp nhận."))

	def test_user_text_is_escaped(self):
		self.assertFalse(runs_script(self.raw_html), "a script from user text is printed")
		self.assertIn("Nhận định &lt;script&gt;alert(1)&lt;/script&gt;", self.raw_html)
		for text in (f"Tháng 4 {SCRIPT}", f"Nhận định {SCRIPT}", f"- “{SCRIPT}” (Đơn vị)"):
			self.assertTrue(self.raw.find(text), text)
