"""`make e2e`: the web app's browser tests (frontend/e2e/: Debian's Chromium driven by playwright-core)
against the server `make run` starts, on a fresh copy of the demo site, so that every run meets the
same data (the tests draft this month's report, which a unit may have only once). `make figures`:
the web app's speed and size (frontend/scripts/figures.js) on such a site with 500 more reports.

    python -m devbench.e2e [--db sqlite|mariadb] [--figures] [test files...]
"""

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request

from devbench import cli, frontend
from devbench import site as bench_site
from devbench.site import ROOT, SiteConfig


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		return probe.getsockname()[1]


def wait_until_serving(url: str, server: subprocess.Popen, seconds: int = 120) -> None:
	for _ in range(seconds * 2):
		if server.poll() is not None:
			cli.fail(f"the server stopped (exit {server.returncode}); see .devbench/logs")
		with contextlib.suppress(OSError):
			urllib.request.urlopen(f"{url}/api/method/ping", timeout=2)
			return
		time.sleep(0.5)
	cli.fail(f"the server did not answer on {url}")


# 9 units x 60 months, less the months without a report: about 510 reports of 30 items.
FIGURES_UNITS = 9


def drop_queued_jobs(config: SiteConfig) -> None:
	"""Jobs queued for an earlier copy of this site (making the demo users queues two each) would
	never run: no worker runs here. Left in Redis they add up until Frappe refuses to queue more."""
	bench_site.open_site(config)
	import frappe
	from frappe.utils.background_jobs import get_queues

	try:
		for queue in get_queues():
			for job in queue.jobs:
				if job.kwargs.get("site") == config.name:
					job.delete()
	finally:
		frappe.destroy()


def add_reports(config: SiteConfig) -> None:
	"""The benchmark's bulk-written reports (benchmarks/reporting.py), as many as the figures need."""
	bench_site.open_site(config)
	import frappe

	from benchmarks import reporting

	try:
		reporting.make_reports(reporting.make_units(FIGURES_UNITS))
		frappe.db.commit()
	finally:
		frappe.destroy()


def main() -> None:
	parser = argparse.ArgumentParser(prog="devbench.e2e", description=__doc__)
	parser.add_argument("--db", choices=["sqlite", "mariadb"], default="sqlite")
	parser.add_argument("--figures", action="store_true", help="print speed and size figures instead")
	parser.add_argument("tests", nargs="*", help="test files under frontend/e2e (all by default)")
	args = parser.parse_args()
	os.chdir(ROOT)
	cli.check_database(args.db)
	with cli.quiet("Building the web app (frontend/) if it changed"):
		frontend.build_if_changed()
	config = cli.test_site(args.db, role="e2e")
	bench_site.give_setup_wizard_answers(config)
	drop_queued_jobs(config)
	cli.demo_logins(config)
	if args.figures:
		with cli.quiet("Writing 500 more reports for the list's figures"):
			add_reports(config)
	port = free_port()
	url = f"http://127.0.0.1:{port}"
	server = subprocess.Popen(
		[sys.executable, "-m", "devbench.e2e_server", config.name, str(port)],
		cwd=ROOT,
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)
	try:
		wait_until_serving(url, server)
		what = "Figures" if args.figures else "Browser tests"
		print(f"{what} against {url} (site {config.name}, {args.db})", flush=True)
		tests = [os.path.relpath(ROOT / test, frontend.FRONTEND) for test in args.tests] or ["e2e/"]
		command = (
			["node", "scripts/figures.js"]
			if args.figures
			else ["node", "--test", "--test-concurrency=1", *tests]
		)
		result = subprocess.run(
			command,
			cwd=frontend.FRONTEND,
			env=os.environ | {"DLXH_BASE_URL": url},
		)
	finally:
		server.terminate()
		server.wait(timeout=30)
	sys.exit(result.returncode)


if __name__ == "__main__":
	main()
