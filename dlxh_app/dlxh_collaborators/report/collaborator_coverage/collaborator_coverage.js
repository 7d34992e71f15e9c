// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.query_reports["Collaborator Coverage"] = {
	filters: [
		{
			fieldname: "unit",
			label: __("Unit"),
			fieldtype: "Link",
			options: "DLXH Unit",
			description: __("The unit and the units below it; empty for every unit you may see"),
		},
		{
			fieldname: "only_gaps",
			label: __("Only Units with Gaps"),
			fieldtype: "Check",
		},
	],
	onload(report) {
		// The printed list of the chosen unit's collaborators (print format "Collaborator List").
		report.page.add_inner_button(__("Print Collaborator List"), () => {
			const unit = report.get_filter_value("unit");
			if (!unit) {
				frappe.msgprint(__("Choose a unit to print its collaborator list."));
				return;
			}
			const query = new URLSearchParams({
				doctype: "DLXH Unit",
				name: unit,
				format: "Collaborator List",
				no_letterhead: 1,
			});
			window.open(`/printview?${query}`);
		});
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.has_gaps && ["unit", "actual"].includes(column.fieldname)) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
