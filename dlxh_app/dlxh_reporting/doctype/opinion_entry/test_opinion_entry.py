# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe.utils import add_days, today

from dlxh_app.tests.reporting import (
	CITY_OFFICER,
	COLLABORATING_OFFICER,
	COLLABORATOR,
	DISTRICT,
	LEADER,
	MANAGER,
	OFFICER,
	OTHER_COLLABORATOR,
	SIBLING,
	SIBLING_OFFICER,
	WARD,
	WARD_OFFICER,
	ReportingTestCase,
	as_user,
	listed,
	make_entry,
	make_report,
	reload,
)


class TestOpinionEntry(ReportingTestCase):
	def entries(self):
		"""One entry by each collaborator and one by the officer of the district, one in the ward below
		it and one in the sibling district."""
		return {
			"mine": make_entry(COLLABORATOR).name,
			"other_collaborator": make_entry(OTHER_COLLABORATOR).name,
			"officer": make_entry(OFFICER).name,
			"ward": make_entry(WARD_OFFICER).name,
			"sibling": make_entry(SIBLING_OFFICER).name,
		}

	def test_collaborator_records_an_opinion_for_their_unit(self):
		report = make_report()
		entry = make_entry(COLLABORATOR, verification_status="Verified", used_in_report=report.name)
		self.assertEqual((entry.unit, entry.owner), (DISTRICT, COLLABORATOR))
		# Verifying is the officers' work, and only a report links itself to an entry.
		self.assertEqual(
			frappe.db.get_value(entry.doctype, entry.name, ["verification_status", "used_in_report"]),
			("Unverified", None),
		)
		officer_entry = make_entry(OFFICER, verification_status="Verified")
		self.assertEqual(officer_entry.verification_status, "Verified")

	def test_collaborators_see_only_their_own_entries(self):
		names = self.entries()
		key_of = {name: key for key, name in names.items()}
		expected = {
			COLLABORATOR: {"mine"},
			OTHER_COLLABORATOR: {"other_collaborator"},
			COLLABORATING_OFFICER: {"mine", "other_collaborator", "officer", "ward"},
			OFFICER: {"mine", "other_collaborator", "officer", "ward"},
			LEADER: {"mine", "other_collaborator", "officer", "ward"},
			WARD_OFFICER: {"ward"},
			SIBLING_OFFICER: {"sibling"},
			CITY_OFFICER: set(names),
			MANAGER: set(names),
		}
		for user, keys in expected.items():
			with self.subTest(user=user):
				self.assertEqual(
					{key_of[name] for name in listed("Opinion Entry", user) if name in key_of}, keys
				)
				for key, name in names.items():
					doc = frappe.get_doc("Opinion Entry", name)
					self.assertEqual(
						bool(frappe.has_permission("Opinion Entry", "read", doc=doc, user=user)),
						key in keys,
						key,
					)

	def test_collaborator_edits_only_their_own_entries(self):
		names = self.entries()
		mine = frappe.get_doc("Opinion Entry", names["mine"])
		mine.area = "Phường Tân An"
		as_user(COLLABORATOR, mine.save)
		self.assertEqual(frappe.db.get_value("Opinion Entry", mine.name, "area"), "Phường Tân An")

		theirs = frappe.get_doc("Opinion Entry", names["other_collaborator"])
		theirs.area = "Sửa bởi người khác"
		self.assertRefused(lambda: as_user(COLLABORATOR, theirs.save), exception=frappe.PermissionError)
		# Nor by claiming it: the owner in the database decides.
		theirs.owner = COLLABORATOR
		self.assertRefused(lambda: as_user(COLLABORATOR, theirs.save), exception=frappe.PermissionError)
		self.assertEqual(
			frappe.db.get_value("Opinion Entry", theirs.name, ["owner", "area"]),
			(OTHER_COLLABORATOR, "Phường An Hòa"),
		)
		self.assertRefused(lambda: make_entry(COLLABORATOR, unit=SIBLING), exception=frappe.PermissionError)

	def test_collaborator_cannot_edit_an_entry_used_in_a_report(self):
		entry = make_entry(COLLABORATOR)
		report = make_report(items=[])
		as_user(OFFICER, report.pull_entries)
		self.assertEqual(frappe.db.get_value("Opinion Entry", entry.name, "used_in_report"), report.name)

		entry = reload(entry)
		self.assertTrue(frappe.has_permission("Opinion Entry", "read", doc=entry, user=COLLABORATOR))
		self.assertFalse(frappe.has_permission("Opinion Entry", "write", doc=entry, user=COLLABORATOR))
		entry.area = "Sửa sau khi đã báo cáo"
		self.assertRefused(lambda: as_user(COLLABORATOR, entry.save), exception=frappe.PermissionError)

		# The unit's officers still may, and nobody releases it from the report by saving it.
		entry = reload(entry)
		entry.verification_status = "Verified"
		entry.used_in_report = None
		as_user(OFFICER, entry.save)
		self.assertEqual(
			frappe.db.get_value("Opinion Entry", entry.name, ["verification_status", "used_in_report"]),
			("Verified", report.name),
		)

	def test_sibling_unit_cannot_edit(self):
		entry = make_entry(OFFICER)
		entry = reload(entry)
		entry.content = "<p>Sửa bởi đơn vị khác</p>"
		self.assertRefused(lambda: as_user(SIBLING_OFFICER, entry.save), exception=frappe.PermissionError)
		self.assertFalse(frappe.has_permission("Opinion Entry", "read", doc=entry, user=SIBLING_OFFICER))
		self.assertTrue(frappe.has_permission("Opinion Entry", "read", doc=entry, user=OFFICER))
		self.assertFalse(frappe.has_permission("Opinion Entry", "read", doc=entry, user=WARD_OFFICER))
		self.assertEqual(make_entry(WARD_OFFICER).unit, WARD)

	def test_entry_date_cannot_be_in_the_future(self):
		self.assertRefused(
			lambda: make_entry(COLLABORATOR, entry_date=add_days(today(), 1)), "Date", "future"
		)
