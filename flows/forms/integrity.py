"""Checks that span a form's fields: ids, references, facts, error codes and examples.

Pydantic has checked each field's shape; these find what only the whole form shows — a
duplicate id, a condition on a field that does not exist or comes later, a computed value over
a text answer, an example that its own field would reject.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Final

from flows.datafiles import Problem
from flows.forms.checks import CompareCheck, ContradictionCheck, CountCheck, NeverCheck
from flows.forms.conditions import AllOf, AnyOf, Condition, Contains, Equals, referenced
from flows.forms.facts import POLICY_FACTS
from flows.forms.kinds import Field, GroupField
from flows.forms.parsing import InvalidAnswer
from flows.forms.schema import Form

_FAR_FUTURE: Final = dt.date(9999, 12, 31)


def problems(form: Form) -> list[Problem]:
    """Everything wrong with the form, in file order (empty when it is sound)."""
    return list(_problems(form))


def _problems(form: Form) -> Iterator[Problem]:
    yield from _sections(form)
    seen: dict[str, Field] = {}
    for field in form.fields:
        where = f"fields[{field.id}]"
        if field.id in seen or (field.id in _given(seen)):
            yield Problem(where, f"duplicate id {field.id!r}")
        if field.when is not None:
            yield from _condition(where + ".when", field.when, seen)
        yield from _field(where, field)
        for part in field.parts():
            yield from _field(f"{where}.fields[{part.id}]", part)
            if part.section is not None:
                yield Problem(
                    f"{where}.fields[{part.id}].section",
                    "a group's parts are in the group's section: remove it",
                )
        ids = [part.id for part in field.parts()]
        for part_id in {part_id for part_id in ids if ids.count(part_id) > 1}:
            yield Problem(f"{where}.fields", f"duplicate id {part_id!r}")
        seen[field.id] = field
    yield from _computed(form)
    yield from _checks(form)


def _sections(form: Form) -> Iterator[Problem]:
    ids = [section.id for section in form.sections]
    for section_id in sorted({section_id for section_id in ids if ids.count(section_id) > 1}):
        yield Problem("sections", f"duplicate id {section_id!r}")
    known = ", ".join(ids)
    for field in form.fields:
        where = f"fields[{field.id}].section"
        if field.section is None:
            yield Problem(where, f"missing: name the section the field belongs to ({known})")
        elif field.section not in ids:
            yield Problem(where, f"unknown section {field.section!r} (known: {known})")
    named = {field.section for field in form.fields}
    for section_id in ids:
        if section_id not in named:
            yield Problem(f"sections[{section_id}]", "no field names this section")


def _field(where: str, field: Field) -> Iterator[Problem]:
    for under, what in field.faults():
        yield Problem(where + under, what)
    for code in sorted(set(field.errors) - field.problem_codes):
        known = ", ".join(sorted(field.problem_codes)) or "none"
        yield Problem(f"{where}.errors", f"unknown problem {code!r} (known: {known})")
    if field.fact is not None and field.fact not in POLICY_FACTS:
        yield Problem(f"{where}.fact", f"unknown policy fact {field.fact!r}")
    if field.unique and not field.typed:
        yield Problem(f"{where}.unique", "only typed answers can be unique")
    if field.example is not None and field.typed:
        for locale in ("zh_CN", "en"):
            try:
                field.parse(field.example[locale], _FAR_FUTURE)
            except InvalidAnswer as error:
                yield Problem(f"{where}.example.{locale}", f"the field rejects it ({error.code})")


def _condition(where: str, condition: Condition, seen: dict[str, Field]) -> Iterator[Problem]:
    if isinstance(condition, AllOf | AnyOf):
        for part in condition.all if isinstance(condition, AllOf) else condition.any:
            yield from _condition(where, part, seen)
        return
    for name in referenced(condition):
        if name in _given(seen):
            continue
        if name not in seen:
            yield Problem(where, f"refers to {name!r}, which is not a field asked before it")
            continue
        field = seen[name]
        option = getattr(condition, "contains", None) or getattr(condition, "equals", None)
        if (
            isinstance(condition, Contains | Equals)
            and field.offered()
            and not isinstance(option, bool)
            and field.option(str(option)) is None
        ):
            yield Problem(where, f"{name!r} has no option {option!r}")


def _computed(form: Form) -> Iterator[Problem]:
    known = {field.id for field in form.fields if field.numeric}
    fields = {field.id for field in form.fields}
    for value in form.computed:
        where = f"computed[{value.id}]"
        if value.id in fields or value.id in known - fields:
            yield Problem(where, f"duplicate id {value.id!r}")
        for name in value.inputs():
            if name not in known:
                yield Problem(where, f"{name!r} is not a number field or an earlier value")
        known.add(value.id)


def _checks(form: Form) -> Iterator[Problem]:
    # Whether each answer a check may read is a number.
    numeric = {field.id: field.numeric for field in form.fields}
    for field in form.fields:
        numeric.update(field.gives)
    groups = {field.id for field in form.fields if isinstance(field, GroupField)}
    fields = {field.id: field for field in form.fields}
    computed = {value.id for value in form.computed}
    for number, check in enumerate(form.checks):
        where = f"checks[{number}]"
        for name in check.reads():
            if name not in numeric and not (isinstance(check, CompareCheck) and name in computed):
                yield Problem(where, f"refers to unknown field {name!r}")
        if isinstance(check, NeverCheck):
            yield from _condition(where + ".when", check.when, fields)
        if isinstance(check, CompareCheck):
            if not check.bounds():
                yield Problem(where, "needs at_most or at_least")
            for name in (check.field, *(b for b in check.bounds() if isinstance(b, str))):
                if name in numeric and not numeric[name]:
                    yield Problem(where, f"{name!r} is not a number")
        if isinstance(check, CountCheck | ContradictionCheck) and check.group not in groups:
            yield Problem(where, f"{check.group!r} is not a repeated group")
        if isinstance(check, ContradictionCheck):
            yield from _contradiction(form, check, where)


def _contradiction(form: Form, check: ContradictionCheck, where: str) -> Iterator[Problem]:
    if form.has_field(check.field) and form.field(check.field).option(check.option) is None:
        yield Problem(where, f"{check.field!r} has no option {check.option!r}")
    if form.has_field(check.group):
        parts = {part.id for part in form.field(check.group).parts()}
        if check.part not in parts:
            yield Problem(where, f"{check.group!r} has no part {check.part!r}")


def _given(seen: dict[str, Field]) -> set[str]:
    """The answers that the fields asked so far give besides their own (the ID's sex …)."""
    return {name for field in seen.values() for name in field.gives}
