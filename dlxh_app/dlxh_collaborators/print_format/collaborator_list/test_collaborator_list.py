"""The list of a unit's collaborators, printed from the unit's record in the Party layout through Frappe's
print API: the collaborators of the unit and the units below it, only as far as the user may read them."""

import re

import frappe

from dlxh_app.tests.collaborators import (
	COLLABORATOR_USER,
	DISTRICT,
	DISTRICT_OFFICER,
	SIBLING_OFFICER,
	WARD,
	WARD_OFFICER,
	YEAR,
	CollaboratorTestCase,
)
from dlxh_app.tests.printing import SCRIPT, read_pdf
from dlxh_app.tests.utils import as_user

FORMAT = "Collaborator List"


def text_of(html: str) -> str:
	return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())


class TestCollaboratorList(CollaboratorTestCase):
	def print_as(self, user, unit, **kwargs):
		return as_user(user, frappe.get_print, "DLXH Unit", unit, FORMAT, **kwargs)

	def test_the_district_lists_its_own_and_its_wards(self):
		frappe.db.set_value(
			"DLXH Unit",
			DISTRICT,
			{
				"signing_authority": "T/M BAN THƯỜNG VỤ",
				"signer_title": "PHÓ BÍ THƯ",
				"signer_name": "Trần Văn Ký",
			},
		)
		frappe.db.set_value(
			"DLXH Collaborator",
			self.names["ward"],
			{"decision_number": "07-QĐ/ĐU", "decision_date": "2026-03-05", "phone": "0292 111222"},
		)
		html = self.print_as(DISTRICT_OFFICER, DISTRICT)
		text = text_of(html)
		for expected in (
			"ĐẢNG CỘNG SẢN VIỆT NAM",
			f"DANH SÁCH Cộng tác viên dư luận xã hội của {DISTRICT}",
			"Tổng số: 02 cộng tác viên đang hoạt động",
			f"1 Trần Thị Bình {YEAR - 45} Nữ",
			f"2 Nguyễn Văn An ({WARD}) {YEAR - 45} Nam {WARD} Công nhân; Kinh tế",
			"07-QĐ/ĐU, 05/03/2026 0292 111222",
			"T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ Trần Văn Ký",
		):
			self.assertIn(expected, text)
		self.assertNotIn("Lê Văn Cường", text)  # the sibling district's
		self.assertNotIn("DỰ THẢO", text)
		pdf = self.print_as(DISTRICT_OFFICER, DISTRICT, as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))
		self.assertIn("Trần Thị Bình", " ".join(page.text() for page in read_pdf(pdf)))

	def test_only_the_active_and_user_text_as_text(self):
		frappe.db.set_value("DLXH Collaborator", self.names["other_ward"], "organisation", SCRIPT)
		html = self.print_as(WARD_OFFICER, WARD)
		self.assertIn("Nguyễn Văn An", html)
		self.assertNotIn("Trần Thị Bình", html)  # managed by the district, above the ward
		frappe.db.set_value("DLXH Collaborator", self.names["ward"], "status", "Ended")
		self.assertIn("Tổng số: 0 cộng tác viên", text_of(self.print_as(WARD_OFFICER, WARD)))
		html = self.print_as(DISTRICT_OFFICER, DISTRICT)
		self.assertNotIn(SCRIPT, html)
		self.assertIn("&lt;script&gt;", html)

	def test_a_sibling_unit_prints_nothing_and_a_collaborator_is_refused(self):
		text = text_of(self.print_as(SIBLING_OFFICER, DISTRICT))
		self.assertIn("Tổng số: 0 cộng tác viên", text)
		for name in ("Nguyễn Văn An", "Trần Thị Bình"):
			self.assertNotIn(name, text)
		with self.assertRaises(frappe.PermissionError):
			self.print_as(COLLABORATOR_USER, WARD)
