"""The state of a site the app's tests expect, set by the `before_tests` hook that `bench run-tests`
(and the dev engine's pytest plugin) runs before the first test, as erpnext's and helpdesk's hooks do.

A plain `bench new-site` has no regional settings until someone goes through the setup wizard; the
tests are written for the Department's: Vietnam's time zone, dd/mm/yyyy dates, 1.234,56 numbers and
weeks from Monday. The site language stays English (the wizard's default); users may choose Vietnamese."""

import frappe

REGIONAL_SETTINGS = {
	"language": "en",
	"time_zone": "Asia/Ho_Chi_Minh",
	"date_format": "dd/mm/yyyy",
	"number_format": "#.###,##",
	"first_day_of_the_week": "Monday",
}


def before_tests():
	apply_regional_settings()


def apply_regional_settings():
	"""What an office in Vietnam answers in Frappe's setup wizard."""
	settings = frappe.get_single("System Settings")
	settings.update(REGIONAL_SETTINGS)
	settings.save(ignore_permissions=True)
	frappe.clear_cache()
