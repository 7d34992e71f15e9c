"""Import of responses from a CSV or XLSX table keyed by XLSForm question names, as KoboToolbox and ODK
Central export them (rules/response_table.py reads it). Every row is checked as every channel checks
answers (responses.store_responses); by default nothing is imported unless every row is valid, with a
row-by-row report of the problems; chosen explicitly, the valid rows are imported and the rejected ones
returned as a CSV file (their cells and the problems) to correct and import again."""

import csv
import io

import frappe
from frappe import _
from frappe.utils import get_datetime

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.questionnaire import get_form
from dlxh_app.dlxh_surveys.responses import IMPORT, ResponsesRefused, store_responses
from dlxh_app.dlxh_surveys.rules.response_table import map_columns, read_csv, read_xlsx, row_reader
from dlxh_app.uploads import read_upload

# Rows of problems listed in a refusal's message (all are in the result).
MESSAGE_ROWS = 20


def check_staff(survey: str) -> None:
	if not (
		frappe.has_permission("Opinion Survey", "read", survey)
		and frappe.has_permission("Opinion Survey", "create")
	):
		raise frappe.PermissionError(_("You may not import responses to survey {0}.").format(survey))


@frappe.whitelist()
def import_responses(survey: str, file_url: str, valid_only: bool = False) -> dict:
	"""Import an uploaded table (a File the user may read) into a survey in the field. Returns the number
	imported and rejected, each rejected row's problems and, with `valid_only`, the URL of the file of
	rejected rows."""
	check_staff(survey)
	file, content = read_upload(file_url)
	return import_table(survey, content, file.file_name or file_url, bool(frappe.utils.cint(valid_only)))


def import_table(survey: str, content: bytes | str, file_name: str, valid_only: bool = False) -> dict:
	if isinstance(content, str):
		content = content.encode("utf-8")
	questionnaire = frappe.db.get_value("Opinion Survey", survey, "questionnaire")
	if not questionnaire:
		frappe.throw(_("Survey {0} has no questionnaire yet.").format(survey))
	form = get_form(questionnaire)
	try:
		table = read_xlsx(content) if file_name.lower().endswith(".xlsx") else read_csv(content)
		mapping = map_columns(table.headers, form)
	except RuleError as error:
		frappe.throw(table_message(error, file_name), title=_("Invalid response file"))
	read = row_reader(mapping, form)
	rows, moments, numbers = [], [], []
	now = frappe.utils.now_datetime()
	for cells in table.rows:
		rows.append(read(cells))
		moments.append(moment_of(cells, mapping.time_column, now))
		numbers.append(
			cells[mapping.number_column].strip() or None
			if mapping.number_column is not None and mapping.number_column < len(cells)
			else None
		)
	try:
		result = store_responses(
			survey, rows, IMPORT, submitted_at=moments, form_numbers=numbers, valid_only=valid_only
		)
	except ResponsesRefused as refused:
		errors = [{"row": index + 2, "messages": messages} for index, messages in refused.problems]
		frappe.throw(refusal(errors, len(rows)), ResponsesRefused, title=_("Nothing was imported"))
	errors = [{"row": index + 2, "messages": messages} for index, messages in result.rejected]
	outcome = {
		"imported": len(result.stored),
		"rejected": len(errors),
		"errors": errors,
		"rejected_file": None,
	}
	if errors:
		outcome["rejected_file"] = rejected_file(survey, table, errors)
	return outcome


def moment_of(cells, column: int | None, default):
	if column is None or column >= len(cells) or not cells[column].strip():
		return default
	try:
		moment = get_datetime(cells[column].strip().replace("T", " ")[:19])
	except Exception:
		return default
	return moment or default


def refusal(errors: list[dict], total: int) -> str:
	lines = [
		_("Row {0}: {1}").format(error["row"], message)
		for error in errors[:MESSAGE_ROWS]
		for message in error["messages"]
	]
	if len(errors) > MESSAGE_ROWS:
		lines.append(_("… and {0} more rows with problems.").format(len(errors) - MESSAGE_ROWS))
	return (
		_(
			"Nothing was imported: {0} of {1} rows have problems. Correct them, or import the valid rows only."
		).format(len(errors), total)
		+ "<br>"
		+ "<br>".join(lines)
	)


def rejected_file(survey: str, table, errors: list[dict]) -> str:
	"""The rejected rows as they were, with their problems in a last column: a private file of the
	survey."""
	buffer = io.StringIO()
	writer = csv.writer(buffer, lineterminator="\n")
	writer.writerow([*table.headers, _("Problems")])
	for error in errors:
		writer.writerow(
			[*table.rows[error["row"] - 2], "; ".join(frappe.utils.strip_html(m) for m in error["messages"])]
		)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{survey}-phieu-bi-tu-choi.csv",
			"content": buffer.getvalue().encode("utf-8-sig"),
			"is_private": 1,
			"attached_to_doctype": "Opinion Survey",
			"attached_to_name": survey,
		}
	).insert(ignore_permissions=True)
	return file.file_url


def table_message(error: RuleError, file_name: str) -> str:
	if error.code == "unknown_columns":
		return _("{0}: the columns {1} are not questions of the survey's questionnaire.").format(
			file_name, ", ".join(frappe.bold(column) for column in error.values[0])
		)
	if error.code == "duplicate_column":
		return _("{0}: the question {1} has two columns.").format(file_name, frappe.bold(error.values[0]))
	if error.code == "no_question_column":
		return _("{0}: no column is named after a question of the survey's questionnaire.").format(file_name)
	if error.code == "encoding":
		return _("{0} is not a CSV file in UTF-8.").format(file_name)
	if error.code == "workbook":
		return _("{0} is not an Excel workbook (.xlsx).").format(file_name)
	return _("{0} has no rows.").format(file_name)
