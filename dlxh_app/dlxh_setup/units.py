"""Reading the unit tree as it stood on a given day.

Units are data with validity periods (Valid From / Valid To, both included, empty = open), so the
units of a day are those valid on it; a merged or dissolved unit points to its successors."""

import frappe
from frappe.utils import getdate, today
from frappe.utils.nestedset import get_descendants_of

from dlxh_app.dlxh_setup.rules.validity import is_valid_on

UNIT_FIELDS = [
	"name",
	"unit_name",
	"unit_type",
	"abbreviation",
	"parent_dlxh_unit",
	"is_group",
	"is_reporting_unit",
	"valid_from",
	"valid_to",
]


@frappe.whitelist()
def get_units_valid_on(date: str | None = None, reporting_only: bool | int | str = False) -> list[dict]:
	"""Units that exist on `date` (today when empty) that the user may read, in tree order.

	With `reporting_only`, only the units that must send monthly reports."""
	on = getdate(date or today())
	filters = [["valid_from", "<=", on]]
	if frappe.utils.sbool(reporting_only):
		filters.append(["is_reporting_unit", "=", 1])
	units = frappe.get_list(
		"DLXH Unit", filters=filters, fields=UNIT_FIELDS, order_by="lft asc", limit_page_length=0
	)
	# An empty Valid From is read as "always" by the filter above; an empty Valid To means "still
	# exists", which a plain filter would drop, so the end of the period is checked here.
	return [unit for unit in units if is_valid_on(unit.valid_from, unit.valid_to, on)]


def get_unit_and_descendants(unit: str) -> list[str]:
	"""`unit` and every unit below it in the tree (whatever their dates), in tree order."""
	if not frappe.db.exists("DLXH Unit", unit):
		return []
	return [unit, *get_descendants_of("DLXH Unit", unit, order_by="lft asc", ignore_permissions=True)]


def get_current_successors(unit: str, date: str | None = None) -> list[str]:
	"""The units that carry on the work of `unit` on `date`: the unit itself while it exists, otherwise
	its successors that took over by then, followed further where they were reorganised too."""
	on = getdate(date or today())
	result: list[str] = []
	visited: set[str] = set()
	pending = [unit]
	while pending:
		name = pending.pop(0)
		if name in visited:
			continue
		visited.add(name)
		values = frappe.db.get_value("DLXH Unit", name, ["valid_from", "valid_to"], as_dict=True)
		if not values:
			continue
		if is_valid_on(values.valid_from, values.valid_to, on):
			result.append(name)
			continue
		rows = frappe.get_all(
			"DLXH Unit Successor",
			filters={"parenttype": "DLXH Unit", "parent": name},
			fields=["successor_unit", "effective_date"],
			order_by="idx asc",
		)
		pending.extend(
			row.successor_unit for row in rows if not row.effective_date or row.effective_date <= on
		)
	return result
