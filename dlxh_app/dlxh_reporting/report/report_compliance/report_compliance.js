// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

const dlxh_current_period = (month) => {
	const today = new Date();
	return `${today.getFullYear()}-${String(month || today.getMonth() + 1).padStart(2, "0")}`;
};

frappe.query_reports["Report Compliance"] = {
	filters: [
		{
			fieldname: "from_period",
			label: __("From Period"),
			fieldtype: "Data",
			description: __("Month written as YYYY-MM, e.g. 2025-01"),
			default: dlxh_current_period(1),
			reqd: 1,
		},
		{
			fieldname: "to_period",
			label: __("To Period"),
			fieldtype: "Data",
			description: __("Month written as YYYY-MM, e.g. 2025-01"),
			default: dlxh_current_period(),
			reqd: 1,
		},
		{
			fieldname: "unit",
			label: __("Unit"),
			fieldtype: "Link",
			options: "DLXH Unit",
			description: __("This unit and the units below it"),
		},
	],
};
