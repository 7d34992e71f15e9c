# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""A unit's opinion report printed as a Party document through Frappe's print API (its default print
format): the unit's header and number once the leader has sent it, the sections with the report's data,
the recipients and the signer, the draft mark until it is sent, escaped user text, and a long table of
items running over pages under a repeated header (where the PDF generator repeats it). Each report is
printed once per class; the PDFs are read back with poppler-utils."""

import re
import tempfile
from pathlib import Path

import frappe
from PIL import Image

from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.printing import (
	POINTS_PER_MM,
	REPEATED_TABLE_HEADERS,
	SCRIPT,
	lines,
	locate_in_order,
	needs_pdf_feature,
	read_pdf,
	render_page,
	runs_script,
)
from dlxh_app.tests.reporting import (
	CITY,
	CITY_OFFICER,
	DISTRICT,
	LEADER,
	OFFICER,
	OTHER_TOPIC,
	TOPIC,
	at,
	make_fixture,
	make_report,
	make_request,
	reload,
)
from dlxh_app.tests.utils import act, as_user

ITEMS = [
	{
		"topic": TOPIC,
		"trend": "Concerned",
		"level_of_interest": "High",
		"social_strata": "Nông dân",
		"area": "An Hòa",
		"source": "Collaborator",
		"content": "Lo mất việc làm.",
		"proposal": "Hỗ trợ học nghề.",
	},
	{"topic": OTHER_TOPIC, "trend": "Negative", "level_of_interest": "Medium", "content": "Giá điện tăng."},
	{"topic": TOPIC, "trend": "Positive", "level_of_interest": "Low", "content": "Đồng tình sắp xếp."},
]
HEADER = [
	"BC QUẬN ỦY NINH KIỀU",
	"BAN TUYÊN GIÁO",
	"*",
	"Số 01-BC/BTGQU",
	"ĐẢNG CỘNG SẢN VIỆT NAM",
	"Ninh Kiều, ngày 10 tháng 05 năm 2025",
	"BÁO CÁO",
	"Tình hình dư luận xã hội tháng 05/2025",
]
FILLER = "Người dân quan tâm, theo dõi và bàn luận nhiều về việc này trong tháng."
# 60 items on two topics: a table running over pages.
LONG_ITEMS = [
	{
		"topic": TOPIC if number <= 30 else OTHER_TOPIC,
		"trend": "Mixed",
		"level_of_interest": "Medium",
		"content": f"Ý kiến thứ {number}. {FILLER}",
	}
	for number in range(1, 61)
]


def print_report(name: str, as_pdf: bool = False):
	return frappe.get_print("Opinion Report", name, as_pdf=as_pdf)


def printed_text(pdf: bytes) -> str:
	return lines([word for page in read_pdf(pdf) for word in page.region()])


def margin_points(side: str) -> float:
	return frappe.db.get_single_value("DLXH Settings", f"print_margin_{side}") * POINTS_PER_MM


def sent(report, day=10):
	"""The report sent to the city by its officer and leader on `day` May 2025."""
	report = act(report, (OFFICER, "Send to Leader"))
	with at(2025, 5, day, 9, 0):
		return reload(act(report, (LEADER, "Approve and Send")))


class TestOpinionReportPrint(IntegrationTestCase):
	"""Reports of a district, each printed once for all the tests of the class: one sent in May, one
	printed as a draft, once sent and once returned, one whose text was stored with HTML in it, one with
	a long table of items, and an ad hoc report answering the city's letter. Monthly reports are of
	different months, one per unit and month."""

	# Slow by nature (7–12 s, in its first test's setup): six PDFs of about a second each, and the
	# reports taken through their workflow first.
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_fixture()
		frappe.set_user("Administrator")
		report = sent(make_report(items=ITEMS, recommendations="<p>Đề nghị công khai phương án sắp xếp.</p>"))
		cls.sent_pdf = print_report(report.name, as_pdf=True)
		cls.sent_html = print_report(report.name)

		report = make_report(period_month=4)
		cls.draft = read_pdf(print_report(report.name, as_pdf=True))[0]
		report = sent(report)
		cls.sent_draft_html = print_report(report.name)
		as_user(CITY_OFFICER, report.return_for_revision, "Bổ sung số liệu")
		cls.returned_number = f"Số {report.document_reference}"
		cls.returned = read_pdf(print_report(report.name, as_pdf=True))[0]

		report = make_report(period_month=3)
		# Stored as an import or a direct database write could leave them, not cleaned by the form.
		frappe.db.set_value(
			"Opinion Report Item",
			report.items[0].name,
			{"content": f"{SCRIPT} <b>đậm</b>", "area": SCRIPT, "proposal": f"Đề xuất {SCRIPT}"},
		)
		frappe.db.set_value(
			"Opinion Report",
			report.name,
			{"situation_summary": f"<p>Ổn định</p>{SCRIPT}", "recipients": f"- {SCRIPT};\n- Lưu: VT."},
		)
		cls.raw_html = print_report(report.name)
		cls.raw = read_pdf(print_report(report.name, as_pdf=True))[0]

		cls.long_pdf = print_report(make_report(period_month=2, items=LONG_ITEMS).name, as_pdf=True)

		frappe.db.set_single_value("DLXH Settings", "city_unit", CITY)
		frappe.clear_document_cache("DLXH Settings", "DLXH Settings")
		with at(2025, 5, 5, 9, 0):
			request = act(make_request(), (CITY_OFFICER, "Issue"))
		report = sent(make_report(report_type="Ad hoc", report_request=request.name), day=12)
		cls.ad_hoc_pdf = print_report(report.name, as_pdf=True)
		frappe.db.rollback()
		frappe.clear_document_cache("DLXH Settings", "DLXH Settings")

	def test_sent_report_prints_as_the_units_numbered_report(self):
		first = read_pdf(self.sent_pdf)[0]
		for line in HEADER:
			self.assertTrue(first.find(line), line)
		self.assertFalse(first.find("DỰ THẢO"))
		locate_in_order(
			printed_text(self.sent_pdf),
			[
				"I. TÌNH HÌNH CHUNG",
				"Tình hình tư tưởng trong đơn vị ổn định.",
				"II. DƯ LUẬN XÃ HỘI THEO CHỦ ĐỀ",
				# The items under their topics, in the order the unit listed the topics.
				"1 BC Sắp xếp đơn vị hành chính",
				"1.1 Lo mất việc làm.",
				"1.2 Đồng tình sắp xếp.",
				"2 BC Giá điện",
				"2.1 Giá điện tăng.",
				"III. DỰ BÁO TÌNH HÌNH",
				"Dư luận tiếp tục quan tâm.",
				"IV. KIẾN NGHỊ, ĐỀ XUẤT",
				"Đề nghị công khai phương án sắp xếp.",
				"Nơi nhận:",
				"- Ban Tuyên giáo Thành ủy (qua Phòng Thông tin - Tổng hợp);",
				"- Lưu: VT.",
			],
		)
		# An item's row: its values in the order of the columns, the app's options in Vietnamese.
		row = [word.text for word in first.line(first.find("1.1")[0])]
		cells = ["1.1", "Lo", "Băn", "Cao", "Nông", "An", "Cộng", "Hỗ"]
		self.assertEqual([text for text in row if text in cells], cells, row)
		for cell in ("Băn khoăn, lo lắng", "Cao", "Nông dân", "An Hòa", "Cộng tác viên", "Tiêu cực"):
			self.assertIn(f">{cell}</", self.sent_html)
		signature = first.find("TRƯỞNG BAN")
		signer = first.find("Lê Văn Ký")
		self.assertTrue(signature and signer)
		self.assertGreater(signature[0].left, first.width / 2)
		self.assertGreater(signer[0].top, signature[0].bottom)

	def test_draft_until_the_leader_sends_it_and_again_once_returned(self):
		self.assertTrue(self.draft.find("DỰ THẢO"))
		number = self.draft.find("Số")
		self.assertEqual(self.draft.words[self.draft.words.index(number[0]) + 1].text, "-BC/BTGQU")
		year = frappe.utils.getdate().year
		self.assertTrue(self.draft.find(f"Ninh Kiều, ngày tháng năm {year}"))

		self.assertNotIn("DỰ THẢO", self.sent_draft_html)
		# Being revised, with the number the city already has on file.
		self.assertTrue(self.returned.find("DỰ THẢO"))
		self.assertRegex(self.returned_number, r"^Số \d\d-BC/BTGQU$")
		self.assertTrue(self.returned.find(self.returned_number))

	def test_ad_hoc_report_answers_the_citys_letter(self):
		self.assertTrue(read_pdf(self.ad_hoc_pdf)[0].find("Dư luận về việc sắp xếp đơn vị hành chính"))
		locate_in_order(
			printed_text(self.ad_hoc_pdf),
			[
				"BÁO CÁO",
				"Dư luận về việc sắp xếp đơn vị hành chính",
				f"Thực hiện Công văn số 01-CV/BCTU ngày 05/05/2025 của {CITY}, {DISTRICT} báo cáo như sau:",
				"I. TÌNH HÌNH CHUNG",
			],
		)

	def test_user_text_is_escaped(self):
		self.assertFalse(runs_script(self.raw_html), "a script from user text is printed")
		self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;đậm&lt;/b&gt;", self.raw_html)
		self.assertIn("<p>Ổn định</p>", self.raw_html)
		# Printed as the text it is.
		self.assertTrue(self.raw.find(f"{SCRIPT} <b>đậm</b>"))
		self.assertTrue(self.raw.find(f"- {SCRIPT};"))

	def test_long_table_runs_over_pages_within_the_text_width(self):
		pages = read_pdf(self.long_pdf)
		self.assertGreaterEqual(len(pages), 3)
		text_right = pages[0].width - margin_points("right")
		for number, page in enumerate(pages, start=1):
			with self.subTest(page=number):
				self.assertLessEqual(max(word.right for word in page.words), text_right + 1)
		locate_in_order(
			printed_text(self.long_pdf), ["1.30 Ý kiến thứ 30.", "2 BC Giá điện", "2.30 Ý kiến thứ 60."]
		)

	@needs_pdf_feature(REPEATED_TABLE_HEADERS)
	def test_long_table_repeats_its_header_on_every_page(self):
		for number, page in enumerate(read_pdf(self.long_pdf)[1:], start=2):
			rows = [word for word in page.words if re.fullmatch(r"[12]\.[0-9]+", word.text)]
			if not rows:
				continue
			with self.subTest(page=number):
				# Every page the items run over opens with the table's header, above its rows.
				header = page.line(page.find("Nội dung dư luận")[0])
				self.assertEqual([word.text for word in header[:4]], ["TT", "Nội", "dung", "dư"])
				self.assertLess(header[0].bottom, rows[0].top)

	def test_page_one_as_an_image(self):
		"""pdftoppm's rendering of page 1 of the monthly report: an A4 sheet whose item table is ruled from
		the left margin to the right one."""
		first = read_pdf(self.sent_pdf)[0]
		with tempfile.TemporaryDirectory() as folder:
			image = Image.open(render_page(self.sent_pdf, 1, Path(folder), resolution=100)).convert("L")
		self.assertEqual(image.size, (827, 1170))
		scale = image.width / first.width
		left = round(margin_points("left") * scale)
		right = round((first.width - margin_points("right")) * scale)
		header = first.find("Nội dung dư luận")[0]
		rows = range(int(header.top * scale) - 30, int(header.top * scale))
		ruled = [
			row
			for row in rows
			if sum(image.getpixel((x, row)) < 128 for x in range(left, right)) > 0.98 * (right - left)
		]
		self.assertTrue(ruled, "no rule over the table's header")
		beyond = range(right + 3, image.width)
		self.assertFalse([x for x in beyond if image.getpixel((x, ruled[0])) < 128])
		self.assertFalse([x for x in range(0, left - 3) if image.getpixel((x, ruled[0])) < 128])
