# One task runner. `make run` and `make test` set everything up on a fresh machine.
PY ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup browser vendor run test lint audit format bench fuzz real-files messages evidence clean

$(BIN)/crampcoach: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/crampcoach

setup: $(BIN)/crampcoach

# The main job: check the knowledge base, then assess an example story.
run: setup
	$(BIN)/crampcoach kb check
	$(BIN)/crampcoach assess --intake examples/marathon-calf.json

test: setup lint audit browser
	$(BIN)/pytest -n 2

# What the browser tests (tests/web, marker `browser`) need: Debian's Chromium (never a
# browser Playwright downloads), the playwright package (dev extra) and axe-core (npm ci).
browser: setup
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Chromium missing and not root: the browser tests will be skipped"; \
		fi; \
	fi
	@$(BIN)/python -c "import playwright" 2>/dev/null || $(BIN)/pip install --quiet playwright
	@if [ ! -f node_modules/axe-core/axe.min.js ]; then \
		if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
		else echo "npm missing: the browser tests will be skipped"; fi; \
	fi

# The web app serves no npm-installed file yet; this refreshes the test tools from the lock file.
vendor:
	npm ci --no-audit --no-fund

lint: setup
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy src

# Security: bandit over the code (no finding left unexplained: pyproject's [tool.bandit] and
# each `# nosec` say why), and pip-audit over the installed packages against PyPI's
# vulnerability data; what it could not check it names and goes on (tools/audit.py).
audit: setup
	$(BIN)/bandit -c pyproject.toml -r src -q
	$(BIN)/python tools/audit.py

format: setup
	$(BIN)/ruff format src tests bench tools
	$(BIN)/ruff check --fix src tests bench tools

bench: setup
	$(BIN)/python bench/run.py

# The fuzzing pass (issue 16): hypothesis feeds 10,000 inputs to each target of
# tests/fuzzing.py (intake, story, question, and mutated FIT, GPX and TCX files) and prints
# the figures; several minutes, so not part of `make test` (tests/test_fuzzing.py runs each
# briefly). FUZZ_ARGS="fit --inputs 500" narrows it.
fuzz: setup
	$(BIN)/python tools/fuzz.py $(FUZZ_ARGS)

# What the importer makes of each real file of ../shared/real-files, as a table.
real-files: setup
	$(BIN)/python tools/real_files.py

# The catalogue of every person-facing string: N_() in the code, TEXTS in the knowledge
# (babel.cfg). Run after changing either; tests/cli/test_locale.py checks it is current.
# Then every translated catalogue (locale/<lang>/LC_MESSAGES/crampcoach.po) is brought up to
# it, checked (no message untranslated, placeholders kept) and compiled to its .mo.
messages: setup
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --omit-header \
		-o src/crampcoach/locale/crampcoach.pot .
	$(BIN)/python tools/catalogues.py update
	$(BIN)/python tools/catalogues.py compile

# The evidence table for a reviewer, from the claims in the data (tests check it is current).
evidence: setup
	$(BIN)/crampcoach kb evidence --markdown > docs/evidence.md

clean:
	rm -rf $(VENV) build dist node_modules .pytest_cache .mypy_cache .ruff_cache
