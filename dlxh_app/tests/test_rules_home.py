"""The homes' alerts and figures (dlxh_app/dlxh_reporting/rules/home.py), without the database."""

import unittest

from dlxh_app.dlxh_reporting.rules.compliance import Compliance
from dlxh_app.dlxh_reporting.rules.home import missing_running, on_time_share, rises_sharply

ON_TIME, LATE, RETURNED = Compliance.ON_TIME, Compliance.LATE, Compliance.RETURNED
MISSING, NOT_YET_DUE, NOT_APPLICABLE = Compliance.MISSING, Compliance.NOT_YET_DUE, Compliance.NOT_APPLICABLE


class TestMissingRunning(unittest.TestCase):
	def test_the_last_two_judged_months(self):
		cases = {
			(ON_TIME, MISSING, MISSING): True,
			(MISSING, MISSING, NOT_YET_DUE): True,
			(MISSING, LATE, MISSING): False,
			(MISSING, RETURNED): False,
			(MISSING,): False,
			(NOT_APPLICABLE, MISSING): False,
			(MISSING, NOT_APPLICABLE, MISSING): False,
			(): False,
		}
		for statuses, expected in cases.items():
			with self.subTest(statuses=statuses):
				self.assertEqual(missing_running(list(statuses)), expected)

	def test_three_months_asked_for(self):
		self.assertFalse(missing_running([ON_TIME, MISSING, MISSING], 3))
		self.assertTrue(missing_running([MISSING, MISSING, MISSING], 3))


class TestRisesSharply(unittest.TestCase):
	def test_doubling_by_at_least_three(self):
		cases = {
			(5, 2): True,
			(4, 2): False,
			(3, 1): False,
			(6, 3): True,
			(5, 3): False,
			(3, 0): True,
			(2, 0): False,
			(0, 4): False,
		}
		for (total, previous), expected in cases.items():
			with self.subTest(total=total, previous=previous):
				self.assertEqual(rises_sharply(total, previous), expected)


class TestOnTimeShare(unittest.TestCase):
	def test_judged_periods_only(self):
		statuses = [ON_TIME, ON_TIME, LATE, MISSING, NOT_YET_DUE, NOT_APPLICABLE, RETURNED]
		self.assertEqual(on_time_share(statuses), (2, 5, 40))
		self.assertEqual(on_time_share([NOT_YET_DUE]), (0, 0, None))
