# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""A survey's result report, as its users make and move it: drafted from the analysis on insert, sent for
approval by the officer, issued with the unit's BC number by the leader (never by who made it), returned
with a reason, accepted by the city; out of reach of a sibling unit."""

import frappe
from frappe.model.workflow import apply_workflow

from dlxh_app.dlxh_reporting.synthesis import survey_result_reports
from dlxh_app.dlxh_surveys import analysis
from dlxh_app.dlxh_surveys.doctype.survey_result_report.survey_result_report import has_issued_report
from dlxh_app.dlxh_surveys.responses import store_responses
from dlxh_app.tests.surveys import (
	CITY,
	CITY_OFFICER,
	LEADER,
	MANAGER,
	OFFICER,
	SIBLING_OFFICER,
	SIGNER,
	SurveyTestCase,
	answered_survey,
	answers,
	collecting_survey,
	make_survey,
)
from dlxh_app.tests.utils import act, as_user, insert_as

ISSUED = ((OFFICER, "Send for Approval"), (LEADER, "Approve and Issue"))


class TestSurveyResultReport(SurveyTestCase):
	def analysed_survey(self):
		return act(answered_survey(self.records), (OFFICER, "End Collection"))

	def report(self, survey, user=OFFICER, **values):
		return insert_as(
			user,
			{
				"doctype": "Survey Result Report",
				"survey": survey.name,
				"findings": "<p>Đa số người dân hài lòng.</p>",
				"recommendations": "<p>Rút ngắn thời gian chờ.</p>",
			}
			| SIGNER
			| values,
		)

	def test_drafted_from_the_analysis_and_editable(self):
		survey = self.analysed_survey()
		report = self.report(survey)
		self.assertEqual(report.unit, survey.responsible_unit)
		self.assertEqual(report.workflow_state, "Draft")
		self.assertEqual(report.respondents, 4)
		self.assertEqual(report.confidence_level, 95)
		self.assertGreater(report.margin_of_error, 0)
		self.assertTrue(report.first_response and report.last_response)
		self.assertTrue(report.weighting_method)
		self.assertIn("hai_long", [row.question for row in report.questions])
		self.assertTrue(report.title.startswith("Kết quả khảo sát mức độ hài lòng"))
		# The officer corrects the drafted method; drafting again puts back the analysis's figures.
		report.respondents = 3
		as_user(OFFICER, report.save)
		self.assertEqual(frappe.db.get_value("Survey Result Report", report.name, "respondents"), 3)
		as_user(OFFICER, report.draft_from_analysis)
		self.assertEqual(frappe.db.get_value("Survey Result Report", report.name, "respondents"), 4)
		self.assertEqual(len({row.question for row in report.reload().questions}), len(report.questions))

	def test_workflow_numbers_at_issue_without_self_approval(self):
		survey = self.analysed_survey()
		report = act(self.report(survey), (OFFICER, "Send for Approval"))
		self.assertEqual(report.workflow_state, "Pending Approval")
		self.assertFalse(report.document_reference)
		# Content is frozen while it waits for approval.
		report.findings = "<p>Sửa lén.</p>"
		self.assertRefused(lambda: as_user(OFFICER, report.save), "Findings")
		as_user(LEADER, report.reload().return_for_revision, "Thiếu bảng chéo theo độ tuổi.")
		self.assertEqual(report.reload().workflow_state, "Returned")
		report = act(report, (OFFICER, "Send for Approval"), (LEADER, "Approve and Issue"))
		self.assertEqual(report.workflow_state, "Issued")
		self.assertEqual(report.docstatus, 1)
		self.assertRegex(report.document_reference, r"^\d+-BC/KSQU$")
		self.assertTrue(report.issued_on and report.document_date)
		self.assertEqual(has_issued_report(survey.name), report.name)
		# The city's synthesis of the month lists it; a sibling unit's user does not see it there.
		day = frappe.utils.getdate(report.document_date)
		self.assertIn(report.name, [row.name for row in survey_result_reports(day.year, day.month)])
		self.assertNotIn(
			report.name, [row.name for row in survey_result_reports(day.year, day.month, SIBLING_OFFICER)]
		)
		report = act(report, (CITY_OFFICER, "Accept"))
		self.assertEqual(report.workflow_state, "Accepted")
		self.assertTrue(report.accepted_on)

	def test_return_needs_a_reason(self):
		survey = self.analysed_survey()
		report = act(self.report(survey), (OFFICER, "Send for Approval"))
		self.assertRefused(lambda: act(report, (LEADER, "Return")), "Return Reason")
		as_user(LEADER, report.return_for_revision, "Thiếu bảng chéo theo độ tuổi.")
		self.assertEqual(
			frappe.db.get_value("Survey Result Report", report.name, ["workflow_state", "return_reason"]),
			("Returned", "Thiếu bảng chéo theo độ tuổi."),
		)

	def test_no_self_approval_and_no_illegal_state(self):
		survey = self.analysed_survey()
		report = act(self.report(survey, user=LEADER), (LEADER, "Send for Approval"))
		self.assertRefused(lambda: act(report, (LEADER, "Approve and Issue")), "Self approval")
		# Straight to Issued by a save, not through the workflow.
		doc = frappe.get_doc("Survey Result Report", report.name)
		doc.workflow_state = "Issued"
		doc.docstatus = 1
		self.assertRefused(lambda: as_user(LEADER, doc.save), exception=frappe.ValidationError)
		# An officer may not approve.
		self.assertRefused(
			lambda: as_user(
				OFFICER, apply_workflow, frappe.get_doc(report.doctype, report.name), "Approve and Issue"
			),
			exception=frappe.ValidationError,
		)

	def test_results_are_reported_with_an_issued_report(self):
		survey = self.analysed_survey()
		report = self.report(survey)
		self.assertRefused(lambda: act(survey, (OFFICER, "Report Results")), "Survey Result Report")
		act(report, *ISSUED)
		self.assertEqual(act(survey, (OFFICER, "Report Results")).workflow_state, "Reported")

	def test_the_citys_own_report_is_issued_not_accepted(self):
		survey = act(
			make_survey(self.records, CITY_OFFICER, unit=CITY),
			(CITY_OFFICER, "Propose"),
			(MANAGER, "Approve"),
			(CITY_OFFICER, "Start Collection"),
			(CITY_OFFICER, "End Collection"),
		)
		report = act(
			self.report(survey, user=CITY_OFFICER),
			(CITY_OFFICER, "Send for Approval"),
			(MANAGER, "Approve and Issue"),
		)
		self.assertRegex(report.document_reference, r"^\d+-BC/KSTU$")
		self.assertRefused(lambda: act(report, (CITY_OFFICER, "Accept")), "city's own report")

	def test_only_a_survey_whose_collection_ended(self):
		survey = collecting_survey(self.records)
		self.assertRefused(lambda: self.report(survey), "Survey", "In Field")

	def test_a_sibling_unit_is_refused(self):
		survey = self.analysed_survey()
		report = self.report(survey)
		self.assertFalse(
			frappe.has_permission("Survey Result Report", "read", report.name, user=SIBLING_OFFICER)
		)
		self.assertNotIn(
			report.name,
			as_user(SIBLING_OFFICER, frappe.get_list, "Survey Result Report", pluck="name"),
		)
		with self.assertRaises(frappe.PermissionError):
			self.report(survey, user=SIBLING_OFFICER)
