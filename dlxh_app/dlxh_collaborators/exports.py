"""Exports of personal data are logged: who exported which list, when, and how many rows.

The desk's list and report views export through `frappe.desk.reportview.export_query` (Menu > Export,
the Report Builder's export); hooks.py routes that method here (`override_whitelisted_methods`), which
runs Frappe's own export unchanged and then, for the DocTypes of `EXPORT_LOGGED_DOCTYPES`, writes a DLXH
Export Log with the rows of the file the user received."""

import csv
import io

import frappe
from frappe.desk import reportview
from frappe.utils import cint, now_datetime

from dlxh_app.consts import EXPORT_LOGGED_DOCTYPES


@frappe.whitelist()
def export_query():
	"""Frappe's export of a list (same parameters, same file), logged for the personal-data DocTypes."""
	form = frappe.local.form_dict
	doctype = form.get("doctype")
	logged = doctype in EXPORT_LOGGED_DOCTYPES
	if logged:
		# A background export (Frappe's develop branch) mails the file later, out of this request: a
		# logged list is exported here and now, so that its rows are counted and logged with it.
		form.pop("export_in_background", None)
	totals_row = cint(form.get("add_totals_row"))
	filters = form.get("selected_items") or form.get("filters")
	file_type = form.get("file_format_type")
	result = reportview.export_query()
	content = frappe.response.get("filecontent")
	if logged and content is not None:
		log_export(doctype, count_rows(content, file_type) - totals_row, file_type, filters)
	return result


def log_export(doctype: str, rows: int, file_type: str | None = None, filters=None) -> None:
	frappe.get_doc(
		{
			"doctype": "DLXH Export Log",
			"exported_doctype": doctype,
			"user": frappe.session.user,
			"export_time": now_datetime(),
			"row_count": rows,
			"file_type": file_type,
			"filters": filters if isinstance(filters, str) or filters is None else frappe.as_json(filters),
		}
	).insert(ignore_permissions=True)
	# A POST (the desk's export) is committed with the request; a GET would not be.
	request = getattr(frappe.local, "request", None)
	if request is not None and request.method == "GET":
		frappe.local.flags.commit = True


def count_rows(content: bytes, file_type: str | None) -> int:
	"""The data rows of an exported file: its rows but the header."""
	if file_type == "Excel":
		from openpyxl import load_workbook

		sheet = load_workbook(io.BytesIO(content), read_only=True).active
		rows = sum(1 for row in sheet.iter_rows(values_only=True) if any(value is not None for value in row))
	else:
		text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
		rows = sum(1 for row in csv.reader(io.StringIO(text)) if row)
	return max(rows - 1, 0)
