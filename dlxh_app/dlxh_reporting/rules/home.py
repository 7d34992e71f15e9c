"""What each role's home in the web app points out, decided without the database: the units that have
missed two months running, the topics rising sharply, the share of reports sent on time."""

from collections.abc import Iterable, Sequence

from dlxh_app.dlxh_reporting.rules.compliance import Compliance

# A topic rises sharply when its items at least double against last month, by at least this many…
RISE_MIN_ITEMS = 3
# …or when it was not raised last month and is raised this many times now.
NEW_TOPIC_MIN_ITEMS = 3

# Statuses of a period whose deadline has passed for a unit that owed the report.
JUDGED = frozenset({Compliance.ON_TIME, Compliance.LATE, Compliance.RETURNED, Compliance.MISSING})


def missing_running(statuses: Sequence[Compliance], months: int = 2) -> bool:
	"""Whether the last `months` judged periods (deadline passed, report owed), in period order, are all
	missing: periods not due yet are skipped, a period the unit did not exist in ends the run."""
	judged = []
	for status in reversed(statuses):
		if status == Compliance.NOT_YET_DUE:
			continue
		if status not in JUDGED:
			break
		judged.append(status)
		if len(judged) == months:
			break
	return len(judged) == months and all(status == Compliance.MISSING for status in judged)


def rises_sharply(total: int, previous_total: int) -> bool:
	"""Whether a topic raised `total` times this month against `previous_total` last month rises sharply."""
	if previous_total <= 0:
		return total >= NEW_TOPIC_MIN_ITEMS
	return total >= 2 * previous_total and total - previous_total >= RISE_MIN_ITEMS


def on_time_share(statuses: Iterable[Compliance]) -> tuple[int, int, int | None]:
	"""(on time, judged, percent on time rounded) over the judged periods; None without any."""
	judged = [status for status in statuses if status in JUDGED]
	on_time = sum(1 for status in judged if status == Compliance.ON_TIME)
	percent = round(100 * on_time / len(judged)) if judged else None
	return on_time, len(judged), percent
