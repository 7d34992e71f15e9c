# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe.utils import add_days, getdate, today

from dlxh_app.dlxh_planning.doctype.plan_adjustment_request.test_plan_adjustment_request import (
	CITY_OFFICER,
	DISTRICT_LEADER,
	MANAGER,
	OTHER_DISTRICT,
	SIBLING_OFFICER,
	WARD,
	WARD_LEADER,
	WARD_OFFICER,
	UnitRecordTestCase,
	as_user,
	issue_plan,
	listed,
)


class TestCoordinationRecord(UnitRecordTestCase):
	def record(self, user=WARD_OFFICER, **values):
		doc = frappe.get_doc(
			{
				"doctype": "Coordination Record",
				"partner_type": "State Agency",
				"partner_name": "Sở Thông tin và Truyền thông",
				"direction": "Information Received",
				"subject": "Thông tin về dự án chỉnh trang đô thị",
				"content": "<p>Sở cung cấp tiến độ giải phóng mặt bằng để định hướng dư luận.</p>",
			}
			| values
		)
		return as_user(user, doc.insert)

	def test_unit_officer_records_an_exchange(self):
		topics = frappe.get_all("Opinion Topic", filters={"is_group": 0}, pluck="name", limit=2)
		doc = self.record(
			plan=self.city_plan.name,
			follow_up="Phối hợp họp báo trong tháng tới",
			topics=[{"opinion_topic": topic} for topic in topics],
		)
		doc = frappe.get_doc(doc.doctype, doc.name)
		self.assertEqual(doc.unit, WARD)  # the user's unit, left empty
		self.assertEqual(getdate(doc.record_date), getdate(today()))
		self.assertEqual(doc.legal_basis, "238-QĐ/TW")
		self.assertEqual([row.opinion_topic for row in doc.topics], topics)
		self.assertEqual(doc.plan, self.city_plan.name)

	def test_record_date_cannot_be_in_the_future(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			self.record(record_date=add_days(today(), 1))
		self.assertIn("Date", str(caught.exception))
		self.assertIn("future", str(caught.exception))
		self.assertEqual(self.record(record_date=add_days(today(), -3)).unit, WARD)

	def test_plan_must_be_one_the_unit_works_under(self):
		sideways = issue_plan(OTHER_DISTRICT)
		with self.assertRaises(frappe.ValidationError) as caught:
			self.record(plan=sideways.name)
		self.assertIn("Plan", str(caught.exception))
		# A plan of a sibling unit, which the ward may not read, is not named.
		self.assertNotIn(sideways.name, str(caught.exception))
		self.assertIn("another unit", str(caught.exception))

	def test_only_the_unit_and_the_units_above_see_a_record(self):
		doc = self.record()
		sibling = self.record(SIBLING_OFFICER, partner_name="Ủy ban Mặt trận Tổ quốc phường")

		self.assertFalse(frappe.has_permission(doc.doctype, "read", doc=doc, user=SIBLING_OFFICER))
		for user in (WARD_LEADER, DISTRICT_LEADER, CITY_OFFICER, MANAGER):
			with self.subTest(user=user):
				self.assertTrue(frappe.has_permission(doc.doctype, "read", doc=doc, user=user))
				self.assertTrue(frappe.has_permission(doc.doctype, "write", doc=doc, user=user))

		self.assertEqual(listed(doc.doctype, WARD_OFFICER), {doc.name})
		self.assertEqual(listed(doc.doctype, SIBLING_OFFICER), {sibling.name})
		self.assertEqual(listed(doc.doctype, DISTRICT_LEADER), {doc.name, sibling.name})
		self.assertEqual(listed(doc.doctype, CITY_OFFICER), {doc.name, sibling.name})

		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.follow_up = "Sửa bởi đơn vị khác"
		with self.assertRaises(frappe.PermissionError):
			as_user(SIBLING_OFFICER, doc.save)

	def test_only_the_city_leaders_delete(self):
		doc = self.record()
		for user in (WARD_OFFICER, WARD_LEADER, CITY_OFFICER):
			with self.subTest(user=user):
				with self.assertRaises(frappe.PermissionError):
					as_user(user, frappe.delete_doc, doc.doctype, doc.name)
		as_user(MANAGER, frappe.delete_doc, doc.doctype, doc.name)
		self.assertFalse(frappe.db.exists(doc.doctype, doc.name))
