# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""A survey's result report printed through Frappe's print API (print format Survey Results): the unit's
header with a BC number to be written in, the method with the respondents and the weighting, each
question's weighted results with its chart (SVG) and margins of error, the officer's findings and
recommendations; the draft mark until the results are reported; refused to a sibling unit."""

import frappe

from dlxh_app.dlxh_surveys import analysis
from dlxh_app.dlxh_surveys.responses import store_responses
from dlxh_app.tests.printing import lines, locate_in_order, read_pdf
from dlxh_app.tests.surveys import (
	OFFICER,
	SIBLING_OFFICER,
	SurveyTestCase,
	answered_survey,
	answers,
	collecting_survey,
)
from dlxh_app.tests.utils import as_user

FORMAT = "Survey Results"


def print_results(name: str, as_pdf: bool = False):
	return frappe.get_print("Opinion Survey", name, print_format=FORMAT, as_pdf=as_pdf)


class TestSurveyResultsPrint(SurveyTestCase):
	# Slow by nature (2–3 s): the results are printed as a PDF with their charts drawn.
	def test_result_report_with_method_charts_and_findings(self):
		survey = answered_survey(self.records)
		survey.findings = "<p>Đa số người dân hài lòng <script>alert(1)</script>với thủ tục.</p>"
		survey.recommendations = "<p>Rút ngắn thời gian chờ tại bộ phận một cửa.</p>"
		as_user(OFFICER, survey.save)
		html = as_user(OFFICER, print_results, survey.name)
		self.assertIn("<svg", html)
		self.assertNotIn("<script>alert(1)", html)
		pages = read_pdf(as_user(OFFICER, print_results, survey.name, as_pdf=True))
		self.assertTrue(pages[0].find("DỰ THẢO"))
		text = lines([word for page in pages for word in page.region()])
		locate_in_order(
			text,
			[
				"-BC/KSQU",
				"BÁO CÁO",
				"Kết quả khảo sát mức độ hài lòng",
				"I. MỤC ĐÍCH, PHƯƠNG PHÁP VÀ MẪU KHẢO SÁT",
				"Số phiếu hợp lệ: 4",
				"Kết quả được gia quyền theo phương pháp: Post-stratification",
				"II. KẾT QUẢ KHẢO SÁT",
				"Mức độ hài lòng",
				"Mức 5",
				"III. ĐÁNH GIÁ, KẾT LUẬN",
				"Đa số người dân hài lòng với thủ tục.",
				"IV. KIẾN NGHỊ, ĐỀ XUẤT",
				"Rút ngắn thời gian chờ tại bộ phận một cửa.",
			],
		)

	def test_a_sibling_unit_cannot_print_it(self):
		survey = collecting_survey(self.records)
		with self.assertRaises(frappe.PermissionError):
			as_user(SIBLING_OFFICER, print_results, survey.name)
