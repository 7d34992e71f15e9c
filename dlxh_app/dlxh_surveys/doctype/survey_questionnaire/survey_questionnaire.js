// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.ui.form.on("Survey Questionnaire", {
	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		frm.add_custom_button(__("Export XLSForm"), () => {
			window.open(
				`/api/method/dlxh_app.dlxh_surveys.xlsform.export_xlsform?name=${encodeURIComponent(frm.doc.name)}`
			);
		});
		// A frozen version (it has answers) changes only as a new version.
		if (frappe.model.can_create("Survey Questionnaire")) {
			frm.add_custom_button(__("Make New Version"), () =>
				frm.call("make_new_version").then(({ message }) =>
					frappe.set_route("Form", "Survey Questionnaire", message)
				)
			);
		}
	},
});
