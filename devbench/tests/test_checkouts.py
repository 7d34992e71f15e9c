"""Two checkouts of the repository on one machine share MariaDB and Redis but not a database, user or
cache key: one serving the app (`make run`) while the other runs tests (`make test`) disturbs neither,
nor this checkout's test site. A site whose installation failed is not taken for a site: the next run
makes it again."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import frappe
import redis

from devbench import site as bench_site
from devbench.site import DB_PREFIX, REDIS_URL, ROOT
from dlxh_app.tests.base import IntegrationTestCase

SOURCES = ("Makefile", "pyproject.toml", "devbench", "dlxh_app", "benchmarks")
SERVER_START_SECONDS = 240

FAILED_INSTALL = """
import json, os, sys
sys.path.insert(0, os.getcwd())  # the engine works from its sites folder, as `python -m` would not
from devbench import site
from devbench.site import SiteConfig

site.boot_engine()
from frappe import installer

def interrupted(*args, **kwargs):
	raise RuntimeError("installation interrupted")

installer.install_app = interrupted
config = SiteConfig.for_role("dev", sys.argv[1])
try:
	site.new_site(config)
except RuntimeError:
	pass
sys.__stdout__.write(json.dumps({"exists": SiteConfig.for_role("dev", sys.argv[1]).exists}) + "\\n")
"""


def make_checkout(parent: Path, name: str) -> Path:
	"""A copy of this checkout's sources in another folder, sharing its virtualenv (not its sites)."""
	checkout = parent / name
	(checkout / ".devbench").mkdir(parents=True)
	for source in SOURCES:
		if (ROOT / source).is_dir():
			shutil.copytree(ROOT / source, checkout / source, ignore=shutil.ignore_patterns("__pycache__"))
		else:
			shutil.copy(ROOT / source, checkout / source)
	(checkout / ".devbench" / "venv").symlink_to(ROOT / ".devbench" / "venv")
	return checkout


def checkout_environment() -> dict[str, str]:
	"""The environment of a shell in a fresh clone: no prefix or engine folder chosen."""
	hidden = {
		"DEVBENCH_DB_PREFIX",
		"DEVBENCH_HOME",
		"DEVBENCH_SITE",
		"DEVBENCH_TEST_SITE",
		"DEVBENCH_TEST_SITES",
		"DEVBENCH_TEST_WORKERS",
		"PYTEST_CURRENT_TEST",
	}
	# and what pytest-xdist tells its processes (PYTEST_XDIST_WORKER…): the other checkout's test run is
	# not one of this run's processes.
	return {
		key: value
		for key, value in os.environ.items()
		if key not in hidden and not key.startswith("PYTEST_XDIST_")
	}


def run_in(checkout: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
	return subprocess.run(
		[sys.executable, *args],
		cwd=checkout,
		env=checkout_environment(),
		capture_output=True,
		text=True,
		check=False,
		**kwargs,
	)


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		return probe.getsockname()[1]


def answer(url: str, data: dict | None = None) -> str:
	body = urllib.parse.urlencode(data).encode() if data else None
	with urllib.request.urlopen(url, data=body, timeout=10) as response:
		return response.read().decode()


class TestTwoCheckoutsOnOneMachine(IntegrationTestCase):
	"""Slow by nature (30–50 s): what is tested is two checkouts' processes at once, so each test starts
	the other checkout's server or test run in a process of its own, which imports the engine and builds
	its site as a newcomer's `make run` / `make test` would."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.db_type = frappe.db.db_type
		cls.parent = Path(tempfile.mkdtemp(prefix="devbench-checkouts-"))
		cls.serving = make_checkout(cls.parent, "serving")
		cls.testing = make_checkout(cls.parent, "testing")
		cls.prefixes = [
			run_in(checkout, "-c", "from devbench.site import DB_PREFIX; print(DB_PREFIX)").stdout.strip()
			for checkout in (cls.serving, cls.testing)
		]

	@classmethod
	def tearDownClass(cls):
		for prefix in cls.prefixes:
			drop_databases_and_cache(prefix, cls.db_type)
		shutil.rmtree(cls.parent, ignore_errors=True)
		super().tearDownClass()

	def test_prefixes_differ_by_checkout_and_can_be_chosen(self):
		self.assertEqual(len({*self.prefixes, DB_PREFIX}), 3, self.prefixes)
		for prefix in self.prefixes:
			self.assertRegex(prefix, r"^dlxh_(serving|testing)_[0-9a-f]{6}$")
		chosen = subprocess.run(
			[
				sys.executable,
				"-c",
				"from devbench.site import SiteConfig; print(SiteConfig.for_role('dev', 'sqlite').db_name)",
			],
			cwd=self.serving,
			env=checkout_environment() | {"DEVBENCH_DB_PREFIX": "mine"},
			capture_output=True,
			text=True,
			check=True,
		)
		self.assertEqual(chosen.stdout.strip(), "mine_dev_sqlite")

	# Slow by nature (a minute or more): a second checkout builds its own site and serves it while the
	# first runs tests, each in its own processes, as two developers' `make run` and `make test` do.
	def test_run_and_test_at_once_after_a_failed_install(self):
		failed = run_in(self.serving, "-c", FAILED_INSTALL, self.db_type)
		self.assertEqual(
			json.loads(failed.stdout.strip().splitlines()[-1]), {"exists": False}, failed.stderr[-2000:]
		)

		frappe.cache.set_value("devbench_checkout_check", "still here")
		frappe.db.commit()
		port = free_port()
		server = subprocess.Popen(
			[sys.executable, "-m", "devbench", "run", "--db", self.db_type, "--port", str(port), "--no-demo"],
			cwd=self.serving,
			env=checkout_environment(),
			stdout=subprocess.PIPE,
			stderr=subprocess.STDOUT,
			text=True,
			start_new_session=True,
		)
		try:
			tests = run_in(
				self.testing,
				"-m",
				"devbench",
				"test",
				"--db",
				self.db_type,
				"--",
				"devbench/tests/test_engine.py::TestAppOnEngine::test_app_is_installed_with_its_hooks_and_modules",
				timeout=SERVER_START_SECONDS,
			)
			ping = self.wait_for_ping(server, port)
			login = answer(
				f"http://127.0.0.1:{port}/api/method/login", {"usr": "Administrator", "pwd": "admin"}
			)
		finally:
			os.killpg(server.pid, signal.SIGTERM)
			output = server.communicate(timeout=30)[0]

		self.assertEqual(tests.returncode, 0, (tests.stdout + tests.stderr)[-3000:])
		self.assertIn("1 passed", tests.stdout)
		self.assertEqual(json.loads(ping), {"message": "pong"}, output[-3000:])
		self.assertIn("Logged In", login)
		# This checkout's own test site and its cache were left alone.
		self.assertEqual(frappe.cache.get_value("devbench_checkout_check"), "still here")
		self.assertTrue(frappe.db.exists("DocType", "Opinion Report"))
		frappe.cache.delete_value("devbench_checkout_check")

	def wait_for_ping(self, server: subprocess.Popen, port: int) -> str:
		deadline = time.monotonic() + SERVER_START_SECONDS
		while time.monotonic() < deadline and server.poll() is None:
			try:
				return answer(f"http://127.0.0.1:{port}/api/method/ping")
			except OSError:
				time.sleep(1)
		self.fail(f"`make run` in the other checkout did not answer on port {port}")


def drop_databases_and_cache(prefix: str, db_type: str) -> None:
	"""Everything a checkout with this prefix made in the shared MariaDB and Redis."""
	if prefix.startswith(DB_PREFIX) or not prefix.startswith("dlxh_"):
		return  # never this checkout's own
	if db_type == "mariadb":
		connection = bench_site.mariadb_root()
		cursor = connection.cursor()
		pattern = prefix.replace("_", "\\_") + "\\_%"
		cursor.execute(
			"SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE %s", (pattern,)
		)
		for (database,) in cursor.fetchall():
			cursor.execute(f"DROP DATABASE `{database}`")
		cursor.execute("SELECT user, host FROM mysql.user WHERE user LIKE %s", (pattern,))
		for user, host in cursor.fetchall():
			cursor.execute(f"DROP USER '{user}'@'{host}'")
		connection.close()
	client = redis.Redis.from_url(REDIS_URL)
	for key in client.scan_iter(match=f"{prefix}_*", count=1000):
		client.delete(key)
