// Copyright (c) 2026, dlxh_app contributors
// License: MIT. See license.txt

frappe.listview_settings["Survey Questionnaire"] = {
	onload(listview) {
		if (!frappe.model.can_create("Survey Questionnaire")) {
			return;
		}
		// An XLSForm workbook (.xlsx) becomes a new questionnaire, or the next version of its form_id.
		listview.page.add_inner_button(__("Import XLSForm"), () => {
			new frappe.ui.FileUploader({
				restrictions: { allowed_file_types: [".xlsx"] },
				make_attachments_public: false,
				on_success(file) {
					frappe
						.call("dlxh_app.dlxh_surveys.xlsform.import_xlsform", { file_url: file.file_url })
						.then(({ message }) => frappe.set_route("Form", "Survey Questionnaire", message));
				},
			});
		});
	},
};
