// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.ui.form.on("Report Request", {
	refresh(frm) {
		// Who has answered: the server fills __onload.responses once the request is issued.
		const responses = (frm.doc.__onload || {}).responses;
		if (!responses) return;
		const missing = responses
			.filter((row) => !row.answered)
			.map((row) => frappe.utils.escape_html(row.unit));
		frm.dashboard.add_comment(
			missing.length
				? __("{0} of {1} units have answered. Not yet: {2}", [
						responses.length - missing.length,
						responses.length,
						missing.join(", "),
				  ])
				: __("All {0} units have answered.", [responses.length]),
			missing.length ? "orange" : "green",
			true
		);
	},
});
