// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.ui.form.on("Opinion Report", {
	refresh(frm) {
		const editable = ["Draft", "Returned"].includes(frm.doc.workflow_state);
		if (editable && !frm.is_new() && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Pull Opinion Entries"), () =>
				frm.call("pull_entries").then(({ message }) => {
					frappe.show_alert({ message: __("{0} opinions added", [message]), indicator: "green" });
					frm.reload_doc();
				})
			);
		}
	},
});
