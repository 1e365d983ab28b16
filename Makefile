# Two commands: `make run` runs the whole product locally, `make test` runs every test.
# Both set up what they need on a fresh machine and reuse it on the next run.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSETS := portal/static/css/main.css

.PHONY: run test install assets lint services benchmark clean bot bot-test

run: $(STAMP) $(ASSETS)
	mkdir -p var
	$(BIN)/portal migrate
	$(BIN)/portal seed-demo
	$(BIN)/python bot/manage.py train
	exec $(BIN)/portal run-local

test: $(STAMP) $(ASSETS) services
	$(BIN)/ruff check .
	$(BIN)/mypy casework
	$(BIN)/python bot/manage.py test
	$(BIN)/python -m pytest -q -p no:cacheprovider

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

assets: $(ASSETS)

$(ASSETS): portal/assets/package.json portal/assets/package-lock.json portal/assets/build.mjs $(wildcard portal/assets/scss/*.scss portal/assets/js/*)
	npm ci --prefix portal/assets --no-audit --no-fund --loglevel=error
	npm run build --prefix portal/assets --silent

# PostgreSQL and Redis for the tests, started if they are down; docker-compose validates
# the production file (Debian's package needs no Docker engine for `config`).
services:
	@scripts/ensure-services.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The assistant: bot/.venv (pyenv's Python 3.10.13) and a model trained only when its data,
# domain or config changed. `bot-test` validates the data, cross-validates the NLU and runs
# the test stories.
bot: $(STAMP)
	$(BIN)/python bot/manage.py train

bot-test: $(STAMP)
	$(BIN)/python bot/manage.py test

# Every benchmark, each printing ratios against a baseline measured in the same run.
benchmark: $(STAMP) $(ASSETS) services
	$(BIN)/python benchmarks/portal_pages.py
	$(BIN)/python benchmarks/notify_burst.py
	$(BIN)/python benchmarks/assistant.py

clean:
	rm -rf $(VENV) portal/static portal/assets/node_modules var bot/.venv bot/models bot/results
