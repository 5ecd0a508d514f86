# Quick start: `make site` builds the site into site/, `make test` runs every test.
# Both create .venv with the pinned dependencies when it is missing or out of date.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint check new codeowners browser-deps ocr-deps dev bench clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[test]"
	@touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

check: $(STAMP)
	$(BIN)/sop check

# make new TITLE="Monitorering av MU-studier" [CATEGORY=MU] [OWNER="AP3 MON"] [LANGUAGE=en]
# TITLE, CATEGORY and OWNER are passed as typed: $(value ...) is the text without make's expansion
# (a '$' stays), and single quotes keep the shell from reading quotes, '$' or backticks in it.
# LANGUAGE counts only from the command line (the environment's LANGUAGE is gettext's).
quoted = '$(subst ','"'"',$(value $(1)))'
NEW_LANGUAGE = $(if $(filter command line,$(origin LANGUAGE)),$(LANGUAGE),nb)
new: $(STAMP)
	@test -n $(call quoted,TITLE) || { echo 'make new: give the title, e.g. make new TITLE="Monitorering av MU-studier" CATEGORY=MU'; exit 2; }
	@$(BIN)/sop new --title $(call quoted,TITLE) --category $(if $(CATEGORY),$(call quoted,CATEGORY),Generelt) \
		--owner $(if $(OWNER),$(call quoted,OWNER),'AP2 SOP') --language '$(NEW_LANGUAGE)'

codeowners: $(STAMP)
	$(BIN)/sop codeowners

browser-deps:
	@bash scripts/ensure-browser.sh

# Tesseract and its Norwegian and English models, for `sop convert --ocr` (Debian packages).
ocr-deps:
	@bash scripts/ensure-ocr.sh

# Ruff and mypy (pinned): the code passes the lint rules, is formatted as ruff formats, and type-checks
# ([tool.mypy] in pyproject.toml: sopmodel/ and converters/, strict for sopmodel/model/).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint browser-deps ocr-deps
	$(BIN)/python -m pytest

# Tools for fixtures and benchmark baselines (python-docx, pymupdf with pymupdf4llm, pytesseract)
# and the git hook that runs `sop check` before every commit (pre-commit, pinned).
dev: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[test,dev]"
	$(BIN)/pre-commit install

bench: dev ocr-deps
	$(BIN)/python benchmarks/build.py --sizes 100 1000
	$(BIN)/python benchmarks/convert.py

clean:
	rm -rf site .pytest_cache
