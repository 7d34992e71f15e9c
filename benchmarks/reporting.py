"""Benchmark of the reporting cycle at city scale (issue "Scale and speed"): 100 reporting units x
60 monthly periods x 30 opinion items. Prints, for the compliance of all of it and the synthesis of one
period, the time the app's grouped queries take and the time of a naive loop that loads every report
document, and their ratio.

Run with `make bench` (SQLite) or `make bench DB=mariadb`: the engine copies its test template to a
throwaway site and runs `main()` on it. On a bench: `bench --site SITE execute benchmarks.reporting.main`
with the repository on the Python path (it writes 186,000 rows: use a scratch site)."""

import random
import statistics
import time
from collections import Counter

import frappe
from frappe.utils import cint, now_datetime

from dlxh_app.dlxh_reporting.compliance import get_matrix
from dlxh_app.dlxh_reporting.rules.compliance import judge_cell, owes_report
from dlxh_app.dlxh_reporting.rules.deadline import deadline_for
from dlxh_app.dlxh_reporting.synthesis import period_compliance, summarize_period

UNITS = 100
FIRST_YEAR, YEARS = 2021, 5  # 60 periods: 01/2021 to 12/2025
ITEMS_PER_REPORT = 30
ROOT = "BM Thành ủy"
TRENDS = ("Positive", "Negative", "Mixed", "Concerned")
LEVELS = ("Low", "Medium", "High")
# Share of unit-periods by the state their report is in; the rest have no report (missing).
STATES = (("Accepted", 0.82), ("Sent to City", 0.06), ("Returned", 0.04), ("Draft", 0.03))
REPEATS = 3


def periods() -> list[tuple[int, int]]:
	return [(FIRST_YEAR + index // 12, index % 12 + 1) for index in range(YEARS * 12)]


def make_units(count: int = UNITS) -> list[str]:
	frappe.get_doc(
		{
			"doctype": "DLXH Unit",
			"unit_name": ROOT,
			"unit_type": "City Department",
			"abbreviation": "BMTU",
			"is_group": 1,
		}
	).insert()
	names = []
	for number in range(1, count + 1):
		name = f"BM Đơn vị {number:03d}"
		frappe.get_doc(
			{
				"doctype": "DLXH Unit",
				"unit_name": name,
				"unit_type": "District Party Committee",
				"parent_dlxh_unit": ROOT,
				"abbreviation": f"BM{number:03d}",
				"is_reporting_unit": 1,
				"valid_from": "2020-01-01",
				# A tenth of the units are dissolved half-way, so some cells are not applicable.
				"valid_to": "2023-06-30" if number % 10 == 0 else None,
			}
		).insert()
		names.append(name)
	return names


def make_reports(units: list[str]) -> tuple[int, int]:
	"""Written with bulk inserts: the point is to measure reading them, not the ORM's insert speed."""
	rng = random.Random(2025)
	topics = frappe.get_all("Opinion Topic", pluck="name")
	settings = frappe.get_cached_doc("DLXH Settings")
	now, stamp = now_datetime(), now_datetime()
	report_fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "unit", "report_type",
		"period_year", "period_month", "workflow_state", "deadline", "sent_on", "is_late", "days_late",
	]  # fmt: skip
	item_fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "parent", "parenttype",
		"parentfield", "idx", "topic", "trend", "level_of_interest", "content", "area", "source",
	]  # fmt: skip
	reports, items = [], []
	for unit in units:
		dissolved = unit.endswith("0")
		for year, month in periods():
			if dissolved and (year, month) > (2023, 6):
				continue
			roll, state = rng.random(), None
			for candidate, share in STATES:
				if roll < share:
					state = candidate
					break
				roll -= share
			if not state:
				continue
			deadline = deadline_for(year, month, cint(settings.report_deadline_day), settings.time_zone)
			days_late = rng.choice((0, 0, 0, 0, 1, 3, 8)) if state != "Draft" else 0
			name = f"BM-{unit[-3:]}-{year}-{month:02d}"
			reports.append(
				(name, stamp, stamp, "Administrator", "Administrator", 1 if state == "Accepted" else 0,
				 unit, "Monthly", year, month, state, deadline.replace(tzinfo=None),
				 None if state == "Draft" else now, int(days_late > 0), days_late)
			)  # fmt: skip
			for idx in range(1, ITEMS_PER_REPORT + 1):
				items.append(
					(f"{name}-{idx:02d}", stamp, stamp, "Administrator", "Administrator", reports[-1][5],
					 name, "Opinion Report", "items", idx, rng.choice(topics), rng.choice(TRENDS),
					 rng.choice(LEVELS), f"Ý kiến số {idx} của {unit} về chủ đề trong tháng {month}/{year}.",
					 f"Khu vực {rng.randint(1, 9)}", "Collaborator")
				)  # fmt: skip
	frappe.db.bulk_insert("Opinion Report", report_fields, reports, chunk_size=2000)
	frappe.db.bulk_insert("Opinion Report Item", item_fields, items, chunk_size=5000)
	return len(reports), len(items)


def timed(function) -> tuple[float, object]:
	"""Median seconds over REPEATS runs, and the last result."""
	durations, result = [], None
	for _ in range(REPEATS):
		started = time.perf_counter()
		result = function()
		durations.append(time.perf_counter() - started)
	return statistics.median(durations), result


def naive_compliance(units: list[str]) -> Counter:
	"""What the grouped queries replace: every report loaded as a document, judged one by one."""
	settings = frappe.get_cached_doc("DLXH Settings")
	now = deadline_for(2026, 1, 15, settings.time_zone)
	statuses = Counter()
	for unit in units:
		dates = frappe.db.get_value("DLXH Unit", unit, ["valid_from", "valid_to"], as_dict=True)
		for year, month in periods():
			name = frappe.db.get_value(
				"Opinion Report", {"unit": unit, "period_year": year, "period_month": month}, "name"
			)
			report = frappe.get_doc("Opinion Report", name) if name else None
			cell = judge_cell(
				owes_report(dates.valid_from, dates.valid_to, year, month),
				report and report.workflow_state,
				bool(report and report.is_late),
				cint(report and report.days_late),
				deadline_for(year, month, cint(settings.report_deadline_day), settings.time_zone),
				now,
			)
			statuses[cell.status] += 1
	return statuses


class ItemCounts(Counter):
	def total_for(self, month: int, topic: str) -> int:
		return sum(
			count
			for (item_month, item_topic, _), count in self.items()
			if (item_month, item_topic) == (month, topic)
		)


def naive_synthesis(year: int, month: int) -> ItemCounts:
	"""Every accepted report of the period and the month before loaded, its items counted in Python."""
	counts = ItemCounts()
	for period_year, period_month in ((year, month - 1), (year, month)):
		for name in frappe.get_all(
			"Opinion Report",
			filters={"period_year": period_year, "period_month": period_month, "workflow_state": "Accepted"},
			pluck="name",
		):
			for item in frappe.get_doc("Opinion Report", name).items:
				counts[period_month, item.topic, item.trend] += 1
	return counts


def main():
	frappe.set_user("Administrator")
	started = time.perf_counter()
	units = make_units()
	reports, items = make_reports(units)
	frappe.db.commit()
	print(f"data: {len(units)} units x {len(periods())} periods; {reports:,} reports, {items:,} items")
	print(f"      written in {time.perf_counter() - started:.1f} s")

	settings = frappe.get_cached_doc("DLXH Settings")
	now = deadline_for(2026, 1, 15, settings.time_zone)
	grouped, matrix = timed(lambda: get_matrix(periods(), now=now))
	cells = Counter(cell.status for cell in matrix.cells.values() if cell.status)
	print(f"compliance, {len(matrix.cells):,} cells: grouped queries {grouped * 1000:.0f} ms")
	naive_started = time.perf_counter()
	naive_cells = naive_compliance(units)
	naive = time.perf_counter() - naive_started
	agree = "same result" if naive_cells == cells else f"DIFFERENT: {naive_cells} vs {cells}"
	print(f"            naive loop {naive:.1f} s (ratio {naive / grouped:.1f}x, {agree})")

	year, month = 2025, 6
	grouped, summaries = timed(lambda: summarize_period(year, month))
	print(
		f"synthesis of {month:02d}/{year}, {len(summaries)} topics: grouped queries {grouped * 1000:.0f} ms"
	)
	naive_started = time.perf_counter()
	naive_counts = naive_synthesis(year, month)
	naive = time.perf_counter() - naive_started
	both = {(summary.topic, summary.previous_total, summary.total) for summary in summaries}
	counted = {
		(topic, naive_counts.total_for(month - 1, topic), naive_counts.total_for(month, topic))
		for _, topic, _ in naive_counts
	}
	agree = "same counts" if both == counted else "DIFFERENT counts"
	print(f"            naive loop {naive:.1f} s (ratio {naive / grouped:.1f}x, {agree})")
	compliance, _ = timed(lambda: period_compliance(year, month))
	print(f"compliance summary of {month:02d}/{year} for the synthesis: {compliance * 1000:.0f} ms")
	frappe.db.rollback()


if __name__ == "__main__":
	main()
