"""The opinion AI's demo: thousands of labelled opinion entries of the last twelve weeks in the reporting
units that exist today (dlxh_reporting/ai/corpus.py, a fixed seed), recorded by each unit's officer and
written with bulk inserts (the ORM would take minutes), then the site's model trained on them, so that an
officer typing an entry sees suggestions at once and the city officer sees this week's emerging issues and
the similar opinions. The README's collaborator's unit is left out: its walkthrough pulls its own entries.

Numbered from the entries' naming series as an insert would be (the series is advanced once per year)."""

from collections import defaultdict

import frappe
from frappe.utils import getdate, now_datetime

from dlxh_app.dlxh_reporting.ai import corpus
from dlxh_app.dlxh_reporting.ai.classifier import NotEnoughLabels
from dlxh_app.dlxh_reporting.ai.store import load_model, train_site_model
from dlxh_app.dlxh_setup.rules.validity import is_valid_on
from dlxh_app.setup.demo_reports import COLLABORATOR
from dlxh_app.setup.demo_users import staff_of

ENTRIES = 3000
SEED = 2026
FIELDS = (
	"name",
	"owner",
	"modified_by",
	"creation",
	"modified",
	"docstatus",
	"entry_date",
	"unit",
	"topic",
	"trend",
	"level_of_interest",
	"social_stratum",
	"source",
	"content",
	"verification_status",
)


def make_ai_demo(units: list[dict], today, count: int = ENTRIES, train: bool = True) -> int:
	"""The entries once per site (none when the demo's exist already), and the model when they were
	written or the site has none. Returns how many entries were written."""
	today = getdate(today)
	skip = frappe.db.get_value("User", COLLABORATOR, "dlxh_unit")
	officers = {
		row["unit"]: staff_of(row)["officer"]
		for row in units
		if row["unit"] != skip and unit_exists_on(row["unit"], today)
	}
	made = 0
	if officers and not frappe.db.exists("Opinion Entry", {"content": first_content(list(officers), today)}):
		entries = corpus.generate(count, list(officers), today, seed=SEED)
		insert_entries(entries, officers)
		made = len(entries)
	# The model is a file of the site, which a test's rollback would not remove: tests train their own. A
	# site restored without its private files gets its model again here.
	if train and not frappe.flags.in_test and (made or not load_model()):
		try:
			train_site_model()
		except NotEnoughLabels:
			pass
	return made


def first_content(units: list[str], today) -> str:
	return corpus.generate(1, units, today, seed=SEED, bursts=False)[0]["content"]


def unit_exists_on(unit: str, day) -> bool:
	valid_from, valid_to = frappe.db.get_value("DLXH Unit", unit, ["valid_from", "valid_to"]) or (None, None)
	return is_valid_on(valid_from, valid_to, day)


def insert_entries(entries: list[dict], officers: dict[str, str]):
	"""Bulk-inserted, oldest first, named from the entries' series ("YK-.YYYY.-.#####")."""
	entries = sorted(entries, key=lambda entry: entry["entry_date"])
	by_year = defaultdict(list)
	for entry in entries:
		by_year[entry["entry_date"][:4]].append(entry)
	now = now_datetime()
	rows = []
	for year, of_year in by_year.items():
		first = reserve(f"YK-{year}-", len(of_year))
		for number, entry in enumerate(of_year, start=first):
			owner = officers[entry["unit"]]
			stamp = f"{entry['entry_date']} 19:30:00" if entry["entry_date"] < str(now.date()) else now
			rows.append(
				(
					f"YK-{year}-{number:05d}",
					owner,
					owner,
					stamp,
					stamp,
					0,
					*(entry[field] for field in FIELDS[6:]),
				)
			)
	frappe.db.bulk_insert("Opinion Entry", FIELDS, rows, chunk_size=1000)


def reserve(prefix: str, count: int) -> int:
	"""The first of `count` numbers taken from the naming series `prefix`, as `count` inserts would."""
	current = frappe.db.get_value("Series", prefix, "current", order_by="name")
	if current is None:
		frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, 0)", prefix)
		current = 0
	frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (int(current) + count, prefix))
	return int(current) + 1
