# Hearth: `make run` sets everything up and serves http://127.0.0.1:5000 ; `make test` runs the tests.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
VENDOR := forum/static/vendor
# Tests run on one pytest-xdist worker per core; TEST_WORKERS=0 runs them all in one process (e.g. for --pdb).
TEST_WORKERS ?= auto

.PHONY: run setup test lint bench bench-chat db clean

run: setup db
	@echo "Hearth is starting on http://127.0.0.1:5000 (Ctrl-C to stop)"
	$(FLASK) run --host 127.0.0.1 --port 5000

setup: $(VENV)/.installed $(VENDOR)/socket.io.min.js

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Hearth needs $(PYTHON) on PATH"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(VENDOR)/socket.io.min.js: package.json
	npm install --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/socket.io-client/dist/socket.io.min.js $(VENDOR)/
	cp node_modules/socket.io-client/dist/socket.io.min.js.map $(VENDOR)/ 2>/dev/null || true

db: setup
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) moderation train --if-missing

test: setup
	$(BIN)/pytest -n $(TEST_WORKERS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python bench/moderation_quality.py

bench-chat: setup
	$(BIN)/python bench/chat_fanout.py --clients 50 200 --rate 20

clean:
	rm -rf $(VENV) node_modules $(VENDOR) instance
