"""Paper entry of a survey's forms by enumerators: /khao-sat/<public link key>/nhap-phieu, the public page's
questionnaire with the paper form's number (dlxh_surveys/public_form.py)."""

import frappe

from dlxh_app.dlxh_surveys.public_form import get_page_context

no_cache = 1


def get_context(context):
	return get_page_context(context, frappe.form_dict.get("slug"), paper=True)
