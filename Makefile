# Two commands matter: `make run` and `make test`. Both set everything up first, installing
# exactly the versions in uv.lock (and uv itself from requirements-bootstrap.txt, by hash).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
UV     := $(BIN)/uv
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test check bench lint format snapshots lock clean

$(STAMP): pyproject.toml uv.lock $(UV)
	$(UV) sync --locked --inexact --extra dev --quiet --compile-bytecode
	@touch $(STAMP)

# uv itself, pinned by hash, in the project's own virtualenv.
$(UV): requirements-bootstrap.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-bootstrap.txt
	@touch $(UV)

# Refresh uv.lock to the newest versions pyproject.toml allows (after adding a dependency
# too); then run `make test`. `$(UV) lock` alone takes in a new dependency, upgrading nothing.
lock: $(UV)
	$(UV) lock --upgrade
	$(UV) sync --locked --inexact --extra dev --quiet --compile-bytecode
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/playbook $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist worksteal

check: $(STAMP)
	$(BIN)/ruff check playbook tests bench docs
	$(BIN)/ruff format --check playbook tests bench docs
	$(BIN)/python -m pytest -q -n auto --dist worksteal

bench: $(STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check --fix playbook tests bench docs
	$(BIN)/ruff format playbook tests bench docs

snapshots: $(STAMP)
	$(BIN)/python -m pytest -q tests/tui --snapshot-update

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache
