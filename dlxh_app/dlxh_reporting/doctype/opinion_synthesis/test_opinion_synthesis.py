# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe.model.workflow import WorkflowTransitionError

from dlxh_app.tests.reporting import (
	CITY,
	CITY_OFFICER,
	DISSOLVED,
	DISTRICT,
	LEADER,
	MANAGER,
	OFFICER,
	OTHER_TOPIC,
	SIBLING,
	SIBLING_LEADER,
	SIBLING_OFFICER,
	TOPIC,
	WARD,
	WARD_OFFICER,
	ReportingTestCase,
	as_user,
	at,
	reload,
)
from dlxh_app.tests.synthesis import (
	MAY_DISTRICT,
	MAY_SIBLING,
	MAY_WARD,
	SIGNER,
	SynthesisTestCase,
	make_synthesis,
	make_two_months,
	report,
	row,
)
from dlxh_app.tests.utils import act

TOPIC_FIELDS = (
	"topic",
	"positive",
	"negative",
	"mixed",
	"concerned",
	"total",
	"previous_total",
	"change",
	"units",
	"concerns",
)
COMPLIANCE_FIELDS = (
	"units_owing",
	"sent_on_time",
	"sent_late",
	"returned_not_resent",
	"not_sent",
	"not_yet_due",
	"reports_accepted",
	"reports_awaiting",
	"late_units",
	"missing_units",
)


def topic_rows(doc) -> list[dict]:
	return [{field: row.get(field) for field in TOPIC_FIELDS} for row in doc.topics]


class TestSynthesisFigures(SynthesisTestCase):
	def test_drafted_from_the_accepted_reports_of_the_period(self):
		make_two_months()
		synthesis = reload(make_synthesis())
		self.assertEqual(synthesis.issuing_unit, CITY)
		self.assertEqual(synthesis.title, "Tình hình dư luận xã hội tháng 05/2025")
		self.assertEqual(synthesis.workflow_state, "Draft")
		# The ward's report is only sent, not accepted: its item is in no row.
		self.assertEqual(
			topic_rows(synthesis),
			[
				{
					"topic": TOPIC,
					"positive": 1,
					"negative": 1,
					"mixed": 1,
					"concerned": 1,
					"total": 4,
					"previous_total": 2,
					"change": 2,
					"units": f"{DISTRICT}, {SIBLING}",
					# The three drawing the most interest; the sibling's (low, positive) is left out.
					"concerns": "\n".join(
						f"- “{MAY_DISTRICT[key]}” ({DISTRICT})" for key in ("concerned", "mixed", "negative")
					),
				},
				{
					"topic": OTHER_TOPIC,
					"positive": 0,
					"negative": 1,
					"mixed": 0,
					"concerned": 1,
					"total": 2,
					"previous_total": 3,
					"change": -1,
					"units": f"{DISTRICT}, {SIBLING}",
					"concerns": f"- “{MAY_DISTRICT['prices']}” ({DISTRICT})\n- “{MAY_SIBLING['prices']}” ({SIBLING})",
				},
			],
		)
		self.assertNotIn(MAY_WARD, str(topic_rows(synthesis)))
		self.assertEqual(
			{field: synthesis.get(field) for field in COMPLIANCE_FIELDS},
			{
				"units_owing": 4,
				"sent_on_time": 2,  # the district and the ward (sent, not yet accepted)
				"sent_late": 1,
				"returned_not_resent": 0,
				"not_sent": 1,
				"not_yet_due": 0,
				"reports_accepted": 2,
				"reports_awaiting": 1,
				"late_units": SIBLING,
				"missing_units": DISSOLVED,
			},
		)
		self.assertTrue(synthesis.built_on)

	def test_build_draft_draws_again_and_keeps_the_officers_text(self):
		ward_report = make_two_months()
		synthesis = make_synthesis()
		synthesis.topics[0].assessment = "Dư luận quan tâm cao."
		synthesis.recommendations = "<p>Đề nghị thông tin kịp thời.</p>"
		as_user(CITY_OFFICER, synthesis.save)
		act(ward_report, (CITY_OFFICER, "Accept"))

		self.assertEqual(as_user(CITY_OFFICER, reload(synthesis).build_draft), 2)
		synthesis = reload(synthesis)
		first = synthesis.topics[0]
		self.assertEqual((first.topic, first.negative, first.total, first.change), (TOPIC, 2, 5, 3))
		self.assertEqual(first.concerns.splitlines()[1], f"- “{MAY_WARD}” ({WARD})")
		self.assertEqual(first.assessment, "Dư luận quan tâm cao.")
		self.assertEqual(synthesis.recommendations, "<p>Đề nghị thông tin kịp thời.</p>")
		self.assertEqual((synthesis.reports_accepted, synthesis.reports_awaiting), (3, 0))

	def test_a_story_heard_in_several_units_counts_once(self):
		story = "Bà con phản ánh giá điện tăng cao trong mùa nắng nóng khiến đời sống khó khăn"
		report(
			OFFICER,
			LEADER,
			6,
			(10, 9),
			[
				row(OTHER_TOPIC, "Negative", "High", story + "."),
				row(OTHER_TOPIC, "Negative", "Medium", story + " hơn."),
				row(TOPIC, "Positive", "Low", "Đồng tình với chủ trương sắp xếp đơn vị hành chính."),
			],
		)
		report(
			SIBLING_OFFICER,
			SIBLING_LEADER,
			6,
			(11, 9),
			[
				row(OTHER_TOPIC, "Concerned", "Medium", "Nhiều nơi " + story[0].lower() + story[1:] + "."),
				row(OTHER_TOPIC, "Negative", "Low", "Người dân hỏi về lịch cắt điện luân phiên."),
			],
		)
		synthesis = reload(make_synthesis(period_month=6))
		by_topic = {row.topic: row for row in synthesis.topics}
		prices, merger = by_topic[OTHER_TOPIC], by_topic[TOPIC]
		self.assertEqual((prices.total, prices.stories), (4, 2))
		self.assertEqual((merger.total, merger.stories), (1, 1))
		self.assertEqual(prices.widely_heard, f"- “{story}.” (heard 3 times in: {DISTRICT}, {SIBLING})")
		self.assertFalse(merger.widely_heard)
		printed = frappe.get_print("Opinion Synthesis", synthesis.name)
		self.assertIn("04 ý kiến về 02 sự việc", printed)
		self.assertIn(f"<p>{prices.widely_heard}</p>", printed)

	def test_a_month_without_accepted_reports(self):
		synthesis = make_synthesis(period_month=3)
		self.assertEqual(len(synthesis.topics), 0)
		self.assertEqual((synthesis.units_owing, synthesis.not_sent), (4, 4))
		self.assertEqual(synthesis.missing_units, ", ".join((DISTRICT, WARD, SIBLING, DISSOLVED)))

	def test_period_defaults_to_the_current_month(self):
		with at(2025, 5, 25, 9, 0):
			synthesis = make_synthesis(period_year=None, period_month=None, title="")
		self.assertEqual((synthesis.period_year, synthesis.period_month), (2025, 5))
		self.assertEqual(synthesis.title, "Tình hình dư luận xã hội tháng 05/2025")

	def test_future_period_is_refused(self):
		with at(2025, 5, 25, 9, 0):
			self.assertRefused(lambda: make_synthesis(period_month=6), "06/2025", "future")

	def test_one_synthesis_per_period(self):
		first = make_synthesis()
		self.assertRefused(make_synthesis, "05/2025", first.name)
		self.assertEqual(make_synthesis(period_month=4).period_month, 4)
		# A cancelled synthesis no longer counts.
		act(first, (CITY_OFFICER, "Send for Approval"), (MANAGER, "Issue"), (MANAGER, "Cancel"))
		self.assertEqual(make_synthesis().docstatus, 0)


class TestSynthesisWorkflow(SynthesisTestCase):
	def test_officer_drafts_manager_issues_with_the_next_report_number(self):
		synthesis = act(make_synthesis(), (CITY_OFFICER, "Send for Approval"))
		self.assertEqual(synthesis.workflow_state, "Pending Approval")
		self.assertRefused(lambda: act(synthesis, (CITY_OFFICER, "Issue")), exception=WorkflowTransitionError)
		issued = reload(act(synthesis, (MANAGER, "Issue")))
		self.assertEqual((issued.docstatus, issued.workflow_state), (1, "Issued"))
		self.assertEqual(issued.document_reference, "01-BC/BCTU")
		self.assertEqual((issued.signer_name, issued.signer_title), (SIGNER, "PHÓ TRƯỞNG BAN"))
		self.assertTrue(issued.document_date)

		issued.situation_summary = "<p>Sửa sau khi ban hành</p>"
		self.assertRefused(lambda: as_user(MANAGER, issued.save), exception=frappe.UpdateAfterSubmitError)
		second = act(make_synthesis(period_month=4), (CITY_OFFICER, "Send for Approval"), (MANAGER, "Issue"))
		self.assertEqual(second.document_reference, "02-BC/BCTU")

	def test_nobody_issues_their_own_synthesis(self):
		synthesis = act(make_synthesis(MANAGER), (MANAGER, "Send for Approval"))
		self.assertRefused(lambda: act(synthesis, (MANAGER, "Issue")), "Self approval")
		self.assertEqual(reload(synthesis).workflow_state, "Pending Approval")

	def test_issuing_needs_a_signer(self):
		synthesis = act(make_synthesis(), (CITY_OFFICER, "Send for Approval"))
		synthesis.signer_name = ""
		as_user(MANAGER, synthesis.save)
		self.assertRefused(lambda: act(synthesis, (MANAGER, "Issue")), "Signer Name")

	def test_returned_with_a_reason_revised_and_sent_again(self):
		synthesis = act(make_synthesis(), (CITY_OFFICER, "Send for Approval"))
		self.assertRefused(lambda: act(synthesis, (MANAGER, "Return")), "Return Reason")
		as_user(MANAGER, reload(synthesis).return_for_revision, "  Bổ sung kiến nghị  ")
		returned = reload(synthesis)
		self.assertEqual((returned.workflow_state, returned.return_reason), ("Returned", "Bổ sung kiến nghị"))
		comments = frappe.get_all(
			"Comment",
			{"reference_doctype": "Opinion Synthesis", "reference_name": synthesis.name},
			pluck="content",
		)
		self.assertTrue(any("Bổ sung kiến nghị" in comment for comment in comments))

		returned.recommendations = "<p>Đề nghị tăng cường thông tin.</p>"
		as_user(CITY_OFFICER, returned.save)
		as_user(CITY_OFFICER, reload(returned).build_draft)
		resent = reload(act(returned, (CITY_OFFICER, "Send for Approval")))
		self.assertEqual((resent.workflow_state, resent.return_reason), ("Pending Approval", ""))

	def test_content_is_frozen_while_waiting_for_approval(self):
		synthesis = reload(act(make_synthesis(), (CITY_OFFICER, "Send for Approval")))
		synthesis.situation_summary = "<p>Đổi sau khi đã trình</p>"
		self.assertRefused(lambda: as_user(MANAGER, synthesis.save), "Situation Summary")
		self.assertRefused(lambda: as_user(MANAGER, reload(synthesis).build_draft), "Pending Approval")
		synthesis = reload(synthesis)
		synthesis.recipients = "- Thường trực Thành ủy;\n- Lưu: VT."
		as_user(MANAGER, synthesis.save)


class TestSynthesisAccess(SynthesisTestCase):
	def test_unit_users_have_no_access(self):
		synthesis = make_synthesis()
		for user in (OFFICER, LEADER, WARD_OFFICER):
			with self.subTest(user=user):
				self.assertFalse(frappe.has_permission("Opinion Synthesis", "read", user=user))
				self.assertFalse(frappe.has_permission("Opinion Synthesis", "read", doc=synthesis, user=user))
				self.assertRefused(
					lambda user=user: as_user(user, frappe.get_list, "Opinion Synthesis"),
					exception=frappe.PermissionError,
				)
				self.assertRefused(
					lambda user=user: make_synthesis(user, period_month=4), exception=frappe.PermissionError
				)
		self.assertTrue(frappe.has_permission("Opinion Synthesis", "read", doc=synthesis, user=MANAGER))
