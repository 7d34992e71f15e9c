"""Giving Party document numbers at issue: the next number for each issuing unit, document type and Party
term, kept in DLXH Document Counter, without repeats or gaps when several documents are issued at once."""

from typing import NamedTuple

import frappe
from frappe import _

from dlxh_app.dlxh_setup.rules.numbering import format_document_reference
from dlxh_app.validation import throw_invalid


class DocumentNumber(NamedTuple):
	number: int
	party_term: str
	reference: str  # "12-KH/BTGTU", printed after "Số "


def issue_document_number(issuing_unit: str, document_type: str) -> DocumentNumber:
	"""Take the next number in the caller's transaction: if the issue fails and rolls back, so does the
	number, and it is given to the next document."""
	lock_issuer(issuing_unit)
	abbreviation = frappe.db.get_value("DLXH Unit", issuing_unit, "abbreviation")
	if not abbreviation:
		label = _(frappe.get_meta("DLXH Unit").get_label("abbreviation"))
		throw_invalid(
			label,
			_("{0} has no {1}, which the document number needs (e.g. BTGTU). Fill it in on the unit.").format(
				frappe.bold(issuing_unit), label
			),
		)
	party_term = frappe.db.get_single_value("DLXH Settings", "current_party_term")
	number = next_number(issuing_unit, document_type, party_term)
	return DocumentNumber(number, party_term, format_document_reference(number, document_type, abbreviation))


def lock_issuer(issuing_unit: str) -> None:
	"""Make documents of one issuer wait for each other until the earlier transaction ends: a row lock on
	MariaDB, the database write lock on SQLite (which a transaction must take before it reads, or a
	concurrent commit makes its snapshot stale and SQLite refuses the write instead of waiting)."""
	frappe.db.sql("update `tabDLXH Unit` set modified = modified where name = %s", issuing_unit)


def next_number(issuing_unit: str, document_type: str, party_term: str) -> int:
	"""The issuer must be locked. Issuers never wait for each other: the counter is locked by its primary
	key only once it exists, because a locking read of a missing row takes a gap lock on MariaDB, and two
	issuers creating their first counters would then deadlock."""
	key = {"issuing_unit": issuing_unit, "document_type": document_type, "party_term": party_term}
	counter_name = frappe.db.get_value("DLXH Document Counter", key)
	if not counter_name:
		counter = frappe.get_doc({"doctype": "DLXH Document Counter", **key, "last_number": 1})
		frappe.db.savepoint("new_document_counter")
		try:
			counter.insert(ignore_permissions=True)
			return 1
		except frappe.DuplicateEntryError:
			# Made by an issue that committed after this transaction's snapshot was taken.
			frappe.db.rollback(save_point="new_document_counter")
			counter_name = counter.name
	# A locking read sees the latest committed number, not the transaction's snapshot.
	number = (
		frappe.db.get_value("DLXH Document Counter", counter_name, "last_number", for_update=True) or 0
	) + 1
	frappe.db.set_value("DLXH Document Counter", counter_name, "last_number", number)
	return number
