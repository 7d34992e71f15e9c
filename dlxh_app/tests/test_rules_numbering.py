import unittest

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.numbering import format_document_reference


class TestDocumentReference(unittest.TestCase):
	def test_two_digits_at_least(self):
		self.assertEqual(format_document_reference(1, "KH", "BTGTU"), "01-KH/BTGTU")
		self.assertEqual(format_document_reference(12, "KH", "BTGTU"), "12-KH/BTGTU")
		self.assertEqual(format_document_reference(105, "BC", "BTGQU"), "105-BC/BTGQU")

	def test_mixed_case_type(self):
		self.assertEqual(format_document_reference(3, "TTr", "BTGTU"), "03-TTr/BTGTU")

	def test_refusals(self):
		for args, code in (
			((0, "KH", "BTGTU"), "number_range"),
			((1, "XX", "BTGTU"), "document_type"),
			((1, "KH", ""), "no_abbreviation"),
		):
			with self.subTest(code=code), self.assertRaises(RuleError) as caught:
				format_document_reference(*args)
			self.assertEqual(caught.exception.code, code)
