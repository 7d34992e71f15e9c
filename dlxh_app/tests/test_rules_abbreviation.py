import unittest

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.abbreviation import normalize_abbreviation


class TestAbbreviation(unittest.TestCase):
	def test_valid_abbreviations(self):
		for value in ("BTGTU", "PTT-TH", "HĐND", "BTGQU", "MTTQVN", "QĐ-2"):
			self.assertEqual(normalize_abbreviation(value), value)

	def test_lower_case_and_spaces_around_are_fixed(self):
		self.assertEqual(normalize_abbreviation("  btgtu "), "BTGTU")
		self.assertEqual(normalize_abbreviation("hđnd"), "HĐND")

	def test_invalid_abbreviations_are_refused(self):
		for value in (
			"",
			None,
			"BTG TU",
			"BTG/TU",
			"-BTG",
			"BTG-",
			"PTT--TH",
			"BAN TUYÊN GIÁO",
			"BTG.TU",
			"ỦY",
		):
			with self.subTest(value=value), self.assertRaises(RuleError) as caught:
				normalize_abbreviation(value)
			self.assertEqual(caught.exception.code, "abbreviation_chars")
