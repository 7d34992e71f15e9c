"""The test base classes, for Frappe v16 and v15 alike.

v16 has `frappe.tests.IntegrationTestCase` (rolled back after each class); v15 only has
`frappe.tests.utils.FrappeTestCase`, which does the same."""

try:
	from frappe.tests import IntegrationTestCase
except ImportError:  # Frappe v15
	from frappe.tests.utils import FrappeTestCase as IntegrationTestCase

__all__ = ["IntegrationTestCase"]
