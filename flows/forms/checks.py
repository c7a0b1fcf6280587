"""Cross-checks between answers, declared in the form data.

* ``count``: the entries of a repeated group plus a fixed number must equal a numeric answer
  (Jilin's 其他家庭成员 plus the worker make the 家庭人口数);
* ``equal``: two answers must agree (a stated age against the age the resident ID gives);
* ``contradicts``: an option chosen cannot stand beside a group entry whose part holds one of
  some words (a single mother who lists a husband among the household).

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


class ContradictionCheck(BaseModel):
    """``option`` in ``answers[field]`` and an entry of ``group`` whose ``part`` names one of
    ``words`` cannot both be so."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["contradicts"]
    field: str
    option: str
    group: str
    part: str
    words: tuple[str, ...]

    def reads(self) -> tuple[str, ...]:
        """The answers the check needs."""
        return (self.field, self.group)

    def contradicting(self, answers: Mapping[str, object]) -> Mapping[str, object] | None:
        """The first entry that contradicts the chosen option, if the option is chosen."""
        chosen = answers.get(self.field)
        entries = answers.get(self.group)
        if not isinstance(chosen, list) or self.option not in chosen:
            return None
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, Mapping):
                continue
            said = str(entry.get(self.part, "")).casefold()
            if any(word.casefold() in said for word in self.words):
                return dict(entry)
        return None


Check = CountCheck | EqualCheck | ContradictionCheck
LabelOf = Callable[[str], LocalizedText]
OptionLabelOf = Callable[[str, str], LocalizedText]


def failure(
    check: Check, answers: Mapping[str, object], label: LabelOf, option_label: OptionLabelOf
) -> Message | None:
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
    if isinstance(check, ContradictionCheck):
        entry = check.contradicting(answers)
        if entry is None:
            return None
        return Message(
            N_(
                "“{option}” is chosen in “{field}”, but “{group}” lists {name} as “{said}”. "
                "Please correct one of them."
            ),
            {
                "option": option_label(check.field, check.option),
                "field": label(check.field),
                "group": label(check.group),
                "name": str(entry.get("name", "")),
                "said": str(entry.get(check.part, "")),
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
