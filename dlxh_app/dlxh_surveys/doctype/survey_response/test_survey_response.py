# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""Responses stored through store_responses as every channel stores them: answers checked against the
survey's questionnaire with the problem named in Vietnamese, nothing half-saved, quotas counted and applied,
corrections as new versions, and load_answers giving one row per current response."""

import io

import frappe
from frappe.utils import add_days, now_datetime

from dlxh_app.dlxh_surveys.responses import (
	ResponsesRefused,
	SurveyClosed,
	correct_response,
	load_answers,
	store_responses,
)
from dlxh_app.tests.surveys import (
	DISTRICT,
	OFFICER,
	OTHER_WARD,
	SIBLING_OFFICER,
	WARD,
	SurveyTestCase,
	answers,
	collecting_survey,
)
from dlxh_app.tests.utils import as_user, in_language


def count(survey: str) -> int:
	return frappe.db.count("Survey Response", {"survey": survey})


def stratum(survey: str, key: str) -> dict:
	return frappe.db.get_value(
		"Survey Stratum",
		{"parent": survey, "stratum_key": key},
		["target", "achieved", "over_quota"],
		as_dict=True,
	)


class TestStoreResponses(SurveyTestCase):
	def test_valid_responses_are_stored_with_their_area_and_stratum(self):
		survey = collecting_survey(self.records).name
		result = as_user(
			OFFICER,
			store_responses,
			survey,
			[answers(), answers(khu_vuc="cai_khe", gioi_tinh="nu", hai_long="1", ly_do="Chờ lâu")],
			"Import",
		)
		self.assertEqual(len(result.stored), 2)
		rows = frappe.get_all(
			"Survey Response",
			filters={"survey": survey},
			fields=["area", "unit", "stratum_key", "channel", "entered_by", "is_current"],
			order_by="stratum_key",
		)
		self.assertEqual([row.area for row in rows], [WARD, OTHER_WARD])
		self.assertEqual([row.stratum_key for row in rows], ["an_hoa|nam", "cai_khe|nu"])
		self.assertEqual({row.unit for row in rows}, {DISTRICT})
		self.assertEqual({row.entered_by for row in rows}, {OFFICER})
		self.assertEqual(stratum(survey, "an_hoa|nam").achieved, 1)
		self.assertEqual(stratum(survey, "cai_khe|nu").achieved, 1)

	def test_the_questionnaire_answered_is_frozen(self):
		survey = collecting_survey(self.records)
		self.assertFalse(frappe.db.get_value("Survey Questionnaire", survey.questionnaire, "frozen"))
		store_responses(survey.name, [answers()], "Import")
		self.assertEqual(frappe.db.get_value("Survey Questionnaire", survey.questionnaire, "frozen"), 1)

	def test_bad_answers_are_refused_naming_the_question_in_vietnamese_and_nothing_is_saved(self):
		survey = collecting_survey(self.records).name
		cases = [
			({"cau_la": "x"}, "cau_la"),
			({"gioi_tinh": "khac"}, "gioi_tinh"),
			({"tuoi": None}, "tuoi"),
			({"tuoi": "12"}, "tuoi"),
			({"tuoi": "ba mươi"}, "tuoi"),
			({"ly_do": "Vì sao không?"}, "ly_do"),  # hidden: hai_long is 4
		]
		for change, code in cases:
			with self.subTest(code=code), in_language("vi"):
				error = self.assertRefused(
					lambda change=change: store_responses(survey, [answers(), answers(**change)], "Import"),
					code,
					"Dòng 2",
					exception=ResponsesRefused,
				)
				self.assertEqual([index for index, _messages in error.problems], [1])
		self.assertEqual(count(survey), 0)
		self.assertEqual(stratum(survey, "an_hoa|nam").achieved, 0)

	def test_valid_only_keeps_the_valid_rows_and_returns_the_others(self):
		survey = collecting_survey(self.records).name
		result = store_responses(
			survey, [answers(), answers(hai_long="9"), answers()], "Import", valid_only=True
		)
		self.assertEqual(len(result.stored), 2)
		self.assertEqual([index for index, _messages in result.rejected], [1])
		self.assertEqual(count(survey), 2)

	def test_a_survey_not_in_the_field_or_not_open_takes_nothing(self):
		survey = collecting_survey(self.records, closes_on=add_days(now_datetime(), -1)).name
		self.assertRefused(lambda: store_responses(survey, [answers()], "Online"), exception=SurveyClosed)
		# Paper and import still go on while the survey is in the field.
		store_responses(survey, [answers()], "Import")
		self.assertEqual(count(survey), 1)

	def test_paper_forms_need_a_number_used_once(self):
		survey = collecting_survey(self.records).name
		self.assertRefused(lambda: store_responses(survey, [answers()], "Paper"), exception=ResponsesRefused)
		store_responses(survey, [answers()], "Paper", form_numbers=["P-001"])
		self.assertRefused(
			lambda: store_responses(survey, [answers()], "Paper", form_numbers=["P-001"]),
			"P-001",
			exception=ResponsesRefused,
		)
		self.assertRefused(
			lambda: store_responses(survey, [answers(), answers()], "Paper", form_numbers=["P-2", "P-2"]),
			"P-2",
			exception=ResponsesRefused,
		)
		self.assertEqual(count(survey), 1)

	def test_quotas_flag_or_close_a_full_stratum(self):
		quotas = {"an_hoa|nam": 1, "an_hoa|nu": 1, "cai_khe|nam": 1, "cai_khe|nu": 1}
		strata = [{"stratum_key": key, "population": 100, "quota": quota} for key, quota in quotas.items()]
		flagged = collecting_survey(
			self.records, allocation="Fixed Quotas", strata=strata, population_size=400
		).name
		store_responses(flagged, [answers(), answers()], "Import")
		self.assertEqual(stratum(flagged, "an_hoa|nam"), {"target": 1, "achieved": 2, "over_quota": 1})
		self.assertEqual(
			frappe.get_all("Survey Response", {"survey": flagged}, pluck="over_quota", order_by="over_quota"),
			[0, 1],
		)
		closed = collecting_survey(
			self.records,
			title="Khảo sát đóng nhóm đủ chỉ tiêu",
			allocation="Fixed Quotas",
			strata=strata,
			population_size=400,
			over_quota_policy="Close Stratum",
		).name
		store_responses(closed, [answers()], "Online")
		with in_language("vi"):
			self.assertRefused(
				lambda: store_responses(closed, [answers()], "Online"), "An Hòa", exception=ResponsesRefused
			)
		self.assertEqual(stratum(closed, "an_hoa|nam").achieved, 1)
		store_responses(closed, [answers(gioi_tinh="nu")], "Online")
		self.assertEqual(count(closed), 2)

	def test_a_response_cannot_be_changed_deleted_or_created_as_a_document(self):
		survey = collecting_survey(self.records).name
		[name] = store_responses(survey, [answers()], "Import").stored
		doc = frappe.get_doc("Survey Response", name)
		doc.form_number = "X"
		self.assertRefused(doc.save, exception=frappe.PermissionError)
		self.assertRefused(
			lambda: frappe.delete_doc("Survey Response", name), exception=frappe.PermissionError
		)
		self.assertRefused(
			lambda: frappe.get_doc({"doctype": "Survey Response", "survey": survey}).insert(
				ignore_permissions=True
			)
		)

	def test_a_correction_is_a_new_version_with_who_and_why(self):
		survey = collecting_survey(self.records).name
		[first] = store_responses(survey, [answers()], "Import").stored
		second = as_user(OFFICER, correct_response, first, answers(gioi_tinh="nu"), "Nhập nhầm giới tính")
		old, new = (frappe.get_doc("Survey Response", name) for name in (first, second))
		self.assertEqual((old.is_current, old.replaced_by), (0, second))
		self.assertEqual((new.is_current, new.replaces, new.entered_by), (1, first, OFFICER))
		self.assertEqual(new.correction_reason, "Nhập nhầm giới tính")
		self.assertEqual(stratum(survey, "an_hoa|nam").achieved, 0)
		self.assertEqual(stratum(survey, "an_hoa|nu").achieved, 1)
		self.assertRefused(lambda: correct_response(first, answers(), "Lần nữa"), first)
		self.assertEqual(list(load_answers(survey)["response"]), [second])


META = ["response", "unit", "area", "channel", "submitted_at"]


class TestLoadAnswers(SurveyTestCase):
	def test_one_row_per_current_response_with_typed_columns_and_filters(self):
		survey = collecting_survey(self.records).name
		earlier = add_days(now_datetime(), -3)
		store_responses(
			survey,
			[
				answers(hai_long="2", ly_do='Phải đi lại, "chờ lâu",\nnhiều lần'),
				answers(khu_vuc="cai_khe", tuoi="61", kien_nghi="NA"),
			],
			"Import",
			submitted_at=[earlier, now_datetime()],
		)
		frame = load_answers(survey)
		self.assertEqual(
			list(frame.columns),
			[*META, "khu_vuc", "gioi_tinh", "tuoi", "hai_long", "ly_do", "kien_nghi"],
		)
		self.assertEqual(list(frame["khu_vuc"]), ["an_hoa", "cai_khe"])
		self.assertEqual(list(frame["tuoi"]), [34.0, 61.0])
		self.assertEqual(list(frame["hai_long"]), ["2", "4"])
		self.assertEqual(frame["ly_do"][0], 'Phải đi lại, "chờ lâu",\nnhiều lần')
		self.assertTrue(frame["ly_do"].isna()[1])
		self.assertEqual(frame["kien_nghi"][1], "NA")
		self.assertEqual(list(frame["area"]), [WARD, OTHER_WARD])
		self.assertEqual(list(load_answers(survey, {"area": [OTHER_WARD]})["khu_vuc"]), ["cai_khe"])
		self.assertEqual(len(load_answers(survey, {"date_from": add_days(now_datetime(), -1)})), 1)
		self.assertEqual(len(load_answers(survey, {"date_to": add_days(now_datetime(), -2)})), 1)
		self.assertEqual(len(load_answers(survey, {"unit": "Nowhere"})), 0)

	def test_no_responses_gives_the_columns(self):
		survey = collecting_survey(self.records).name
		frame = load_answers(survey)
		self.assertEqual(len(frame), 0)
		self.assertIn("hai_long", frame.columns)


class TestQuotaProgress(SurveyTestCase):
	def test_targets_and_achieved_per_stratum_and_in_total(self):
		from dlxh_app.dlxh_surveys.api import get_quota_progress

		survey = collecting_survey(self.records).name
		store_responses(survey, [answers(), answers(), answers(gioi_tinh="nu")], "Import")
		progress = as_user(OFFICER, get_quota_progress, survey)
		by_key = {row["stratum_key"]: row for row in progress["strata"]}
		self.assertEqual(by_key["an_hoa|nam"]["achieved"], 2)
		self.assertEqual(by_key["an_hoa|nu"]["achieved"], 1)
		self.assertEqual(progress["total"]["achieved"], 3)
		self.assertEqual(progress["total"]["target"], sum(row["target"] for row in progress["strata"]))
		self.assertEqual(progress["responses"], 3)
		self.assertRefused(
			lambda: as_user(SIBLING_OFFICER, get_quota_progress, survey), exception=frappe.PermissionError
		)


class TestInvitations(SurveyTestCase):
	def test_codes_are_generated_and_exported_by_the_surveys_staff(self):
		from dlxh_app.dlxh_surveys.invitations import export_invitations, generate_invitations

		survey = collecting_survey(self.records, require_token=1)
		self.assertEqual(as_user(OFFICER, generate_invitations, survey.name, 5), 5)
		tokens = frappe.get_all("Survey Invitation", {"survey": survey.name}, pluck="token")
		self.assertEqual(len(set(tokens)), 5)
		as_user(OFFICER, export_invitations, survey.name)
		exported = frappe.response["filecontent"].decode("utf-8-sig")
		for token in tokens:
			self.assertIn(f"/khao-sat/{survey.public_slug}?ma={token}", exported)
		self.assertRefused(lambda: as_user(OFFICER, generate_invitations, survey.name, 0), "5000")
		self.assertRefused(
			lambda: as_user(SIBLING_OFFICER, generate_invitations, survey.name, 1),
			exception=frappe.PermissionError,
		)


class TestImport(SurveyTestCase):
	CSV = (
		"_id,khu_vuc,gioi_tinh,tuoi,hai_long,ly_do,kien_nghi,_submission_time\n"
		"1,an_hoa,nam,34,4,,,2026-11-20T08:00:00\n"
		"2,cai_khe,Nữ,61,1,Chờ lâu,,2026-11-21T09:30:00\n"
		"3,an_hoa,khac,40,9,,,\n"
		"4,an_hoa,nu,,3,Không rõ,,\n"
	)

	def test_nothing_is_imported_unless_every_row_is_valid_with_a_row_by_row_report(self):
		from dlxh_app.dlxh_surveys.response_import import import_table

		survey = collecting_survey(self.records).name
		with in_language("vi"):
			error = self.assertRefused(
				lambda: as_user(OFFICER, import_table, survey, self.CSV, "phieu.csv"),
				"Dòng 4",
				"gioi_tinh",
				"hai_long",
				"Dòng 5",
				"tuoi",
				"ly_do",
				exception=ResponsesRefused,
			)
		self.assertNotIn("Dòng 2", str(error))
		self.assertEqual(count(survey), 0)

	def test_valid_rows_only_returns_the_rejected_rows_as_a_file(self):
		from dlxh_app.dlxh_surveys.response_import import import_table

		survey = collecting_survey(self.records).name
		outcome = as_user(OFFICER, import_table, survey, self.CSV, "phieu.csv", valid_only=True)
		self.assertEqual((outcome["imported"], outcome["rejected"]), (2, 2))
		self.assertEqual([error["row"] for error in outcome["errors"]], [4, 5])
		rejected = frappe.get_doc("File", {"file_url": outcome["rejected_file"]}).get_content()
		if isinstance(rejected, bytes):
			rejected = rejected.decode("utf-8-sig")
		self.assertIn("3,an_hoa,khac,40,9", rejected)
		self.assertNotIn("1,an_hoa,nam,34,4", rejected)
		frame = load_answers(survey)
		self.assertEqual(list(frame["gioi_tinh"]), ["nam", "nu"])
		self.assertEqual(str(frame["submitted_at"][0])[:16], "2026-11-20 08:00")

	def test_wrong_columns_are_refused_naming_them(self):
		from dlxh_app.dlxh_surveys.response_import import import_table

		survey = collecting_survey(self.records).name
		with in_language("vi"):
			self.assertRefused(
				lambda: import_table(survey, "khu_vuc,gioi_tinh,cau_la\nan_hoa,nam,1\n", "x.csv"), "cau_la"
			)

	def test_an_xlsx_export_is_read(self):
		from openpyxl import Workbook

		from dlxh_app.dlxh_surveys.response_import import import_table

		survey = collecting_survey(self.records).name
		workbook = Workbook()
		sheet = workbook.active
		sheet.append(["khu_vuc", "gioi_tinh", "tuoi", "hai_long"])
		sheet.append(["Cái Khế", "nu", 45, 5])
		buffer = io.BytesIO()
		workbook.save(buffer)
		self.assertEqual(import_table(survey, buffer.getvalue(), "kobo.xlsx")["imported"], 1)
		self.assertEqual(list(load_answers(survey)["khu_vuc"]), ["cai_khe"])
