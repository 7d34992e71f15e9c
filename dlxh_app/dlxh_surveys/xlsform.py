"""XLSForm import and export of Survey Questionnaires (the workbook itself: rules/xlsform.py), and the library
of ready questionnaires shipped as XLSForms in library/, loaded on install and migrate."""

from dataclasses import asdict
from pathlib import Path

import frappe
from frappe import _

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.questionnaire import choices_of, questions_of
from dlxh_app.dlxh_surveys.rules.xlsform import Form, read_xlsform, write_xlsform
from dlxh_app.uploads import read_upload

LIBRARY = Path(__file__).parent / "library"
# An XLSForm of a few hundred questions is well under a megabyte.
MAX_WORKBOOK_BYTES = 5 * 1024 * 1024


@frappe.whitelist()
def import_xlsform(file_url: str, is_library: bool = False) -> str:
	"""Make a Survey Questionnaire from an uploaded XLSForm workbook (a File the user may read): a new
	form, or the next version of the form with its form_id. Returns the questionnaire's name."""
	file, content = read_upload(
		file_url,
		MAX_WORKBOOK_BYTES,
		_("{0} is larger than {1} MB: an XLSForm workbook is far smaller."),
		title=_("Invalid XLSForm"),
	)
	return make_questionnaire(
		read_workbook(content, file.file_name), is_library=frappe.utils.cint(is_library)
	).name


@frappe.whitelist()
def export_xlsform(name: str) -> None:
	"""The questionnaire as an XLSForm workbook, downloaded as <form_id>_v<version>.xlsx."""
	doc = frappe.get_doc("Survey Questionnaire", name)
	doc.check_permission("read")
	frappe.response.filename = f"{doc.form_id}_v{doc.version}.xlsx"
	frappe.response.filecontent = questionnaire_workbook(doc)
	frappe.response.type = "download"


def questionnaire_workbook(doc) -> bytes:
	return write_xlsform(Form(doc.title, doc.form_id, questions_of(doc), choices_of(doc), str(doc.version)))


def read_workbook(content: bytes, file_name: str) -> Form:
	"""The form of a workbook, refused in the user's language with what ODK's pyxform said."""
	try:
		return read_xlsform(content)
	except RuleError as error:
		frappe.throw(workbook_message(error, file_name), title=_("Invalid XLSForm"))


def workbook_message(error: RuleError, file_name: str) -> str:
	if error.code == "pyxform":
		return _("{0} is not a valid XLSForm. ODK's pyxform says: {1}").format(file_name, error.values[0])
	if error.code == "type_unsupported":
		return _(
			"{0}, sheet survey, row {1}: the question type {2} is not one the app asks (select_one, select_multiple, integer, decimal, text, date, note, begin_group, end_group)."
		).format(file_name, *error.values)
	if error.code == "demographic_unknown":
		return _(
			"{0}, sheet survey, row {1}: dlxh_demographic {2} is not one of Area, Gender, Age Group, Occupation, Social Stratum, Ethnicity, Religion."
		).format(file_name, *error.values)
	if error.code == "form_id_missing":
		return _("{0}: the settings sheet has no form_id, which names the form and its versions.").format(
			file_name
		)
	return _("{0} is not an Excel workbook (.xlsx) with the sheets survey, choices and settings.").format(
		file_name
	)


def make_questionnaire(form: Form, is_library: int = 0, kind: str | None = None, ignore_permissions=False):
	"""Insert the form as the next version of its form_id (the questionnaire's own checks apply). The rows'
	fields are the rules' names for them."""
	doc = frappe.get_doc(
		{
			"doctype": "Survey Questionnaire",
			"title": form.title,
			"form_id": form.form_id,
			"kind": kind,
			"is_library": is_library,
			"questions": [asdict(question) for question in form.questions],
			"choices": [asdict(choice) for choice in form.choices],
		}
	)
	return doc.insert(ignore_permissions=ignore_permissions)


# The library's workbooks and the kind of survey each serves.
LIBRARY_KINDS = {
	"hai_long_chinh_sach.xlsx": "Policy Satisfaction",
	"nhan_thuc_nghi_quyet.xlsx": "Resolution Awareness",
	"truoc_sau_sap_xep_xa_phuong.xlsx": "Before and After",
}


def make_library_questionnaires():
	"""The ready questionnaires (library/*.xlsx), each once: a form the site has in any version is left as its
	users made it."""
	for file_name, kind in LIBRARY_KINDS.items():
		form = read_xlsform((LIBRARY / file_name).read_bytes())
		if not frappe.db.exists("Survey Questionnaire", {"form_id": form.form_id}):
			make_questionnaire(form, is_library=1, kind=kind, ignore_permissions=True)
