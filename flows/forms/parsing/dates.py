"""Dates as people in China write them.

``2019-12-28``, ``2019/12/28``, ``2019.12.28``, ``20191228``, ``2019年12月28日``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from flows.forms.parsing.normalize import compact, require_content
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, Message

PROBLEMS: Final = frozenset({"empty", "not_a_date", "no_such_day"})
_DATE: Final = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$")


def parse_date(text: str) -> str:
    """The date in ISO form, ``"2019-12-28"``."""
    require_content(text)
    match = _DATE.match(compact(text))
    if match is None:
        raise InvalidAnswer("not_a_date", Message(N_("This is not a date I can read.")))
    year, month, day = match[1], match[2] or match[4], match[3] or match[5]
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError as error:
        raise InvalidAnswer(
            "no_such_day",
            Message(N_("There is no such day as {year}-{month}-{day}."), _parts(year, month, day)),
        ) from error


def _parts(year: str, month: str, day: str) -> dict[str, object]:
    return {"year": year, "month": month.zfill(2), "day": day.zfill(2)}
