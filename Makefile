# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
OUT    ?= out/wuchang-2023

# Debian packages: CJK fonts to embed, pango for WeasyPrint, harfbuzz subsetting (PDF output);
# poppler-utils (pdftotext, the benchmark's yardstick); libgl1 and libglib2.0-0 for OpenCV (OCR);
# chromium for the web app's end-to-end tests (Playwright drives Debian's browser, nothing downloaded);
# LibreOffice Writer (no GUI, no recommends) lays out the DOCX in the tests, as a reader without Word sees it.
SYSTEM_PACKAGES = fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils \
	libgl1 libglib2.0-0 chromium
LAYOUT_PACKAGES = libreoffice-writer-nogui
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install system demo test bench clean

system:
	@dpkg -s $(SYSTEM_PACKAGES) $(LAYOUT_PACKAGES) >/dev/null 2>&1 || { $(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $(SYSTEM_PACKAGES) && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $(LAYOUT_PACKAGES); }

$(BIN)/juesuan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: system $(BIN)/juesuan

demo: install
	$(BIN)/juesuan build examples/wuchang-2023/data.xlsx -o $(OUT)
	$(BIN)/juesuan build examples/putuo-ghzyj-2024/data.xlsx -o out/putuo-ghzyj-2024
	$(BIN)/juesuan build examples/budget-putuo-cgzfj-2026/data.xlsx -o out/budget-putuo-cgzfj-2026

test: install
	$(BIN)/ruff check src
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/build_example.py
	$(BIN)/python bench/check_reports.py
	$(BIN)/python bench/parse_pdf.py
	$(BIN)/python bench/ingest_corpus.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/scale.py 1000

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
