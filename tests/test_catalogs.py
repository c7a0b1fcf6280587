"""Every message in the source has a translation in both catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from flows.i18n import LOCALE_DIR, SUPPORTED_LOCALES

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "t": None, "gettext": None, "ngettext": (1, 2)}


def _source_msgids() -> set[str]:
    msgids: set[str] = set()
    for package in ("flows", "bot", "storage"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / package,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
        ):
            msgids.add(message[0] if isinstance(message, tuple) else message)
    return msgids


def _catalog_msgstrs(locale: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for po_path in sorted((LOCALE_DIR / locale / "LC_MESSAGES").glob("*.po")):
        with po_path.open("rb") as po_file:
            for message in read_po(po_file, locale=locale):
                if message.id:
                    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
                    msgstr = message.string
                    entries[msgid] = msgstr[0] if isinstance(msgstr, tuple) else msgstr
    return entries


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_source_message_is_translated(locale: str) -> None:
    catalog = _catalog_msgstrs(locale)
    untranslated = sorted(m for m in _source_msgids() if not catalog.get(m))
    assert not untranslated, f"{locale}: add to a .po file:\n" + "\n".join(untranslated)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_catalogs_keep_no_stale_messages(locale: str) -> None:
    stale = sorted(set(_catalog_msgstrs(locale)) - _source_msgids())
    assert not stale, f"{locale}: no longer used, remove:\n" + "\n".join(stale)
