"""Resident ID numbers (居民身份证号码, GB 11643-1999) and what they tell: sex, birth date, age.

Checked with python-stdnum: 18 characters, a real birth date, the ISO 7064 MOD 11-2 check digit
(``cn.ric``) and a region code in its list of codes (``cn/loc``). Spaces, full-width digits and
a lower-case ``x`` are normalised first.

``cn.ric.validate`` also refuses a region code created after the birth year. That refuses real
numbers: the code is where the number was issued, and the numbers were first issued in 1984, so
a worker born in 1980 in a district made in 1983 carries its code. Any code that ever existed is
taken here.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from stdnum import numdb
from stdnum.cn import ric

from flows.forms.parsing.normalize import compact, require_content
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, Message

PROBLEMS: Final = frozenset(
    {"empty", "length", "format", "birth_date", "check_digit", "region", "too_young"}
)
LENGTH: Final = 18


def normalise_id(text: str) -> str:
    """Without spaces or hyphens, half-width, upper-case ``X``."""
    return compact(text, "-").upper()


def parse_resident_id(text: str, today: dt.date) -> str:
    """The normalised 18-character number, if it is a valid one."""
    require_content(text)
    number = normalise_id(text)
    if len(number) != LENGTH:
        raise InvalidAnswer(
            "length",
            Message(
                N_("A resident ID number has 18 characters; this one has {count}."),
                {"count": len(number)},
            ),
        )
    if not (number[:-1].isascii() and number[:-1].isdigit() and number[-1] in "0123456789X"):
        raise InvalidAnswer(
            "format",
            Message(N_("Only digits are allowed, and the letter X as the last character.")),
        )
    born = _birth_date(number)
    if born is None or born > today:
        raise InvalidAnswer(
            "birth_date",
            Message(N_("Characters 7 to 14 must be a real date of birth (YYYYMMDD).")),
        )
    if number[-1] != ric.calc_check_digit(number):
        raise InvalidAnswer(
            "check_digit",
            Message(N_("The last character does not fit the others: please check each digit.")),
        )
    if not _known_region(number[:6]):
        raise InvalidAnswer(
            "region",
            Message(N_("The first 6 digits are not a known region code.")),
        )
    return number


def old_enough(number: str, today: dt.date, minimum_age: int | None) -> str:
    """The number, if its holder is at least ``minimum_age`` on ``today`` (a worker's ID)."""
    years = age(number, today)
    if minimum_age is not None and years < minimum_age:
        raise InvalidAnswer(
            "too_young",
            Message(
                N_(
                    "By this number its holder is {age} years old; a worker must be at least "
                    "{minimum} (the legal working age). Please send the worker's own ID number."
                ),
                {"age": years, "minimum": minimum_age},
            ),
        )
    return number


def birth_date(number: str) -> dt.date:
    """The date of birth in a valid number."""
    born = _birth_date(number)
    if born is None:
        raise ValueError("not a valid resident ID number")
    return born


def sex(number: str) -> str:
    """``"male"`` or ``"female"``: the 17th digit is odd for men (GB 11643, 顺序码)."""
    return "male" if int(number[16]) % 2 else "female"


def age(number: str, today: dt.date) -> int:
    """Whole years of age on ``today``."""
    born = birth_date(number)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def derived(number: str, today: dt.date) -> dict[str, object]:
    """The answers a valid number gives: ``sex``, ``birth_date`` (ISO) and ``age``."""
    return {
        "sex": sex(number),
        "birth_date": birth_date(number).isoformat(),
        "age": age(number, today),
    }


def _known_region(code: str) -> bool:
    # One (part, properties) pair per level, province first; a known code names its county.
    levels = numdb.get("cn/loc").info(code)
    return bool(levels) and "county" in levels[-1][1]


def _birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
