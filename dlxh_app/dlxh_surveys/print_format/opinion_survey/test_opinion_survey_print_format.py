# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""A survey's proposal (tờ trình) printed through Frappe's print API, its default print format: the numbered
header of the responsible unit, the sampling plan with each stratum's target, the steps, the budget
estimate by norm with its total and the note on illustrative rates, the settlement beside the estimate once
settled; the draft mark before it is proposed; escaped user text."""

import frappe

from dlxh_app.tests.printing import SCRIPT, closing_columns, lines, locate_in_order, read_pdf, runs_script
from dlxh_app.tests.surveys import LEADER, OFFICER, SIGNER, YEAR, SurveyTestCase, settle
from dlxh_app.tests.utils import act


def print_survey(name: str, as_pdf: bool = False):
	return frappe.get_print("Opinion Survey", name, as_pdf=as_pdf)


def printed(pages) -> str:
	return lines([word for page in pages for word in page.region()])


class TestSurveyPrint(SurveyTestCase):
	def test_proposal_with_sampling_plan_and_budget_estimate(self):
		survey = act(self.survey(), (OFFICER, "Propose"))
		pages = read_pdf(print_survey(survey.name, as_pdf=True))
		first = pages[0]
		middle = first.width / 2
		for line in ("QUẬN ỦY NINH KIỀU", "BAN TUYÊN GIÁO", "Số 01-TTr/KSQU"):
			self.assertLess(first.find(line)[-1].right, middle, line)
		self.assertTrue(first.find("TỜ TRÌNH"))
		self.assertFalse(first.find("DỰ THẢO"))
		text = printed(pages)
		locate_in_order(
			text,
			[
				"Về việc khảo sát mức độ hài lòng của người dân về thủ tục hành chính sau sắp xếp",
				"Kính gửi: Thường trực Quận ủy",
				"I. SỰ CẦN THIẾT VÀ MỤC ĐÍCH KHẢO SÁT",
				"Đánh giá mức độ hài lòng của người dân để kiến nghị điều chỉnh kịp thời.",
				"Chủ trương, chính sách được khảo sát: Sắp xếp đơn vị hành chính cấp xã.",
				"II. ĐỐI TƯỢNG, ĐỊA BÀN VÀ PHƯƠNG PHÁP KHẢO SÁT",
				"3. Phương pháp: Trực tuyến; Phát phiếu, phỏng vấn trực tiếp.",
				"III. MẪU KHẢO SÁT",
				"Cỡ mẫu 376 người, tính cho tổng thể 17.200 người",
				"độ tin cậy 95%, sai số 5%, tỷ lệ kỳ vọng 50% và hệ số thiết kế 1.",
				"1 An Hòa – Nam 5.200 114",
				"Tổng cộng 17.200 376",
				"IV. CÁC BƯỚC VÀ TIẾN ĐỘ THỰC HIỆN",
				"1 Thiết kế công cụ, bảng hỏi",
				"V. DỰ TOÁN KINH PHÍ",
				"Căn cứ định mức: 109/2016/TT-BTC.",
				"Xây dựng phương án, thiết kế bảng hỏi",
				"1 Xây dựng phương án, bảng hỏi (*) bảng hỏi 1 4.000.000 4.000.000",
				"4 Chi cho người trả lời phiếu (*) phiếu 376 30.000 11.280.000",
				f"Tổng cộng {survey.estimated_total:,}".replace(",", "."),
				"(*) Đơn giá minh họa, không phải định mức chi chính thức",
				"Kính trình Thường trực Quận ủy xem xét, phê duyệt./.",
			],
		)
		self.assertNotIn("Quyết toán", text)
		self.assertEqual(closing_columns(pages)[1], "\n".join(value for value in SIGNER.values() if value))

	def test_settlement_beside_the_estimate_once_settled(self):
		survey = settle(act(self.survey(), (OFFICER, "Propose"), (LEADER, "Approve")).name, respondents=400)
		text = printed(read_pdf(print_survey(survey.name, as_pdf=True)))
		self.assertIn("Quyết toán", text)
		# Quantity, rate and amount estimated, then settled, and the difference.
		locate_in_order(
			text,
			["phiếu 376 30.000 11.280.000 400 12.000.000 720.000", "Tổng cộng 23.068.000 23.788.000 720.000"],
		)

	def test_draft_is_marked_and_has_no_number_yet(self):
		page = read_pdf(print_survey(self.survey().name, as_pdf=True))[0]
		self.assertTrue(page.find("DỰ THẢO"))
		number = page.find("Số")
		self.assertEqual(page.words[page.words.index(number[0]) + 1].text, "-TTr/KSQU")
		self.assertTrue(page.find(f"Ninh Kiều, ngày tháng năm {YEAR}"))

	def test_user_text_is_escaped(self):
		survey = self.survey()
		frappe.db.set_value(
			"Opinion Survey",
			survey.name,
			{
				"policy": f"Chính sách {SCRIPT}",
				"purpose": f"<p>Mục đích</p>{SCRIPT}",
				"title": f"Khảo sát {SCRIPT}",
			},
		)
		frappe.db.set_value("Survey Budget Line", survey.budget_lines[0].name, "item", f"Khoản {SCRIPT}")
		html = print_survey(survey.name)
		self.assertFalse(runs_script(html), "a script from user text is printed")
		self.assertIn("Chính sách &lt;script&gt;alert(1)&lt;/script&gt;", html)
		self.assertIn("Khoản &lt;script&gt;", html)
		self.assertIn("<p>Mục đích</p>", html)
