"""Every place where monoframe 0.0.1 differs from upstream Frappe, made to behave like upstream.

Each workaround is one function named after what it fixes, with a note saying what upstream Frappe does.
`apply()` runs them all once; a newer monoframe (or a real Frappe) can drop them one by one.
Only this package may name monoframe; dlxh_app itself is plain Frappe.
"""

import contextlib
import datetime
import functools
import itertools
import json
import os
import sqlite3
from pathlib import Path

import monoframe

APPS = ["monoframe", "dlxh_app"]
"""Apps on this bench, core first, like `sites/apps.txt` upstream."""

_applied = False


def apply() -> None:
	global _applied
	if _applied:
		return
	for fix in FIXES:
		fix()
	_applied = True


def sqlite_query_builder() -> None:
	"""PyPI's pypika is not Frappe's fork: teach its SQLite builder what Frappe's fork does.

	Upstream's fork lets the caller pass `wrapper_cls` (monoframe's SQLite builder does, which
	otherwise raises TypeError), accepts `for_update(nowait=, skip_locked=, of=)`, and writes
	`INSERT OR IGNORE` for `.ignore()`. A locking read keeps its plain `FOR UPDATE`, which SQLite
	does not know: `sqlite_locking_reads` takes it off and takes the write lock instead.
	"""
	from pypika import dialects
	from pypika.utils import builder as returns_copy

	builder = dialects.SQLLiteQueryBuilder

	def __init__(self, **kwargs):
		kwargs.setdefault("wrapper_cls", dialects.SQLLiteValueWrapper)
		dialects.QueryBuilder.__init__(self, dialect=dialects.Dialects.SQLLITE, **kwargs)
		self._insert_or_replace = False

	@returns_copy
	def for_update(self, nowait=False, skip_locked=False, of=()):
		self._for_update = True

	def _insert_sql(self, **kwargs):
		return "INSERT {ignore}INTO {table}".format(
			table=self._insert_table.get_sql(**kwargs), ignore="OR IGNORE " if self._ignore else ""
		)

	builder.__init__ = __init__
	builder.for_update = for_update
	builder._insert_sql = _insert_sql


def sqlite_named_parameters() -> None:
	"""Frappe passes named parameters (`%(name)s` with a dict) to the database driver, which binds them
	with their types and leaves the caller's dict alone. monoframe's SQLite layer instead pastes every
	value into the SQL as quoted text and overwrites the caller's dict with those strings, so numbers
	compare as text and a dict used twice is quoted twice. They are bound as positional `?` parameters
	in the order they appear: SQLite looks every `:name` up among the names before it while preparing
	the statement, which made a bulk insert of 80,000 named values take minutes."""
	import re

	from monoframe.database.sqlite.database import SQLiteDatabase

	named = re.compile(r"%\((\w+)\)s")

	def bindable(value):
		# Dates as the ISO text Frappe stores them as (Python's own date adapters are deprecated).
		return str(value) if isinstance(value, datetime.date | datetime.timedelta) else value

	def execute_query(self, query, values=None):
		if isinstance(values, dict):
			names = []

			def positional(match):
				names.append(match.group(1))
				return "?"

			# As with the driver upstream, "%%" stands for a literal "%" when parameters are named.
			query = named.sub(positional, query).replace("%%", "%")
			return self._cursor.execute(query, [bindable(values[name]) for name in names])
		return self._cursor.execute(query.replace("%s", "?"), [bindable(value) for value in values or ()])

	SQLiteDatabase.execute_query = execute_query


def sqlite_locking_reads() -> None:
	"""Upstream runs on MariaDB, where `SELECT … FOR UPDATE` waits for the rows' lock and reads their
	latest committed values, and where a write waits for the rows it changes and applies to their latest
	values whatever the transaction read before. SQLite has one writer and no row locks: monoframe
	drops `FOR UPDATE`, so two transactions read the same naming-series counter and build the same name
	(409 "UNIQUE constraint failed" for most of 24 officers creating reports at once); and a
	transaction that read before its first write is refused at once ("database is locked") when
	another has written meanwhile, instead of waiting.

	So on SQLite a locking read first takes the database's write lock, and a transaction's first write
	that is refused for a stale snapshot or a busy lock makes the transaction start again as
	`BEGIN IMMEDIATE`, which waits for the other writer (up to the busy timeout) and reads the latest
	data. A transaction that has written holds the lock until it ends, so one that is refused has
	written nothing: starting again loses only its snapshot; its savepoints are made again.

	SQLite's own wait polls, sleeping up to 100 ms between tries, where MariaDB wakes a waiter as soon
	as the lock is free: the transactions of one process (a threaded server's requests) also queue on a
	lock of the process before their first write, so that the next starts as soon as one ends."""
	import re
	import threading

	from monoframe.database.sqlite.database import SQLiteDatabase

	for_update = re.compile(r"\s+for\s+update(\s+(nowait|skip\s+locked))?\s*;?\s*$", re.IGNORECASE)
	write = re.compile(r"^\s*(insert|update|delete|replace)\b", re.IGNORECASE)
	savepoint = re.compile(r"^\s*(release\s+)?savepoint\s+(\w+)", re.IGNORECASE)
	# A write statement that changes nothing: it takes the write lock as every write does.
	take_write_lock = 'update "tabDocType" set name = name where 0'
	execute_query = SQLiteDatabase.execute_query
	begin = SQLiteDatabase.begin
	close = SQLiteDatabase.close
	writers_of_file: dict[str, threading.Lock] = {}

	def transaction(db) -> dict:
		"""What this transaction did that SQLite does not say: written yet, savepoints open, and the
		process's writer lock of the database file, once queued for it."""
		return db.__dict__.setdefault(
			"devbench_transaction", {"wrote": False, "savepoints": [], "writer_lock": None}
		)

	def queue_as_writer(db) -> None:
		state = transaction(db)
		if state["wrote"] or state["writer_lock"]:
			return
		writer_lock = writers_of_file.setdefault(str(db.get_db_path()), threading.Lock())
		# Past the busy timeout, SQLite's own wait decides (a transaction of this process left open).
		if writer_lock.acquire(timeout=5):
			state["writer_lock"] = writer_lock

	def end_transaction(db) -> None:
		state = db.__dict__.pop("devbench_transaction", None)
		if state and state["writer_lock"]:
			state["writer_lock"].release()

	def restart_holding_write_lock(db) -> None:
		db._cursor.execute("rollback")
		db._cursor.execute("begin immediate")
		for name in transaction(db)["savepoints"]:
			db._cursor.execute(f"savepoint {name}")

	def execute_waiting_for_writers(db, query, values):
		writes = bool(write.match(query))
		if writes:
			queue_as_writer(db)
		try:
			result = execute_query(db, query, values)
		except sqlite3.OperationalError as error:
			if not db.is_deadlocked(error) or transaction(db)["wrote"] or not db._conn.in_transaction:
				raise
			restart_holding_write_lock(db)
			result = execute_query(db, query, values)
		if writes:
			transaction(db)["wrote"] = True
		return result

	def execute_locking(self, query, values=None):
		query, locking_reads = for_update.subn("", query)
		if locking_reads:
			execute_waiting_for_writers(self, take_write_lock, None)
		result = execute_waiting_for_writers(self, query, values)
		if match := savepoint.match(query):
			released, name = match.groups()
			savepoints = transaction(self)["savepoints"]
			if not released:
				savepoints.append(name)
			elif name in savepoints:
				savepoints.remove(name)
		return result

	def begin_transaction(self, *, read_only=False):
		end_transaction(self)  # begun after every commit and rollback
		return begin(self, read_only=read_only)

	def close_transaction(self):
		close(self)
		end_transaction(self)

	SQLiteDatabase.execute_query = execute_locking
	SQLiteDatabase.begin = begin_transaction
	SQLiteDatabase.close = close_transaction


def sqlite_statistics() -> None:
	"""MariaDB keeps each table's statistics current by itself (InnoDB recounts a table once a tenth of
	its rows changed), so its planner picks the right index. SQLite plans with statistics only after
	`ANALYZE`, which monoframe never runs: the synthesis query scanned all 162,600 report items of the
	benchmark (335 ms; 16-23 ms once analyzed). The engine follows InnoDB's rule: on commit, a table
	whose rows changed (in this process, since it was last analyzed) reach a tenth of the rows it had
	then, and at least a hundred, is analyzed, with `analysis_limit` bounding the cost on large tables."""
	import re

	from monoframe.database.sqlite.database import SQLiteDatabase

	written_table = re.compile(
		r'^\s*(?:insert(?:\s+or\s+\w+)?\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+(?:"([^"]+)"|([^\s(]+))',
		re.IGNORECASE,
	)
	fewest_changes = 100
	execute_query = SQLiteDatabase.execute_query
	commit = SQLiteDatabase.commit
	rollback = SQLiteDatabase.rollback
	# (database file, table): rows changed by committed transactions since the table was analyzed.
	changed_since_analyzed: dict[tuple[str, str], int] = {}

	def changed_rows(db) -> dict[str, int]:
		return db.__dict__.setdefault("devbench_changed_rows", {})

	def execute_counting(self, query, values=None):
		result = execute_query(self, query, values)
		if (match := written_table.match(query)) and self._cursor.rowcount > 0:
			table = match.group(1) or match.group(2)
			changed_rows(self)[table] = changed_rows(self).get(table, 0) + self._cursor.rowcount
		return result

	def rows_when_analyzed(db, table: str) -> int | None:
		try:
			row = db._cursor.execute(
				"select stat from sqlite_stat1 where tbl = ? limit 1", (table,)
			).fetchone()
		except sqlite3.OperationalError:  # no table analyzed yet
			return None
		return int(row[0].split()[0]) if row else None

	def analyze(db, table: str) -> None:
		db._cursor.execute("pragma analysis_limit = 1000")
		try:
			db._cursor.execute(f'analyze "{table}"')
		except sqlite3.OperationalError as error:
			if not db.is_table_missing(error):  # dropped or renamed since
				raise
		# Connections already open keep planning with the statistics they loaded with the schema: this
		# generation tells `sqlite_connection_reuse` to open new ones (Frappe leaves user_version alone).
		generation = db._cursor.execute("pragma user_version").fetchone()[0]
		db._cursor.execute(f"pragma user_version = {generation + 1}")

	def commit_analyzing(self, chain=None):
		changed = self.__dict__.pop("devbench_changed_rows", {})
		if self._conn and not self._disable_transaction_control:
			for table, rows in changed.items():
				key = (str(self.get_db_path()), table)
				changed_since_analyzed[key] = rows = changed_since_analyzed.get(key, 0) + rows
				if rows < fewest_changes:
					continue
				analyzed = rows_when_analyzed(self, table)
				if analyzed is None or rows * 10 >= analyzed:
					analyze(self, table)
					changed_since_analyzed[key] = 0
		return commit(self, chain=chain)

	def rollback_forgetting(self, *, save_point=None, chain=None):
		if not save_point:
			self.__dict__.pop("devbench_changed_rows", None)
		return rollback(self, save_point=save_point, chain=chain)

	SQLiteDatabase.execute_query = execute_counting
	SQLiteDatabase.commit = commit_analyzing
	SQLiteDatabase.rollback = rollback_forgetting


def sqlite_connection_reuse() -> None:
	"""Upstream connects to MariaDB for every request, which costs little. A new SQLite connection costs
	about 4 ms (opening the file, pragmas, reading the whole schema on its first statement), half of a
	ping; even a request that never reads the database connected just to roll back. A closed connection
	is kept, rolled back, and handed out again to the next opening of the same database file: not once
	the file was replaced (a new site, a restored copy), nor once `ANALYZE` ran since it opened, as
	SQLite reads statistics when a connection loads the schema."""
	import atexit
	import threading

	from monoframe.database.sqlite.database import SQLiteDatabase

	idle: dict[tuple, list[sqlite3.Connection]] = {}
	lock = threading.Lock()
	most_idle_per_file = 8
	get_connection = SQLiteDatabase.get_connection

	def file_key(db, read_only: bool) -> tuple | None:
		path = str(db.get_db_path())
		try:
			stat = os.stat(path)
		except FileNotFoundError:
			return None
		return (path, stat.st_dev, stat.st_ino, read_only)

	def statistics_mark(connection) -> int:
		return connection.execute("pragma user_version").fetchone()[0]

	def reused_connection(self, read_only: bool = False):
		key = file_key(self, read_only)
		while True:
			with lock:
				connection = idle[key].pop() if idle.get(key) else None
			if connection is None:
				break
			if statistics_mark(connection) == connection.devbench_statistics:
				return connection
			connection.close()
		connection = get_connection(self, read_only)
		connection.devbench_key = key
		connection.devbench_statistics = statistics_mark(connection)
		return connection

	def shareable_connection(self, read_only: bool = False):
		"""monoframe's connection, but one that the thread of one request may hand to the next (never
		used by two at once), and that remembers its file."""
		for type_name, parse in (
			("timestamp", datetime.datetime.fromisoformat),
			("date", datetime.date.fromisoformat),
			("time", datetime.time.fromisoformat),
		):
			sqlite3.register_converter(type_name, lambda text, parse=parse: parse(text.decode()))
		path = f"file:{self.get_db_path()}?mode=ro" if read_only else str(self.get_db_path())
		return sqlite3.connect(
			path,
			uri=read_only,
			detect_types=sqlite3.PARSE_DECLTYPES,
			timeout=15,
			check_same_thread=False,
			factory=KeyedConnection,
		)

	def close(self):
		connection, self._conn, self._cursor = self._conn, None, None
		if connection is None:
			return
		connection.rollback()
		key = connection.devbench_key
		with lock:
			if key and key == file_key(self, key[3]) and len(idle.get(key, ())) < most_idle_per_file:
				idle.setdefault(key, []).append(connection)
				return
		connection.close()

	@atexit.register
	def close_idle_connections():
		"""Closing the last connection to a file moves its write-ahead log into it."""
		with lock:
			for connection in itertools.chain.from_iterable(idle.values()):
				connection.close()
			idle.clear()

	SQLiteDatabase.create_connection = shareable_connection
	SQLiteDatabase.get_connection = reused_connection
	SQLiteDatabase.close = close


class KeyedConnection(sqlite3.Connection):
	"""A SQLite connection that remembers the database file (path, device, inode) it was opened on, and
	the statistics it planned with."""

	devbench_key: tuple | None = None
	devbench_statistics = 0


def site_config_file() -> None:
	"""Upstream reads the site's `site_config.json` into `frappe.conf`; Frappe writes keys there itself,
	such as the `encryption_key` made on the first Password save. monoframe reads its configuration from
	environment variables only, so a key written in one process is lost to the next, which then cannot
	decrypt the passwords saved before. Keys of the site's file that the environment does not set are
	added to the configuration."""
	from monoframe import config

	load = config._load_config

	def _load_config():
		loaded = load()
		site_path = getattr(monoframe.local, "site_path", None) or os.environ.get("DEVBENCH_SITE", "")
		file = Path(site_path) / "site_config.json"
		if site_path and file.is_file():
			for key, value in json.loads(file.read_text()).items():
				loaded.setdefault(key, value)
		return loaded

	config._load_config = _load_config


def site_name() -> None:
	"""Upstream `frappe.init(site)` runs in the bench's `sites/` folder and sets `frappe.local.site`,
	`local.sites_path` and `local.site_path = sites/<site>`; monoframe never sets the site (so Jinja hooks, which
	`get_jinja_hooks` skips without one, are missing) and takes the working directory as the site
	path. The engine names the site in DEVBENCH_SITE and works from `sites/` as a bench does."""
	original_init = monoframe.init

	@functools.wraps(original_init)
	def init(site: str | None = None, sites_path: str = ".", new_site: bool = False, force: bool = False):
		# Upstream's signature, so that Frappe code calling `frappe.init(site)` works; monoframe's own
		# code only ever calls `init()` or `init(force=True)`.
		original_init(force)
		monoframe.local.site = site or os.environ.get("DEVBENCH_SITE", "site")
		monoframe.local.sites_path = sites_path
		monoframe.local.site_path = os.path.join(os.path.abspath(sites_path), monoframe.local.site)

	monoframe.init = init
	monoframe.get_site_name = lambda: monoframe.local.site


def app_list() -> None:
	"""Upstream reads the bench's apps from `sites/apps.txt` and the installed ones from the site's
	`installed_apps` global default; monoframe hard-wires both to the core alone."""

	def get_all_apps(with_internal_apps: bool = True, sites_path: str | None = None) -> list[str]:
		return list(APPS)

	def get_installed_apps(*, _ensure_on_bench: bool = False) -> list[str]:
		if monoframe.flags.in_install_db:
			return []
		if not getattr(monoframe.local, "db", None):
			monoframe.connect()
		installed = recorded_installed_apps()
		if _ensure_on_bench:
			installed = [app for app in installed if app in APPS]
		return installed

	monoframe.get_all_apps = get_all_apps
	monoframe.get_installed_apps = get_installed_apps


def recorded_installed_apps() -> list[str]:
	"""The site's `installed_apps` global default, where upstream records what `install_app` installed."""
	return json.loads(monoframe.db.get_global("installed_apps") or "[]")


def app_paths() -> None:
	"""Upstream resolves `get_app_path(app)` to that app's package; monoframe ignores the app name
	and always answers with the core's path."""

	def get_app_path(app_name: str, *joins):
		return monoframe.get_pymodule_path(app_name, *joins)

	def get_app_source_path(app_name: str, *joins):
		return monoframe.get_pymodule_path(app_name, "..", *joins)

	monoframe.get_app_path = get_app_path
	monoframe.get_app_source_path = get_app_source_path


def module_map() -> None:
	"""Upstream maps every module of every app on the bench to its app; monoframe maps the core's
	modules only, so the app's DocTypes, reports and print formats could not be found."""

	def setup_module_map(include_all_apps: bool = True) -> None:
		app_modules = monoframe.client_cache.get_value("app_modules")
		if not app_modules:
			app_modules = {
				app: [monoframe.scrub(module) for module in monoframe.get_module_list(app)] for app in APPS
			}
			monoframe.client_cache.set_value("app_modules", app_modules)
		monoframe.local.app_modules = app_modules
		monoframe.local.module_app = {
			module: app for app, modules in app_modules.items() for module in modules
		}

	monoframe.setup_module_map = setup_module_map


def hooks_of_every_app() -> None:
	"""Upstream merges the hooks of every installed app (none before the core is installed, so no
	doc_events fire while the framework installs itself) and `get_hooks(app_name=...)` reads one
	app's hooks; monoframe loads the core's hooks only and has no `app_name` parameter."""
	import inspect
	import types

	def is_hook(obj) -> bool:
		return not isinstance(obj, types.ModuleType | types.FunctionType | type)

	def load_app_hooks(app_name: str | None = None) -> dict:
		hooks: dict = {}
		for app in [app_name] if app_name else monoframe.get_installed_apps(_ensure_on_bench=True):
			app_hooks = monoframe.get_module(f"{app}.hooks")
			for key, value in inspect.getmembers(app_hooks, predicate=is_hook):
				if not key.startswith("_"):
					monoframe.append_hook(hooks, key, value)
		return hooks

	def get_hooks(hook: str | None = None, default="_KEEP_DEFAULT_LIST", app_name: str | None = None):
		if app_name:
			hooks = load_app_hooks(app_name)
		else:
			hooks = monoframe.client_cache.get_value("app_hooks")
			if hooks is None:
				hooks = load_app_hooks()
				monoframe.client_cache.set_value("app_hooks", hooks)
		if hook:
			return hooks.get(hook, [] if default == "_KEEP_DEFAULT_LIST" else default)
		return monoframe._dict(hooks)

	monoframe._load_app_hooks = load_app_hooks
	monoframe.get_hooks = get_hooks


def sync_every_app() -> None:
	"""Upstream `sync_all` syncs the DocTypes of every installed app; monoframe's syncs the core only,
	so `migrate` would never create or alter the app's tables."""
	from monoframe.model import sync
	from monoframe.patches import _patch_mode

	def sync_all(force=0, reset_permissions=False):
		_patch_mode(True)
		for app in monoframe.get_installed_apps():
			sync.sync_for(app, force, reset_permissions=reset_permissions)
		_patch_mode(False)
		monoframe.clear_cache()

	sync.sync_all = sync_all


def patches_of_every_app() -> None:
	"""Upstream runs the patches.txt of every installed app on migrate; monoframe reads the core's only."""
	from monoframe import patches

	def get_all_patches(patch_type=None) -> list[str]:
		if patch_type and not isinstance(patch_type, patches.PatchType):
			monoframe.throw(f"Unsupported patch type specified: {patch_type}")
		return [
			patch
			for app in monoframe.get_installed_apps()
			for patch in patches.get_patches_from_app(app, patch_type=patch_type)
		]

	patches.get_all_patches = get_all_patches


def install_any_app() -> None:
	"""Upstream `install_app(name)` installs any app on the bench and records it in the site's
	`installed_apps`; monoframe refuses every app but the core and records nothing. This is upstream's
	sequence: before_install, module defs (not for the core), DocType sync, record as installed,
	patches marked done, after_install, scheduled jobs, fixtures, customizations, dashboards."""
	from monoframe import installer
	from monoframe.core.doctype.scheduled_job_type.scheduled_job_type import sync_jobs
	from monoframe.model.module_utils import sync_customizations
	from monoframe.model.sync import sync_for
	from monoframe.utils.dashboard import sync_dashboards
	from monoframe.utils.fixtures import sync_fixtures

	def install_app(name, verbose=False, set_as_patched=True, force=False):
		monoframe.flags.in_install = name
		monoframe.flags.ignore_in_install = False
		monoframe.clear_cache()
		app_hooks = monoframe.get_hooks(app_name=name)
		if not force and name in monoframe.get_installed_apps():
			print(f"App {name} already installed")
			return
		print(f"Installing {name}...")

		for before_install in app_hooks.before_install or []:
			if monoframe.get_attr(before_install)() is False:
				return
		for fn in monoframe.get_hooks("before_app_install"):
			monoframe.get_attr(fn)(name)

		if name != "monoframe":
			installer.add_module_defs(name, ignore_if_duplicate=force)
		sync_for(name, force=force, reset_permissions=True)
		add_to_installed_apps(name)
		monoframe.get_doc("Portal Settings", "Portal Settings").sync_menu()
		if set_as_patched:
			installer.set_all_patches_as_completed(name)

		for after_install in app_hooks.after_install or []:
			monoframe.get_attr(after_install)()
		for fn in monoframe.get_hooks("after_app_install"):
			monoframe.get_attr(fn)(name)

		sync_jobs()
		sync_fixtures(name)
		sync_customizations(name)
		sync_dashboards(name)
		for after_sync in app_hooks.after_sync or []:
			monoframe.get_attr(after_sync)()

		monoframe.flags.in_install = False
		monoframe.clear_cache()
		monoframe.client_cache.erase_persistent_caches()

	def add_to_installed_apps(app_name, rebuild_website=True):
		installed = recorded_installed_apps()
		if app_name not in installed:
			installed.append(app_name)
			monoframe.db.set_global("installed_apps", json.dumps(installed))
			monoframe.db.commit()
		if monoframe.flags.in_install:
			installer.post_install(rebuild_website)

	installer.install_app = install_app
	installer.add_to_installed_apps = add_to_installed_apps


def test_record_generators() -> None:
	"""The core's after_install imports `frappe.tests.utils.generators._clear_test_log`, a module
	monoframe does not ship; upstream's removes the site's `.test_log` of test records made."""
	import sys
	import types

	module = types.ModuleType("monoframe.tests.utils.generators")

	def _clear_test_log():
		path = monoframe.get_site_path(".test_log")
		if os.path.exists(path):
			os.remove(path)

	module._clear_test_log = _clear_test_log
	sys.modules.setdefault(module.__name__, module)


def fresh_system_settings() -> None:
	"""monoframe's bootstrap database carries a partial "System Settings" single, so the framework's
	install never applies that DocType's defaults and login later fails in the login-attempt tracker
	(a TypeError on an empty limit). Upstream's bootstrap has no such row: drop it before installing."""
	from monoframe import installer

	original_install_db = installer.install_db

	@functools.wraps(original_install_db)
	def install_db(*args, **kwargs):
		original_install_db(*args, **kwargs)
		monoframe.db.delete("Singles", {"doctype": "System Settings"})
		monoframe.db.commit()

	installer.install_db = install_db


def mariadb_root_without_prompt() -> None:
	"""Upstream takes MariaDB's root credentials from `common_site_config.json` (`root_login`,
	`root_password`) or `bench new-site --db-root-password`; monoframe's configuration has neither and
	prompts on the terminal, even for an empty password. The engine passes the bench's root login."""
	from monoframe.database.mariadb import setup_db

	from devbench.site import MARIADB_ROOT_LOGIN, MARIADB_ROOT_PASSWORD

	def get_root_connection():
		if not monoframe.local.flags.root_connection:
			monoframe.local.flags.root_connection = monoframe.database.get_db(
				socket=monoframe.conf.db_socket,
				host=monoframe.conf.db_host,
				port=monoframe.conf.db_port,
				user=MARIADB_ROOT_LOGIN,
				password=MARIADB_ROOT_PASSWORD,
				cur_db_name=None,
			)
		return monoframe.local.flags.root_connection

	setup_db.get_root_connection = get_root_connection


def test_mode_sets_in_test() -> None:
	"""Upstream's test mode sets `frappe.in_test` (read by document versions, inline notification jobs,
	the Email Account SMTP check); monoframe's `toggle_test_mode` sets only `flags.in_test`."""
	from monoframe.tests import utils

	original_toggle = utils.toggle_test_mode

	@functools.wraps(original_toggle)
	def toggle_test_mode(enable: bool = True) -> None:
		original_toggle(enable)
		monoframe.in_test = enable

	utils.toggle_test_mode = toggle_test_mode


def test_case_freeze_time() -> None:
	"""Upstream's test cases freeze the clock with `freeze_time(time_to_freeze, is_utc=False, ...)`
	(frappe/tests/classes/context_managers.py on v16/develop, registered as a static method of
	`UnitTestCase` and so of `IntegrationTestCase`; a method of v15's `FrappeTestCase`): a naive time is
	read in the site's System Settings time zone and handed to freezegun (a dev dependency of Frappe)
	as UTC. monoframe's test cases have no such helper."""
	from contextlib import contextmanager
	from datetime import UTC
	from zoneinfo import ZoneInfo

	from monoframe.tests import compat
	from monoframe.tests.classes import context_managers

	@contextmanager
	def freeze_time(time_to_freeze, is_utc: bool = False, *args, **kwargs):
		from freezegun import freeze_time as freezegun_freeze_time
		from monoframe.utils.data import get_datetime, get_system_timezone

		if not is_utc:
			time_to_freeze = (
				get_datetime(time_to_freeze).replace(tzinfo=ZoneInfo(get_system_timezone())).astimezone(UTC)
			)
		with freezegun_freeze_time(time_to_freeze, *args, **kwargs):
			yield

	context_managers.freeze_time = freeze_time
	compat.MonoframeTestCase.freeze_time = staticmethod(freeze_time)


def frappe_in_safe_globals() -> None:
	"""Upstream exposes `frappe` to Jinja templates (print formats: `frappe.utils.formatdate`), server
	scripts and notifications; monoframe exposes the same namespace under its own name only."""
	from monoframe.utils import safe_exec

	expose_namespace_as_frappe(safe_exec, "get_safe_globals")


def frappe_in_workflow_conditions() -> None:
	"""Upstream evaluates workflow transition conditions with `frappe.db`, `frappe.session` and
	`frappe.utils`; monoframe offers them as `monoframe.*`, so a Frappe condition raised NameError."""
	from monoframe.model import workflow

	expose_namespace_as_frappe(workflow, "get_workflow_safe_globals")


def expose_namespace_as_frappe(module, globals_function: str) -> None:
	original = getattr(module, globals_function)

	@functools.wraps(original)
	def with_frappe():
		safe_globals = original()
		safe_globals["frappe"] = safe_globals["monoframe"]
		return safe_globals

	setattr(module, globals_function, with_frappe)


def print_body_rendered() -> None:
	"""Upstream's `pdf_body_html` hook renders the print format's template with its arguments; monoframe's
	is a stub returning "", so every print view had an empty body."""
	from monoframe.utils import pdf

	def pdf_body_html(template, args, **kwargs):
		return template.render(args, filters={"len": len})

	pdf.pdf_body_html = pdf_body_html


PDF_GENERATORS = ("weasyprint", "wkhtmltopdf")
"""What DEVBENCH_PDF may name; the first is the default."""


def pdf_generator() -> None:
	"""Upstream's `get_pdf` turns print HTML into PDF with wkhtmltopdf (v15, and v16's default); monoframe's
	raises NotImplementedError. The engine renders with WeasyPrint (monoframe's own `pdf` extra, see
	weasyprint_pdf), or with DEVBENCH_PDF=wkhtmltopdf as upstream v15 does (see wkhtmltopdf_pdf). As
	upstream, a password in the options encrypts the PDF, and `output` (a PdfWriter) gets the pages
	appended. Upstream's `pdf_generator` hook for Chrome returns None unless Chrome was asked for;
	monoframe's raises for every PDF. Either renderer fetches only the site's own files (site_file)."""
	import sys
	from io import BytesIO

	from monoframe.utils import pdf
	from pypdf import PdfReader, PdfWriter

	chosen = os.environ.get("DEVBENCH_PDF") or PDF_GENERATORS[0]
	if chosen not in PDF_GENERATORS:
		raise SystemExit(f"DEVBENCH_PDF={chosen!r}: choose one of {', '.join(PDF_GENERATORS)}.")
	render = weasyprint_pdf if chosen == "weasyprint" else wkhtmltopdf_pdf

	def get_pdf(html: str, options: dict | None = None, output=None, **kwargs):
		options = dict(options or {})
		content = render(html, options)
		if output is None and not options.get("password"):
			return content
		reader = PdfReader(BytesIO(content))
		if output is not None:
			output.append_pages_from_reader(reader)
			return output
		writer = PdfWriter()
		writer.append_pages_from_reader(reader)
		writer.encrypt(options["password"])
		encrypted = BytesIO()
		writer.write(encrypted)
		return encrypted.getvalue()

	def get_chrome_pdf(print_format=None, html=None, options=None, output=None, pdf_generator=None):
		if pdf_generator != "chrome":
			return None
		monoframe.throw("The Chrome PDF generator is not available on this engine; use the default one.")

	pdf.get_pdf = get_pdf
	pdf.get_chrome_pdf = get_chrome_pdf
	for name in ("print_format", "email.email_body", "email.doctype.auto_email_report.auto_email_report"):
		module = sys.modules.get(f"monoframe.{name}")
		if module is not None:
			module.get_pdf = get_pdf


# What upstream's print.bundle.css (no CSS bundle is built here) does to PDFs: Bootstrap's reboot takes
# the browser's 8px margin off the body, and the print view's "Print / Get PDF" banner stays off the page.
PRINT_BUNDLE_CSS = "body { margin: 0; } @media print { .print-hide { display: none !important; } }"


def weasyprint_pdf(html: str, options: dict) -> bytes:
	"""WeasyPrint takes the page size and margins from the print's CSS (`@page`), draws page-margin boxes
	(page numbers) and repeats table headers; it reads what the print names through site_file_url."""
	import weasyprint

	fetcher = weasyprint.URLFetcher()
	return weasyprint.HTML(
		string=html,
		base_url=monoframe.utils.get_url(),
		url_fetcher=lambda url: fetcher.fetch(site_file_url(url)),
	).write_pdf(stylesheets=[weasyprint.CSS(string=PRINT_BUNDLE_CSS)])


def wkhtmltopdf_pdf(html: str, options: dict) -> bytes:
	"""What upstream v15's `frappe.utils.pdf.get_pdf` does: relative URLs made absolute on the site's URL
	(`scrub_urls`), the options of `prepare_options` (wkhtmltopdf_options), then wkhtmltopdf through pdfkit
	with JavaScript and local file access off and smart shrinking off (wkhtmltopdf > 0.12.3).

	Upstream's wkhtmltopdf then fetches the site's URLs from the running web server (nginx or `bench
	start`; private files with the printing user's session cookie); while tests print no server runs.
	So the site's files the print names are given to wkhtmltopdf as file paths instead, by the rule
	the WeasyPrint path follows (site_file: an app's public files, the site's public files, private
	files the user may read), and only those paths are opened to it (`--allow`). Every other request is
	sent to a proxy that refuses it, so wkhtmltopdf reaches no host at all: rewriting rather than a local
	HTTP server keeps one rule for both renderers, needs no port or thread per test process, and leaves
	nothing that could serve another site's or the machine's files."""
	import pdfkit

	html = monoframe.utils.scrub_urls(html)
	html, options = wkhtmltopdf_options(html, options)
	html, allowed = site_files_as_paths(html)
	with refusing_proxy() as proxy:
		options |= {
			"disable-javascript": "",
			"disable-local-file-access": "",
			"disable-smart-shrinking": "",
			"allow": sorted(allowed),
			"proxy": proxy,
		}
		return pdfkit.from_string(html, options=options, verbose=True)


# Properties of a `.print-format { ... }` rule that upstream passes to wkhtmltopdf as options.
PRINT_FORMAT_OPTIONS = (
	"margin-top",
	"margin-bottom",
	"margin-left",
	"margin-right",
	"page-size",
	"header-spacing",
	"orientation",
	"page-width",
	"page-height",
)


def wkhtmltopdf_options(html: str, options: dict) -> tuple[str, dict]:
	"""Upstream v15's `prepare_options`: print media, backgrounds, images, UTF-8; left and right margins
	15 mm unless given; top and bottom 15 mm (upstream's choice when the print has no `#header-html` or
	`#footer-html`, which the app's formats do not use and the engine does not extract); elements marked
	`hidden-pdf` removed and `visible-pdf` shown; then the options a rule on `.print-format` alone sets
	(read_options_from_html), and the page size of Print Settings (A4) unless the print sets one. Upstream
	also passes the session cookie and inlines private images; the engine maps the files instead
	(wkhtmltopdf_pdf). The print view's CSS bundle, not built here, is replaced by PRINT_BUNDLE_CSS."""
	import cssutils
	from bs4 import BeautifulSoup

	options |= {"print-media-type": None, "background": None, "images": None, "quiet": None}
	options["encoding"] = "UTF-8"
	for side in ("left", "right", "top", "bottom"):
		options[f"margin-{side}"] = options.get(f"margin-{side}") or "15mm"

	soup = BeautifulSoup(html, "html5lib")
	for element in soup.select(".hidden-pdf"):
		element.extract()
	for element in soup.select(".visible-pdf"):
		element["class"].remove("visible-pdf")
	for link in soup.select('link[href*="print.bundle"]'):
		link.extract()
	bundle = soup.new_tag("style")
	bundle.string = PRINT_BUNDLE_CSS
	soup.head.insert(0, bundle)

	cssutils.log.setLevel("FATAL")
	stylesheet = cssutils.parseString("\n".join(style.string or "" for style in soup.find_all("style")))
	for rule in stylesheet:
		if isinstance(rule, cssutils.css.CSSStyleRule) and ".print-format" in (
			selector.strip() for selector in rule.selectorText.split(",")
		):
			options |= {prop.name: prop.value for prop in rule.style if prop.name in PRINT_FORMAT_OPTIONS}

	page_size = options.get("page-size") or get_print_setting("pdf_page_size") or "A4"
	if page_size == "Custom":
		options["page-height"] = options.get("page-height") or get_print_setting("pdf_page_height")
		options["page-width"] = options.get("page-width") or get_print_setting("pdf_page_width")
	else:
		options["page-size"] = page_size
	return str(soup), options


def get_print_setting(field: str):
	return monoframe.db.get_single_value("Print Settings", field)


def site_files_as_paths(html: str) -> tuple[str, set[str]]:
	"""The HTML with every URL of one of the site's files (site_file) replaced by the file's URI, and what
	wkhtmltopdf must be allowed to read for them: an app's whole public folder for its assets (a
	stylesheet names its fonts relative to itself), a file of the site itself otherwise."""
	import re

	allowed = set()
	prefix = monoframe.utils.get_url().rstrip("/") + "/"

	def as_path(match: re.Match) -> str:
		path = match.group(0).removeprefix(prefix)
		file = site_file(path.split("?")[0].split("#")[0])
		if file is None:
			return match.group(0)
		folder = app_public_folder(path)
		allowed.add(str(folder or file))
		return file.as_uri()

	return re.sub(re.escape(prefix) + r"[^\"'\s()<>]+", as_path, html), allowed


@contextlib.contextmanager
def refusing_proxy():
	"""The URL of a proxy that refuses every connection: a port this process holds without listening."""
	import socket

	with socket.socket() as held:
		held.bind(("127.0.0.1", 0))
		yield f"http://127.0.0.1:{held.getsockname()[1]}"


def site_file_url(url: str) -> str:
	"""Upstream, wkhtmltopdf fetches what a print names over HTTP from the site's URL: `/assets/<app>/...`
	(stylesheets, fonts; the web server serves each app's `public` folder that `bench build` links into
	`sites/assets`) and the site's files (`/files/...`, and `/private/files/...` with the printing user's
	session cookie, so only files that user may read). No server runs while tests print, so the engine
	reads those from disk, private ones only if the session's user may read them. Anything else, on another
	host or a path of the site that is not a file, is refused (WeasyPrint leaves it out): the renderer
	runs on the server, and must not request what a document's author points it at."""
	if url.startswith("data:") or (url.startswith("file:") and is_site_file_uri(url)):
		# A font a stylesheet read from disk names relative to itself, e.g.
		return url
	prefix = monoframe.utils.get_url().rstrip("/") + "/"
	if url.startswith(prefix):
		path = url.removeprefix(prefix).split("?")[0].split("#")[0]
		file = site_file(path)
		if file:
			return file.as_uri()
	raise ValueError(f"not a file of the site: {url}")


def is_site_file_uri(uri: str) -> bool:
	"""A file:// URI within an app's public folder or the site's public files: what site_file_url gave."""
	from urllib.parse import unquote, urlsplit

	file = Path(unquote(urlsplit(uri).path)).resolve()
	folders = [Path(monoframe.get_app_path(app, "public")) for app in APPS]
	folders.append(Path(monoframe.get_site_path("public", "files")))
	return any(file.is_relative_to(folder.resolve()) for folder in folders)


def site_file(path: str) -> Path | None:
	from urllib.parse import unquote

	path = unquote(path)
	if path.startswith("assets/"):
		folder, rest = app_public_folder(path), path.removeprefix("assets/").partition("/")[2]
	elif path.startswith("files/"):
		folder, rest = Path(monoframe.get_site_path("public", "files")), path.removeprefix("files/")
	elif path.startswith("private/files/"):
		rest = path.removeprefix("private/files/")
		file_doc = monoframe.db.get_value("File", {"file_url": f"/{path}"}, "name")
		readable = file_doc and monoframe.has_permission("File", "read", file_doc)
		folder = Path(monoframe.get_site_path("private", "files")) if readable else None
	else:
		return None
	if folder is None:
		return None
	folder = folder.resolve()
	file = (folder / rest).resolve()
	return file if file.is_relative_to(folder) and file.is_file() else None


def app_public_folder(path: str) -> Path | None:
	"""The public folder of the app on this bench whose assets `path` (`assets/<app>/...`) names."""
	app = path.removeprefix("assets/").partition("/")[0]
	return (
		Path(monoframe.get_app_path(app, "public")).resolve()
		if path.startswith("assets/") and app in APPS
		else None
	)


def upstream_csrf_header() -> None:
	"""Upstream reads the CSRF token from the `X-Frappe-CSRF-Token` header (what frappe-ui and
	frappe.call send); monoframe renamed it `X-Monoframe-CSRF-Token`. Both are accepted here."""
	from monoframe import auth

	original = auth.HTTPRequest.validate_csrf_token

	def validate_csrf_token(self):
		token = monoframe.get_request_header("X-Frappe-CSRF-Token")
		if token and monoframe.session and token == monoframe.session.data.csrf_token:
			return
		original(self)

	auth.HTTPRequest.validate_csrf_token = validate_csrf_token


def whitelisted_overrides_under_either_name() -> None:
	"""Upstream, a framework method has one dotted name, `frappe.…`, and an app's
	`override_whitelisted_methods` names it so, which routes every call of it. Here the method is also
	reachable as `monoframe.…`: its override is looked up under the `frappe.` spelling too, so that no
	call bypasses an app's override (the app logs exports of personal data this way)."""
	original = monoframe.override_whitelisted_method

	def override_whitelisted_method(original_method: str) -> str:
		method = original(original_method)
		if method == original_method and original_method.startswith("monoframe."):
			upstream_name = "frappe." + original_method.removeprefix("monoframe.")
			overridden = original(upstream_name)
			if overridden != upstream_name:
				return overridden
		return method

	monoframe.override_whitelisted_method = override_whitelisted_method


def statement_timeout_check_of_any_error() -> None:
	"""Upstream's MariaDB/MySQL `is_statement_timeout(e)` answers False for an exception with no arguments
	(`e.args and e.args[0] == …`), so a caller that asks it of any exception (the dashboard counts'
	`get_open_count` does, when the document is not permitted) re-raises the original error. monoframe reads
	`e.args[0]` unguarded and turns a PermissionError into an IndexError."""
	from monoframe.database.mariadb import database, mysqlclient

	for module in (database, mysqlclient):
		original = module.MariaDBExceptionUtil.is_statement_timeout

		def is_statement_timeout(e, original=original) -> bool:
			return bool(getattr(e, "args", None)) and original(e)

		module.MariaDBExceptionUtil.is_statement_timeout = staticmethod(is_statement_timeout)


FIXES = [
	sqlite_query_builder,
	sqlite_named_parameters,
	sqlite_connection_reuse,
	sqlite_locking_reads,
	sqlite_statistics,
	site_config_file,
	site_name,
	app_list,
	app_paths,
	module_map,
	hooks_of_every_app,
	sync_every_app,
	patches_of_every_app,
	install_any_app,
	fresh_system_settings,
	mariadb_root_without_prompt,
	test_record_generators,
	test_mode_sets_in_test,
	test_case_freeze_time,
	frappe_in_safe_globals,
	frappe_in_workflow_conditions,
	print_body_rendered,
	pdf_generator,
	upstream_csrf_header,
	whitelisted_overrides_under_either_name,
	statement_timeout_check_of_any_error,
]
