# The front door: `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/estafette
DEMO_ACTIVITIES ?= 3000

.PHONY: run test test-sqlite test-postgres lint format bench prod-test messages venv serve clean widths

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

run: venv
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py seed_demo --activities $(DEMO_ACTIVITIES) --seed 1 --if-empty
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

test: venv
	bash scripts/test.sh

lint: venv
	bash scripts/lint.sh

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	git ls-files -z '*.py' | xargs -0 $(VENV)/bin/django-upgrade --target-version 5.2 --exit-zero-even-if-changed
	git ls-files -z '*.html' | xargs -0 $(VENV)/bin/djade --target-version 5.2

messages: venv
	bash scripts/messages.sh

bench: venv
	bash scripts/bench.sh

# Production as a topology on this machine (nginx, 2 app servers, PostgreSQL, Redis, mail
# worker, fake SMTP), broken on purpose; prints its figures, fails when a target is missed.
prod-test: venv
	$(PY) scripts/prod_test.py

# The widest layout width of every page type on a 320 px phone (the reflow test's list).
widths: venv
	$(PY) scripts/reflow_widths.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
