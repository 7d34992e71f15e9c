"""pytest plugin: open the test site made by `devbench test` before test modules import frappe, and
prepare it as `bench run-tests` does.

Tests are Frappe's own kind (IntegrationTestCase / UnitTestCase subclasses), so the same files run
under `bench run-tests` on a real bench."""

import os

from devbench.site import APP, SiteConfig, open_site


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
	run_before_tests_hooks(APP)


def run_before_tests_hooks(app: str) -> None:
	"""What v15's `frappe.test_runner.main` does before it loads any test: clear the cache, then run
	the `before_tests` hooks of the app under test (`frappe.get_hooks("before_tests", app_name=app)`).
	Their changes are committed before the first test runs (v15 commits before running a module's
	tests and in every test class's setUpClass; v16's `IntegrationTestPreparation` runs the hooks
	for integration tests the same way). The runner also pauses the scheduler and points mail at a
	made-up server: no scheduler runs here, and the tests that mail make their own Email Account."""
	import frappe

	frappe.clear_cache()
	for hook in frappe.get_hooks("before_tests", app_name=app):
		frappe.get_attr(hook)()
	frappe.db.commit()


def pytest_unconfigure(config):
	import frappe

	if getattr(frappe.local, "db", None):
		frappe.db.rollback()
		frappe.destroy()
