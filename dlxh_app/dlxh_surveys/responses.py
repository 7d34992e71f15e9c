"""Survey Responses: stored in bulk after every answer is checked against the questionnaire version the
survey uses (the same check for the public page, paper entry, import and the demo), the strata's quotas
counted as they come, and loaded back for analysis as one DataFrame row per current response.

Each response keeps its answers as one CSV record in the order of its questionnaire's questions
(rules/responses.py), so that loading many responses is one query and one `pandas.read_csv`, not a row
per answer. Responses are append-only: a correction is a new version naming the one it replaces."""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import frappe
import pandas
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime
from frappe.utils.nestedset import get_descendants_of

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.questionnaire import QuestionnaireForm, get_form
from dlxh_app.dlxh_surveys.rules.questionnaire import (
	DECIMAL,
	INTEGER,
	SELECT_ONE,
	stratum_key,
)
from dlxh_app.dlxh_surveys.rules.responses import QuotaBook, Stratum, area_units, encode_answers
from dlxh_app.dlxh_surveys.rules.sampling import OverQuota

DOCTYPE = "Survey Response"
ONLINE, PAPER, IMPORT = "Online", "Paper", "Import"
CHANNELS = (ONLINE, PAPER, IMPORT)
# The survey's state while responses are collected (setup/data/workflows.json).
IN_FIELD = "In Field"
# The columns of load_answers before the questions'.
META_COLUMNS = ("response", "unit", "area", "channel", "submitted_at")
# Messages of a batch refused as a whole: at most this many are shown.
MAX_MESSAGES = 20
# A question is named in messages by its label, cut to this length, and its code.
LABEL_LENGTH = 80


class ResponsesRefused(frappe.ValidationError):
	"""Answers refused; `problems` holds each refused row's index (0-based) and its messages."""

	def __init__(self, message: str, problems: list[tuple[int, list[str]]] | None = None):
		super().__init__(message)
		self.problems = problems or []


@dataclass
class Collection:
	"""What storing responses of one survey needs, read once per batch."""

	survey: str
	unit: str
	questionnaire: str
	form: QuestionnaireForm
	strata_codes: list[str]
	quotas: QuotaBook | None
	area_code: str | None
	areas: dict[str, str]
	doc: object = None

	@classmethod
	def of(cls, survey: str, lock: bool = True, info: dict | None = None) -> "Collection":
		"""`info`: the survey's SURVEY_FIELDS when the caller has read them (survey_info)."""
		doc = info or survey_info(survey)
		if not doc.questionnaire:
			frappe.throw(_("Survey {0} has no questionnaire yet.").format(survey))
		form = get_form(doc.questionnaire)
		codes = [code.strip() for code in (doc.strata_questions or "").split(",") if code.strip()]
		quotas = None
		if codes:
			# Locks the survey's strata until the batch is committed, so that concurrent submissions
			# count each other.
			rows = frappe.db.get_values(
				"Survey Stratum",
				{"parent": survey, "parenttype": "Opinion Survey"},
				["stratum_key", "target", "achieved", "over_quota"],
				as_dict=True,
				for_update=lock,
			)
			if rows:
				quotas = QuotaBook(
					{
						row.stratum_key: Stratum(cint(row.target), cint(row.achieved), cint(row.over_quota))
						for row in rows
					},
					OverQuota(doc.over_quota_policy or OverQuota.ACCEPT_AND_FLAG.value),
				)
		area_question = next(
			(question for question in form.questions if question.question.demographic == "Area"), None
		)
		areas = (
			area_map(frappe.local.site, survey, str(doc.modified), doc.questionnaire) if area_question else {}
		)
		return cls(
			survey=survey,
			unit=doc.responsible_unit,
			questionnaire=doc.questionnaire,
			form=form,
			strata_codes=codes,
			quotas=quotas,
			area_code=area_question.code if area_question else None,
			areas=areas,
			doc=doc,
		)

	def question_name(self, code: str) -> str:
		question = next((question for question in self.form.questions if question.code == code), None)
		label = " ".join((question.question.label if question else "").split())
		if len(label) > LABEL_LENGTH:
			label = label[: LABEL_LENGTH - 1] + "…"
		return _("question {0} ({1})").format(f"«{label}»", code) if label else _("question {0}").format(code)

	def message(self, error: RuleError) -> str:
		"""A rule's refusal of an answer in words that name the question."""
		code, values = error.code, error.values
		if code in ("stratum_full", "stratum_unknown"):
			return stratum_message(self, code, values[0])
		question = self.question_name(values[0])
		if code == "unknown_question":
			return _("{0} is not a question of this questionnaire.").format(frappe.bold(values[0]))
		if code == "hidden":
			return _("{0} is not asked given the earlier answers, so it cannot be answered.").format(question)
		if code == "not_an_option":
			return _("{0}: {1} is not one of its options.").format(question, frappe.bold(values[1]))
		if code == "multiple_values":
			return _("{0}: only one option may be chosen.").format(question)
		if code == "not_a_number":
			return _("{0}: {1} is not a number.").format(question, frappe.bold(values[1]))
		if code == "not_a_date":
			return _("{0}: {1} is not a date (year-month-day).").format(question, frappe.bold(values[1]))
		if code == "required":
			return _("{0} must be answered.").format(question)
		if code == "constraint":
			return (
				_("{0}: {1}").format(question, values[1])
				if values[1]
				else _("{0}: the answer is not accepted.").format(question)
			)
		return _("{0}: the answer is not accepted.").format(question)


# What storing responses reads of their survey.
SURVEY_FIELDS = (
	"name",
	"title",
	"docstatus",
	"workflow_state",
	"modified",
	"questionnaire",
	"responsible_unit",
	"strata_questions",
	"over_quota_policy",
	"online_enabled",
	"opens_on",
	"closes_on",
	"require_token",
	"public_slug",
)


def survey_info(survey: str | None = None, **filters) -> frappe._dict | None:
	"""The survey's SURVEY_FIELDS in one query, by name or by `filters`."""
	return frappe.db.get_value("Opinion Survey", survey or filters, SURVEY_FIELDS, as_dict=True)


@lru_cache(maxsize=64)
def area_map(site: str, survey: str, modified: str, questionnaire: str) -> dict[str, str]:
	"""The unit each choice of the area question names, among the survey's areas and the units below
	them; cached per survey and its last change, in the process."""
	form = get_form(questionnaire)
	question = next(question for question in form.questions if question.question.demographic == "Area")
	units = set()
	for area in frappe.get_all(
		"Survey Area", {"parent": survey, "parenttype": "Opinion Survey"}, pluck="area"
	):
		units.add(area)
		units.update(get_descendants_of("DLXH Unit", area))
	return area_units(question.labels, sorted(units))


def stratum_message(collection: Collection, code: str, key: str) -> str:
	label = (
		frappe.db.get_value("Survey Stratum", {"parent": collection.survey, "stratum_key": key}, "label")
		or key
	)
	if code == "stratum_full":
		return _("The group {0} has all the responses it needs; no more are taken for it.").format(
			frappe.bold(label)
		)
	return _("The answers place the respondent in no group of the survey's sample ({0}).").format(key)


@dataclass
class StoreResult:
	stored: list[str] = field(default_factory=list)
	# (index of the row in the batch, its messages) of every row refused.
	rejected: list[tuple[int, list[str]]] = field(default_factory=list)


def check_collecting(doc, channel: str, at: datetime | None = None) -> None:
	"""Refuse responses to a survey that is not collecting them: not in the field, or (online) not open."""
	if channel not in CHANNELS:
		frappe.throw(_("{0} is not a channel of responses.").format(channel))
	if doc.docstatus != 1 or doc.workflow_state != IN_FIELD:
		frappe.throw(
			_("Survey {0} is not collecting responses ({1}).").format(
				doc.title, _(doc.workflow_state or "Draft")
			),
			SurveyClosed,
		)
	if channel != ONLINE:
		return
	at = at or now_datetime()
	if not doc.online_enabled:
		frappe.throw(_("Survey {0} is not taken online.").format(doc.title), SurveyClosed)
	if doc.opens_on and at < get_datetime(doc.opens_on):
		frappe.throw(
			_("Survey {0} opens on {1}.").format(doc.title, frappe.utils.format_datetime(doc.opens_on)),
			SurveyClosed,
		)
	if doc.closes_on and at > get_datetime(doc.closes_on):
		frappe.throw(
			_("Survey {0} closed on {1}.").format(doc.title, frappe.utils.format_datetime(doc.closes_on)),
			SurveyClosed,
		)


class SurveyClosed(frappe.ValidationError):
	pass


def store_responses(
	survey: str,
	rows: Sequence[dict],
	channel: str,
	*,
	info: dict | None = None,
	entered_by: str | None = None,
	submitted_at: datetime | Sequence[datetime] | None = None,
	form_numbers: Sequence[str | None] | None = None,
	valid_only: bool = False,
	check_open: bool = True,
) -> StoreResult:
	"""Check every row (question code → answer: a string, or a list for a multiple choice) and store them.
	By default nothing is stored unless every row is valid (ResponsesRefused lists the rows' problems);
	with `valid_only` the valid rows are stored and the others returned in `rejected`. Each stored
	response counts in its stratum; a stratum closed by the survey's over-quota policy refuses it.
	Permission is the caller's to check. `submitted_at` is one moment or one per row (default now)."""
	collection = Collection.of(survey, info=info)
	if check_open:
		check_collecting(collection.doc, channel)
	elif channel not in CHANNELS:
		frappe.throw(_("{0} is not a channel of responses.").format(channel))
	now = now_datetime()
	moments = (
		list(submitted_at) if isinstance(submitted_at, list | tuple) else [submitted_at or now] * len(rows)
	)
	numbers = list(form_numbers) if form_numbers is not None else [None] * len(rows)
	if len(moments) != len(rows) or len(numbers) != len(rows):
		raise ValueError("submitted_at and form_numbers need one value per row")
	taken = taken_form_numbers(survey, numbers)
	result = StoreResult()
	records = []
	user = entered_by if entered_by is not None else (None if channel == ONLINE else frappe.session.user)
	columns = collection.form.columns
	for index, row in enumerate(rows):
		problems = []
		if not isinstance(row, dict):
			result.rejected.append((index, [_("The response is not a set of answers.")]))
			continue
		answers, errors = collection.form.validate(row)
		problems.extend(collection.message(error) for error in errors)
		number = (numbers[index] or "").strip() or None
		if channel == PAPER and not number:
			problems.append(_("The paper form's number is required."))
		if number and number in taken:
			problems.append(_("Form number {0} has already been entered for this survey.").format(number))
		key = stratum_key(answers, collection.strata_codes) if collection.strata_codes else None
		over = False
		if not problems and collection.quotas is not None:
			try:
				over = collection.quotas.add(key)
			except RuleError as error:
				problems.append(collection.message(error))
		if problems:
			result.rejected.append((index, problems))
			continue
		if number:
			taken.add(number)
		records.append(
			{
				"survey": survey,
				"questionnaire": collection.questionnaire,
				"unit": collection.unit,
				"area": collection.areas.get(answers.get(collection.area_code))
				if collection.area_code
				else None,
				"channel": channel,
				"form_number": number,
				"submitted_at": moments[index],
				"entered_by": user,
				"stratum_key": key,
				"over_quota": int(over),
				"answers": encode_answers(answers, columns),
			}
		)
	if result.rejected and not valid_only:
		raise ResponsesRefused(refusal_message(result.rejected, len(rows)), result.rejected)
	result.stored = insert(records, now)
	if records:
		freeze(collection.questionnaire)
	if collection.quotas is not None:
		count_quotas(survey, collection.quotas)
	return result


def freeze(questionnaire: str) -> None:
	"""A questionnaire version with answers is frozen: edits make a new version (Make New Version). Read
	first, so that submissions do not queue on the questionnaire's row once it is frozen."""
	if not frappe.db.get_value("Survey Questionnaire", questionnaire, "frozen"):
		frappe.db.set_value("Survey Questionnaire", questionnaire, "frozen", 1, update_modified=False)


def refusal_message(rejected: list[tuple[int, list[str]]], total: int) -> str:
	if total == 1:
		return "<br>".join(rejected[0][1])
	lines = [
		_("Row {0}: {1}").format(index + 1, message) for index, messages in rejected for message in messages
	]
	more = len(lines) - MAX_MESSAGES
	lines = lines[:MAX_MESSAGES]
	if more > 0:
		lines.append(_("… and {0} more problems.").format(more))
	return _("Nothing was saved: {0} of {1} responses have problems.").format(len(rejected), total) + (
		"<br>" + "<br>".join(lines)
	)


def taken_form_numbers(survey: str, numbers: list[str | None]) -> set[str]:
	wanted = sorted({(number or "").strip() for number in numbers if (number or "").strip()})
	if not wanted:
		return set()
	return set(
		frappe.get_all(
			DOCTYPE,
			filters={"survey": survey, "is_current": 1, "form_number": ["in", wanted]},
			pluck="form_number",
		)
	)


INSERT_FIELDS = (
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"idx",
	"is_current",
	"survey",
	"questionnaire",
	"unit",
	"area",
	"channel",
	"form_number",
	"submitted_at",
	"entered_by",
	"stratum_key",
	"over_quota",
	"answers",
	"replaces",
	"correction_reason",
)


def insert(records: list[dict], now: datetime) -> list[str]:
	"""The records written in bulk (their checks are done): one statement per thousand."""
	user = frappe.session.user
	names = []
	values = []
	for record in records:
		name = frappe.generate_hash(length=10)
		names.append(name)
		values.append(
			(name, now, now, user, user, 0, 0, 1, *(record.get(fieldname) for fieldname in INSERT_FIELDS[8:]))
		)
	if values:
		frappe.db.bulk_insert(DOCTYPE, list(INSERT_FIELDS), values)
	return names


def count_quotas(survey: str, quotas: QuotaBook) -> None:
	for key in quotas.added:
		stratum = quotas.strata[key]
		frappe.db.set_value(
			"Survey Stratum",
			{"parent": survey, "parenttype": "Opinion Survey", "stratum_key": key},
			{"achieved": stratum.achieved, "over_quota": stratum.over_quota},
			update_modified=False,
		)


def correct_response(response: str, answers: dict, reason: str) -> str:
	"""A new version of a current response with the corrected answers, who corrected it and why; the old
	version stays as it was, no longer current. Its stratum's count moves with it. Returns the new name."""
	old = frappe.db.get_value(
		DOCTYPE,
		response,
		["survey", "is_current", "channel", "form_number", "submitted_at", "stratum_key", "over_quota"],
		as_dict=True,
	)
	if not old:
		raise frappe.DoesNotExistError(_("Survey Response {0} not found").format(response))
	if not old.is_current:
		frappe.throw(
			_("Response {0} has already been corrected; correct its current version.").format(response)
		)
	if not (reason or "").strip():
		frappe.throw(_("The reason for the correction is required."))
	collection = Collection.of(old.survey)
	normalised, errors = collection.form.validate(answers)
	if errors:
		raise ResponsesRefused("<br>".join(collection.message(error) for error in errors))
	key = stratum_key(normalised, collection.strata_codes) if collection.strata_codes else None
	over = bool(old.over_quota)
	if collection.quotas is not None and key != old.stratum_key:
		collection.quotas.remove(old.stratum_key, bool(old.over_quota))
		try:
			over = collection.quotas.add(key)
		except RuleError as error:
			frappe.throw(collection.message(error))
	now = now_datetime()
	[name] = insert(
		[
			{
				"survey": old.survey,
				"questionnaire": collection.questionnaire,
				"unit": collection.unit,
				"area": collection.areas.get(normalised.get(collection.area_code))
				if collection.area_code
				else None,
				"channel": old.channel,
				"form_number": old.form_number,
				"submitted_at": old.submitted_at,
				"entered_by": frappe.session.user,
				"stratum_key": key,
				"over_quota": int(over),
				"answers": encode_answers(normalised, collection.form.columns),
				"replaces": response,
				"correction_reason": reason.strip(),
			}
		],
		now,
	)
	frappe.db.set_value(DOCTYPE, response, {"is_current": 0, "replaced_by": name}, update_modified=False)
	if collection.quotas is not None:
		count_quotas(old.survey, collection.quotas)
	return name


def load_answers(survey: str, filters: dict | None = None) -> pandas.DataFrame:
	"""One row per current response of `survey`: META_COLUMNS, then one column per question code of the
	survey's questionnaire (a single choice as its value, a multiple choice as its values separated by
	spaces, integers and decimals as numbers, unanswered as missing). `filters` may hold `area` (a list of
	units), `unit`, `date_from` and `date_to` (of submission, inclusive). Permission is the caller's."""
	filters = filters or {}
	conditions, values = ["survey = %(survey)s", "is_current = 1"], {"survey": survey}
	if filters.get("area"):
		areas = {f"area{index}": area for index, area in enumerate(filters["area"])}
		conditions.append(f"area in ({', '.join(f'%({key})s' for key in areas)})")
		values.update(areas)
	if filters.get("unit"):
		conditions.append("unit = %(unit)s")
		values["unit"] = filters["unit"]
	if filters.get("date_from"):
		conditions.append("submitted_at >= %(date_from)s")
		values["date_from"] = get_datetime(filters["date_from"])
	if filters.get("date_to"):
		conditions.append("submitted_at <= %(date_to)s")
		values["date_to"] = day_end(filters["date_to"])
	where = " and ".join(conditions)
	survey_values = frappe.db.get_value("Opinion Survey", survey, ["questionnaire", "responsible_unit"])
	questionnaire, unit = survey_values or (None, None)
	form = get_form(questionnaire) if questionnaire else None
	columns = list(form.columns) if form else []
	# Usually every response answers one version: then the version is not read row by row.
	versions = [
		row[0]
		for row in frappe.db.sql(
			f"select distinct questionnaire from `tabSurvey Response` where {where}", values
		)
	]
	# The submission time as text, read by pandas in one go: the database driver's conversion of each
	# row's datetime costs more than the rest of the load. The unit is the survey's, the same for all.
	version_field = "questionnaire" if len(versions) > 1 else "''"
	rows = frappe.db.sql(
		f"""select name, area, channel, cast(submitted_at as char), {version_field}, answers
		from `tabSurvey Response` where {where}
		order by submitted_at asc, name asc""",
		values,
	)
	# Column by column in one pass (zip), not row by row.
	fields = list(zip(*rows, strict=True)) if rows else [()] * 6
	meta = pandas.DataFrame(
		{
			"response": fields[0],
			"unit": pandas.Series([unit] * len(rows), dtype="object"),
			"area": fields[1],
			"channel": fields[2],
			"submitted_at": pandas.to_datetime(pandas.Series(fields[3], dtype="object"), format="ISO8601"),
		},
		columns=list(META_COLUMNS),
	)
	records = fields[5]
	if len(versions) <= 1:
		version = versions[0] if versions else questionnaire
		version_form = form if version == questionnaire or not version else get_form(version)
		answers = (
			read_answers(list(records), version_form) if version_form else pandas.DataFrame(index=meta.index)
		)
	else:
		parts = []
		for version in sorted(versions):
			selected = [index for index, name in enumerate(fields[4]) if name == version]
			frame = read_answers(
				[records[index] for index in selected],
				form if version == questionnaire else get_form(version),
			)
			frame.index = selected
			parts.append(frame)
		answers = pandas.concat(parts).sort_index()
	for column in answers.columns:
		if column not in columns:
			columns.append(column)
	answers = answers.reindex(columns=columns)
	return pandas.concat([meta, answers.reset_index(drop=True)], axis=1)


def day_end(value) -> datetime:
	moment = get_datetime(value)
	if len(str(value)) <= 10:
		moment = moment.replace(hour=23, minute=59, second=59, microsecond=999999)
	return moment


def read_answers(records: list[str], form: QuestionnaireForm) -> pandas.DataFrame:
	"""The stored records of one questionnaire as a DataFrame, read by pandas' CSV reader in one go."""
	columns = list(form.columns)
	kinds = {question.code: question.question.question_type for question in form.questions}
	dtypes = {code: "float64" if kinds[code] in (INTEGER, DECIMAL) else "object" for code in columns}
	if not records:
		return pandas.DataFrame({code: pandas.Series(dtype=dtypes[code]) for code in columns})
	return pandas.read_csv(
		io.StringIO("\n".join(records)),
		header=None,
		names=columns,
		dtype=dtypes,
		keep_default_na=False,
		na_values=[""],
		skip_blank_lines=False,
	)


__all__ = [
	"CHANNELS",
	"IMPORT",
	"ONLINE",
	"PAPER",
	"SELECT_ONE",
	"ResponsesRefused",
	"StoreResult",
	"SurveyClosed",
	"correct_response",
	"load_answers",
	"store_responses",
]
