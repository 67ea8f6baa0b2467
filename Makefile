# clerk-app: `make run` starts the application, `make test` runs every test.
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DIST_STAMP := $(VENV)/.dist-installed

.PHONY: run test lint bench crash demo-db clean dist team-demo

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/clerk-app $(if $(DB),--db "$(DB)")

# The team record's tests start their own PostgreSQL server (tests/postgres.py); they
# fail, rather than skip, without its programs.
test: $(STAMP) $(DIST_STAMP)
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  echo "make test: PostgreSQL's server programs are missing, so the team record's" \
	       "tests will fail: install them (sudo apt install postgresql) and run it again."
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# A team record on a local PostgreSQL server (started in a temporary folder, as the tests
# do) with the demonstration body, and the window on it; SERVE=1 keeps only the server.
team-demo: $(STAMP)
	$(BIN)/python scripts/team_demo.py $(if $(SERVE),--serve)

lint: $(STAMP)
	$(BIN)/ruff check .

# Speed and memory against their targets and floors (scripts/bench.py); writes bench.json.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/bench.py

# Kill a process recording a meeting 200 times at random and check nothing is lost
# (tests/crash/harness.py). KILLS=1000 SEED=7 for a longer or different run.
crash: $(STAMP)
	$(BIN)/python -m tests.crash.harness --kills $(or $(KILLS),200) --seed $(or $(SEED),1)

# --- dist: the installed application --------------------------------------------------
# PyInstaller freezes the application into dist/clerk-app (and, on Linux, a tarball with
# a desktop entry); scripts/dist.py then reports its size and start-up time against the
# checkout's. make test builds it too (tests/test_bundle.py), hence the stamp there.
$(DIST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dist]'
	touch $(DIST_STAMP)

dist: $(DIST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/dist.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis dist
