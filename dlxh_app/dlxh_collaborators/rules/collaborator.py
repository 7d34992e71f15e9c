"""A collaborator's identity, term and status."""

import unicodedata
from datetime import date

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.text import clean_text

# A collaborator is an adult (Vietnam's age of majority) and still able to follow opinion in their area.
MIN_AGE = 18
MAX_AGE = 90

ACTIVE = "Active"
SUSPENDED = "Suspended"
ENDED = "Ended"


def check_birth_year(birth_year: int | None, today: date) -> None:
	"""Code "age_range" unless the collaborator is MIN_AGE to MAX_AGE years old this year."""
	if not birth_year or not today.year - MAX_AGE <= birth_year <= today.year - MIN_AGE:
		raise RuleError("age_range", birth_year, today.year - MAX_AGE, today.year - MIN_AGE)


def check_status(status: str, status_date: date | None, reason: str | None) -> None:
	"""A suspended or ended collaborator needs the date it happened ("status_date") and why
	("status_reason")."""
	if status == ACTIVE:
		return
	if not status_date:
		raise RuleError("status_date", status)
	if not clean_text(reason):
		raise RuleError("status_reason", status)


def fold(text: str | None) -> str:
	"""Text compared without accents, case or extra spaces ("Nguyễn  Văn Đức" -> "nguyen van duc"): lists
	typed on different keyboards spell the same name differently."""
	decomposed = unicodedata.normalize("NFD", clean_text(text).replace("Đ", "D").replace("đ", "d"))
	return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def identity_key(full_name: str | None, birth_year: int | None, area: str | None) -> tuple[str, int, str]:
	"""What makes two records the same person: name (accents folded), birth year and residential area."""
	return fold(full_name), int(birth_year or 0), area or ""


def is_current(status: str, term_start: date | None, term_end: date | None, on: date) -> bool:
	"""An active collaborator whose term has begun and not ended on the day."""
	if status != ACTIVE:
		return False
	if term_start and term_start > on:
		return False
	return not (term_end and term_end < on)
