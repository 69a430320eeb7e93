# Senim — run `make help` for the list of targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/senim
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help install browser-deps messages demo serve worker test test-postgres lint bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install Senim with its development tools

browser-deps: ## Install Debian's Chromium for the browser tests (needs root or sudo)
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium chromium-driver >/dev/null || (apt-get update -q >/dev/null && apt-get install -y -q chromium chromium-driver >/dev/null); \
		else sudo apt-get install -y -q chromium chromium-driver; fi; fi

messages: install ## Compile the translations (.po → .mo)
	@if find src -name '*.po' | grep -q .; then cd src/senim && ../../$(BIN)/senim compilemessages -v0; fi

demo: install ## Migrate, seed a synthetic world with demo accounts, and serve on http://127.0.0.1:8000
	$(BIN)/senim migrate --noinput -v0
	@$(MAKE) --no-print-directory messages
	$(BIN)/senim seed --size small --seed 1 --flush
	$(BIN)/senim worker & trap 'kill %1' EXIT INT TERM; $(BIN)/senim runserver 127.0.0.1:8000

serve: install ## Serve the existing database without reseeding
	$(BIN)/senim runserver 127.0.0.1:8000

worker: install ## Run the background worker
	$(BIN)/senim worker

test: install browser-deps ## Run every test (SQLite)
	@$(MAKE) --no-print-directory messages
	$(BIN)/pytest -q -n 2

test-postgres: install browser-deps ## Run every test against PostgreSQL ($(PG_URL))
	@$(MAKE) --no-print-directory messages
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n 2

lint: install ## ruff, mypy, missing migrations and the OpenAPI document
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check --quiet src tests $(wildcard bench)
	$(BIN)/mypy src
	$(BIN)/senim makemigrations --check --dry-run -v0
	$(BIN)/senim spectacular --validate --fail-on-warn --file /dev/null

bench: install ## Run every benchmark (long)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
