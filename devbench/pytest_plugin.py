"""pytest plugin: open the test site made by `devbench test` before test modules import frappe, and
prepare it as `bench run-tests` does.

Tests are Frappe's own kind (IntegrationTestCase / UnitTestCase subclasses), so the same files run
under `bench run-tests` on a real bench. When `devbench test` runs them in several processes
(pytest-xdist), each process has a site of its own, copied from the same template: DEVBENCH_TEST_SITES
lists them in the order of the processes (gw0, gw1, …)."""

import os

from devbench.site import APP, SiteConfig, open_site

# The longest test modules, longest first: the whole demo built once; other checkouts' processes; two
# migrations; the security walks over HTTP; the demo's plans printed. `devbench test` hands modules out
# in this order, two to each process to begin with, so that the other processes share the rest of the
# suite meanwhile instead of one of them starting a long module when all else is done.
LONGEST_FIRST = (
	"dlxh_app/tests/test_demo.py",
	"devbench/tests/test_checkouts.py",
	"devbench/tests/test_engine.py",
	"dlxh_app/tests/test_security.py",
	"dlxh_app/dlxh_planning/print_format/dlxh_plan/test_dlxh_plan_print_format.py",
)


def pytest_configure(config):
	if is_xdist_controller(config):
		# The controller only hands out tests; the processes it starts open the sites.
		return
	site = SiteConfig.load(own_site_name())
	if site is None:
		raise SystemExit("No test site: run the tests with `make test` (it prepares the site).")
	os.environ["DEVBENCH_TEST_SITE"] = site.name
	open_site(site)
	import frappe
	from frappe.tests.utils import toggle_test_mode

	toggle_test_mode(True)
	frappe.flags.print_messages = False
	run_before_tests_hooks(APP)


def is_xdist_controller(config) -> bool:
	return not hasattr(config, "workerinput") and bool(getattr(config.option, "numprocesses", None))


def own_site_name() -> str:
	"""This process's site: the first of DEVBENCH_TEST_SITES, or the one of its pytest-xdist worker."""
	sites = os.environ.get("DEVBENCH_TEST_SITES", "").split(",")
	worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
	index = int(worker.removeprefix("gw"))
	if index >= len(sites) or not sites[index]:
		raise SystemExit(
			f"No test site for process {worker}: run the tests with `make test` "
			"(DEVBENCH_TEST_WORKERS chooses how many processes, each with its own site)."
		)
	return sites[index]


def pytest_collection_modifyitems(session, config, items):
	def rank(item) -> int:
		path = item.nodeid.split("::")[0]
		return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

	items.sort(key=rank)


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
	if is_xdist_controller(config):
		return
	import frappe

	if getattr(frappe.local, "db", None):
		frappe.db.rollback()
		frappe.destroy()
