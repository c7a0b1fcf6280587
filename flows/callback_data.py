"""Reading the data of a pressed button: one strict parser for every button of the bot.

A Telegram client can send any callback data it likes (1 to 64 bytes), so the data is only a
wish to be read as strictly as it is written: ``<prefix><part>:<part>…``, printable ASCII.
Numbers are ASCII digits only (``str.isdigit`` accepts ``²`` and ``٣``, and ``int("²")``
raises) and bounded by what the database's integer columns hold, so a made-up id reaches
neither ``int()`` nor a query as anything but a plain, possible number.
"""

from __future__ import annotations

import re
from typing import Final

# PostgreSQL's INTEGER, the type of every id a button carries (records, campaigns, units …).
MAX_ID: Final = 2**31 - 1
MAX_BYTES: Final = 64
_PART: Final = re.compile(r"[\x21-\x39\x3b-\x7e]*")  # printable ASCII but ':' and space
_NUMBER: Final = re.compile(r"[0-9]{1,10}")


def parts(raw: str, prefix: str, least: int, most: int | None = None) -> tuple[str, ...] | None:
    """The ``:``-separated parts after ``prefix``, between ``least`` and ``most`` of them.

    None for data of another prefix, longer than Telegram allows, with anything but printable
    ASCII, or with another number of parts.
    """
    if not raw.startswith(prefix) or len(raw) > MAX_BYTES:
        return None
    found = tuple(raw[len(prefix) :].split(":"))
    if not least <= len(found) <= (least if most is None else most):
        return None
    if not all(_PART.fullmatch(part) for part in found):
        return None
    return found


def number(part: str | None, maximum: int = MAX_ID) -> int | None:
    """The whole number (0 to ``maximum``) written in ASCII digits, or None."""
    if part is None or not _NUMBER.fullmatch(part):
        return None
    value = int(part)
    return value if value <= maximum else None


def record_number(typed: str) -> int | None:
    """A record number as typed after a command (``12`` or ``#12``), or None."""
    value = number(typed.strip().removeprefix("#"))
    return value if value else None
