import unittest

from dlxh_app.dlxh_reporting.rules.period import (
	add_months,
	parse_period,
	period_key,
	periods_between,
	previous_period,
)
from dlxh_app.dlxh_setup.rules import RuleError


class TestPeriodKeys(unittest.TestCase):
	def test_written_and_read_back(self):
		self.assertEqual(period_key(2025, 5), "2025-05")
		self.assertEqual(parse_period("2025-05"), (2025, 5))
		self.assertEqual(parse_period(" 2024-12 "), (2024, 12))

	def test_anything_else_is_refused(self):
		for text in (None, "", "2025-5", "2025-13", "2025-00", "05/2025", "2025-05-01", "25-05", "२०२५-०५"):
			with self.subTest(text=text), self.assertRaises(RuleError) as caught:
				parse_period(text)
			self.assertEqual(caught.exception.code, "period_format")


class TestPeriodsBetween(unittest.TestCase):
	def test_both_ends_included_across_years(self):
		self.assertEqual(
			periods_between((2024, 11), (2025, 2), 120), [(2024, 11), (2024, 12), (2025, 1), (2025, 2)]
		)
		self.assertEqual(periods_between((2025, 5), (2025, 5), 1), [(2025, 5)])
		self.assertEqual(len(periods_between((2016, 1), (2025, 12), 120)), 120)

	def test_order_and_length(self):
		for first, last, limit, code, values in (
			((2025, 6), (2025, 5), 120, "period_order", ((2025, 6), (2025, 5))),
			((2016, 1), (2026, 1), 120, "period_count", (121, 120)),
		):
			with self.subTest(first=first, last=last), self.assertRaises(RuleError) as caught:
				periods_between(first, last, limit)
			self.assertEqual((caught.exception.code, caught.exception.values), (code, values))


class TestAddMonths(unittest.TestCase):
	def test_forward_and_back_across_years(self):
		self.assertEqual(add_months(2026, 12, 0), (2026, 12))
		self.assertEqual(add_months(2026, 12, 1), (2027, 1))
		self.assertEqual(add_months(2026, 1, -2), (2025, 11))
		self.assertEqual(add_months(2026, 12, -12), (2025, 12))
		self.assertEqual(add_months(2026, 3, -27), (2023, 12))
		self.assertEqual(previous_period(2025, 1), (2024, 12))
