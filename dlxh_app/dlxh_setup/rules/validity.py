"""Validity periods of units: from a first to a last day, both included; an empty end is open."""

from datetime import date

from dlxh_app.dlxh_setup.rules import RuleError


def check_period(valid_from: date | None, valid_to: date | None) -> None:
	"""Code "period_order" when the last day comes before the first."""
	if valid_from and valid_to and valid_to < valid_from:
		raise RuleError("period_order", valid_from, valid_to)


def is_valid_on(valid_from: date | None, valid_to: date | None, on: date) -> bool:
	return (valid_from is None or valid_from <= on) and (valid_to is None or on <= valid_to)


def periods_overlap(
	first_from: date | None, first_to: date | None, second_from: date | None, second_to: date | None
) -> bool:
	"""Whether two periods share at least one day."""
	first_starts_in_time = first_from is None or second_to is None or first_from <= second_to
	second_starts_in_time = second_from is None or first_to is None or second_from <= first_to
	return first_starts_in_time and second_starts_in_time
