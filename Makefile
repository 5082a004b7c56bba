# Two commands: `make run` starts the portal on embedded defaults; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install translations messages chromium libreoffice lint format deadcode clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(BIN)/pybabel compile -f -d portal/translations -D messages >/dev/null

# After UI text changed: refresh the English catalogue and list what needs translating.
# -N: no guessed (fuzzy) translations; contexts (lazy_pgettext) keep homonyms apart.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 \
		-k lazy_pgettext:1c,2 -k pgettext:1c,2 -k NC_:1c,2 -k NP_:1,2 -o $(VENV)/messages.pot . >/dev/null
	$(BIN)/pybabel update -N --ignore-obsolete -i $(VENV)/messages.pot -d portal/translations -l en
	@$(BIN)/python -c "from babel.messages.pofile import read_po; \
		c = read_po(open('portal/translations/en/LC_MESSAGES/messages.po', 'rb')); \
		[print('untranslated:', m.context or '', m.id) for m in c \
		 if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]"

# The launcher starts the embedded Redis first, upgrades the database, seeds the
# demo into an empty one, then runs web, worker and scheduler until Ctrl-C.
run: install
	$(BIN)/python launcher.py $(RUN_ARGS)

# The suite runs on every core (pytest-xdist, at most 4 workers); the browser journeys
# stay together on one worker, sharing one portal. TEST_WORKERS=0 runs in one process.
# A worker that crashes ends the run at once (--max-worker-restart 0): after a crash
# xdist 3.8's loadgroup scheduler never hands out the crashed worker's tests again and
# the run would wait until CI's limit.
TEST_WORKERS ?= auto
test: install chromium libreoffice
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses 4 --dist loadgroup --max-worker-restart 0 $(PYTEST_ARGS)

# Debian's Chromium for the browser journeys: installed when missing and possible,
# otherwise those journeys are skipped with a message.
chromium:
	@./.ci/ensure-chromium

# Debian's LibreOffice for the dossiers' PDF copies (and poppler's pdftotext to read
# them): installed when missing and possible, otherwise those tests are skipped, saying so.
libreoffice:
	@./.ci/ensure-libreoffice

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Unused code in the product; settings in pyproject.toml, false alarms (with their
# reasons) in vulture_whitelist.py. tests/test_dead_code.py runs the same check.
deadcode: $(STAMP)
	$(BIN)/vulture

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) instance/portal.db instance/redis.rdb instance/redis.rdb.settings
