"""Names of the app's documents used to be given by `format:` rules (`format:KH-{plan_year}-{####}`),
whose number Frappe takes from one counter shared by every such rule (`tabSeries` under ""), so that
KH-2026-0231 stood next to YK-2026-00230. They now name by series (`KH-.{plan_year}.-.####`), which count
per prefix ("KH-2026-"). Each prefix's counter starts at the highest number already used under it, so
that no new name collides with an old one."""

import re

import frappe


def execute():
	for doctype, autoname in frappe.get_all(
		"DocType",
		filters={"module": ("in", frappe.get_module_list("dlxh_app")), "autoname": ("like", "%.#%")},
		fields=["name", "autoname"],
		as_list=True,
	):
		for prefix, number in highest_numbers(doctype, autoname).items():
			continue_series(prefix, number)


def highest_numbers(doctype: str, autoname: str) -> dict[str, int]:
	"""The highest number used under each prefix by the names of `doctype` its series would give
	(amended names, "KH-2026-0005-1", are not of the series)."""
	pattern = series_pattern(autoname)
	highest: dict[str, int] = {}
	for name in frappe.get_all(doctype, pluck="name"):
		if match := pattern.fullmatch(name):
			prefix, number = name[: match.start("number")], int(match["number"])
			highest[prefix] = max(number, highest.get(prefix, 0))
	return highest


def series_pattern(autoname: str) -> re.Pattern:
	"""A regular expression for the names a dot-separated series gives: each `#…` part is the number
	(at least as many digits), date parts are digits, field parts (`{plan_year}`) anything."""
	dates = {"YYYY": r"\d{4}", "YY": r"\d{2}", "MM": r"\d{2}", "DD": r"\d{2}"}
	parts = []
	for part in filter(None, autoname.split(".")):
		if part.startswith("#"):
			parts.append(rf"(?P<number>\d{{{len(part)},}})")
		elif part in dates:
			parts.append(dates[part])
		elif part.startswith("{"):
			parts.append(".+?")
		else:
			parts.append(re.escape(part))
	return re.compile("".join(parts))


def continue_series(prefix: str, number: int) -> None:
	"""Raise the counter of `prefix` to `number` (never lower it), as the Series table keeps it."""
	current = frappe.db.get_value("Series", prefix, "current", order_by="name")
	if current is None:
		frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, %s)", (prefix, number))
	elif int(current) < number:
		frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (number, prefix))
