"""Benchmark of the app over HTTP: what a request costs on its own (a ping, which reads nothing), and 24
unit officers creating their monthly report drafts at the same moment, each naming a report from the
same series. Frappe's WSGI application is driven in this process by werkzeug's test client, one thread
per officer as a threaded server would, so the figures are the application's and the database's, not a
network's. Responses are buffered, so the application's iterable is closed as a server closes it (and
the request's database connection with it).

Run by `make bench` after `benchmarks/reporting.py`, whose reporting units the officers belong to."""

import statistics
import threading
import time

import frappe
from frappe.app import application
from werkzeug.test import Client

from benchmarks.reporting import ROOT

OFFICERS = 24
PINGS = 300
PASSWORD = "bench-officer-2026"
PERIOD = (2026, 11)  # after the reporting benchmark's periods, before today


def in_thread(function):
	"""Run `function` in a thread of its own, with its own `frappe.local`, as a request thread has."""
	result = {}
	thread = threading.Thread(target=lambda: result.update(value=function()))
	thread.start()
	thread.join()
	return result["value"]


def make_officers() -> list[tuple[str, str]]:
	"""(login, unit): a unit officer for each of the first reporting units that still exist but one,
	whose report is made beforehand, so that the reports' naming series exists as on a site in use
	(the first insert of a counter row is another matter: MariaDB's gap locks make racing first
	inserts deadlock, upstream as here)."""
	first, *units = frappe.get_all(
		"DLXH Unit",
		filters={"parent_dlxh_unit": ROOT, "valid_to": ("is", "not set")},
		order_by="name",
		pluck="name",
		limit=OFFICERS + 1,
	)
	frappe.get_doc(draft(first)).insert()
	officers = []
	for number, unit in enumerate(units, start=1):
		email = f"bench.officer{number:02d}@dlxh.local"
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": f"Officer {number:02d}",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"dlxh_unit": unit,
				"roles": [{"role": "DLXH Unit Officer"}],
			}
		).insert(ignore_permissions=True)
		officers.append((email, unit))
	frappe.db.commit()
	return officers


def draft(unit: str) -> dict:
	return {
		"doctype": "Opinion Report",
		"unit": unit,
		"report_type": "Monthly",
		"period_year": PERIOD[0],
		"period_month": PERIOD[1],
	}


def ping_milliseconds() -> list[float]:
	client = Client(application)
	durations = []
	for _ in range(PINGS):
		started = time.perf_counter()
		response = client.get("/api/method/ping", buffered=True)
		durations.append((time.perf_counter() - started) * 1000)
		assert response.status_code == 200, response.get_data(as_text=True)[:300]
	return durations


def create_drafts_at_once(officers: list[tuple[str, str]]) -> tuple[float, list[float], list[str]]:
	"""Seconds until the last draft is made, each request's milliseconds, and the failures."""
	start = threading.Barrier(len(officers) + 1)
	durations, failures = [], []

	def officer(email: str, unit: str) -> None:
		client = Client(application)
		login = client.post("/api/method/login", data={"usr": email, "pwd": PASSWORD}, buffered=True)
		assert login.status_code == 200, login.get_data(as_text=True)[:300]
		start.wait()
		started = time.perf_counter()
		response = client.post(
			"/api/resource/Opinion Report",
			json={
				"unit": unit,
				"report_type": "Monthly",
				"period_year": PERIOD[0],
				"period_month": PERIOD[1],
			},
		)
		durations.append((time.perf_counter() - started) * 1000)
		if response.status_code != 200:
			failures.append(f"{response.status_code} {response.get_data(as_text=True)[:200]}")

	threads = [threading.Thread(target=officer, args=officer_and_unit) for officer_and_unit in officers]
	for thread in threads:
		thread.start()
	start.wait()
	started = time.perf_counter()
	for thread in threads:
		thread.join()
	return time.perf_counter() - started, durations, failures


def main():
	officers = make_officers()
	pings = in_thread(ping_milliseconds)
	print(f"ping, {PINGS} requests one after another: median {statistics.median(pings):.1f} ms")
	elapsed, durations, failures = create_drafts_at_once(officers)
	made = frappe.db.count("Opinion Report", {"period_year": PERIOD[0], "period_month": PERIOD[1]}) - 1
	print(
		f"{len(officers)} officers creating report drafts at once: all done in {elapsed:.2f} s, "
		f"median {statistics.median(durations):.0f} ms each; {made} made, {len(failures)} failed"
	)
	for failure in sorted(set(failures))[:3]:
		print(f"            {failure}")
