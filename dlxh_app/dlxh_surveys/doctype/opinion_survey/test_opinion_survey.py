# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""A survey as its users take it through: drafted by a unit's officer, proposed with a numbered tờ trình,
approved by the leader with a numbered decision, collected, analysed and reported, counted on the plan; its
sampling plan and budget worked out from what is typed; pairs before and after a policy."""

import frappe
from frappe.model.workflow import apply_workflow

from dlxh_app.dlxh_planning.report.dlxh_plan_progress.dlxh_plan_progress import execute as plan_progress
from dlxh_app.tests.surveys import (
	CITY,
	CITY_OFFICER,
	COLLABORATOR,
	DISTRICT,
	ENUMERATOR,
	LEADER,
	MANAGER,
	OFFICER,
	SIBLING,
	SIBLING_OFFICER,
	SIGNER,
	STRATA,
	WARD,
	YEAR,
	SurveyTestCase,
	settle,
)
from dlxh_app.tests.utils import act, as_user, in_language

APPROVED = ((OFFICER, "Propose"), (LEADER, "Approve"))
ANALYSING = (*APPROVED, (OFFICER, "Start Collection"), (OFFICER, "End Collection"))


def reported(survey, steps=ANALYSING):
	"""Take the survey through `steps` to Analysing, issue its result report and report the results."""
	survey = act(survey, *steps)
	report = as_user(
		OFFICER, frappe.get_doc({"doctype": "Survey Result Report", "survey": survey.name} | SIGNER).insert
	)
	act(report, (OFFICER, "Send for Approval"), (LEADER, "Approve and Issue"))
	return act(survey, (OFFICER, "Report Results"))


def stored(survey, *fields):
	return frappe.db.get_value("Opinion Survey", survey.name, list(fields), as_dict=True)


class TestSurveyWorkflow(SurveyTestCase):
	def test_proposal_and_decision_are_numbered_by_the_unit(self):
		# The series' counter is the site's, not the test's: surveys made over HTTP by other tests on the
		# same site (committed by their requests) have moved it on.
		numbered = frappe.db.get_value("Series", f"KS-{YEAR}-", "current", order_by=None) or 0
		survey = self.survey()
		self.assertEqual(survey.name, f"KS-{YEAR}-{numbered + 1:03d}")
		self.assertEqual((survey.workflow_state, survey.document_reference), ("Draft", None))
		survey = act(survey, (OFFICER, "Propose"))
		self.assertEqual((survey.document_reference, survey.docstatus), ("01-TTr/KSQU", 0))
		self.assertTrue(survey.document_date)
		survey = act(survey, (LEADER, "Approve"))
		self.assertEqual(
			(survey.docstatus, survey.decision_reference, str(survey.decision_date)),
			(1, "01-QĐ/KSQU", frappe.utils.today()),
		)
		self.assertEqual(survey.document_reference, "01-TTr/KSQU")

	def test_nobody_approves_their_own_proposal(self):
		survey = act(self.survey(user=LEADER), (LEADER, "Propose"))
		frappe.set_user(LEADER)
		self.assertRefused(lambda: apply_workflow(survey, "Approve"))
		frappe.set_user("Administrator")
		self.assertEqual(stored(survey, "workflow_state").workflow_state, "Proposed")

	def test_an_officer_does_not_approve(self):
		survey = act(self.survey(), (OFFICER, "Propose"))
		frappe.set_user(OFFICER)
		self.assertRefused(lambda: apply_workflow(survey, "Approve"))

	def test_return_needs_a_reason_and_the_proposal_keeps_its_number(self):
		survey = act(self.survey(), (OFFICER, "Propose"))
		frappe.set_user(LEADER)
		self.assertRefused(lambda: apply_workflow(survey, "Return"), "Return Reason")
		frappe.get_doc("Opinion Survey", survey.name).return_for_revision("Bổ sung nhóm tuổi vào mẫu")
		frappe.set_user("Administrator")
		self.assertEqual(
			stored(survey, "workflow_state", "return_reason"),
			{"workflow_state": "Returned", "return_reason": "Bổ sung nhóm tuổi vào mẫu"},
		)
		survey = act(survey, (OFFICER, "Propose"), (LEADER, "Approve"))
		self.assertEqual((survey.document_reference, survey.return_reason), ("01-TTr/KSQU", ""))

	def test_content_is_frozen_while_proposed(self):
		survey = act(self.survey(), (OFFICER, "Propose"))
		frappe.set_user(LEADER)
		survey = frappe.get_doc("Opinion Survey", survey.name)
		survey.margin_of_error = 3
		self.assertRefused(survey.save, "Margin of Error")
		survey.reload()
		survey.budget_lines[0].estimated_quantity = 2
		self.assertRefused(survey.save, "Budget Lines")
		survey.reload()
		survey.signer_name = "Người Ký Khác"
		survey.save()

	def test_the_process_to_its_end_counts_on_the_plan(self):
		plan = self.records["plan"]
		survey = act(self.survey(), *APPROVED)
		frappe.set_user(OFFICER)
		survey = frappe.get_doc("Opinion Survey", survey.name)
		collection = survey.steps[2]
		collection.actual_start, collection.actual_end = f"{YEAR}-03-02", f"{YEAR}-03-20"
		survey.save()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("DLXH Plan", plan, ["planned_surveys", "surveys_done"]), (3, 0))
		survey = reported(survey, ANALYSING[2:])
		self.assertEqual(survey.workflow_state, "Reported")
		self.assertEqual(frappe.db.get_value("DLXH Plan", plan, "surveys_done"), 1)
		second = act(reported(self.survey(title="Khảo sát thứ hai")), (LEADER, "Close"))
		self.assertEqual(second.workflow_state, "Closed")
		self.assertEqual(frappe.db.get_value("DLXH Plan", plan, "surveys_done"), 2)
		# Its issued result report is cancelled first: an issued report stands on the survey it reports.
		result = frappe.get_doc("Survey Result Report", {"survey": survey.name})
		as_user(LEADER, result.cancel)
		act(survey, (LEADER, "Cancel"))
		self.assertEqual(frappe.db.get_value("DLXH Plan", plan, "surveys_done"), 1)
		rows = as_user(CITY_OFFICER, plan_progress, {"plan_year": YEAR})[1]
		row = next(row for row in rows if row["plan"] == plan)
		self.assertEqual((row["planned_surveys"], row["surveys_done"]), (3, 1))

	def test_an_approved_survey_keeps_its_proposal_but_records_the_process(self):
		survey = act(self.survey(), *APPROVED)
		frappe.set_user(OFFICER)
		survey = frappe.get_doc("Opinion Survey", survey.name)
		survey.steps[0].planned_start = f"{YEAR}-01-01"
		self.assertRefused(survey.save, exception=frappe.UpdateAfterSubmitError)
		survey.reload()
		survey.steps[0].actual_start, survey.steps[0].actual_end = f"{YEAR}-02-10", f"{YEAR}-02-01"
		self.assertRefused(survey.save, "Actual End", "Toolkit Design")

	def test_collection_needs_a_questionnaire_which_then_stays(self):
		survey = act(self.survey(questionnaire=None, strata_questions="", strata=[]), *APPROVED)
		frappe.set_user(OFFICER)
		self.assertRefused(lambda: apply_workflow(survey, "Start Collection"), "Questionnaire")
		survey = frappe.get_doc("Opinion Survey", survey.name)
		# Finished after approval (toolkit design, pilot), before collection.
		survey.questionnaire = self.records["questionnaire"]
		survey.save()
		survey = apply_workflow(survey, "Start Collection")
		survey.questionnaire = "hai_long_chinh_sach v1"
		self.assertRefused(survey.save, "Questionnaire")

	def test_steps_are_the_six_of_the_process(self):
		survey = self.survey(steps=[{"step": "Reporting", "planned_start": f"{YEAR}-06-01"}])
		self.assertEqual(
			[row.step for row in survey.steps],
			["Toolkit Design", "Pilot", "Data Collection", "Data Processing", "Analysis", "Reporting"],
		)
		self.assertEqual(str(survey.steps[-1].planned_start), f"{YEAR}-06-01")
		self.assertRefused(
			lambda: self.survey(steps=[{"step": "Pilot"}, {"step": "Pilot"}]), "Steps", "Pilot"
		)


class TestSampling(SurveyTestCase):
	def test_sample_size_and_proportional_targets(self):
		survey = self.survey()
		# Strata add up to 17,200 people: 95 %, ±5 %, p = 0.5 gives 376.
		self.assertEqual(survey.sample_size, 376)
		targets = {row.stratum_key: row.target for row in survey.strata}
		self.assertEqual(sum(targets.values()), 376)
		self.assertEqual(targets, {"an_hoa|nam": 114, "an_hoa|nu": 122, "cai_khe|nam": 68, "cai_khe|nu": 72})
		self.assertEqual([row.label for row in survey.strata][:2], ["An Hòa – Nam", "An Hòa – Nữ"])

	def test_population_design_effect_and_allocations(self):
		survey = self.survey(population_size=10000, design_effect=2, allocation="Equal")
		self.assertEqual(survey.sample_size, 740)
		self.assertEqual({row.target for row in survey.strata}, {185})
		quotas = dict(zip(STRATA, (100, 120, 60, 70), strict=True))
		survey = self.survey(
			allocation="Fixed Quotas",
			strata=[
				{"stratum_key": key, "population": STRATA[key], "quota": quota}
				for key, quota in quotas.items()
			],
		)
		self.assertEqual({row.stratum_key: row.target for row in survey.strata}, quotas)

	def test_strata_are_made_from_the_strata_questions(self):
		survey = self.survey(strata=[])
		self.assertEqual([row.stratum_key for row in survey.strata], list(STRATA))
		# Their populations come from statistics: until then the draft has no targets.
		self.assertEqual({row.target for row in survey.strata}, {0})
		frappe.set_user(OFFICER)
		self.assertRefused(lambda: apply_workflow(survey, "Propose"), "Population")

	def test_bad_sampling_input_names_the_field_in_vietnamese(self):
		cases = (
			({"confidence_level": 100}, "Độ tin cậy"),
			({"margin_of_error": 0}, "Sai số cho phép"),
			({"expected_proportion": 100}, "Tỷ lệ kỳ vọng"),
			({"design_effect": 0.5}, "Hệ số thiết kế"),
			({"strata_questions": "khu_vuc, tuoi"}, "Câu hỏi chia nhóm mẫu", "tuoi"),
			({"strata_questions": "khu_vuc, nghe_nghiep"}, "Câu hỏi chia nhóm mẫu", "nghe_nghiep"),
			({"strata_questions": ""}, "Câu hỏi chia nhóm mẫu"),
			({"strata": [{"stratum_key": "an_hoa|khac", "population": 1}]}, "Mã nhóm", "an_hoa|khac"),
			(
				{"strata": [{"stratum_key": "an_hoa|nam", "population": 1}, {"stratum_key": "an_hoa|nam"}]},
				"Mã nhóm",
			),
			(
				{"population_size": 100000, "strata": [{"stratum_key": "an_hoa|nam", "population": 50}]},
				"Dân số",
				"an_hoa|nam",
			),
		)
		with in_language("vi"):
			for values, *words in cases:
				with self.subTest(values=values):
					self.assertRefused(lambda values=values: self.survey(**values), *words)


class TestBudget(SurveyTestCase):
	def test_quantities_come_from_the_survey_and_amounts_add_up(self):
		survey = self.survey()
		lines = {row.item: row for row in survey.budget_lines}
		# 376 respondents; the test form's 6 questions fill one page; 10 forms an enumerator day.
		self.assertEqual(lines["In phiếu khảo sát"].estimated_quantity, 376)
		self.assertEqual(lines["Thù lao điều tra viên"].estimated_quantity, 38)
		self.assertEqual(lines["Chi cho người trả lời phiếu"].estimated_quantity, 376)
		self.assertEqual(lines["Xây dựng phương án, bảng hỏi"].estimated_quantity, 1)
		self.assertEqual(lines["Chi cho người trả lời phiếu"].estimated_amount, 11_280_000)
		expected = 4_000_000 + 376 * 500 + 38 * 200_000 + 376 * 30_000
		self.assertEqual(survey.estimated_total, expected)
		self.assertTrue(
			all(row.illustrative and row.legal_basis == "109/2016/TT-BTC" for row in survey.budget_lines)
		)

	def test_a_rate_other_than_the_norms_says_why(self):
		values = self.survey().as_dict()["budget_lines"]
		lines = [
			{"norm": row["norm"], "unit_rate": row["unit_rate"], "estimated_quantity": 1} for row in values
		]
		lines[0]["unit_rate"] = 5_000_000
		self.assertRefused(lambda: self.survey(budget_lines=lines), "Rate Note", "row 1")
		lines[0]["rate_note"] = "Bảng hỏi dài, hai vòng góp ý"
		survey = self.survey(budget_lines=lines)
		self.assertEqual(survey.budget_lines[0].estimated_amount, 5_000_000)

	def test_a_norm_out_of_force_is_refused(self):
		frappe.db.set_value("Survey Budget Norm", self.records["printing"], "valid_to", "2020-12-31")
		self.assertRefused(self.survey, "Norm", "row 2", str(YEAR))

	def test_settlement_after_the_survey(self):
		survey = settle(act(self.survey(), *APPROVED).name, respondents=400)
		self.assertEqual(survey.budget_lines[3].difference, 24 * 30_000)
		self.assertEqual(survey.budget_difference, 24 * 30_000)
		self.assertEqual(survey.settled_total, survey.estimated_total + 24 * 30_000)
		# The estimate is what was approved.
		survey.budget_lines[3].estimated_quantity = 400
		self.assertRefused(lambda: as_user(OFFICER, survey.save), exception=frappe.UpdateAfterSubmitError)

	def test_server_owned_figures_are_not_taken_from_the_user(self):
		survey = self.survey(
			sample_size=5, estimated_total=1, public_slug="doan-duoc", decision_reference="9-QĐ/X"
		)
		values = stored(survey, "sample_size", "estimated_total", "public_slug", "decision_reference")
		self.assertEqual(values.sample_size, 376)
		self.assertGreater(values.estimated_total, 1)
		self.assertNotEqual(values.public_slug, "doan-duoc")
		self.assertGreaterEqual(len(values.public_slug), 16)
		self.assertIsNone(values.decision_reference)


class TestPairs(SurveyTestCase):
	def test_before_and_after_link_each_other(self):
		before = act(self.survey(timing="Before Issuance"), *APPROVED)
		after = self.survey(timing="After Implementation", paired_survey=before.name)
		self.assertEqual(stored(before, "paired_survey").paired_survey, after.name)
		# Linking another releases the first.
		other = self.survey(timing="Before Issuance")
		after = frappe.get_doc("Opinion Survey", after.name)
		after.paired_survey = other.name
		as_user(OFFICER, after.save)
		self.assertIsNone(stored(before, "paired_survey").paired_survey)
		self.assertEqual(stored(other, "paired_survey").paired_survey, after.name)

	def test_a_pair_is_one_before_and_one_after(self):
		before = self.survey(timing="Before Issuance")
		self.assertRefused(
			lambda: self.survey(timing="Before Issuance", paired_survey=before.name),
			"Paired Survey",
			before.name,
		)
		self.assertRefused(lambda: self.survey(paired_survey=before.name), "Paired Survey")
		self.survey(timing="After Implementation", paired_survey=before.name)
		self.assertRefused(
			lambda: self.survey(timing="After Implementation", paired_survey=before.name), "already paired"
		)

	def test_the_after_survey_is_not_in_an_earlier_year(self):
		before = self.survey(timing="Before Issuance")
		self.assertRefused(
			lambda: self.survey(
				timing="After Implementation", paired_survey=before.name, survey_year=YEAR - 1, plan=None
			),
			"Paired Survey",
		)


class TestSurveyBadInput(SurveyTestCase):
	def test_areas_are_the_units_own_or_below_it(self):
		self.assertRefused(lambda: self.survey(areas=[{"area": SIBLING}]), "Area", SIBLING)
		survey = self.survey(areas=[{"area": WARD}])
		self.assertEqual([row.area for row in survey.areas], [WARD])

	def test_a_plan_of_another_year(self):
		self.assertRefused(lambda: self.survey(survey_year=YEAR - 1), "Plan", str(YEAR - 1))

	def test_a_survey_year_out_of_range(self):
		self.assertRefused(lambda: self.survey(survey_year=1990, plan=None), "Survey Year")

	def test_proposing_needs_a_signer(self):
		survey = self.survey(signer_name="", signer_title="")
		frappe.set_user(OFFICER)
		self.assertRefused(lambda: apply_workflow(survey, "Propose"), "Signer")
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("DLXH Document Counter", {"issuing_unit": DISTRICT}))


class TestSurveyAccess(SurveyTestCase):
	def test_units_reach_their_own_and_read_approved_surveys_from_above(self):
		district = self.survey()
		city = act(
			self.survey(user=CITY_OFFICER, unit=CITY, areas=[], strata=[], strata_questions=""),
			(CITY_OFFICER, "Propose"),
		)

		def readable(user):
			return set(as_user(user, frappe.get_list, "Opinion Survey", pluck="name"))

		self.assertEqual(readable(SIBLING_OFFICER), set())
		self.assertEqual(readable(OFFICER), {district.name})
		city = act(city, (MANAGER, "Approve"))
		self.assertEqual(readable(OFFICER), {district.name, city.name})
		self.assertEqual(readable(SIBLING_OFFICER), {city.name})
		# The city's enumerators (of its office, below the department) read the approved survey.
		self.assertTrue(frappe.has_permission("Opinion Survey", "read", city.name, user=ENUMERATOR))
		self.assertFalse(frappe.has_permission("Opinion Survey", "write", city.name, user=ENUMERATOR))
		self.assertFalse(frappe.has_permission("Opinion Survey", "read", district.name, user=COLLABORATOR))
		self.assertFalse(frappe.has_permission("Opinion Survey", "write", city.name, user=OFFICER))

	def test_another_unit_cannot_make_a_survey_for_this_one(self):
		self.assertRefused(lambda: self.survey(user=SIBLING_OFFICER), exception=frappe.PermissionError)
