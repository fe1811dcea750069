"""Dutch is the default; the English catalogue stays complete and up to date with the code."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "estafette" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _gaps(catalogue: polib.POFile) -> list[str]:
    return [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]


def test_every_message_in_the_committed_catalogue_has_an_english_translation():
    gaps = _gaps(polib.pofile(str(CATALOGUE)))
    assert not gaps, f"{len(gaps)} messages lack an English translation, e.g. {gaps[:10]}"


def test_the_catalogue_holds_every_message_of_the_current_code(tmp_path):
    """Regenerate the catalogue in a copy of the project: nothing may appear untranslated.

    A copy, because makemessages writes into every `locale` folder above the files it reads:
    run in place, it would rewrite the real catalogue."""
    work = tmp_path / "project"
    for name in ("estafette", "templates", "scripts"):
        shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", work / "manage.py")
    before = CATALOGUE.read_bytes()
    env = {**os.environ, "PY": sys.executable}
    env.pop("LOCALE_DIR", None)
    result = subprocess.run(
        ["bash", "scripts/messages.sh"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert CATALOGUE.read_bytes() == before, "the real catalogue must stay untouched"
    gaps = _gaps(polib.pofile(str(work / CATALOGUE.relative_to(ROOT))))
    assert not gaps, (
        f"{len(gaps)} messages in the code are missing from the catalogue (run `make messages`), e.g. {gaps[:10]}"
    )


@pytest.mark.django_db
def test_the_home_page_speaks_dutch_at_the_root_and_english_under_en(client):
    dutch = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert 'lang="nl"' in dutch and "Wie is er aan zet?" in dutch
    assert 'lang="en"' in english and "Wie is er aan zet?" not in english


def test_a_translated_sentence_reads_in_english():
    with translation.override("en"):
        assert translation.gettext("Naar de inhoud") != "Naar de inhoud"
