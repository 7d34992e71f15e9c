"""Build the web app (frontend/) for `make run` as `bench build` does on a bench (the app's root
package.json `build` script), only when its sources changed since the last build: `npm ci` from the
committed lockfile when that changed, then `npm run build`."""

import hashlib
import shutil
import subprocess

from devbench.site import APP, BENCH, ROOT

FRONTEND = ROOT / "frontend"
OUTPUTS = [ROOT / APP / "public" / "frontend" / "index.html", ROOT / APP / "www" / "dlxh.html"]
SOURCES = [
	"src",
	"index.html",
	"vite.config.js",
	"tailwind.config.js",
	"postcss.config.js",
	"package-lock.json",
]


def digest(paths) -> str:
	hashed = hashlib.sha256()
	for path in sorted(paths):
		hashed.update(str(path.relative_to(ROOT)).encode())
		hashed.update(path.read_bytes())
	return hashed.hexdigest()[:16]


def source_files():
	for name in SOURCES:
		path = FRONTEND / name
		yield from (p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def npm(*args: str) -> None:
	subprocess.run(["npm", "--loglevel=error", *args], cwd=FRONTEND, check=True, stdout=subprocess.DEVNULL)


def build_if_changed() -> bool:
	"""Returns whether it built. Raises CalledProcessError if npm fails, RuntimeError without npm.
	A copy of the engine and the app without the web app's sources (the engine's own tests make such
	checkouts) has nothing to build."""
	if not (FRONTEND / "package.json").exists():
		return False
	if not shutil.which("npm"):
		raise RuntimeError("npm is not installed; the web app needs Node.js 18 or newer")
	stamps = BENCH / "frontend"
	stamps.mkdir(parents=True, exist_ok=True)
	lock = digest([FRONTEND / "package-lock.json"])
	if not (FRONTEND / "node_modules").is_dir() or read(stamps / "lockfile") != lock:
		npm("ci", "--no-audit", "--no-fund")
		(stamps / "lockfile").write_text(lock)
	sources = digest(source_files())
	if all(path.exists() for path in OUTPUTS) and read(stamps / "sources") == sources:
		return False
	npm("run", "build")
	(stamps / "sources").write_text(sources)
	return True


def read(path) -> str:
	return path.read_text() if path.exists() else ""
