"""The demo's reporting cycle, from January 2025 to today: the monthly reports of every reporting unit
that owed them (the districts until their dissolution on 30/6/2025, the wards after it, the Party
committees under the city, the Front and the organisations), some late, some returned, a few missing;
opinions recorded by collaborators and pulled into their unit's reports; the city's ad hoc requests with
the units' answers; the city's syntheses, issued.

Everything goes through the real forms and workflow as the users would take it: a unit officer drafts,
the unit's leader sends, the city officer accepts or returns. What happened to each unit's report of each
month is one letter in setup/data/demo/report_units.json: "record" for the twelve months of 2025,
"recent" for the twelve months before the current one and the current month, whatever today is (the
months of 2025 among them keep their "record"). The unit of the README's walkthrough leaves the current
month to the reader. Send days and the choice of opinions come from a random generator seeded with the
unit and period, so every run writes the same reports. The texts are in report_items.json (2025) and
yearly_texts.json (the months since: what recurs every year), the requests and 2025 syntheses in
report_requests.json and syntheses.json. When everything happens, and up to when: demo_time.py."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import cint, format_date, getdate

from dlxh_app.dlxh_reporting.doctype.opinion_report.opinion_report import AD_HOC, MONTHLY
from dlxh_app.dlxh_reporting.doctype.report_request.report_request import CLOSED
from dlxh_app.dlxh_reporting.rules.compliance import owes_report
from dlxh_app.dlxh_reporting.rules.deadline import judge
from dlxh_app.dlxh_reporting.rules.period import add_months, entry_window
from dlxh_app.setup.demo_time import HISTORY_YEAR, RECENT_MONTHS, DemoTime, Event, Period
from dlxh_app.setup.demo_users import acting_as, staff_of, taking_turns
from dlxh_app.setup.install import read_data

CITY_OFFICER = "officer@dlxh.local"
MANAGER = "manager@dlxh.local"
# The README's collaborator, who records the opinions of the current month in the walkthrough's ward.
COLLABORATOR = "collaborator@dlxh.local"

# What became of a unit's report of one month: one letter a month in a unit's "record" and "recent".
ON_TIME, LATE, RESENT, RETURNED, AWAITING, PENDING, DRAFT, MISSING, NOT_OWED = ".LROSPDM-"

# The steps leading to each outcome: hours from the leader's first sending, who acts, what they do.
DRAFTED = (-50, "officer", "Draft")
TO_LEADER = (-20, "officer", "Send to Leader")
SENT = (0, "leader", "Approve and Send")
RETURNED_BY_CITY = (22, "city", "Return")
COURSES = {
	ON_TIME: (DRAFTED, TO_LEADER, SENT, (44, "city", "Accept")),
	RESENT: (
		DRAFTED,
		TO_LEADER,
		SENT,
		RETURNED_BY_CITY,
		(46, "officer", "Revise"),
		(47, "officer", "Send to Leader"),
		(70, "leader", "Approve and Send"),
		(92, "city", "Accept"),
	),
	RETURNED: (DRAFTED, TO_LEADER, SENT, RETURNED_BY_CITY),
	AWAITING: (DRAFTED, TO_LEADER, SENT),
	PENDING: (DRAFTED, TO_LEADER),
	DRAFT: (DRAFTED,),
}
# A late report goes the way of one on time; only its send day differs (SEND_DAYS).
COURSES[LATE] = COURSES[ON_TIME]
# The days of the month on which the leader first sends, by outcome: late ones from the deadline day
# (the 15th in the demo settings), returned ones early enough to be sent again in time.
SEND_DAYS = {LATE: (15, 24), RESENT: (4, 10)}
USUAL_SEND_DAYS = (5, 14)

# The city's synthesis of each of the months before the current one, as many as this: drafted, drawn
# again from the reports and issued on these days of the month.
RECENT_SYNTHESES = 3
SYNTHESIS_STEPS = {
	"drafted": (20, 9, 0),
	"rebuilt": (24, 8, 30),
	"sent_for_approval": (24, 10, 0),
	"issued": (26, 15, 0),
}


def reporting_events(time: DemoTime, units: list[dict]) -> list[Event]:
	"""The reports, requests, opinions and syntheses still to make (`units`: report_units.json)."""
	check_records(units, time)
	texts = Texts()
	requests = read_data("demo/report_requests.json")
	events = [event for spec in requests for event in request_events(spec, time)]
	reports = [*monthly_reports(units, texts, time), *answers(requests, units, texts, time)]
	events += [Event(spec.moment, lambda spec=spec: record_report(spec, time)) for spec in reports]
	events += current_entries(units, texts, time)
	events += synthesis_events(texts, time)
	return events


def check_records(units: list[dict], time: DemoTime):
	"""Each unit's record has a letter for each month of HISTORY_YEAR, and its "recent" one for each of
	the RECENT_MONTHS months before the current one and the current month; they say "not owed" exactly
	for the months in which the compliance rule says the unit did not exist."""
	periods = {
		"record": [(HISTORY_YEAR, month) for month in range(1, 13)],
		"recent": [add_months(*time.current_period(), back) for back in range(-RECENT_MONTHS, 1)],
	}
	for unit in units:
		valid_from, valid_to = frappe.db.get_value("DLXH Unit", unit["unit"], ["valid_from", "valid_to"])
		for key, key_periods in periods.items():
			letters = unit.get(key, NOT_OWED * len(key_periods))
			if len(letters) != len(key_periods) or set(letters) - {*COURSES, MISSING, NOT_OWED}:
				raise ValueError(
					f"report_units.json, {unit['unit']}, {key}: {letters!r} is not {len(key_periods)} outcome letters"
				)
			for period, outcome in zip(key_periods, letters, strict=True):
				if (outcome != NOT_OWED) != owes_report(
					optional_date(valid_from), optional_date(valid_to), *period
				):
					raise ValueError(
						f"report_units.json, {unit['unit']}, {key}: {period} contradicts its validity"
					)


def optional_date(value):
	return getdate(value) if value else None


def outcome_of(unit: dict, period: Period, time: DemoTime) -> str:
	"""The letter of the unit's report of `period`: its "record" in HISTORY_YEAR, its "recent" after."""
	if period[0] == HISTORY_YEAR:
		return unit["record"][period[1] - 1]
	recent = unit.get("recent")
	return recent[RECENT_MONTHS - time.months_before_now(*period)] if recent else NOT_OWED


class Texts:
	"""The texts of the reports: those of 2025 (report_items.json) and those of the months since
	(yearly_texts.json: what recurs every year, by month of the year)."""

	def __init__(self):
		self.history = read_data("demo/report_items.json")
		self.yearly = read_data("demo/yearly_texts.json")
		# These fit any month.
		self.closings = self.history["closings"]
		self.recommendations = self.history["recommendations"]
		self.return_reasons = self.history["return_reasons"]
		self.revisions = self.history["revisions"]

	def of_period(self, year: int) -> dict:
		"""Items (with the months they fit), summaries and forecasts by month, for a period of `year`."""
		return self.history if year == HISTORY_YEAR else self.yearly


@dataclass
class ReportSpec:
	"""One report to record: whose, for which period or request, what it says and what became of it."""

	unit: dict
	outcome: str
	first_sent: datetime
	values: dict
	rng: random.Random
	texts: Texts
	entries: list[dict] | None = None
	# The subject of the request it answers: the request is issued earlier in the same run.
	request_subject: str | None = None

	def steps(self, time: DemoTime) -> list[tuple[datetime, str, str]]:
		"""The moments, roles and actions of its course taken by now."""
		steps = [
			(self.first_sent + timedelta(hours=hours), role, action)
			for hours, role, action in COURSES[self.outcome]
		]
		return [step for step in steps if time.happened(step[0])]

	@property
	def moment(self) -> datetime:
		"""When it is recorded among the demo's other records: when first sent, which numbers it."""
		return self.first_sent


def monthly_reports(units: list[dict], texts: Texts, time: DemoTime):
	"""The monthly reports the units' letters call for, begun by now and not recorded yet."""
	history_entries = {}
	for entry in texts.history["collaborator_entries"]:
		history_entries.setdefault(entry["period_month"], []).append(entry)
	periods = [(HISTORY_YEAR, month) for month in range(1, 13)] + time.recent_periods()
	for unit in units:
		for year, month in periods:
			outcome = outcome_of(unit, (year, month), time)
			if (
				outcome in (MISSING, NOT_OWED)
				or (year, month) > time.current_period()
				or reported(unit["unit"], year, month)
			):
				continue
			month_texts = texts.of_period(year)
			rng = random.Random(f"{unit['unit']}/{year}-{month}")
			# The district whose collaborator recorded opinions in 2025 pulls them into its reports.
			own_entries = (
				history_entries.get(month, []) if year == HISTORY_YEAR and unit.get("collaborator") else []
			)
			pulled = sum(entry.get("verification_status") != "Unfounded" for entry in own_entries)
			pool = [item for item in month_texts["items"] if month in item["months"]]
			items = rng.sample(pool, max(1, rng.randint(2, 5) - pulled))
			day = rng.randint(*SEND_DAYS.get(outcome, USUAL_SEND_DAYS))
			first_sent = time.at(getdate(f"{year}-{month:02d}-{day:02d}"), rng.randint(8, 16))
			first_sent += timedelta(minutes=rng.choice((0, 15, 30, 45)))
			if not time.happened(first_sent + timedelta(hours=DRAFTED[0])):
				continue
			yield ReportSpec(
				unit=unit,
				outcome=outcome,
				first_sent=first_sent,
				values={
					"report_type": MONTHLY,
					"period_year": year,
					"period_month": month,
					"situation_summary": paragraphs(
						month_texts["summaries"][str(month)], rng.choice(texts.closings)
					),
					"items": [report_item(item, unit, rng) for item in items],
					"forecast": paragraphs(month_texts["forecasts"][str(month)]),
					"recommendations": paragraphs(*rng.sample(texts.recommendations, rng.randint(1, 2))),
				},
				rng=rng,
				texts=texts,
				entries=own_entries,
			)


def reported(unit: str, year: int, month: int) -> bool:
	return bool(
		frappe.db.exists(
			"Opinion Report",
			{
				"unit": unit,
				"report_type": MONTHLY,
				"period_year": year,
				"period_month": month,
				"docstatus": ("<", 2),
			},
		)
	)


def report_item(template: dict, unit: dict, rng: random.Random) -> dict:
	"""An opinion item from its template, heard in one of the unit's areas; a mass organisation hears
	it from its own members as often as from the people the template names."""
	item = {key: value for key, value in template.items() if key != "months"}
	item["area"] = rng.choice(unit["areas"])
	if unit.get("strata") and rng.random() < 0.5:
		item["social_strata"] = rng.choice(unit["strata"])
	return item


def paragraphs(*texts: str) -> str:
	return "".join(f"<p>{text}</p>" for text in texts)


def record_report(spec: ReportSpec, time: DemoTime):
	"""Take the report through the steps of its course taken by now, as its users would, then give it
	their moments."""
	staff = staff_of(spec.unit) | {"city": CITY_OFFICER}
	doc, drafted_at, sent_at, accepted_at = None, None, None, None
	with taking_turns() as turn:
		for moment, role, action in spec.steps(time):
			turn(staff[role])
			if action == "Draft":
				doc, drafted_at = draft_report(spec, time), moment
			elif action == "Return":
				doc.return_for_revision(spec.rng.choice(spec.texts.return_reasons))
				doc = frappe.get_doc(doc.doctype, doc.name)
			elif action == "Revise":
				doc.forecast = (doc.forecast or "") + paragraphs(spec.rng.choice(spec.texts.revisions))
				doc.save()
			else:
				doc = apply_workflow(doc, action)
			if action == "Approve and Send":
				sent_at = moment
			if action == "Accept":
				accepted_at = moment
			time.step_done(doc, moment)
	fields = {"accepted_on": accepted_at}
	if sent_at:
		# Judged by the app's rule against the deadline that applies, at the moment it was last sent;
		# dated as issued when first sent, as a report sent again keeps its number and date.
		on_time, days_late = judge(sent_at, doc.applicable_deadline())
		fields |= {
			"sent_on": sent_at,
			"is_late": not on_time,
			"days_late": days_late,
			"document_date": spec.first_sent.date(),
		}
	time.date(doc, drafted_at, moment, **fields)


def draft_report(spec: ReportSpec, time: DemoTime):
	"""The officer's draft, signed by the unit's default signer; in a unit whose collaborator recorded
	opinions for the period, the officer first reviews them and pulls the usable ones into the report."""
	if spec.entries:
		record_entries(spec.entries, staff_of(spec.unit)["collaborator"], time)
	values = spec.values
	if spec.request_subject:
		values = values | {"report_request": issued_request(spec.request_subject)}
	doc = frappe.get_doc({"doctype": "Opinion Report", "unit": spec.unit["unit"], **values}).insert()
	if spec.entries:
		doc.pull_entries()
	return doc


def record_entries(entries: list[dict], collaborator: str, time: DemoTime):
	"""The collaborator's opinions, each checked by the unit's officer (the current user) the next
	morning when the data gives a verdict and that morning has come."""
	for values in entries:
		status = values.get("verification_status")
		recorded = min(time.at(getdate(values["entry_date"]), 19, 30), time.now)
		with acting_as(collaborator):
			entry = frappe.get_doc(
				{
					"doctype": "Opinion Entry",
					**{
						key: value
						for key, value in values.items()
						if key not in ("period_month", "days_ago", "verification_status")
					},
				}
			)
			time.insert(entry, recorded)
		time.step_done(entry, recorded)
		checked = recorded + timedelta(hours=14)
		if status and time.happened(checked):
			entry.verification_status = status
			entry.save()
			time.step_done(entry, checked)
		else:
			checked = recorded
		time.date(entry, recorded, checked)


def current_entries(units: list[dict], texts: Texts, time: DemoTime) -> list[Event]:
	"""The opinions the README's collaborator has recorded for the current month's report (from the
	deadline day of the month before to the day before this month's), which the walkthrough's officer
	pulls into it; the ward's officer checks them."""
	unit = frappe.db.get_value("User", COLLABORATOR, "dlxh_unit")
	deadline_day = cint(frappe.get_cached_doc("DLXH Settings").report_deadline_day)
	first_day, last_day = entry_window(*time.current_period(), deadline_day)
	officer = staff_of(next(row for row in units if row["unit"] == unit))["officer"]
	entries = []
	for values in texts.yearly["collaborator_entries"]:
		day = max(first_day, min(time.today, last_day) - timedelta(days=values["days_ago"]))
		values = values | {"entry_date": str(day), "unit": unit}
		if not frappe.db.exists("Opinion Entry", {"owner": COLLABORATOR, "content": values["content"]}):
			entries.append(values)

	def record():
		with acting_as(officer):
			record_entries(entries, COLLABORATOR, time)

	return [Event(time.at(getdate(entries[0]["entry_date"]), 19, 30), record)] if entries else []


def request_events(spec: dict, time: DemoTime) -> list[Event]:
	"""The request issued (drafted by the city officer, issued by the manager) and closed when the data
	says so, each when it happened."""
	issued, closed = time.moment(spec["issued"]), spec.get("closed") and time.moment(spec["closed"])
	name = frappe.db.get_value("Report Request", {"subject": spec["subject"], "docstatus": 1})
	events = []
	if not name and time.happened(issued):
		events.append(Event(issued, lambda: issue_request(spec, time)))
	if closed and time.happened(closed):
		events.append(Event(closed, lambda: close_request(spec, time)))
	return events


def issued_request(subject: str) -> str:
	return frappe.db.get_value("Report Request", {"subject": subject, "docstatus": 1})


def issue_request(spec: dict, time: DemoTime):
	"""Issued now with a deadline ahead, as the request's rules want on the day of issue, then given the
	dates it had; its number is the next of the city's letters."""
	drafted, issued, deadline = (time.moment(spec[step]) for step in ("drafted", "issued", "deadline"))
	with acting_as(CITY_OFFICER):
		doc = frappe.get_doc(
			{
				"doctype": "Report Request",
				"subject": spec["subject"],
				"topic": spec["topic"],
				"deadline": time.stored(max(deadline, time.now + timedelta(days=1))),
				"content": spec["content"].format(deadline=format_date(deadline.date(), "dd/MM/yyyy")),
				"all_reporting_units": spec.get("all_reporting_units", 0),
				"units": [{"unit": unit} for unit in spec.get("units", [])],
			}
		)
		time.insert(doc, drafted)
	time.step_done(doc, drafted)
	with acting_as(MANAGER):
		doc = apply_workflow(doc, "Issue")
	time.step_done(doc, issued)
	time.date(doc, drafted, issued, deadline=deadline, document_date=issued.date())


def close_request(spec: dict, time: DemoTime):
	"""The city officer closes the request after its deadline."""
	name = issued_request(spec["subject"])
	if frappe.db.get_value("Report Request", name, "workflow_state") == CLOSED:
		return
	closed = time.moment(spec["closed"])
	with acting_as(CITY_OFFICER):
		doc = apply_workflow(frappe.get_doc("Report Request", name), "Close")
	time.step_done(doc, closed)
	time.date(doc, time.moment(spec["drafted"]), closed)


def answers(requests: list[dict], units: list[dict], texts: Texts, time: DemoTime):
	"""The ad hoc reports answering the requests, from the units the data names, taken through the same
	courses as the monthly ones."""
	by_name = {unit["unit"]: unit for unit in units}
	for request in requests:
		issued = time.moment(request["issued"])
		name = issued_request(request["subject"])
		for answer in request["answers"]:
			first_sent = time.moment(answer["sent"])
			if not time.happened(first_sent + timedelta(hours=DRAFTED[0])) or (
				name and frappe.db.exists("Opinion Report", {"unit": answer["unit"], "report_request": name})
			):
				continue
			rng = random.Random(f"{answer['unit']}/{request['subject']}")
			unit = by_name[answer["unit"]]
			items = rng.sample(request["items"], rng.randint(2, 3))
			yield ReportSpec(
				unit=unit,
				outcome=answer["code"],
				first_sent=first_sent,
				values={
					"report_type": AD_HOC,
					"period_year": issued.year,
					"period_month": issued.month,
					"situation_summary": paragraphs(rng.choice(texts.closings)),
					"items": [report_item(item, unit, rng) for item in items],
				},
				rng=rng,
				texts=texts,
				request_subject=request["subject"],
			)


@dataclass
class SynthesisSpec:
	"""The city's synthesis of a period: its texts and the moments of its steps (SYNTHESIS_STEPS)."""

	values: dict
	assessments: dict
	moments: dict

	def steps_taken(self, time: DemoTime) -> list[str]:
		return [step for step, moment in self.moments.items() if time.happened(moment)]


def synthesis_events(texts: Texts, time: DemoTime) -> list[Event]:
	"""The syntheses of 2025 the data gives and those of the RECENT_SYNTHESES months before the current
	one, each recorded when last drawn from the reports, so that it counts those sent by then."""
	specs = [history_synthesis(spec, time) for spec in read_data("demo/syntheses.json")]
	period = time.current_period()
	for _ in range(RECENT_SYNTHESES):
		period = add_months(*period, -1)
		if not any((spec.values["period_year"], spec.values["period_month"]) == period for spec in specs):
			specs.append(recent_synthesis(period, texts, time))
	events = []
	for spec in specs:
		steps = spec.steps_taken(time)
		period_values = {field: spec.values[field] for field in ("period_year", "period_month")}
		if steps and not frappe.db.exists("Opinion Synthesis", period_values | {"docstatus": ("<", 2)}):
			moment = spec.moments["rebuilt" if "rebuilt" in steps else steps[-1]]
			events.append(Event(moment, lambda spec=spec: make_synthesis(spec, time)))
	return events


def history_synthesis(spec: dict, time: DemoTime) -> SynthesisSpec:
	return SynthesisSpec(
		values={
			field: spec[field]
			for field in ("period_year", "period_month", "situation_summary", "recommendations", "recipients")
		},
		assessments=spec["assessments"],
		moments={
			step: time.moment(spec[step]) for step in ("drafted", "rebuilt", "sent_for_approval", "issued")
		},
	)


def recent_synthesis(period: Period, texts: Texts, time: DemoTime) -> SynthesisSpec:
	year, month = period
	rng = random.Random(f"synthesis/{year}-{month}")
	synthesis = texts.yearly["synthesis"]
	recommendations = rng.sample(synthesis["recommendations"], 2)
	moments = {
		step: time.at(getdate(f"{year}-{month:02d}-{day:02d}"), hour, minute)
		for step, (day, hour, minute) in SYNTHESIS_STEPS.items()
	}
	return SynthesisSpec(
		values={
			"period_year": year,
			"period_month": month,
			"situation_summary": paragraphs(texts.yearly["summaries"][str(month)]),
			"recommendations": paragraphs(
				*(f"{number}. {text}" for number, text in enumerate(recommendations, start=1))
			),
			"recipients": synthesis["recipients"],
		},
		assessments=texts.yearly["assessments"],
		moments=moments,
	)


def make_synthesis(spec: SynthesisSpec, time: DemoTime):
	"""The city officer drafts the synthesis of the period, writes the assessments, draws it again from
	the reports once the late ones are accepted and sends it; the manager issues it. Each step is taken
	if its moment has come."""
	steps = spec.steps_taken(time)
	moments = spec.moments
	with acting_as(CITY_OFFICER):
		doc = frappe.get_doc({"doctype": "Opinion Synthesis", **spec.values}).insert()
		for row in doc.topics:
			row.assessment = spec.assessments.get(row.topic)
		doc.save()
		time.step_done(doc, moments["drafted"])
		if "rebuilt" in steps:
			doc.build_draft()
			time.step_done(doc, moments["rebuilt"])
		if "sent_for_approval" in steps:
			doc = apply_workflow(doc, "Send for Approval")
			time.step_done(doc, moments["sent_for_approval"])
	fields = {"built_on": moments["rebuilt" if "rebuilt" in steps else "drafted"]}
	if "issued" in steps:
		with acting_as(MANAGER):
			doc = apply_workflow(doc, "Issue")
		time.step_done(doc, moments["issued"])
		fields["document_date"] = moments["issued"].date()
	time.date(doc, moments["drafted"], moments[steps[-1]], **fields)
