# Shortcuts for developers; each target runs the same script CI and the README use.
.DEFAULT_GOAL := help
PY := .venv/bin/python
BENCH_ARGS ?=
.PHONY: help run test lint i18n package package-onefile package-test bench screenshots

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: ## install what the app needs, then start it (./tools/setup.sh run)
	./tools/setup.sh run

test: ## install what the tests need, then run the whole suite (./tools/setup.sh test)
	./tools/setup.sh test

lint: ## ruff (lint and layout), import-linter and mypy, as CI runs them
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/lint-imports && .venv/bin/mypy

i18n: ## extract, merge and compile the translations (tools/i18n.py)
	@if [ -f tools/i18n.py ]; then $(PY) tools/i18n.py; else echo "tools/i18n.py not found"; fi

package: ## build the self-contained Linux app into dist/tr-journal/ (PyInstaller)
	packaging/build_linux.sh

package-onefile: ## also build the single-file app dist/tr-journal-x86_64
	packaging/build_linux.sh --onefile

package-test: ## smoke-test the built app headless (run `make package` first)
	packaging/smoke_test.sh

bench: ## run every benchmark in bench/ (BENCH_ARGS=--quick for a smaller run); fails if any misses
	@status=0; for script in bench/bench_*.py; do \
	  echo "== $$script"; $(PY) $$script $(BENCH_ARGS) || status=1; done; exit $$status

screenshots: ## screenshots of every screen in every language (tools/screenshots.py)
	@if [ -f tools/screenshots.py ]; then $(PY) tools/screenshots.py; else echo "tools/screenshots.py not found"; fi
