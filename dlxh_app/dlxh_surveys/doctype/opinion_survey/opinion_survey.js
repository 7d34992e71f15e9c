// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.ui.form.on("Opinion Survey", {
	setup(frm) {
		// The plan of the survey's year; a survey before a policy pairs with one after it, and so on.
		frm.set_query("plan", () => ({ filters: { plan_year: frm.doc.survey_year, docstatus: ["<", 2] } }));
		frm.set_query("paired_survey", () => ({
			filters: {
				name: ["!=", frm.doc.name],
				docstatus: ["<", 2],
				timing: frm.doc.timing === "Before Issuance" ? "After Implementation" : "Before Issuance",
			},
		}));
	},
});
