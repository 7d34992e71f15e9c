"""The demo's 2025 reporting cycle: the monthly reports of every reporting unit that owed them (the
districts until their dissolution on 30/6/2025, the wards after it, the Party committees under the city,
the Front and the organisations), some late, some returned, a few missing; opinions recorded by the Ninh
Kiều collaborator and pulled into that district's reports; two ad hoc requests of the city with the units'
answers; the city's syntheses of 01/2025 and 02/2025, issued.

Everything goes through the real forms and workflow as the users would take it: a unit officer drafts,
the unit's leader sends, the city officer accepts or returns. What happened to each unit's report of each
month is one letter in setup/data/demo/report_units.json ("record"); the opinions and texts are in
report_items.json, the requests and syntheses in report_requests.json and syntheses.json. Send days and
the choice of opinions come from a random generator seeded with the unit and period, so every run writes
the same reports.

The app stamps what it records with the real clock (the send time that decides lateness, the acceptance,
creation and the timeline), and its rules hold for the day a thing is done (a request's deadline must be
ahead). Rather than fake the clock for the whole process, each record is made today and then given its
2025 moment: `Backdating` rewrites the timestamps, the send time and the on-time judgement (made again
with the app's own rule, `judge`) in place, as the records would have been had they been made then."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import frappe
from frappe.model.naming import make_autoname
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, get_datetime, get_system_timezone, getdate, now_datetime

from dlxh_app.dlxh_reporting.doctype.opinion_report.opinion_report import AD_HOC, MONTHLY, local_now
from dlxh_app.dlxh_reporting.doctype.report_request.report_request import CLOSED
from dlxh_app.dlxh_reporting.rules.compliance import owes_report
from dlxh_app.dlxh_reporting.rules.deadline import judge, to_naive
from dlxh_app.setup.demo import acting_as, make_user
from dlxh_app.setup.install import read_data

YEAR = 2025
CITY_OFFICER = "officer@dlxh.local"
MANAGER = "manager@dlxh.local"
COLLABORATOR = "collaborator@dlxh.local"
# The unit whose collaborator's opinions are pulled into its reports (demo/users.json).
COLLABORATOR_UNIT = "Quận ủy Ninh Kiều"

# What became of a unit's report of one month: one letter a month in a unit's "record".
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

# Records that Frappe writes beside a document as it is saved or moved on: its timeline.
TRAIL = (
	("Version", "ref_doctype", "docname"),
	("Comment", "reference_doctype", "reference_name"),
	("Workflow Action", "reference_doctype", "reference_name"),
)


def make_reporting_cycle():
	units = read_data("demo/report_units.json")
	check_records(units)
	make_unit_staff(units)
	texts = read_data("demo/report_items.json")
	backdating = Backdating()
	requests = {
		spec["subject"]: spec | {"name": issue_request(spec, backdating)}
		for spec in read_data("demo/report_requests.json")
	}
	reports = [
		*monthly_reports(units, texts, backdating),
		*answers(requests.values(), units, texts, backdating),
	]
	# In the order the leaders first sent them: a report is numbered when it is first sent, so each
	# unit's numbers follow the calendar.
	for spec in sorted(reports, key=lambda spec: spec.first_sent):
		record_report(spec, backdating)
	for spec in requests.values():
		close_request(spec, backdating)
	make_syntheses(backdating)


def staff_of(unit: dict) -> dict[str, str]:
	"""The emails of the unit's officer and leader, made from its slug (those of Ninh Kiều and Bình
	Thủy's officer are the demo users of demo/users.json)."""
	return {role: f"{role}.{unit['slug']}@dlxh.local" for role in ("officer", "leader")}


def make_unit_staff(units: list[dict]):
	roles = {"officer": "DLXH Unit Officer", "leader": "DLXH Unit Leader"}
	for unit in units:
		for role, email in staff_of(unit).items():
			if not frappe.db.exists("User", email):
				make_user(email, unit[role], roles[role], unit["unit"])


def check_records(units: list[dict]):
	"""Each unit's record has a letter for each month, and says "not owed" exactly for the months in
	which the compliance rule says the unit did not exist."""
	for unit in units:
		valid_from, valid_to = frappe.db.get_value("DLXH Unit", unit["unit"], ["valid_from", "valid_to"])
		record = unit["record"]
		if len(record) != 12 or set(record) - {*COURSES, MISSING, NOT_OWED}:
			raise ValueError(f"report_units.json, {unit['unit']}: {record!r} is not 12 outcome letters")
		for month, outcome in enumerate(record, start=1):
			if (outcome != NOT_OWED) != owes_report(
				optional_date(valid_from), optional_date(valid_to), YEAR, month
			):
				raise ValueError(f"report_units.json, {unit['unit']}: month {month} contradicts its validity")


def optional_date(value):
	return getdate(value) if value else None


class Backdating:
	"""Gives the records made now the moments of 2025 they stand for (see the module's docstring).

	Moments are aware datetimes in the Department's time zone; the database keeps naive ones in the
	system time zone. Whatever was written since this run started is still stamped with today: that is
	how a document's timeline rows of one step are told from those of the steps before, already dated."""

	def __init__(self):
		self.zone = get_system_timezone()
		self.local_zone = ZoneInfo(frappe.get_cached_doc("DLXH Settings").time_zone)
		self.started = now_datetime()

	@staticmethod
	def insert(doc, moment: datetime):
		"""Insert `doc` under the name its DocType's rule gives in the year of `moment`: Frappe names by
		the real clock, and an opinion recorded in 2024 is YK-2024-…, not YK-2026-…"""
		rule = doc.meta.autoname or ""
		if ".YYYY." not in rule:
			return doc.insert()
		return doc.insert(set_name=make_autoname(rule.replace(".YYYY.", f".{moment.year:04d}."), doc=doc))

	def local(self, text: str) -> datetime:
		"""A moment written in the data ("2025-07-16 10:15"), in the Department's time zone."""
		return get_datetime(text).replace(tzinfo=self.local_zone)

	def stored(self, moment: datetime) -> datetime:
		return to_naive(moment, self.zone)

	def step_done(self, doc, moment: datetime):
		"""Date the timeline rows the step just wrote or updated (a pending workflow action completed)."""
		for table, doctype_field, name_field in TRAIL:
			frappe.db.sql(
				f"""update `tab{table}`
				set creation = case when creation >= %(started)s then %(moment)s else creation end,
					modified = %(moment)s
				where {doctype_field} = %(doctype)s and {name_field} = %(name)s and modified >= %(started)s""",
				{
					"moment": self.stored(moment),
					"doctype": doc.doctype,
					"name": doc.name,
					"started": self.started,
				},
			)

	def date(self, doc, created: datetime, modified: datetime, **fields):
		"""The document's (and its rows') creation and last change, and other fields of the time it
		stands for (moments among them are converted for storage)."""
		values = {"creation": self.stored(created), "modified": self.stored(modified)}
		frappe.db.set_value(
			doc.doctype,
			doc.name,
			values
			| {
				field: self.stored(value) if isinstance(value, datetime) else value
				for field, value in fields.items()
			},
			update_modified=False,
		)
		for table in doc.meta.get_table_fields():
			frappe.db.set_value(
				table.options, {"parent": doc.name, "parenttype": doc.doctype}, values, update_modified=False
			)


@dataclass
class ReportSpec:
	"""One report to record: whose, for which period or request, what it says and what became of it."""

	unit: dict
	outcome: str
	first_sent: datetime
	values: dict
	rng: random.Random
	texts: dict  # report_items.json, for the city's reasons to return and the unit's revisions
	entries: list[dict] | None = None


def monthly_reports(units: list[dict], texts: dict, backdating: Backdating):
	"""The monthly reports the units' records call for and the demo has not recorded yet."""
	today = local_now().date()
	entries = {}
	for entry in texts["collaborator_entries"]:
		entries.setdefault(entry["period_month"], []).append(entry)
	for unit in units:
		for month, outcome in enumerate(unit["record"], start=1):
			if outcome in (MISSING, NOT_OWED) or (YEAR, month) > (today.year, today.month):
				continue
			if frappe.db.exists(
				"Opinion Report",
				{
					"unit": unit["unit"],
					"report_type": MONTHLY,
					"period_year": YEAR,
					"period_month": month,
					"docstatus": ("<", 2),
				},
			):
				continue
			rng = random.Random(f"{unit['unit']}/{YEAR}-{month}")
			own_entries = entries.get(month, []) if unit["unit"] == COLLABORATOR_UNIT else []
			pulled = sum(entry.get("verification_status") != "Unfounded" for entry in own_entries)
			pool = [item for item in texts["items"] if month in item["months"]]
			items = rng.sample(pool, max(1, rng.randint(2, 5) - pulled))
			day = rng.randint(*SEND_DAYS.get(outcome, USUAL_SEND_DAYS))
			first_sent = datetime(YEAR, month, day, rng.randint(8, 16), rng.choice((0, 15, 30, 45)))
			yield ReportSpec(
				unit=unit,
				outcome=outcome,
				first_sent=first_sent.replace(tzinfo=backdating.local_zone),
				values={
					"report_type": MONTHLY,
					"period_year": YEAR,
					"period_month": month,
					"situation_summary": paragraphs(
						texts["summaries"][str(month)], rng.choice(texts["closings"])
					),
					"items": [report_item(item, unit, rng) for item in items],
					"forecast": paragraphs(texts["forecasts"][str(month)]),
					"recommendations": paragraphs(*rng.sample(texts["recommendations"], rng.randint(1, 2))),
				},
				rng=rng,
				texts=texts,
				entries=own_entries,
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


def record_report(spec: ReportSpec, backdating: Backdating):
	"""Take the report through its course as its users would, then give it its 2025 moments."""
	staff = staff_of(spec.unit) | {"city": CITY_OFFICER}
	doc, drafted_at, sent_at, accepted_at = None, None, None, None
	for hours, role, action in COURSES[spec.outcome]:
		moment = spec.first_sent + timedelta(hours=hours)
		with acting_as(staff[role]):
			if action == "Draft":
				doc, drafted_at = draft_report(spec, backdating), moment
			elif action == "Return":
				doc.return_for_revision(spec.rng.choice(spec.texts["return_reasons"]))
				doc = frappe.get_doc(doc.doctype, doc.name)
			elif action == "Revise":
				doc.forecast = (doc.forecast or "") + paragraphs(spec.rng.choice(spec.texts["revisions"]))
				doc.save()
			else:
				doc = apply_workflow(doc, action)
		if action == "Approve and Send":
			sent_at = moment
		if action == "Accept":
			accepted_at = moment
		backdating.step_done(doc, moment)
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
	backdating.date(doc, drafted_at, moment, **fields)


def draft_report(spec: ReportSpec, backdating: Backdating):
	"""The officer's draft; in the collaborator's unit, the officer first reviews the opinions the
	collaborator recorded for the period and pulls the usable ones into the report."""
	if spec.entries:
		record_entries(spec.entries, backdating)
	leader = staff_of(spec.unit)["leader"]
	signer = spec.unit["signer"] | {"signer_name": frappe.db.get_value("User", leader, "full_name")}
	doc = frappe.get_doc(
		{"doctype": "Opinion Report", "unit": spec.unit["unit"], **spec.values, **signer}
	).insert()
	if spec.entries:
		doc.pull_entries()
	return doc


def record_entries(entries: list[dict], backdating: Backdating):
	"""The collaborator's opinions, each checked by the officer (the current user) the next morning when
	the data gives a verdict."""
	for values in entries:
		status = values.get("verification_status")
		recorded = backdating.local(f"{values['entry_date']} 19:30")
		with acting_as(COLLABORATOR):
			entry = frappe.get_doc(
				{
					"doctype": "Opinion Entry",
					**{
						key: value
						for key, value in values.items()
						if key not in ("period_month", "verification_status")
					},
				}
			)
			backdating.insert(entry, recorded)
		backdating.step_done(entry, recorded)
		checked = recorded
		if status:
			checked = recorded + timedelta(hours=14)
			entry.verification_status = status
			entry.save()
			backdating.step_done(entry, checked)
		backdating.date(entry, recorded, checked)


def answers(requests, units: list[dict], texts: dict, backdating: Backdating):
	"""The ad hoc reports answering the requests, from the units the data names, taken through the same
	courses as the monthly ones."""
	by_name = {unit["unit"]: unit for unit in units}
	for request in requests:
		issued = backdating.local(request["issued"])
		for answer in request["answers"]:
			if frappe.db.exists(
				"Opinion Report", {"unit": answer["unit"], "report_request": request["name"]}
			):
				continue
			rng = random.Random(f"{answer['unit']}/{request['subject']}")
			unit = by_name[answer["unit"]]
			items = rng.sample(request["items"], rng.randint(2, 3))
			yield ReportSpec(
				unit=unit,
				outcome=answer["code"],
				first_sent=backdating.local(answer["sent"]),
				values={
					"report_type": AD_HOC,
					"report_request": request["name"],
					"period_year": issued.year,
					"period_month": issued.month,
					"situation_summary": paragraphs(rng.choice(texts["closings"])),
					"items": [report_item(item, unit, rng) for item in items],
				},
				rng=rng,
				texts=texts,
			)


def issue_request(spec: dict, backdating: Backdating) -> str:
	"""The request drafted by the city officer and issued by the manager, unless the demo has it already.
	Issued today with a deadline ahead, as the request's rules want on the day of issue, then given the
	dates it had in 2025; its number is the next of the city's letters."""
	existing = frappe.db.get_value("Report Request", {"subject": spec["subject"], "docstatus": 1})
	if existing:
		return existing
	drafted, issued = backdating.local(spec["drafted"]), backdating.local(spec["issued"])
	with acting_as(CITY_OFFICER):
		doc = frappe.get_doc(
			{
				"doctype": "Report Request",
				"subject": spec["subject"],
				"topic": spec["topic"],
				"deadline": add_days(now_datetime(), 1),
				"content": spec["content"],
				"all_reporting_units": spec.get("all_reporting_units", 0),
				"units": [{"unit": unit} for unit in spec.get("units", [])],
			}
		)
		backdating.insert(doc, drafted)
	backdating.step_done(doc, drafted)
	with acting_as(MANAGER):
		doc = apply_workflow(doc, "Issue")
	backdating.step_done(doc, issued)
	backdating.date(
		doc, drafted, issued, deadline=backdating.local(spec["deadline"]), document_date=issued.date()
	)
	return doc.name


def close_request(spec: dict, backdating: Backdating):
	"""The city officer closes the request after its deadline when the data says so."""
	if (
		not spec.get("closed")
		or frappe.db.get_value("Report Request", spec["name"], "workflow_state") == CLOSED
	):
		return
	closed = backdating.local(spec["closed"])
	with acting_as(CITY_OFFICER):
		doc = apply_workflow(frappe.get_doc("Report Request", spec["name"]), "Close")
	backdating.step_done(doc, closed)
	backdating.date(doc, backdating.local(spec["drafted"]), closed)


def make_syntheses(backdating: Backdating):
	"""The city officer drafts the synthesis of the period, writes the assessments, draws it again from
	the reports once the late ones are accepted and sends it; the manager issues it."""
	for spec in read_data("demo/syntheses.json"):
		period = {"period_year": spec["period_year"], "period_month": spec["period_month"]}
		if frappe.db.exists("Opinion Synthesis", period | {"docstatus": ("<", 2)}):
			continue
		moments = {
			step: backdating.local(spec[step])
			for step in ("drafted", "rebuilt", "sent_for_approval", "issued")
		}
		with acting_as(CITY_OFFICER):
			doc = frappe.get_doc(
				{
					"doctype": "Opinion Synthesis",
					**period,
					**{
						field: spec[field]
						for field in ("situation_summary", "recommendations", "recipients", "document_date")
					},
				}
			).insert()
			for row in doc.topics:
				row.assessment = spec["assessments"].get(row.topic)
			doc.save()
			backdating.step_done(doc, moments["drafted"])
			doc.build_draft()
			backdating.step_done(doc, moments["rebuilt"])
			doc = apply_workflow(doc, "Send for Approval")
			backdating.step_done(doc, moments["sent_for_approval"])
		with acting_as(MANAGER):
			doc = apply_workflow(doc, "Issue")
		backdating.step_done(doc, moments["issued"])
		backdating.date(doc, moments["drafted"], moments["issued"], built_on=moments["rebuilt"])
