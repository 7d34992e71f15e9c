"""The thank-you page after a response on a survey's public page: /khao-sat/<public link key>/cam-on."""

import frappe

from dlxh_app.dlxh_surveys.public_form import get_thanks_context

no_cache = 1


def get_context(context):
	return get_thanks_context(context, frappe.form_dict.get("slug"))
