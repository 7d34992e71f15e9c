// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.ui.form.on("Collaborator Evaluation", {
	refresh(frm) {
		const applicable = ["Renew term", "End term"].includes(frm.doc.recommendation);
		if (frm.is_new() || frm.doc.recommendation_applied || !applicable || !frm.perm[0]?.write) {
			return;
		}
		// Renews or ends the collaborator's term as recommended, once.
		frm.add_custom_button(__("Apply Recommendation"), () =>
			frm.call("apply_recommendation").then(() => frm.reload_doc())
		);
	},
});
