import unittest
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dlxh_app.dlxh_reporting.rules.deadline import deadline_for
from dlxh_app.dlxh_reporting.rules.reminders import CITY_NOTICE, UNIT_REMINDER, Notice, due_notice

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
JULY_DEADLINE = deadline_for(2025, 7, 15, HCM)
DAYS = [10, 13]


def local(*args):
	return datetime(*args, tzinfo=HCM)


class TestDueNotice(unittest.TestCase):
	def test_reminders_on_the_reminder_days_of_the_local_calendar(self):
		for now in (local(2025, 7, 10, 0, 0), local(2025, 7, 10, 23, 59), local(2025, 7, 13, 8, 0)):
			with self.subTest(now=now):
				self.assertEqual(
					due_notice(now, DAYS, JULY_DEADLINE), Notice(UNIT_REMINDER, 2025, 7, now.date())
				)
		# 23:30 UTC on the 9th is already the 10th in Vietnam, 17:00 UTC on the 10th the 11th.
		utc = ZoneInfo("UTC")
		self.assertEqual(
			due_notice(datetime(2025, 7, 9, 23, 30, tzinfo=utc).astimezone(HCM), DAYS, JULY_DEADLINE).day,
			date(2025, 7, 10),
		)
		self.assertIsNone(
			due_notice(datetime(2025, 7, 10, 17, 0, tzinfo=utc).astimezone(HCM), DAYS, JULY_DEADLINE)
		)

	def test_nothing_on_other_days_before_the_deadline(self):
		for day in (1, 9, 11, 12, 14):
			with self.subTest(day=day):
				self.assertIsNone(due_notice(local(2025, 7, day, 9, 0), DAYS, JULY_DEADLINE))
		self.assertIsNone(due_notice(local(2025, 7, 10, 9, 0), [], JULY_DEADLINE))

	def test_the_city_from_the_deadline_to_the_end_of_the_month(self):
		expected = Notice(CITY_NOTICE, 2025, 7)
		for now in (JULY_DEADLINE, local(2025, 7, 20, 9, 0), local(2025, 7, 31, 23, 59)):
			with self.subTest(now=now):
				self.assertEqual(due_notice(now, DAYS, JULY_DEADLINE), expected)
		self.assertEqual(due_notice(JULY_DEADLINE - timedelta(microseconds=1), DAYS, JULY_DEADLINE), None)


class TestNoticeKey(unittest.TestCase):
	def test_same_notice_same_key_any_difference_another(self):
		reminder = Notice(UNIT_REMINDER, 2025, 7, date(2025, 7, 10))
		self.assertEqual(
			reminder.key("Quận ủy Ninh Kiều"),
			Notice(UNIT_REMINDER, 2025, 7, date(2025, 7, 10)).key("Quận ủy Ninh Kiều"),
		)
		keys = {
			reminder.key("Quận ủy Ninh Kiều"),
			reminder.key("Quận ủy Bình Thủy"),
			Notice(UNIT_REMINDER, 2025, 7, date(2025, 7, 13)).key("Quận ủy Ninh Kiều"),
			Notice(UNIT_REMINDER, 2025, 8, date(2025, 8, 10)).key("Quận ủy Ninh Kiều"),
			Notice(CITY_NOTICE, 2025, 7).key(),
			Notice(CITY_NOTICE, 2025, 8).key(),
		}
		self.assertEqual(len(keys), 6)
		self.assertTrue(all(len(key) == 40 for key in keys))
