# The two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test install lint typecheck unit fuzz bench docs docs-generate lint-openapi client \
	migrate worker clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p var
	$(BIN)/brain migrate
	$(BIN)/brain serve

test: install lint typecheck unit

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

# The API fuzzer with many more examples than `make test` runs (tests/fuzz): about 14 min on
# SQLite on 2 cores. Never part of `make test`. FUZZ_EXAMPLES=... to change the depth.
FUZZ_EXAMPLES ?= 100
fuzz: install
	BRAIN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/fuzz
	BRAIN_DIFF_EXAMPLES=200 $(BIN)/pytest tests/domains/buz/test_transfer_paths.py

# The benchmark suite (bench/suite.py, docs/operations/performance.md): the Brain against bare
# baselines on Postgres, ~8 minutes; writes bench/results/ and the docs table. Never part of
# `make test`. BENCH_ARGS=--quick for a smoke run, BENCH_ARGS="--only live,read" for some.
BENCH_ARGS ?=
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

docs: install
	$(BIN)/mkdocs build --strict --site-dir var/site

docs-generate: install
	$(BIN)/brain docs

# The OpenAPI contract under Redocly's recommended rules (warnings as errors) and Spectral's
# `oas` rules (any finding fails), pinned, through npx (node 20+, npm registry). Not part of
# `make test`, which needs only Python; CI runs it as its own step. Configs: redocly.yaml,
# .spectral.yaml.
REDOCLY ?= @redocly/cli@2.77.0
SPECTRAL ?= @stoplight/spectral-cli@6.16.3
lint-openapi: install
	mkdir -p var
	$(BIN)/brain openapi > var/openapi.json
	npx --yes $(REDOCLY) lint --config redocly.yaml var/openapi.json
	npx --yes $(SPECTRAL) lint --ruleset .spectral.yaml --fail-severity=hint var/openapi.json

# The typed Python client (clients/python) from the committed schema, regenerated from the
# code first; tests/test_client.py fails when it is stale.
client: install
	$(BIN)/brain docs
	$(BIN)/python clients/generate.py

migrate: install
	$(BIN)/brain migrate

worker: install
	$(BIN)/brain worker

clean:
	rm -rf $(VENV) var/site .mypy_cache .ruff_cache .pytest_cache
