import frappe
from frappe.utils import add_days, today

from dlxh_app.dlxh_collaborators.api import get_coverage
from dlxh_app.dlxh_collaborators.regulation import remind_outdated_units
from dlxh_app.tests.collaborators import (
	CITY,
	CITY_OFFICER,
	DISTRICT,
	DISTRICT_OFFICER,
	SIBLING_OFFICER,
	WARD,
	WARD_OFFICER,
	CollaboratorTestCase,
)
from dlxh_app.tests.utils import as_user, insert_as


class TestRegulation(CollaboratorTestCase):
	@classmethod
	def make_fixture(cls):
		super().make_fixture()
		frappe.db.delete("Collaborator Regulation Adoption")
		frappe.db.delete("Collaborator Regulation")
		cls.versions = {}
		for version, effective_from, effective_to in (
			(1, "2022-03-01", "2025-12-31"),
			(2, "2025-10-15", None),
		):
			cls.versions[version] = insert_as(
				CITY_OFFICER,
				{
					"doctype": "Collaborator Regulation",
					"title": "Quy chế hoạt động của đội ngũ cộng tác viên dư luận xã hội",
					"version": version,
					"issuing_unit": CITY,
					"document_number": f"0{version}-QĐ/BTGTU",
					"effective_from": effective_from,
					"effective_to": effective_to,
				},
			).name
		cls.adoption = insert_as(
			WARD_OFFICER,
			{
				"doctype": "Collaborator Regulation Adoption",
				"regulation": cls.versions[1],
				"adopted_on": "2022-05-01",
			},
		).name

	def reminders(self, user):
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": user, "document_type": "Collaborator Regulation"},
			pluck="document_name",
		)

	def test_units_see_which_version_they_apply(self):
		rows = {row["unit"]: row for row in as_user(DISTRICT_OFFICER, get_coverage)}
		self.assertEqual(rows[WARD]["regulation"], {"adopted": 1, "current": 2, "outdated": True})
		self.assertEqual(rows[DISTRICT]["regulation"], {"adopted": None, "current": 2, "outdated": True})
		as_user(
			WARD_OFFICER,
			frappe.get_doc(
				{
					"doctype": "Collaborator Regulation Adoption",
					"regulation": self.versions[2],
					"adopted_on": today(),
					"decision_number": "15-QĐ/ĐU",
				}
			).insert,
		)
		rows = {row["unit"]: row for row in as_user(WARD_OFFICER, get_coverage)}
		self.assertEqual(rows[WARD]["regulation"], {"adopted": 2, "current": 2, "outdated": False})

	def test_units_with_an_older_version_are_reminded_once(self):
		remind_outdated_units()
		remind_outdated_units()
		self.assertEqual(self.reminders(WARD_OFFICER), [self.versions[2]])
		# The district manages a collaborator itself and has adopted nothing.
		self.assertEqual(self.reminders(DISTRICT_OFFICER), [self.versions[2]])
		# The city's office has nothing to adopt; the sibling adopted nothing but the reminder is its own.
		self.assertEqual(self.reminders(CITY_OFFICER), [])

	def test_adoptions_are_the_units(self):
		self.assertTrue(
			frappe.has_permission(
				"Collaborator Regulation Adoption", "read", self.adoption, user=DISTRICT_OFFICER
			)
		)
		self.assertFalse(
			frappe.has_permission(
				"Collaborator Regulation Adoption", "read", self.adoption, user=SIBLING_OFFICER
			)
		)
		# Every unit reads the city's regulation; only the city issues it.
		self.assertTrue(
			frappe.has_permission("Collaborator Regulation", "read", self.versions[2], user=SIBLING_OFFICER)
		)
		with self.assertRaises(frappe.PermissionError):
			insert_as(
				WARD_OFFICER,
				{
					"doctype": "Collaborator Regulation",
					"title": "Quy chế riêng",
					"version": 9,
					"issuing_unit": WARD,
					"effective_from": today(),
				},
			)

	def test_bad_input(self):
		with self.assertRaises(frappe.DuplicateEntryError):
			insert_as(
				WARD_OFFICER,
				{
					"doctype": "Collaborator Regulation Adoption",
					"regulation": self.versions[1],
					"adopted_on": today(),
				},
			)
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.ValidationError) as caught:
			insert_as(
				WARD_OFFICER,
				{
					"doctype": "Collaborator Regulation Adoption",
					"regulation": self.versions[2],
					"adopted_on": add_days(today(), 3),
				},
			)
		self.assertIn("Adopted On", str(caught.exception))
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.ValidationError) as caught:
			insert_as(
				CITY_OFFICER,
				{
					"doctype": "Collaborator Regulation",
					"title": "Quy chế",
					"version": 3,
					"effective_from": "2027-01-01",
					"effective_to": "2026-01-01",
				},
			)
		self.assertIn("Effective To", str(caught.exception))
