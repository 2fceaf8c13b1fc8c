# Two commands on a fresh machine:  `make run`  and  `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := wsgi

.PHONY: run serve test lint system-packages setup translations messages db demo index bench bench-api bench-serve bench-load bench-pages clean

run: setup db demo index  ## serve the site with the demo register on http://127.0.0.1:5000 (development)
	$(BIN)/flask run --host 127.0.0.1 --port 5000

serve: setup db demo index  ## the production server (gunicorn, gunicorn.conf.py) with the demo register on http://127.0.0.1:8000
	$(BIN)/gunicorn

# One worker more than the 2 cores: the browser tests spend much of their time waiting on
# Chromium. `make test PYTEST_ARGS="-n 0 -x tests/test_api.py"` runs one file. The tests
# against gunicorn share one server: they are one xdist group (--dist loadgroup, pyproject).
PYTEST_ARGS ?= -n 3

PYTHON_CODE := app tests bench tools migrations wsgi.py

test: setup system-packages lint  ## lint and types, then the whole test suite (browser tests included); prints its time
	@start=$$(date +%s); \
	$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	echo "make test: the suite took $$(( $$(date +%s) - start )) s"; exit $$status

lint: setup  ## ruff (lint + format check) and mypy (strict on app/domain, app/search, app/register)
	$(BIN)/ruff check $(PYTHON_CODE)
	$(BIN)/ruff format --check $(PYTHON_CODE)
	$(BIN)/mypy

# The browser tests drive Debian's Chromium (and read printed PDFs with pdftotext); the
# deployment test checks the nginx example with `nginx -t`, on a certificate that openssl
# makes for it.
SYSTEM_PACKAGES := chromium poppler-utils nginx-light openssl
system-packages:
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null || [ ! -x /usr/sbin/nginx ] \
	  || ! command -v openssl >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else echo "The tests need Debian's $(SYSTEM_PACKAGES): sudo apt-get install $(SYSTEM_PACKAGES)"; exit 1; fi; \
	fi

setup: $(STAMP) translations

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

translations: $(STAMP)  ## compile the nl and en message catalogues
	$(BIN)/pybabel compile -d app/translations --statistics 2>&1 | tail -n 2

messages: $(STAMP)  ## extract new strings and update the catalogues
	$(BIN)/pybabel extract -F babel.cfg -k _l -o app/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/python app/translations/fill_nl.py

db: setup  ## create or upgrade the database schema
	$(BIN)/flask db upgrade

demo: db  ## import the demo register when nothing is published yet
	$(BIN)/flask register demo

index: demo  ## make sure the search index matches the published register
	$(BIN)/flask index rebuild

bench: setup  ## import and search benchmarks (300 and 20,000 providers; a few minutes)
	$(BIN)/python -m bench.import_bench
	$(BIN)/python -m bench.search_bench

bench-api: setup  ## /api/v1/providers p95 and the HSDS export, 20,000 providers
	$(BIN)/python -m bench.api_bench

# BENCH_DIR keeps the generated register and database, so a second run (or one serving
# another checkout: BENCH_ARGS="--project ../older") reuses them.
BENCH_DIR ?= bench/out/serve
bench-serve: setup  ## under gunicorn, 20,000 providers: the HSDS download, and a search page while 3 clients download it
	$(BIN)/python -m bench.serve_bench --workdir $(BENCH_DIR) $(BENCH_ARGS)

bench-load: setup  ## nginx + gunicorn under wrk (and gunicorn alone): a mix of pages at 16 and 64 connections, a re-import and a killed worker
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "install wrk (apt-get install wrk)"; exit 1; }
	$(BIN)/python -m bench.load $(BENCH_ARGS)

bench-pages: setup system-packages  ## bytes on the wire and requests per page type (target <= 50 KB, 0 third-party)
	$(BIN)/python -m bench.page_weight

clean:
	rm -rf $(VENV) search_index/v* search_index/CURRENT search_index/exports static_build instance/*.sqlite
