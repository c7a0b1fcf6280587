"""``resident_id``: an 18-character resident ID number (GB 11643), always sensitive.

Once typed it is shown back with what it tells (sex, birth date, age) for the person to
confirm; stored, it gives those three answers too, which conditions and checks may read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import ClassVar, Final, Literal

from flows.forms.kinds.base import Field, register
from flows.forms.masking import hidden
from flows.forms.parsing import identity
from flows.forms.texts import Joined, Text, labelled
from flows.i18n import N_, LocalizedText, Message

# A resident ID number gives these answers too (GB 11643: birth date, sex in the 17th digit).
DERIVED_FROM_ID: Final = ("sex", "birth_date", "age")
DERIVED_LABELS: Final = {
    "sex": LocalizedText(zh_CN="性别", en="Sex"),
    "birth_date": LocalizedText(zh_CN="出生日期", en="Date of birth"),
    "age": LocalizedText(zh_CN="年龄", en="Age"),
}


@register
class ResidentIdField(Field):
    """The worker's (or a family member's) ID number."""

    type: Literal["resident_id"]
    # A worker's own ID: younger than this on the day it is given is refused (legal working age).
    minimum_age: int | None = None

    problem_codes: ClassVar = identity.PROBLEMS
    always_sensitive: ClassVar = True
    confirms: ClassVar = True
    gives: ClassVar = {"sex": False, "birth_date": False, "age": True}

    def read(self, text: str, today: dt.date) -> object:
        """The number (upper-case X), refused if it cannot be, or its holder is too young."""
        number = identity.parse_resident_id(text, today)
        return identity.old_enough(number, today, self.minimum_age)

    def echo(self, text: str) -> str | None:
        """The first and last four characters."""
        return hidden(identity.normalise_id(text), 4, 4)

    def derived(self, value: object, today: dt.date) -> dict[str, object]:
        """Sex, birth date and age."""
        return identity.derived(value, today) if isinstance(value, str) else {}

    def details(self, answers: Mapping[str, object]) -> list[Text]:
        """What the number tells, indented under it."""
        if self.id not in answers:
            return []
        return [
            Joined(("    ", labelled(DERIVED_LABELS[name], shown_derived(name, answers[name]))))
            for name in DERIVED_FROM_ID
            if name in answers
        ]


def derived_lines(number: str, today: dt.date) -> tuple[Text, ...]:
    """``Sex: Female``, ``Date of birth: …``, ``Age: 34``."""
    return tuple(
        labelled(DERIVED_LABELS[name], shown_derived(name, value))
        for name, value in identity.derived(number, today).items()
    )


def shown_derived(answer_id: str, value: object) -> Text:
    """An answer derived from the resident ID (sex, birth date, age) as text."""
    if answer_id == "sex":
        return Message(N_("Male")) if value == "male" else Message(N_("Female"))
    if answer_id == "birth_date":
        return Message(N_("{date}"), {"date": dt.date.fromisoformat(str(value))})
    return str(value)
