import unittest
from datetime import date, timedelta

from dlxh_app.dlxh_reporting.rules.emerging import (
	CITY,
	Observation,
	find_emerging,
	is_emerging,
	phrases,
	threshold,
	week_of,
)

TODAY = date(2026, 12, 2)  # a Wednesday
MONDAY = date(2026, 11, 30)


def observations(kind, key, unit, weekly_counts, start=0):
	"""weekly_counts[-1] is this week's; earlier ones the weeks before, oldest first."""
	found = []
	for back, count in enumerate(reversed(weekly_counts)):
		day = MONDAY - timedelta(weeks=back)
		found += [Observation(kind, key, unit, day, f"{key}-{unit}-{back}-{n}") for n in range(count)]
	return found


class TestRule(unittest.TestCase):
	def test_week(self):
		self.assertEqual(week_of(TODAY), MONDAY)
		self.assertEqual(week_of(MONDAY), MONDAY)
		self.assertEqual(week_of(date(2026, 12, 6)), MONDAY)

	def test_threshold_is_mean_plus_k_sd_with_a_poisson_floor(self):
		mean, sd, limit = threshold([2, 4, 2, 4, 2, 4, 2, 4])
		self.assertEqual((mean, sd), (3.0, 1.0))
		self.assertAlmostEqual(limit, 3 + 3 * 3**0.5)  # sqrt(mean) > sd
		self.assertEqual(threshold([0] * 8), (0.0, 0.0, 3.0))  # the floor of 1
		mean, sd, limit = threshold([0, 10, 0, 10, 0, 10, 0, 10])
		self.assertEqual(limit, 5 + 3 * 5)

	def test_is_emerging(self):
		self.assertTrue(is_emerging(4, [0] * 8))
		self.assertFalse(is_emerging(3, [0] * 8))  # must exceed 0 + 3
		self.assertFalse(is_emerging(12, [10, 12, 9, 11, 10, 12, 9, 11]))
		self.assertTrue(is_emerging(25, [10, 12, 9, 11, 10, 12, 9, 11]))


class TestFindEmerging(unittest.TestCase):
	def test_a_rise_in_one_unit_and_city_wide(self):
		found = find_emerging(
			observations("topic", "Sạt lở", "P1", [1, 0, 1, 0, 1, 0, 1, 0, 9])
			+ observations("topic", "Giá cả", "P2", [10, 12, 9, 11, 10, 12, 9, 11, 12]),
			TODAY,
		)
		self.assertEqual([(issue.key, issue.unit) for issue in found], [("Sạt lở", CITY), ("Sạt lở", "P1")])
		issue = found[0]
		self.assertEqual((issue.count, issue.mean, issue.week), (9, 0.5, MONDAY))
		self.assertEqual(len(issue.examples), 3)
		self.assertTrue(all(example.startswith("Sạt lở-P1-0-") for example in issue.examples))

	def test_city_wide_only_when_spread(self):
		found = find_emerging(
			observations("topic", "Lừa đảo", "P1", [0] * 8 + [2])
			+ observations("topic", "Lừa đảo", "P2", [0] * 8 + [2])
			+ observations("topic", "Lừa đảo", "P3", [0] * 8 + [2]),
			TODAY,
		)
		self.assertEqual([(issue.key, issue.unit, issue.count) for issue in found], [("Lừa đảo", CITY, 6)])

	def test_older_weeks_are_outside_the_history(self):
		old = [Observation("topic", "X", "P1", MONDAY - timedelta(weeks=9), f"old{n}") for n in range(50)]
		found = find_emerging(old + observations("topic", "X", "P1", [0] * 8 + [5]), TODAY)
		self.assertEqual(found[0].mean, 0)

	def test_phrases_need_more_entries_and_larger_phrases_win(self):
		entries = []
		for n in range(5):
			for phrase in ("tiền_ảo", "đầu_tư tiền_ảo"):
				entries.append(Observation("phrase", phrase, "P1", TODAY, f"e{n}"))
		entries += [Observation("phrase", "giá_vé", "P1", TODAY, f"f{n}") for n in range(4)]
		found = find_emerging(entries, TODAY)
		self.assertEqual(
			{(issue.key, issue.unit) for issue in found}, {("đầu_tư tiền_ảo", CITY), ("đầu_tư tiền_ảo", "P1")}
		)
		self.assertEqual([issue.related for issue in found], [["tiền_ảo"], ["tiền_ảo"]])

	def test_candidate_phrases(self):
		words = ["người_dân", "lo_lắng", "về", "lừa_đảo", "qua", "ứng_dụng", "tiền_ảo", "giao_thông", "x"]
		found = phrases(words, known={"giao_thông"})
		self.assertEqual(found, {"lừa_đảo", "ứng_dụng", "tiền_ảo", "ứng_dụng tiền_ảo"})
