"""The demo data of `make run`: it loads, loads only once, and shows each plan to the right users."""

import frappe

from dlxh_app.setup.demo import get_demo_logins, make_demo
from dlxh_app.tests.base import IntegrationTestCase

CITY = "Ban Tuyên giáo Thành ủy Cần Thơ"
NINH_KIEU = "Quận ủy Ninh Kiều"
BINH_THUY = "Quận ủy Bình Thủy"
COUNTED = (
	"DLXH Unit",
	"DLXH Unit Successor",
	"User",
	"Has Role",
	"DLXH Plan",
	"DLXH Plan Activity",
	"DLXH Document Counter",
	"Version",
)


def plan_of(unit: str) -> frappe._dict:
	return frappe.db.get_value(
		"DLXH Plan",
		{"issuing_unit": unit, "plan_year": 2025},
		["name", "workflow_state", "docstatus", "document_reference", "parent_plan", "owner", "progress"],
		as_dict=True,
	)


class TestDemo(IntegrationTestCase):
	def setUp(self):
		make_demo()
		self.city, self.ninh_kieu, self.binh_thuy = (plan_of(unit) for unit in (CITY, NINH_KIEU, BINH_THUY))

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def visible_plans(self, user: str) -> set[str]:
		frappe.set_user(user)
		try:
			return set(frappe.get_list("DLXH Plan", pluck="name"))
		finally:
			frappe.set_user("Administrator")

	def test_second_run_changes_nothing(self):
		counts = {doctype: frappe.db.count(doctype) for doctype in COUNTED}
		last_change = frappe.db.sql("select max(modified) from `tabDLXH Plan`")[0][0]
		make_demo()
		self.assertEqual({doctype: frappe.db.count(doctype) for doctype in COUNTED}, counts)
		self.assertEqual(frappe.db.sql("select max(modified) from `tabDLXH Plan`")[0][0], last_change)

	def test_nothing_is_committed(self):
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("DLXH Unit", CITY))
		self.assertFalse(frappe.db.exists("User", "officer@dlxh.local"))

	def test_units_of_january_2025_and_their_successors(self):
		reporting = frappe.get_all(
			"DLXH Unit", filters={"is_reporting_unit": 1, "valid_from": ("is", "not set")}, pluck="unit_type"
		)
		self.assertEqual(reporting.count("District Party Committee"), 9)
		self.assertEqual(reporting.count("Fatherland Front"), 1)
		self.assertEqual(reporting.count("Socio-political Organisation"), 5)
		successors = frappe.get_all(
			"DLXH Unit Successor", filters={"parent": NINH_KIEU}, fields=["successor_unit", "effective_date"]
		)
		self.assertIn("Đảng ủy phường Ninh Kiều", [row.successor_unit for row in successors])
		self.assertEqual({str(row.effective_date) for row in successors}, {"2025-07-01"})
		# Every unit but the department is below it, so its issued plans reach them all.
		self.assertEqual(
			frappe.get_all("DLXH Unit", filters={"parent_dlxh_unit": ("is", "not set")}, pluck="name"), [CITY]
		)

	def test_users_log_in_with_their_role_and_unit(self):
		logins = get_demo_logins()
		self.assertEqual(len(logins), 7)
		for login in logins:
			user = frappe.get_doc("User", login["email"])
			self.assertIn(login["role"], frappe.get_roles(user.name))
			self.assertEqual(user.dlxh_unit, login["unit"])
			self.assertEqual(user.language, "vi")
		self.assertEqual(frappe.db.get_single_value("DLXH Settings", "city_unit"), CITY)

	def test_city_plan_is_the_seed_issued(self):
		plan = frappe.get_doc("DLXH Plan", self.city.name)
		self.assertEqual((plan.workflow_state, plan.docstatus), ("Issued", 1))
		self.assertRegex(plan.document_reference, r"^\d{2}-KH/BTGTU$")
		self.assertEqual(plan.party_term, "2020-2025")
		self.assertEqual(plan.owner, "officer@dlxh.local")
		self.assertEqual(str(plan.document_date), "2025-01-15")
		self.assertEqual(len(plan.activities), 5)
		self.assertTrue(plan.activities[2].content.startswith("<p>Đây mạnh ứng dụng"))  # the seed's typo kept
		self.assertEqual([row.legal_document for row in plan.legal_bases], ["1475-QĐ/TU", "185-HD/BTGTW"])
		self.assertEqual(plan.planned_surveys, 3)
		self.assertEqual(plan.recipients.splitlines()[-1], "- Lưu: PTT-TH, VT.")
		self.assertEqual(plan.progress, 40)

	def test_district_plans_derive_from_the_city_plan(self):
		self.assertEqual(self.ninh_kieu.parent_plan, self.city.name)
		self.assertEqual(self.ninh_kieu.workflow_state, "Issued")
		self.assertRegex(self.ninh_kieu.document_reference, r"^\d{2}-KH/BTGQU$")
		self.assertEqual(self.binh_thuy.parent_plan, self.city.name)
		self.assertEqual((self.binh_thuy.workflow_state, self.binh_thuy.docstatus), ("Pending Approval", 0))

	def test_each_user_sees_the_plans_of_their_unit_and_the_issued_plans_above(self):
		city, ninh_kieu, binh_thuy = self.city.name, self.ninh_kieu.name, self.binh_thuy.name
		self.assertEqual(self.visible_plans("officer.ninhkieu@dlxh.local"), {city, ninh_kieu})
		self.assertEqual(self.visible_plans("leader.ninhkieu@dlxh.local"), {city, ninh_kieu})
		self.assertEqual(self.visible_plans("officer.binhthuy@dlxh.local"), {city, binh_thuy})
		for city_user in ("officer@dlxh.local", "manager@dlxh.local"):
			self.assertLessEqual({city, ninh_kieu, binh_thuy}, self.visible_plans(city_user))
