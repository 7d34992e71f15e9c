import unittest
from datetime import date

from dlxh_app.dlxh_collaborators.rules.regulation import Version, current_version, is_outdated

FIRST = Version("QC-1", 1, date(2022, 3, 1), date(2025, 12, 31))
SECOND = Version("QC-2", 2, date(2025, 10, 15))
DRAFTED = Version("QC-3", 3, date(2027, 1, 1))


class TestCurrentVersion(unittest.TestCase):
	def test_latest_in_force(self):
		versions = [FIRST, SECOND, DRAFTED]
		self.assertEqual(current_version(versions, date(2024, 6, 1)), FIRST)
		# Both in force: the later version is the current one.
		self.assertEqual(current_version(versions, date(2025, 11, 1)), SECOND)
		self.assertEqual(current_version(versions, date(2026, 12, 2)), SECOND)
		self.assertEqual(current_version(versions, date(2027, 1, 1)), DRAFTED)
		self.assertIsNone(current_version(versions, date(2020, 1, 1)))
		self.assertIsNone(current_version([], date(2026, 1, 1)))


class TestOutdated(unittest.TestCase):
	def test_older_or_none_is_outdated(self):
		self.assertTrue(is_outdated(1, SECOND))
		self.assertTrue(is_outdated(None, SECOND))
		self.assertFalse(is_outdated(2, SECOND))
		self.assertFalse(is_outdated(3, SECOND))
		self.assertFalse(is_outdated(None, None))
