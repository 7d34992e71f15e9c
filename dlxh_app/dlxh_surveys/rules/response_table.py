"""A table of responses as KoboToolbox and ODK Central export them (CSV or the first sheet of an XLSX),
turned into rows of answers keyed by XLSForm question names. No database.

Headers: a question's name, or its name behind its groups' (`group/name` as KoboToolbox writes it,
`group-name` as ODK Central does). A multiple choice's one-column-per-option indicators (`name/option`) are
skipped: its own column holds its values separated by spaces. Metadata columns (starting with `_`, or
`start`, `end`, `today`, `deviceid`, `SubmissionDate`, `KEY`, `meta/instanceID`...) are skipped, the
submission time read from one of them. Any other column is refused. Cells are read as text: whole numbers
of a spreadsheet without their ".0", dates as year-month-day, and a choice given by its label taken as its
name."""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.rules.questionnaire import CHOICE_TYPES, SELECT_MULTIPLE, QuestionnaireForm
from dlxh_app.dlxh_surveys.rules.responses import fold

META_COLUMNS = frozenset(
	{
		"start",
		"end",
		"today",
		"deviceid",
		"subscriberid",
		"simserial",
		"phonenumber",
		"username",
		"audit",
		"instanceid",
		"instancename",
		"submissiondate",
		"key",
		"submitterid",
		"submittername",
		"attachmentspresent",
		"attachmentsexpected",
		"status",
		"reviewstate",
		"edits",
		"formversion",
		"meta/instanceid",
		"meta/instancename",
		"meta-instanceid",
		"meta-instancename",
	}
)
# Where the submission time is, in order of preference.
TIME_COLUMNS = ("_submission_time", "submissiondate", "end")
# The paper form's number, when the table has one.
FORM_NUMBER_COLUMNS = ("form_number", "so_phieu")


@dataclass
class Table:
	headers: list[str]
	rows: list[list[str]]


@dataclass
class Mapping:
	"""Which column holds which question; the columns skipped; the submission time's and form number's."""

	questions: dict[int, str] = field(default_factory=dict)
	skipped: list[str] = field(default_factory=list)
	time_column: int | None = None
	number_column: int | None = None


def read_csv(content: bytes) -> Table:
	"""Code: encoding (not UTF-8), empty."""
	try:
		text = content.decode("utf-8-sig")
	except UnicodeDecodeError:
		raise RuleError("encoding") from None
	if not text.strip():
		raise RuleError("empty")
	sample = text[:4096]
	try:
		dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
	except csv.Error:
		dialect = csv.excel
	rows = list(csv.reader(io.StringIO(text), dialect))
	rows = [row for row in rows if any(cell.strip() for cell in row)]
	if not rows:
		raise RuleError("empty")
	return Table([cell.strip() for cell in rows[0]], [[cell for cell in row] for row in rows[1:]])


def read_xlsx(content: bytes) -> Table:
	"""The first sheet. Code: workbook (not one), empty."""
	from openpyxl import load_workbook

	try:
		workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
	except Exception:
		raise RuleError("workbook") from None
	sheet = workbook.worksheets[0]
	rows = [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
	workbook.close()
	rows = [row for row in rows if any(cell.strip() for cell in row)]
	if not rows:
		raise RuleError("empty")
	return Table([cell.strip() for cell in rows[0]], rows[1:])


def cell_text(value) -> str:
	if value is None:
		return ""
	if isinstance(value, bool):
		return "1" if value else "0"
	if isinstance(value, float) and value.is_integer():
		return str(int(value))
	if isinstance(value, datetime):
		return value.isoformat(sep=" ") if value.time() != datetime.min.time() else value.date().isoformat()
	if isinstance(value, date):
		return value.isoformat()
	return str(value)


def map_columns(headers: Sequence[str], form: QuestionnaireForm) -> Mapping:
	"""Codes: unknown_columns (the headers), duplicate_column (the question), no_question_column."""
	codes = set(form.columns)
	multiple = {q.code for q in form.questions if q.question.question_type == SELECT_MULTIPLE}
	mapping = Mapping()
	unknown = []
	for index, header in enumerate(headers):
		name = header.strip()
		low = name.lower()
		code = question_of(name, codes)
		if code:
			if code in mapping.questions.values():
				raise RuleError("duplicate_column", code)
			mapping.questions[index] = code
		elif low in TIME_COLUMNS and mapping.time_column is None:
			mapping.time_column = index
			mapping.skipped.append(name)
		elif low in FORM_NUMBER_COLUMNS:
			mapping.number_column = index
		elif not name or name.startswith("_") or low in META_COLUMNS or is_indicator(name, multiple):
			mapping.skipped.append(name)
		else:
			unknown.append(name)
	if unknown:
		raise RuleError("unknown_columns", unknown)
	if not mapping.questions:
		raise RuleError("no_question_column")
	return mapping


def question_of(header: str, codes: set[str]) -> str | None:
	if header in codes:
		return header
	for separator in ("/", "-"):
		last = header.rsplit(separator, 1)[-1]
		if separator in header and last in codes:
			return last
	return None


def is_indicator(header: str, multiple: set[str]) -> bool:
	"""A multiple choice's column of one option (`name/option`, with or without its groups)."""
	parts = header.replace("-", "/").split("/")
	return len(parts) >= 2 and parts[-2] in multiple


def row_reader(mapping: Mapping, form: QuestionnaireForm):
	"""A function giving one row's answers by question name; a single choice given by its label is given
	its name."""
	labels = {
		question.code: {fold(label): name for name, label in question.labels.items()}
		for question in form.questions
		if question.question.question_type in CHOICE_TYPES
		and question.question.question_type != SELECT_MULTIPLE
	}
	options = {question.code: set(question.options) for question in form.questions}
	columns = list(mapping.questions.items())

	def read(row: Sequence[str]) -> dict[str, str]:
		answers = {}
		for index, code in columns:
			value = row[index].strip() if index < len(row) else ""
			if value and code in labels and value not in options[code]:
				value = labels[code].get(fold(value), value)
			answers[code] = value
		return answers

	return read
