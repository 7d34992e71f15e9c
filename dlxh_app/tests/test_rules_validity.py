import unittest
from datetime import date

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.validity import check_period, is_valid_on, periods_overlap

JAN_1 = date(2025, 1, 1)
JUN_30 = date(2025, 6, 30)
JUL_1 = date(2025, 7, 1)
DEC_31 = date(2025, 12, 31)


class TestValidity(unittest.TestCase):
	def test_period_order(self):
		check_period(JAN_1, JUN_30)
		check_period(JAN_1, JAN_1)
		check_period(None, JUN_30)
		check_period(JAN_1, None)
		with self.assertRaises(RuleError) as caught:
			check_period(JUL_1, JUN_30)
		self.assertEqual(caught.exception.code, "period_order")

	def test_valid_on_includes_both_ends_and_open_ends(self):
		self.assertTrue(is_valid_on(JAN_1, JUN_30, JAN_1))
		self.assertTrue(is_valid_on(JAN_1, JUN_30, JUN_30))
		self.assertFalse(is_valid_on(JAN_1, JUN_30, JUL_1))
		self.assertFalse(is_valid_on(JUL_1, None, JUN_30))
		self.assertTrue(is_valid_on(None, None, DEC_31))
		self.assertTrue(is_valid_on(None, JUN_30, date(1990, 1, 1)))

	def test_periods_overlap(self):
		self.assertFalse(periods_overlap(JAN_1, JUN_30, JUL_1, None))
		self.assertTrue(periods_overlap(JAN_1, JUL_1, JUL_1, None))
		self.assertTrue(periods_overlap(None, None, JUL_1, DEC_31))
		self.assertTrue(periods_overlap(JUL_1, None, None, JUL_1))
		self.assertFalse(periods_overlap(JUL_1, None, None, JUN_30))
		self.assertTrue(periods_overlap(JAN_1, DEC_31, JUN_30, JUL_1))
