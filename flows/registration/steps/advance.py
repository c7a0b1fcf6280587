"""Moving on: storing an accepted answer, asking the next question, showing where one stopped."""

from __future__ import annotations

import datetime as dt

from flows.forms.kinds import Field, GroupField
from flows.forms.parsing import InvalidAnswer
from flows.forms.schema import Form
from flows.forms.texts import Joined, Text
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.effects import AnswerAccepted, Effect, Step
from flows.registration.navigation import (
    next_field,
    next_in_section,
    previous_field,
    previous_in_section,
    pruned,
)
from flows.registration.screens import Button, Screen
from flows.registration.screens.group import item_screen, menu_screen
from flows.registration.screens.identity import confirm_screen
from flows.registration.screens.question import question_screen
from flows.registration.screens.review import after_submission_screen, computed_lines, review_screen
from flows.registration.state import Phase, RegistrationState
from flows.registration.steps.consent import consent_screen, declined_screen


def accept(
    form: Form,
    state: RegistrationState,
    field: Field,
    value: object,
    today: dt.date,
    notes: tuple[Text, ...] = (),
) -> Step:
    """Store ``value`` as the answer to ``field`` and go on to what comes next."""
    answers: dict[str, object] = {**state.answers, field.id: value}
    effects: list[Effect] = [AnswerAccepted(field.id, value)]
    extra = field.derived(value, today)
    if extra:
        answers.update(extra)
        effects.extend(AnswerAccepted(name, extra[name]) for name in extra)
    answers = pruned(form, answers)
    reasked = state.reasked
    if state.only is not None and field.id in state.only and field.id not in reasked:
        reasked = (*reasked, field.id)
    moved = state.but(answers=answers, pending=None, page=0, reasked=reasked, phase=Phase.ANSWERING)
    if isinstance(field, GroupField):
        moved = moved.but(items=None, items_of=None, item={}, sub=None, entry=None)
    shown = _newly_computed(form, field, answers)
    step = advance(form, moved, field.id, (*notes, *shown))
    return Step(step.state, step.screens, (*effects, *step.effects))


def advance(
    form: Form, state: RegistrationState, after: str | None, notes: tuple[Text, ...] = ()
) -> Step:
    """Ask the next question, or show the review when every relevant one is answered.

    While a section is changed from the review, its next question comes first; then any
    question an answer made relevant elsewhere; then the review.
    """
    following = next_in_section(form, state, after)
    if following is not None:
        return ask(form, state, following, notes)
    state = state.but(section=None)
    upcoming = next_field(form, state, after)
    if upcoming is None:
        reviewing = state.but(phase=Phase.REVIEW, cursor=None, editing=False, pending=None)
        return Step(reviewing, (review_screen(form, reviewing, notes),))
    return ask(form, state, upcoming, notes)


def ask(form: Form, state: RegistrationState, field: Field, notes: tuple[Text, ...] = ()) -> Step:
    """Show the question ``field`` (after the consent screen, for a first sensitive one)."""
    if field.is_sensitive and not state.consent:
        waiting = state.but(phase=Phase.CONSENT, cursor=field.id, pending=None)
        return Step(waiting, (consent_screen(state.on_behalf, notes),))
    if isinstance(field, GroupField):
        return enter_group(form, state, field, notes)
    pending = field.pending_at_start(state.answers.get(field.id))
    asking = state.but(phase=Phase.ANSWERING, cursor=field.id, pending=pending, page=0)
    return Step(asking, (question_screen(form, asking, field, notes),))


def enter_group(
    form: Form, state: RegistrationState, group: GroupField, notes: tuple[Text, ...] = ()
) -> Step:
    """Open a repeated group: its list if it has entries, else the first entry's questions."""
    items = state.items if state.items_of == group.id else None
    if items is None:
        saved = state.answers.get(group.id)
        items = (
            [dict(item) for item in saved if isinstance(item, dict)]
            if isinstance(saved, list)
            else []
        )
    opened = state.but(
        cursor=group.id, items=items, items_of=group.id, item={}, pending=None, entry=None
    )
    if items:
        opened = opened.but(phase=Phase.GROUP_MENU, sub=None)
        return Step(opened, (menu_screen(form, opened, group, notes),))
    opened = opened.but(phase=Phase.GROUP_ITEM, sub=group.fields[0].id)
    return Step(opened, (item_screen(form, opened, group, notes),))


def go_back(form: Form, state: RegistrationState, field: Field, today: dt.date) -> Step:
    """The question before ``field``; from the review, the section's one before, or the review."""
    if state.editing:
        before = previous_in_section(form, state, field.id)
        if before is not None:
            return ask(form, state, before)
        reviewing = state.but(
            phase=Phase.REVIEW,
            cursor=None,
            editing=False,
            section=None,
            pending=None,
            items=None,
            items_of=None,
        )
        return Step(reviewing, (review_screen(form, reviewing),))
    before = previous_field(form, state, field.id)
    if before is None:
        return redisplay(form, state, today, (Message(N_("This is the first question.")),))
    return ask(form, state, before)


def rejected(
    form: Form,
    state: RegistrationState,
    field: Field,
    problem: InvalidAnswer,
    today: dt.date,
    effects: tuple[Effect, ...] = (),
) -> Step:
    """Say what is wrong (in the form's own words if it has them) and ask again."""
    reason = field.errors.get(problem.code) or problem.message
    step = redisplay(form, state, today, (Joined(("⚠️ ", reason)),))
    return Step(step.state, step.screens, effects)


def redisplay(
    form: Form, state: RegistrationState, today: dt.date, notes: tuple[Text, ...] = ()
) -> Step:
    """The screen of the current phase again, after ``notes``."""
    field = form.field(state.cursor) if state.cursor and form.has_field(state.cursor) else None
    match state.phase:
        case Phase.ANSWERING if field is not None:
            return Step(state, (question_screen(form, state, field, notes),))
        case Phase.CONSENT:
            return Step(state, (consent_screen(state.on_behalf, notes),))
        case Phase.DECLINED:
            return Step(state, (*_notes_screen(notes), declined_screen(state.on_behalf)))
        case Phase.CONFIRMING if field is not None and isinstance(state.pending, str):
            return Step(state, (confirm_screen(field, state.pending, today, notes),))
        case Phase.GROUP_ITEM if isinstance(field, GroupField):
            return Step(state, (item_screen(form, state, field, notes),))
        case Phase.GROUP_MENU if isinstance(field, GroupField):
            return Step(state, (menu_screen(form, state, field, notes),))
        case Phase.REVIEW | Phase.SUBMITTING:
            reviewing = state.but(phase=Phase.REVIEW)
            return Step(reviewing, (review_screen(form, reviewing, notes),))
        case Phase.DELETING:
            return Step(state, (delete_screen(notes),))
        case Phase.SUBMITTED:
            return Step(state, (after_submission_screen(notes),))
    intro = (form.intro,) if form.intro is not None and not state.answers else ()
    return advance(form, state, None, (*notes, *intro))


def delete_screen(notes: tuple[Text, ...] = ()) -> Screen:
    """Delete the draft? Yes / No."""
    return Screen(
        (*notes, Message(N_("Delete this draft and all its answers? This cannot be undone."))),
        (
            (
                Button(Message(N_("🗑 Yes, delete it")), callbacks.data(callbacks.DELETE_YES)),
                Button(Message(N_("No, keep it")), callbacks.data(callbacks.DELETE_NO)),
            ),
        ),
    )


def _notes_screen(notes: tuple[Text, ...]) -> tuple[Screen, ...]:
    return (Screen(notes),) if notes else ()


def _newly_computed(form: Form, field: Field, answers: dict[str, object]) -> list[Text]:
    """The computed values that read ``field`` (directly or through another), now known."""
    reading: set[str] = set()
    for value in form.computed:
        if field.id in value.inputs() or reading & set(value.inputs()):
            reading.add(value.id)
    return computed_lines(form, answers, reading) if reading else []
