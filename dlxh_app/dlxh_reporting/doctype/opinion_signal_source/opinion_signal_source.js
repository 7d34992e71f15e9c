// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.ui.form.on("Opinion Signal Source", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.enabled) return;
		frm.add_custom_button(__("Fetch Now"), () =>
			frappe
				.call("dlxh_app.dlxh_reporting.ai.signals.fetch_source", { source: frm.doc.name })
				.then((r) => frappe.show_alert({ message: r.message, indicator: "blue" }))
		);
		frm.add_custom_button(__("Signals"), () =>
			frappe.set_route("List", "Opinion Signal", { source: frm.doc.name })
		);
	},
});
