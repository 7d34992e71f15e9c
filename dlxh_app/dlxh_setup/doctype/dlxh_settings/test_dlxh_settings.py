# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe

from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.utils import make_user


def save_settings(**values):
	settings = frappe.get_single("DLXH Settings")
	settings.update(values)
	settings.save()
	return settings


class TestDLXHSettings(IntegrationTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def assertRefused(self, *words, **values):
		before = frappe.db.get_singles_dict("DLXH Settings")
		with self.assertRaises(frappe.ValidationError) as caught:
			save_settings(**values)
		for word in words:
			self.assertIn(word, str(caught.exception))
		self.assertEqual(frappe.db.get_singles_dict("DLXH Settings"), before)

	def test_defaults_are_stored_on_install(self):
		value = frappe.db.get_single_value
		self.assertEqual(value("DLXH Settings", "report_deadline_day"), 15)
		self.assertEqual(value("DLXH Settings", "reminder_days"), "10,13")
		self.assertEqual(value("DLXH Settings", "time_zone"), "Asia/Ho_Chi_Minh")
		self.assertEqual(value("DLXH Settings", "current_party_term"), "2025-2030")
		self.assertEqual(value("DLXH Settings", "signing_authority"), "K/T TRƯỞNG BAN")
		self.assertEqual(value("DLXH Settings", "signer_title"), "PHÓ TRƯỞNG BAN")

	def test_deadline_day_must_exist_in_every_month(self):
		for day in (0, 29, 31):
			with self.subTest(day=day):
				self.assertRefused("Report Deadline Day", report_deadline_day=day)
		self.assertEqual(save_settings(report_deadline_day=28).report_deadline_day, 28)

	def test_reminder_days(self):
		self.assertEqual(save_settings(reminder_days=" 13, 10 ,10").reminder_days, "10,13")
		self.assertEqual(save_settings(reminder_days="").reminder_days, "")
		self.assertRefused("Reminder Days", "mười", reminder_days="10, mười")
		self.assertRefused("Reminder Days", "29", reminder_days="29")
		self.assertRefused("Reminder Days", "Report Deadline Day", reminder_days="10,15")
		# Moving the deadline to or before a reminder day is refused as well.
		save_settings(reminder_days="10,13")
		self.assertRefused("Reminder Days", "Report Deadline Day", report_deadline_day=12)

	def test_time_zone(self):
		self.assertRefused("Time Zone", "Asia/Hanoi", time_zone="Asia/Hanoi")
		self.assertEqual(save_settings(time_zone=" Asia/Bangkok ").time_zone, "Asia/Bangkok")

	def test_party_term(self):
		self.assertRefused("Current Party Term", "2025-2030", current_party_term="2025")
		self.assertRefused("Current Party Term", current_party_term="2030-2025")
		settings = save_settings(current_party_term="2020 – 2025", term_start_date="2020-10-15")
		self.assertEqual(settings.current_party_term, "2020-2025")
		self.assertRefused("Term Start Date", "2025-2030", current_party_term="2025-2030")
		save_settings(current_party_term="2025-2030", term_start_date="2025-10-15")

	def test_signing_authority_uses_party_style(self):
		self.assertRefused("Signing Authority", "KT.", signing_authority="KT. TRƯỞNG BAN")
		settings = save_settings(
			signing_authority="k/t trưởng ban", signer_title="phó trưởng ban", signer_name=" Phạm Thế Vinh "
		)
		self.assertEqual(settings.signing_authority, "K/T TRƯỞNG BAN")
		self.assertEqual(settings.signer_title, "PHÓ TRƯỞNG BAN")
		self.assertEqual(settings.signer_name, "Phạm Thế Vinh")

	def test_city_unit_must_exist(self):
		with self.assertRaises(frappe.LinkValidationError):
			save_settings(city_unit="Không có đơn vị này")

	def test_unit_roles_read_city_roles_write(self):
		unit_officer = make_user("settings-unit-officer@example.com", ["DLXH Unit Officer"])
		city_officer = make_user("settings-city-officer@example.com", ["DLXH City Officer"])
		self.assertTrue(frappe.has_permission("DLXH Settings", "read", user=unit_officer))
		self.assertFalse(frappe.has_permission("DLXH Settings", "write", user=unit_officer))
		self.assertTrue(frappe.has_permission("DLXH Settings", "write", user=city_officer))

		frappe.set_user(unit_officer)
		with self.assertRaises(frappe.PermissionError):
			save_settings(report_deadline_day=20)
		frappe.set_user(city_officer)
		self.assertEqual(save_settings(report_deadline_day=20).report_deadline_day, 20)
