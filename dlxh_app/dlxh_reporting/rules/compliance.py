"""Compliance of reporting units with the monthly reporting duty: for each unit and period, whether the
report came on time, late (by how many days), was returned and not sent again, is missing, is not due
yet, or was not owed because the unit did not exist then."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum


class Compliance(str, Enum):
	"""A status that is its English text wherever it goes (JSON, translations, f-strings), as Python
	3.11's StrEnum would be; Frappe v15 also runs on Python 3.10."""

	__str__ = str.__str__

	ON_TIME = "On Time"
	LATE = "Late"
	RETURNED = "Returned"
	MISSING = "Missing"
	NOT_YET_DUE = "Not Yet Due"
	NOT_APPLICABLE = "Not Applicable"


# Workflow states in which the city has the report.
RECEIVED_STATES = frozenset({"Sent to City", "Accepted"})
RETURNED_STATE = "Returned"


@dataclass(frozen=True)
class Cell:
	status: Compliance
	days_late: int = 0


def owes_report(valid_from: date | None, valid_to: date | None, year: int, month: int) -> bool:
	"""A unit owes the report of a month in which it existed at least one day (empty dates are open)."""
	first = date(year, month, 1)
	last = date(year + month // 12, month % 12 + 1, 1)  # first day of the next month
	return (not valid_from or valid_from < last) and (not valid_to or valid_to >= first)


def judge_cell(
	owes: bool,
	state: str | None,
	is_late: bool,
	days_late: int,
	deadline: datetime,
	now: datetime,
) -> Cell:
	"""One unit's period. `state` is its report's workflow state (None without a report); `is_late` and
	`days_late` are as judged when the report was sent; `deadline` and `now` are comparable datetimes."""
	if not owes:
		return Cell(Compliance.NOT_APPLICABLE)
	if state in RECEIVED_STATES:
		return Cell(Compliance.LATE, days_late) if is_late else Cell(Compliance.ON_TIME)
	if state == RETURNED_STATE:
		return Cell(Compliance.RETURNED)
	return Cell(Compliance.MISSING) if now >= deadline else Cell(Compliance.NOT_YET_DUE)


def totals(cells) -> dict[str, int]:
	"""How many cells have each status (every status present, zeros included)."""
	counted = Counter(cell.status for cell in cells)
	return {status.value: counted.get(status, 0) for status in Compliance}
