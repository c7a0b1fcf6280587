"""The review and what follows it: Edit, Submit, the confirmation after the pre-check."""

from __future__ import annotations

import datetime as dt

from flows.forms.schema import Form
from flows.forms.texts import Joined, Text
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.effects import Step, SubmitConfirmed, SubmitRequested
from flows.registration.events import Back, ButtonPressed, Event, TextInput
from flows.registration.navigation import in_section, next_field
from flows.registration.screens.review import (
    editable,
    problems,
    review_screen,
    submit_screen,
    submitted_screen,
)
from flows.registration.state import Phase, RegistrationState
from flows.registration.steps.advance import ask, redisplay


def on_review(form: Form, state: RegistrationState, event: Event, today: dt.date) -> Step:
    """Change a section's answers (or one answer), or ask to submit."""
    pressed = callbacks.decode(event.data) if isinstance(event, ButtonPressed) else None
    if pressed is not None and pressed.action == callbacks.SECTION and pressed.field:
        walked = in_section(form, state, pressed.field)
        if walked:
            return ask(form, state.but(editing=True, section=pressed.field), walked[0])
    if pressed is not None and pressed.action == callbacks.EDIT:
        chosen = [field for field in editable(form, state) if field.id == pressed.field]
        if chosen:
            return ask(form, state.but(editing=True), chosen[0])
    if pressed is not None and pressed.action == callbacks.SUBMIT:
        return _submit(form, state, today)
    note = Message(
        N_("To change answers press their section's Edit; when all is right, press Submit.")
    )
    return redisplay(form, state, today, (note,))


def on_submitting(form: Form, state: RegistrationState, event: Event, today: dt.date) -> Step:
    """After the pre-check: Confirm submits, Back returns to the review."""
    pressed = callbacks.decode(event.data) if isinstance(event, ButtonPressed) else None
    if pressed is not None and pressed.action == callbacks.CONFIRM:
        done = state.but(phase=Phase.SUBMITTED, only=None, reasked=())
        return Step(done, (submitted_screen(state.on_behalf),), (SubmitConfirmed(),))
    if isinstance(event, Back) or (pressed is not None and pressed.action == callbacks.REVIEW):
        reviewing = state.but(phase=Phase.REVIEW)
        return Step(reviewing, (review_screen(form, reviewing),))
    # Submitting is for its button only, pressed under the pre-check just read.
    return Step(state, (submit_screen(hint=isinstance(event, TextInput)),))


def _submit(form: Form, state: RegistrationState, today: dt.date) -> Step:
    missing = next_field(form, state, None)
    if missing is not None:
        note = Message(N_("One more answer is needed before you can submit."))
        return ask(form, state.but(editing=True), missing, (note,))
    found: tuple[Text, ...] = tuple(
        Joined(("⚠️ ", problem)) for problem in problems(form, dict(state.answers))
    )
    if found:
        before = Message(N_("Please correct this before submitting:"))
        return Step(state, (review_screen(form, state, (before, *found)),))
    submitting = state.but(phase=Phase.SUBMITTING)
    return Step(submitting, (submit_screen(),), (SubmitRequested(),))
