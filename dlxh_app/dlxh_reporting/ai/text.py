"""Vietnamese text as the classifier sees it: the plain text of an entry (HTML dropped), Unicode
composed (NFC, so that a letter typed with combining accents is the same word), lower-cased, and
segmented into words by pyvi's tokenizer, whose CRF model ships inside the package (nothing is fetched
at run time). A compound word is joined by "_" ("giao_thông"), so it is one feature."""

import itertools
import re
import unicodedata
from functools import cache
from html import unescape

MAX_CHARS = 20_000
"""Longer text is cut here before segmenting: an entry is a few sentences, a pasted book is not one."""

_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:_[^\W_]+)*")


@cache
def tokenizer():
	"""pyvi's tokenizer, loaded once (its model takes a few seconds to unpickle)."""
	from pyvi.ViTokenizer import ViTokenizer

	return ViTokenizer


def normalize(text: str | None) -> str:
	"""The plain text: tags dropped, entities decoded, NFC, spaces collapsed, cut at MAX_CHARS."""
	text = unescape(_TAGS.sub(" ", text or ""))
	text = unicodedata.normalize("NFC", text)
	return _SPACES.sub(" ", text).strip()[:MAX_CHARS]


def segment(text: str | None) -> list[str]:
	"""The words of the text, lower-cased, compound words joined by "_", punctuation dropped."""
	text = normalize(text)
	if not text:
		return []
	return _WORD.findall(tokenizer().tokenize(text).lower())


def strip_accents(word: str) -> str:
	"""The word without its diacritics ("thông" → "thong", "đường" → "duong")."""
	decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
	return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


def features(words: list[str]) -> list[str]:
	"""The TF-IDF features of segmented words: each word, each pair of neighbouring words, and each
	syllable without its accents (prefixed "~"), so that text typed without accents ("nguoi dan phan anh
	ket xe") still meets the words it was learnt from."""
	pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)]
	syllables = [f"~{strip_accents(syllable)}" for word in words for syllable in word.split("_")]
	return words + pairs + syllables
