#!/usr/bin/env bash
# Make .devbench/venv: Python >= 3.12 (monoframe uses 3.12 syntax), the Debian packages the engine needs
# (mysqlclient builds against libmariadb-dev; WeasyPrint renders with Pango; printed documents are set in
# the installed Tinos of fonts-croscore, as on a bench; the print tests read PDFs back with poppler-utils;
# with DEVBENCH_PDF=wkhtmltopdf, PDFs are made by wkhtmltopdf as on Frappe v15), and
# devbench/requirements.txt. Safe to run again: it does only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.devbench/venv
STAMP=$VENV/.requirements

debs=(libmariadb-dev pkg-config libpango-1.0-0 libpangoft2-1.0-0 fonts-croscore poppler-utils)
[ "${DEVBENCH_PDF:-}" = wkhtmltopdf ] && debs+=(wkhtmltopdf)
need_debs=()
for pkg in "${debs[@]}"; do
	dpkg -s "$pkg" >/dev/null 2>&1 || need_debs+=("$pkg")
done
if [ ${#need_debs[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "Installing Debian packages: ${need_debs[*]}"
		apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need_debs[@]}" >/dev/null
	else
		echo "Missing Debian packages: ${need_debs[*]} (run: sudo apt-get install ${need_debs[*]})" >&2
		exit 1
	fi
fi

find_python() {
	local candidate
	for candidate in "${PYTHON:-}" python3.12 python3.13 \
		"$(pyenv root 2>/dev/null)"/versions/3.12*/bin/python3 "$HOME"/.pyenv/versions/3.12*/bin/python3 \
		"$(pyenv root 2>/dev/null)"/versions/3.13*/bin/python3 "$HOME"/.pyenv/versions/3.13*/bin/python3 python3; do
		[ -n "$candidate" ] || continue
		command -v "$candidate" >/dev/null 2>&1 || continue
		if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
			command -v "$candidate"
			return 0
		fi
	done
	return 1
}

if [ ! -x $VENV/bin/python ]; then
	python=$(find_python) || { echo "Python 3.12 or newer is needed (monoframe uses 3.12 syntax); none found." >&2; exit 1; }
	echo "Creating $VENV with $python"
	"$python" -m venv $VENV
fi

# requirements-no-deps.txt: packages whose exact pins pip cannot resolve against monoframe's, installed
# without their dependencies (requirements.txt lists those; the file says why).
REQUIREMENTS=(devbench/requirements.txt devbench/requirements-no-deps.txt)
if [ ! -f $STAMP ] || ! cat "${REQUIREMENTS[@]}" | cmp -s - $STAMP; then
	echo "Installing the engine's Python packages (about a minute the first time)"
	$VENV/bin/python -m pip install -q --upgrade pip >/dev/null
	$VENV/bin/python -m pip install -q -r devbench/requirements.txt
	$VENV/bin/python -m pip install -q --no-deps -r devbench/requirements-no-deps.txt
	cat "${REQUIREMENTS[@]}" >$STAMP
fi
