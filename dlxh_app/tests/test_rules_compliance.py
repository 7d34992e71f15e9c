import unittest
from datetime import date, datetime

from dlxh_app.dlxh_reporting.rules.compliance import Cell, Compliance, judge_cell, owes_report, totals

DEADLINE = datetime(2025, 3, 15)
BEFORE, AFTER = datetime(2025, 3, 14, 23, 59), datetime(2025, 3, 15, 0, 0)


class TestOwesReport(unittest.TestCase):
	def test_months_the_unit_existed_in(self):
		district = (None, date(2025, 6, 30))
		self.assertTrue(owes_report(*district, 2025, 6))
		self.assertFalse(owes_report(*district, 2025, 7))
		ward = (date(2025, 7, 1), None)
		self.assertFalse(owes_report(*ward, 2025, 6))
		self.assertTrue(owes_report(*ward, 2025, 7))
		self.assertTrue(owes_report(*ward, 2026, 1))
		self.assertTrue(owes_report(date(2025, 12, 31), None, 2025, 12))
		self.assertFalse(owes_report(None, date(2024, 12, 31), 2025, 1))
		self.assertTrue(owes_report(None, None, 2025, 12))


class TestJudgeCell(unittest.TestCase):
	def test_statuses(self):
		cases = [
			((False, "Accepted", False, 0, DEADLINE, AFTER), Cell(Compliance.NOT_APPLICABLE)),
			((True, "Accepted", False, 0, DEADLINE, AFTER), Cell(Compliance.ON_TIME)),
			((True, "Sent to City", True, 3, DEADLINE, AFTER), Cell(Compliance.LATE, 3)),
			((True, "Returned", False, 0, DEADLINE, AFTER), Cell(Compliance.RETURNED)),
			((True, None, False, 0, DEADLINE, AFTER), Cell(Compliance.MISSING)),
			((True, "Draft", False, 0, DEADLINE, AFTER), Cell(Compliance.MISSING)),
			((True, "Pending Leader Approval", False, 0, DEADLINE, BEFORE), Cell(Compliance.NOT_YET_DUE)),
			((True, None, False, 0, DEADLINE, BEFORE), Cell(Compliance.NOT_YET_DUE)),
		]
		for args, expected in cases:
			with self.subTest(args=args):
				self.assertEqual(judge_cell(*args), expected)

	def test_totals_list_every_status(self):
		counted = totals([Cell(Compliance.ON_TIME), Cell(Compliance.LATE, 2), Cell(Compliance.ON_TIME)])
		self.assertEqual(counted["On Time"], 2)
		self.assertEqual(counted["Late"], 1)
		self.assertEqual(counted["Missing"], 0)
		self.assertEqual(set(counted), {status.value for status in Compliance})
