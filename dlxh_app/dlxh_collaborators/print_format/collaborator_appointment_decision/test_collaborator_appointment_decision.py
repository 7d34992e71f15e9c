"""The decision appointing a collaborator, printed in the Party layout through Frappe's print API."""

import re

import frappe

from dlxh_app.tests.collaborators import WARD, WARD_OFFICER, YEAR, CollaboratorTestCase
from dlxh_app.tests.printing import read_pdf
from dlxh_app.tests.utils import as_user

FORMAT = "Collaborator Appointment Decision"


def text_of(html: str) -> str:
	return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())


class TestAppointmentDecision(CollaboratorTestCase):
	def print_as(self, user, name):
		return as_user(user, frappe.get_print, "DLXH Collaborator", name, FORMAT)

	def test_the_decision(self):
		frappe.db.set_value(
			"DLXH Unit",
			WARD,
			{"signing_authority": "T/M BAN THƯỜNG VỤ", "signer_title": "BÍ THƯ", "signer_name": "Lê Văn Ký"},
		)
		doc = frappe.get_doc("DLXH Collaborator", self.names["ward"])
		doc.update(
			{
				"decision_number": "12-QĐ/ĐU",
				"decision_date": "2026-03-05",
				"decision_issuer": "Ban Thường vụ Đảng ủy phường An Hòa",
				"occupation": "công nhân <b>cơ khí</b>",
			}
		)
		doc.save()
		text = text_of(self.print_as(WARD_OFFICER, doc.name))
		for expected in (
			"ĐẢNG CỘNG SẢN VIỆT NAM",
			"Số 12-QĐ/ĐU",
			"ngày 05 tháng 03 năm 2026",
			"QUYẾT ĐỊNH Công nhận cộng tác viên dư luận xã hội",
			"BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG AN HÒA",
			f"Công nhận Ông Nguyễn Văn An , sinh năm {YEAR - 45}",
			f"cư trú tại {WARD}",
			"T/M BAN THƯỜNG VỤ BÍ THƯ Lê Văn Ký",
		):
			self.assertIn(expected, text)
		# User text is escaped, not markup.
		self.assertIn("&lt;b&gt;cơ khí&lt;/b&gt;", self.print_as(WARD_OFFICER, doc.name))
		self.assertNotIn("DỰ THẢO", text)
		pdf = as_user(WARD_OFFICER, frappe.get_print, "DLXH Collaborator", doc.name, FORMAT, as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))
		self.assertIn("Lê Văn Ký", " ".join(page.text() for page in read_pdf(pdf)))

	def test_without_a_number_it_is_a_draft(self):
		text = text_of(self.print_as(WARD_OFFICER, self.names["ward"]))
		self.assertIn("DỰ THẢO", text)
		self.assertIn("-QĐ/ĐU", text)
