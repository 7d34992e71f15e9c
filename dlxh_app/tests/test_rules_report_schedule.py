import unittest

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.report_schedule import (
	check_day_of_month,
	check_time_zone,
	format_reminder_days,
	parse_reminder_days,
)


class TestReportSchedule(unittest.TestCase):
	def test_day_of_month(self):
		for day in (1, 15, 28):
			check_day_of_month(day)
		for day in (0, 29, 31, -1):
			with self.subTest(day=day), self.assertRaises(RuleError) as caught:
				check_day_of_month(day)
			self.assertEqual(caught.exception.code, "day_range")

	def test_reminder_days_are_sorted_without_duplicates(self):
		self.assertEqual(parse_reminder_days(" 13, 10,10;", 15), [10, 13])
		self.assertEqual(parse_reminder_days("", 15), [])
		self.assertEqual(parse_reminder_days(None, 15), [])
		self.assertEqual(format_reminder_days([10, 13]), "10,13")

	def test_bad_reminder_days(self):
		cases = {
			"10, mười": ("not_a_day", ("mười",)),
			"10.5": ("not_a_day", ("10.5",)),
			"-3": ("not_a_day", ("-3",)),
			"0": ("day_range", (0,)),
			"30": ("day_range", (30,)),
			"10,15": ("reminder_after_deadline", (15, 15)),
			"16": ("reminder_after_deadline", (16, 15)),
		}
		for value, (code, values) in cases.items():
			with self.subTest(value=value), self.assertRaises(RuleError) as caught:
				parse_reminder_days(value, 15)
			self.assertEqual((caught.exception.code, caught.exception.values), (code, values))

	def test_time_zone(self):
		check_time_zone("Asia/Ho_Chi_Minh")
		for value in ("", None, "Asia/Hanoi", "GMT+7 Hà Nội"):
			with self.subTest(value=value), self.assertRaises(RuleError) as caught:
				check_time_zone(value)
			self.assertEqual(caught.exception.code, "unknown_time_zone")
