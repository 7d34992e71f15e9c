import unittest

from dlxh_app.dlxh_collaborators.rules.coverage import (
	ORGANISATION,
	SECTOR,
	STRATA,
	STRATUM,
	Gap,
	Member,
	Target,
	coverage,
	merge_target,
)


def member(stratum="Workers", sector="Economy", organisation="Trade Union", area="An Hòa"):
	return Member(stratum, sector, organisation, area)


class TestCoverage(unittest.TestCase):
	def test_empty_network_misses_everything(self):
		result = coverage([], ["An Hòa", "Cái Khế"], Target(min_collaborators=10))
		self.assertEqual(result.actual, 0)
		self.assertTrue(result.too_small)
		self.assertEqual(result.areas_without, ["An Hòa", "Cái Khế"])
		self.assertEqual(result.missing_strata, list(STRATA))
		self.assertFalse(result.unbalanced)
		self.assertTrue(result.has_gaps)

	def test_gaps_against_minimums(self):
		members = [member(), member(), member("Farmers", "Residential community", "Farmers' Association")]
		target = Target(
			minimums={
				(STRATUM, "Workers"): 2,
				(STRATUM, "Youth and students"): 1,
				(SECTOR, "Education"): 2,
				(ORGANISATION, "Farmers' Association"): 1,
			}
		)
		result = coverage(members, ["An Hòa"], target)
		self.assertEqual(
			result.gaps,
			[Gap(STRATUM, "Youth and students", 1, 0), Gap(SECTOR, "Education", 2, 0)],
		)
		self.assertEqual(result.gaps[1].shortfall, 2)
		self.assertNotIn("Workers", result.missing_strata)
		self.assertIn("Youth and students", result.missing_strata)

	def test_areas_short_and_without(self):
		members = [member(area="An Hòa"), member(area="An Hòa"), member(area="Cái Khế")]
		result = coverage(members, ["An Hòa", "Cái Khế", "Tân An"], Target(min_per_area=2))
		self.assertEqual(result.areas_short, ["Cái Khế", "Tân An"])
		self.assertEqual(result.areas_without, ["Tân An"])
		self.assertEqual(result.area_count, 3)
		# A collaborator living outside the unit's wards counts for the network, not for an area.
		result = coverage([member(area="Elsewhere")], ["An Hòa"], Target())
		self.assertEqual((result.actual, result.areas_without), (1, ["An Hòa"]))

	def test_unit_without_areas(self):
		result = coverage([member()], [], Target(min_collaborators=1))
		self.assertEqual((result.areas_short, result.areas_without, result.too_small), ([], [], False))

	def test_unbalanced_when_one_stratum_or_sector_dominates(self):
		members = [member() for _ in range(4)] + [member("Farmers", "Health")]
		result = coverage(members, [], Target(max_share=60))
		self.assertEqual(result.dominant, (STRATUM, "Workers", 80.0))
		self.assertTrue(result.unbalanced)
		self.assertFalse(coverage(members, [], Target(max_share=80)).unbalanced)
		self.assertFalse(coverage(members, [], Target()).unbalanced)
		# Too few to judge the balance.
		self.assertFalse(coverage(members[:4], [], Target(max_share=60)).unbalanced)

	def test_balanced_network_has_no_gaps(self):
		members = [
			member(stratum, "Economy" if i % 2 else "Health", area="An Hòa")
			for i, stratum in enumerate(STRATA)
		]
		result = coverage(members, ["An Hòa"], Target(min_collaborators=10, max_share=50))
		self.assertEqual(result.missing_strata, [])
		self.assertFalse(result.has_gaps)


class TestTargets(unittest.TestCase):
	def test_unit_override_replaces_the_default(self):
		default, own = Target(min_collaborators=10), Target(min_collaborators=4)
		self.assertEqual(merge_target(default, own), own)
		self.assertEqual(merge_target(default, None), default)
		self.assertEqual(merge_target(None, None), Target())
