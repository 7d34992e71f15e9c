"""Text clean-up for names, header lines and keyword lists typed in Vietnamese.

Vietnamese text arrives composed (NFC) or decomposed (NFD, e.g. from some Windows keyboards); the two
look the same but compare unequal, so every stored name and keyword is normalised to NFC."""

import re
import unicodedata
from html import unescape

_KEYWORD_SEPARATORS = re.compile(r"[,;\n]")
_LINE_ENDS = re.compile(r"<\s*(?:br\s*/?|/p|/div|/li|/h[1-6])\s*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")


def clean_text(value: str | None) -> str:
	"""NFC, single spaces, no leading or trailing blanks."""
	if not value:
		return ""
	return " ".join(unicodedata.normalize("NFC", value).split())


def header_line(value: str | None) -> str:
	"""A line of a Party document header: cleaned and in capitals ("Thành ủy Cần Thơ" -> "THÀNH ỦY CẦN THƠ")."""
	return clean_text(value).upper()


def split_keywords(value: str | None) -> list[str]:
	"""Keywords separated by commas, semicolons or new lines; blanks dropped, duplicates (ignoring case)
	dropped, first spelling and order kept."""
	keywords: list[str] = []
	seen: set[str] = set()
	for part in _KEYWORD_SEPARATORS.split(value or ""):
		keyword = clean_text(part)
		if keyword and keyword.casefold() not in seen:
			seen.add(keyword.casefold())
			keywords.append(keyword)
	return keywords


def join_keywords(keywords: list[str]) -> str:
	return ", ".join(keywords)


def normalize_keywords(value: str | None) -> str:
	return join_keywords(split_keywords(value))


def plain_text(html: str | None) -> str:
	"""The text of a Text Editor's HTML, for plain-text fields: a line per paragraph, line break or list
	item, tags dropped, entities decoded, each line cleaned as by `clean_text`, empty lines dropped."""
	text = unescape(_TAGS.sub("", _LINE_ENDS.sub("\n", html or "")))
	return "\n".join(line for line in map(clean_text, text.split("\n")) if line)
