// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.ui.form.on("DLXH Plan", {
	refresh(frm) {
		// The workflow's Return action needs a reason; this asks for it and returns in one step.
		const returnable = ["Pending Approval", "Approved"].includes(frm.doc.workflow_state);
		if (returnable && !frm.is_dirty() && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Return for Revision"), () => {
				frappe.prompt(
					{
						fieldname: "reason",
						fieldtype: "Small Text",
						label: __("Return Reason"),
						reqd: 1,
					},
					({ reason }) =>
						frm.call("return_for_revision", { reason }).then(() => frm.reload_doc()),
					__("Return for Revision"),
					__("Return")
				);
			});
		}
	},
});
