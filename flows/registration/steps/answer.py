"""Answering one question: typed text, buttons, a shared contact, a file; the ID's confirmation."""

from __future__ import annotations

import datetime as dt

from flows.forms.kinds import Answer, Field, Outcome
from flows.forms.parsing import InvalidAnswer
from flows.forms.parsing.choices import means_done, parse_confirmation
from flows.forms.parsing.normalize import visible
from flows.forms.schema import Form
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.effects import Effect, SensitiveInputRead, Step, UniqueCheck
from flows.registration.events import (
    Back,
    ButtonPressed,
    ContactShared,
    Event,
    FileSent,
    Skip,
    TextInput,
    Unsupported,
)
from flows.registration.screens.identity import confirm_screen
from flows.registration.state import Phase, RegistrationState
from flows.registration.steps.advance import accept, ask, go_back, redisplay, rejected

STALE = Message(N_("That button belongs to an earlier question; here is the current one."))
NOT_OWN = Message(
    N_("Only your own phone number can be shared as a contact. Please type the number.")
)


def on_answering(form: Form, state: RegistrationState, event: Event, today: dt.date) -> Step:
    """An event while the question ``state.cursor`` is asked."""
    field = form.field(state.cursor or "")
    match event:
        case TextInput(text=text):
            return typed(form, state, field, text, today)
        case ContactShared(phone_number=number, own=True) if field.takes_contact:
            return typed(form, state, field, number, today)
        case ContactShared() if field.takes_contact:
            return rejected(form, state, field, InvalidAnswer("not_own_contact", NOT_OWN), today)
        case FileSent(file=file) if field.takes_files:
            try:
                outcome = field.receive(file, state.pending)
            except InvalidAnswer as problem:
                return rejected(form, state, field, problem, today)
            return _outcome(form, state, field, outcome, today)
        case FileSent() | ContactShared() | Unsupported():
            return rejected(form, state, field, field.unreadable, today)
        case ButtonPressed(data=data):
            return _button(form, state, field, callbacks.decode(data), today)
        case Back():
            return go_back(form, state, field, today)
        case Skip() if not field.required:
            return accept(form, state, field, None, today)
    return redisplay(form, state, today)


def typed(form: Form, state: RegistrationState, field: Field, text: str, today: dt.date) -> Step:
    """A typed answer (or a shared contact's number) to ``field``."""
    if field.collects and means_done(text):
        return _outcome(form, state, field, field.done(state.pending), today)
    effects: tuple[Effect, ...] = ()
    # A number typed into the chat (words like "yes" carry none and stay).
    if field.always_sensitive and any(map(str.isdigit, text)):
        echo = field.echo(visible(text))
        effects = () if echo is None else (SensitiveInputRead(_echo(echo)),)
    try:
        value = field.parse(text, today)
    except InvalidAnswer as problem:
        return rejected(form, state, field, problem, today, effects)
    outcome = field.take(value, state.pending)
    if not isinstance(outcome, Answer):
        return _outcome(form, state, field, outcome, today)
    if field.unique:
        effects = (*effects, UniqueCheck(field.id, str(value)))
    if field.confirms:
        confirming = state.but(phase=Phase.CONFIRMING, pending=value)
        return Step(confirming, (confirm_screen(field, str(value), today),), effects)
    step = accept(form, state, field, value, today)
    return Step(step.state, step.screens, (*effects, *step.effects))


def on_confirming(form: Form, state: RegistrationState, event: Event, today: dt.date) -> Step:
    """Is what the ID number tells right? Yes stores it; No (or Back) asks for it again."""
    field = form.field(state.cursor or "")
    match event:
        case ButtonPressed(data=data):
            pressed = callbacks.decode(data)
            if pressed is not None and pressed.field == field.id:
                if pressed.action == callbacks.OK:
                    return accept(form, state, field, state.pending, today)
                if pressed.action == callbacks.REDO:
                    return ask(form, state, field, (Message(N_("Please send the number again.")),))
        case TextInput(text=text):
            # "对" or "no" answers the question on the screen; anything else is a new number.
            try:
                right = parse_confirmation(text)
            except InvalidAnswer:
                answering = state.but(phase=Phase.ANSWERING, pending=None)
                return typed(form, answering, field, text, today)
            if right:
                return accept(form, state, field, state.pending, today)
            return ask(form, state, field, (Message(N_("Please send the number again.")),))
        case Back():
            return ask(form, state, field)
    return redisplay(form, state, today)


def _button(
    form: Form,
    state: RegistrationState,
    field: Field,
    pressed: callbacks.Callback | None,
    today: dt.date,
) -> Step:
    if pressed is None or pressed.field != field.id:
        return redisplay(form, state, today, (STALE,))
    argument = pressed.argument or ""
    match pressed.action:
        case callbacks.KEEP if field.id in state.answers:
            return accept(form, state, field, state.answers[field.id], today)
        case callbacks.BACK:
            return go_back(form, state, field, today)
        case callbacks.SKIP if not field.required:
            return accept(form, state, field, None, today)
    outcome = field.press(pressed.action, argument, state.pending)
    if outcome is None:
        return redisplay(form, state, today, (STALE,))
    return _outcome(form, state, field, outcome, today)


def _outcome(
    form: Form, state: RegistrationState, field: Field, outcome: Outcome, today: dt.date
) -> Step:
    """Store the answer, or show the question again as the field says."""
    if isinstance(outcome, Answer):
        return accept(form, state, field, outcome.value, today)
    page = state.page if outcome.page is None else outcome.page
    notes = () if outcome.notice is None else (outcome.notice,)
    return redisplay(form, state.but(pending=outcome.pending, page=page), today, notes)


def _echo(number: str) -> Message:
    """What was typed, masked like the answer will be (also when it is rejected)."""
    return Message(
        N_("Received {number}. Your message was removed from the chat to protect it."),
        {"number": number},
    )
