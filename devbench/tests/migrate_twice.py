"""Run in a subprocess by test_engine: copy the installed template, migrate it twice, print what the
schema and the framework's records look like after each migration, as JSON."""

import json
import sys

from devbench import site as bench_site
from devbench.site import SiteConfig

TRACKED_DOCTYPES = [
	"DocType",
	"DocField",
	"DocPerm",
	"Custom Field",
	"Module Def",
	"Role",
	"Scheduled Job Type",
	"Patch Log",
	"Workflow",
	"Print Format",
	"Report",
]


def snapshot(config: SiteConfig) -> dict:
	bench_site.open_site(config)
	import frappe

	columns = {
		table: sorted(frappe.db.get_table_columns(table.removeprefix("tab")))
		for table in frappe.db.get_tables(cached=False)
		if table.startswith("tab")
	}
	counts = {doctype: frappe.db.count(doctype) for doctype in TRACKED_DOCTYPES}
	app_doctypes = frappe.get_all("DocType", filters={"module": ["like", "DLXH %"]}, pluck="name")
	frappe.destroy()
	return {"columns": columns, "counts": counts, "app_doctypes": sorted(app_doctypes)}


def main(db_type: str) -> None:
	template = SiteConfig.for_role("template", db_type)
	target = SiteConfig.for_role("migrate-check", db_type)
	bench_site.clone_site(template, target)
	results = []
	for _ in range(2):
		bench_site.migrate(target)
		results.append(snapshot(target))
	sys.__stdout__.write(json.dumps(results) + "\n")


if __name__ == "__main__":
	main(*sys.argv[1:])
