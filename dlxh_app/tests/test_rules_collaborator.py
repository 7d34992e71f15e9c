import unittest
from datetime import date

from dlxh_app.dlxh_collaborators.rules.collaborator import (
	check_birth_year,
	check_status,
	fold,
	identity_key,
	is_current,
)
from dlxh_app.dlxh_setup.rules import RuleError

TODAY = date(2026, 12, 2)


class TestBirthYear(unittest.TestCase):
	def test_adults_of_working_age(self):
		for year in (2008, 1980, 1936):
			check_birth_year(year, TODAY)
		for year in (2009, 2020, 1935, 1906, 0, None):
			with self.subTest(year=year), self.assertRaises(RuleError) as caught:
				check_birth_year(year, TODAY)
			self.assertEqual(caught.exception.code, "age_range")
			self.assertEqual(caught.exception.values[1:], (1936, 2008))


class TestStatus(unittest.TestCase):
	def test_active_needs_nothing(self):
		check_status("Active", None, None)

	def test_suspended_or_ended_needs_date_then_reason(self):
		for status in ("Suspended", "Ended"):
			with self.subTest(status=status):
				with self.assertRaises(RuleError) as caught:
					check_status(status, None, "Chuyển công tác")
				self.assertEqual(caught.exception.code, "status_date")
				with self.assertRaises(RuleError) as caught:
					check_status(status, TODAY, "   ")
				self.assertEqual(caught.exception.code, "status_reason")
				check_status(status, TODAY, "Chuyển công tác")


class TestIdentity(unittest.TestCase):
	def test_accents_case_and_spaces_folded(self):
		self.assertEqual(fold("  Nguyễn  Văn ĐỨC "), "nguyen van duc")
		# Decomposed input (some keyboards) folds the same.
		self.assertEqual(fold("Nguye\u0302\u0303n"), "nguyen")
		self.assertEqual(
			identity_key("Trần Thị Bình", 1980, "P. An Hòa"), identity_key("tran thi binh", 1980, "P. An Hòa")
		)
		self.assertNotEqual(
			identity_key("Trần Thị Bình", 1980, "P. An Hòa"), identity_key("Trần Thị Bình", 1981, "P. An Hòa")
		)


class TestCurrent(unittest.TestCase):
	def test_active_within_term(self):
		self.assertTrue(is_current("Active", date(2025, 1, 1), None, TODAY))
		self.assertTrue(is_current("Active", date(2025, 1, 1), TODAY, TODAY))
		self.assertFalse(is_current("Active", date(2025, 1, 1), date(2026, 12, 1), TODAY))
		self.assertFalse(is_current("Active", date(2026, 12, 3), None, TODAY))
		self.assertFalse(is_current("Suspended", date(2025, 1, 1), None, TODAY))


class TestTrainingAndEvaluation(unittest.TestCase):
	def test_hours(self):
		from dlxh_app.dlxh_collaborators.rules.evaluation import check_hours

		for hours in (0.5, 4, 200):
			check_hours(hours)
		for hours in (0, -1, 200.5, None):
			with self.subTest(hours=hours), self.assertRaises(RuleError) as caught:
				check_hours(hours)
			self.assertEqual(caught.exception.code, "hours_range")

	def test_evaluation_year(self):
		from dlxh_app.dlxh_collaborators.rules.evaluation import check_evaluation_year, year_bounds

		check_evaluation_year(2026, TODAY)
		check_evaluation_year(2025, TODAY)
		for year in (2027, 1999, 0, None):
			with self.subTest(year=year), self.assertRaises(RuleError):
				check_evaluation_year(year, TODAY)
		self.assertEqual(year_bounds(2026), (date(2026, 1, 1), date(2026, 12, 31)))
