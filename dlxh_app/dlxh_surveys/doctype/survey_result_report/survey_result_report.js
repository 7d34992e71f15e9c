// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.ui.form.on("Survey Result Report", {
	refresh(frm) {
		const editable = ["Draft", "Returned"].includes(frm.doc.workflow_state);
		if (editable && !frm.is_new() && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Draft from Analysis"), () =>
				frm.call("draft_from_analysis").then(() => {
					frappe.show_alert({
						message: __("The method was drafted again from the analysis."),
						indicator: "green",
					});
					frm.reload_doc();
				})
			);
		}
	},
});
