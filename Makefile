# Two commands set everything up (see README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install whenever the project's declared dependencies change.
INSTALLED := $(VENV)/.installed

.PHONY: test lint typecheck layers pytest chromium clients gettext redis run schema messages validate clean graphiql lock

$(BIN)/python:
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
		echo "Python's venv module is missing: installing Debian's python3-venv"; \
		command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] \
		|| { echo "Install python3-venv (as root: apt-get install python3-venv) and retry."; exit 1; }; \
		apt-get update -qq && apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(INSTALLED)
	$(BIN)/mypy

# The import contracts in pyproject.toml ([tool.importlinter]): see docs/architecture.md.
layers: $(INSTALLED)
	$(BIN)/lint-imports

pytest: $(INSTALLED) chromium clients gettext redis graphiql
	$(BIN)/pytest

# GraphiQL's files, from the npm registry by the committed lock file (api/transport/graphiql.py
# serves them). Reinstalled when the lock file changes; npm is Debian's when it must be installed.
GRAPHIQL := api/transport/graphiql_assets
graphiql: $(GRAPHIQL)/node_modules/.package-lock.json
$(GRAPHIQL)/node_modules/.package-lock.json: $(GRAPHIQL)/package-lock.json
	@command -v npm >/dev/null || ! command -v apt-get >/dev/null || [ "$$(id -u)" != 0 ] || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	cd $(GRAPHIQL) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

# The browser tests (tests/browser) drive Debian's Chromium. Install it when we can (root,
# apt-get, not yet installed); otherwise carry on: those tests then skip and say why.
chromium:
	@[ -x /usr/bin/chromium ] || ! command -v apt-get >/dev/null || [ "$$(id -u)" != 0 ] || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
		>/dev/null; } || true

# The Node client tests (tests/clients): their packages exactly as package-lock.json pins
# them, installed again only when it changes (the stamp is inside node_modules, so a
# deleted node_modules is installed again too). Without node and npm those tests skip.
CLIENTS := tests/clients
CLIENTS_INSTALLED := $(CLIENTS)/node_modules/.installed

clients:
	@if command -v node >/dev/null && command -v npm >/dev/null; then \
		$(MAKE) --no-print-directory $(CLIENTS_INSTALLED); \
	else echo "node and npm not found: the client tests in $(CLIENTS) will be skipped"; fi

$(CLIENTS_INSTALLED): $(CLIENTS)/package.json $(CLIENTS)/package-lock.json
	cd $(CLIENTS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The PO round-trip tests re-wrap a catalog with GNU gettext's msgcat, as PO editors do
# (tests/translations/test_workflow.py). Installed the same way as Chromium.
gettext:
	@[ -x /usr/bin/msgcat ] || ! command -v apt-get >/dev/null || [ "$$(id -u)" != 0 ] || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext \
		>/dev/null; } || true

# The replica tests (tests/api/test_replicas.py) run a real redis-server: installed the same way.
redis:
	@[ -x /usr/bin/redis-server ] || ! command -v apt-get >/dev/null || [ "$$(id -u)" != 0 ] || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server \
		>/dev/null; } || true

test: lint typecheck layers pytest

validate: $(INSTALLED)
	$(BIN)/content-api validate

# Install, build the search index for the shipped content (skipped when already built),
# then serve it. The Dockerfile runs the same two commands.
HOST ?= 127.0.0.1
PORT ?= 8000
# Stopped by Ctrl-C (SIGINT, 130) or SIGTERM (143), the server has shut down cleanly: that
# is how it is meant to end, not an error for make to report.
run: $(INSTALLED) graphiql
	$(BIN)/content-api index
	@CONTENT_API_WATCH=$${CONTENT_API_WATCH:-true} $(BIN)/content-api serve --host $(HOST) --port $(PORT); \
		status=$$?; [ $$status -eq 0 ] || [ $$status -eq 130 ] || [ $$status -eq 143 ] || exit $$status

# The Dockerfile's dependencies: every runtime dependency of pyproject.toml pinned, with the
# hashes of its files, for any platform (tests/test_lock_file.py checks it covers pyproject).
lock: $(INSTALLED)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --universal --python-version 3.11 \
		--custom-compile-command "make lock" -o requirements.lock

# Rewrite the committed SDL after a schema change (a test fails until it matches the code).
schema: $(INSTALLED)
	$(BIN)/content-api schema > schema.graphql

# Extract the UI strings declared in api/content/ui_strings.py and update every locale's catalog.
messages: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k ui:1c,2 -k ui_plural:1c,2,3 \
		--no-location --project=clinic-content --copyright-holder="the clinic" \
		-o locales/messages.pot .
	for folder in locales/*/; do \
		tag=$$(basename $$folder); \
		$(BIN)/pybabel update -i locales/messages.pot -o $$folder/messages.po \
			-l $$(echo $$tag | tr - _) --no-wrap --init-missing; \
	done

clean:
	rm -rf $(VENV) search_index/*/ $(GRAPHIQL)/node_modules .mypy_cache .ruff_cache .pytest_cache .import_linter_cache
