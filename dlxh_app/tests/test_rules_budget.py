import unittest

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.rules.budget import (
	LineAmounts,
	QuantityBasis,
	amount,
	derived_quantity,
	estimated_pages,
	line_amounts,
	totals,
)


class TestQuantities(unittest.TestCase):
	def test_quantities_counted_from_the_survey(self):
		# 385 respondents, a 4-page form, 10 forms an enumerator day.
		expected = {
			QuantityBasis.MANUAL: None,
			QuantityBasis.RESPONDENTS: 385,
			QuantityBasis.PRINTED_PAGES: 1540,
			# 38.5 days: the half day is paid as a day.
			QuantityBasis.ENUMERATOR_DAYS: 39,
		}
		for basis, quantity in expected.items():
			with self.subTest(basis=basis):
				self.assertEqual(derived_quantity(basis, 385, 4, 10), quantity)
		self.assertEqual(derived_quantity("Enumerator Days", 400, 4, 10), 40)

	def test_enumerator_days_need_forms_per_day(self):
		with self.assertRaises(RuleError) as refused:
			derived_quantity(QuantityBasis.ENUMERATOR_DAYS, 385, 4, 0)
		self.assertEqual(refused.exception.code, "forms_per_day_range")

	def test_pages_estimated_from_the_questions(self):
		self.assertEqual([estimated_pages(count) for count in (0, 1, 8, 9, 30)], [0, 1, 1, 2, 4])


class TestAmounts(unittest.TestCase):
	def test_whole_dong_halves_up(self):
		self.assertEqual(amount(385, 50_000), 19_250_000)
		self.assertEqual(amount(2.5, 1_001), 2503)  # 2502.5
		self.assertEqual(amount(0.1, 3), 0)  # 0.3, not 0.30000000000000004 rounded oddly
		self.assertEqual(amount(1.5, 0.7), 1)  # 1.05

	def test_negative_is_refused(self):
		for quantity, rate in ((-1, 1000), (1, -1000)):
			with self.subTest(quantity=quantity, rate=rate), self.assertRaises(RuleError) as refused:
				amount(quantity, rate)
			self.assertEqual(refused.exception.code, "negative")

	def test_estimate_settlement_and_difference(self):
		line = line_amounts(40_000, 385, 400)
		self.assertEqual((line.estimated, line.settled, line.difference), (15_400_000, 16_000_000, 600_000))
		total = totals([line, LineAmounts(1_000_000, 800_000), line_amounts(5_000, 10, 0)])
		self.assertEqual(
			(total.estimated, total.settled, total.difference), (16_450_000, 16_800_000, 350_000)
		)
		self.assertEqual(totals([]), LineAmounts(0, 0))
