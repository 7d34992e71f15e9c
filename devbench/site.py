"""A site of the dev engine: its folder, its configuration, and its life cycle (create, open, migrate).

Layout, mirroring a bench: `.devbench/sites/<site>/site_config.json` holds what upstream keeps there
(db_type, db_name, db_password, admin_password); monoframe reads its configuration from environment
variables only, so `open_site` exports them before the framework initialises.
"""

import json
import os
import secrets
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(os.environ.get("DEVBENCH_HOME", ROOT / ".devbench"))
SITES = BENCH / "sites"
APP = "dlxh_app"
MARIADB_HOST = os.environ.get("DEVBENCH_MARIADB_HOST", "127.0.0.1")
MARIADB_PORT = int(os.environ.get("DEVBENCH_MARIADB_PORT", "3306"))
REDIS_URL = os.environ.get("DEVBENCH_REDIS", "redis://127.0.0.1:6379")


@dataclass
class SiteConfig:
	name: str
	db_type: str
	db_name: str
	db_password: str = field(default_factory=lambda: secrets.token_hex(8))
	admin_password: str = "admin"
	secret_key: str = field(default_factory=lambda: secrets.token_hex(16))

	@property
	def path(self) -> Path:
		return SITES / self.name

	@property
	def config_file(self) -> Path:
		return self.path / "site_config.json"

	def save(self) -> None:
		self.path.mkdir(parents=True, exist_ok=True)
		self.config_file.write_text(json.dumps(asdict(self), indent=1))

	@classmethod
	def load(cls, name: str) -> "SiteConfig | None":
		file = SITES / name / "site_config.json"
		if not file.exists():
			return None
		return cls(**json.loads(file.read_text()))

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
	os.chdir(SITES)
	boot_engine()


def open_site(config: SiteConfig, user: str = "Administrator") -> None:
	enter(config)
	import frappe

	frappe.init(force=True)
	frappe.connect(set_admin_as_user=False)
	frappe.set_user(user)


def new_site(config: SiteConfig) -> None:
	"""Create the database, install the framework and the app: upstream `bench new-site` + `install-app`."""
	if config.path.exists():
		shutil.rmtree(config.path)
	config.save()
	enter(config)

	import frappe
	from frappe import installer

	frappe.init(force=True)
	installer._init_database(db_name=config.db_name, admin_password=config.admin_password, force=True)
	installer.install_app(APP)
	frappe.db.commit()
	frappe.destroy()
