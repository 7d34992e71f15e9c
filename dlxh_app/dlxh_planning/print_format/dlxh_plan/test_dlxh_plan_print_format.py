# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""The annual plan printed as a Party document (Hướng dẫn 36-HD/VPTW) through Frappe's print API: the demo's
2025 city plan carries the text of the seed document as text, in one embedded font, its header sits where
the layout puts it, drafts are marked, user text cannot inject HTML, margins follow DLXH Settings and
page numbers start on page 2 (where the PDF generator draws them). Each document is printed once per
class; the PDFs are read back with poppler-utils (pdftotext, pdftoppm, pdffonts)."""

import re
import tempfile
from pathlib import Path

import frappe
from PIL import Image

from dlxh_app.setup.demo import make_demo
from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.printing import (
	PAGE_MARGIN_BOXES,
	POINTS_PER_MM,
	SCRIPT,
	Page,
	between_words,
	closing_columns,
	lines,
	locate,
	needs_pdf_feature,
	pdf_fonts,
	read_pdf,
	render_page,
	runs_script,
)
from dlxh_app.tests.utils import make_city_unit, make_plan

SEED = Path(frappe.get_app_path("dlxh_app")) / "tests" / "data" / "ke-hoach-dlxh-2025.vi.txt"
CITY = "Ban Tuyên giáo Thành ủy Cần Thơ"
BINH_THUY = "Quận ủy Bình Thủy"
# The city of the plans TestPlanPrint makes itself, named apart from the demo's.
TEST_CITY = "IN Ban Tuyên giáo Thành ủy"
# The seed cut into sections: each runs from its marker to the next one.
SEED_SECTIONS = {
	"legal bases": "- Căn cứ Quyết định số 1475-QĐ/TU",
	"introduction": "Ban Tuyên giáo Thành ủy xây dựng kế hoạch",
	"I": "I. MỤC ĐÍCH, YÊU CẦU",
	"II": "II. CÁC HOẠT ĐỘNG CHỦ YẾU NĂM 2025",
	"III": "III. TỔ CHỨC THỰC HIỆN",
	"recipients": "Nơi nhận:",
	"signature": "K/T TRƯỞNG BAN",
}
FORMATTED = "<p>Giữ <strong>chữ đậm</strong> và <em>nghiêng</em></p>"
RAW_TEXT = {
	"title": f"Kế hoạch {SCRIPT} <b>in đậm</b>",
	"recipients": f"- Lãnh đạo Ban;\n- {SCRIPT} <b>Lưu</b>: VT.",
	"introduction": f"Mở đầu <i>{SCRIPT}</i>",
	"purposes": f"{FORMATTED}{SCRIPT}<img src='x' onerror='alert(2)'>",
}
ELSEWHERE = "http://198.51.100.7/track.png"
WITH_IMAGES = (
	f"<p>Mục đích</p><img src='{ELSEWHERE}'><img src='/files/logo.png'>"
	f"<p style='background: url({ELSEWHERE})'>Nền</p><img src='//198.51.100.7/x.png'>"
)


def print_plan(name: str, as_pdf: bool = False):
	return frappe.get_print("DLXH Plan", name, print_format="DLXH Plan", as_pdf=as_pdf)


def plan_of(unit: str) -> str:
	return frappe.db.get_value("DLXH Plan", {"issuing_unit": unit, "plan_year": 2025})


def seed_sections() -> dict[str, str]:
	text = SEED.read_text(encoding="utf-8")
	starts = [text.index(marker) for marker in SEED_SECTIONS.values()]
	ends = [*starts[1:], len(text)]
	return {
		name: text[start:end].strip() for name, start, end in zip(SEED_SECTIONS, starts, ends, strict=True)
	}


def margin_points(side: str) -> float:
	return frappe.db.get_single_value("DLXH Settings", f"print_margin_{side}") * POINTS_PER_MM


def top_margin_words(page: Page) -> list[str]:
	return [word.text for word in page.region(bottom=margin_points("top"))]


def body_text(pages: list[Page]) -> str:
	"""The lines of every page below its top margin (where the page numbers are)."""
	top = margin_points("top")
	return lines([word for page in pages for word in page.words if word.top >= top])


def center(words) -> float:
	return (words[0].left + words[-1].right) / 2


class TestSeedPlanPrint(IntegrationTestCase):
	"""The demo's plans, each printed once for all the tests of the class: the city's, issued as
	01-KH/BTGTU, and Bình Thủy's, still a draft."""

	# Slow by nature (6–14 s, in its first test's setup): the demo's units, 53 users and plans, taken
	# through their workflow, then two PDFs (about a second each with WeasyPrint, half of it subsetting
	# the embedded fonts).
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_demo(reporting=False, surveys_and_network=False)
		name = plan_of(CITY)
		cls.html = print_plan(name)
		cls.pdf = print_plan(name, as_pdf=True)
		cls.pages = read_pdf(cls.pdf)
		cls.draft = read_pdf(print_plan(plan_of(BINH_THUY), as_pdf=True))[0]
		frappe.db.rollback()

	def test_pdf_carries_the_seed_section_by_section(self):
		printed = body_text(self.pages)
		columns = dict(zip(("recipients", "signature"), closing_columns(self.pages), strict=True))
		position = 0
		for name, section in seed_sections().items():
			with self.subTest(section=name):
				if name in columns:
					# The column holds this and nothing else.
					self.assertEqual(locate(columns[name], section), 0)
					self.assertEqual(between_words(columns[name])[0], between_words(section)[0])
				else:
					start = locate(printed, section, after=position)
					self.assertGreaterEqual(start, position)
					position = start + 1

	def test_title_and_date_line_are_the_seeds(self):
		seed = SEED.read_text(encoding="utf-8")
		first = self.pages[0]
		self.assertIn("Cần Thơ, ngày 15 tháng 01 năm 2025", seed)
		self.assertTrue(first.find("Cần Thơ, ngày 15 tháng 01 năm 2025"))
		for line in ("KẾ HOẠCH", "Công tác dư luận xã hội năm 2025"):
			self.assertIn(line, seed)
			self.assertTrue(first.find(line), line)

	def test_header_columns_on_page_one(self):
		first = self.pages[0]
		middle = first.width / 2
		near_top = margin_points("top") + 60 * POINTS_PER_MM
		party = first.find("ĐẢNG CỘNG SẢN VIỆT NAM")
		issuer_lines = [
			first.find(line) for line in ("THÀNH ỦY CẦN THƠ", "BAN TUYÊN GIÁO", "*", "Số 01-KH/BTGTU")
		]
		date_line = first.find("Cần Thơ, ngày 15 tháng 01 năm 2025")
		self.assertTrue(party and date_line and all(issuer_lines))
		# The Party's name in the right half, on the line of the parent body, which opens the left half.
		self.assertGreater(party[0].left, middle)
		self.assertAlmostEqual(party[0].top, issuer_lines[0][0].top, delta=2)
		self.assertLess(party[0].bottom, near_top)
		for line in issuer_lines:
			self.assertLess(line[-1].right, middle)
			self.assertLess(line[-1].bottom, near_top)
			# Each line of the issuer centred in its column, the margin on its left.
			self.assertAlmostEqual(center(line), center(issuer_lines[0]), delta=1)
			self.assertGreaterEqual(line[0].left, margin_points("left") - 1)
		self.assertGreater(date_line[0].left, middle)
		self.assertAlmostEqual(center(date_line), center(party), delta=1)
		self.assertGreater(date_line[0].top, party[0].bottom)
		self.assertLessEqual(date_line[-1].right, first.width - margin_points("right") + 1)

	def test_page_one_as_an_image(self):
		"""pdftoppm's rendering of page 1: an A4 sheet, the solid line under the Party's name as long as
		the name, and no page number above the text."""
		first = self.pages[0]
		party = first.find("ĐẢNG CỘNG SẢN VIỆT NAM")
		date_line = first.find("Cần Thơ, ngày 15 tháng 01 năm 2025")
		with tempfile.TemporaryDirectory() as folder:
			image = Image.open(render_page(self.pdf, 1, Path(folder), resolution=100)).convert("L")
		self.assertEqual(image.size, (827, 1170))
		scale = image.width / first.width

		def ink(row: int, left: float, right: float) -> list[int]:
			return [
				x
				for x in range(int(left * scale) - 20, int(right * scale) + 20)
				if image.getpixel((x, row)) < 128
			]

		rows = range(int(party[0].bottom * scale), int(date_line[0].top * scale))
		underline = [dots for row in rows if len(dots := ink(row, party[0].left, party[-1].right)) > 100]
		self.assertTrue(underline, "no line under ĐẢNG CỘNG SẢN VIỆT NAM")
		self.assertAlmostEqual(underline[0][0] / scale, party[0].left, delta=2)
		self.assertAlmostEqual(underline[0][-1] / scale, party[-1].right, delta=2)
		top_margin = range(5, int(margin_points("top") * scale) - 2)
		self.assertFalse([row for row in top_margin if ink(row, 20, first.width - 20)])

	def test_text_is_set_in_one_embedded_times_compatible_font(self):
		"""Text (which the section test reads back), not outlines, in the four styles of Tinos, each
		embedded so that the PDF reads the same on any computer."""
		fonts = pdf_fonts(self.pdf)
		# Liberation Serif is Tinos under another name: the app's own copy, where Tinos is not installed.
		styles = {re.sub("[^a-z]", "", name.lower()).replace("liberationserif", "tinos") for name, _ in fonts}
		self.assertEqual(styles, {"tinos", "tinosbold", "tinositalic", "tinosbolditalic"}, fonts)
		self.assertTrue(all(embedded for _, embedded in fonts), fonts)

	def test_html_print_view_has_the_header_and_the_fonts(self):
		for text in (
			"THÀNH ỦY CẦN THƠ",
			"BAN TUYÊN GIÁO",
			"Số 01-KH/BTGTU",
			"ĐẢNG CỘNG SẢN VIỆT NAM",
			"Cần Thơ, ngày 15 tháng 01 năm 2025",
			"KẾ HOẠCH",
		):
			self.assertIn(text, self.html)
		self.assertNotIn("DỰ THẢO", self.html)
		stylesheet = re.search(r'href="/assets/dlxh_app/([^"]+\.css)"', self.html)
		self.assertTrue(stylesheet)
		public = Path(frappe.get_app_path("dlxh_app", "public"))
		css = (public / stylesheet.group(1)).read_text(encoding="utf-8")
		sources = re.findall(r"src:([^;]+);", css)
		self.assertEqual(len(sources), 4)
		for source in sources:
			# The installed font first (wkhtmltopdf keeps text only in installed fonts), then the app's copy.
			self.assertTrue(source.strip().startswith('local("Tinos'), source)
			font = re.search(r'url\("([^"]+)"\)', source).group(1)
			self.assertTrue((public / stylesheet.group(1)).parent.joinpath(font).resolve().is_file(), font)

	def test_draft_is_marked_and_has_no_number_yet(self):
		self.assertTrue(self.draft.find("DỰ THẢO"))
		number = self.draft.find("Số")
		self.assertEqual(self.draft.words[self.draft.words.index(number[0]) + 1].text, "-KH/BTGQU")
		year = frappe.utils.getdate().year
		self.assertTrue(self.draft.find(f"Bình Thủy, ngày tháng năm {year}"), self.draft.text()[:300])
		self.assertFalse(self.pages[0].find("DỰ THẢO"))
		self.assertTrue(self.pages[0].find("Số 01-KH/BTGTU"))


class TestPlanPrint(IntegrationTestCase):
	"""Plans of a test city, each printed once for all the tests of the class: one whose text was stored
	with HTML in it, one with images, a long one, and the one with images again with other margins."""

	# Slow by nature (3–4 s, in its first test's setup): three PDFs of about a second each.
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_city_unit(TEST_CITY, "BTGTU", "Thành ủy Cần Thơ")

		plan = make_plan(TEST_CITY, 2024)
		# Stored as an import or a direct database write could leave them, not cleaned by the form.
		frappe.db.set_value("DLXH Plan", plan.name, RAW_TEXT, update_modified=False)
		frappe.db.set_value(
			"DLXH Plan Activity", plan.activities[0].name, "content", f"<p>Hoạt động</p>{SCRIPT}"
		)
		cls.raw_html = print_plan(plan.name)

		filler = "Nắm bắt, tổng hợp, phản ánh dư luận xã hội. " * 8
		activities = [{"content": f"<p>Hoạt động thứ {number}: {filler}</p>"} for number in range(1, 31)]
		cls.long_pages = read_pdf(
			print_plan(make_plan(TEST_CITY, 2025, activities=activities).name, as_pdf=True)
		)

		plan = make_plan(TEST_CITY, 2026)
		frappe.db.set_value("DLXH Plan", plan.name, "purposes", WITH_IMAGES, update_modified=False)
		cls.images_html = print_plan(plan.name)
		cls.images_page = read_pdf(print_plan(plan.name, as_pdf=True))[0]
		settings = frappe.get_single("DLXH Settings")
		margins = {field: settings.get(field) for field in ("print_margin_left", "print_margin_top")}
		settings.update({"print_margin_left": 35, "print_margin_top": 25})
		settings.save()
		cls.wider_margins_page = read_pdf(print_plan(plan.name, as_pdf=True))[0]
		# Saved back as well as rolled back: the cached settings outlive a rollback (seen on SQLite).
		settings.update(margins)
		settings.save()
		frappe.db.rollback()

	def test_user_text_is_escaped_and_rich_text_keeps_formatting_only(self):
		self.assertFalse(runs_script(self.raw_html), "a script from user text is printed")
		self.assertFalse(re.search(r"onerror", self.raw_html), "an event handler from user text is printed")
		self.assertIn(
			"Kế hoạch &lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;in đậm&lt;/b&gt;", self.raw_html
		)
		self.assertIn("- &lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;Lưu&lt;/b&gt;: VT.", self.raw_html)
		self.assertIn("Mở đầu &lt;i&gt;", self.raw_html)
		self.assertIn(FORMATTED, self.raw_html)
		self.assertIn("<p>Hoạt động</p>", self.raw_html)

	def test_images_from_elsewhere_are_neither_printed_nor_fetched(self):
		# The PDF renderer runs on the server: an address typed into a text field must not make the
		# server request it. Images of the site itself stay.
		self.assertNotIn("198.51.100.7", self.images_html)
		self.assertIn("/files/logo.png", self.images_html)
		self.assertIn("Nền", self.images_html)
		self.assertTrue(self.images_page.find("Mục đích"))

	def test_long_plan_runs_over_pages(self):
		self.assertGreaterEqual(len(self.long_pages), 3)
		# Nothing above the text on page 1; the activities numbered on, across the pages.
		self.assertEqual(top_margin_words(self.long_pages[0]), [])
		locate(body_text(self.long_pages), "30. Hoạt động thứ 30:")

	@needs_pdf_feature(PAGE_MARGIN_BOXES)
	def test_pages_numbered_from_page_two(self):
		for number, page in enumerate(self.long_pages[1:], start=2):
			with self.subTest(page=number):
				self.assertEqual(top_margin_words(page), [str(number)])
				label = page.region(bottom=margin_points("top"))[0]
				text_middle = (margin_points("left") + page.width - margin_points("right")) / 2
				self.assertAlmostEqual(center([label]), text_middle, delta=2)

	def test_margins_follow_the_settings(self):
		first = self.wider_margins_page
		self.assertAlmostEqual(min(word.left for word in first.words), 35 * POINTS_PER_MM, delta=1)
		self.assertAlmostEqual(min(word.top for word in first.words), 25 * POINTS_PER_MM, delta=4)
