import unicodedata
import unittest

from dlxh_app.dlxh_setup.rules.text import (
	clean_text,
	header_line,
	normalize_keywords,
	plain_text,
	split_keywords,
)


class TestCleanText(unittest.TestCase):
	def test_spaces_are_collapsed_and_trimmed(self):
		self.assertEqual(clean_text("  Ban   Tuyên giáo\tThành ủy  "), "Ban Tuyên giáo Thành ủy")

	def test_decomposed_vietnamese_is_composed(self):
		decomposed = unicodedata.normalize("NFD", "Cần Thơ")
		self.assertNotEqual(decomposed, "Cần Thơ")
		self.assertEqual(clean_text(decomposed), "Cần Thơ")

	def test_empty_values(self):
		self.assertEqual(clean_text(None), "")
		self.assertEqual(clean_text("   "), "")

	def test_header_line_is_in_capitals_with_diacritics(self):
		self.assertEqual(header_line(" thành ủy  cần thơ "), "THÀNH ỦY CẦN THƠ")
		self.assertEqual(header_line("Ban Tuyên giáo"), "BAN TUYÊN GIÁO")
		self.assertEqual(header_line("đảng ủy"), "ĐẢNG ỦY")


class TestKeywords(unittest.TestCase):
	def test_separators_blanks_and_duplicates(self):
		self.assertEqual(
			split_keywords("biển đảo; Biển Đông,  , Hoàng Sa\nBIỂN ĐẢO, Trường   Sa"),
			["biển đảo", "Biển Đông", "Hoàng Sa", "Trường Sa"],
		)

	def test_normalized_text(self):
		self.assertEqual(normalize_keywords(" thiên tai ,dịch bệnh,,"), "thiên tai, dịch bệnh")
		self.assertEqual(normalize_keywords(None), "")

	def test_composed_and_decomposed_spellings_are_one_keyword(self):
		decomposed = unicodedata.normalize("NFD", "sạt lở")
		self.assertEqual(split_keywords(f"sạt lở, {decomposed}"), ["sạt lở"])


class TestPlainText(unittest.TestCase):
	def test_paragraphs_and_breaks_become_lines(self):
		html = (
			'<div class="ql-editor"><p>Người dân <strong>đồng tình</strong>&nbsp;với chủ trương.</p>'
			"<p><br></p><ul><li>Giá điện &gt; 3.000 đồng</li><li>Lo ngại việc làm</li></ul>Cuối<br/>dòng</div>"
		)
		self.assertEqual(
			plain_text(html),
			"Người dân đồng tình với chủ trương.\nGiá điện > 3.000 đồng\nLo ngại việc làm\nCuối\ndòng",
		)

	def test_empty_and_plain_values(self):
		self.assertEqual(plain_text(None), "")
		self.assertEqual(plain_text("<p></p>"), "")
		self.assertEqual(plain_text("Không có thẻ"), "Không có thẻ")
