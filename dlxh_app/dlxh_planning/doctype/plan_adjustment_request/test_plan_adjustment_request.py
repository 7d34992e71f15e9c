# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.utils import add_days, getdate, today

from dlxh_app.tests.base import SharedFixtureTestCase
from dlxh_app.tests.utils import act, as_user, in_language, make_city_unit, make_plan, make_unit, make_user

# The city department and its office; a district with two wards; another district.
CITY = "Ban Tuyên giáo Thành ủy (đề nghị)"
OFFICE = "Phòng Thông tin - Tổng hợp (đề nghị)"
DISTRICT = "Ban Tuyên giáo Quận ủy Ninh Kiều (đề nghị)"
WARD = "Đảng ủy phường An Hòa (đề nghị)"
SIBLING_WARD = "Đảng ủy phường Tân An (đề nghị)"
OTHER_DISTRICT = "Ban Tuyên giáo Quận ủy Bình Thủy (đề nghị)"
UNITS = (CITY, OFFICE, DISTRICT, WARD, SIBLING_WARD, OTHER_DISTRICT)

CITY_OFFICER = "par.city.officer@test.local"
MANAGER = "par.manager@test.local"
DISTRICT_LEADER = "par.district.leader@test.local"
WARD_OFFICER = "par.ward.officer@test.local"
WARD_LEADER = "par.ward.leader@test.local"
SIBLING_OFFICER = "par.sibling.officer@test.local"
OTHER_DISTRICT_OFFICER = "par.other.officer@test.local"

YEAR = getdate(today()).year


def make_fixture():
	"""The unit tree and one user per place in it; the city's issued plan, returned."""
	make_city_unit(CITY, "DNBTGTU", "Thành ủy Đề Nghị")
	make_unit(OFFICE, unit_type="Department Office", abbreviation="DNPTT", parent_dlxh_unit=CITY)
	for name in (DISTRICT, OTHER_DISTRICT):
		make_unit(name, parent_dlxh_unit=CITY, is_group=1, abbreviation="DNBTGQU", parent_body_line=name)
	for name in (WARD, SIBLING_WARD):
		make_unit(
			name,
			unit_type="Commune/Ward Party Committee",
			parent_dlxh_unit=DISTRICT,
			abbreviation="DNĐU",
			parent_body_line=name,
		)
	make_user(CITY_OFFICER, ["DLXH City Officer"], OFFICE)
	make_user(MANAGER, ["DLXH Manager"], CITY)
	make_user(DISTRICT_LEADER, ["DLXH Unit Leader"], DISTRICT)
	make_user(WARD_OFFICER, ["DLXH Unit Officer"], WARD)
	make_user(WARD_LEADER, ["DLXH Unit Leader"], WARD)
	make_user(SIBLING_OFFICER, ["DLXH Unit Officer"], SIBLING_WARD)
	make_user(OTHER_DISTRICT_OFFICER, ["DLXH Unit Officer"], OTHER_DISTRICT)
	return issue_plan(CITY)


def issue_plan(unit):
	plan = as_user(CITY_OFFICER, make_plan, unit, YEAR)
	return act(plan, (CITY_OFFICER, "Send for Approval"), (MANAGER, "Approve"), (CITY_OFFICER, "Issue"))


def listed(doctype, user):
	"""What `user` gets in the list of `doctype`, among the fixture's records."""
	return set(as_user(user, frappe.get_list, doctype, filters={"unit": ["in", UNITS]}, pluck="name"))


class UnitRecordTestCase(SharedFixtureTestCase):
	@classmethod
	def make_fixture(cls):
		cls.city_plan = make_fixture()

	def assertRefused(self, run, *words, exception=frappe.ValidationError):
		with self.assertRaises(exception) as caught:
			run()
		for word in words:
			self.assertIn(word, str(caught.exception))
		return caught.exception


class TestPlanAdjustmentRequest(UnitRecordTestCase):
	def request(self, user=WARD_OFFICER, **values):
		doc = frappe.get_doc(
			{
				"doctype": "Plan Adjustment Request",
				"plan": self.city_plan.name,
				"activity_reference": "II.3",
				"subject": "Chưa đủ kinh phí khảo sát",
				"description": "<p>Đơn vị chưa được bố trí kinh phí cho cuộc khảo sát quý II.</p>",
				"proposal": "Lùi thời gian khảo sát sang quý III",
			}
			| values
		)
		return as_user(user, doc.insert)

	def reload(self, doc):
		return frappe.get_doc(doc.doctype, doc.name)

	def answered(self, response="<p>Đồng ý lùi sang quý III.</p>"):
		doc = self.request()
		frappe.db.set_value(doc.doctype, doc.name, "response", response)
		return act(doc, (CITY_OFFICER, "Answer"))

	def test_unit_officer_requests_adjustment_of_the_city_plan(self):
		doc = self.request()
		self.assertEqual(doc.unit, WARD)  # the user's unit, left empty
		self.assertEqual(doc.workflow_state, "Open")
		self.assertEqual(getdate(doc.request_date), getdate(today()))
		self.assertTrue(doc.name.startswith(f"DNDC-{YEAR}-"))
		self.assertEqual(doc.owner, WARD_OFFICER)

	def test_only_the_unit_and_the_units_above_see_a_request(self):
		doc = self.request()
		sibling = self.request(SIBLING_OFFICER, subject="Thiếu cộng tác viên")
		other = self.request(OTHER_DISTRICT_OFFICER, subject="Trùng lịch hội nghị")

		for user, allowed in (
			(SIBLING_OFFICER, False),
			(OTHER_DISTRICT_OFFICER, False),
			(WARD_LEADER, True),
			(DISTRICT_LEADER, True),
			(CITY_OFFICER, True),
			(MANAGER, True),
		):
			with self.subTest(user=user):
				self.assertEqual(frappe.has_permission(doc.doctype, "read", doc=doc, user=user), allowed)

		self.assertEqual(listed(doc.doctype, WARD_OFFICER), {doc.name})
		self.assertEqual(listed(doc.doctype, SIBLING_OFFICER), {sibling.name})
		self.assertEqual(listed(doc.doctype, DISTRICT_LEADER), {doc.name, sibling.name})
		self.assertEqual(listed(doc.doctype, OTHER_DISTRICT_OFFICER), {other.name})
		self.assertEqual(listed(doc.doctype, CITY_OFFICER), {doc.name, sibling.name, other.name})

		doc = self.reload(doc)
		doc.subject = "Sửa bởi đơn vị khác"
		self.assertRefused(lambda: as_user(SIBLING_OFFICER, doc.save), exception=frappe.PermissionError)

	def test_unit_cannot_request_for_a_unit_outside_its_reach(self):
		self.assertRefused(lambda: self.request(SIBLING_OFFICER, unit=WARD), exception=frappe.PermissionError)

	def test_unit_cannot_write_the_response(self):
		doc = self.request(response="<p>Tự trả lời</p>", responded_by=WARD_OFFICER)
		self.assertIsNone(frappe.db.get_value(doc.doctype, doc.name, "response"))
		self.assertIsNone(frappe.db.get_value(doc.doctype, doc.name, "responded_by"))

		doc = self.reload(doc)
		doc.response = "<p>Tự trả lời</p>"
		doc.proposal = "Lùi sang quý IV"
		as_user(WARD_OFFICER, doc.save)
		self.assertEqual(
			frappe.db.get_value(doc.doctype, doc.name, ["response", "proposal"]), (None, "Lùi sang quý IV")
		)

	def test_city_answers_with_a_response(self):
		doc = self.request()
		# The unit cannot answer its own request.
		self.assertRefused(lambda: act(doc, (WARD_LEADER, "Answer")), exception=WorkflowTransitionError)

		with in_language("vi"):
			self.assertRefused(
				lambda: act(doc, (CITY_OFFICER, "Answer")), "Nội dung trả lời", "trả lời đề nghị"
			)
		self.assertRefused(lambda: act(doc, (CITY_OFFICER, "Answer")), "Response", "required")
		doc = self.reload(doc)
		self.assertEqual(doc.workflow_state, "Open")

		# Written in the form, saved, then answered: the desk's way.
		doc.response = "<p>Đồng ý lùi sang quý III.</p>"
		as_user(CITY_OFFICER, doc.save)
		doc = act(doc, (CITY_OFFICER, "Answer"))
		doc = self.reload(doc)
		self.assertEqual(doc.workflow_state, "Answered")
		self.assertEqual(doc.responded_by, CITY_OFFICER)
		self.assertEqual(getdate(doc.response_date), getdate(today()))

	def test_state_cannot_be_set_without_the_workflow(self):
		doc = self.reload(self.request())
		doc.workflow_state = "Closed"
		self.assertRefused(lambda: as_user(CITY_OFFICER, doc.save), exception=WorkflowPermissionError)

	def test_unit_reopens_or_closes_an_answer(self):
		doc = self.answered()
		# Only the unit judges whether the answer settles its problem.
		self.assertRefused(lambda: act(doc, (CITY_OFFICER, "Reopen")), exception=WorkflowTransitionError)
		doc = act(doc, (WARD_OFFICER, "Reopen"))
		self.assertEqual(self.reload(doc).workflow_state, "Open")
		# The first answer stays on record until the city answers again.
		self.assertEqual(self.reload(doc).responded_by, CITY_OFFICER)

		frappe.db.set_value(doc.doctype, doc.name, "response", "<p>Bố trí kinh phí bổ sung.</p>")
		doc = act(doc, (MANAGER, "Answer"), (WARD_LEADER, "Close"))
		doc = self.reload(doc)
		self.assertEqual((doc.workflow_state, doc.responded_by), ("Closed", MANAGER))

		# The city may close an answered request too.
		doc = act(self.answered(), (CITY_OFFICER, "Close"))
		self.assertEqual(self.reload(doc).workflow_state, "Closed")

	def test_only_the_unit_withdraws_an_open_request(self):
		doc = self.request()
		self.assertRefused(lambda: act(doc, (CITY_OFFICER, "Close")), exception=WorkflowTransitionError)
		self.assertRefused(lambda: act(doc, (SIBLING_OFFICER, "Close")), exception=frappe.PermissionError)
		act(doc, (WARD_OFFICER, "Close"))
		self.assertEqual(self.reload(doc).workflow_state, "Closed")

	def test_closed_request_is_read_only(self):
		doc = act(self.request(), (WARD_OFFICER, "Close"))
		for user in (WARD_OFFICER, CITY_OFFICER, "Administrator"):
			with self.subTest(user=user):
				doc = self.reload(doc)
				doc.proposal = "Đề xuất mới"
				self.assertRefused(lambda: as_user(user, doc.save), doc.name, "closed")
		self.assertEqual(
			frappe.db.get_value(doc.doctype, doc.name, "proposal"), "Lùi thời gian khảo sát sang quý III"
		)

	def test_plan_must_be_the_units_own_or_issued_above_it(self):
		# Its own plan, even in draft, and a plan issued by a unit above it.
		own = make_plan(WARD, YEAR)
		self.assertEqual(self.request(plan=own.name).plan, own.name)
		above = issue_plan(DISTRICT)
		self.assertEqual(self.request(plan=above.name).plan, above.name)

		# Plans the ward may not read are not named to it.
		sideways = issue_plan(OTHER_DISTRICT)
		self.assertRefused(lambda: self.request(plan=sideways.name), "Plan", "another unit")
		not_yet_issued = make_plan(CITY, YEAR + 1)
		self.assertRefused(lambda: self.request(plan=not_yet_issued.name), "Plan", "another unit")
		# The district reads the ward's plan, but works under its own and those above.
		self.assertRefused(
			lambda: self.request(DISTRICT_LEADER, plan=own.name, unit=DISTRICT), "Plan", own.name, "neither"
		)
		# Cancelled, the district's plan is no longer addressed to the ward; the district is told why.
		act(above, (MANAGER, "Cancel"))
		self.assertRefused(lambda: self.request(plan=above.name), "Plan", "another unit")
		self.assertRefused(
			lambda: self.request(DISTRICT_LEADER, plan=above.name, unit=DISTRICT),
			"Plan",
			above.name,
			"cancelled",
		)

	def test_request_date_cannot_be_in_the_future(self):
		self.assertRefused(lambda: self.request(request_date=add_days(today(), 1)), "Request Date", "future")
