"""Abbreviations of issuing units, as printed in Party document numbers: "Số 12-KH/BTGTU"."""

import re

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.text import clean_text

_ABBREVIATION = re.compile(r"[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*")


def normalize_abbreviation(value: str | None) -> str:
	"""Capital letters A-Z and Đ, digits, and single hyphens between them (BTGTU, PTT-TH, HĐND).

	Lower case is raised to capitals; anything else (spaces, slashes, other accented letters) is refused
	with code "abbreviation_chars", because the abbreviation follows a "/" in the document number."""
	abbreviation = clean_text(value).upper()
	if not _ABBREVIATION.fullmatch(abbreviation):
		raise RuleError("abbreviation_chars", abbreviation)
	return abbreviation
