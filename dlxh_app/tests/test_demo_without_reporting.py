"""The demo without its reporting cycle, loaded once for the class and rolled back after it: the city
plan's three surveys as its users took them through (library questionnaires, sampling plans and budgets of
illustrative norms, synthetic responses), and the collaborator network: a few hundred collaborators across
the wards and mass organisations (43 listed, the rest generated from data) with uneven coverage, the city's
targets, the regulation in two versions, trainings and the previous year's evaluations, as the units'
users see them."""

from collections import Counter

import frappe
from frappe.desk.query_report import run as run_report
from frappe.utils import get_datetime, getdate, now_datetime, today

from dlxh_app.dlxh_collaborators.api import get_coverage
from dlxh_app.setup.demo import make_demo
from dlxh_app.tests.base import DemoTestCase
from dlxh_app.tests.printing import lines, read_pdf
from dlxh_app.tests.utils import as_user

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


NINH_KIEU_WARD = "Đảng ủy phường Ninh Kiều"
CAI_KHE_WARD = "Đảng ủy phường Cái Khế"
LONG_TUYEN_WARD = "Đảng ủy phường Long Tuyền"
THOI_AN_DONG_WARD = "Đảng ủy phường Thới An Đông"
POLICE = "Đảng ủy Công an thành phố Cần Thơ"
WARD_OFFICER = "officer.phuongninhkieu@dlxh.local"
CITY_OFFICER = "officer@dlxh.local"


class TestDemoWithoutReporting(DemoTestCase):
	# The surveys
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

	# The collaborator network
	def test_the_network(self):
		self.assertEqual(frappe.db.count("DLXH Collaborator"), 310)
		self.assertEqual(frappe.db.count("DLXH Collaborator", {"status": "Ended"}), 2)
		self.assertEqual(frappe.db.count("DLXH Collaborator", {"status": "Suspended"}), 1)
		readme = frappe.get_all(
			"DLXH Collaborator", {"user": "collaborator@dlxh.local"}, ["managing_unit", "status"]
		)
		self.assertEqual([(row.managing_unit, row.status) for row in readme], [(NINH_KIEU_WARD, "Active")])
		# Appointed on 15 July 2025, as the records say.
		self.assertEqual(
			{getdate(row.creation) for row in frappe.get_all("DLXH Collaborator", fields=["creation"])},
			{getdate("2025-07-15")},
		)

	def test_the_generated_network(self):
		"""The 267 generated from data: each unit's officer made theirs, with their criteria, the decision
		numbers following the listed ones', nobody twice."""
		counts = Counter(frappe.get_all("DLXH Collaborator", pluck="managing_unit", limit=0))
		self.assertEqual(counts[NINH_KIEU_WARD], 48)
		self.assertEqual(counts[CAI_KHE_WARD], 36)
		self.assertEqual((counts[THOI_AN_DONG_WARD], counts[POLICE]), (3, 1))
		self.assertNotIn(LONG_TUYEN_WARD, counts)
		self.assertFalse(frappe.db.exists("DLXH Collaborator", {"residential_area": LONG_TUYEN_WARD}))
		ninth = frappe.get_all(
			"DLXH Collaborator",
			{"managing_unit": NINH_KIEU_WARD, "decision_number": "09-QĐ/CTV"},
			["name", "owner", "decision_issuer", "status", "creation"],
		)
		self.assertEqual(
			[(row.owner, row.decision_issuer, row.status, getdate(row.creation)) for row in ninth],
			[(WARD_OFFICER, NINH_KIEU_WARD, "Active", getdate("2025-07-15"))],
		)
		people = frappe.get_all("DLXH Collaborator", fields=["name", "full_name", "birth_year"], limit=0)
		self.assertEqual(len({(row.full_name, row.birth_year) for row in people}), len(people))
		with_criteria = frappe.get_all("DLXH Collaborator Criterion", pluck="parent", distinct=True, limit=0)
		self.assertEqual(set(with_criteria), {row.name for row in people})
		# A generated record opens and saves through the form's checks unchanged.
		frappe.get_doc("DLXH Collaborator", ninth[0].name).save()

	def test_coverage_shows_real_gaps(self):
		rows = {row["unit"]: row for row in as_user(CITY_OFFICER, get_coverage, CITY)}
		city = rows[CITY]
		self.assertEqual(city["actual"], 307)
		self.assertFalse(city["too_small"])
		self.assertTrue(rows[THOI_AN_DONG_WARD]["too_small"])
		self.assertTrue(rows[POLICE]["too_small"])
		self.assertEqual(city["areas_without"], [LONG_TUYEN_WARD])
		self.assertEqual(set(city["missing_strata"]), {"Religious followers", "Ethnic minorities"})
		self.assertIn("Religious followers", {gap["value"] for gap in city["gaps"]})
		# A ward of workers only, and a ward nobody lives in.
		self.assertTrue(rows[CAI_KHE_WARD]["unbalanced"])
		self.assertEqual(rows[CAI_KHE_WARD]["dominant"]["value"], "Workers")
		self.assertEqual(rows[LONG_TUYEN_WARD]["actual"], 0)
		# The Ninh Kiều ward's own target: 6 in the ward, 2 young people, a Women's Union member.
		ninh_kieu = rows[NINH_KIEU_WARD]
		self.assertEqual((ninh_kieu["actual"], ninh_kieu["target"]["source"]), (47, NINH_KIEU_WARD))
		self.assertEqual(
			{(gap["value"], gap["actual"]) for gap in ninh_kieu["gaps"]},
			{("Youth and students", 1), ("Women's Union", 0)},
		)
		self.assertEqual(ninh_kieu["regulation"], {"adopted": 2, "current": 2, "outdated": False})
		# 47 of the 48 registered are active; 6 of them came to the ward's training forty days ago.
		quality = ninh_kieu["quality"]
		self.assertEqual((quality["registered"], quality["active"], quality["trained"]), (48, 47, 6))
		self.assertEqual(quality["trained_share"], 12.8)
		self.assertTrue(rows[CAI_KHE_WARD]["regulation"]["outdated"])

	def test_a_ward_sees_its_own_network(self):
		rows = as_user(WARD_OFFICER, get_coverage)
		self.assertEqual([row["unit"] for row in rows], [NINH_KIEU_WARD])
		names = as_user(WARD_OFFICER, frappe.get_list, "DLXH Collaborator", pluck="name", limit_page_length=0)
		self.assertEqual(len(names), 48)
		frappe.set_user(WARD_OFFICER)
		result = run_report("Collaborator Coverage", filters={})
		self.assertEqual([row["unit"] for row in result["result"]], [NINH_KIEU_WARD])

	def test_trainings_and_evaluations(self):
		trainings = frappe.get_all(
			"Collaborator Training",
			fields=["organiser_unit", "attended_count", "training_date"],
			order_by="training_date",
		)
		self.assertEqual([row.organiser_unit for row in trainings], [CITY, NINH_KIEU_WARD, CAI_KHE_WARD])
		self.assertEqual(trainings[0].attended_count, 14)
		self.assertEqual(trainings[-1].attended_count, 0)
		self.assertGreater(getdate(trainings[-1].training_date), getdate(today()))
		year = getdate(today()).year - 1
		evaluations = frappe.get_all(
			"Collaborator Evaluation", {"evaluation_year": year}, ["unit", "rating", "trainings_attended"]
		)
		self.assertEqual(len(evaluations), 11)
		if year == 2025:
			# The city's training of August 2025 is in their evidence.
			self.assertTrue(any(row.trainings_attended for row in evaluations))
		self.assertEqual(frappe.db.count("Collaborator Regulation"), 2)

	def test_loading_again_changes_nothing(self):
		doctypes = (
			"Opinion Survey",
			"Survey Budget Norm",
			"Survey Budget Line",
			"DLXH Collaborator",
			"Collaborator Target",
			"Collaborator Regulation",
			"Collaborator Regulation Adoption",
			"Collaborator Training",
			"Collaborator Evaluation",
		)
		counts = {doctype: frappe.db.count(doctype) for doctype in doctypes}
		make_demo(reporting=False)
		self.assertEqual({doctype: frappe.db.count(doctype) for doctype in doctypes}, counts)
