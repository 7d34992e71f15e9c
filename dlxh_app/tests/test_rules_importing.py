import unittest
from datetime import date, datetime

from dlxh_app.dlxh_collaborators.rules.importing import (
	column_map,
	parse_check,
	parse_date,
	parse_int,
	parse_option,
)
from dlxh_app.dlxh_setup.rules import RuleError


class TestCells(unittest.TestCase):
	def test_check(self):
		for value in ("x", "X", "1", 1, "Có", "có", "yes"):
			self.assertEqual(parse_check(value), 1, value)
		for value in (None, "", "0", 0, "Không", "no"):
			self.assertEqual(parse_check(value), 0, value)
		with self.assertRaises(RuleError):
			parse_check("có lẽ")

	def test_date(self):
		self.assertEqual(parse_date("15/07/2025"), date(2025, 7, 15))
		self.assertEqual(parse_date("5.7.2025"), date(2025, 7, 5))
		self.assertEqual(parse_date("2025-07-15"), date(2025, 7, 15))
		self.assertEqual(parse_date(datetime(2025, 7, 15, 0, 0)), date(2025, 7, 15))
		self.assertIsNone(parse_date(""))
		for value in ("31/02/2025", "07/2025", "hôm qua"):
			with self.subTest(value=value), self.assertRaises(RuleError):
				parse_date(value)

	def test_int(self):
		self.assertEqual(
			(parse_int(1980), parse_int(1980.0), parse_int(" 1980 "), parse_int("")), (1980, 1980, 1980, None)
		)
		with self.assertRaises(RuleError):
			parse_int("năm 80")

	def test_option_as_typed_in_either_language(self):
		options = {"Male": "Male", "Female": "Female", "Nam": "Male", "Nữ": "Female"}
		self.assertEqual(parse_option("nữ", options), "Female")
		self.assertEqual(parse_option("NAM", options), "Male")
		self.assertEqual(parse_option("female", options), "Female")
		self.assertEqual(parse_option(None, options), "")
		with self.assertRaises(RuleError):
			parse_option("Khác", options)

	def test_columns(self):
		columns = {"Họ và tên": "full_name", "full_name": "full_name", "Năm sinh": "birth_year"}
		self.assertEqual(
			column_map(["STT", "Ho va ten", "năm sinh"], columns), {1: "full_name", 2: "birth_year"}
		)
		with self.assertRaises(RuleError):
			column_map(["Họ và tên", "full_name"], columns)
