"""Compliance of the reporting units over a range of periods, read by the database.

Two queries whatever the range: the reporting units the user may reach that existed in it, and the
latest monthly report of each of their unit and period pairs (grouped). Each cell is then judged in plain
Python (`rules.compliance.judge_cell`) against the period's deadline in the Department's time zone.
The Script Report "Report Compliance", the API and the reminders all read it from here."""

from dataclasses import dataclass, field
from datetime import date, datetime

import frappe
from frappe import _
from frappe.utils import cint, escape_html, getdate

from dlxh_app.dlxh_reporting.doctype.opinion_report.opinion_report import MONTHLY, local_now
from dlxh_app.dlxh_reporting.rules.compliance import Cell, Compliance, judge_cell, owes_report
from dlxh_app.dlxh_reporting.rules.deadline import deadline_for
from dlxh_app.dlxh_reporting.rules.period import month_bounds, parse_period, periods_between
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.limits import count_expensive_call
from dlxh_app.permissions import get_unit_scope, match_conditions, reachable_units
from dlxh_app.validation import throw_invalid

# Ten years of months: enough for any review, small enough for one screen or sheet.
MAX_PERIODS = 120

Period = tuple[int, int]


@dataclass
class ComplianceMatrix:
	periods: list[Period]
	# In tree order, so that the units below a district follow it.
	units: list[str]
	cells: dict[tuple[str, Period], Cell] = field(default_factory=dict)

	def unit_cells(self, unit: str) -> list[Cell]:
		return [self.cells[unit, period] for period in self.periods]

	def period_cells(self, period: Period) -> list[Cell]:
		return [self.cells[unit, period] for unit in self.units]


def get_matrix(
	periods: list[Period], user: str | None = None, unit: str | None = None, now: datetime | None = None
) -> ComplianceMatrix:
	"""The cells of every reporting unit `user` may reach (only `unit` and the units below it, if given)
	that existed in some of `periods` (consecutive, in order). `now` defaults to the local time."""
	count_expensive_call()
	first_day, last_day = month_bounds(*periods[0])[0], month_bounds(*periods[-1])[1]
	units_sql, unit_values = reporting_units_sql(user, unit)
	units = frappe.db.sql(
		f"""
		select unit.name, unit.valid_from, unit.valid_to from `tabDLXH Unit` unit
		where unit.name in ({units_sql})
			and (unit.valid_from is null or unit.valid_from <= %(last_day)s)
			and (unit.valid_to is null or unit.valid_to >= %(first_day)s)
		order by unit.lft
		""",
		unit_values | {"first_day": first_day, "last_day": last_day},
		as_dict=True,
	)
	reports = latest_monthly_reports(periods, units_sql, unit_values, user)

	settings = frappe.get_cached_doc("DLXH Settings")
	deadline_day = cint(settings.report_deadline_day)
	deadlines = {period: deadline_for(*period, deadline_day, settings.time_zone) for period in periods}
	now = now or local_now()
	matrix = ComplianceMatrix(periods, [row.name for row in units])
	for row in units:
		valid_from, valid_to = optional_date(row.valid_from), optional_date(row.valid_to)
		for period in periods:
			report = reports.get((row.name, period))
			matrix.cells[row.name, period] = judge_cell(
				owes_report(valid_from, valid_to, *period),
				report and report.workflow_state,
				bool(report and cint(report.is_late)),
				cint(report and report.days_late),
				deadlines[period],
				now,
			)
	return matrix


def reporting_units_sql(user: str | None, unit: str | None) -> tuple[str, dict]:
	"""A subquery of the reporting units the user may reach, within `unit` when given."""
	conditions = ["reporting.is_reporting_unit = 1"]
	values = {}
	if scope := get_unit_scope(user):
		conditions.append(f"reporting.name in ({scope.units_sql()})")
	if unit:
		conditions.append(
			"reporting.lft >= chosen.lft and reporting.rgt <= chosen.rgt and chosen.name = %(chosen_unit)s"
		)
		values["chosen_unit"] = unit
	tables = "`tabDLXH Unit` reporting" + (", `tabDLXH Unit` chosen" if unit else "")
	return f"select reporting.name from {tables} where {' and '.join(conditions)}", values


def latest_monthly_reports(periods: list[Period], units_sql: str, values: dict, user: str | None) -> dict:
	"""(unit, period) -> the state and lateness of the unit's latest monthly report of the period that
	is not cancelled (an amended report replaces its cancelled original)."""
	first, last = periods[0], periods[-1]
	values = values | {
		"monthly": MONTHLY,
		"first_year": first[0],
		"first_month": first[1],
		"last_year": last[0],
		"last_month": last[1],
	}
	conditions = [
		"monthly.report_type = %(monthly)s",
		"monthly.docstatus < 2",
		"(monthly.period_year > %(first_year)s"
		" or (monthly.period_year = %(first_year)s and monthly.period_month >= %(first_month)s))",
		"(monthly.period_year < %(last_year)s"
		" or (monthly.period_year = %(last_year)s and monthly.period_month <= %(last_month)s))",
		f"monthly.unit in ({units_sql})",
	]
	if permitted := match_conditions("Opinion Report", user, "monthly"):
		conditions.append(permitted)
	rows = frappe.db.sql(
		f"""
		select report.unit, report.period_year, report.period_month, report.workflow_state,
			report.is_late, report.days_late
		from `tabOpinion Report` report
		join (
			select monthly.unit, monthly.period_year, monthly.period_month, max(monthly.creation) as latest
			from `tabOpinion Report` monthly
			where {" and ".join(conditions)}
			group by monthly.unit, monthly.period_year, monthly.period_month
		) latest on latest.unit = report.unit and latest.period_year = report.period_year
			and latest.period_month = report.period_month and latest.latest = report.creation
		where report.report_type = %(monthly)s and report.docstatus < 2
		""",
		values,
		as_dict=True,
	)
	return {(row.unit, (cint(row.period_year), cint(row.period_month))): row for row in rows}


def optional_date(value) -> date | None:
	return getdate(value) if value else None


def status_label(cell: Cell, lang: str | None = None) -> str:
	"""The cell as the user (or a reader of `lang`) reads it: "Late (3 days)" and the other statuses."""
	if cell.status == Compliance.LATE:
		if cell.days_late == 1:
			return _("Late (1 day)", lang=lang)
		return _("Late ({0} days)", lang=lang).format(cell.days_late)
	return _(cell.status.value, lang=lang)


def read_periods(from_period: str | None, to_period: str | None, from_label: str, to_label: str):
	"""The periods asked for, or a translated error naming the parameter (by its label) at fault."""
	bounds = []
	for text, label in ((from_period, from_label), (to_period, to_label)):
		try:
			bounds.append(parse_period(text))
		except RuleError:
			throw_invalid(
				label,
				_("{0} must be a month written as YYYY-MM, e.g. 2025-01, not {1}.").format(
					label, frappe.bold(escape_html(text or ""))
				),
			)
	try:
		return periods_between(*bounds, MAX_PERIODS)
	except RuleError as error:
		if error.code == "period_order":
			throw_invalid(
				from_label,
				_("{0} ({1}) must not come after {2} ({3}).").format(
					from_label, from_period, to_label, to_period
				),
			)
		throw_invalid(
			to_label,
			_("{0}: from {1} to {2} is {3} months; ask for at most {4} at a time.").format(
				to_label, from_period, to_period, error.values[0], error.values[1]
			),
		)


def check_unit(unit: str | None, label: str, user: str | None = None) -> str | None:
	"""A unit to limit the compliance to: one that exists and that the user may reach."""
	if not unit:
		return None
	if not frappe.db.exists("DLXH Unit", unit):
		throw_invalid(label, _("{0}: {1} is not a unit.").format(label, frappe.bold(escape_html(unit))))
	if not reachable_units([unit], user):
		frappe.throw(
			_("{0}: you may not see the reports of {1}.").format(label, frappe.bold(unit)),
			frappe.PermissionError,
		)
	return unit
