"""The coverage of the collaborator network of each unit the user may reach, read by the database.

Three queries whatever the number of units: the current units and the communes and wards of the tree,
the current collaborators the user may read, and the targets. Each unit's coverage is then judged in
plain Python (`rules.coverage`). The API (`api.get_coverage`) and the script report "Collaborator
Coverage" both read it from here."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import cint, escape_html, flt, getdate, today

from dlxh_app.dlxh_collaborators.doctype.collaborator_target.collaborator_target import DEFAULT_TARGET
from dlxh_app.dlxh_collaborators.regulation import adopted_versions, read_current_version, regulation_status
from dlxh_app.dlxh_collaborators.rules.collaborator import ACTIVE
from dlxh_app.dlxh_collaborators.rules.coverage import Coverage, Member, Target, coverage, merge_target
from dlxh_app.permissions import get_unit_scope, match_conditions, reachable_units
from dlxh_app.validation import throw_invalid

COMMUNE_WARD = "Commune/Ward Party Committee"
# Units that keep no network of their own: the Department's offices work for the city's.
WITHOUT_NETWORK = "Department Office"


def check_unit(unit: str | None, label: str) -> str | None:
	"""A unit to limit the coverage to: one that exists and that the user may reach."""
	if not unit:
		return None
	if not frappe.db.exists("DLXH Unit", unit):
		throw_invalid(label, _("{0}: {1} is not a unit.").format(label, frappe.bold(escape_html(unit))))
	if not reachable_units([unit]):
		frappe.throw(
			_("{0}: you may not see the collaborators of {1}.").format(label, frappe.bold(unit)),
			frappe.PermissionError,
		)
	return unit


def get_coverage(unit: str | None = None, on: date | None = None) -> list[tuple[dict, Coverage]]:
	"""(unit row, coverage) for every current unit the user may reach (within `unit`, if given), in tree
	order. A unit's network is its collaborators and those of the units below it. Each row also says which
	version of the collaborator regulation the unit applies (`row.regulation`)."""
	on = getdate(on or today())
	units = current_units(unit, on)
	wards = [row for row in all_current_units(on) if row.unit_type == COMMUNE_WARD]
	members = current_members(on)
	targets = read_targets()
	current = read_current_version(on)
	adopted = adopted_versions([row.name for row in units])
	result = []
	for row in units:
		within = [member for lft, member in members if row.lft <= lft <= row.rgt]
		areas = [ward.name for ward in wards if row.lft <= ward.lft <= row.rgt]
		target = merge_target(targets.get(DEFAULT_TARGET), targets.get(row.name))
		row.target_source = (
			row.name if row.name in targets else (DEFAULT_TARGET if DEFAULT_TARGET in targets else None)
		)
		row.regulation = regulation_status(row.name, adopted, current)
		result.append((row, coverage(within, areas, target)))
	return result


def all_current_units(on: date) -> list[frappe._dict]:
	return frappe.db.sql(
		"""select name, unit_type, lft, rgt from `tabDLXH Unit`
		where (valid_from is null or valid_from <= %(on)s) and (valid_to is null or valid_to >= %(on)s)
		order by lft""",
		{"on": on},
		as_dict=True,
	)


def current_units(unit: str | None, on: date) -> list[frappe._dict]:
	conditions = [
		"(unit.valid_from is null or unit.valid_from <= %(on)s)",
		"(unit.valid_to is null or unit.valid_to >= %(on)s)",
		"unit.unit_type != %(without_network)s",
	]
	values = {"on": on, "without_network": WITHOUT_NETWORK}
	if scope := get_unit_scope():
		conditions.append(f"unit.name in ({scope.units_sql()})")
	if unit:
		conditions.append(
			"unit.lft >= (select lft from `tabDLXH Unit` where name = %(unit)s)"
			" and unit.rgt <= (select rgt from `tabDLXH Unit` where name = %(unit)s)"
		)
		values["unit"] = unit
	return frappe.db.sql(
		f"""select unit.name, unit.unit_type, unit.lft, unit.rgt from `tabDLXH Unit` unit
		where {" and ".join(conditions)} order by unit.lft""",
		values,
		as_dict=True,
	)


def current_members(on: date) -> list[tuple[int, Member]]:
	"""(lft of the managing unit, member) of every collaborator the user may read who is active and in
	term on the day."""
	conditions = [
		"c.status = %(active)s",
		"(c.term_start is null or c.term_start <= %(on)s)",
		"(c.term_end is null or c.term_end >= %(on)s)",
	]
	if permitted := match_conditions("DLXH Collaborator", table_alias="c"):
		conditions.append(permitted)
	rows = frappe.db.sql(
		f"""select u.lft, c.social_stratum, c.sector, c.organisation_type, c.residential_area
		from `tabDLXH Collaborator` c join `tabDLXH Unit` u on u.name = c.managing_unit
		where {" and ".join(conditions)}""",
		{"active": ACTIVE, "on": on},
		as_dict=True,
	)
	return [
		(
			cint(row.lft),
			Member(
				row.social_stratum or "", row.sector or "", row.organisation_type or "", row.residential_area
			),
		)
		for row in rows
	]


def read_targets() -> dict[str, Target]:
	"""The targets by name (a unit's name, or DEFAULT_TARGET for the city's default)."""
	lines = {}
	for line in frappe.get_all(
		"Collaborator Target Line",
		filters={"parenttype": "Collaborator Target"},
		fields=["parent", "dimension", "value", "minimum"],
	):
		lines.setdefault(line.parent, {})[line.dimension, line.value] = cint(line.minimum)
	return {
		target.name: Target(
			min_collaborators=cint(target.min_collaborators),
			min_per_area=cint(target.min_per_area),
			max_share=flt(target.max_share),
			minimums=lines.get(target.name, {}),
		)
		for target in frappe.get_all(
			"Collaborator Target", fields=["name", "min_collaborators", "min_per_area", "max_share"]
		)
	}


def describe(row: frappe._dict, result: Coverage) -> dict:
	"""A unit's coverage as the API gives it: codes (the DocTypes' English options) and, where a person
	reads them, labels in the user's language."""
	return {
		"unit": row.name,
		"unit_type": row.unit_type,
		"actual": result.actual,
		"target": {
			"source": row.target_source,
			"min_collaborators": result.target.min_collaborators,
			"min_per_area": result.target.min_per_area,
			"max_share": result.target.max_share,
		},
		"gaps": [
			{
				"dimension": gap.dimension,
				"value": gap.value,
				"label": _(gap.value),
				"target": gap.target,
				"actual": gap.actual,
				"shortfall": gap.shortfall,
			}
			for gap in result.gaps
		],
		"areas": result.area_count,
		"areas_without": result.areas_without,
		"areas_short": result.areas_short,
		"missing_strata": result.missing_strata,
		"too_small": result.too_small,
		"unbalanced": result.unbalanced,
		"dominant": result.dominant
		and {"dimension": result.dominant[0], "value": result.dominant[1], "share": result.dominant[2]},
		"has_gaps": result.has_gaps,
		# The version of the collaborator regulation the unit has adopted, the city's current one, and
		# whether the unit's is older (or missing).
		"regulation": row.regulation,
	}
