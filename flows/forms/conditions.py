"""Declarative conditions: when a field is asked, written as data and never evaluated as code.

In a form file::

    when: {field: hardship_types, contains: serious_illness}
    when: {field: household_size, at_least: 2}
    when: {field: household_size, at_most: 1}
    when: {any: [{field: causes, contains: disability}, {field: sex, equals: female}]}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class _Condition(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Equals(_Condition):
    """The answer is exactly this value (an option id, a number, true or false)."""

    field: str
    equals: str | bool | int


class Contains(_Condition):
    """A several-choices answer includes this option."""

    field: str
    contains: str


class AtLeast(_Condition):
    """A numeric answer is this value or more."""

    field: str
    at_least: Decimal


class AtMost(_Condition):
    """A numeric answer is this value or less."""

    field: str
    at_most: Decimal


class AllOf(_Condition):
    """Every one of the conditions holds."""

    all: tuple[Condition, ...]


class AnyOf(_Condition):
    """At least one of the conditions holds."""

    any: tuple[Condition, ...]


Condition = Equals | Contains | AtLeast | AtMost | AllOf | AnyOf
AllOf.model_rebuild()
AnyOf.model_rebuild()


def holds(condition: Condition, answers: Mapping[str, object]) -> bool:
    """Whether the condition holds for these answers; an unanswered field satisfies nothing."""
    if isinstance(condition, AllOf):
        return all(holds(part, answers) for part in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(part, answers) for part in condition.any)
    value = answers.get(condition.field)
    if value is None:
        return False
    if isinstance(condition, Equals):
        return type(value) is type(condition.equals) and value == condition.equals
    if isinstance(condition, Contains):
        return isinstance(value, list) and condition.contains in value
    if isinstance(value, bool) or not isinstance(value, int | str):
        return False
    try:
        number = Decimal(value)
    except ArithmeticError:
        return False
    if isinstance(condition, AtMost):
        return number <= condition.at_most
    return number >= condition.at_least


def outcome(
    condition: Condition, answers: Mapping[str, object], open_: Callable[[str], bool]
) -> bool | None:
    """Whether the condition holds, or ``None`` while it waits on an answer still to come.

    ``open_(name)`` says whether the unanswered ``name`` may yet be answered; one that will
    not be stays unanswered, and an unanswered field satisfies nothing (as in :func:`holds`).
    """
    if isinstance(condition, AllOf | AnyOf):
        parts = [
            outcome(part, answers, open_)
            for part in (condition.all if isinstance(condition, AllOf) else condition.any)
        ]
        decisive = isinstance(condition, AnyOf)  # one True settles "any", one False "all"
        if decisive in parts:
            return decisive
        return None if None in parts else not decisive
    if condition.field not in answers and open_(condition.field):
        return None
    return holds(condition, answers)


def referenced(condition: Condition) -> Iterator[str]:
    """The field ids a condition reads."""
    if isinstance(condition, AllOf | AnyOf):
        for part in condition.all if isinstance(condition, AllOf) else condition.any:
            yield from referenced(part)
    else:
        yield condition.field


def describe(condition: Condition) -> str:
    """A short technical reading of the condition, for diagrams and error messages."""
    if isinstance(condition, AllOf):
        return " and ".join(f"({describe(part)})" for part in condition.all)
    if isinstance(condition, AnyOf):
        return " or ".join(f"({describe(part)})" for part in condition.any)
    if isinstance(condition, Equals):
        return f"{condition.field} = {str(condition.equals).lower()}"
    if isinstance(condition, Contains):
        return f"{condition.field} ∋ {condition.contains}"
    if isinstance(condition, AtMost):
        return f"{condition.field} ≤ {condition.at_most}"
    return f"{condition.field} ≥ {condition.at_least}"
