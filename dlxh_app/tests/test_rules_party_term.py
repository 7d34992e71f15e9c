import unittest
from datetime import date

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.party_term import PartyTerm, check_term_start, parse_party_term


class TestPartyTerm(unittest.TestCase):
	def test_terms_are_parsed_and_written_with_a_hyphen(self):
		self.assertEqual(parse_party_term("2025-2030"), PartyTerm(2025, 2030))
		self.assertEqual(str(parse_party_term(" 2020 – 2025 ")), "2020-2025")
		self.assertEqual(str(parse_party_term("2026—2031")), "2026-2031")

	def test_malformed_terms_are_refused(self):
		for value in ("", None, "2025", "25-30", "2025-2030-2035", "2025/2030", "nhiệm kỳ 2025-2030"):
			with self.subTest(value=value), self.assertRaises(RuleError) as caught:
				parse_party_term(value)
			self.assertEqual(caught.exception.code, "term_format")

	def test_second_year_must_come_after_the_first(self):
		for value in ("2030-2025", "2025-2025"):
			with self.subTest(value=value), self.assertRaises(RuleError) as caught:
				parse_party_term(value)
			self.assertEqual(caught.exception.code, "term_order")

	def test_years_of_a_term(self):
		term = PartyTerm(2025, 2030)
		self.assertTrue(term.contains_year(2025))
		self.assertTrue(term.contains_year(2029))
		self.assertFalse(term.contains_year(2030))
		self.assertFalse(term.contains_year(2024))

	def test_term_start_date(self):
		term = PartyTerm(2025, 2030)
		check_term_start(term, date(2025, 10, 15))
		with self.assertRaises(RuleError) as caught:
			check_term_start(term, date(2024, 12, 31))
		self.assertEqual(caught.exception.code, "term_start_outside")
