"""Which questions are asked, in what order, and how far along the person is.

A field is relevant when its condition holds for the answers so far. After an answer the
conversation moves to the next unanswered relevant question (from the review, or in a
correction round, the ones still to do); Back goes to the relevant question before.
"""

from __future__ import annotations

from collections.abc import Mapping

from flows.forms.conditions import holds, outcome
from flows.forms.kinds import Field
from flows.forms.kinds.resident_id import DERIVED_FROM_ID
from flows.forms.schema import Form
from flows.i18n import N_, Message
from flows.registration.state import RegistrationState


def relevant(form: Form, answers: Mapping[str, object]) -> list[Field]:
    """The fields the answers make relevant, in form order."""
    return [field for field in form.fields if field.when is None or holds(field.when, answers)]


def pruned(form: Form, answers: Mapping[str, object]) -> dict[str, object]:
    """The answers without those to fields that are no longer relevant.

    Conditions only read earlier fields, so one pass in form order settles every cascade.
    """
    kept: dict[str, object] = {key: answers[key] for key in DERIVED_FROM_ID if key in answers}
    for field in form.fields:
        if field.id in answers and (field.when is None or holds(field.when, kept)):
            kept[field.id] = answers[field.id]
    return kept


def scope(form: Form, state: RegistrationState) -> list[Field]:
    """The questions of this round: all relevant ones, or in a correction only those flagged."""
    fields = relevant(form, state.answers)
    if state.only is None:
        return fields
    return [field for field in fields if field.id in state.only]


def in_section(form: Form, state: RegistrationState, section_id: str) -> list[Field]:
    """The questions of this round in one section, in the form's order."""
    return [field for field in scope(form, state) if field.section == section_id]


def next_in_section(form: Form, state: RegistrationState, after: str | None) -> Field | None:
    """While a section is changed from the review: its question after ``after``, if any."""
    if state.section is None or after is None or not form.has_field(after):
        return None
    if form.field(after).section != state.section:
        return None  # a question of another section that an answer made relevant: walk over
    limit = form.position(after)
    later = [
        field for field in in_section(form, state, state.section) if form.position(field.id) > limit
    ]
    return later[0] if later else None


def previous_in_section(form: Form, state: RegistrationState, current: str) -> Field | None:
    """While a section is changed from the review: its question before ``current``, if any."""
    if state.section is None:
        return None
    limit = form.position(current)
    earlier = [
        field for field in in_section(form, state, state.section) if form.position(field.id) < limit
    ]
    return earlier[-1] if earlier else None


def next_field(form: Form, state: RegistrationState, after: str | None) -> Field | None:
    """The question to ask next, or ``None`` when it is time for the review."""
    fields = relevant(form, state.answers)
    todo = [
        field
        for field in fields
        if field.id not in state.answers
        or (state.only is not None and field.id in state.only and field.id not in state.reasked)
    ]
    if not todo:
        return None
    if after is not None and not state.editing and form.has_field(after):
        positions, limit = form.positions, form.position(after)
        later = [field for field in todo if positions[field.id] > limit]
        if later:
            return later[0]
    return todo[0]


def previous_field(form: Form, state: RegistrationState, current: str) -> Field | None:
    """The question before ``current`` in this round, if there is one."""
    positions, limit = form.positions, form.position(current)
    earlier = [field for field in scope(form, state) if positions[field.id] < limit]
    return earlier[-1] if earlier else None


def count_range(form: Form, answers: Mapping[str, object]) -> tuple[int, int]:
    """How many questions the whole form asks, at least and at most, given the answers so far.

    A question whose condition reads an answer still to come may or may not be asked: it
    counts in the most only. Each answer settles some, so the range narrows to one number.
    """
    asked: dict[str, bool | None] = {}

    def open_(name: str) -> bool:
        if name in DERIVED_FROM_ID:  # read from the ID number, once it is given
            givers = (field for field in form.fields if name in field.gives)
            return any(asked.get(field.id) is not False for field in givers)
        return asked.get(name) is not False

    for field in form.fields:
        asked[field.id] = True if field.when is None else outcome(field.when, answers, open_)
    certain = sum(1 for value in asked.values() if value is True)
    return certain, certain + sum(1 for value in asked.values() if value is None)


def progress(form: Form, state: RegistrationState, field: Field) -> Message:
    """``Question 7 of 18``; ``Question 7 of 18–21`` while conditional questions are open."""
    fields = scope(form, state)
    ids = [candidate.id for candidate in fields]
    number = ids.index(field.id) + 1 if field.id in ids else len(ids)
    if state.only is not None:  # a correction round asks exactly the flagged questions
        least = most = len(fields)
    else:
        least, most = count_range(form, state.answers)
    if least == most:
        return Message(N_("Question {n} of {total}"), {"n": number, "total": least})
    return Message(
        N_("Question {n} of {least}–{most}"), {"n": number, "least": least, "most": most}
    )
