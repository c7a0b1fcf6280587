"""Cross-checks between answers, declared in the form data.

* ``count``: the entries of a repeated group plus a fixed number must equal a numeric answer
  (Jilin's 其他家庭成员 plus the worker make the 家庭人口数);
* ``equal``: two answers must agree (a stated age against the age the resident ID gives).

A check is judged only when all it reads is answered; a failed check is a :class:`Message`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict

from flows.i18n import N_, LocalizedText, Message


class CountCheck(BaseModel):
    """``len(answers[group]) + plus == answers[equals]``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["count"]
    group: str
    plus: int = 0
    equals: str

    def reads(self) -> tuple[str, ...]:
        """The answers the check needs."""
        return (self.group, self.equals)


class EqualCheck(BaseModel):
    """``answers[field] == answers[equals]``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["equal"]
    field: str
    equals: str

    def reads(self) -> tuple[str, ...]:
        """The answers the check needs."""
        return (self.field, self.equals)


Check = CountCheck | EqualCheck
LabelOf = Callable[[str], LocalizedText]


def failure(check: Check, answers: Mapping[str, object], label: LabelOf) -> Message | None:
    """What is wrong, or ``None`` when the check holds or cannot be judged yet."""
    if any(answers.get(name) is None for name in check.reads()):
        return None
    if isinstance(check, CountCheck):
        entries = answers[check.group]
        listed = len(entries) if isinstance(entries, list) else 0
        size = answers[check.equals]
        if not isinstance(size, int) or listed + check.plus == size:
            return None
        return Message(
            N_(
                "“{total}” is {size}, so the number of entries in “{group}” should be "
                "{expected}, not {listed}. Add or remove entries, or correct “{total}”."
            ),
            {
                "total": label(check.equals),
                "size": size,
                "expected": max(size - check.plus, 0),
                "group": label(check.group),
                "listed": listed,
            },
        )
    first, second = answers[check.field], answers[check.equals]
    if first == second:
        return None
    return Message(
        N_("“{first}” ({first_value}) does not match “{second}” ({second_value})."),
        {
            "first": label(check.field),
            "first_value": str(first),
            "second": label(check.equals),
            "second_value": str(second),
        },
    )
