"""The surveys' figures the web app's pages ask for."""

import frappe
from frappe import _
from frappe.utils import cint


@frappe.whitelist()
def get_quota_progress(survey: str) -> dict:
	"""Each stratum's target, achieved count and responses over quota, and their totals, for a survey the
	user may read."""
	if not frappe.has_permission("Opinion Survey", "read", survey):
		raise frappe.PermissionError(_("You may not read survey {0}.").format(survey))
	strata = frappe.get_all(
		"Survey Stratum",
		filters={"parent": survey, "parenttype": "Opinion Survey", "parentfield": "strata"},
		fields=["stratum_key", "label", "target", "achieved", "over_quota"],
		order_by="idx asc",
	)
	rows = [
		{
			"stratum_key": row.stratum_key,
			"label": row.label or row.stratum_key,
			"target": cint(row.target),
			"achieved": cint(row.achieved),
			"over_quota": cint(row.over_quota),
			"percent": round(100 * cint(row.achieved) / cint(row.target), 1) if cint(row.target) else None,
		}
		for row in strata
	]
	target = sum(row["target"] for row in rows)
	achieved = sum(row["achieved"] for row in rows)
	return {
		"survey": survey,
		"strata": rows,
		"total": {
			"target": target,
			"achieved": achieved,
			"over_quota": sum(row["over_quota"] for row in rows),
			"percent": round(100 * achieved / target, 1) if target else None,
		},
		"responses": frappe.db.count("Survey Response", {"survey": survey, "is_current": 1}),
	}
