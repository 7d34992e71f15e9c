"""The test base classes and the framework's clock freezing, for Frappe v16 and v15 alike.

v16 has `frappe.tests.IntegrationTestCase` (rolled back after each class) with `freeze_time` as a static
method; v15 only has `frappe.tests.utils.FrappeTestCase`, which does the same and has `freeze_time` as a
method that does not use its instance. Both read a naive time in the System Settings time zone and freeze
the clock with freezegun, a dev dependency of Frappe (`bench setup requirements --dev`)."""

import frappe
import freezegun

# On every start freezegun reads the attributes of each loaded module (some 4,000 here) to swap the
# clock's functions it finds; a tenth of a second each time, most of it in these libraries, which never
# read the clock for the app (its times come from frappe.utils), so they are left as they are.
freezegun.configure(
	extend_ignore_list=[
		"cryptography",
		"fontTools",
		"google",
		"joblib",
		"narwhals",
		"numpy",
		"openpyxl",
		"pandas",
		"PIL",
		"pydantic",
		"pypdf",
		"pyxform",
		"rich",
		"scipy",
		"sklearn",
		"weasyprint",
		"whoosh",
	]
)

try:
	from frappe.tests import IntegrationTestCase

	freeze_time = IntegrationTestCase.freeze_time
except ImportError:  # Frappe v15
	from frappe.tests.utils import FrappeTestCase as IntegrationTestCase

	def freeze_time(time_to_freeze, *args, **kwargs):
		return IntegrationTestCase.freeze_time(None, time_to_freeze, *args, **kwargs)


__all__ = ["IntegrationTestCase", "SharedFixtureTestCase", "freeze_time"]


class SharedFixtureTestCase(IntegrationTestCase):
	"""Records built once per class by `make_fixture`, and each test rolled back to a savepoint taken
	after them, as Frappe's own tests keep a class's records. The framework's test case commits what
	came before the class and rolls the class back when it ends; a test that commits must clean up
	after itself."""

	TEST_SAVEPOINT = "dlxh_test"

	@classmethod
	def make_fixture(cls):
		"""The records every test of the class reads; none by default."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.make_fixture()

	def setUp(self):
		super().setUp()
		frappe.db.savepoint(self.TEST_SAVEPOINT)
		# Cleanups run even when setUp fails half-way, unlike tearDown; the last added runs first.
		self.addCleanup(frappe.db.rollback, save_point=self.TEST_SAVEPOINT)
		self.addCleanup(frappe.set_user, "Administrator")
