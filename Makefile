# Two entry points, each creating .venv and installing what it needs:
#   make generate   regenerate generated/ from specs/ and install it into .venv (editable)
#   make test       run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The generated package installed editable: `import wiro_tools` works from any directory and
# sees every later regeneration; pip runs again only when generated/pyproject.toml changes.
GENERATED_INSTALLED := $(VENV)/.wiro_tools-installed

.PHONY: generate test clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

generate: $(INSTALLED)
	$(BIN)/wirogen generate specs -o generated --meta
	@$(MAKE) --silent --no-print-directory $(GENERATED_INSTALLED)

$(GENERATED_INSTALLED): generated/pyproject.toml
	$(BIN)/python -m pip install --quiet -e generated
	touch $(GENERATED_INSTALLED)

test: $(INSTALLED)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache generated/*.egg-info
