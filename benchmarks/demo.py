"""Benchmark of loading the demo (`make run`'s first load): prints the time `make_demo` takes on a fresh
site (wall clock and this process's CPU, which other processes on the machine slow less), what it made,
and a second run's time (nothing left to make). Rolled back afterwards.

Run with `make bench` (before the reporting benchmark, which writes its own data). On a bench:
`bench --site SITE execute benchmarks.demo.main` with the repository on the Python path, on a site
without the demo."""

import time

import frappe

from dlxh_app.setup.demo import make_demo

COUNTED = (
	"User",
	"DLXH Plan",
	"Opinion Report",
	"Opinion Entry",
	"Report Request",
	"Opinion Synthesis",
	"DLXH Collaborator",
)


def main():
	frappe.set_user("Administrator")
	if frappe.db.exists("Opinion Report"):
		print("demo: skipped, the site has reports already")
		return
	counts = {doctype: frappe.db.count(doctype) for doctype in COUNTED}
	wall, cpu = time.perf_counter(), time.process_time()
	make_demo()
	wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
	made = ", ".join(f"{frappe.db.count(doctype) - counts[doctype]} {doctype}" for doctype in COUNTED)
	steps = frappe.db.count("Comment", {"comment_type": "Workflow"})
	print(f"demo: {made}; {steps} workflow steps")
	print(f"      made in {wall:.1f} s ({cpu:.1f} s of CPU in this process)")
	again = time.perf_counter()
	make_demo()
	print(f"      made again (nothing to make) in {time.perf_counter() - again:.1f} s")
	frappe.db.rollback()


if __name__ == "__main__":
	main()
