"""Annual plans: their years, activities and progress, and how they cite their legal bases."""

from datetime import date

from dlxh_app.dlxh_setup.rules import RuleError

FIRST_PLAN_YEAR = 2000

# Activity statuses; cancelled activities count neither as done nor as still to do.
NOT_STARTED = "Not Started"
IN_PROGRESS = "In Progress"
DONE = "Done"
CANCELLED = "Cancelled"

# How Vietnamese documents name the types of the legal documents they cite.
CITED_TYPE_NAMES = {
	"Resolution": "Nghị quyết",
	"Decision": "Quyết định",
	"Directive": "Chỉ thị",
	"Conclusion": "Kết luận",
	"Guidance": "Hướng dẫn",
	"Plan": "Kế hoạch",
	"Regulation": "Quy định",
	"Law": "Luật",
	"Decree": "Nghị định",
	"Circular": "Thông tư",
	"Official Letter": "Công văn",
}


def check_plan_year(year: int, today: date) -> None:
	"""Code "year_range" unless FIRST_PLAN_YEAR <= year <= next year (plans are made ahead by a year)."""
	if not FIRST_PLAN_YEAR <= year <= today.year + 1:
		raise RuleError("year_range", year, FIRST_PLAN_YEAR, today.year + 1)


def check_activity_period(start: date | None, end: date | None) -> None:
	"""Code "end_before_start" when both dates are given and the end is earlier."""
	if start and end and end < start:
		raise RuleError("end_before_start", start, end)


def exists_in_year(valid_from: date | None, valid_to: date | None, year: int) -> bool:
	"""A unit existed during at least part of the year (empty dates are open ends)."""
	return (not valid_from or valid_from <= date(year, 12, 31)) and (
		not valid_to or valid_to >= date(year, 1, 1)
	)


def plan_progress(statuses: list[str]) -> float:
	"""Percentage of activities done, cancelled ones left out; 0 when nothing is left to count."""
	return progress_share(statuses.count(DONE), statuses.count(CANCELLED), len(statuses))


def progress_share(done: int, cancelled: int, total: int) -> float:
	"""The same percentage from counts (as a grouped query gives them)."""
	counted = total - cancelled
	return round(100 * done / counted, 1) if counted > 0 else 0.0


def trainings_held(
	plan_year: int, bounds: tuple[int, int], sessions: list[tuple[date, int, float]], today: date
) -> tuple[int, float]:
	"""The collaborator trainings a plan counts: those held in its year, up to today, by its issuing unit
	or a unit below it. `bounds` are the issuing unit's (lft, rgt), `sessions` (date, lft of the organiser
	unit, hours). Gives (trainings, hours)."""
	lft, rgt = bounds
	held = [
		hours
		for day, unit_lft, hours in sessions
		if day.year == plan_year and day <= today and lft <= unit_lft <= rgt
	]
	return len(held), round(sum(held), 1)


def citation(document_type: str, number: str, issued: date, issuing_body: str, summary: str) -> str:
	"""The legal-basis line of a Party document: "Căn cứ Quyết định số 1475-QĐ/TU ngày 09/4/2024 của
	Ban Thường vụ Thành ủy Cần Thơ về chức năng, ...". Day with two digits, month without a leading zero,
	as Party documents write dates in running text."""
	type_name = CITED_TYPE_NAMES.get(document_type, "văn bản")
	subject = summary.strip().rstrip(".;")
	if subject:
		subject = " " + subject[0].lower() + subject[1:]
	return f"Căn cứ {type_name} số {number} ngày {issued.day:02d}/{issued.month}/{issued.year} của {issuing_body}{subject}"
