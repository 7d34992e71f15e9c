"""A site of the dev engine: its folder, its configuration, and its life cycle (create, open, migrate).

Layout, mirroring a bench: `.devbench/sites/<site>/site_config.json` holds what upstream keeps there
(db_type, db_name, db_password, admin_password); monoframe reads its configuration from environment
variables only, so `open_site` exports them before the framework initialises.
"""

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import sqlite3
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(os.environ.get("DEVBENCH_HOME", ROOT / ".devbench"))
SITES = BENCH / "sites"
APP = "dlxh_app"
MARIADB_HOST = os.environ.get("DEVBENCH_MARIADB_HOST", "127.0.0.1")
MARIADB_PORT = int(os.environ.get("DEVBENCH_MARIADB_PORT", "3306"))
MARIADB_ROOT_LOGIN = os.environ.get("DEVBENCH_MARIADB_ROOT_LOGIN", "root")
MARIADB_ROOT_PASSWORD = os.environ.get("DEVBENCH_MARIADB_ROOT_PASSWORD", "")
REDIS_URL = os.environ.get("DEVBENCH_REDIS", "redis://127.0.0.1:6379")


def checkout_prefix() -> str:
	"""`dlxh_<checkout folder>_<hash of its path>`: the start of every database name, database user and
	(as monoframe prefixes cache keys with the database name) Redis key of this checkout, so that two
	checkouts sharing one MariaDB and one Redis never touch each other's sites."""
	folder = re.sub(r"[^a-z0-9]+", "_", ROOT.name.lower()).strip("_")[:16]
	path_hash = hashlib.sha256(str(BENCH.resolve()).encode()).hexdigest()[:6]
	return f"dlxh_{folder}_{path_hash}" if folder else f"dlxh_{path_hash}"


def chosen_prefix() -> str:
	"""DEVBENCH_DB_PREFIX when set (checked: it becomes part of MariaDB names), else the checkout's."""
	prefix = os.environ.get("DEVBENCH_DB_PREFIX") or checkout_prefix()
	if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", prefix):
		raise SystemExit(
			f"error: DEVBENCH_DB_PREFIX={prefix!r}: use a letter, then up to 39 letters, digits or underscores."
		)
	return prefix


DB_PREFIX = chosen_prefix()


@dataclass
class SiteConfig:
	name: str
	db_type: str
	db_name: str
	db_password: str = field(default_factory=lambda: secrets.token_hex(8))
	admin_password: str = "admin"
	secret_key: str = field(default_factory=lambda: secrets.token_hex(16))
	# Keys Frappe writes into the file itself (`encryption_key` on the first Password save), kept as
	# they are; the engine adds them to the site's configuration (compat.site_config_file).
	frappe_keys: dict = field(default_factory=dict)

	@classmethod
	def for_role(cls, role: str, db_type: str) -> "SiteConfig":
		"""The engine's site for a role (dev, template, test…) on a database kind: saved or new. A site
		saved under another database name (made before the prefix changed) is made anew."""
		db_name = f"{DB_PREFIX}_{role.replace('-', '_')}_{db_type}"
		saved = cls.load(f"{role}-{db_type}")
		if saved and saved.db_name == db_name:
			return saved
		return cls(name=f"{role}-{db_type}", db_type=db_type, db_name=db_name)

	@property
	def exists(self) -> bool:
		"""Installed completely: the fingerprint is written last (`new_site`, `clone_site`), so a site
		whose creation failed half-way does not count and is made again."""
		return self.config_file.exists() and stamp_file(self).exists()

	@property
	def path(self) -> Path:
		return SITES / self.name

	@property
	def config_file(self) -> Path:
		return self.path / "site_config.json"

	def save(self) -> None:
		make_site_dirs(self.path)
		values = asdict(self)
		values |= values.pop("frappe_keys")
		self.config_file.write_text(json.dumps(values, indent=1))

	@classmethod
	def load(cls, name: str) -> "SiteConfig | None":
		file = SITES / name / "site_config.json"
		if not file.exists():
			return None
		values = json.loads(file.read_text())
		own = {field.name for field in fields(cls)} - {"frappe_keys"}
		frappe_keys = {key: values.pop(key) for key in set(values) - own}
		return cls(**values, frappe_keys=frappe_keys)

	def environment(self) -> dict[str, str]:
		env = {
			"DEVBENCH_SITE": self.name,
			"DB_TYPE": self.db_type,
			"DB_NAME": self.db_name,
			"REDIS_CACHE": REDIS_URL,
			"REDIS_QUEUE": REDIS_URL,
			"SECRET_KEY": self.secret_key,
			"ALLOW_TESTS": "1",
			"DEVELOPER_MODE": "0",
		}
		if self.db_type == "mariadb":
			env |= {
				"DB_HOST": MARIADB_HOST,
				"DB_PORT": str(MARIADB_PORT),
				"DB_USER": self.db_name,
				"DB_PASSWORD": self.db_password,
			}
		return env


def make_site_dirs(site_path: Path) -> None:
	"""The folders upstream `bench new-site` makes in a site (`installer.make_site_dirs`): where uploaded
	files, backups and locks go."""
	for folder in ("public/files", "private/files", "private/backups", "locks", "logs"):
		(site_path / folder).mkdir(parents=True, exist_ok=True)


def boot_engine() -> None:
	"""Alias `frappe` to the engine and make it behave like upstream; idempotent."""
	from devbench import alias

	alias.install()
	from devbench import compat

	compat.apply()


def enter(config: SiteConfig) -> None:
	"""Point the process at the site: environment, working directory (`sites/`, as on a bench), logs."""
	os.environ.update(config.environment())
	(config.path / "logs").mkdir(parents=True, exist_ok=True)
	(BENCH / "logs").mkdir(parents=True, exist_ok=True)
	ensure_bench_files()
	os.chdir(SITES)
	boot_engine()


def open_site(config: SiteConfig, user: str = "Administrator") -> None:
	enter(config)
	import frappe

	frappe.init(force=True)
	frappe.connect(set_admin_as_user=False)
	frappe.set_user(user)


def load_demo(config: SiteConfig) -> list[dict]:
	"""Upstream `bench --site S execute dlxh_app.setup.demo.make_demo`, which commits afterwards; returns
	the demo logins. Idempotent, so `make run` calls it every time."""
	open_site(config)
	import frappe

	from dlxh_app.setup.demo import get_demo_logins, make_demo

	try:
		make_demo()
		frappe.db.commit()
		return get_demo_logins()
	finally:
		frappe.destroy()


def new_site(config: SiteConfig, setup_wizard: bool = False) -> None:
	"""Create the database, install the framework and the app: upstream `bench new-site` + `install-app`.
	The site counts as existing only once all of it is done (`SiteConfig.exists`).

	`setup_wizard` gives the regional settings an office in Vietnam answers in Frappe's setup wizard,
	which a bench site goes through on its first login and this engine has no desk for. Test sites
	skip it, as a bench's test site does: the app's `before_tests` hook sets what the tests need."""
	if config.path.exists():
		shutil.rmtree(config.path)
	config.save()
	forget_cache(config)
	if config.db_type == "mariadb":
		drop_mariadb_user(config.db_name)
	enter(config)

	import frappe
	from frappe import installer

	frappe.init(force=True)
	installer._init_database(db_name=config.db_name, admin_password=config.admin_password, force=True)
	installer.install_app(APP)
	if setup_wizard:
		answer_setup_wizard()
	frappe.db.commit()
	frappe.destroy()
	mark_current(config)


def answer_setup_wizard() -> None:
	"""On the open site: the regional settings an office in Vietnam answers in Frappe's setup wizard."""
	from dlxh_app.tests.site import apply_regional_settings

	apply_regional_settings()


def give_setup_wizard_answers(config: SiteConfig) -> None:
	"""A copy of the test template that stands for a site in use (the browser tests' demo site) gets the
	setup wizard's answers the template, a test site, does without."""
	open_site(config)
	import frappe

	try:
		answer_setup_wizard()
		frappe.db.commit()
	finally:
		frappe.destroy()


def app_fingerprint() -> str:
	"""Hash of everything that shapes an installed site: the app (but its tests), the engine's fixes and
	packages. A site or template made from another fingerprint is migrated or rebuilt."""
	digest = hashlib.sha256()
	sources = [ROOT / "devbench" / name for name in ("alias.py", "compat.py", "site.py", "requirements.txt")]
	sources += sorted(
		path
		for path in (ROOT / APP).rglob("*")
		if path.is_file()
		and path.suffix in {".py", ".json", ".txt", ".csv", ".po", ".html", ".css", ".js", ".md"}
		and not path.name.startswith("test_")
		and "__pycache__" not in path.parts
		and not is_frontend_build(path)
	)
	for path in sources:
		digest.update(str(path.relative_to(ROOT)).encode())
		digest.update(path.read_bytes())
	return digest.hexdigest()[:16]


def is_frontend_build(path: Path) -> bool:
	"""The web app's build output (gitignored; made by `make run`) does not shape the site."""
	return path.is_relative_to(ROOT / APP / "public" / "frontend") or path == ROOT / APP / "www" / "dlxh.html"


def stamp_file(config: SiteConfig) -> Path:
	return config.path / "fingerprint"


def is_current(config: SiteConfig) -> bool:
	stamp = stamp_file(config)
	return stamp.exists() and stamp.read_text() == app_fingerprint()


def mark_current(config: SiteConfig, fingerprint: str | None = None) -> None:
	"""Written whole or not at all (a rename), as the sign that the site is complete."""
	partial = stamp_file(config).with_suffix(".partial")
	partial.write_text(fingerprint or app_fingerprint())
	partial.replace(stamp_file(config))


def migrate(config: SiteConfig) -> None:
	"""Upstream `bench --site S migrate`: patches, DocType sync, fixtures, jobs."""
	enter(config)
	import frappe
	from frappe.migrate import SiteMigration

	frappe.init(force=True)
	SiteMigration(skip_search_index=True).run(site=config.name)
	mark_current(config)


def ensure_bench_files() -> None:
	"""What `bench build` leaves in `sites/assets` and the engine needs: an `assets.json` (no desk
	bundles are built, so it is empty) and `assets/<app>` linked to the app's `public` folder, which the
	web server serves as `/assets/<app>/...` (the print view's fonts and stylesheets)."""
	assets = SITES / "assets"
	assets.mkdir(parents=True, exist_ok=True)
	if not (assets / "assets.json").exists():
		(assets / "assets.json").write_text("{}")
	public = ROOT / APP / "public"
	link = assets / APP
	if not link.is_symlink() or link.resolve() != public.resolve():
		link.unlink(missing_ok=True)
		link.symlink_to(public, target_is_directory=True)


def mariadb_root():
	import MySQLdb

	return MySQLdb.connect(
		host=MARIADB_HOST,
		port=MARIADB_PORT,
		user=MARIADB_ROOT_LOGIN,
		password=MARIADB_ROOT_PASSWORD,
		charset="utf8mb4",
	)


def clone_site(template: SiteConfig, target: SiteConfig) -> None:
	"""Make `target` an exact copy of the installed `template` site, in seconds instead of a reinstall."""
	if target.path.exists():
		shutil.rmtree(target.path)
	target.save()
	if template.db_type == "sqlite":
		(target.path / "db").mkdir()
		copy_sqlite_database(
			template.path / "db" / f"{template.db_name}.db", target.path / "db" / f"{target.db_name}.db"
		)
	else:
		copy_mariadb_database(template.db_name, target)
	forget_cache(target)
	mark_current(target, stamp_file(template).read_text())


def copy_sqlite_database(source: Path, target: Path) -> None:
	"""SQLite's online backup: a consistent copy with what is still in the source's write-ahead log."""
	with (
		contextlib.closing(sqlite3.connect(source)) as reader,
		contextlib.closing(sqlite3.connect(target)) as writer,
	):
		reader.backup(writer)


def copy_mariadb_database(source: str, target: SiteConfig) -> None:
	connection = mariadb_root()
	cursor = connection.cursor()
	cursor.execute(f"DROP DATABASE IF EXISTS `{target.db_name}`")
	cursor.execute(f"CREATE DATABASE `{target.db_name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
	password = connection.literal(target.db_password).decode()
	for user_host in ("localhost", "%"):
		cursor.execute(f"CREATE OR REPLACE USER '{target.db_name}'@'{user_host}' IDENTIFIED BY {password}")
		cursor.execute(f"GRANT ALL PRIVILEGES ON `{target.db_name}`.* TO '{target.db_name}'@'{user_host}'")
	cursor.execute(
		"SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = %s", (source,)
	)
	for table, table_type in cursor.fetchall():
		cursor.execute(f"CREATE TABLE `{target.db_name}`.`{table}` LIKE `{source}`.`{table}`")
		if table_type == "SEQUENCE":
			cursor.execute(f"SELECT next_not_cached_value FROM `{source}`.`{table}`")
			(next_value,) = cursor.fetchone()
			cursor.execute(f"SELECT SETVAL(`{target.db_name}`.`{table}`, %s)", (next_value - 1,))
		else:
			cursor.execute(f"INSERT INTO `{target.db_name}`.`{table}` SELECT * FROM `{source}`.`{table}`")
	connection.commit()
	connection.close()


def drop_mariadb_user(user: str) -> None:
	"""monoframe creates the site's database user only if it does not exist, keeping an old password."""
	connection = mariadb_root()
	cursor = connection.cursor()
	cursor.execute("SELECT host FROM mysql.user WHERE user = %s", (user,))
	for (user_host,) in cursor.fetchall():
		cursor.execute(f"DROP USER '{user}'@'{user_host}'")
	connection.close()


def forget_cache(config: SiteConfig) -> None:
	"""Drop the Redis keys of an earlier site with the same database name (keys are prefixed by it)."""
	import redis

	client = redis.Redis.from_url(REDIS_URL)
	for key in client.scan_iter(match=f"{config.db_name}|*", count=1000):
		client.delete(key)
