# The two commands of the README: `make run` serves the app, `make test` runs its tests.
# Both set up what they need on first use (.devbench/: virtualenv, sites, database templates).
#   make run               SQLite site, http://127.0.0.1:8000
#   make run DB=mariadb    MariaDB site (127.0.0.1:3306)
#   make run NO_DEMO=1     without the demo data (units, users, plans)
#   make test              MariaDB when 127.0.0.1:3306 answers, otherwise SQLite
#   make test DB=sqlite    force SQLite;  make test ARGS="-k plan"  pass arguments to pytest
#   make bench             the benchmarks under benchmarks/, printing figures (MariaDB if it answers)
#   make bench ONLY=survey_analysis   one of them (module names, separated by commas)
#   make e2e               the web app's browser tests (Chromium) on a fresh demo site (SQLite; DB= chooses)
#   make frontend-test     the web app's component tests (Vitest)
#   make figures           the web app's speed and bundle size, printed (on a fresh demo site)

PY := .devbench/venv/bin/python
DB ?=
PORT ?= 8000
ARGS ?=
NO_DEMO ?=
ONLY ?=

.PHONY: run test bench e2e figures frontend-test venv console migrate clean

venv:
	@./devbench/bootstrap.sh

run: venv
	@$(PY) -m devbench run $(if $(DB),--db $(DB)) --port $(PORT) $(if $(NO_DEMO),--no-demo)

test: venv
	@$(PY) -m devbench test $(if $(DB),--db $(DB)) -- $(ARGS)

bench: venv
	@$(PY) -m devbench bench $(if $(DB),--db $(DB)) $(if $(ONLY),--only $(ONLY))

e2e: venv
	@$(PY) -m devbench.e2e $(if $(DB),--db $(DB)) $(ARGS)

figures: venv
	@$(PY) -m devbench.e2e --figures $(if $(DB),--db $(DB))

frontend-test:
	@cd frontend && npm ci --loglevel=error --no-audit --no-fund && npx vitest run

console: venv
	@$(PY) -m devbench console $(if $(DB),--db $(DB))

migrate: venv
	@$(PY) -m devbench migrate $(if $(DB),--db $(DB))

clean:
	rm -rf .devbench
