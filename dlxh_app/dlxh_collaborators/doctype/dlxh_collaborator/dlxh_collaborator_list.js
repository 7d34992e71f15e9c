// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.listview_settings["DLXH Collaborator"] = {
	onload(listview) {
		if (!frappe.model.can_create("DLXH Collaborator")) {
			return;
		}
		listview.page.add_inner_button(
			__("Download Import Template"),
			() => {
				window.open(
					"/api/method/dlxh_app.dlxh_collaborators.importer.download_template",
					"_blank"
				);
			},
			__("Import from Excel")
		);
		// All rows are imported, or none: a list with errors comes back with every row's errors.
		listview.page.add_inner_button(
			__("Upload List"),
			() => {
				new frappe.ui.FileUploader({
					restrictions: { allowed_file_types: [".xlsx"] },
					make_attachments_public: false,
					on_success(file) {
						frappe
							.call("dlxh_app.dlxh_collaborators.importer.import_collaborators", {
								file_url: file.file_url,
							})
							.then(({ message }) => show_import_result(listview, message));
					},
				});
			},
			__("Import from Excel")
		);
	},
};

function show_import_result(listview, result) {
	if (!result.errors.length) {
		frappe.show_alert({
			message: __("{0} collaborators imported", [result.imported.length]),
			indicator: "green",
		});
		listview.refresh();
		return;
	}
	const rows = result.errors
		.map(
			(error) =>
				`<tr><td>${error.row}</td><td>${error.errors
					.map((text) => frappe.utils.escape_html(text))
					.join("<br>")}</td></tr>`
		)
		.join("");
	frappe.msgprint({
		title: __("Nothing was imported"),
		indicator: "red",
		message: `<p>${__("Correct these rows and upload the list again:")}</p>
			<table class="table table-bordered"><thead><tr><th>${__("Row")}</th><th>${__(
				"Errors"
			)}</th></tr></thead><tbody>${rows}</tbody></table>`,
	});
}
