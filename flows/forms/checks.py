"""Cross-checks between answers, declared in the form data.

* ``count``: the entries of a repeated group plus a fixed number must equal a numeric answer
  (Jilin's 其他家庭成员 plus the worker make the 家庭人口数);
* ``equal``: two answers must agree (a stated age against the age the resident ID gives);
* ``contradicts``: an option chosen cannot stand beside a group entry whose part holds one of
  some words (a single mother who lists a husband among the household);
* ``never``: answers that cannot all be so, written as a condition (a single mother whose ID
  says male, two homes of 0 m², a worker above the retirement age);
* ``compare``: a number (an answer or a computed value) at most or at least another one or a
  fixed amount (own income within the household's, deductions within the income);
* ``starts_with``: a number must begin with one of some prefixes (a card's BIN: the notice
  asks for an ICBC debit card).

The last three carry their own ``message`` and a ``severity``: an ``error`` blocks submission,
a ``warning`` is shown to the person and the officer but blocks nothing. A check is judged only
when all it reads is answered; a failed check is a :class:`Message` or the form's own words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from flows.forms.conditions import Condition, holds, referenced
from flows.i18n import N_, LocalizedText, Message

Severity = Literal["error", "warning"]


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


class NeverCheck(BaseModel):
    """``when`` must not hold: answers that cannot all be so (a male single mother)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["never"]
    when: Condition
    message: LocalizedText
    severity: Severity = "error"

    def reads(self) -> tuple[str, ...]:
        """The answers the check needs (every one the condition names)."""
        return tuple(dict.fromkeys(referenced(self.when)))


class CompareCheck(BaseModel):
    """``answers[field]`` at most (or at least) another answer or computed value, or a number.

    A string names an answer or a computed value; a number is a fixed amount.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["compare"]
    field: str
    at_most: Decimal | str | None = None
    at_least: Decimal | str | None = None
    when: Condition | None = None
    message: LocalizedText
    severity: Severity = "error"

    def bounds(self) -> tuple[Decimal | str, ...]:
        """The limits given (one or both)."""
        return tuple(bound for bound in (self.at_most, self.at_least) if bound is not None)

    def reads(self) -> tuple[str, ...]:
        """The answers the check needs."""
        named = tuple(bound for bound in self.bounds() if isinstance(bound, str))
        condition = tuple(referenced(self.when)) if self.when is not None else ()
        return tuple(dict.fromkeys((self.field, *named, *condition)))

    def holds_for(self, values: Mapping[str, object]) -> bool:
        """Whether the number is within its limits (``True`` when a value cannot be read)."""
        if self.when is not None and not holds(self.when, values):
            return True
        number = _number(values.get(self.field))
        most = _limit(self.at_most, values)
        least = _limit(self.at_least, values)
        if number is None:
            return True
        return (most is None or number <= most) and (least is None or number >= least)


Prefix = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,11}$")]


class StartsWithCheck(BaseModel):
    """``answers[field]`` begins with one of ``prefixes`` (when ``when`` holds)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["starts_with"]
    field: str
    prefixes: tuple[Prefix, ...]
    when: Condition | None = None
    message: LocalizedText
    severity: Severity = "warning"

    def reads(self) -> tuple[str, ...]:
        """The answers the check needs."""
        condition = tuple(referenced(self.when)) if self.when is not None else ()
        return tuple(dict.fromkeys((self.field, *condition)))

    def holds_for(self, values: Mapping[str, object]) -> bool:
        """Whether the answer begins with a listed prefix (or the check does not apply)."""
        if self.when is not None and not holds(self.when, values):
            return True
        return str(values.get(self.field, "")).startswith(self.prefixes)


Check = CountCheck | EqualCheck | ContradictionCheck | NeverCheck | CompareCheck | StartsWithCheck
LabelOf = Callable[[str], LocalizedText]
OptionLabelOf = Callable[[str, str], LocalizedText]


def severity(check: Check) -> Severity:
    """``error`` (blocks submission) or ``warning`` (shown, blocks nothing)."""
    return getattr(check, "severity", "error")


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _limit(bound: Decimal | str | None, values: Mapping[str, object]) -> Decimal | None:
    if bound is None or isinstance(bound, Decimal):
        return bound
    return _number(values.get(bound))


def failure(
    check: Check, answers: Mapping[str, object], label: LabelOf, option_label: OptionLabelOf
) -> Message | LocalizedText | None:
    """What is wrong, or ``None`` when the check holds or cannot be judged yet.

    ``answers`` may hold computed values too (a ``compare`` check may read them).
    """
    if isinstance(check, NeverCheck):
        # A condition on an unanswered field does not hold: judged with what is known.
        return check.message if holds(check.when, answers) else None
    if any(answers.get(name) is None for name in check.reads()):
        return None
    if isinstance(check, CompareCheck | StartsWithCheck):
        return None if check.holds_for(answers) else check.message
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
