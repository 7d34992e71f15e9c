"""Document names count per prefix: each DocType's series (KH-.{plan_year}.-.####) keeps its own counter
for each year, as Frappe's series do on v15 and v16, and the patch that moved installed sites off the
`format:` rules (whose counter every DocType shared) continues the numbers already used."""

import frappe
from frappe.model.naming import set_new_name

from dlxh_app.patches import count_names_per_prefix
from dlxh_app.tests.base import IntegrationTestCase

# A year no other test names documents in, so that its counters start from nothing.
YEAR = 2091


def next_name(doctype: str, **values) -> str:
	"""The name Frappe's naming gives a new document of `doctype` (taking the number, as an insert does)."""
	doc = frappe.new_doc(doctype)
	doc.update(values)
	set_new_name(doc)
	return doc.name


def counter(prefix: str) -> int | None:
	return frappe.db.get_value("Series", prefix, "current", order_by="name")


class TestNamesCountPerPrefix(IntegrationTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_each_doctype_and_year_counts_on_its_own(self):
		shared = counter("")
		plans = [next_name("DLXH Plan", plan_year=YEAR) for _ in range(2)]
		syntheses = [next_name("Opinion Synthesis", period_year=YEAR) for _ in range(2)]
		reports = [
			next_name("Opinion Report", period_year=YEAR),
			next_name("Opinion Report", period_year=YEAR + 1),
		]
		self.assertEqual(plans, [f"KH-{YEAR}-0001", f"KH-{YEAR}-0002"])
		self.assertEqual(syntheses, [f"THDL-{YEAR}-0001", f"THDL-{YEAR}-0002"])
		self.assertEqual(reports, [f"BCDL-{YEAR}-00001", f"BCDL-{YEAR + 1}-00001"])
		self.assertEqual((counter(f"KH-{YEAR}-"), counter(f"THDL-{YEAR}-")), (2, 2))
		self.assertEqual(counter(""), shared)

	def test_patch_continues_the_numbers_the_shared_counter_gave(self):
		# An installed site: plans named from the shared counter, one of them amended.
		for name in (f"KH-{YEAR}-0007", f"KH-{YEAR}-0231", f"KH-{YEAR}-0231-1", f"KH-{YEAR + 1}-0100"):
			frappe.db.sql(
				"insert into `tabDLXH Plan` (`name`, `plan_year`, `docstatus`) values (%s, %s, 0)",
				(name, int(name.split("-")[1])),
			)
		# A counter already ahead of the names (numbers taken by documents since deleted) stays.
		frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, 150)", (f"KH-{YEAR + 1}-",))

		count_names_per_prefix.execute()

		self.assertEqual(next_name("DLXH Plan", plan_year=YEAR), f"KH-{YEAR}-0232")
		self.assertEqual(next_name("DLXH Plan", plan_year=YEAR + 1), f"KH-{YEAR + 1}-0151")
		self.assertIsNone(counter(f"KH-{YEAR}-0231-"))
