# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""Questionnaires as their users make them: typed in, checked, versioned and frozen once answered, imported
from and exported to XLSForm over HTTP, and the library that ships with the app."""

import json
from dataclasses import replace
from io import BytesIO

import frappe
from frappe.utils.password import update_password
from openpyxl import load_workbook

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.questionnaire import get_form
from dlxh_app.dlxh_surveys.rules.xlsform import read_xlsform, write_xlsform
from dlxh_app.dlxh_surveys.xlsform import LIBRARY, LIBRARY_KINDS
from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.surveys import (
	CITY_OFFICER,
	COLLABORATOR,
	ENUMERATOR,
	FORM,
	OFFICER,
	SurveyTestCase,
)
from dlxh_app.tests.test_rules_xlsform import workbook
from dlxh_app.tests.utils import as_user, in_language, insert_as, make_user, rest_session

PASSWORD = "Ks-Test-Pass-2026!"
QUESTIONNAIRE_FIELDS = ("title", "form_id", "kind")
ROW_FIELDS = {
	"questions": (
		"question_type",
		"code",
		"label",
		"hint",
		"choice_list",
		"required",
		"relevant",
		"constraint",
		"constraint_message",
		"demographic",
	),
	"choices": ("list_name", "value", "label"),
}


def content_of(name: str) -> dict:
	"""What a questionnaire asks: its rows' fields in order."""
	doc = frappe.get_doc("Survey Questionnaire", name)
	return {
		table: [tuple(row.get(field) for field in fields) for row in doc.get(table)]
		for table, fields in ROW_FIELDS.items()
	}


def questionnaire(**values) -> dict:
	return {
		"doctype": "Survey Questionnaire",
		"title": "Phiếu thử",
		"form_id": "phieu_thu",
		"questions": [
			{"question_type": "Select One", "code": "gioi_tinh", "label": "Giới tính", "choice_list": "gt"},
			{"question_type": "Integer", "code": "tuoi", "label": "Tuổi", "constraint": ". >= 16"},
		],
		"choices": [
			{"list_name": "gt", "value": "nam", "label": "Nam"},
			{"list_name": "gt", "value": "nu", "label": "Nữ"},
		],
	} | values


class TestQuestionnaire(SurveyTestCase):
	def test_versions_follow_each_other(self):
		first = insert_as(OFFICER, questionnaire())
		self.assertEqual((first.name, first.version, first.previous_version), ("phieu_thu v1", 1, None))
		second = as_user(OFFICER, first.make_new_version)
		second = frappe.get_doc("Survey Questionnaire", second)
		self.assertEqual(
			(second.name, second.version, second.previous_version), ("phieu_thu v2", 2, first.name)
		)
		self.assertEqual(content_of(second.name), content_of(first.name))

	def test_a_frozen_version_refuses_every_change(self):
		first = insert_as(OFFICER, questionnaire())
		# What the collection side does when the first response is stored.
		first.db_set("frozen", 1)
		frappe.set_user(OFFICER)
		doc = frappe.get_doc("Survey Questionnaire", first.name)
		doc.questions[1].label = "Năm sinh"
		self.assertRefused(doc.save, "frozen", "Make New Version")
		doc.reload()
		doc.title = "Tên khác"
		self.assertRefused(doc.save, "frozen")
		# Not even the city, which may delete questionnaires.
		self.assertRefused(
			lambda: as_user(CITY_OFFICER, frappe.delete_doc, "Survey Questionnaire", first.name), "frozen"
		)
		new = frappe.get_doc("Survey Questionnaire", doc.make_new_version())
		self.assertEqual((new.version, new.frozen), (2, 0))
		new.questions[1].label = "Năm sinh"
		new.save()
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Survey Question", {"parent": first.name, "code": "tuoi"}, "label"), "Tuổi"
		)

	def test_server_owned_fields_are_not_taken_from_the_user(self):
		doc = insert_as(OFFICER, questionnaire(version=7, frozen=1, previous_version="ks_thu v1"))
		self.assertEqual(
			(doc.name, doc.version, doc.frozen, doc.previous_version), ("phieu_thu v1", 1, 0, None)
		)

	def test_bad_structure_is_refused_naming_the_field_in_vietnamese(self):
		cases = (
			(
				{"questions": [{"question_type": "Text", "code": "tuổi", "label": "Tuổi"}], "choices": []},
				("Mã câu hỏi", "dòng câu hỏi 1", "tuổi"),
			),
			(
				{
					"questions": [
						*questionnaire()["questions"],
						{"question_type": "Text", "code": "tuoi", "label": "X"},
					]
				},
				("Mã câu hỏi", "dòng 2"),
			),
			(
				{
					"questions": [
						{"question_type": "Select One", "code": "a", "label": "A", "choice_list": "khong_co"}
					]
				},
				("Danh sách lựa chọn", "khong_co"),
			),
			(
				{"questions": [{"question_type": "Text", "code": "a", "label": "A", "relevant": "${b} = 1"}]},
				("Điều kiện hiển thị", "b"),
			),
			(
				{"questions": [{"question_type": "Text", "code": "a", "label": "A", "constraint": ". >="}]},
				("Ràng buộc", ". >="),
			),
			(
				{"questions": [{"question_type": "Begin Group", "code": "nhom", "label": "Nhóm"}]},
				("Loại câu hỏi", "nhom"),
			),
			(
				{
					"questions": [
						{"question_type": "Text", "code": "a", "label": "A", "demographic": "Occupation"}
					]
				},
				("Nhân khẩu học",),
			),
			(
				{"choices": [{"list_name": "gt", "value": "nam", "label": "Nam"}] * 2},
				("Giá trị", "nam", "gt"),
			),
			({"form_id": "phiếu"}, ("Mã biểu mẫu",)),
		)
		with in_language("vi"):
			for values, words in cases:
				with self.subTest(values=values):
					self.assertRefused(
						lambda values=values: insert_as(OFFICER, questionnaire(**values)), *words
					)
		self.assertFalse(frappe.db.exists("Survey Questionnaire", {"form_id": "phieu_thu"}))

	def test_form_checks_answers(self):
		form = get_form(self.records["questionnaire"])
		self.assertEqual(form.columns, ("khu_vuc", "gioi_tinh", "tuoi", "hai_long", "ly_do", "kien_nghi"))
		answers = form.check_answers({"khu_vuc": "an_hoa", "gioi_tinh": "nu", "tuoi": "40", "hai_long": "2"})
		self.assertEqual(answers["hai_long"], "2")
		doc = frappe.get_doc("Survey Questionnaire", self.records["questionnaire"])
		doc.questions[2].constraint = ". >= 18"
		doc.save()
		# The cached form follows the questionnaire's change.
		with self.assertRaises(RuleError) as refused:
			get_form(doc.name).check_answers(
				{"khu_vuc": "an_hoa", "gioi_tinh": "nu", "tuoi": "17", "hai_long": "4"}
			)
		self.assertEqual(refused.exception.code, "constraint")

	def test_who_reads_and_writes(self):
		name = self.records["questionnaire"]
		self.assertTrue(frappe.has_permission("Survey Questionnaire", "read", name, user=ENUMERATOR))
		self.assertFalse(frappe.has_permission("Survey Questionnaire", "write", name, user=ENUMERATOR))
		self.assertFalse(frappe.has_permission("Survey Questionnaire", "read", name, user=COLLABORATOR))
		self.assertTrue(frappe.has_permission("Survey Questionnaire", "write", name, user=OFFICER))


class TestLibrary(SurveyTestCase):
	def test_the_library_is_installed(self):
		for file_name, kind in LIBRARY_KINDS.items():
			form = read_xlsform((LIBRARY / file_name).read_bytes())
			with self.subTest(form=form.form_id):
				doc = frappe.get_doc("Survey Questionnaire", f"{form.form_id} v1")
				self.assertEqual((doc.is_library, doc.kind, doc.title), (1, kind, form.title))
				demographics = {row.demographic for row in doc.questions if row.demographic}
				self.assertLessEqual(
					{"Area", "Gender", "Age Group", "Occupation", "Ethnicity", "Religion"}, demographics
				)
				# Written for respondents: every question in Vietnamese.
				self.assertTrue(all(row.label for row in doc.questions if row.question_type != "End Group"))

	def test_migrate_leaves_a_library_form_as_its_users_made_it(self):
		from dlxh_app.setup.install import after_migrate

		name = "hai_long_chinh_sach v1"
		frappe.db.set_value("Survey Questionnaire", name, "title", "Phiếu đã sửa")
		after_migrate()
		self.assertEqual(frappe.db.get_value("Survey Questionnaire", name, "title"), "Phiếu đã sửa")
		self.assertEqual(frappe.db.count("Survey Questionnaire", {"form_id": "hai_long_chinh_sach"}), 1)


HTTP_OFFICER = "ks.http.officer@test.local"
HTTP_COLLABORATOR = "ks.http.collaborator@test.local"
HTTP_FORM = replace(FORM, form_id="ks_http")


class TestXLSFormOverHTTP(IntegrationTestCase):
	"""An officer uploads an XLSForm and imports it, exports the questionnaire and imports the export back.
	Over HTTP, on the server's own connection: what the test makes is committed, and removed after it."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(HTTP_OFFICER, ["DLXH Unit Officer"])
		make_user(HTTP_COLLABORATOR, ["DLXH Collaborator"])
		for user in (HTTP_OFFICER, HTTP_COLLABORATOR):
			update_password(user, PASSWORD)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		names = frappe.get_all(
			"Survey Questionnaire", {"form_id": ["in", ["ks_http", "phieu_http"]]}, pluck="name"
		)
		for table in ("Survey Question", "Survey Choice"):
			frappe.db.delete(table, {"parent": ["in", names]})
		frappe.db.delete("Survey Questionnaire", {"name": ["in", names]})
		for file in frappe.get_all("File", {"file_name": ["like", "ks-%.xlsx"]}, pluck="name"):
			frappe.delete_doc("File", file, force=True, ignore_permissions=True, delete_permanently=True)
		for user in (HTTP_OFFICER, HTTP_COLLABORATOR):
			frappe.delete_doc("User", user, force=True, ignore_missing=True, delete_permanently=True)
		frappe.db.commit()
		super().tearDownClass()

	def session(self, user, steps):
		try:
			return rest_session(user, PASSWORD, steps)
		finally:
			frappe.db.rollback()

	@staticmethod
	def upload(client, file_name: str, content: bytes) -> str:
		response = client.post(
			"/api/method/upload_file",
			data={"file": (BytesIO(content), file_name), "is_private": "1"},
			content_type="multipart/form-data",
		)
		assert response.status_code == 200, response.get_data(as_text=True)[:300]
		return response.json["message"]["file_url"]

	@staticmethod
	def import_file(client, file_url: str):
		return client.post(
			"/api/method/dlxh_app.dlxh_surveys.xlsform.import_xlsform", data={"file_url": file_url}
		)

	def test_import_export_import_gives_the_same_questionnaire(self):
		def steps(client):
			first = self.import_file(client, self.upload(client, "ks-http.xlsx", write_xlsform(HTTP_FORM)))
			assert first.status_code == 200, first.get_data(as_text=True)[:300]
			export = client.get(
				"/api/method/dlxh_app.dlxh_surveys.xlsform.export_xlsform",
				query_string={"name": first.json["message"]},
			)
			assert export.status_code == 200, export.get_data(as_text=True)[:300]
			second = self.import_file(client, self.upload(client, "ks-export.xlsx", export.get_data()))
			return first.json["message"], export, second

		first, export, second = self.session(HTTP_OFFICER, steps)
		self.assertEqual(first, "ks_http v1")
		self.assertIn("ks_http_v1.xlsx", export.headers["Content-Disposition"])
		self.assertEqual(
			load_workbook(BytesIO(export.get_data())).sheetnames, ["survey", "choices", "settings"]
		)
		self.assertEqual(second.status_code, 200, second.get_data(as_text=True)[:300])
		self.assertEqual(second.json["message"], "ks_http v2")
		self.assertEqual(content_of("ks_http v2"), content_of("ks_http v1"))
		self.assertEqual(frappe.db.get_value("Survey Questionnaire", "ks_http v2", "previous_version"), first)
		self.assertEqual(read_xlsform(export.get_data()).questions, HTTP_FORM.questions)

	def test_a_form_odk_refuses_is_refused_with_its_message_and_nothing_is_saved(self):
		content = workbook(
			[["type", "name", "label::Vietnamese (vi)"], ["select_one khong_co", "a", "Câu A"]],
			[["list_name", "name", "label::Vietnamese (vi)"], ["co_khong", "co", "Có"]],
			[["form_id"], ["phieu_http"]],
		)

		def steps(client):
			return self.import_file(client, self.upload(client, "ks-sai.xlsx", content))

		response = self.session(HTTP_OFFICER, steps)
		self.assertEqual(response.status_code, 417)
		messages = " ".join(
			json.loads(message)["message"] for message in json.loads(response.json["_server_messages"])
		)
		self.assertIn("pyxform", messages)
		self.assertIn("khong_co", messages)
		self.assertFalse(frappe.db.exists("Survey Questionnaire", {"form_id": "phieu_http"}))

	def test_collaborators_neither_import_nor_export(self):
		def steps(client):
			export = client.get(
				"/api/method/dlxh_app.dlxh_surveys.xlsform.export_xlsform",
				query_string={"name": "hai_long_chinh_sach v1"},
			)
			upload = client.post(
				"/api/method/upload_file",
				data={"file": (BytesIO(write_xlsform(HTTP_FORM)), "ks-collaborator.xlsx"), "is_private": "1"},
				content_type="multipart/form-data",
			)
			imported = (
				self.import_file(client, upload.json["message"]["file_url"])
				if upload.status_code == 200
				else upload
			)
			return export, imported

		export, imported = self.session(HTTP_COLLABORATOR, steps)
		self.assertEqual(export.status_code, 403)
		self.assertEqual(imported.status_code, 403)
		self.assertFalse(frappe.db.exists("Survey Questionnaire", {"form_id": "ks_http"}))
