"""The demo's surveys: the three of the city's 2025 plan as its users took them through, with library
questionnaires, sampling plans and budgets of illustrative norms; loaded once for the class (the demo without
its reporting cycle) and rolled back after it."""

from collections import Counter

import frappe
from frappe.utils import get_datetime, now_datetime

from dlxh_app.setup.demo import make_demo
from dlxh_app.tests.base import DemoTestCase
from dlxh_app.tests.printing import lines, read_pdf

CITY = "Ban Tuyên giáo Thành ủy Cần Thơ"
ENUMERATOR = "enumerator@dlxh.local"
FIELDS = [
	"name",
	"document_date",
	"title",
	"workflow_state",
	"document_reference",
	"decision_reference",
	"decision_date",
	"timing",
	"paired_survey",
	"questionnaire",
	"sample_size",
	"estimated_total",
	"settled_total",
	"online_enabled",
	"opens_on",
	"closes_on",
	"plan",
]


def surveys() -> list[frappe._dict]:
	return frappe.get_all(
		"Opinion Survey",
		{"responsible_unit": CITY, "survey_year": 2025},
		FIELDS,
		order_by="creation asc",
	)


class TestDemoSurveys(DemoTestCase):
	def test_the_three_surveys_of_the_city_plan(self):
		before, after, resolution = surveys()
		self.assertEqual(
			[
				(survey.workflow_state, survey.document_reference, survey.decision_reference)
				for survey in surveys()
			],
			[
				("Closed", "01-TTr/BTGTU", "01-QĐ/BTGTU"),
				("Analysing", "02-TTr/BTGTU", "02-QĐ/BTGTU"),
				# Proposed after the Party term that began on 15/10/2025: numbered from 01 again.
				("In Field", "01-TTr/BTGTU", "01-QĐ/BTGTU"),
			],
		)
		self.assertEqual(
			[
				(str(survey.document_date), str(survey.decision_date))
				for survey in (before, after, resolution)
			],
			[("2025-02-25", "2025-03-05"), ("2025-10-01", "2025-10-08"), ("2025-11-15", "2025-11-20")],
		)
		self.assertEqual(frappe.db.get_value("Opinion Survey", resolution.name, "party_term"), "2025-2030")
		plan = frappe.db.get_value(
			"DLXH Plan", before.plan, ["planned_surveys", "surveys_done"], as_dict=True
		)
		self.assertEqual((plan.planned_surveys, plan.surveys_done), (3, 1))
		# The pair on the merger of communes and wards, one questionnaire for both.
		self.assertEqual((before.timing, before.paired_survey), ("Before Issuance", after.name))
		self.assertEqual((after.timing, after.paired_survey), ("After Implementation", before.name))
		self.assertEqual(before.questionnaire, after.questionnaire)
		self.assertTrue(frappe.db.get_value("Survey Questionnaire", resolution.questionnaire, "is_library"))
		# Online collection open around today for the survey in the field.
		self.assertTrue(resolution.online_enabled)
		self.assertLess(get_datetime(resolution.opens_on), now_datetime())
		self.assertGreater(get_datetime(resolution.closes_on), now_datetime())

	def test_the_reported_survey_has_its_issued_result_report(self):
		before, after, _resolution = surveys()
		report = frappe.get_all(
			"Survey Result Report",
			filters={"survey": before.name},
			fields=[
				"workflow_state",
				"docstatus",
				"document_reference",
				"document_date",
				"respondents",
				"owner",
			],
		)
		self.assertEqual(len(report), 1)
		self.assertEqual((report[0].workflow_state, report[0].docstatus), ("Issued", 1))
		self.assertRegex(report[0].document_reference, r"^\d{2}-BC/BTGTU$")
		self.assertEqual(str(report[0].document_date), "2025-05-21")
		self.assertGreater(report[0].respondents, 0)
		self.assertFalse(frappe.db.exists("Survey Result Report", {"survey": after.name}))

	def test_sampling_plans_and_budgets(self):
		before, after, resolution = surveys()
		for survey in (before, after):
			strata = frappe.get_all("Survey Stratum", {"parent": survey.name}, ["target", "population"])
			self.assertEqual(len(strata), 7)
			self.assertEqual(sum(row.target for row in strata), survey.sample_size)
		self.assertEqual(
			frappe.get_all("Survey Stratum", {"parent": resolution.name}, pluck="target", order_by="idx"),
			[200, 200, 400],
		)
		self.assertGreater(before.settled_total, 0)
		self.assertEqual(after.settled_total, 0)
		lines_ = frappe.get_all("Survey Budget Line", {"parent": before.name}, ["illustrative", "norm"])
		self.assertTrue(lines_ and all(row.illustrative and row.norm for row in lines_))
		self.assertEqual(frappe.db.count("Survey Budget Norm", {"province": "Cần Thơ", "illustrative": 0}), 0)

	def test_printed_proposal_says_its_rates_are_illustrative(self):
		name = surveys()[0].name
		text = lines(
			[
				word
				for page in read_pdf(frappe.get_print("Opinion Survey", name, as_pdf=True))
				for word in page.region()
			]
		)
		for printed in (
			"TỜ TRÌNH",
			"Số 01-TTr/BTGTU",
			"Cần Thơ, ngày 25 tháng 02 năm 2025",
			"Đơn giá minh họa, không phải định mức chi chính thức",
		):
			self.assertIn(printed, text)

	def test_the_enumerator_reads_the_citys_approved_surveys(self):
		names = {survey.name for survey in surveys()}
		frappe.set_user(ENUMERATOR)
		self.assertEqual(set(frappe.get_list("Opinion Survey", pluck="name")) & names, names)

	def test_loading_again_changes_nothing(self):
		counts = {
			doctype: frappe.db.count(doctype)
			for doctype in ("Opinion Survey", "Survey Budget Norm", "Survey Budget Line")
		}
		make_demo(reporting=False)
		self.assertEqual({doctype: frappe.db.count(doctype) for doctype in counts}, counts)

	def test_synthetic_responses_fill_the_strata_slightly_off_target(self):
		from dlxh_app.dlxh_surveys.responses import load_answers

		for survey in surveys():
			with self.subTest(survey=survey.title):
				strata = frappe.get_all(
					"Survey Stratum",
					{"parent": survey.name, "parenttype": "Opinion Survey"},
					["stratum_key", "target", "achieved"],
				)
				counted = Counter(
					frappe.get_all(
						"Survey Response", {"survey": survey.name, "is_current": 1}, pluck="stratum_key"
					)
				)
				self.assertEqual({row.stratum_key: row.achieved for row in strata if row.achieved}, counted)
				self.assertTrue(any(row.achieved != row.target for row in strata))
				frame = load_answers(survey.name)
				self.assertEqual(len(frame), sum(row.achieved for row in strata))
				if survey.workflow_state == "In Field":
					self.assertTrue(all(row.achieved < row.target for row in strata))
					self.assertIn("Online", set(frame["channel"]))
				else:
					total = sum(row.target for row in strata)
					self.assertLess(abs(len(frame) - total), total * 0.1)

	def test_answers_depend_on_who_answers(self):
		from dlxh_app.dlxh_surveys.responses import load_answers

		_before, after, resolution = surveys()
		frame = load_answers(after.name)
		ease = frame["hai_long_tiep_can"].astype(float).groupby(frame["khu_vuc"]).mean()
		self.assertGreater(ease["ninh_kieu"] - ease["long_tuyen"], 0.4)
		frame = load_answers(resolution.name)
		knows = frame["muc_do_biet"].isin(["biet_co_ban", "hieu_ro"]).groupby(frame["doi_tuong"]).mean()
		self.assertGreater(knows["dang_vien"] - knows["nhan_dan"], 0.2)
		# Skip logic honoured: only Party members answer whether they studied the resolution.
		self.assertTrue(frame.loc[frame["doi_tuong"] != "dang_vien", "da_hoc_tap"].isna().all())
