"""What the accepted monthly reports of a period say, read by the database for the city's synthesis
(Opinion Synthesis) and the workspace's chart: items counted by grouped queries over Opinion Report Item
joined to the accepted reports, never by loading reports one by one; the units' compliance from
`dlxh_app.dlxh_reporting.compliance`. Every query is limited by the app's unit criterion, so that the
same functions serve city users (everything) and unit users (their units).

Only accepted reports count: a report the city has received but not accepted may still be returned and
changed, and the synthesis is the city's own report to the Standing Committee. Reports waiting for
acceptance are counted apart, so that the officer can accept them and build the draft again. Ad hoc
reports are left out: they answer a request on one topic and are read with it."""

from dataclasses import dataclass

import frappe
from frappe.utils import cint

from dlxh_app.dlxh_reporting.ai.text import segment
from dlxh_app.dlxh_reporting.compliance import get_matrix
from dlxh_app.dlxh_reporting.doctype.opinion_report.opinion_report import ACCEPTED, MONTHLY, SENT
from dlxh_app.dlxh_reporting.rules.compliance import Compliance, totals
from dlxh_app.dlxh_reporting.rules.period import previous_period
from dlxh_app.dlxh_reporting.rules.similar import near_duplicate_groups
from dlxh_app.dlxh_reporting.rules.synthesis import (
	Item,
	Story,
	TopicSummary,
	stories_by_topic,
	summarize_topics,
)
from dlxh_app.limits import count_expensive_call
from dlxh_app.permissions import match_conditions

Period = tuple[int, int]

# The start of every item query: the items of the accepted monthly reports, with their report's unit.
ACCEPTED_ITEMS = """
	from `tabOpinion Report Item` item
	join `tabOpinion Report` report on report.name = item.parent and item.parenttype = 'Opinion Report'
	join `tabDLXH Unit` unit on unit.name = report.unit
	where report.docstatus = 1 and report.workflow_state = %(accepted)s and report.report_type = %(monthly)s
"""
# Columns compared as they are, not as year * 100 + month, so that the database can use an index.
PERIOD_RANGE = """(report.period_year > %(first_year)s
		or (report.period_year = %(first_year)s and report.period_month >= %(first_month)s))
	and (report.period_year < %(last_year)s
		or (report.period_year = %(last_year)s and report.period_month <= %(last_month)s))"""
# Enough of an item's text to quote a sentence of it without reading long items whole.
CANDIDATE_TEXT_LENGTH = 400


@dataclass(frozen=True)
class PeriodCompliance:
	"""How the reporting units that owed the period's report stand, and the reports the city holds."""

	owed: int
	counts: dict[str, int]  # by Compliance status
	units: dict[str, list[str]]  # names by Compliance status, in tree order
	accepted: int
	awaiting: int  # sent to the city, not accepted yet


def item_conditions(first: Period, last: Period, user: str | None = None) -> tuple[str, dict]:
	"""The WHERE clause after ACCEPTED_ITEMS for the periods from `first` to `last`, and its values."""
	condition = f" and {PERIOD_RANGE}"
	if permitted := match_conditions("Opinion Report", user, "report"):
		condition += f" and {permitted}"
	values = {
		"accepted": ACCEPTED,
		"monthly": MONTHLY,
		"first_year": first[0],
		"first_month": first[1],
		"last_year": last[0],
		"last_month": last[1],
	}
	return condition, values


def item_counts(first: Period, last: Period, user: str | None = None, topic: str | None = None) -> list:
	"""(year, month, topic, trend, items) of the accepted items from `first` to `last`, within `topic`
	and the topics below it when given."""
	count_expensive_call()
	condition, values = item_conditions(first, last, user)
	if topic:
		condition += """ and item.topic in (
			select below.name from `tabOpinion Topic` below, `tabOpinion Topic` chosen
			where chosen.name = %(topic)s and below.lft >= chosen.lft and below.rgt <= chosen.rgt)"""
		values["topic"] = topic
	rows = frappe.db.sql(
		f"""
		select report.period_year, report.period_month, item.topic, item.trend, count(*) as items
		{ACCEPTED_ITEMS} {condition}
		group by report.period_year, report.period_month, item.topic, item.trend
		""",
		values,
	)
	return [
		(cint(year), cint(month), topic, trend or None, cint(items))
		for year, month, topic, trend, items in rows
	]


def summarize_period(year: int, month: int, user: str | None = None) -> list[TopicSummary]:
	"""Per topic: the items of the period by trend, the units raising it, the concerns to quote, and the
	items of the month before. Three queries: counts of both months, units, candidate items."""
	period, previous = (year, month), previous_period(year, month)
	counts, previous_totals = [], {}
	for *row_period, topic, trend, items in item_counts(previous, period, user):
		if tuple(row_period) == period:
			counts.append((topic, trend, items))
		else:
			previous_totals[topic] = previous_totals.get(topic, 0) + items

	condition, values = item_conditions(period, period, user)
	units = frappe.db.sql(
		f"""
		select item.topic, report.unit {ACCEPTED_ITEMS} {condition}
		group by item.topic, report.unit, unit.lft
		order by unit.lft
		""",
		values,
	)
	return summarize_topics(
		counts, previous_totals, [tuple(row) for row in units], accepted_items(period, user)
	)


def accepted_items(period: tuple[int, int], user: str | None = None) -> list[Item]:
	"""The accepted items of the period the user may reach, by unit in the tree's order, their text cut
	to what a synthesis quotes."""
	condition, values = item_conditions(period, period, user)
	rows = frappe.db.sql(
		f"""
		select item.topic, report.unit, item.trend, item.level_of_interest,
			substr(item.content, 1, {CANDIDATE_TEXT_LENGTH}) as content
		{ACCEPTED_ITEMS} {condition}
		order by unit.lft, item.idx
		""",
		values,
	)
	return [Item(*row) for row in rows]


def period_stories(year: int, month: int, user: str | None = None) -> dict[str, tuple[int, list[Story]]]:
	"""Per topic: the stories the period's accepted items tell (similar items counted once, by
	rules/similar.py over their segmented words) and those told by several items, with their units."""
	items = accepted_items((year, month), user)
	return stories_by_topic(items, near_duplicate_groups([segment(item.content or "") for item in items]))


def period_compliance(year: int, month: int, user: str | None = None) -> PeriodCompliance:
	"""The period's compliance of the reporting units the user may reach (their units for unit users)."""
	period = (year, month)
	matrix = get_matrix([period], user=user)
	units: dict[str, list[str]] = {status.value: [] for status in Compliance}
	for unit, cell in zip(matrix.units, matrix.period_cells(period), strict=True):
		units[cell.status.value].append(unit)
	owed = len(matrix.units) - len(units[Compliance.NOT_APPLICABLE.value])
	states = report_states(year, month, user)
	return PeriodCompliance(
		owed=owed,
		counts=totals(matrix.period_cells(period)),
		units=units,
		accepted=states.get(ACCEPTED, 0),
		awaiting=states.get(SENT, 0),
	)


def report_states(year: int, month: int, user: str | None = None) -> dict[str, int]:
	"""The period's monthly reports the user may read (not cancelled), counted by workflow state."""
	values = {"monthly": MONTHLY, "year": year, "month": month}
	condition = ""
	if permitted := match_conditions("Opinion Report", user, "report"):
		condition = f" and {permitted}"
	rows = frappe.db.sql(
		f"""
		select report.workflow_state, count(*) from `tabOpinion Report` report
		where report.report_type = %(monthly)s and report.docstatus < 2
			and report.period_year = %(year)s and report.period_month = %(month)s {condition}
		group by report.workflow_state
		""",
		values,
	)
	return {state: cint(count) for state, count in rows}


def survey_result_reports(year: int, month: int, user: str | None = None) -> list[dict]:
	"""The survey result reports issued in the period (dated in its month, issued or accepted, not
	cancelled) that the user may read, oldest first: the city's synthesis lists them."""
	first = f"{year:04d}-{month:02d}-01"
	last = frappe.utils.get_last_day(first)
	condition = ""
	if permitted := match_conditions("Survey Result Report", user, "report"):
		condition = f" and {permitted}"
	return frappe.db.sql(
		f"""
		select report.name, report.document_reference, report.title, report.unit
		from `tabSurvey Result Report` report
		where report.docstatus = 1 and report.document_date between %(first)s and %(last)s {condition}
		order by report.document_date, report.document_number, report.name
		""",
		{"first": first, "last": last},
		as_dict=True,
	)
