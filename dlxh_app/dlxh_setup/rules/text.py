"""Text clean-up for names, header lines and keyword lists typed in Vietnamese.

Vietnamese text arrives composed (NFC) or decomposed (NFD, e.g. from some Windows keyboards); the two
look the same but compare unequal, so every stored name and keyword is normalised to NFC."""

import re
import unicodedata

_KEYWORD_SEPARATORS = re.compile(r"[,;\n]")


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
