"""Whitelisted methods of the collaborator network."""

import frappe
from frappe import _

from dlxh_app.dlxh_collaborators import coverage


@frappe.whitelist()
def get_coverage(unit: str | None = None) -> list[dict]:
	"""The coverage of the collaborator network of every current unit the user may reach (within `unit`
	and the units below it, if given), in tree order: actual against target, the gaps per stratum,
	sector and type of organisation, the communes and wards without a collaborator, the strata nobody
	follows, and whether the network is too small or unbalanced. A unit's network is its collaborators
	and those of the units below it; only collaborators the user may read are counted."""
	frappe.has_permission("DLXH Collaborator", "read", throw=True)
	chosen = coverage.check_unit(unit, _("Unit"))
	return [coverage.describe(row, result) for row, result in coverage.get_coverage(chosen)]
