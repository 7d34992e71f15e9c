// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.query_reports["DLXH Plan Progress"] = {
	filters: [
		{
			fieldname: "plan_year",
			label: __("Plan Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
		},
		{
			fieldname: "issuing_unit",
			label: __("Issuing Unit"),
			fieldtype: "Link",
			options: "DLXH Unit",
		},
		{
			fieldname: "include_units_below",
			label: __("Include Units Below"),
			fieldtype: "Check",
			default: 1,
		},
	],
};
