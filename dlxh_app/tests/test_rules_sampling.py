import unittest

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.rules.sampling import (
	Allocation,
	OverQuota,
	allocate,
	quota_decision,
	sample_size,
	z_score,
)


class TestSampleSize(unittest.TestCase):
	def test_critical_values(self):
		self.assertAlmostEqual(z_score(0.95), 1.959964, places=6)
		self.assertAlmostEqual(z_score(0.99), 2.575829, places=6)
		self.assertAlmostEqual(z_score(0.90), 1.644854, places=6)

	def test_krejcie_and_morgan_table(self):
		# Krejcie & Morgan (1970), 95 % confidence, ±5 %, p = 0.5: sizes of their table.
		for population, size in ((100, 80), (1000, 278), (10000, 370), (None, 385)):
			with self.subTest(population=population):
				self.assertEqual(sample_size(population).size, size)

	def test_cochran_for_a_large_population(self):
		result = sample_size(None, confidence=0.95, margin=0.05, proportion=0.5)
		self.assertAlmostEqual(result.initial, 384.146, places=3)
		# 99 % and ±3 %: 1843.03 respondents, so 1844.
		self.assertEqual(sample_size(None, confidence=0.99, margin=0.03).size, 1844)
		# A proportion far from one half needs fewer: p = 0.2, ±5 %, 95 %: 245.9.
		self.assertEqual(sample_size(None, proportion=0.2).size, 246)

	def test_design_effect_multiplies_the_simple_random_sample(self):
		# OpenEpi: N = 10 000, 95 %, ±5 %, p = 0.5, design effect 2 → 740.
		self.assertEqual(sample_size(10000, design_effect=2).size, 740)
		self.assertEqual(sample_size(10000, design_effect=1.5).size, 555)

	def test_never_more_than_the_population(self):
		self.assertEqual(sample_size(50, design_effect=3).size, 50)

	def test_out_of_range_values_are_refused(self):
		for kwargs, code in (
			({"confidence": 1.0}, "confidence_range"),
			({"confidence": 0.3}, "confidence_range"),
			({"margin": 0}, "margin_range"),
			({"proportion": 1}, "proportion_range"),
			({"design_effect": 0.5}, "design_effect_range"),
		):
			with self.subTest(**kwargs), self.assertRaises(RuleError) as refused:
				sample_size(1000, **kwargs)
			self.assertEqual(refused.exception.code, code)
		with self.assertRaises(RuleError):
			sample_size(-1)


POPULATIONS = {"An Hòa|Nam": 5200, "An Hòa|Nữ": 5600, "Cái Khế|Nam": 3100, "Cái Khế|Nữ": 3300}


class TestAllocation(unittest.TestCase):
	def test_proportional_adds_up_by_largest_remainders(self):
		targets = allocate(385, POPULATIONS, Allocation.PROPORTIONAL)
		# Shares 116.40, 125.35, 69.39, 73.87: floors 116, 125, 69, 73 (383); the two largest remainders
		# (.87 and .40) get one more each.
		self.assertEqual(targets, {"An Hòa|Nam": 117, "An Hòa|Nữ": 125, "Cái Khế|Nam": 69, "Cái Khế|Nữ": 74})
		self.assertEqual(sum(targets.values()), 385)

	def test_equal(self):
		self.assertEqual(
			allocate(10, POPULATIONS, Allocation.EQUAL),
			{"An Hòa|Nam": 3, "An Hòa|Nữ": 3, "Cái Khế|Nam": 2, "Cái Khế|Nữ": 2},
		)

	def test_fixed_quotas_are_kept(self):
		quotas = {"An Hòa|Nam": 50, "An Hòa|Nữ": 50, "Cái Khế|Nam": 40, "Cái Khế|Nữ": 40}
		self.assertEqual(allocate(0, POPULATIONS, Allocation.FIXED, quotas), quotas)
		with self.assertRaises(RuleError) as refused:
			allocate(0, POPULATIONS, Allocation.FIXED, {"An Hòa|Nam": 50})
		self.assertEqual(refused.exception.code, "quota_missing")

	def test_no_stratum_above_its_population(self):
		with self.assertRaises(RuleError) as refused:
			allocate(100, {"small": 10, "large": 20}, Allocation.EQUAL)
		self.assertEqual(refused.exception.values, ("small", 50, 10))

	def test_needs_strata_and_a_population_to_be_proportional(self):
		with self.assertRaises(RuleError):
			allocate(10, {}, Allocation.EQUAL)
		with self.assertRaises(RuleError):
			allocate(10, {"a": 0, "b": 0}, Allocation.PROPORTIONAL)


class TestQuota(unittest.TestCase):
	def test_below_target_is_accepted(self):
		self.assertEqual(quota_decision(10, 9, OverQuota.CLOSE_STRATUM), "accept")

	def test_over_quota_follows_the_policy(self):
		self.assertEqual(quota_decision(10, 10, OverQuota.ACCEPT_AND_FLAG), "flag")
		self.assertEqual(quota_decision(10, 12, OverQuota.CLOSE_STRATUM), "refuse")
