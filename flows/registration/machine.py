"""The registration conversation as a pure state machine: ``step(form, state, event, today)``.

The bot loads the draft (a :class:`RegistrationState`), turns the update into an event, calls
:func:`step`, and — unless a :class:`~.effects.UniqueCheck` fails — stores ``step.state``
before sending ``step.screens``, one message each, and acting on ``step.effects``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

from flows.forms.kinds.base import DONE
from flows.forms.masking import scrub
from flows.forms.parsing.choices import CHOOSE_A_BUTTON, means_back, means_done, means_keep
from flows.forms.parsing.text import holds_long_number
from flows.forms.schema import Form
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.effects import (
    ConsentDeclined,
    ConsentGiven,
    DeleteConfirmed,
    DeleteRequested,
    Paused,
    SensitiveInputRead,
    Step,
)
from flows.registration.events import (
    Back,
    ButtonPressed,
    DeleteDraft,
    DuplicateFound,
    Event,
    Pause,
    Resume,
    TextInput,
)
from flows.registration.navigation import previous_field
from flows.registration.screens import Screen
from flows.registration.state import Phase, RegistrationState, new_state
from flows.registration.steps.advance import ask, delete_screen, redisplay
from flows.registration.steps.answer import on_answering, on_confirming
from flows.registration.steps.consent import declined_screen
from flows.registration.steps.group import on_group_item, on_group_menu
from flows.registration.steps.review import on_review, on_submitting

Handler = Callable[[Form, RegistrationState, Event, dt.date], Step]


def step(form: Form, state: RegistrationState, event: Event, today: dt.date) -> Step:
    """What ``event`` does to the conversation in ``state``, on the date ``today``."""
    result = _step(form, state, event, today)
    echoed = any(isinstance(effect, SensitiveInputRead) for effect in result.effects)
    if isinstance(event, TextInput) and holds_long_number(event.text) and not echoed:
        # An ID or card number typed where none was asked for leaves the chat all the same.
        removed = SensitiveInputRead(Message(LONG_NUMBER_REMOVED))
        return Step(result.state, result.screens, (removed, *result.effects))
    return result


_BUTTONS_HINT: Final = (CHOOSE_A_BUTTON,)
LONG_NUMBER_REMOVED = N_(
    "Your message held a long number, so it was removed from the chat to protect it."
)


def _step(form: Form, state: RegistrationState, event: Event, today: dt.date) -> Step:
    if state.phase is Phase.SUBMITTED:
        # Nothing to resume or pause: whatever comes says where the registration is.
        return redisplay(form, state, today)
    if isinstance(event, TextInput):
        event = _typed_button(state, event)
    if isinstance(event, Resume):
        return redisplay(form, state, today, _welcome(state))
    if isinstance(event, Pause):
        paused = Message(
            N_("Paused. The answers are kept; send /enter to continue.")
            if state.on_behalf
            else N_("Paused. Your answers are kept; send /register to continue.")
        )
        return Step(state, (Screen((paused,)),), (Paused(),))
    if isinstance(event, DeleteDraft) or _pressed(event, callbacks.DELETE):
        if state.phase is Phase.DELETING:
            return redisplay(form, state, today)
        deleting = state.but(phase=Phase.DELETING, return_phase=state.phase)
        return Step(deleting, (delete_screen(),), (DeleteRequested(),))
    if isinstance(event, DuplicateFound):
        return _duplicate(form, state, event)
    if state.cursor is None and state.phase is Phase.ANSWERING:
        return redisplay(form, state, today)
    return _HANDLERS[state.phase](form, state, event, today)


def _typed_button(state: RegistrationState, typed: TextInput) -> Event:
    """A button's word typed out (返回, 保持不变, 完成 …) is that button, never an answer."""
    if means_back(typed.text):
        return Back()
    cursor = state.cursor
    if cursor is None:
        return typed
    keep_offered = (state.phase is Phase.ANSWERING and cursor in state.answers) or (
        state.phase is Phase.GROUP_ITEM and state.sub in state.item
    )
    if keep_offered and means_keep(typed.text):
        return ButtonPressed(callbacks.data(callbacks.KEEP, cursor))
    if state.phase is Phase.GROUP_MENU and means_done(typed.text):
        return ButtonPressed(callbacks.data(DONE, cursor))
    return typed


def _welcome(state: RegistrationState) -> tuple[Message, ...]:
    if state.only is not None and state.returned_because:
        # Why it came back, each time: the notice of the return may be long gone or never came.
        reason = scrub(state.returned_because)
        return (Message(N_("Returned for correction: {reason}"), {"reason": reason}),)
    name = state.answers.get("name")
    if state.on_behalf and name:
        # An officer enters one worker's registration at a time: say whose goes on.
        return (Message(ENTERING_FOR, {"name": str(name)}),)
    if state.answers:
        return (Message(N_("Welcome back! Let us continue where you stopped.")),)
    return ()


ENTERING_FOR = N_(
    "Continuing the registration you are entering for {name}. Another worker's can be started "
    "once this one is submitted or deleted."
)


def _consent(form: Form, state: RegistrationState, event: Event, today: dt.date) -> Step:
    field = form.field(state.cursor or "")
    if _pressed(event, callbacks.AGREE):
        step_ = ask(form, state.but(consent=True), field, (Message(N_("Thank you.")),))
        return Step(step_.state, step_.screens, (ConsentGiven(), *step_.effects))
    if _pressed(event, callbacks.DECLINE):
        declined = state.but(phase=Phase.DECLINED)
        return Step(declined, (declined_screen(state.on_behalf),), (ConsentDeclined(),))
    if isinstance(event, Back) or _pressed(event, callbacks.BACK):
        before = previous_field(form, state, field.id)
        if before is not None:
            return ask(form, state, before)
    if isinstance(event, TextInput):
        # Consent is given with its button, not in words that might mean something else.
        return redisplay(form, state, today, _BUTTONS_HINT)
    return redisplay(form, state, today)


def _deleting(form: Form, state: RegistrationState, event: Event, today: dt.date) -> Step:
    if _pressed(event, callbacks.DELETE_YES):
        gone = Message(N_("The draft was deleted. Send /register to start again."))
        fresh = new_state(form.id, on_behalf=state.on_behalf)
        return Step(fresh, (Screen((gone,)),), (DeleteConfirmed(),))
    if isinstance(event, Back) or _pressed(event, callbacks.DELETE_NO):
        kept = Message(N_("The draft is kept."))
        return redisplay(
            form, state.but(phase=state.return_phase or Phase.ANSWERING), today, (kept,)
        )
    # Deleting is for its button only: words might mean either.
    return Step(state, (delete_screen(_BUTTONS_HINT if isinstance(event, TextInput) else ()),))


def _duplicate(form: Form, state: RegistrationState, found: DuplicateFound) -> Step:
    if found.record_id is None:
        taken = Message(
            N_(
                "A registration already exists for this number in this campaign. If you think "
                "this is a mistake, please contact your union officer."
            )
        )
    else:
        # An officer would be sent to themselves: they are told which record of theirs it is.
        taken = Message(
            N_(
                "Record {id}, of a unit in your care, already holds this number in this "
                "campaign: please work on that record (/history {id}) rather than enter the "
                "person again."
            ),
            {"id": str(found.record_id)},
        )
    return ask(form, state, form.field(found.field_id), (taken,))


def _pressed(event: Event, action: str) -> bool:
    if not isinstance(event, ButtonPressed):
        return False
    pressed = callbacks.decode(event.data)
    return pressed is not None and pressed.action == action


_HANDLERS: Final[dict[Phase, Handler]] = {
    Phase.ANSWERING: on_answering,
    Phase.CONSENT: _consent,
    Phase.DECLINED: _consent,
    Phase.CONFIRMING: on_confirming,
    Phase.GROUP_ITEM: on_group_item,
    Phase.GROUP_MENU: on_group_menu,
    Phase.REVIEW: on_review,
    Phase.SUBMITTING: on_submitting,
    Phase.DELETING: _deleting,
}
