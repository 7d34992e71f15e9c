"""Naming series on the engine count as upstream's do: one counter per prefix in `tabSeries`, each number
given once however many transactions name documents at once (a locking read of the counter), and
`format:` names sharing the counter of the empty prefix, as upstream's `_format_autoname` keys it."""

import threading
import time

import frappe
from frappe.model.naming import _format_autoname, make_autoname

from dlxh_app.tests.base import IntegrationTestCase

PREFIXES = ("ENGINE-A-", "ENGINE-B-")


def series_value(prefix: str) -> int:
	return frappe.db.get_value("Series", prefix, "current", order_by="name") or 0


def delete_series() -> None:
	frappe.db.delete("Series", {"name": ("in", PREFIXES)})
	frappe.db.commit()


class TestSeriesOnEngine(IntegrationTestCase):
	def setUp(self):
		frappe.db.delete("Series", {"name": ("in", PREFIXES)})

	def test_each_prefix_counts_on_its_own(self):
		first = [make_autoname(f"{PREFIXES[0]}.####") for _ in range(3)]
		second = [make_autoname(f"{PREFIXES[1]}.####") for _ in range(2)]
		self.assertEqual(first, ["ENGINE-A-0001", "ENGINE-A-0002", "ENGINE-A-0003"])
		self.assertEqual(second, ["ENGINE-B-0001", "ENGINE-B-0002"])
		self.assertEqual((series_value(PREFIXES[0]), series_value(PREFIXES[1])), (3, 2))

	def test_format_names_share_the_empty_prefix_as_upstream(self):
		doc = frappe._dict(plan_year=2025)
		before, plans_before = series_value(""), series_value("KH-2025-")
		plan = _format_autoname("format:KH-{plan_year}-{####}", doc)
		entry = _format_autoname("format:YK-{plan_year}-{#####}", doc)
		self.assertEqual(plan, f"KH-2025-{before + 1:04d}")
		self.assertEqual(entry, f"YK-2025-{before + 2:05d}")
		self.assertEqual(series_value(""), before + 2)
		# The prefix's own counter (the app's series `KH-.{plan_year}.-.####` counts there) is untouched.
		self.assertEqual(series_value("KH-2025-"), plans_before)


class TestConcurrentNaming(IntegrationTestCase):
	"""Several transactions, each in its own database connection, naming documents at once."""

	WORKERS = 6
	NAMES_PER_WORKER = 4

	def setUp(self):
		self.addCleanup(delete_series)
		delete_series()
		# The counter exists, as on a site in use: racing first inserts of a counter row deadlock on
		# MariaDB's gap locks, upstream as here.
		frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, 0)", PREFIXES[0])
		frappe.db.commit()

	def test_every_number_is_given_once(self):
		site, sites_path = frappe.local.site, frappe.local.sites_path
		names, errors = [], []
		start = threading.Barrier(self.WORKERS)

		def worker():
			frappe.init(site, sites_path=sites_path)
			frappe.connect()
			try:
				start.wait()
				for _ in range(self.NAMES_PER_WORKER):
					# Read the settings first, as a request does before it names the document it saves.
					frappe.db.get_single_value("System Settings", "time_zone")
					name = make_autoname(f"{PREFIXES[0]}.####")
					time.sleep(0.01)  # the rest of the insert, in the same transaction
					frappe.db.commit()
					names.append(name)
			except Exception as error:
				errors.append(error)
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=worker) for _ in range(self.WORKERS)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()

		total = self.WORKERS * self.NAMES_PER_WORKER
		self.assertEqual(errors, [])
		self.assertEqual(sorted(names), [f"{PREFIXES[0]}{number:04d}" for number in range(1, total + 1)])
		self.assertEqual(series_value(PREFIXES[0]), total)
