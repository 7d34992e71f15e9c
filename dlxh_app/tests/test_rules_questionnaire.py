import unittest

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.rules.questionnaire import (
	Choice,
	Question,
	QuestionnaireForm,
	check_structure,
	strata,
	stratum_key,
)

# A short satisfaction survey: demographics, a Likert question, a follow-up shown only to the dissatisfied,
# a multiple choice, a group asked only of adults, a number with a constraint, a date and a note.
QUESTIONS = (
	Question("Note", "gioi_thieu", "Xin chào ông/bà"),
	Question("Select One", "gioi_tinh", "Giới tính", "gioi_tinh", required=True, demographic="Gender"),
	Question(
		"Integer",
		"tuoi",
		"Tuổi",
		required=True,
		constraint=". >= 16 and . <= 100",
		constraint_message="Tuổi từ 16 đến 100",
		demographic="Age Group",
	),
	Question("Likert", "hai_long", "Mức độ hài lòng", "muc_do", required=True),
	Question("Text", "ly_do", "Vì sao chưa hài lòng?", required=True, relevant="${hai_long} <= 2"),
	Question("Select Multiple", "kenh", "Biết qua kênh nào?", "kenh"),
	Question("Begin Group", "nguoi_lon", "Dành cho người từ 18 tuổi", relevant="${tuoi} >= 18"),
	Question("Decimal", "thu_nhap", "Thu nhập (triệu đồng/tháng)"),
	Question("Date", "ngay", "Ngày làm thủ tục gần nhất"),
	Question("End Group"),
	Question("Text", "gop_y", "Góp ý", relevant="selected(${kenh}, 'tv') or not(${gioi_tinh} = 'nam')"),
)
CHOICES = (
	Choice("gioi_tinh", "nam", "Nam"),
	Choice("gioi_tinh", "nu", "Nữ"),
	*(Choice("muc_do", str(point), f"Mức {point}") for point in range(1, 6)),
	Choice("kenh", "tv", "Truyền hình"),
	Choice("kenh", "bao", "Báo in"),
	Choice("kenh", "mxh", "Mạng xã hội"),
)
FORM = QuestionnaireForm.build("thu v1", QUESTIONS, CHOICES)
GOOD = {"gioi_tinh": "nam", "tuoi": "30", "hai_long": "4"}


def refusal(function, *args) -> RuleError:
	try:
		function(*args)
	except RuleError as error:
		return error
	raise AssertionError("not refused")


class TestStructure(unittest.TestCase):
	def assertRefused(self, questions, choices, code, *values):
		error = refusal(check_structure, questions, choices)
		self.assertEqual((error.code, *error.values[: len(values)]), (code, *values))

	def test_the_example_is_well_formed(self):
		check_structure(QUESTIONS, CHOICES)

	def test_codes(self):
		for code, expected in (("", "code_missing"), ("2nd", "code_format"), ("có dấu", "code_format")):
			with self.subTest(code=code):
				self.assertRefused([Question("Text", code, "Câu hỏi")], [], expected, 1)
		self.assertRefused(
			[Question("Text", "a", "A"), Question("Integer", "a", "B")], [], "code_duplicate", 2, "a", 1
		)

	def test_label_is_needed(self):
		self.assertRefused([Question("Text", "a", "  ")], [], "label_missing", 1, "a")

	def test_choice_lists(self):
		self.assertRefused([Question("Select One", "a", "A")], [], "choice_list_missing", 1, "a")
		self.assertRefused(
			[Question("Select Multiple", "a", "A", "khong_co")], CHOICES, "choice_list_unknown", 1, "a"
		)
		self.assertRefused([], [Choice("l", "hai tu", "x")], "choice_value_format", "l", "hai tu")
		self.assertRefused([], [Choice("l", "a", "x"), Choice("l", "a", "y")], "choice_duplicate", "l", "a")
		self.assertRefused(
			[Question("Likert", "a", "A", "muc")], [Choice("muc", "cao", "Cao")], "likert_value", "muc", "cao"
		)

	def test_groups_balance(self):
		self.assertRefused([Question("End Group")], [], "group_end_unmatched", 1)
		self.assertRefused(
			[Question("Begin Group", "g", "Nhóm"), Question("Text", "a", "A")], [], "group_unclosed", 1, "g"
		)

	def test_expressions_parse_and_read_earlier_questions_only(self):
		self.assertRefused(
			[Question("Text", "a", "A", relevant="${b} = ")], [], "expression", 1, "a", "relevant"
		)
		self.assertRefused(
			[Question("Text", "a", "A", relevant="${b} = 1"), Question("Text", "b", "B")],
			[],
			"expression_reference",
			1,
			"a",
			"relevant",
			"b",
		)
		self.assertRefused(
			[Question("Text", "a", "A", relevant="${a} = 1")],
			[],
			"expression_reference",
			1,
			"a",
			"relevant",
			"a",
		)
		# A constraint may read its own question by name.
		check_structure([Question("Integer", "a", "A", constraint="${a} > 0")], [])

	def test_demographic_questions_are_choices_or_an_age(self):
		self.assertRefused(
			[Question("Text", "a", "A", demographic="Occupation")], [], "demographic_type", 1, "a"
		)
		check_structure([Question("Integer", "a", "A", demographic="Age Group")], [])


class TestCheckAnswers(unittest.TestCase):
	def assertRefused(self, answers, code, *values):
		error = refusal(FORM.check_answers, answers)
		self.assertEqual((error.code, *error.values), (code, *values))

	def test_columns_are_the_answerable_questions_in_form_order(self):
		self.assertEqual(
			FORM.columns, ("gioi_tinh", "tuoi", "hai_long", "ly_do", "kenh", "thu_nhap", "ngay", "gop_y")
		)

	def test_answers_are_normalised_to_xpath_strings(self):
		answers = {
			"gioi_tinh": " nu ",
			"tuoi": "+045",
			"hai_long": ["5"],
			"kenh": ["mxh", "tv", "mxh"],
			"thu_nhap": "12.50",
			"ngay": "2025-07-01",
			"gop_y": "  Cần rút ngắn thời gian  ",
		}
		self.assertEqual(
			FORM.check_answers(answers),
			{
				"gioi_tinh": "nu",
				"tuoi": "45",
				"hai_long": "5",
				"ly_do": "",
				# In the order of the choice list, once each.
				"kenh": "tv mxh",
				"thu_nhap": "12.5",
				"ngay": "2025-07-01",
				"gop_y": "Cần rút ngắn thời gian",
			},
		)
		self.assertEqual(FORM.check_answers(GOOD | {"kenh": "bao tv"})["kenh"], "tv bao")
		self.assertEqual(FORM.check_answers(GOOD | {"thu_nhap": "-0.0"})["thu_nhap"], "0")

	def test_unknown_question(self):
		self.assertRefused(GOOD | {"khong_co": "1"}, "unknown_question", "khong_co")
		# A note and a group take no answer.
		self.assertRefused(GOOD | {"gioi_thieu": "x"}, "unknown_question", "gioi_thieu")
		self.assertRefused(GOOD | {"nguoi_lon": "x"}, "unknown_question", "nguoi_lon")

	def test_not_an_option(self):
		self.assertRefused(GOOD | {"gioi_tinh": "khac"}, "not_an_option", "gioi_tinh", "khac")
		self.assertRefused(GOOD | {"hai_long": "6"}, "not_an_option", "hai_long", "6")
		self.assertRefused(GOOD | {"kenh": ["tv", "radio"]}, "not_an_option", "kenh", "radio")

	def test_multiple_values_for_a_single_answer(self):
		self.assertRefused(GOOD | {"gioi_tinh": ["nam", "nu"]}, "multiple_values", "gioi_tinh")

	def test_required(self):
		self.assertRefused({"tuoi": "30", "hai_long": "3"}, "required", "gioi_tinh")
		self.assertRefused(GOOD | {"gioi_tinh": "  "}, "required", "gioi_tinh")
		# Required only when shown: the reason is asked of the dissatisfied.
		self.assertRefused(GOOD | {"hai_long": "2"}, "required", "ly_do")
		self.assertEqual(FORM.check_answers(GOOD | {"hai_long": "2", "ly_do": "Chậm"})["ly_do"], "Chậm")

	def test_hidden(self):
		self.assertRefused(GOOD | {"ly_do": "Không"}, "hidden", "ly_do")
		# A group's condition hides the questions in it.
		self.assertRefused(GOOD | {"tuoi": "17", "thu_nhap": "5"}, "hidden", "thu_nhap")
		self.assertEqual(FORM.check_answers(GOOD | {"thu_nhap": "5"})["thu_nhap"], "5")
		# selected(), or, not(): shown to women, or to men who know it from television.
		self.assertRefused(GOOD | {"gop_y": "x"}, "hidden", "gop_y")
		FORM.check_answers(GOOD | {"kenh": "tv", "gop_y": "x"})
		FORM.check_answers(GOOD | {"gioi_tinh": "nu", "gop_y": "x"})

	def test_constraint(self):
		self.assertRefused(GOOD | {"tuoi": "12"}, "constraint", "tuoi", "Tuổi từ 16 đến 100")
		self.assertRefused(GOOD | {"tuoi": "101"}, "constraint", "tuoi", "Tuổi từ 16 đến 100")

	def test_not_a_number(self):
		for value in ("ba mươi", "30.5", "1e3"):
			with self.subTest(value=value):
				self.assertRefused(GOOD | {"tuoi": value}, "not_a_number", "tuoi", value)
		for value in ("12,5", "nan", "inf", "1e3"):
			with self.subTest(value=value):
				self.assertRefused(GOOD | {"thu_nhap": value}, "not_a_number", "thu_nhap", value)

	def test_not_a_date(self):
		for value in ("01/07/2025", "2025-02-30", "20250701"):
			with self.subTest(value=value):
				self.assertRefused(GOOD | {"ngay": value}, "not_a_date", "ngay", value)

	def test_validate_reports_every_problem(self):
		values, problems = FORM.validate({"gioi_tinh": "x", "tuoi": "12", "ly_do": "y", "z": "1"})
		self.assertEqual(
			[(problem.code, problem.values[0]) for problem in problems],
			[
				("unknown_question", "z"),
				("not_an_option", "gioi_tinh"),
				("constraint", "tuoi"),
				("required", "hai_long"),
				# The refused Likert answer counts as unanswered, so the reason is not shown.
				("hidden", "ly_do"),
			],
		)
		self.assertEqual(values["gioi_tinh"], "")


class TestStrata(unittest.TestCase):
	def test_combinations_of_the_strata_questions(self):
		questions = (
			Question("Select One", "khu_vuc", "Khu vực", "khu_vuc", demographic="Area"),
			*QUESTIONS[1:3],
		)
		choices = (*CHOICES, Choice("khu_vuc", "an_hoa", "An Hòa"), Choice("khu_vuc", "cai_khe", "Cái Khế"))
		form = QuestionnaireForm.build("thu v1", questions, choices)
		self.assertEqual(
			strata(form, ["khu_vuc", "gioi_tinh"]),
			{
				"an_hoa|nam": "An Hòa – Nam",
				"an_hoa|nu": "An Hòa – Nữ",
				"cai_khe|nam": "Cái Khế – Nam",
				"cai_khe|nu": "Cái Khế – Nữ",
			},
		)
		self.assertEqual(
			stratum_key({"khu_vuc": "cai_khe", "gioi_tinh": "nu"}, ["khu_vuc", "gioi_tinh"]), "cai_khe|nu"
		)

	def test_strata_questions_are_single_choice_demographics(self):
		self.assertEqual(refusal(strata, FORM, ["khong_co"]).code, "strata_question_unknown")
		# An age in years is no stratum (its groups are), nor a question that is not demographic.
		self.assertEqual(refusal(strata, FORM, ["tuoi"]).code, "strata_question_type")
		self.assertEqual(refusal(strata, FORM, ["hai_long"]).code, "strata_question_type")
