# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""An issued Survey Result Report printed through Frappe's print API (print format Survey Result Report,
the same template as the survey's Survey Results): its BC number and date, the method as the officer
settled it, only the questions chosen, the findings and recommendations, no draft mark; refused to a
sibling unit."""

import frappe

from dlxh_app.dlxh_surveys import analysis
from dlxh_app.dlxh_surveys.responses import store_responses
from dlxh_app.tests.printing import lines, locate_in_order, read_pdf
from dlxh_app.tests.surveys import (
	LEADER,
	OFFICER,
	SIBLING_OFFICER,
	SIGNER,
	SurveyTestCase,
	answered_survey,
	answers,
	collecting_survey,
)
from dlxh_app.tests.utils import act, as_user, insert_as

FORMAT = "Survey Result Report"


def print_report(name: str, as_pdf: bool = False):
	return frappe.get_print("Survey Result Report", name, print_format=FORMAT, as_pdf=as_pdf)


class TestSurveyResultReportPrint(SurveyTestCase):
	def issued_report(self):
		survey = answered_survey(
			self.records,
			[answers(), answers(gioi_tinh="nu", hai_long="5"), answers(khu_vuc="cai_khe", hai_long="2")],
		)
		act(survey, (OFFICER, "End Collection"))
		report = insert_as(
			OFFICER,
			{
				"doctype": "Survey Result Report",
				"survey": survey.name,
				"findings": "<p>Đa số người dân hài lòng với thủ tục.</p>",
				"recommendations": "<p>Rút ngắn thời gian chờ tại bộ phận một cửa.</p>",
				"method_notes": "<p>Phiếu nhập từ bản giấy.</p>",
			}
			| SIGNER,
		)
		# The officer leaves the gender question out and corrects the margin of error.
		for row in report.questions:
			row.include = row.question != "gioi_tinh"
		report.margin_of_error = 9.9
		as_user(OFFICER, report.save)
		return act(report, (OFFICER, "Send for Approval"), (LEADER, "Approve and Issue"))

	# Slow by nature (2–3 s): a survey is answered and its report taken through the workflow to issued,
	# then printed as a PDF with its charts drawn.
	def test_issued_report_prints_its_number_method_and_chosen_questions(self):
		report = self.issued_report()
		html = as_user(OFFICER, print_report, report.name)
		self.assertIn("<svg", html)
		self.assertNotIn("Giới tính", html)
		pages = read_pdf(as_user(OFFICER, print_report, report.name, as_pdf=True))
		self.assertFalse(pages[0].find("DỰ THẢO"))
		text = lines([word for page in pages for word in page.region()])
		locate_in_order(
			text,
			[
				report.document_reference,
				"BÁO CÁO",
				"Kết quả khảo sát mức độ hài lòng",
				"I. MỤC ĐÍCH, PHƯƠNG PHÁP VÀ MẪU KHẢO SÁT",
				"Số phiếu hợp lệ: 3",
				"Sai số tối đa ±9,9 điểm phần trăm",
				"Phiếu nhập từ bản giấy.",
				"II. KẾT QUẢ KHẢO SÁT",
				"Mức độ hài lòng",
				"III. ĐÁNH GIÁ, KẾT LUẬN",
				"Đa số người dân hài lòng với thủ tục.",
				"IV. KIẾN NGHỊ, ĐỀ XUẤT",
				"Rút ngắn thời gian chờ tại bộ phận một cửa.",
			],
		)

	def test_a_sibling_unit_cannot_print_it(self):
		report = self.issued_report()
		with self.assertRaises(frappe.PermissionError):
			as_user(SIBLING_OFFICER, print_report, report.name)
