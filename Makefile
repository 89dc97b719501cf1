# Two entry points, each creating .venv and installing what it needs:
#   make generate   regenerate generated/ from specs/ and install it into .venv (editable)
#   make test       run the whole test suite, one worker per core (PYTEST_FLAGS= for one process)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The generated package installed editable by path (a .pth line naming generated/): `import
# wiro_tools` works from any directory, sees every later regeneration, and type checkers and IDEs
# find it too (setuptools' default editable finder hook is invisible to them). pip runs again only
# when generated/pyproject.toml (or this file) changes.
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

$(GENERATED_INSTALLED): generated/pyproject.toml Makefile $(INSTALLED)
	$(BIN)/python -m pip install --quiet --no-build-isolation -e generated \
		--config-settings editable_mode=compat
	touch $(GENERATED_INSTALLED)

# tests/repo/test_generated_install.py type-checks a user's script against the installed package.
# One worker per core; tests spread one by one, except the files marked with an xdist_group,
# kept on one worker so their costly module fixtures are built once.
PYTEST_FLAGS ?= -n auto --dist loadgroup
test: $(INSTALLED) $(GENERATED_INSTALLED)
	$(BIN)/python -m pytest $(PYTEST_FLAGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache generated/*.egg-info
