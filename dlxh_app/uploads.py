"""Files users upload for the app to read (workbooks, tables of answers): read as the user, so that nobody
imports from a file attached to a document beyond their reach."""

import frappe

MEGABYTE = 1024 * 1024


def read_upload(
	file_url: str, max_bytes: int | None = None, too_large: str = "", title: str | None = None
) -> tuple["frappe.core.doctype.file.file.File", bytes]:
	"""The File at `file_url`, if the user may read it, and its content as bytes. Larger than `max_bytes`,
	it is refused with `too_large` (translated), formatted with the file's name and the limit in MB."""
	file = frappe.get_doc("File", {"file_url": file_url})
	file.check_permission("read")
	content = file.get_content()
	if isinstance(content, str):
		content = content.encode()
	if max_bytes and len(content) > max_bytes:
		frappe.throw(too_large.format(file.file_name, max_bytes // MEGABYTE), title=title)
	return file, content
