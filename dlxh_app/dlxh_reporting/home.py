"""Each role's home in the web app (frontend/src/pages/home/): what the user owes and by when, what waits
for their signature, the city's picture, the collaborator's recent entries. Every figure is read within
the user's reach by the app's one criterion (`match_conditions`, `get_list`, the compliance matrix), never
more widely; approving and returning go through the documents' workflows as on their forms, and starting
this month's report through the Opinion Report controller (`pull_entries`)."""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name, has_approval_access
from frappe.utils import cint, get_datetime, get_system_timezone, getdate

from dlxh_app.dlxh_reporting.compliance import (
	check_unit,
	get_matrix,
	reporting_units_sql,
)
from dlxh_app.dlxh_reporting.dashboard import current_period, open_requests_conditions
from dlxh_app.dlxh_reporting.doctype.opinion_report.opinion_report import (
	DRAFT,
	MONTHLY,
	RETURNED,
	SENT,
	local_now,
)
from dlxh_app.dlxh_reporting.rules.compliance import RECEIVED_STATES, Compliance
from dlxh_app.dlxh_reporting.rules.deadline import deadline_for, to_aware, to_naive
from dlxh_app.dlxh_reporting.rules.home import missing_running, on_time_share, rises_sharply
from dlxh_app.dlxh_reporting.rules.period import add_months, format_period, month_bounds, period_key
from dlxh_app.dlxh_reporting.rules.synthesis import TRENDS
from dlxh_app.dlxh_reporting.synthesis import summarize_period
from dlxh_app.dlxh_setup.rules.text import plain_text
from dlxh_app.permissions import get_user_unit, is_city_user, match_conditions

# "Not started": the unit has no report of the period yet.
NOT_STARTED = "Not Started"
# The states in which a document waits for someone's approval, by DocType; who may approve is the
# workflow's (its transitions from these states that the user's roles allow).
APPROVAL_STATES = {
	"Opinion Report": ("Pending Leader Approval", SENT),
	"DLXH Plan": ("Pending Approval",),
	"Opinion Survey": ("Proposed",),
	"Opinion Synthesis": ("Pending Approval",),
}
APPROVAL_TITLES = {
	"Opinion Report": "unit",
	"DLXH Plan": "title",
	"Opinion Survey": "title",
	"Opinion Synthesis": "title",
}
# Twelve months of compliance on the city's heat map, the current one last.
HEAT_MAP_MONTHS = 12
RECENT_ENTRIES = 10
RECENT_TOPICS = 8
IN_FIELD = "In Field"
RETURN = "Return"
DONE_ACTIVITY = "Done"
CANCELLED_ACTIVITY = "Cancelled"
SNIPPET_LENGTH = 140


def period_info(period: tuple[int, int]) -> dict:
	return {"period": period_key(*period), "label": format_period(*period)}


def deadline_info(period: tuple[int, int]) -> dict:
	"""The monthly report's deadline of the period in the Department's time zone (DLXH Settings), with
	the seconds left from now (negative once passed)."""
	settings = frappe.get_cached_doc("DLXH Settings")
	deadline = deadline_for(*period, cint(settings.report_deadline_day), settings.time_zone)
	return {
		"deadline": deadline.isoformat(),
		"time_zone": settings.time_zone,
		"seconds_left": int((deadline - local_now()).total_seconds()),
	}


def local_iso(value) -> str | None:
	"""A datetime the database keeps in the system's time zone, as an ISO time with its offset."""
	return value and to_aware(get_datetime(value), get_system_timezone()).isoformat()


def snippet(html: str | None) -> str:
	text = plain_text(html or "")
	return text if len(text) <= SNIPPET_LENGTH else text[: SNIPPET_LENGTH - 1].rstrip() + "…"


def own_unit(unit: str | None) -> str:
	"""The unit the home is about: the one asked for if the user reaches it, else the user's own."""
	unit = check_unit(unit, _("Unit")) or get_user_unit()
	if not unit:
		frappe.throw(_("Your user is not linked to a unit: ask the administrator to set your unit."))
	return unit


# ---- unit officer --------------------------------------------------------------------------------------


@frappe.whitelist()
def get_unit_home(unit: str | None = None) -> dict:
	"""The unit officer's home: this period's report (state, deadline, returned reason, entries waiting to
	be pulled in), open requests addressed to the unit with their due dates, the plan activities of the
	unit due this month (and those overdue), and the surveys of the unit in the field."""
	frappe.has_permission("Opinion Report", throw=True)
	unit = own_unit(unit)
	period = current_period()
	return {
		"unit": unit,
		"period": period_info(period),
		"report": monthly_report_card(unit, period),
		"requests": open_requests(unit),
		"activities": activities_due(unit, period),
		"surveys": surveys_in_field(),
	}


def monthly_report_card(unit: str, period: tuple[int, int]) -> dict:
	is_reporting = frappe.db.get_value("DLXH Unit", unit, "is_reporting_unit")
	report = frappe.get_list(
		"Opinion Report",
		filters={
			"unit": unit,
			"report_type": MONTHLY,
			"period_year": period[0],
			"period_month": period[1],
			"docstatus": ["<", 2],
		},
		fields=["name", "workflow_state", "return_reason", "sent_on", "is_late", "days_late", "modified"],
		order_by="creation desc",
		limit=1,
	)
	report = report[0] if report else None
	card = {
		"is_reporting_unit": bool(is_reporting),
		"name": report and report.name,
		"state": (report and report.workflow_state) or NOT_STARTED,
		"return_reason": (report and report.workflow_state == RETURNED and report.return_reason) or "",
		"sent_on": report and local_iso(report.sent_on),
		"is_late": bool(report and report.is_late),
		"days_late": cint(report and report.days_late),
		"unused_entries": unused_entries(unit, period) if is_reporting else 0,
		"can_create": frappe.has_permission("Opinion Report", "create"),
	}
	return card | deadline_info(period)


def unused_entries(unit: str, period: tuple[int, int]) -> int:
	"""The unit's opinions of the period a monthly report would pull in (the controller's filters)."""
	report = frappe.new_doc("Opinion Report")
	report.update({"unit": unit, "report_type": MONTHLY, "period_year": period[0], "period_month": period[1]})
	return len(frappe.get_list("Opinion Entry", filters=report.entry_filters(), pluck="name"))


def open_requests(unit: str | None = None) -> list[dict]:
	"""The open requests the user's units issued or are asked to answer, soonest due first; for `unit`,
	its own answer (the ad hoc report) if it has one."""
	conditions, values = open_requests_conditions()
	requests = frappe.db.sql(
		f"""select request.name, request.subject, request.deadline, request.document_reference,
			request.issuing_unit
		from `tabReport Request` request where {" and ".join(conditions)}
		order by request.deadline asc""",
		values,
		as_dict=True,
	)
	answers = {}
	if unit and requests:
		answers = {
			row.report_request: row
			for row in frappe.get_list(
				"Opinion Report",
				filters={
					"unit": unit,
					"report_request": ["in", [request.name for request in requests]],
					"docstatus": ["<", 2],
				},
				fields=["name", "report_request", "workflow_state"],
			)
		}
	now = local_now()
	result = []
	for request in requests:
		deadline = to_aware(get_datetime(request.deadline), get_system_timezone())
		answer = answers.get(request.name)
		result.append(
			{
				"name": request.name,
				"subject": request.subject,
				"reference": request.document_reference,
				"issuing_unit": request.issuing_unit,
				"deadline": deadline.isoformat(),
				"seconds_left": int((deadline - now).total_seconds()),
				"report": answer and answer.name,
				"report_state": answer and answer.workflow_state,
				"answered": bool(answer and answer.workflow_state in RECEIVED_STATES),
			}
		)
	return result


def activities_due(unit: str, period: tuple[int, int]) -> list[dict]:
	"""The activities of the issued plans the user may read that the unit (or a unit below it) is
	responsible for, ending this month or before and neither done nor cancelled, the earliest first."""
	first, last = month_bounds(*period)
	conditions = [
		"plan.docstatus = 1",
		"activity.end_date <= %(last)s",
		"ifnull(activity.status, '') not in (%(done)s, %(cancelled)s)",
		"activity.responsible_unit in (select below.name from `tabDLXH Unit` below, `tabDLXH Unit` chosen"
		" where chosen.name = %(unit)s and below.lft >= chosen.lft and below.rgt <= chosen.rgt)",
	]
	if permitted := match_conditions("DLXH Plan", table_alias="plan"):
		conditions.append(permitted)
	rows = frappe.db.sql(
		f"""select plan.name as plan, plan.title as plan_title, activity.content, activity.responsible_unit,
			activity.start_date, activity.end_date, activity.status
		from `tabDLXH Plan Activity` activity
		join `tabDLXH Plan` plan on plan.name = activity.parent and activity.parenttype = 'DLXH Plan'
		where {" and ".join(conditions)}
		order by activity.end_date asc, activity.idx asc""",
		{"last": last, "done": DONE_ACTIVITY, "cancelled": CANCELLED_ACTIVITY, "unit": unit},
		as_dict=True,
	)
	return [
		row
		| {
			"content": snippet(row.content),
			"end_date": str(row.end_date),
			"start_date": row.start_date and str(row.start_date),
			"overdue": getdate(row.end_date) < first,
		}
		for row in rows
	]


def surveys_in_field() -> list[dict]:
	return frappe.get_list(
		"Opinion Survey",
		filters={"workflow_state": IN_FIELD},
		fields=["name", "title", "responsible_unit", "sample_size", "closes_on"],
		order_by="closes_on asc",
	)


@frappe.whitelist(methods=["POST"])
def start_monthly_report(unit: str | None = None) -> dict:
	"""Start this period's monthly report of the unit (the user's own unless another they reach is
	named) with the unit's unused opinions pulled in, or, if the report exists and may still be edited,
	pull the opinions recorded since into it. Returns the report's name and how many opinions came in."""
	frappe.has_permission("Opinion Report", "create", throw=True)
	unit = own_unit(unit)
	year, month = current_period()
	existing = frappe.get_list(
		"Opinion Report",
		filters={
			"unit": unit,
			"report_type": MONTHLY,
			"period_year": year,
			"period_month": month,
			"docstatus": ["<", 2],
		},
		pluck="name",
		limit=1,
	)
	if existing:
		report = frappe.get_doc("Opinion Report", existing[0])
		created = False
	else:
		report = frappe.get_doc(
			{
				"doctype": "Opinion Report",
				"unit": unit,
				"report_type": MONTHLY,
				"period_year": year,
				"period_month": month,
			}
		).insert()
		# Read back as stored: Frappe compares the stored `modified` with the one the document was opened
		# with as text, and MariaDB gives a whole second without the ".000000" the insert wrote.
		report.reload()
		created = True
	added = 0
	if report.workflow_state in (DRAFT, RETURNED) and report.has_permission("write"):
		added = report.pull_entries()
	return {"name": report.name, "created": created, "added": added, "state": report.workflow_state}


# ---- approvals (unit leader, city officer, manager) ----------------------------------------------------


@frappe.whitelist()
def get_approval_queue() -> list[dict]:
	"""Every document the user may read that waits in a state from which the user's roles may take a
	workflow action (approve, send, accept, issue or return), oldest first. The actions themselves are
	the workflow's (`frappe.model.workflow.apply_workflow`, the document's `return_for_revision`)."""
	frappe.has_permission("Opinion Report", throw=True)
	roles = set(frappe.get_roles())
	user = frappe.session.user
	queue = []
	for doctype, states in APPROVAL_STATES.items():
		if not frappe.has_permission(doctype) or not get_workflow_name(doctype):
			continue
		workflow = frappe.get_cached_doc("Workflow", get_workflow_name(doctype))
		# Returning alone is not approving: a leader's own report, say, is theirs to return, not to sign.
		actionable: dict[str, list] = {}
		for transition in workflow.transitions:
			if transition.state in states and transition.allowed in roles and transition.action != RETURN:
				actionable.setdefault(transition.state, []).append(transition)
		if not actionable:
			continue
		title = APPROVAL_TITLES[doctype]
		fields = ["name", "workflow_state", "modified", "owner", title]
		if doctype == "Opinion Report":
			fields += ["report_type", "period_year", "period_month"]
		for doc in frappe.get_list(
			doctype,
			filters={"workflow_state": ["in", list(actionable)], "docstatus": ["<", 2]},
			fields=fields,
			order_by="modified asc",
		):
			if not any(has_approval_access(user, doc, step) for step in actionable[doc.workflow_state]):
				continue
			queue.append(
				{
					"doctype": doctype,
					"name": doc.name,
					"title": approval_title(doctype, doc),
					"workflow_state": doc.workflow_state,
					"waiting_since": local_iso(doc.modified),
					"modified": str(doc.modified),
				}
			)
	queue.sort(key=lambda row: row["modified"])
	return queue


def approval_title(doctype: str, doc) -> str:
	if doctype == "Opinion Report":
		if doc.report_type == MONTHLY:
			return _("{0}: report of {1}").format(doc.unit, format_period(doc.period_year, doc.period_month))
		return _("{0}: ad hoc report").format(doc.unit)
	return doc.get(APPROVAL_TITLES[doctype]) or doc.name


# ---- city officer ----------------------------------------------------------------------------------------


def require_city_user():
	if not is_city_user():
		frappe.throw(_("Only the city's Propaganda Department sees the whole city."), frappe.PermissionError)


@frappe.whitelist()
def get_city_home() -> dict:
	"""The city officer's home: the compliance of every reporting unit over the last twelve months (a
	heat map, each cell with its report), the month's synthesis and its topics against last month,
	the open requests and who has answered them, and alerts (units missing two months running, topics
	rising sharply). The reports waiting for the city are in `get_approval_queue`."""
	require_city_user()
	frappe.has_permission("Opinion Report", "report", throw=True)
	period = current_period()
	periods = [add_months(*period, -offset) for offset in range(HEAT_MAP_MONTHS - 1, -1, -1)]
	matrix = get_matrix(periods)
	names = report_names(periods)
	keys = {p: period_key(*p) for p in periods}
	units = []
	for unit in matrix.units:
		cells = matrix.unit_cells(unit)
		units.append(
			{
				"unit": unit,
				"cells": [
					{
						"period": keys[p],
						"status": cell.status.value,
						"days_late": cell.days_late,
						"report": names.get((unit, p)),
					}
					for p, cell in zip(periods, cells, strict=True)
				],
			}
		)
	topics = topic_trend(period)
	return {
		"period": period_info(period),
		"heat_map": {"periods": [period_info(p) for p in periods], "units": units},
		"synthesis": synthesis_of(period),
		"topics": topics,
		"requests": requests_with_answers(),
		"alerts": {
			"missing_two_months": [
				unit
				for unit in matrix.units
				if missing_running([cell.status for cell in matrix.unit_cells(unit)])
			],
			"rising_topics": [topic for topic in topics if topic["rising"]],
		},
	}


def report_names(periods: list[tuple[int, int]]) -> dict:
	"""(unit, period) -> the latest monthly report's name, as the compliance matrix judges it."""
	units_sql, values = reporting_units_sql(None, None)
	permitted = match_conditions("Opinion Report", table_alias="report")
	rows = frappe.db.sql(
		f"""select report.name, report.unit, report.period_year, report.period_month
		from `tabOpinion Report` report
		where report.report_type = %(monthly)s and report.docstatus < 2 and report.unit in ({units_sql})
			and (report.period_year * 100 + report.period_month) between %(first)s and %(last)s
			{f"and {permitted}" if permitted else ""}
		order by report.creation asc""",
		values
		| {
			"monthly": MONTHLY,
			"first": periods[0][0] * 100 + periods[0][1],
			"last": periods[-1][0] * 100 + periods[-1][1],
		},
		as_dict=True,
	)
	return {(row.unit, (cint(row.period_year), cint(row.period_month))): row.name for row in rows}


def topic_trend(period: tuple[int, int]) -> list[dict]:
	"""The period's topics from the accepted reports, by trend, against the month before."""
	return [
		{
			"topic": summary.topic,
			"by_trend": {trend: summary.by_trend.get(trend, 0) for trend in TRENDS},
			"total": summary.total,
			"previous_total": summary.previous_total,
			"change": summary.change,
			"rising": rises_sharply(summary.total, summary.previous_total),
		}
		for summary in summarize_period(*period)
	]


def synthesis_of(period: tuple[int, int]) -> dict | None:
	rows = frappe.get_list(
		"Opinion Synthesis",
		filters={"period_year": period[0], "period_month": period[1], "docstatus": ["<", 2]},
		fields=["name", "title", "workflow_state", "built_on", "reports_accepted", "reports_awaiting"],
		order_by="creation desc",
		limit=1,
	)
	if not rows:
		return None
	row = rows[0]
	return row | {"built_on": local_iso(row.built_on)}


def requests_with_answers() -> list[dict]:
	"""The open requests, each with the units asked and those that have answered (within reach)."""
	result = []
	for request in open_requests():
		responses = frappe.get_doc("Report Request", request["name"]).get_responses()
		result.append(
			request
			| {
				"addressed": len(responses),
				"answered_units": [row["unit"] for row in responses if row["answered"]],
				"waiting_units": [row["unit"] for row in responses if not row["answered"]],
			}
		)
	return result


# ---- manager -----------------------------------------------------------------------------------------------


@frappe.whitelist()
def get_manager_home(year: int | None = None) -> dict:
	"""The manager's year at a glance (the current year unless another is asked for): the monthly reports
	sent on time of those due so far, the surveys done against the issued plans' targets, the plan
	activities done. The approval queue is `get_approval_queue`."""
	require_city_user()
	frappe.has_permission("Opinion Report", "report", throw=True)
	current = current_period()
	year = cint(year) or current[0]
	if not 2000 <= year <= current[0]:
		frappe.throw(_("Year must be between {0} and {1}.").format(2000, current[0]))
	last_month = current[1] if year == current[0] else 12
	periods = [(year, month) for month in range(1, last_month + 1)]
	matrix = get_matrix(periods)
	on_time, judged, percent = on_time_share(cell.status for cell in matrix.cells.values())
	plans = frappe.get_list(
		"DLXH Plan",
		filters={"plan_year": year, "docstatus": 1},
		fields=["name", "title", "issuing_unit", "planned_surveys", "surveys_done", "progress"],
		order_by="creation asc",
	)
	activities = activity_counts([plan.name for plan in plans])
	return {
		"year": year,
		"reports": {
			"on_time": on_time,
			"judged": judged,
			"percent": percent,
			"counts": {
				status.value: sum(1 for cell in matrix.cells.values() if cell.status == status)
				for status in Compliance
			},
			"by_month": [month_share(p, matrix.period_cells(p)) for p in periods],
		},
		"surveys": {
			"planned": sum(cint(plan.planned_surveys) for plan in plans),
			"done": sum(cint(plan.surveys_done) for plan in plans),
			"plans": plans,
		},
		"activities": activities,
	}


def month_share(period: tuple[int, int], cells) -> dict:
	on_time, judged, _percent = on_time_share(cell.status for cell in cells)
	return period_info(period) | {"on_time": on_time, "judged": judged}


def activity_counts(plans: list[str]) -> dict:
	if not plans:
		return {"total": 0, "done": 0, "by_status": {}}
	by_status: dict[str, int] = {}
	for status in frappe.get_all(
		"DLXH Plan Activity",
		filters={"parenttype": "DLXH Plan", "parent": ["in", plans]},
		pluck="status",
	):
		by_status[status or "Not Started"] = by_status.get(status or "Not Started", 0) + 1
	return {
		"total": sum(by_status.values()),
		"done": by_status.get(DONE_ACTIVITY, 0),
		"by_status": by_status,
	}


# ---- collaborator ------------------------------------------------------------------------------------------


@frappe.whitelist()
def get_collaborator_home() -> dict:
	"""The collaborator's home: the topics they used lately first (then the others), the areas they wrote,
	and their latest entries with whether each was used in a report. Only the user's own entries."""
	frappe.has_permission("Opinion Entry", throw=True)
	user = frappe.session.user
	entries = frappe.get_list(
		"Opinion Entry",
		filters={"owner": user},
		fields=[
			"name",
			"entry_date",
			"topic",
			"trend",
			"area",
			"level_of_interest",
			"content",
			"used_in_report",
		],
		order_by="creation desc",
		limit=RECENT_ENTRIES,
	)
	own = f"entry.owner = %(user)s and {match_conditions('Opinion Entry', table_alias='entry') or '1 = 1'}"
	recent_topics = frappe.db.sql(
		f"""select entry.topic from `tabOpinion Entry` entry where {own} and entry.topic is not null
		group by entry.topic order by max(entry.creation) desc limit {RECENT_TOPICS}""",
		{"user": user},
		as_dict=True,
	)
	areas = frappe.db.sql(
		f"""select entry.area from `tabOpinion Entry` entry where {own} and ifnull(entry.area, '') != ''
		group by entry.area order by max(entry.creation) desc limit {RECENT_TOPICS}""",
		{"user": user},
		as_dict=True,
	)
	used = [row.topic for row in recent_topics]
	others = frappe.get_all(
		"Opinion Topic",
		filters={"is_group": 0, "name": ["not in", used or [""]]},
		pluck="name",
		order_by="lft",
	)
	return {
		"unit": get_user_unit(),
		"today": str(local_now().date()),
		"topics": [{"topic": topic, "recent": True} for topic in used]
		+ [{"topic": topic, "recent": False} for topic in others],
		"areas": [row.area for row in areas],
		"entries": [
			entry | {"entry_date": str(entry.entry_date), "content": snippet(entry.content)}
			for entry in entries
		],
	}


# ---- enumerator --------------------------------------------------------------------------------------------


@frappe.whitelist()
def get_enumerator_home() -> dict:
	"""The enumerator's home: the surveys in the field the user may read, each with the responses the
	user entered today (since midnight in the Department's time zone) and in all, against the forms an
	enumerator fills in a day, and the survey's progress against its strata's quotas."""
	from dlxh_app.dlxh_surveys.api import get_quota_progress

	frappe.has_permission("Survey Response", throw=True)
	user = frappe.session.user
	midnight = local_now().replace(hour=0, minute=0, second=0, microsecond=0)
	since = to_naive(midnight, get_system_timezone())
	surveys = frappe.get_list(
		"Opinion Survey",
		filters={"workflow_state": IN_FIELD},
		fields=[
			"name",
			"title",
			"responsible_unit",
			"sample_size",
			"closes_on",
			"forms_per_enumerator_day",
			"public_slug",
		],
		order_by="closes_on asc",
	)
	for survey in surveys:
		mine = {"survey": survey.name, "entered_by": user, "is_current": 1}
		survey.update(
			{
				"entered_today": frappe.db.count("Survey Response", mine | {"creation": [">=", since]}),
				"entered": frappe.db.count("Survey Response", mine),
				"quota": get_quota_progress(survey.name),
				# The paper-entry form (www/khao_sat_nhap_phieu.py), by the survey's public link key.
				"paper_entry": survey.public_slug and f"/khao-sat/{survey.public_slug}/nhap-phieu",
			}
		)
	return {"today": str(midnight.date()), "surveys": surveys}
