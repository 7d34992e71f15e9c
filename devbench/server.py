"""Serve a site over HTTP like `bench serve`, with the background worker and scheduler that `bench start`
runs beside it (devbench/background.py): Frappe's WSGI application on Werkzeug's server."""

import signal
import subprocess
import sys
from contextlib import contextmanager

from devbench.site import BENCH, ROOT, SITES, SiteConfig, enter


def serve(config: SiteConfig, port: int, host: str = "127.0.0.1") -> None:
	enter(config)
	from frappe.app import application
	from werkzeug.middleware.shared_data import SharedDataMiddleware
	from werkzeug.serving import run_simple

	wsgi = SharedDataMiddleware(
		application,
		{"/assets": str(SITES / "assets"), "/files": str(config.path / "public" / "files")},
	)
	# A terminated server (not only an interrupted one) stops its worker and scheduler too.
	signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
	with background_processes(config):
		run_simple(host, port, wsgi, use_reloader=False, use_debugger=False, threaded=True)


@contextmanager
def background_processes(config: SiteConfig):
	"""The worker and the scheduler, stopped with the server; their output goes to .devbench/logs/, as a
	bench's goes to its logs folder."""
	logs = BENCH / "logs"
	logs.mkdir(parents=True, exist_ok=True)
	processes = []
	for kind in ("worker", "scheduler"):
		with open(logs / f"{kind}.log", "a") as log:
			processes.append(
				subprocess.Popen(
					[sys.executable, "-m", "devbench.background", kind, config.name],
					cwd=ROOT,
					stdout=log,
					stderr=subprocess.STDOUT,
				)
			)
	try:
		yield
	finally:
		for process in processes:
			process.terminate()
		for process in processes:
			try:
				process.wait(timeout=10)
			except subprocess.TimeoutExpired:
				process.kill()
