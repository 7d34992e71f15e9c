"""The analysis of a survey as its readers get it: the survey's current responses (or a subset by area,
unit and dates) weighted to its strata, with margins of error at its confidence level, cross-tabulated by
its demographic questions, compared with its before/after pair, and exported (CSV, XLSX, SPSS .sav).

The statistics are the rules' (rules/analysis.py, rules/weighting.py); this module reads the survey and its
responses, checks that the caller may read the survey, and caches each result in Redis per survey, subset
and weighting method. A cached result is used only while its fingerprint holds: the number of the survey's
response records (they are append-only: every response and every correction adds one, none is ever deleted
or changed), and the last change of the survey (strata populations, confidence level) and of its
questionnaire. So no stale figure is shown, and a cached answer reads one index count. Every result says
when it was computed."""

import io
import json
import re

import frappe
import numpy as np
import pandas
from frappe import _
from frappe.utils import cint, flt, getdate, now_datetime

from dlxh_app.dlxh_surveys.questionnaire import get_form
from dlxh_app.dlxh_surveys.responses import META_COLUMNS, load_answers
from dlxh_app.dlxh_surveys.rules.analysis import (
	analyse,
	compare,
	demographic_breakdowns,
	finite_population_correction,
	margin_of_error,
	values_breakdown,
)
from dlxh_app.dlxh_surveys.rules.charts import (
	comparison_chart,
	crosstab_chart,
	likert_chart,
	question_chart,
)
from dlxh_app.dlxh_surveys.rules.questionnaire import (
	DECIMAL,
	INTEGER,
	LIKERT,
	SELECT_MULTIPLE,
	SELECT_ONE,
)
from dlxh_app.dlxh_surveys.rules.sampling import z_score
from dlxh_app.dlxh_surveys.rules.weighting import AUTOMATIC, METHODS, survey_weights
from dlxh_app.limits import count_expensive_call
from dlxh_app.permissions import reachable_units

CACHE_KEY = "dlxh-survey-analysis"
# Cached results are kept for a day at most; the fingerprint decides whether one may be used.
CACHE_SECONDS = 24 * 3600
BEFORE = "Before Issuance"


# -- reading a survey ---------------------------------------------------------------------------------


def check_readable(survey: str) -> None:
	if not survey or not frappe.db.exists("Opinion Survey", survey):
		raise frappe.DoesNotExistError(_("Opinion Survey {0} not found").format(survey))
	if not frappe.has_permission("Opinion Survey", "read", survey):
		raise frappe.PermissionError(_("You may not read survey {0}.").format(survey))


def subset(
	area: str | list | None = None,
	unit: str | None = None,
	date_from: str | None = None,
	date_to: str | None = None,
) -> dict:
	"""The filters of load_answers from the request's: `area` a list (or its JSON) of units, dates as
	year-month-day. Bad dates are refused naming the filter."""
	if isinstance(area, str):
		area = json.loads(area) if area.strip().startswith("[") else [area]
	result = {}
	if area := sorted({str(value) for value in area or [] if value}):
		result["area"] = area
	if unit:
		result["unit"] = unit
	for key, value, label in (("date_from", date_from, _("From date")), ("date_to", date_to, _("To date"))):
		if not value:
			continue
		try:
			result[key] = str(getdate(value))
		except Exception:
			frappe.throw(_("{0}: {1} is not a date.").format(label, value), frappe.ValidationError)
	if result.get("date_from") and result.get("date_to") and result["date_from"] > result["date_to"]:
		frappe.throw(_("From date {0} is after To date {1}.").format(result["date_from"], result["date_to"]))
	return result


def fingerprint(survey: str, questionnaire: str | None) -> list:
	"""What the analysis of `survey` depends on (see the module's docstring)."""
	return [
		frappe.db.count("Survey Response", {"survey": survey}),
		str(frappe.db.get_value("Opinion Survey", survey, "modified")),
		str(frappe.db.get_value("Survey Questionnaire", questionnaire, "modified")) if questionnaire else "",
	]


def cache_key(survey: str, filters: dict, method: str) -> str:
	return f"{CACHE_KEY}:{survey}:{method}:{json.dumps(filters, sort_keys=True)}"


def survey_analysis(survey: str, filters: dict | None = None, method: str = AUTOMATIC) -> dict:
	"""The analysis of `survey` (no permission check: the callers check), from the cache when its
	fingerprint holds, else computed and cached."""
	filters = filters or {}
	if method not in METHODS:
		frappe.throw(_("{0} is not a weighting method.").format(method))
	questionnaire = frappe.db.get_value("Opinion Survey", survey, "questionnaire")
	current = fingerprint(survey, questionnaire)
	key = cache_key(survey, filters, method)
	cached = frappe.cache.get_value(key)
	if cached and cached.get("fingerprint") == current:
		return cached | {"from_cache": True}
	count_expensive_call()
	result = compute(survey, filters, method)
	result["fingerprint"] = current
	frappe.cache.set_value(key, result, expires_in_sec=CACHE_SECONDS)
	return result | {"from_cache": False}


def compute(survey: str, filters: dict, method: str) -> dict:
	doc = frappe.get_doc("Opinion Survey", survey)
	meta = {
		"survey": survey,
		"title": doc.title,
		"unit": doc.responsible_unit,
		"timing": doc.timing,
		"paired_survey": doc.paired_survey,
		"questionnaire": doc.questionnaire,
		"filters": filters,
		"computed_at": str(now_datetime()),
	}
	if not doc.questionnaire:
		return meta | {"respondents": 0, "notes": ["no_questionnaire"], "questions": [], "crosstabs": []}
	frame, form, weights, population, confidence = weighted_answers(doc, filters, method)
	breakdowns = demographic_breakdowns(form)
	if not any(question.question.demographic == "Area" for question in form.questions):
		breakdowns.append(values_breakdown("area", _("Area"), frame["area"], {}))
	result = analyse(frame, form, weights, confidence, population, breakdowns)
	if frame.empty:
		result["weighting"]["notes"] = []
	return meta | result


def weighted_answers(doc, filters: dict, method: str = AUTOMATIC):
	"""The survey's answers (load_answers), its form, their weights, its population and confidence."""
	frame = load_answers(doc.name, filters)
	form = get_form(doc.questionnaire)
	populations = {row.stratum_key: cint(row.population) for row in doc.strata}
	weights = survey_weights(frame, doc.strata_codes(), populations, method)
	population = cint(doc.population_size) or sum(populations.values()) or None
	confidence = flt(doc.confidence_level) / 100 or 0.95
	return frame, form, weights, population, confidence


# -- the messages -------------------------------------------------------------------------------------


def note_message(note: dict) -> str:
	"""A weighting note (rules/weighting.py's Note) in words."""
	code, values = note["code"], note.get("values") or []
	text = {
		"no_respondents": _("No response to weight."),
		"no_strata": _("The survey has no strata with populations: results are unweighted."),
		"no_population": _("The strata have no population entered: results are unweighted."),
		"outside_strata": _(
			"{0} respondents fall in no stratum of the sample (a strata question unanswered)."
		),
		"empty_stratum": _("No respondent in the strata {0}: they cannot be post-stratified."),
		"zero_population": _("Strata {0} have respondents but no population."),
		"outside_margin": _("{0}: {1} respondents gave an answer that has no population."),
		"empty_margin_cell": _("{0}: no respondent answered {1}, whose population is not zero."),
		"zero_margin_target": _("{0}: answers {1} have respondents but no population."),
		"margin_missing": _("{0}: {1} respondents did not answer; they keep their share."),
		"not_converged": _(
			"Raking did not converge in {0} rounds (largest gap {1}): the margins cannot all be met."
		),
		"raked_instead": _("Weighted by raking to the margins of the strata instead."),
	}.get(code, code)
	shown = [", ".join(map(str, value)) if isinstance(value, list) else value for value in values]
	if code == "not_converged" and len(shown) == 2:
		shown[1] = f"{100 * float(shown[1]):.2f} %"
	return text.format(*shown) if shown else text


def describe(result: dict) -> dict:
	"""The result with its notes in the user's language."""
	weighting = result.get("weighting") or {}
	messages = [note_message(note) for note in weighting.get("notes", [])]
	if weighting.get("fell_back"):
		messages.append(_("The weighting could not be done: the results below are unweighted."))
	notes = {
		"no_responses": _("The survey has no response yet (in this selection)."),
		"no_questionnaire": _("The survey has no questionnaire yet."),
	}
	messages += [notes.get(note, note) for note in result.get("notes", [])]
	if result.get("absent_questions"):
		messages.append(
			_("Not in the answers of this questionnaire version: {0}.").format(
				", ".join(question["code"] for question in result["absent_questions"])
			)
		)
	return result | {"messages": messages, "method_label": _(weighting.get("method") or "Unweighted")}


# -- the API ------------------------------------------------------------------------------------------


@frappe.whitelist()
def get_analysis(
	survey: str,
	area: str | list | None = None,
	unit: str | None = None,
	date_from: str | None = None,
	date_to: str | None = None,
	method: str | None = None,
) -> dict:
	"""The weighted analysis of a survey the user may read, or of the subset of its responses by area,
	unit and submission dates."""
	check_readable(survey)
	filters = subset(area, unit, date_from, date_to)
	return describe(survey_analysis(survey, filters, method or AUTOMATIC))


@frappe.whitelist()
def get_comparison(survey: str) -> dict:
	"""The change of every shared answer between a survey and its before/after pair (both readable)."""
	check_readable(survey)
	pair, timing = frappe.db.get_value("Opinion Survey", survey, ["paired_survey", "timing"])
	if not pair:
		frappe.throw(_("Survey {0} has no before/after pair.").format(survey))
	check_readable(pair)
	before, after = (survey, pair) if timing == BEFORE else (pair, survey)
	first, second = survey_analysis(before), survey_analysis(after)
	result = compare(first, second, second.get("confidence") or 0.95)
	labels = (_("Before: {0}").format(before), _("After: {0}").format(after))
	result["charts"] = {entry["code"]: comparison_chart(entry, *labels) for entry in result["questions"]}
	return result | {
		"before": {key: first.get(key) for key in ("survey", "title", "respondents", "computed_at")},
		"after": {key: second.get(key) for key in ("survey", "title", "respondents", "computed_at")},
	}


@frappe.whitelist()
def get_charts(
	survey: str,
	by: str | None = None,
	area: str | list | None = None,
	unit: str | None = None,
	date_from: str | None = None,
	date_to: str | None = None,
	method: str | None = None,
) -> dict:
	"""The charts (SVG) of a survey's analysis: each question's answers with margins of error, its Likert
	scales side by side, and with `by` (a breakdown's column) each question by that breakdown."""
	check_readable(survey)
	filters = subset(area, unit, date_from, date_to)
	return charts_of(survey_analysis(survey, filters, method or AUTOMATIC), by)


def charts_of(result: dict, by: str | None = None) -> dict:
	questions = result.get("questions", [])
	scales: dict[tuple, list] = {}
	for question in questions:
		if question["type"] == LIKERT and question.get("options"):
			scales.setdefault(tuple(option["value"] for option in question["options"]), []).append(question)
	return {
		"questions": {
			question["code"]: chart for question in questions if (chart := question_chart(question))
		},
		"likert": [chart for group in scales.values() if (chart := likert_chart(group))],
		"crosstabs": {
			table["question"]: crosstab_chart(table)
			for table in result.get("crosstabs", [])
			if by and table["by"] == by
		},
		"computed_at": result.get("computed_at"),
	}


def result_report(survey: str) -> dict:
	"""What the printed result report (print format Survey Results, a Jinja method) shows of a survey the
	user may read: the analysis with its notes, its charts, the collection period, the largest margin of
	error (of a 50 % share over every respondent, the weights and the population counted) and, when the
	pair may be read too, the before/after comparison."""
	check_readable(survey)
	result = describe(survey_analysis(survey))
	first, last = frappe.db.sql(
		"select min(submitted_at), max(submitted_at) from `tabSurvey Response` where survey = %s and is_current = 1",
		survey,
	)[0]
	confidence = result.get("confidence") or 0.95
	effective = (result.get("weighting") or {}).get("effective_size") or 0
	largest = margin_of_error(
		0.5,
		effective,
		z_score(confidence),
		finite_population_correction(result.get("population"), result.get("respondents") or 0),
	)
	comparison = None
	if result.get("paired_survey") and frappe.has_permission(
		"Opinion Survey", "read", result["paired_survey"]
	):
		comparison = get_comparison(survey)
	return {
		"analysis": result,
		"charts": charts_of(result),
		"comparison": comparison,
		"first_response": first,
		"last_response": last,
		"largest_margin": float(largest) * 100 if effective else None,
	}


# -- exports ------------------------------------------------------------------------------------------

EXPORT_FORMATS = ("csv", "xlsx", "sav", "tables")
# An XLSX data set is written cell by cell (openpyxl: about a second per thousand responses of 30
# questions here), so a large one would outlast the request; CSV and SPSS are written in bulk.
XLSX_ROW_LIMIT = 20_000


@frappe.whitelist()
def export_analysis(
	survey: str,
	file_format: str = "xlsx",
	area: str | list | None = None,
	unit: str | None = None,
	date_from: str | None = None,
	date_to: str | None = None,
) -> None:
	"""A download for a survey the user may read: its clean data set with the weights as csv, xlsx (codes
	and labels) or SPSS sav (variable and value labels), or its analysis tables as xlsx ("tables")."""
	check_readable(survey)
	if file_format not in EXPORT_FORMATS:
		frappe.throw(_("{0} is not a format of export.").format(file_format))
	filters = subset(area, unit, date_from, date_to)
	doc = frappe.get_doc("Opinion Survey", survey)
	if not doc.questionnaire:
		frappe.throw(_("The survey has no questionnaire yet."))
	base = re.sub(r"[^A-Za-z0-9_.-]+", "-", survey).strip("-")
	if file_format == "tables":
		content = tables_workbook(describe(survey_analysis(survey, filters)))
		name = f"{base}-bang-ket-qua.xlsx"
	else:
		check_responses_readable(doc)
		count_expensive_call()
		frame, form, weights, _population, _confidence = weighted_answers(doc, filters)
		data = clean_data(frame, form, weights.values)
		if file_format == "csv":
			content = data.codes.to_csv(index=False).encode("utf-8-sig")
		elif file_format == "xlsx":
			if len(data.codes) > XLSX_ROW_LIMIT:
				frappe.throw(
					_(
						"The survey has {0} responses: more than {1} are exported as CSV or SPSS, which Excel opens too."
					).format(len(data.codes), XLSX_ROW_LIMIT)
				)
			content = data_workbook(data)
		else:
			content = spss_file(data)
		name = f"{base}-du-lieu.{file_format}"
	frappe.response["filename"] = name
	frappe.response["filecontent"] = content
	frappe.response["type"] = "download"


def check_responses_readable(doc) -> None:
	"""The data set is the responses themselves (free-text answers included): only for who may read the
	survey's Survey Responses, its unit's staff and the city, not the units below an approved survey, who
	read its results."""
	if not (
		frappe.has_permission("Survey Response", "read")
		and reachable_units([doc.responsible_unit]) == [doc.responsible_unit]
	):
		raise frappe.PermissionError(_("You may not read the responses of survey {0}.").format(doc.name))


class CleanData:
	"""The data set as exported: `codes` (answers as stored, a multiple choice as one 0/1 column per
	option), `labels` (answers as their labels) and the variables' and values' labels."""

	def __init__(self, codes, labels, variable_labels, value_labels):
		self.codes = codes
		self.labels = labels
		self.variable_labels = variable_labels
		self.value_labels = value_labels


def clean_data(frame: pandas.DataFrame, form, weights) -> CleanData:
	codes = pandas.DataFrame({column: frame[column] for column in META_COLUMNS})
	codes["submitted_at"] = pandas.to_datetime(codes["submitted_at"])
	codes["weight"] = np.asarray(weights, dtype=float) if len(frame) else pandas.Series(dtype=float)
	labels = codes.copy()
	variable_labels = {
		"response": _("Response"),
		"unit": _("Unit"),
		"area": _("Area"),
		"channel": _("Channel"),
		"submitted_at": _("Submitted At"),
		"weight": _("Weight"),
	}
	value_labels: dict[str, dict] = {}
	for question in form.questions:
		rules = question.question
		code = question.code
		if code not in frame.columns:
			continue
		values = frame[code]
		if rules.question_type == SELECT_MULTIPLE:
			padded = " " + values.fillna("").astype(str) + " "
			for value in question.options:
				column = f"{code}_{value}"
				chosen = padded.str.contains(f" {value} ", regex=False)
				codes[column] = chosen.where(values.notna()).astype("Float64")
				labels[column] = chosen.map({True: _("Chosen"), False: _("Not chosen")}).where(values.notna())
				variable_labels[column] = f"{rules.label}: {question.labels.get(value, value)}"
				value_labels[column] = {0: _("Not chosen"), 1: _("Chosen")}
			continue
		codes[code] = values
		variable_labels[code] = rules.label
		if rules.question_type in (SELECT_ONE, LIKERT):
			text = values.map(lambda value: None if pandas.isna(value) else str(value))
			labels[code] = text.map(lambda value: question.labels.get(value, value) if value else None)
			value_labels[code] = dict(question.labels)
		else:
			labels[code] = values
	return CleanData(codes, labels, variable_labels, value_labels)


def data_workbook(data: CleanData) -> bytes:
	"""Sheets: the answers' codes, their labels, and the variables (name, label, values)."""
	from openpyxl import Workbook

	book = Workbook(write_only=True)
	for title, frame in ((_("Codes"), data.codes), (_("Labels"), data.labels)):
		sheet = book.create_sheet(title[:31])
		sheet.append(list(frame.columns))
		for row in frame.itertuples(index=False):
			sheet.append([cell_value(value) for value in row])
	sheet = book.create_sheet(_("Variables")[:31])
	sheet.append([_("Variable"), _("Label"), _("Values")])
	for column in data.codes.columns:
		values = data.value_labels.get(column) or {}
		sheet.append(
			[
				column,
				data.variable_labels.get(column, column),
				"; ".join(f"{k} = {v}" for k, v in values.items()),
			]
		)
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()


def cell_value(value):
	if value is None or value is pandas.NA or (isinstance(value, float) and np.isnan(value)):
		return None
	if isinstance(value, pandas.Timestamp):
		return value.to_pydatetime()
	if isinstance(value, np.generic):
		return value.item()
	return value


def spss_name(name: str, taken: set) -> str:
	"""A variable name SPSS accepts: starting with a letter, at most 64 bytes, unique."""
	name = re.sub(r"[^A-Za-z0-9_]", "_", name)
	if not name[:1].isalpha():
		name = "v" + name
	name = name[:64]
	candidate, number = name, 1
	while candidate.lower() in taken:
		number += 1
		candidate = f"{name[: 64 - len(str(number)) - 1]}_{number}"
	taken.add(candidate.lower())
	return candidate


def spss_file(data: CleanData) -> bytes:
	"""The data set as SPSS .sav: single choices as numbers 1..k with their choices as value labels, a
	Likert point as its number, a multiple choice's options as 0/1, every variable labelled."""
	import os
	import tempfile

	import pyreadstat

	frame = pandas.DataFrame(index=data.codes.index)
	variable_labels, value_labels, taken = [], {}, set()
	for column in data.codes.columns:
		name = spss_name(column, taken)
		values = data.codes[column]
		labels = data.value_labels.get(column)
		if labels and values.dtype == object:
			numbered = {value: position for position, value in enumerate(labels, start=1)}
			if all(str(value).lstrip("-").isdigit() for value in labels):
				numbered = {value: int(value) for value in labels}
			frame[name] = values.map(lambda value, numbered=numbered: numbered.get(str(value))).astype(float)
			value_labels[name] = {numbered[value]: label for value, label in labels.items()}
		else:
			if labels:
				value_labels[name] = labels
			if values.dtype == object:
				values = values.map(lambda value: None if pandas.isna(value) else str(value)).astype(object)
			elif str(values.dtype) == "Float64":
				values = values.astype(float)
			frame[name] = values
		variable_labels.append(data.variable_labels.get(column, column))
	with tempfile.TemporaryDirectory() as folder:
		path = os.path.join(folder, "data.sav")
		pyreadstat.write_sav(
			frame, path, column_labels=variable_labels, variable_value_labels=value_labels or None
		)
		with open(path, "rb") as file:
			return file.read()


def tables_workbook(result: dict) -> bytes:
	"""The analysis tables: the method, the frequencies (unweighted and weighted, margins of error) and
	the cross-tabulations (the share of each group giving each answer)."""
	from openpyxl import Workbook

	book = Workbook(write_only=True)
	method = book.create_sheet(_("Method")[:31])
	weighting = result.get("weighting") or {}
	for label, value in (
		(_("Survey"), result.get("title")),
		(_("Respondents"), result.get("respondents")),
		(_("Confidence Level"), result.get("confidence")),
		(_("Weighting"), result.get("method_label")),
		(_("Design effect of the weights"), weighting.get("design_effect")),
		(_("Effective sample size"), weighting.get("effective_size")),
		(_("Computed at"), result.get("computed_at")),
		*((_("Note"), message) for message in result.get("messages", [])),
	):
		method.append([label, value])
	sheet = book.create_sheet(_("Frequencies")[:31])
	sheet.append(
		[
			_("Question"),
			_("Answer"),
			_("Count"),
			_("Percent"),
			_("Weighted Percent"),
			_("Margin of Error"),
			_("Answered"),
			_("Missing"),
		]
	)
	for question in result.get("questions", []):
		for option in question.get("options", []):
			sheet.append(
				[
					f"{question['code']}. {question['label']}",
					option["label"],
					option["count"],
					option["percent"],
					option["weighted_percent"],
					option["moe"],
					question["answered"],
					question["missing"],
				]
			)
		if "options" not in question:
			sheet.append(
				[
					f"{question['code']}. {question['label']}",
					_("Mean") if question.get("weighted_mean") is not None else "",
					None,
					None,
					question.get("weighted_mean"),
					question.get("mean_moe"),
					question["answered"],
					question["missing"],
				]
			)
	sheet = book.create_sheet(_("Cross-tabulations")[:31])
	for table in result.get("crosstabs", []):
		groups = [group["label"] for group in table["groups"]]
		sheet.append([f"{table['question']}. {table['label']} - {table['by_label']}", *groups])
		for row in table["rows"]:
			sheet.append([row["label"], *row["column_percent"]])
		test = table["tests"][0] if table["tests"] else {}
		sheet.append(
			[
				_("Chi-square"),
				test.get("weighted_statistic", test.get("statistic")),
				_("p-value"),
				test.get("weighted_p_value", test.get("p_value")),
			]
		)
		sheet.append([])
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()
