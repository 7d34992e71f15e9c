import unittest

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.rules.expression import evaluate, parse, references


def holds(expression: str, current: str = "", **answers) -> bool:
	return evaluate(parse(expression), answers, current)


class TestParse(unittest.TestCase):
	def test_tree(self):
		self.assertEqual(
			parse("${age} >= 18 and selected(${channels}, 'tv')"),
			[
				"op",
				"and",
				["op", ">=", ["ref", "age"], ["num", 18.0]],
				["call", "selected", ["ref", "channels"], ["str", "tv"]],
			],
		)
		self.assertIsNone(parse("  "))

	def test_precedence(self):
		# and binds tighter than or; * tighter than +.
		self.assertEqual(parse("${a} = 1 or ${b} = 2 and ${c} = 3")[1], "or")
		self.assertTrue(holds("1 + 2 * 3 = 7"))
		self.assertTrue(holds("(1 + 2) * 3 = 9"))
		self.assertTrue(holds("-2 + 5 = 3"))

	def test_references(self):
		self.assertEqual(
			references(parse("${a} > 1 and not(selected(${b}, 'x')) or . = ${c}")), {"a", "b", "c"}
		)

	def test_syntax_errors_name_the_expression(self):
		for expression in ("${age} >", "${age} => 3", "selected(${a})", "${a} = 'open", "unknown(1)"):
			with self.subTest(expression=expression), self.assertRaises(RuleError) as refused:
				parse(expression)
			self.assertIn(refused.exception.code, ("syntax", "arity"))


class TestEvaluate(unittest.TestCase):
	def test_comparisons_of_answers(self):
		self.assertTrue(holds("${gender} = 'female'", gender="female"))
		self.assertFalse(holds("${gender} != 'female'", gender="female"))
		self.assertTrue(holds("${age} > 17", age="18"))
		self.assertFalse(holds("${age} > 17", age="17"))
		# A number compares numerically with a text holding one: "18.0" equals 18.
		self.assertTrue(holds("${age} = 18", age="18.0"))
		self.assertFalse(holds("${age} = '18'", age="18.0"))

	def test_unanswered_is_empty_and_not_a_number(self):
		self.assertFalse(holds("${age} > 17"))
		self.assertFalse(holds("${age} <= 17"))
		self.assertTrue(holds("${age} = ''"))
		self.assertFalse(holds("${age}"))
		self.assertTrue(holds("not(${age})"))

	def test_multiple_choice(self):
		answers = {"channels": "tv radio"}
		self.assertTrue(holds("selected(${channels}, 'radio')", **answers))
		self.assertFalse(holds("selected(${channels}, 'press')", **answers))
		self.assertTrue(holds("count-selected(${channels}) = 2", **answers))

	def test_constraint_on_the_current_answer(self):
		self.assertTrue(holds(". >= 15 and . <= 120", current="42"))
		self.assertFalse(holds(". >= 15 and . <= 120", current="12"))
		self.assertTrue(holds("string-length(.) <= 5", current="abc"))

	def test_arithmetic_follows_xpath(self):
		self.assertTrue(holds("7 mod 3 = 1"))
		self.assertTrue(holds("7 div 2 = 3.5"))
		self.assertFalse(holds("0 div 0 = 0 div 0"))  # NaN is equal to nothing
		self.assertTrue(holds("1 div 0 > 1000000"))

	def test_empty_expression_holds(self):
		self.assertTrue(evaluate(None, {}))
