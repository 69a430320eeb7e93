"""Every user-facing string has a Russian and a Kazakh translation.

Catalogues are per app and Django merges them at run time, so a string is translated when any app's
catalogue translates it. Russian is the default language: an untranslated status, role or country shows
up in English in the middle of a Russian page. Read from the .po files, so no compiled catalogue is needed.
(Uzbek, Kyrgyz and Tajik exist for the public reporting page only (tips app); staff pages are not offered in
them, so their catalogues are not checked here.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import senim

SOURCE = Path(senim.__file__).parent
STAFF_LANGUAGES = ("ru", "kk")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_MSGID = re.compile(r'^msgid ((?:"[^\n]*"\n?)+)', re.M)
_MSGSTR = re.compile(r"^msgstr(?:\[\d+\])? ((?:\"[^\n]*\"\n?)+)", re.M)


def _joined(quoted_lines: str) -> str:
    return "".join(_QUOTED.findall(quoted_lines))


def catalogue_entries(text: str) -> dict[str, bool]:
    """msgid → translated (every msgstr form non-empty and the entry not fuzzy); obsolete entries skipped."""
    entries: dict[str, bool] = {}
    for block in text.split("\n\n"):
        found = _MSGID.search(block)
        if found is None or block.lstrip().startswith("#~"):
            continue
        msgid = _joined(found.group(1))
        if not msgid:
            continue  # the header
        forms = [_joined(m) for m in _MSGSTR.findall(block)]
        entries[msgid] = bool(forms) and all(forms) and ", fuzzy" not in block
    return entries


def test_the_entry_reader_tells_translated_from_empty_and_fuzzy():
    text = (
        'msgid ""\nmsgstr "Plural-Forms: nplurals=2;"\n\n'
        'msgid "Closed"\nmsgstr "Закрыто"\n\n'
        'msgid "Assisted"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Register"\nmsgstr "Номер ЕРДР"\n\n'
        'msgid ""\n"A long "\n"text"\nmsgstr ""\n"Длинный "\n"текст"\n\n'
        'msgid "%(n)s case"\nmsgid_plural "%(n)s cases"\nmsgstr[0] "%(n)s дело"\nmsgstr[1] ""\n\n'
        '#~ msgid "Old"\n#~ msgstr ""\n'
    )
    assert catalogue_entries(text) == {
        "Closed": True,
        "Assisted": False,
        "Register": False,
        "A long text": True,
        "%(n)s case": False,
    }


@pytest.mark.parametrize("language", STAFF_LANGUAGES)
def test_every_string_is_translated_in_some_app_catalogue(language):
    translated: set[str] = set()
    untranslated: dict[str, set[str]] = {}
    catalogues = sorted(SOURCE.glob(f"*/locale/{language}/LC_MESSAGES/django.po"))
    assert catalogues, f"no {language} catalogue found"
    for path in catalogues:
        app = path.relative_to(SOURCE).parts[0]
        for msgid, done in catalogue_entries(path.read_text(encoding="utf-8")).items():
            if done:
                translated.add(msgid)
            else:
                untranslated.setdefault(msgid, set()).add(app)
    missing = {msgid: sorted(apps) for msgid, apps in untranslated.items() if msgid not in translated}
    assert missing == {}, f"{len(missing)} strings without a {language} translation"
