# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe.model.workflow import apply_workflow

from dlxh_app.tests.base import SharedFixtureTestCase
from dlxh_app.tests.utils import act, in_language, make_city_unit, make_plan, make_unit, make_user

CITY = "Ban Tuyên giáo Thành ủy (thử)"
DISTRICT = "Quận ủy Thử Nghiệm"
OTHER_DISTRICT = "Quận ủy Bên Cạnh"
OFFICER = "plan.officer@test.local"
MANAGER = "plan.manager@test.local"
UNIT_OFFICER = "plan.unit.officer@test.local"
UNIT_LEADER = "plan.unit.leader@test.local"


def make_fixture():
	make_city_unit(CITY, "TBTGTU", "Thành ủy Thử")
	for name in (DISTRICT, OTHER_DISTRICT):
		make_unit(
			name,
			parent_dlxh_unit=CITY,
			abbreviation="TBTGQU",
			parent_body_line=name,
			is_reporting_unit=1,
			valid_to="2025-06-30",
		)
	make_user(OFFICER, ["DLXH City Officer"], CITY)
	make_user(MANAGER, ["DLXH Manager"], CITY)
	make_user(UNIT_OFFICER, ["DLXH Unit Officer"], DISTRICT)
	make_user(UNIT_LEADER, ["DLXH Unit Leader"], DISTRICT)


class PlanTestCase(SharedFixtureTestCase):
	@classmethod
	def make_fixture(cls):
		make_fixture()

	def draft(self, user=OFFICER, unit=CITY, year=2025, **values):
		frappe.set_user(user)
		try:
			return make_plan(unit, year, **values)
		finally:
			frappe.set_user("Administrator")

	def issued(self, **values):
		plan = self.draft(**values)
		return act(plan, (OFFICER, "Send for Approval"), (MANAGER, "Approve"), (OFFICER, "Issue"))

	def assertRefused(self, run, *words, exception=frappe.ValidationError):
		with self.assertRaises(exception) as caught:
			run()
		for word in words:
			self.assertIn(word, str(caught.exception))


class TestPlanWorkflow(PlanTestCase):
	def test_issue_gives_the_next_party_number(self):
		term = frappe.db.get_single_value("DLXH Settings", "current_party_term")
		first = self.issued()
		self.assertEqual((first.docstatus, first.workflow_state), (1, "Issued"))
		self.assertEqual(first.document_reference, "01-KH/TBTGTU")
		self.assertEqual((first.document_number, first.party_term), (1, term))
		self.assertTrue(first.document_date)
		second = self.issued(year=2026, title="Công tác dư luận xã hội năm 2026")
		self.assertEqual(second.document_reference, "02-KH/TBTGTU")

	def test_nobody_approves_their_own_plan(self):
		plan = act(self.draft(user=MANAGER), (MANAGER, "Send for Approval"))
		frappe.set_user(MANAGER)
		self.assertRefused(lambda: apply_workflow(plan, "Approve"))
		self.assertEqual(frappe.db.get_value("DLXH Plan", plan.name, "workflow_state"), "Pending Approval")

	def test_unit_plan_is_approved_by_its_leader_not_by_its_officer(self):
		plan = act(self.draft(user=UNIT_OFFICER, unit=DISTRICT), (UNIT_OFFICER, "Send for Approval"))
		frappe.set_user(UNIT_OFFICER)
		self.assertRefused(lambda: apply_workflow(plan, "Approve"))
		plan = act(plan, (UNIT_LEADER, "Approve"), (UNIT_OFFICER, "Issue"))
		self.assertEqual(plan.document_reference, "01-KH/TBTGQU")

	def test_return_needs_a_reason_and_keeps_it(self):
		plan = act(self.draft(), (OFFICER, "Send for Approval"))
		frappe.set_user(MANAGER)
		self.assertRefused(lambda: apply_workflow(plan, "Return"), "Return Reason")
		frappe.get_doc("DLXH Plan", plan.name).return_for_revision("  Bổ sung hoạt động điều tra  ")
		frappe.set_user("Administrator")
		returned = frappe.get_doc("DLXH Plan", plan.name)
		self.assertEqual(
			(returned.workflow_state, returned.return_reason), ("Returned", "Bổ sung hoạt động điều tra")
		)
		comments = frappe.get_all(
			"Comment", {"reference_doctype": "DLXH Plan", "reference_name": plan.name}, pluck="content"
		)
		self.assertTrue(any("Bổ sung hoạt động điều tra" in comment for comment in comments))
		resent = act(returned, (OFFICER, "Send for Approval"))
		self.assertEqual(resent.workflow_state, "Pending Approval")

	def test_content_is_frozen_while_waiting_for_approval(self):
		plan = act(self.draft(), (OFFICER, "Send for Approval"))
		plan = frappe.get_doc("DLXH Plan", plan.name)
		plan.purposes = "<p>Đổi mục đích sau khi đã trình</p>"
		self.assertRefused(plan.save, "Purposes and Requirements")
		plan.reload()
		plan.activities[0].content = "Đổi hoạt động"
		self.assertRefused(plan.save, "Activities")
		plan.reload()
		plan.signer_name = "Người Ký Khác"
		plan.save()

	def test_issuing_without_signer_is_refused_and_nothing_changes(self):
		plan = act(
			self.draft(signer_name="", signer_title=""), (OFFICER, "Send for Approval"), (MANAGER, "Approve")
		)
		frappe.set_user(OFFICER)
		self.assertRefused(lambda: apply_workflow(plan, "Issue"), "Signer")
		frappe.set_user("Administrator")
		stored = frappe.db.get_value(
			"DLXH Plan", plan.name, ["docstatus", "workflow_state", "document_number"]
		)
		self.assertEqual(tuple(stored), (0, "Approved", 0))
		self.assertFalse(frappe.db.exists("DLXH Document Counter", {"issuing_unit": CITY}))

	def test_issued_plan_is_immutable_but_tracks_progress(self):
		plan = self.issued(
			activities=[
				{"content": "Hoạt động một", "status": "Done"},
				{"content": "Hoạt động hai"},
				{"content": "Hoạt động ba", "status": "Cancelled"},
			]
		)
		self.assertEqual(plan.progress, 50)
		plan = frappe.get_doc("DLXH Plan", plan.name)
		plan.activities[1].status = "Done"
		plan.activities[1].status_note = "Đã hoàn thành trong quý II"
		plan.save()
		self.assertEqual(frappe.db.get_value("DLXH Plan", plan.name, "progress"), 100)

		plan.reload()
		plan.title = "Tên khác"
		self.assertRefused(plan.save, exception=frappe.UpdateAfterSubmitError)
		plan.reload()
		plan.activities[0].content = "Sửa nội dung"
		self.assertRefused(plan.save, exception=frappe.UpdateAfterSubmitError)
		plan.reload()
		plan.activities.pop()
		self.assertRefused(plan.save, "Activities")

	def test_amendment_keeps_the_issued_original(self):
		original = self.issued()
		original = act(original, (MANAGER, "Cancel"))
		self.assertEqual(original.docstatus, 2)
		frappe.set_user(OFFICER)
		# What the desk's Amend button does: a draft copy that points to the cancelled original.
		amendment = frappe.copy_doc(original, ignore_no_copy=False)
		amendment.docstatus = 0
		amendment.amended_from = original.name
		amendment.purposes = "<p>Mục đích đã sửa đổi</p>"
		amendment.insert()
		frappe.set_user("Administrator")
		self.assertEqual(amendment.name, f"{original.name}-1")
		self.assertEqual((amendment.workflow_state, amendment.document_reference), ("Draft", None))
		amendment = act(amendment, (OFFICER, "Send for Approval"), (MANAGER, "Approve"), (OFFICER, "Issue"))
		self.assertEqual(amendment.document_reference, "02-KH/TBTGTU")
		self.assertEqual(
			frappe.db.get_value("DLXH Plan", original.name, "document_reference"), "01-KH/TBTGTU"
		)


class TestPlanBadInput(PlanTestCase):
	def test_one_plan_per_unit_and_year(self):
		self.draft()
		self.assertRefused(self.draft, "Plan Year", "2025", CITY)
		self.assertEqual(frappe.db.count("DLXH Plan", {"issuing_unit": CITY}), 1)
		self.draft(unit=DISTRICT, user=UNIT_OFFICER)

	def test_activity_ending_before_it_starts(self):
		activities = [{"content": "Điều tra", "start_date": "2025-05-01", "end_date": "2025-04-30"}]
		self.assertRefused(lambda: self.draft(activities=activities), "End Date", "row 1")

	def test_unit_that_did_not_exist_in_the_year(self):
		self.assertRefused(lambda: self.draft(unit=DISTRICT, year=2026), "Issuing Unit", "2026")
		with in_language("vi"):
			self.assertRefused(lambda: self.draft(unit=DISTRICT, year=2026), "không tồn tại trong năm 2026.")

	def test_unknown_unit_and_topic(self):
		self.assertRefused(lambda: self.draft(unit="Quận ủy Không Có"), "Issuing Unit")
		self.assertRefused(lambda: self.draft(topics=[{"opinion_topic": "Chủ đề không có"}]), "Opinion Topic")

	def test_year_out_of_range(self):
		self.assertRefused(lambda: self.draft(year=1990), "Plan Year")

	def test_parent_plan_of_a_unit_above_for_the_same_year(self):
		city_plan = self.issued()
		district_plan = self.draft(user=UNIT_OFFICER, unit=DISTRICT, parent_plan=city_plan.name)
		self.assertEqual(district_plan.parent_plan, city_plan.name)
		self.assertRefused(
			lambda: self.draft(user=OFFICER, unit=OTHER_DISTRICT, parent_plan=district_plan.name),
			"Parent Plan",
		)
		next_year = self.draft(year=2026, title="Năm 2026")
		self.assertRefused(
			lambda: self.draft(unit=OTHER_DISTRICT, parent_plan=next_year.name), "Parent Plan", "2026"
		)

	def test_a_plan_the_unit_may_not_read_is_not_named(self):
		# The city's draft is not addressed to the district yet: the message says no more than that.
		city_draft = self.draft()
		self.assertRefused(
			lambda: self.draft(user=UNIT_OFFICER, unit=DISTRICT, parent_plan=city_draft.name),
			"Parent Plan",
			"another unit",
		)

	def test_unit_defaults_to_the_users_unit_and_place(self):
		frappe.set_user(UNIT_OFFICER)
		plan = frappe.get_doc(
			{"doctype": "DLXH Plan", "title": "Kế hoạch quận", "plan_year": 2025, "activities": []}
		).insert()
		self.assertEqual(plan.issuing_unit, DISTRICT)
