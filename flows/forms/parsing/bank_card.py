"""Bank card numbers: 16 to 19 digits with a valid Luhn check digit (``stdnum.luhn``)."""

from __future__ import annotations

from typing import Final

from stdnum import luhn

from flows.forms.parsing.normalize import compact, require_content
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, Message

PROBLEMS: Final = frozenset({"empty", "format", "length", "check_digit"})
LENGTHS: Final = range(16, 20)


def parse_bank_card(text: str) -> str:
    """The card number as digits only."""
    require_content(text)
    number = compact(text, "-")
    if not (number.isascii() and number.isdigit()):
        raise InvalidAnswer("format", Message(N_("A card number has digits only.")))
    if len(number) not in LENGTHS:
        raise InvalidAnswer(
            "length",
            Message(
                N_("A bank card number has 16 to 19 digits; this one has {count}."),
                {"count": len(number)},
            ),
        )
    if not luhn.is_valid(number):
        raise InvalidAnswer(
            "check_digit",
            Message(N_("This card number has a typing error: please check each digit.")),
        )
    return number
