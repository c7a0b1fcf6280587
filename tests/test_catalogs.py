"""Every message in the source has a translation in both catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from flows.i18n import LOCALE_DIR, SUPPORTED_LOCALES, Message, translator

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {
    "_": None,
    "N_": None,
    "NP_": (1, 2),
    "t": None,
    "gettext": None,
    "ngettext": (1, 2),
}


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
                    if isinstance(msgstr, tuple):
                        # Counted messages need every plural form of the language.
                        msgstr = msgstr[0] if all(msgstr) else ""
                    entries[msgid] = msgstr
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


DRAFT_LEFT = (
    "Your draft: {count} question left. Send /register to continue.",
    "Your draft: {count} questions left. Send /register to continue.",
)


@pytest.mark.parametrize(
    ("locale", "count", "shown"),
    [
        ("en", 1, "Your draft: 1 question left. Send /register to continue."),
        ("en", 2, "Your draft: 2 questions left. Send /register to continue."),
        ("en", 1000, "Your draft: 1,000 questions left. Send /register to continue."),
        ("zh_CN", 1, "您的草稿还有 1 题未填。发送 /register 继续。"),
        ("zh_CN", 2, "您的草稿还有 2 题未填。发送 /register 继续。"),
    ],
)
def test_counted_messages_follow_the_languages_plural_rule(
    locale: str, count: int, shown: str
) -> None:
    t = translator(locale)
    assert t.counted(DRAFT_LEFT, count) == shown
    assert t.render(Message.counted(DRAFT_LEFT, count)) == shown
