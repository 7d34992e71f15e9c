# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""The opinion items of the accepted monthly reports in each of the last twelve months, one dataset per
trend, for the units the user may reach; optionally within one topic and the topics below it."""

from collections import defaultdict

import frappe
from frappe import _

from dlxh_app.dlxh_reporting.dashboard import current_period
from dlxh_app.dlxh_reporting.rules.period import format_period
from dlxh_app.dlxh_reporting.rules.synthesis import TRENDS, months_up_to
from dlxh_app.dlxh_reporting.synthesis import item_counts

MONTHS = 12


# Not wrapped in Frappe's `cache_source`: it keeps one result per chart for every user, which would show
# a unit's users the figures of the last user who loaded the chart. The query is one grouped count.
@frappe.whitelist()
def get_data(
	chart_name: str | None = None,
	chart: str | dict | None = None,
	no_cache: bool | int | str | None = None,
	filters: str | dict | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year: str | int | None = None,
	refresh: bool | int | str | None = None,
) -> dict:
	frappe.has_permission("Opinion Report", throw=True)
	filters = frappe._dict(frappe.parse_json(filters) or {})
	months = months_up_to(current_period(), MONTHS)
	items = defaultdict(int)
	for year, month, _topic, trend, number in item_counts(months[0], months[-1], topic=filters.topic):
		items[(year, month), trend] += number
	return {
		"labels": [format_period(*month) for month in months],
		"datasets": [
			{"name": _(trend), "values": [items[month, trend] for month in months]} for trend in TRENDS
		],
	}
