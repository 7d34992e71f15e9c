import unittest
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from dlxh_app.dlxh_reporting.rules.deadline import deadline_for, judge, to_aware, to_naive
from dlxh_app.dlxh_reporting.rules.period import check_period, entry_window, format_period, month_bounds
from dlxh_app.dlxh_setup.rules import RuleError

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
MAY_DEADLINE = deadline_for(2025, 5, 15, "Asia/Ho_Chi_Minh")


class TestDeadline(unittest.TestCase):
	def test_due_at_midnight_local_time_on_the_deadline_day_of_the_period_month(self):
		self.assertEqual(MAY_DEADLINE, datetime(2025, 5, 15, tzinfo=HCM))
		self.assertEqual(
			MAY_DEADLINE.astimezone(timezone.utc), datetime(2025, 5, 14, 17, 0, tzinfo=timezone.utc)
		)
		self.assertEqual(deadline_for(2025, 12, 10, HCM), datetime(2025, 12, 10, tzinfo=HCM))

	def test_bad_deadline_day_or_month(self):
		for args, code in (
			((2025, 5, 0), "day_range"),
			((2025, 5, 29), "day_range"),
			((2025, 13, 15), "month_range"),
		):
			with self.subTest(args=args), self.assertRaises(RuleError) as caught:
				deadline_for(*args, HCM)
			self.assertEqual(caught.exception.code, code)

	def test_boundary_minutes_in_local_time(self):
		cases = {
			datetime(2025, 5, 1, 8, 0): (True, 0),
			datetime(2025, 5, 14, 23, 59): (True, 0),
			datetime(2025, 5, 14, 23, 59, 59, 999999): (True, 0),
			datetime(2025, 5, 15, 0, 0): (False, 1),
			datetime(2025, 5, 15, 0, 1): (False, 1),
			datetime(2025, 5, 15, 23, 59): (False, 1),
			datetime(2025, 5, 16, 0, 0): (False, 2),
			datetime(2025, 6, 14, 9, 30): (False, 31),
		}
		for local, expected in cases.items():
			with self.subTest(sent=local):
				self.assertEqual(judge(local.replace(tzinfo=HCM), MAY_DEADLINE), expected)

	def test_boundary_minutes_of_a_server_in_utc(self):
		# 16:59 UTC on the 14th is 23:59 in Vietnam (UTC+7): still on time; 17:00 UTC is midnight there.
		cases = {
			datetime(2025, 5, 14, 16, 59): (True, 0),
			datetime(2025, 5, 14, 17, 0): (False, 1),
			datetime(2025, 5, 14, 17, 1): (False, 1),
			datetime(2025, 5, 14, 23, 59): (False, 1),  # the 14th in UTC, but the 15th in Vietnam
		}
		for stored, expected in cases.items():
			with self.subTest(sent_utc=stored):
				self.assertEqual(judge(to_aware(stored, "UTC"), MAY_DEADLINE), expected)

	def test_naive_datetimes_are_refused(self):
		for sent, deadline in (
			(datetime(2025, 5, 14, 23, 59), MAY_DEADLINE),
			(datetime(2025, 5, 14, 23, 59, tzinfo=HCM), datetime(2025, 5, 15)),
		):
			with self.assertRaises(RuleError) as caught:
				judge(sent, deadline)
			self.assertEqual(caught.exception.code, "naive_datetime")

	def test_conversion_to_and_from_the_stored_system_time(self):
		self.assertEqual(to_naive(MAY_DEADLINE, "UTC"), datetime(2025, 5, 14, 17, 0))
		self.assertEqual(to_naive(MAY_DEADLINE, "Asia/Ho_Chi_Minh"), datetime(2025, 5, 15, 0, 0))
		self.assertEqual(to_aware(datetime(2025, 5, 14, 17, 0), "UTC"), MAY_DEADLINE)
		self.assertEqual(to_aware(datetime(2025, 5, 15), HCM), MAY_DEADLINE)


class TestPeriod(unittest.TestCase):
	TODAY = date(2025, 5, 20)

	def test_current_and_past_months(self):
		for year, month in ((2025, 5), (2025, 1), (2024, 12), (2000, 1)):
			check_period(year, month, self.TODAY)

	def test_bad_periods(self):
		cases = {
			(2025, 6): ("future", (2025, 6)),
			(2026, 1): ("future", (2026, 1)),
			(2025, 0): ("month_range", (0,)),
			(2025, 13): ("month_range", (13,)),
			(1999, 12): ("year_range", (1999, 2000, 2025)),
		}
		for (year, month), (code, values) in cases.items():
			with self.subTest(period=(year, month)), self.assertRaises(RuleError) as caught:
				check_period(year, month, self.TODAY)
			self.assertEqual((caught.exception.code, caught.exception.values), (code, values))

	def test_month_bounds(self):
		self.assertEqual(month_bounds(2025, 2), (date(2025, 2, 1), date(2025, 2, 28)))
		self.assertEqual(month_bounds(2024, 2), (date(2024, 2, 1), date(2024, 2, 29)))
		self.assertEqual(month_bounds(2025, 12), (date(2025, 12, 1), date(2025, 12, 31)))

	def test_entry_window_runs_from_deadline_to_deadline(self):
		self.assertEqual(entry_window(2025, 5, 15), (date(2025, 4, 15), date(2025, 5, 14)))
		self.assertEqual(entry_window(2025, 1, 15), (date(2024, 12, 15), date(2025, 1, 14)))
		self.assertEqual(entry_window(2025, 3, 1), (date(2025, 2, 1), date(2025, 2, 28)))
		# Consecutive windows touch: every day belongs to one period.
		self.assertEqual(entry_window(2025, 6, 15)[0], date(2025, 5, 15))

	def test_format(self):
		self.assertEqual(format_period(2025, 5), "05/2025")
