// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.ui.form.on("Opinion Synthesis", {
	refresh(frm) {
		const editable = ["Draft", "Returned"].includes(frm.doc.workflow_state);
		if (editable && !frm.is_new() && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Build Draft from Reports"), () =>
				frappe.confirm(
					__(
						"Draw the topics and the reporting figures again from the accepted reports? Concerns written by hand are replaced; assessments stay."
					),
					() => frm.call("build_draft").then(() => frm.reload_doc())
				)
			);
		}
	},
});
