"""pytest plugin: open the test site made by `devbench test` before test modules import frappe.

Tests are Frappe's own kind (IntegrationTestCase / UnitTestCase subclasses), so the same files run
under `bench run-tests` on a real bench."""

import os

from devbench.site import SiteConfig, open_site


def pytest_configure(config):
	site_name = os.environ.get("DEVBENCH_TEST_SITE")
	site = SiteConfig.load(site_name) if site_name else None
	if site is None:
		raise SystemExit("No test site: run the tests with `make test` (it prepares the site).")
	open_site(site)
	import frappe
	from frappe.tests.utils import toggle_test_mode

	toggle_test_mode(True)
	frappe.flags.print_messages = False


def pytest_unconfigure(config):
	import frappe

	if getattr(frappe.local, "db", None):
		frappe.db.rollback()
		frappe.destroy()
