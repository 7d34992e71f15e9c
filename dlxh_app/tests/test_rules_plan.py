import unittest
from datetime import date

from dlxh_app.dlxh_planning.rules.plan import (
	check_activity_period,
	check_plan_year,
	citation,
	exists_in_year,
	plan_progress,
	trainings_held,
)
from dlxh_app.dlxh_setup.rules import RuleError


class TestPlanYear(unittest.TestCase):
	def test_range(self):
		today = date(2026, 11, 29)
		check_plan_year(2025, today)
		check_plan_year(2027, today)
		for year in (1999, 2028, 0):
			with self.subTest(year=year), self.assertRaises(RuleError) as caught:
				check_plan_year(year, today)
			self.assertEqual(caught.exception.code, "year_range")


class TestActivityPeriod(unittest.TestCase):
	def test_end_before_start(self):
		check_activity_period(date(2025, 1, 1), date(2025, 1, 1))
		check_activity_period(None, date(2025, 1, 1))
		check_activity_period(date(2025, 1, 1), None)
		with self.assertRaises(RuleError) as caught:
			check_activity_period(date(2025, 3, 1), date(2025, 2, 28))
		self.assertEqual(caught.exception.code, "end_before_start")


class TestExistsInYear(unittest.TestCase):
	def test_overlap(self):
		self.assertTrue(exists_in_year(None, None, 2025))
		self.assertTrue(exists_in_year(None, date(2025, 6, 30), 2025))
		self.assertTrue(exists_in_year(date(2025, 7, 1), None, 2025))
		self.assertFalse(exists_in_year(None, date(2025, 6, 30), 2026))
		self.assertFalse(exists_in_year(date(2025, 7, 1), None, 2024))
		self.assertTrue(exists_in_year(date(2025, 12, 31), None, 2025))
		self.assertTrue(exists_in_year(None, date(2025, 1, 1), 2025))


class TestProgress(unittest.TestCase):
	def test_share_done(self):
		self.assertEqual(plan_progress([]), 0.0)
		self.assertEqual(plan_progress(["Cancelled"]), 0.0)
		self.assertEqual(plan_progress(["Done", "Not Started", "In Progress", "Cancelled"]), 33.3)
		self.assertEqual(plan_progress(["Done", "Done"]), 100.0)


class TestCitation(unittest.TestCase):
	def test_seed_style(self):
		self.assertEqual(
			citation(
				"Decision",
				"1475-QĐ/TU",
				date(2024, 4, 9),
				"Ban Thường vụ Thành ủy",
				"Về chức năng, nhiệm vụ, quyền hạn, tổ chức bộ máy của Ban Tuyên giáo Thành ủy",
			),
			"Căn cứ Quyết định số 1475-QĐ/TU ngày 09/4/2024 của Ban Thường vụ Thành ủy về chức năng, "
			"nhiệm vụ, quyền hạn, tổ chức bộ máy của Ban Tuyên giáo Thành ủy",
		)

	def test_unknown_type_and_empty_summary(self):
		self.assertEqual(
			citation("Other", "1/2025", date(2025, 1, 9), "Bộ X", ""),
			"Căn cứ văn bản số 1/2025 ngày 09/1/2025 của Bộ X",
		)


class TestTrainingsHeld(unittest.TestCase):
	def test_the_plans_year_its_unit_and_below_up_to_today(self):
		today = date(2026, 12, 2)
		sessions = [
			(date(2026, 3, 1), 10, 4.0),  # the plan's unit
			(date(2026, 8, 20), 12, 3.5),  # a unit below it
			(date(2025, 12, 31), 10, 8.0),  # last year
			(date(2026, 6, 1), 30, 2.0),  # a unit beside it
			(date(2026, 12, 12), 12, 3.0),  # planned, not held yet
		]
		self.assertEqual(trainings_held(2026, (10, 20), sessions, today), (2, 7.5))
		self.assertEqual(trainings_held(2025, (10, 20), sessions, today), (1, 8.0))
		self.assertEqual(trainings_held(2027, (10, 20), sessions, today), (0, 0))
