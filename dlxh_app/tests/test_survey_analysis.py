"""A survey's analysis as its readers get it: weighted to the strata with margins of error, for the city's
and the unit's officers and for no one else, cached until the responses change, by subset, compared with
its before/after pair, and exported to CSV, XLSX and SPSS."""

import io
import os
import tempfile

import frappe
from frappe.utils import add_days, now_datetime

from dlxh_app.dlxh_surveys import analysis
from dlxh_app.dlxh_surveys.responses import store_responses
from dlxh_app.tests.surveys import (
	CITY,
	CITY_OFFICER,
	MANAGER,
	OFFICER,
	SIBLING_OFFICER,
	STRATA,
	WARD,
	SurveyTestCase,
	answers,
	collecting_survey,
	make_survey,
)
from dlxh_app.tests.utils import act, as_user, in_language

# Two satisfied men and two women (a 5 and a 3) of An Hòa, a dissatisfied man and a woman of Cái Khế.
RESPONSES = [
	answers(hai_long="4"),
	answers(hai_long="4"),
	answers(gioi_tinh="nu", hai_long="5"),
	answers(gioi_tinh="nu", hai_long="3"),
	answers(khu_vuc="cai_khe", hai_long="1", ly_do="Chờ lâu"),
	answers(khu_vuc="cai_khe", gioi_tinh="nu", hai_long="2"),
]


def question(result: dict, code: str) -> dict:
	return next(entry for entry in result["questions"] if entry["code"] == code)


def option(entry: dict, value: str) -> dict:
	return next(row for row in entry["options"] if row["value"] == value)


class TestSurveyAnalysis(SurveyTestCase):
	def collected(self, rows=RESPONSES, **values) -> str:
		survey = collecting_survey(self.records, **values).name
		store_responses(survey, rows, "Import")
		return survey

	def test_city_and_unit_officers_read_the_weighted_results(self):
		survey = self.collected()
		for user in (CITY_OFFICER, OFFICER):
			with self.subTest(user=user):
				result = as_user(user, analysis.get_analysis, survey)
				self.assertEqual(result["respondents"], 6)
				self.assertEqual(result["weighting"]["method"], "Post-stratification")
				# Each respondent weighs their stratum's population over its respondents: 5200/2, 5600/2,
				# 3100 and 3300; "4" is the two men of An Hòa: 5200 / 17200 of the weight.
				satisfied = option(question(result, "hai_long"), "4")
				self.assertAlmostEqual(satisfied["percent"], 100 * 2 / 6)
				self.assertAlmostEqual(satisfied["weighted_percent"], 100 * 5200 / sum(STRATA.values()))
				self.assertIsNotNone(satisfied["moe"])
				self.assertGreater(result["weighting"]["design_effect"], 1)
				table = next(
					t for t in result["crosstabs"] if (t["question"], t["by"]) == ("hai_long", "gioi_tinh")
				)
				self.assertEqual([group["respondents"] for group in table["groups"]], [3, 3])
				charts = as_user(user, analysis.get_charts, survey, by="gioi_tinh")
				self.assertIn("<svg", charts["questions"]["hai_long"])
				self.assertEqual(len(charts["likert"]), 1)
				self.assertIn("Giới tính", charts["crosstabs"]["hai_long"])

	def test_a_sibling_unit_and_guest_are_refused(self):
		survey = self.collected()
		for user in (SIBLING_OFFICER, "Guest"):
			with self.subTest(user=user):
				self.assertRefused(
					lambda user=user: as_user(user, analysis.get_analysis, survey),
					exception=frappe.PermissionError,
				)
				self.assertRefused(
					lambda user=user: as_user(user, analysis.export_analysis, survey, "csv"),
					exception=frappe.PermissionError,
				)

	def test_cached_until_the_responses_change_and_says_when_computed(self):
		survey = self.collected()
		first = as_user(OFFICER, analysis.get_analysis, survey)
		again = as_user(CITY_OFFICER, analysis.get_analysis, survey)
		self.assertEqual((first["from_cache"], again["from_cache"]), (False, True))
		self.assertEqual(again["computed_at"], first["computed_at"])
		store_responses(survey, [answers(hai_long="5")], "Import")
		fresh = as_user(OFFICER, analysis.get_analysis, survey)
		self.assertFalse(fresh["from_cache"])
		self.assertEqual(fresh["respondents"], 7)

	def test_subsets_by_area_and_dates(self):
		survey = collecting_survey(self.records).name
		store_responses(
			survey,
			RESPONSES,
			"Import",
			submitted_at=[add_days(now_datetime(), -5)] * 2 + [now_datetime()] * 4,
		)
		ward = as_user(OFFICER, analysis.get_analysis, survey, area=f'["{WARD}"]')
		self.assertEqual(ward["respondents"], 4)
		self.assertEqual(ward["filters"], {"area": [WARD]})
		recent = as_user(
			OFFICER, analysis.get_analysis, survey, date_from=str(add_days(now_datetime(), -1).date())
		)
		self.assertEqual(recent["respondents"], 4)
		with in_language("vi"):
			self.assertRefused(
				lambda: analysis.get_analysis(survey, date_from="2026-12-31", date_to="2026-01-01"),
				"2026-12-31",
			)
			self.assertRefused(lambda: analysis.get_analysis(survey, date_to="ngày mai"), "ngày mai")

	def test_no_responses_is_said_not_a_traceback(self):
		survey = collecting_survey(self.records).name
		with in_language("vi"):
			result = as_user(OFFICER, analysis.get_analysis, survey)
		self.assertEqual(result["respondents"], 0)
		self.assertEqual(result["questions"], [])
		self.assertIn("Khảo sát chưa có phiếu trả lời nào (trong phạm vi đã chọn).", result["messages"])

	def test_raking_that_cannot_converge_says_so_and_falls_back_to_unweighted(self):
		# Every man answered in An Hòa and every woman in Cái Khế: no old-woman-of-An-Hòa stratum, and the
		# areas' and genders' populations cannot both be met.
		survey = self.collected(
			[answers(), answers(), answers(khu_vuc="cai_khe", gioi_tinh="nu", hai_long="2")]
		)
		with in_language("vi"):
			result = as_user(OFFICER, analysis.get_analysis, survey)
		self.assertEqual(result["weighting"]["method"], "Unweighted")
		self.assertTrue(result["weighting"]["fell_back"])
		codes = [note["code"] for note in result["weighting"]["notes"]]
		self.assertEqual(codes[0], "empty_stratum")
		self.assertEqual(codes[-1], "not_converged")
		self.assertIn("Không tính được trọng số: các kết quả dưới đây chưa gia quyền.", result["messages"])
		self.assertAlmostEqual(option(question(result, "hai_long"), "4")["weighted_percent"], 200 / 3)

	def test_exports_csv_xlsx_and_spss_with_weights_and_labels(self):
		import pyreadstat
		from openpyxl import load_workbook

		survey = self.collected()
		with in_language("vi"):
			as_user(OFFICER, analysis.export_analysis, survey, "csv")
			csv = frappe.response["filecontent"].decode("utf-8-sig")
			self.assertTrue(csv.startswith("response,unit,area,channel,submitted_at,weight,khu_vuc"))
			self.assertEqual(len(csv.strip().splitlines()), 7)

			as_user(OFFICER, analysis.export_analysis, survey, "xlsx")
			book = load_workbook(io.BytesIO(frappe.response["filecontent"]), read_only=True)
			self.assertEqual(book.sheetnames, ["Mã", "Nhãn", "Biến"])
			labels = list(book["Nhãn"].iter_rows(values_only=True))
			self.assertIn("An Hòa", {cell for row in labels[1:] for cell in row})
			self.assertIn("Mức 4", {cell for row in labels[1:] for cell in row})

			as_user(OFFICER, analysis.export_analysis, survey, "sav")
			self.assertTrue(frappe.response["filename"].endswith(".sav"))
			with tempfile.TemporaryDirectory() as folder:
				path = os.path.join(folder, "data.sav")
				with open(path, "wb") as file:
					file.write(frappe.response["filecontent"])
				data, meta = pyreadstat.read_sav(path)
			self.assertEqual(len(data), 6)
			self.assertEqual(meta.column_names_to_labels["hai_long"], "Mức độ hài lòng")
			self.assertEqual(meta.variable_value_labels["khu_vuc"], {1.0: "An Hòa", 2.0: "Cái Khế"})
			self.assertEqual(meta.variable_value_labels["hai_long"][5.0], "Mức 5")
			self.assertAlmostEqual(data["weight"].sum(), 6)
			self.assertEqual(sorted(data["hai_long"]), [1, 2, 3, 4, 4, 5])

			as_user(OFFICER, analysis.export_analysis, survey, "tables")
			book = load_workbook(io.BytesIO(frappe.response["filecontent"]), read_only=True)
			self.assertEqual(book.sheetnames, ["Phương pháp", "Tần suất", "Bảng chéo"])
			self.assertRefused(lambda: analysis.export_analysis(survey, "pdf"), "pdf")
			limit = analysis.XLSX_ROW_LIMIT
			analysis.XLSX_ROW_LIMIT = 5
			try:
				self.assertRefused(lambda: analysis.export_analysis(survey, "xlsx"), "CSV", "SPSS")
			finally:
				analysis.XLSX_ROW_LIMIT = limit

	def test_before_and_after_pair_compared(self):
		before = self.collected(timing="Before Issuance")
		after = self.collected(
			[answers(hai_long="4")] * 3
			+ [answers(khu_vuc="cai_khe", gioi_tinh="nu", hai_long="5")] * 3
			+ [answers(gioi_tinh="nu", hai_long="5"), answers(khu_vuc="cai_khe", hai_long="4")],
			title="Khảo sát sau khi sắp xếp",
			timing="After Implementation",
			paired_survey=before,
		)
		for user, survey in ((OFFICER, before), (CITY_OFFICER, after)):
			with self.subTest(user=user):
				result = as_user(user, analysis.get_comparison, survey)
				self.assertEqual((result["before"]["survey"], result["after"]["survey"]), (before, after))
				satisfaction = next(entry for entry in result["questions"] if entry["code"] == "hai_long")
				dissatisfied = option(satisfaction, "1")
				self.assertLess(dissatisfied["difference"], 0)
				self.assertGreater(satisfaction["mean_change"]["difference"], 0)
				self.assertIn("<svg", result["charts"]["hai_long"])
		self.assertRefused(
			lambda: as_user(SIBLING_OFFICER, analysis.get_comparison, after), exception=frappe.PermissionError
		)
		alone = collecting_survey(self.records, title="Khảo sát không có cặp").name
		self.assertRefused(lambda: as_user(OFFICER, analysis.get_comparison, alone), alone)

	def test_a_unit_below_reads_a_city_survey_s_results_but_not_its_responses(self):
		survey = act(
			make_survey(self.records, CITY_OFFICER, responsible_unit=CITY, online_enabled=0),
			(CITY_OFFICER, "Propose"),
			(MANAGER, "Approve"),
			(CITY_OFFICER, "Start Collection"),
		).name
		store_responses(survey, RESPONSES, "Import")
		self.assertEqual(as_user(OFFICER, analysis.get_analysis, survey)["respondents"], 6)
		as_user(OFFICER, analysis.export_analysis, survey, "tables")
		self.assertRefused(
			lambda: as_user(OFFICER, analysis.export_analysis, survey, "sav"),
			exception=frappe.PermissionError,
		)
		as_user(CITY_OFFICER, analysis.export_analysis, survey, "csv")
		self.assertEqual(len(frappe.response["filecontent"].decode("utf-8-sig").strip().splitlines()), 7)
