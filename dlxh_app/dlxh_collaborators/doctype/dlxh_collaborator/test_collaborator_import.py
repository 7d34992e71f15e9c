import io

import frappe
from openpyxl import Workbook, load_workbook

from dlxh_app.dlxh_collaborators import importer
from dlxh_app.tests.collaborators import (
	SIBLING_OFFICER,
	WARD,
	WARD_OFFICER,
	YEAR,
	CollaboratorTestCase,
)
from dlxh_app.tests.utils import as_user, in_language

HEADERS = ["STT", "Họ và tên", "Giới tính", "Năm sinh", "Đảng viên", "Giai tầng xã hội", "Lĩnh vực"]
HEADERS += ["Địa bàn cư trú", "Bắt đầu nhiệm kỳ", "Số, ký hiệu quyết định"]


def workbook(*rows) -> bytes:
	book = Workbook()
	book.active.append(HEADERS)
	for row in rows:
		book.active.append(list(row))
	content = io.BytesIO()
	book.save(content)
	return content.getvalue()


class TestCollaboratorImport(CollaboratorTestCase):
	def upload(self, user, content: bytes) -> str:
		def save():
			return frappe.get_doc(
				{"doctype": "File", "file_name": "danh-sach-ctv.xlsx", "content": content, "is_private": 1}
			).insert()

		return as_user(user, save).file_url

	def import_as(self, user, content: bytes) -> dict:
		file_url = self.upload(user, content)
		with in_language("vi"):
			return as_user(user, importer.import_collaborators, file_url)

	def test_a_good_list_is_imported_whole(self):
		result = self.import_as(
			WARD_OFFICER,
			workbook(
				(
					1,
					"Phạm Thị Hoa",
					"Nữ",
					YEAR - 40,
					"x",
					"Trí thức",
					"Giáo dục",
					WARD,
					"15/07/2025",
					"21-QĐ/ĐU",
				),
				(
					2,
					"Lâm Văn Bảy",
					"nam",
					YEAR - 62,
					"",
					"Cựu chiến binh",
					"Quốc phòng, an ninh",
					WARD,
					"15/07/2025",
					"",
				),
			),
		)
		self.assertEqual(result["errors"], [])
		self.assertEqual(len(result["imported"]), 2)
		first = frappe.get_doc("DLXH Collaborator", result["imported"][0])
		self.assertEqual(
			(
				first.gender,
				first.party_member,
				first.social_stratum,
				first.sector,
				first.managing_unit,
				str(first.term_start),
			),
			("Female", 1, "Intellectuals", "Education", WARD, "2025-07-15"),
		)
		second = frappe.get_doc("DLXH Collaborator", result["imported"][1])
		self.assertEqual((second.gender, second.social_stratum, second.party_member), ("Male", "Veterans", 0))

	def test_a_list_with_errors_imports_nothing_and_says_why_row_by_row(self):
		result = self.import_as(
			WARD_OFFICER,
			workbook(
				(1, "Phạm Thị Hoa", "Nữ", YEAR - 40, "x", "Trí thức", "Giáo dục", WARD, "15/07/2025"),
				(2, "Bé Tí", "Nữ", YEAR - 10, "", "Trí thức", "Giáo dục", WARD, "15/07/2025"),
				# Row 2 again, typed without accents.
				(3, "pham thi hoa", "nu", YEAR - 40, "", "Tri thuc", "Giao duc", WARD, "15/07/2025"),
				(4, "Lê Văn Ngày", "Nam", YEAR - 30, "", "Công nhân", "Kinh tế", WARD, "31/02/2025"),
				(5, "Lê Văn Tầng", "Nam", YEAR - 30, "", "Thợ lặn", "Kinh tế", WARD, "15/07/2025"),
			),
		)
		self.assertEqual(result["imported"], [])
		self.assertEqual([error["row"] for error in result["errors"]], [3, 4, 5, 6])
		messages = {error["row"]: " ".join(error["errors"]) for error in result["errors"]}
		self.assertIn("Năm sinh", messages[3])
		self.assertIn("đã có trong danh sách", messages[4])
		self.assertIn("Bắt đầu nhiệm kỳ", messages[5])
		self.assertIn("Giai tầng xã hội", messages[6])
		self.assertFalse(frappe.db.exists("DLXH Collaborator", {"full_name": "Phạm Thị Hoa"}))

	def test_another_units_list_is_refused(self):
		result = self.import_as(
			SIBLING_OFFICER,
			workbook((1, "Phạm Thị Hoa", "Nữ", YEAR - 40, "x", "Trí thức", "Giáo dục", WARD, "15/07/2025")),
		)
		# The sibling's own unit: the ward is not one of its communes or wards.
		self.assertEqual([error["row"] for error in result["errors"]], [2])
		self.assertFalse(frappe.db.exists("DLXH Collaborator", {"full_name": "Phạm Thị Hoa"}))
		file_url = self.upload(WARD_OFFICER, workbook())
		with self.assertRaises(frappe.PermissionError):
			as_user(SIBLING_OFFICER, importer.import_collaborators, file_url)

	def test_template(self):
		def download():
			frappe.local.response = frappe._dict()
			with in_language("vi"):
				importer.download_template()
			return frappe.local.response

		response = as_user(WARD_OFFICER, download)
		sheet = load_workbook(io.BytesIO(response.filecontent)).active
		headers = [cell.value for cell in sheet[1]]
		self.assertEqual(headers[:3], ["Họ và tên", "Giới tính", "Năm sinh"])
		self.assertIn("Địa bàn cư trú", headers)
