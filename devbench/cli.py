"""`python -m devbench run|test|console|migrate`: what `make run` and `make test` call."""

import argparse
import contextlib
import os
import socket
import sys
import time
import traceback

from devbench import frontend
from devbench import site as bench_site
from devbench.site import BENCH, MARIADB_HOST, MARIADB_PORT, ROOT, SiteConfig

ADMIN_LOGIN = "Administrator / admin"


def mariadb_answers() -> bool:
	with contextlib.suppress(OSError), socket.create_connection((MARIADB_HOST, MARIADB_PORT), timeout=1):
		return True
	return False


def fail(message: str) -> None:
	print(f"error: {message}", file=sys.stderr)
	sys.exit(1)


def check_database(db_type: str) -> None:
	if db_type != "mariadb":
		return
	if not mariadb_answers():
		fail(f"MariaDB does not answer on {MARIADB_HOST}:{MARIADB_PORT}; start it or use DB=sqlite.")
	try:
		bench_site.mariadb_root().close()
	except Exception as error:
		fail(f"cannot log in to MariaDB on {MARIADB_HOST}:{MARIADB_PORT} as root: {error}")


@contextlib.contextmanager
def quiet(step: str):
	"""Run a noisy framework step with its output in a log file; show the log only if it fails."""
	log_path = BENCH / "logs" / "devbench.log"
	log_path.parent.mkdir(parents=True, exist_ok=True)
	started = time.monotonic()
	print(f"{step}...", flush=True)
	with open(log_path, "a") as log, contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
		print(f"--- {step}")
		try:
			yield
		except BaseException:
			traceback.print_exc(file=log)
			failed = True
		else:
			failed = False
	if failed:
		lines = log_path.read_text(errors="replace").splitlines()[-40:]
		print("\n".join(lines), file=sys.stderr)
		fail(f"{step} failed; full log in {log_path}")
	print(f"{step}: done in {time.monotonic() - started:.0f} s", flush=True)


def dev_site(db_type: str) -> SiteConfig:
	"""The site `make run` serves: made once, migrated when the app changed."""
	config = SiteConfig.for_role("dev", db_type)
	if not config.exists:
		with quiet(f"Creating site {config.name} on {db_type} and installing dlxh_app"):
			bench_site.new_site(config, setup_wizard=True)
	elif not bench_site.is_current(config):
		with quiet(f"Migrating site {config.name}"):
			bench_site.migrate(config)
	return config


def test_site(db_type: str, role: str = "test") -> SiteConfig:
	"""A fresh copy of the installed template site, rebuilt only when the app's fingerprint changed."""
	template = SiteConfig.for_role("template", db_type)
	if not template.exists or not bench_site.is_current(template):
		with quiet(f"Building the {db_type} test template (framework and dlxh_app installed)"):
			bench_site.new_site(template)
	config = SiteConfig.for_role(role, db_type)
	with quiet(f"Copying the template to site {config.name}"):
		bench_site.clone_site(template, config)
	return config


def demo_logins(config: SiteConfig) -> list[dict]:
	with quiet("Loading the demo data (Can Tho units, demo users, plans and reports from 2025 to today)"):
		return bench_site.load_demo(config)


def print_logins(logins: list[dict]) -> None:
	"""The demo users as a table: email, role, unit, password."""
	header = {"email": "Email", "role": "Role", "unit": "Unit", "password": "Password"}
	rows = [header, *logins]
	widths = {key: max(len(row[key]) for row in rows) for key in header}
	for row in rows:
		print("    " + "  ".join(row[key].ljust(widths[key]) for key in header).rstrip())


def port_is_free(port: int) -> bool:
	with socket.socket() as probe:
		probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
		try:
			probe.bind(("127.0.0.1", port))
		except OSError:
			return False
	return True


def command_run(args) -> None:
	db_type = args.db or "sqlite"
	check_database(db_type)
	if not port_is_free(args.port):
		fail(f"port {args.port} is busy (another `make run`?); stop that server or use `make run PORT=8001`.")
	with quiet("Building the web app (frontend/) if it changed"):
		frontend.build_if_changed()
	config = dev_site(db_type)
	logins = [] if args.no_demo else demo_logins(config)
	from devbench.server import serve

	print(f"\ndlxh_app on {db_type} (site {config.name})")
	print(f"  Web app: http://127.0.0.1:{args.port}/dlxh")
	print(f"  API:     http://127.0.0.1:{args.port}/api/method/ping")
	print(f"  Users:   {ADMIN_LOGIN}")
	if logins:
		print("  Demo users (each sees the plans of their unit and the issued plans above it):")
		print_logins(logins)
	print("Ctrl-C stops the server.\n", flush=True)
	serve(config, args.port)


def command_test(args) -> None:
	db_type = args.db or ("mariadb" if mariadb_answers() else "sqlite")
	check_database(db_type)
	where = f"MariaDB ({MARIADB_HOST}:{MARIADB_PORT})" if db_type == "mariadb" else "SQLite"
	print(f"Integration tests run on {where}.", flush=True)
	import pytest

	# The engine works from `sites/` as a bench does, so paths given relative to the checkout are
	# made absolute before pytest collects them; with none given (only options such as `-k print`),
	# the whole suite runs.
	paths = [arg for arg in args.pytest_args if (ROOT / arg.split("::")[0]).exists()]
	pytest_args = [str(ROOT / arg) if arg in paths else arg for arg in args.pytest_args]
	if not paths:
		pytest_args += [str(ROOT / "dlxh_app"), str(ROOT / "devbench" / "tests")]
	workers = test_workers(paths)
	sites = [
		test_site(db_type, role="test" if worker == 0 else f"test-gw{worker}") for worker in range(workers)
	]
	os.environ["DEVBENCH_TEST_SITES"] = ",".join(site.name for site in sites)
	# The ten slowest tests are printed after every run (a later --durations in ARGS wins).
	options = ["-p", "devbench.pytest_plugin", "--rootdir", str(ROOT), "--durations=10"]
	if workers > 1:
		print(f"{workers} test processes, each on its own copy of the template.", flush=True)
		# A module runs whole in one process, its tests one after another, so that a class's shared fixture
		# and a module's own (test_security's, committed for all its classes) are built once: handed out by
		# class, a process that went on to another module's class tore the module's fixture down and built
		# it again on coming back (six times a run). Modules go out in the plugin's order (longest first),
		# not pytest-xdist's default of the most tests first, which sent two-test modules of a minute last.
		options += ["-n", str(workers), "--dist", "loadfile", "--no-loadscope-reorder"]
	code = pytest.main([*options, *pytest_args])
	sys.exit(int(code))


def test_workers(paths: list[str]) -> int:
	"""How many processes run the tests: one per core (at most four) for the whole suite (`-k` and other
	options still choose within it), one when tests were chosen by path, since starting a process and
	its site costs more than a few tests take. DEVBENCH_TEST_WORKERS chooses the number."""
	if paths:
		return 1
	chosen = os.environ.get("DEVBENCH_TEST_WORKERS")
	if chosen:
		if not chosen.isdigit() or int(chosen) < 1:
			fail(f"DEVBENCH_TEST_WORKERS={chosen!r}: give a whole number of processes, 1 or more.")
		return int(chosen)
	return max(1, min(os.cpu_count() or 1, 4))


def command_bench(args) -> None:
	"""The benchmarks under benchmarks/, each on a fresh copy of the template (they write much data).
	MariaDB when it answers, as for tests: the figures that matter are MariaDB's."""
	db_type = args.db or ("mariadb" if mariadb_answers() else "sqlite")
	check_database(db_type)
	config = test_site(db_type, role="benchmark")
	print(f"Benchmarks on {db_type} (site {config.name}):", flush=True)
	bench_site.open_site(config)
	from benchmarks import ai_quality, demo, http_load, reporting, survey_analysis, survey_collection

	# The demo first: it is rolled back, while the reporting benchmark commits its data.
	benchmarks = {
		"demo": demo,
		"reporting": reporting,
		"http_load": http_load,
		"survey_collection": survey_collection,
		"survey_analysis": survey_analysis,
		"ai_quality": ai_quality,
	}
	for name, benchmark in benchmarks.items():
		if not args.only or name in args.only.split(","):
			benchmark.main()


def command_console(args) -> None:
	config = dev_site(args.db or "sqlite")
	bench_site.open_site(config)
	import code

	import frappe

	code.interact(banner=f"frappe console on site {config.name}", local={"frappe": frappe})


def command_migrate(args) -> None:
	db_type = args.db or "sqlite"
	check_database(db_type)
	config = SiteConfig.for_role("dev", db_type)
	if not config.exists:
		dev_site(db_type)
		return
	with quiet(f"Migrating site {config.name}"):
		bench_site.migrate(config)


def main() -> None:
	parser = argparse.ArgumentParser(prog="devbench", description=__doc__)
	commands = parser.add_subparsers(dest="command", required=True)
	for name, handler in (
		("run", command_run),
		("test", command_test),
		("bench", command_bench),
		("console", command_console),
		("migrate", command_migrate),
	):
		command = commands.add_parser(name)
		command.add_argument("--db", choices=["sqlite", "mariadb"])
		command.set_defaults(handler=handler)
		if name == "run":
			command.add_argument("--port", type=int, default=8000)
			command.add_argument("--no-demo", action="store_true", help="do not load the demo data")
		if name == "test":
			command.add_argument("pytest_args", nargs="*")
		if name == "bench":
			command.add_argument("--only", help="the benchmarks to run, by module name, separated by commas")
	args = parser.parse_args()
	os.chdir(ROOT)
	args.handler(args)
