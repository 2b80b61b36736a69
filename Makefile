# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
OUT    ?= out/wuchang-2023

.PHONY: install demo test bench clean

$(BIN)/juesuan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/juesuan

demo: install
	$(BIN)/juesuan build examples/wuchang-2023/data.xlsx -o $(OUT)

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/build_example.py
	$(BIN)/python bench/check_reports.py

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
