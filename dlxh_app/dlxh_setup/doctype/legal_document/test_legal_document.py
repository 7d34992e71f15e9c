# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe.utils import add_days, today

from dlxh_app.tests.base import IntegrationTestCase


def make_legal_document(**values):
	doc = frappe.get_doc(
		{
			"doctype": "Legal Document",
			"document_number": "999-HD/THU",
			"document_type": "Guidance",
			"issue_date": "2025-01-09",
			"issuing_body": "Ban Tuyên giáo Trung ương",
			"summary": "Hướng dẫn công tác dư luận xã hội năm 2025",
		}
		| values
	)
	return doc.insert()


class TestLegalDocument(IntegrationTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_insert_and_read_back(self):
		make_legal_document(document_number="  999-HD/THU ")
		saved = frappe.get_doc("Legal Document", "999-HD/THU")
		self.assertEqual(saved.summary, "Hướng dẫn công tác dư luận xã hội năm 2025")
		self.assertEqual(str(saved.issue_date), "2025-01-09")
		self.assertEqual(saved.is_active, 1)

	def test_future_issue_date_is_refused_naming_the_field(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			make_legal_document(issue_date=add_days(today(), 3))
		self.assertIn("Issue Date", str(caught.exception))
		self.assertFalse(frappe.db.exists("Legal Document", "999-HD/THU"))

	def test_missing_mandatory_field_is_refused(self):
		with self.assertRaises(frappe.MandatoryError) as caught:
			make_legal_document(summary=None)
		self.assertIn("summary", str(caught.exception))

	def test_user_without_role_is_denied(self):
		doc = make_legal_document()
		user = make_user_without_roles("no-role@example.com")
		self.assertFalse(frappe.has_permission("Legal Document", "read", doc=doc, user=user))
		frappe.set_user(user)
		try:
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Legal Document", doc.name).check_permission("read")
			with self.assertRaises(frappe.PermissionError):
				frappe.get_list("Legal Document")
		finally:
			frappe.set_user("Administrator")

	def test_print_view_renders_the_document(self):
		doc = make_legal_document()
		html = frappe.get_print("Legal Document", doc.name)
		self.assertIn("999-HD/THU", html)
		self.assertIn("09/01/2025", html)
		self.assertIn("Hướng dẫn công tác dư luận xã hội năm 2025", html)

	def test_pdf_is_generated(self):
		doc = make_legal_document()
		pdf = frappe.get_print("Legal Document", doc.name, as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))


def make_user_without_roles(email):
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": "No Role", "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	return email
