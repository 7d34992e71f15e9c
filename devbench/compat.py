"""Every place where monoframe 0.0.1 differs from upstream Frappe, made to behave like upstream.

Each workaround is one function named after what it fixes, with a note saying what upstream Frappe does.
`apply()` runs them all once; a newer monoframe (or a real Frappe) can drop them one by one.
Only this package may name monoframe; dlxh_app itself is plain Frappe.
"""

import functools
import json
import os
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
	otherwise raises TypeError), accepts `for_update(nowait=, skip_locked=, of=)` and drops the
	clause on SQLite (one writer at a time; upstream calls SQLite support experimental), and
	writes `INSERT OR IGNORE` for `.ignore()`.
	"""
	from pypika import dialects

	builder = dialects.SQLLiteQueryBuilder

	def __init__(self, **kwargs):
		kwargs.setdefault("wrapper_cls", dialects.SQLLiteValueWrapper)
		dialects.QueryBuilder.__init__(self, dialect=dialects.Dialects.SQLLITE, **kwargs)
		self._insert_or_replace = False

	def for_update(self, nowait=False, skip_locked=False, of=()):
		return self

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
	compare as text and a dict used twice is quoted twice. Bind them as SQLite's `:name` parameters."""
	import datetime
	import re

	from monoframe.database.sqlite.database import SQLiteDatabase

	named = re.compile(r"%\((\w+)\)s")

	def bindable(value):
		# Dates as the ISO text Frappe stores them as (Python's own date adapters are deprecated).
		return str(value) if isinstance(value, datetime.date | datetime.timedelta) else value

	def execute_query(self, query, values=None):
		if isinstance(values, dict):
			# As with the driver upstream, "%%" stands for a literal "%" when parameters are named.
			query = named.sub(r":\1", query).replace("%%", "%")
			return self._cursor.execute(query, {key: bindable(value) for key, value in values.items()})
		return self._cursor.execute(query.replace("%s", "?"), [bindable(value) for value in values or ()])

	SQLiteDatabase.execute_query = execute_query


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


def pdf_generator() -> None:
	"""Upstream's `get_pdf` turns print HTML into PDF with wkhtmltopdf; monoframe's raises
	NotImplementedError. The engine renders with WeasyPrint (monoframe's own `pdf` extra), which handles
	print CSS (`@page`, `@font-face`) and Vietnamese text. Upstream's `pdf_generator` hook for Chrome
	returns None unless Chrome was asked for; monoframe's raises for every PDF. WeasyPrint fetches only
	the site's own files (see site_file_url)."""
	import sys

	from monoframe.utils import pdf

	def get_pdf(html: str, options: dict | None = None, output=None, **kwargs) -> bytes:
		import weasyprint

		fetcher = weasyprint.URLFetcher()
		content = weasyprint.HTML(
			string=html,
			base_url=monoframe.utils.get_url(),
			url_fetcher=lambda url: fetcher.fetch(site_file_url(url)),
		).write_pdf(stylesheets=[weasyprint.CSS(string=PRINT_BUNDLE_CSS)])
		if output:
			from io import BytesIO

			from pypdf import PdfReader

			output.append_pages_from_reader(PdfReader(BytesIO(content)))
			return output
		return content

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
		app, _, rest = path.removeprefix("assets/").partition("/")
		folder = Path(monoframe.get_app_path(app, "public")) if app in APPS else None
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


FIXES = [
	sqlite_query_builder,
	sqlite_named_parameters,
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
	frappe_in_safe_globals,
	frappe_in_workflow_conditions,
	print_body_rendered,
	pdf_generator,
	upstream_csrf_header,
]
