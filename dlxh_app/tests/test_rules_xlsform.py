import unittest
from io import BytesIO

from openpyxl import Workbook, load_workbook

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.rules.questionnaire import check_structure
from dlxh_app.dlxh_surveys.rules.xlsform import Form, read_xlsform, write_xlsform
from dlxh_app.tests.test_rules_questionnaire import CHOICES, QUESTIONS

FORM = Form("Phiếu khảo sát thử", "phieu_thu", QUESTIONS, CHOICES, "3")


def workbook(survey: list, choices: list | None = None, settings: list | None = None) -> bytes:
	book = Workbook()
	book.active.title = "survey"
	for row in survey:
		book.active.append(row)
	for title, rows in (("choices", choices), ("settings", settings)):
		if rows is not None:
			sheet = book.create_sheet(title)
			for row in rows:
				sheet.append(row)
	output = BytesIO()
	book.save(output)
	return output.getvalue()


def refusal(content: bytes) -> RuleError:
	with unittest.TestCase().assertRaises(RuleError) as refused:
		read_xlsform(content)
	return refused.exception


class TestRoundTrip(unittest.TestCase):
	def test_write_then_read_gives_the_same_questionnaire(self):
		content = write_xlsform(FORM)
		self.assertEqual(read_xlsform(content), FORM)
		self.assertEqual(read_xlsform(write_xlsform(read_xlsform(content))), FORM)

	def test_sheets_and_columns_as_odk_reads_them(self):
		book = load_workbook(BytesIO(write_xlsform(FORM)))
		self.assertEqual(book.sheetnames, ["survey", "choices", "settings"])
		survey = list(book["survey"].iter_rows(values_only=True))
		self.assertEqual(survey[0][:3], ("type", "name", "label::Vietnamese (vi)"))
		self.assertIn("dlxh_demographic", survey[0])
		rows = {row[1]: row for row in survey[1:]}
		self.assertEqual(rows["hai_long"][0], "select_one muc_do")
		self.assertEqual(rows["hai_long"][8], "likert")
		self.assertEqual(rows["kenh"][0], "select_multiple kenh")
		self.assertEqual(rows["tuoi"][-1], "Age Group")
		settings = list(book["settings"].iter_rows(values_only=True))
		self.assertEqual(dict(zip(*settings, strict=True))["default_language"], "Vietnamese (vi)")


class TestRead(unittest.TestCase):
	def test_form_odk_refuses_is_refused_with_pyxforms_message(self):
		error = refusal(
			workbook(
				[["type", "name", "label"], ["select_one khong_co", "a", "A"]],
				[["list_name", "name", "label"], ["co_khong", "co", "Có"]],
			)
		)
		self.assertEqual(error.code, "pyxform")
		self.assertIn("khong_co", error.values[0])
		error = refusal(workbook([["type", "name", "label"], ["begin_group", "g", "G"], ["text", "a", "A"]]))
		self.assertIn("end_group", error.values[0])

	def test_not_a_workbook(self):
		for content in (b"", b"PK\x03\x04 khong phai", "Phiếu".encode()):
			with self.subTest(content=content):
				self.assertIn(refusal(content).code, ("not_a_workbook", "pyxform"))

	def test_types_the_app_does_not_ask_are_refused(self):
		error = refusal(
			workbook(
				[["type", "name", "label"], ["geopoint", "vi_tri", "Vị trí"]], settings=[["form_id"], ["f"]]
			)
		)
		self.assertEqual((error.code, *error.values), ("type_unsupported", 2, "geopoint"))

	def test_unknown_demographic(self):
		error = refusal(
			workbook(
				[["type", "name", "label", "dlxh_demographic"], ["text", "a", "A", "Thu nhập"]],
				settings=[["form_id"], ["f"]],
			)
		)
		self.assertEqual((error.code, *error.values), ("demographic_unknown", 2, "Thu nhập"))

	def test_form_id_is_needed(self):
		self.assertEqual(
			refusal(workbook([["type", "name", "label"], ["text", "a", "A"]])).code, "form_id_missing"
		)

	def test_plain_labels_and_other_spellings(self):
		form = read_xlsform(
			workbook(
				[
					["Type", "Name", "Label", "Required", "Appearance", "DLXH_Demographic"],
					["select one muc", "y_kien", "Ý kiến", "TRUE", "horizontal likert", "gender"],
					["begin group", "g", None, None, None, None],
					["string", "ghi_chu", "Ghi chú", None, None, None],
					["end group", None, None, None, None, None],
				],
				[["list_name", "name", "label"], ["muc", 1, "Một"], ["muc", 2, "Hai"]],
				[["form_title", "form_id"], ["Phiếu", "phieu"]],
			)
		)
		check_structure(form.questions, form.choices)
		first = form.questions[0]
		self.assertEqual(
			(first.question_type, first.choice_list, first.required, first.demographic),
			("Likert", "muc", True, "Gender"),
		)
		self.assertEqual([choice.value for choice in form.choices], ["1", "2"])
		self.assertEqual(
			[question.question_type for question in form.questions[1:]], ["Begin Group", "Text", "End Group"]
		)
