# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import threading
import time

import frappe

from dlxh_app.dlxh_setup.numbering import issue_document_number
from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.utils import make_unit

ISSUER = "Ban Tuyên giáo Đánh Số"
OTHER_ISSUER = "Ban Tuyên giáo Đánh Số Khác"


def make_issuers():
	make_unit(ISSUER, unit_type="City Department", abbreviation="BTGDS", parent_body_line="Thành ủy Đánh Số")
	make_unit(OTHER_ISSUER, abbreviation="BTGDSK", parent_body_line="Quận ủy Đánh Số")


def delete_issuers():
	for unit in (ISSUER, OTHER_ISSUER):
		frappe.db.delete("DLXH Document Counter", {"issuing_unit": unit})
		frappe.delete_doc("DLXH Unit", unit, force=True, ignore_missing=True)


class TestDocumentNumbers(IntegrationTestCase):
	def setUp(self):
		self.addCleanup(frappe.db.rollback)
		make_issuers()

	def set_term(self, term):
		frappe.db.set_single_value("DLXH Settings", "current_party_term", term)

	def test_numbers_per_issuer_and_type_restart_in_a_new_term(self):
		self.set_term("2020-2025")
		issued = [issue_document_number(ISSUER, "KH").reference for _ in range(2)]
		issued.append(issue_document_number(ISSUER, "BC").reference)
		issued.append(issue_document_number(OTHER_ISSUER, "KH").reference)
		self.assertEqual(issued, ["01-KH/BTGDS", "02-KH/BTGDS", "01-BC/BTGDS", "01-KH/BTGDSK"])

		self.set_term("2025-2030")
		number = issue_document_number(ISSUER, "KH")
		self.assertEqual((number.reference, number.party_term), ("01-KH/BTGDS", "2025-2030"))
		self.set_term("2020-2025")
		self.assertEqual(issue_document_number(ISSUER, "KH").reference, "03-KH/BTGDS")

	def test_counter_set_by_hand_when_starting_mid_term(self):
		self.set_term("2020-2025")
		frappe.get_doc(
			{
				"doctype": "DLXH Document Counter",
				"issuing_unit": ISSUER,
				"document_type": "KH",
				"party_term": "2020 – 2025",
				"last_number": 11,
			}
		).insert()
		self.assertEqual(issue_document_number(ISSUER, "KH").reference, "12-KH/BTGDS")

	def test_malformed_term_on_a_counter_is_refused(self):
		counter = frappe.get_doc(
			{
				"doctype": "DLXH Document Counter",
				"issuing_unit": ISSUER,
				"document_type": "KH",
				"party_term": "2025",
			}
		)
		with self.assertRaises(frappe.ValidationError) as caught:
			counter.insert()
		self.assertIn("Party Term", str(caught.exception))

	def test_issuer_without_abbreviation(self):
		frappe.db.set_value("DLXH Unit", OTHER_ISSUER, "abbreviation", "")
		with self.assertRaises(frappe.ValidationError) as caught:
			issue_document_number(OTHER_ISSUER, "KH")
		self.assertIn("Abbreviation", str(caught.exception))


class TestConcurrentIssuing(IntegrationTestCase):
	"""Several processes issuing at once, each in its own transaction and database connection."""

	ISSUES_PER_WORKER = 8

	def setUp(self):
		term = frappe.db.get_single_value("DLXH Settings", "current_party_term")
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.set_single_value, "DLXH Settings", "current_party_term", term)
		self.addCleanup(delete_issuers)
		self.addCleanup(frappe.db.rollback)
		make_issuers()
		frappe.db.set_single_value("DLXH Settings", "current_party_term", "2020-2025")
		frappe.db.commit()

	def test_racing_issuers_get_every_number_once(self):
		site, sites_path = frappe.local.site, frappe.local.sites_path
		issued = {ISSUER: [], OTHER_ISSUER: []}
		errors = []
		start = threading.Barrier(4)

		def worker(issuer):
			frappe.init(site, sites_path=sites_path)
			frappe.connect()
			try:
				start.wait()
				for _ in range(self.ISSUES_PER_WORKER):
					number = issue_document_number(issuer, "KH").number
					# Keep the transaction open a moment, as saving the issued document would.
					time.sleep(0.01)
					frappe.db.commit()
					issued[issuer].append(number)
			except Exception as error:
				errors.append(error)
			finally:
				frappe.destroy()

		threads = [
			threading.Thread(target=worker, args=(issuer,))
			for issuer in (ISSUER, ISSUER, OTHER_ISSUER, OTHER_ISSUER)
		]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()

		self.assertEqual(errors, [])
		expected = list(range(1, 2 * self.ISSUES_PER_WORKER + 1))
		for issuer, numbers in issued.items():
			self.assertEqual(sorted(numbers), expected, issuer)
			self.assertEqual(
				frappe.db.get_value("DLXH Document Counter", {"issuing_unit": issuer}, "last_number"),
				2 * self.ISSUES_PER_WORKER,
			)
