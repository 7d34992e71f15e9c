"""Import of an existing list of collaborators from an Excel workbook: a template with the columns, each
row checked as the form checks it (the same person twice in the file or already registered, a child, a
term ending before it starts…), a report of every row's errors, and nothing imported unless every row is
right."""

import io

import frappe
from frappe import _
from frappe.utils import strip_html_tags

from dlxh_app.dlxh_collaborators.rules.importing import (
	column_map,
	parse_check,
	parse_date,
	parse_int,
	parse_option,
)
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.uploads import read_upload

DOCTYPE = "DLXH Collaborator"
# The template's columns, in order; a workbook may leave out any but the required ones, in any order.
COLUMNS = (
	"full_name",
	"gender",
	"birth_year",
	"ethnicity",
	"religion",
	"party_member",
	"education_level",
	"political_theory_level",
	"occupation",
	"social_stratum",
	"sector",
	"organisation_type",
	"organisation",
	"managing_unit",
	"residential_area",
	"phone",
	"email",
	"address",
	"decision_number",
	"decision_date",
	"decision_issuer",
	"term_start",
	"term_end",
)
# A list of a few thousand people is far below this.
MAX_WORKBOOK_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
SAVEPOINT = "dlxh_collaborator_import"


@frappe.whitelist()
def download_template() -> None:
	"""The workbook to fill in: one column per field, headed by its label in the user's language, with one
	example row."""
	frappe.has_permission(DOCTYPE, "create", throw=True)
	from openpyxl import Workbook

	meta = frappe.get_meta(DOCTYPE)
	workbook = Workbook()
	sheet = workbook.active
	sheet.title = _("Collaborators")[:31]
	sheet.append([_(meta.get_label(fieldname)) for fieldname in COLUMNS])
	example = {
		"full_name": "Nguyễn Văn An",
		"gender": _("Male"),
		"birth_year": 1980,
		"ethnicity": "Kinh",
		"party_member": "x",
		"social_stratum": _("Workers"),
		"sector": _("Economy"),
		"residential_area": "Đảng ủy phường Ninh Kiều",
		"decision_date": "15/07/2025",
		"term_start": "15/07/2025",
	}
	sheet.append([example.get(fieldname, "") for fieldname in COLUMNS])
	content = io.BytesIO()
	workbook.save(content)
	frappe.response.filename = f"{_('Collaborators')}.xlsx"
	frappe.response.filecontent = content.getvalue()
	frappe.response.type = "download"


@frappe.whitelist()
def import_collaborators(file_url: str) -> dict:
	"""Register the collaborators of an uploaded workbook (a File the user may read), as the user: all of
	them, or none when any row is wrong. Returns the names made, or every row's errors (Excel's row
	numbers) and nothing made."""
	frappe.has_permission(DOCTYPE, "create", throw=True)
	file, content = read_upload(
		file_url, MAX_WORKBOOK_BYTES, _("{0} is larger than {1} MB: a list of collaborators is far smaller.")
	)
	rows = read_rows(content, file.file_name)
	errors, names = [], []
	frappe.db.savepoint(SAVEPOINT)
	for number, values, problems in rows:
		if problems:
			errors.append({"row": number, "errors": problems})
			continue
		try:
			names.append(frappe.get_doc({"doctype": DOCTYPE, **values}).insert().name)
		except (frappe.ValidationError, frappe.PermissionError, frappe.DuplicateEntryError) as error:
			errors.append({"row": number, "errors": [strip_html_tags(str(error))]})
		finally:
			frappe.clear_messages()
	if errors:
		frappe.db.rollback(save_point=SAVEPOINT)
		return {"imported": [], "errors": errors}
	return {"imported": names, "errors": []}


def read_rows(content: bytes, file_name: str) -> list[tuple[int, dict, list[str]]]:
	"""(Excel row number, values, problems) of every row that is not blank."""
	from openpyxl import load_workbook

	try:
		sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
	except Exception:
		frappe.throw(_("{0} is not an Excel workbook (.xlsx).").format(file_name))
	meta = frappe.get_meta(DOCTYPE)
	rows = sheet.iter_rows(values_only=True)
	headers = list(next(rows, ()))
	headings = {}
	for fieldname in COLUMNS:
		for heading in (fieldname, meta.get_label(fieldname), _(meta.get_label(fieldname))):
			headings[heading] = fieldname
	try:
		columns = column_map(headers, headings)
	except RuleError as error:
		frappe.throw(_("Column {0} appears twice.").format(error.values[0]))
	missing = [
		_(meta.get_label(fieldname))
		for fieldname in COLUMNS
		if meta.get_field(fieldname).reqd
		and fieldname not in columns.values()
		and fieldname != "managing_unit"
	]
	if missing:
		frappe.throw(_("The workbook has no column {0}.").format(", ".join(missing)))
	result = []
	for number, cells in enumerate(rows, start=2):
		if len(result) >= MAX_ROWS:
			frappe.throw(_("The workbook has more than {0} rows; import it in parts.").format(MAX_ROWS))
		if not any(cell not in (None, "") for cell in cells):
			continue
		values, problems = {}, []
		for index, fieldname in columns.items():
			cell = cells[index] if index < len(cells) else None
			try:
				values[fieldname] = read_cell(meta.get_field(fieldname), cell)
			except RuleError:
				problems.append(
					_("{0}: {1} cannot be read.").format(_(meta.get_label(fieldname)), frappe.bold(str(cell)))
				)
		result.append(
			(number, {key: value for key, value in values.items() if value not in (None, "")}, problems)
		)
	return result


def read_cell(df, value):
	if df.fieldtype == "Select":
		options = [option for option in (df.options or "").split("\n") if option]
		return parse_option(
			value, {option: option for option in options} | {_(option): option for option in options}
		)
	if df.fieldtype == "Check":
		return parse_check(value)
	if df.fieldtype == "Int":
		return parse_int(value)
	if df.fieldtype == "Date":
		return parse_date(value)
	return str(value).strip() if value is not None else None
