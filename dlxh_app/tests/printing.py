"""Reading printed documents back in tests, with poppler's command-line tools (Debian's poppler-utils):
the words of a PDF with their positions (`pdftotext -bbox`), its fonts (`pdffonts`) and a page as a PNG
image (`pdftoppm`); and what the site's PDF generator can draw, for the checks only some can pass."""

import functools
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"
POINTS_PER_MM = 72 / 25.4
# User text the print formats must print as text, not run: every format's escaping test stores it.
SCRIPT = "<script>alert(1)</script>"


@dataclass(frozen=True)
class Word:
	text: str
	left: float  # points from the page's top left corner
	top: float
	right: float
	bottom: float


@dataclass(frozen=True)
class Page:
	width: float  # points
	height: float
	words: list[Word]

	def text(self) -> str:
		return " ".join(word.text for word in self.words)

	def find(self, phrase: str) -> list[Word]:
		"""The words of the first occurrence of `phrase` (words separated by spaces), or []."""
		wanted = phrase.split()
		texts = [word.text for word in self.words]
		for start in range(len(texts) - len(wanted) + 1):
			if texts[start : start + len(wanted)] == wanted:
				return self.words[start : start + len(wanted)]
		return []

	def line(self, word: Word) -> list[Word]:
		"""The words printed on the line of `word`, from the left."""
		return sorted((other for other in self.words if abs(other.top - word.top) < 2), key=lambda w: w.left)

	def region(self, left=0.0, top=0.0, right=None, bottom=None) -> list[Word]:
		"""Words lying within the rectangle, line by line from the top, each line from the left."""
		right = self.width if right is None else right
		bottom = self.height if bottom is None else bottom
		return reading_order(
			[
				word
				for word in self.words
				if word.left >= left and word.right <= right and word.top >= top and word.bottom <= bottom
			]
		)


def read_pdf(pdf: bytes) -> list[Page]:
	"""Every page with its words in reading order."""
	with tempfile.TemporaryDirectory() as folder:
		path = Path(folder) / "document.pdf"
		path.write_bytes(pdf)
		xhtml = poppler("pdftotext", "-bbox", str(path), "-")
	pages = []
	for page in ElementTree.fromstring(xhtml).iter(f"{XHTML}page"):
		words = [
			Word(
				word.text or "",
				*(float(word.get(key)) for key in ("xMin", "yMin", "xMax", "yMax")),
			)
			for word in page.iter(f"{XHTML}word")
		]
		pages.append(Page(float(page.get("width")), float(page.get("height")), words))
	return pages


def reading_order(words: list[Word]) -> list[Word]:
	"""Words line by line from the top, each line from the left, as a reader sees them: the PDF may hold
	them otherwise, e.g. a table's cells one after another."""
	ordered: list[Word] = []
	line: list[Word] = []
	for word in sorted(words, key=lambda word: word.top):
		if line and word.top - line[0].top >= 2:
			ordered += sorted(line, key=lambda word: word.left)
			line = []
		line.append(word)
	return ordered + sorted(line, key=lambda word: word.left)


def render_page(pdf: bytes, number: int, folder: Path, resolution: int = 100) -> Path:
	"""Page `number` (from 1) as a PNG file in `folder`."""
	source = folder / "document.pdf"
	source.write_bytes(pdf)
	prefix = folder / f"page-{number}"
	pages = ["-f", str(number), "-l", str(number), "-singlefile"]
	poppler("pdftoppm", "-png", "-r", str(resolution), *pages, str(source), str(prefix))
	return prefix.with_suffix(".png")


def runs_script(html: str) -> bool:
	"""Whether the printed HTML holds a script element that SCRIPT (or similar) would run."""
	return bool(re.search(r"<script[^>]*>\s*alert", html))


def poppler(tool: str, *arguments: str) -> str:
	"""The output of one of poppler's tools."""
	if not shutil.which(tool):
		raise RuntimeError(f"{tool} is missing: install Debian's poppler-utils to read printed documents")
	return subprocess.run([tool, *arguments], capture_output=True, check=True, text=True).stdout


def lines(words: list[Word]) -> str:
	"""Words as printed: a space between the words of a line, a line break between lines."""
	text = ""
	for index, word in enumerate(words):
		if index:
			text += " " if abs(word.top - words[index - 1].top) < 2 else "\n"
		text += word.text
	return text


def locate(printed: str, expected: str, after: int = 0) -> int:
	"""Where `expected` is printed in `printed` (from lines()), counted in characters other than spaces,
	past `after`; raises AssertionError showing the first difference. Spaces and paragraph breaks of
	`expected` may be printed as spaces or line breaks; a line break may also fall inside a word, after a
	hyphen or a slash ("01-KL/" and "TW" on the next line)."""
	printed_chars, printed_spaces, printed_breaks = between_words(printed)
	expected_chars, expected_spaces, expected_breaks = between_words(expected)
	expected_spaces |= expected_breaks
	start = printed_chars.find(expected_chars[:40], after)
	if start == -1:
		raise AssertionError(f"not printed: {expected[:80]}…")
	for offset, char in enumerate(expected_chars):
		if printed_chars[start + offset : start + offset + 1] != char:
			context = max(offset - 40, 0)
			raise AssertionError(
				f"printed «…{printed_chars[start + context : start + offset + 40]}…»\n"
				f"expected «…{expected_chars[context : offset + 40]}…»"
			)

	def within(places: set[int]) -> set[int]:
		return {place - start for place in places if start < place < start + len(expected_chars)}

	possible_spaces = within(printed_spaces | printed_breaks)
	certain_spaces = within(printed_spaces)
	if wrong := (expected_spaces - possible_spaces) | (certain_spaces - expected_spaces):
		at = start + min(wrong)
		raise AssertionError(f"words run together or apart: «{printed_chars[max(at - 30, 0) : at + 30]}»")
	return start


def closing_columns(pages: list[Page]) -> tuple[str, str]:
	"""What the page with "Nơi nhận:" prints from that label down, as lines(): in its left half (the
	recipients) and in its right half (the signature block)."""
	page = next(page for page in pages if page.find("Nơi nhận:"))
	top = page.find("Nơi nhận:")[0].top - 1
	middle = page.width / 2
	return lines(page.region(top=top, right=middle)), lines(page.region(top=top, left=middle))


def locate_in_order(printed: str, expected: list[str]) -> None:
	"""Each of `expected` printed in `printed` (as locate() finds it), one after another in that order."""
	position = 0
	for text in expected:
		start = locate(printed, text, after=position)
		position = start + 1


def between_words(text: str) -> tuple[str, set[int], set[int]]:
	"""The characters of `text` but spaces, and where its spaces and its line breaks fall among them (as
	the index of the character that follows)."""
	chars, spaces, breaks = [], set(), set()
	for char in text:
		if char == "\n":
			breaks.add(len(chars))
		elif char.isspace():
			spaces.add(len(chars))
		else:
			chars.append(char)
	return "".join(chars), spaces, breaks


def pdf_fonts(pdf: bytes) -> list[tuple[str, bool]]:
	"""Each font of the PDF (`pdffonts`): its PostScript name without the subset tag ("ABCDEF+"), and
	whether it is embedded."""
	with tempfile.TemporaryDirectory() as folder:
		path = Path(folder) / "document.pdf"
		path.write_bytes(pdf)
		listing = poppler("pdffonts", str(path))
	# Columns: name, type (one or more words), encoding, emb, sub, uni, object number, generation.
	fonts = [line.split() for line in listing.splitlines()[2:]]
	return [(font[0].split("+")[-1], font[-5] == "yes") for font in fonts]


@dataclass(frozen=True)
class PdfFeature:
	"""Something of the print CSS that not every one of Frappe's PDF generators draws: WeasyPrint and
	Chrome 131+ (Frappe v16's Chrome generator) draw it, wkhtmltopdf built on unpatched Qt (Debian's, used
	by Frappe v15 and by v16 by default) does not. `sample` uses it on two pages or more; `drawn` tells
	from the sample's pages whether it was drawn."""

	description: str
	sample: str
	drawn: Callable[[list[Page]], bool]


PAGE_MARGIN_BOXES = PdfFeature(
	"page numbers in the page's margin (CSS @page margin boxes)",
	"<style>@page { size: A4; margin: 25mm; @top-center { content: counter(page); } }</style>"
	'<p style="page-break-after: always">Một</p><p>Hai</p>',
	lambda pages: len(pages) > 1 and "2" in pages[1].text().split(),
)
REPEATED_TABLE_HEADERS = PdfFeature(
	"a table's header row again on every page the table runs over",
	'<table style="font-size: 14pt"><thead><tr><th>Đầu</th></tr></thead><tbody>'
	+ "<tr><td>Dòng</td></tr>" * 200
	+ "</tbody></table>",
	lambda pages: len(pages) > 1 and "Đầu" in pages[1].text().split(),
)


@functools.cache
def pdf_generator_draws(feature: PdfFeature) -> bool:
	"""Whether the site's PDF generator draws `feature`: the sample printed once per process through
	Frappe's `get_pdf`, as the print formats' PDFs are (none of them asks for Chrome)."""
	from frappe.utils.pdf import get_pdf

	sample = f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{feature.sample}</body></html>'
	return feature.drawn(read_pdf(get_pdf(sample)))


def needs_pdf_feature(feature: PdfFeature):
	"""Mark a test that checks `feature`: run where the site's PDF generator draws it, skipped with the
	reason where it does not."""

	def mark(test):
		@functools.wraps(test)
		def run(self, *args, **kwargs):
			if not pdf_generator_draws(feature):
				self.skipTest(
					f"this site's PDF generator does not draw {feature.description}: wkhtmltopdf on unpatched Qt"
					" does not, WeasyPrint and Chrome 131+ do"
				)
			return test(self, *args, **kwargs)

		return run

	return mark
