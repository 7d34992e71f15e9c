// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Opinion Trend by Month"] = {
	method: "dlxh_app.dlxh_reporting.dashboard_chart_source.opinion_trend_by_month.opinion_trend_by_month.get_data",
	filters: [
		{
			fieldname: "topic",
			label: __("Topic"),
			fieldtype: "Link",
			options: "Opinion Topic",
		},
	],
};
