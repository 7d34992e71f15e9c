"""Questionnaires in and out of XLSForm, the spreadsheet form ODK, KoboToolbox and others read: sheets `survey`,
`choices` and `settings`, Vietnamese labels in `label::Vietnamese (vi)`, and the app's own column
`dlxh_demographic` (which pyxform, ODK's own library, passes over). Every workbook read is first checked
by pyxform, so a form that ODK refuses is refused with pyxform's message; every workbook written is checked
the same way."""

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.rules.questionnaire import (
	BEGIN_GROUP,
	DATE,
	DECIMAL,
	END_GROUP,
	INTEGER,
	LIKERT,
	NOTE,
	SELECT_MULTIPLE,
	SELECT_ONE,
	TEXT,
	Choice,
	Question,
)

LANGUAGE = "Vietnamese (vi)"
DEMOGRAPHIC_COLUMN = "dlxh_demographic"
DEMOGRAPHICS = ("Area", "Gender", "Age Group", "Occupation", "Social Stratum", "Ethnicity", "Religion")
LIKERT_APPEARANCE = "likert"

# The app's question types as XLSForm writes them (a choice type is followed by its list name).
XLSFORM_TYPES = {
	SELECT_ONE: "select_one",
	SELECT_MULTIPLE: "select_multiple",
	LIKERT: "select_one",
	INTEGER: "integer",
	DECIMAL: "decimal",
	TEXT: "text",
	DATE: "date",
	NOTE: "note",
	BEGIN_GROUP: "begin_group",
	END_GROUP: "end_group",
}
# XLSForm's spellings of the types the app reads.
READ_TYPES = {
	"integer": INTEGER,
	"int": INTEGER,
	"decimal": DECIMAL,
	"text": TEXT,
	"string": TEXT,
	"date": DATE,
	"note": NOTE,
	"begin_group": BEGIN_GROUP,
	"begin group": BEGIN_GROUP,
	"end_group": END_GROUP,
	"end group": END_GROUP,
}
SELECT = re.compile(r"(select_one|select_multiple|select one|select multiple)\s+(\S+)")
TRUE_WORDS = frozenset({"yes", "true", "true()", "1", "y"})

SURVEY_COLUMNS = (
	"type",
	"name",
	f"label::{LANGUAGE}",
	f"hint::{LANGUAGE}",
	"required",
	"relevant",
	"constraint",
	f"constraint_message::{LANGUAGE}",
	"appearance",
	DEMOGRAPHIC_COLUMN,
)
CHOICE_COLUMNS = ("list_name", "name", f"label::{LANGUAGE}")


@dataclass(frozen=True)
class Form:
	title: str
	form_id: str
	questions: tuple[Question, ...]
	choices: tuple[Choice, ...]
	version: str = ""


def check_with_pyxform(content: bytes) -> None:
	"""Refuse what ODK's pyxform refuses. Codes: pyxform (its message), not_a_workbook."""
	try:
		convert(content, file_type=".xlsx", warnings=[])
	except PyXFormError as error:
		raise RuleError("pyxform", str(error)) from None
	except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError):
		raise RuleError("not_a_workbook") from None


def read_xlsform(content: bytes) -> Form:
	"""The questionnaire of an XLSForm workbook, checked by pyxform first. Codes: those of
	check_with_pyxform, and type_unsupported (row, type), demographic_unknown (row, value), form_id_missing."""
	check_with_pyxform(content)
	book = load_workbook(BytesIO(content), read_only=True, data_only=True)
	sheets = {sheet.title.strip().lower(): sheet for sheet in book.worksheets}
	settings = next(iter(rows_of(sheets.get("settings"))), {})
	questions = tuple(
		read_question(row_number, row) for row_number, row in enumerate(rows_of(sheets["survey"]), start=2)
	)
	choices = tuple(
		Choice(cell(row, "list_name"), cell(row, "name"), label(row))
		for row in rows_of(sheets.get("choices"))
		if cell(row, "list_name")
	)
	form_id = cell(settings, "form_id")
	if not form_id:
		raise RuleError("form_id_missing")
	title = cell(settings, "form_title") or form_id
	return Form(title, form_id, questions, choices, cell(settings, "version"))


def rows_of(sheet) -> list[dict[str, str]]:
	"""The sheet's rows as {normalised header: text}, blank rows left out."""
	if sheet is None:
		return []
	rows = sheet.iter_rows(values_only=True)
	headers = [header_key(value) for value in next(rows, ())]
	result = []
	for values in rows:
		row = {
			header: str(value).strip()
			for header, value in zip(headers, values, strict=False)
			if header and value is not None and str(value).strip()
		}
		if row:
			result.append(row)
	return result


def header_key(value) -> str:
	"""Headers compared without case or spaces: "Label::Vietnamese (vi)" is "label::vietnamese(vi)"."""
	return re.sub(r"\s+", "", str(value or "")).lower()


def cell(row: dict[str, str], column: str) -> str:
	return row.get(header_key(column), "")


def label(row: dict[str, str], column: str = "label") -> str:
	"""The Vietnamese text of a column, or its text without a language."""
	return cell(row, f"{column}::{LANGUAGE}") or cell(row, column)


def read_question(row_number: int, row: dict[str, str]) -> Question:
	written = re.sub(r"\s+", " ", cell(row, "type")).lower()
	choice_list = ""
	select = SELECT.fullmatch(written)
	if select:
		multiple = select.group(1).replace(" ", "_") == "select_multiple"
		choice_list = select.group(2)
		if multiple:
			question_type = SELECT_MULTIPLE
		elif LIKERT_APPEARANCE in cell(row, "appearance").lower().split():
			question_type = LIKERT
		else:
			question_type = SELECT_ONE
	elif written in READ_TYPES:
		question_type = READ_TYPES[written]
	else:
		raise RuleError("type_unsupported", row_number, cell(row, "type"))
	demographic = cell(row, DEMOGRAPHIC_COLUMN)
	known = {name.lower(): name for name in DEMOGRAPHICS}
	if demographic and demographic.lower() not in known:
		raise RuleError("demographic_unknown", row_number, demographic)
	return Question(
		question_type=question_type,
		code=cell(row, "name"),
		label=label(row),
		choice_list=choice_list,
		required=cell(row, "required").lower() in TRUE_WORDS,
		relevant=cell(row, "relevant"),
		constraint=cell(row, "constraint"),
		constraint_message=label(row, "constraint_message"),
		demographic=known.get(demographic.lower(), ""),
		hint=label(row, "hint"),
	)


def write_xlsform(form: Form) -> bytes:
	"""The questionnaire as an XLSForm workbook, checked by pyxform as an imported one is."""
	book = Workbook()
	survey = book.active
	survey.title = "survey"
	survey.append(SURVEY_COLUMNS)
	for question in form.questions:
		survey.append(question_row(question))
	choices = book.create_sheet("choices")
	choices.append(CHOICE_COLUMNS)
	for choice in form.choices:
		choices.append((choice.list_name, choice.value, choice.label))
	settings = book.create_sheet("settings")
	settings.append(("form_title", "form_id", "version", "default_language"))
	settings.append((form.title, form.form_id, form.version, LANGUAGE))
	output = BytesIO()
	book.save(output)
	content = output.getvalue()
	check_with_pyxform(content)
	return content


def question_row(question: Question) -> tuple:
	kind = question.question_type
	written = XLSFORM_TYPES[kind]
	if question.choice_list:
		written = f"{written} {question.choice_list}"
	return (
		written,
		question.code,
		question.label,
		question.hint,
		"yes" if question.required else "",
		question.relevant,
		question.constraint,
		question.constraint_message,
		LIKERT_APPEARANCE if kind == LIKERT else "",
		question.demographic,
	)
