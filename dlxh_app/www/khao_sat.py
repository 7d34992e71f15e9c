"""A survey's public page for citizens: /khao-sat/<public link key> (hooks.website_route_rules). See
dlxh_surveys/public_form.py."""

import frappe

from dlxh_app.dlxh_surveys.public_form import get_page_context

no_cache = 1


def get_context(context):
	return get_page_context(context, frappe.form_dict.get("slug"))
