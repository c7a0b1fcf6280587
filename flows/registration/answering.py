"""Answering one question: typed text, buttons, a shared contact, a file; the ID's confirmation."""

from __future__ import annotations

import datetime as dt

from flows.forms.masking import hidden, mask_phone
from flows.forms.parsing import InvalidAnswer, parse_text
from flows.forms.parsing.choices import means_done, parse_confirmation
from flows.forms.parsing.ethnicity import by_code
from flows.forms.parsing.files import FileRef, check_file
from flows.forms.parsing.identity import normalise_id
from flows.forms.parsing.normalize import compact, visible
from flows.forms.parsing.phone import parse_phone
from flows.forms.schema import SENSITIVE_TYPES, Field, Form
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.advancing import accept, ask, go_back, redisplay, rejected
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
from flows.registration.identity_check import confirm_screen
from flows.registration.state import Phase, RegistrationState

# More than the ethnic groups' pages ever are; the page shown is clamped to the real ones.
MAX_PAGE = 99
STALE = Message(N_("That button belongs to an earlier question; here is the current one."))
UNREADABLE = Message(N_("This kind of message cannot be read here: please type your answer."))
NOT_OWN = Message(
    N_("Only your own phone number can be shared as a contact. Please type the number.")
)


def on_answering(form: Form, state: RegistrationState, event: Event, today: dt.date) -> Step:
    """An event while the question ``state.cursor`` is asked."""
    field = form.field(state.cursor or "")
    match event:
        case TextInput(text=text):
            return typed(form, state, field, text, today)
        case ContactShared(phone_number=number, own=True) if field.type == "phone":
            return typed(form, state, field, number, today)
        case ContactShared() if field.type == "phone":
            return rejected(form, state, field, InvalidAnswer("not_own_contact", NOT_OWN), today)
        case FileSent(file=file) if field.type == "file":
            return _file(form, state, field, file, today)
        case FileSent() | ContactShared() | Unsupported() if field.type == "file":
            problem = InvalidAnswer("not_a_file", Message(N_("Please send a photo or a file.")))
            return rejected(form, state, field, problem, today)
        case FileSent() | ContactShared() | Unsupported():
            return rejected(form, state, field, InvalidAnswer("unreadable", UNREADABLE), today)
        case ButtonPressed(data=data):
            return _button(form, state, field, callbacks.decode(data), today)
        case Back():
            return go_back(form, state, field, today)
        case Skip() if not field.required:
            return accept(form, state, field, None, today)
    return redisplay(form, state, today)


def typed(form: Form, state: RegistrationState, field: Field, text: str, today: dt.date) -> Step:
    """A typed answer (or a shared contact's number) to ``field``."""
    if field.type in ("choices", "file") and means_done(text):
        return _done(form, state, field, today)
    effects: tuple[Effect, ...] = ()
    # A number typed into the chat (words like "yes" carry none and stay).
    if field.is_sensitive and field.type in SENSITIVE_TYPES and any(map(str.isdigit, text)):
        effects = (SensitiveInputRead(_echo(field, visible(text))),)
    if field.type == "choices":
        try:
            option = parse_text(field, text, today)
        except InvalidAnswer as problem:
            return rejected(form, state, field, problem, today)
        return _toggle(form, state, field, str(option), today)
    try:
        value = parse_text(field, text, today)
    except InvalidAnswer as problem:
        return rejected(form, state, field, problem, today, effects)
    if field.unique:
        effects = (*effects, UniqueCheck(field.id, str(value)))
    if field.type == "resident_id":
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
        case callbacks.CHOOSE if field.type == "yes_no" and argument in (
            callbacks.YES,
            callbacks.NO,
        ):
            return accept(form, state, field, argument == callbacks.YES, today)
        case callbacks.CHOOSE if field.type == "choice" and field.option(argument):
            return accept(form, state, field, argument, today)
        case callbacks.CHOOSE if field.type == "ethnicity" and by_code(argument):
            group = by_code(argument)
            return accept(form, state, field, group.zh if group else argument, today)
        case callbacks.TOGGLE if field.type == "choices" and field.option(argument):
            return _toggle(form, state, field, argument, today)
        case callbacks.PAGE if (
            field.type == "ethnicity" and (page := callbacks.number(argument, MAX_PAGE)) is not None
        ):
            return redisplay(form, state.but(page=page), today)
        case callbacks.DONE if field.type in ("choices", "file"):
            return _done(form, state, field, today)
        case callbacks.KEEP if field.id in state.answers:
            return accept(form, state, field, state.answers[field.id], today)
        case callbacks.BACK:
            return go_back(form, state, field, today)
        case callbacks.SKIP if not field.required:
            return accept(form, state, field, None, today)
    return redisplay(form, state, today, (STALE,))


def _toggle(
    form: Form, state: RegistrationState, field: Field, option: str, today: dt.date
) -> Step:
    ticked = [str(item) for item in state.pending] if isinstance(state.pending, list) else []
    if option in ticked:
        ticked.remove(option)
    elif field.max_selected is not None and len(ticked) >= field.max_selected:
        notice = Message(N_("At most {limit} can be chosen."), {"limit": field.max_selected})
        return redisplay(form, state, today, (notice,))
    else:
        ticked.append(option)
    in_order = [candidate.id for candidate in field.options if candidate.id in ticked]
    return redisplay(form, state.but(pending=in_order), today)


def _done(form: Form, state: RegistrationState, field: Field, today: dt.date) -> Step:
    chosen = list(state.pending) if isinstance(state.pending, list) else []
    if field.type == "file":
        if not chosen:
            return redisplay(form, state, today)
        return accept(form, state, field, chosen, today)
    if len(chosen) < field.min_selected:
        notice = Message(N_("Please choose at least {count}."), {"count": field.min_selected})
        return redisplay(form, state, today, (notice,))
    return accept(form, state, field, chosen, today)


def _file(
    form: Form, state: RegistrationState, field: Field, file: FileRef, today: dt.date
) -> Step:
    try:
        value = check_file(file, field.accept)
    except InvalidAnswer as problem:
        return rejected(form, state, field, problem, today)
    if field.max_files == 1:
        return accept(form, state, field, value, today)
    received = [*(state.pending if isinstance(state.pending, list) else []), value]
    if len(received) >= field.max_files:
        return accept(form, state, field, received, today)
    return redisplay(form, state.but(pending=received), today)


def _echo(field: Field, text: str) -> Message:
    """What was typed, masked like the answer will be (also when it is rejected)."""
    if field.type == "phone":
        try:  # a shared contact's "+8613912345678" reads as the 139… the person knows
            number = mask_phone(parse_phone(text))
        except InvalidAnswer:
            number = hidden(compact(text, "-", "+"), 3, 4)
    else:
        number = hidden(normalise_id(text), 4, 4)
    return Message(
        N_("Received {number}. Your message was removed from the chat to protect it."),
        {"number": number},
    )
