"""Reading one typed answer for a field of any type: normalise, check, return the canonical value.

``parse_text(field, text, today)`` returns the canonical JSON value (see the answer keys in
the project brief) or raises :class:`InvalidAnswer`. Files are read by
:func:`flows.forms.parsing.files.check_file`; buttons by the registration flow.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from flows.forms.parsing import (
    bank_card,
    choices,
    dates,
    ethnicity,
    files,
    identity,
    numbers,
    phone,
    text,
)
from flows.forms.parsing.normalize import NOTHING_VISIBLE, one_line, visible
from flows.forms.parsing.problems import InvalidAnswer
from flows.forms.schema import Field
from flows.i18n import N_, Message

__all__ = ["PROBLEMS", "InvalidAnswer", "parse_text"]

PROBLEMS: Final[dict[str, frozenset[str]]] = {
    "text": text.PROBLEMS,
    "integer": numbers.PROBLEMS,
    "decimal": numbers.PROBLEMS,
    "money": numbers.PROBLEMS,
    "choice": choices.PROBLEMS,
    "choices": choices.PROBLEMS,
    "yes_no": choices.PROBLEMS,
    "date": dates.PROBLEMS,
    "resident_id": identity.PROBLEMS,
    "phone": phone.PROBLEMS,
    "bank_card": bank_card.PROBLEMS,
    "ethnicity": ethnicity.PROBLEMS,
    "file": files.PROBLEMS | {"not_a_file"},
    "group": frozenset(),
}


def parse_text(field: Field, typed: str, today: dt.date) -> object:
    """The canonical value of a typed answer to ``field``.

    Whatever the type, the answer is first cut to what can be seen, on one line
    (:func:`~flows.forms.parsing.normalize.visible`); an answer with nothing visible left is
    refused. The parsers of numbers, dates and numbers on cards fold it further with NFKC;
    free text stays NFC, so its Chinese full-width punctuation (``，``) stays as typed.
    """
    cleaned = one_line(visible(typed))
    if not cleaned and typed.strip():
        raise InvalidAnswer("empty", NOTHING_VISIBLE)
    typed = cleaned
    match field.type:
        case "text":
            return text.parse_text(typed, field.max_length or 0)
        case "integer":
            return numbers.parse_integer(typed, field.minimum, field.maximum, field.counts)
        case "decimal":
            return numbers.parse_decimal(
                typed, field.minimum, field.maximum, field.places, field.counts
            )
        case "money":
            return numbers.parse_money(typed, field.maximum)
        case "choice" | "choices":
            return choices.parse_option(typed, [(o.id, o.label) for o in field.options])
        case "yes_no":
            return choices.parse_yes_no(typed)
        case "date":
            return dates.parse_date(typed)
        case "resident_id":
            number = identity.parse_resident_id(typed, today)
            return identity.old_enough(number, today, field.minimum_age)
        case "phone":
            return phone.parse_phone(typed)
        case "bank_card":
            return bank_card.parse_bank_card(typed)
        case "ethnicity":
            return ethnicity.parse_ethnicity(typed)
        case "group":
            raise ValueError("a group is answered through its own fields")
        case "file":
            raise InvalidAnswer(
                "not_a_file", Message(N_("Please send a photo or a file, not a text message."))
            )
