"""Answering a repeated group: one entry's questions in turn, then Add another or Done.

Done runs the form's count checks (Jilin: the members listed plus the worker must make the
household size) and keeps the group open, saying what does not add up, until they hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from flows.forms import kinds
from flows.forms.checks import CountCheck, failure
from flows.forms.kinds import Field, GroupField
from flows.forms.kinds.base import UNREADABLE
from flows.forms.parsing import InvalidAnswer
from flows.forms.parsing.choices import means_done
from flows.forms.schema import Form
from flows.forms.texts import Joined, Text
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.effects import Step
from flows.registration.events import Back, ButtonPressed, Event, Skip, TextInput
from flows.registration.screens.group import item_screen, menu_screen
from flows.registration.state import Phase, RegistrationState
from flows.registration.steps.advance import accept, ask, go_back, redisplay
from flows.registration.steps.answer import STALE

DONE_IS_NO_ANSWER = Message(
    N_(
        "“Done” is a button's word, not an answer. Please answer this question; to stop adding "
        "entries, press ◀ Back to the list and then Done."
    )
)


def on_group_item(form: Form, state: RegistrationState, event: Event, today: dt.date) -> Step:
    """An event while one entry's field ``state.sub`` is asked."""
    group = form.group(state.cursor or "")
    part = group.part(state.sub or "")
    pressed = callbacks.decode(event.data) if isinstance(event, ButtonPressed) else None
    if pressed is not None and pressed.field != group.id:
        return redisplay(form, state, today, (STALE,))
    action = pressed.action if pressed else None
    if isinstance(event, TextInput) and means_done(event.text):
        # "完成" typed for a new entry's first answer finishes the list; never a name.
        if not state.item and state.items:
            listed = state.but(phase=Phase.GROUP_MENU, item={}, sub=None)
            return _done(form, listed, group, list(state.items), today)
        return redisplay(form, state, today, (Joined(("⚠️ ", DONE_IS_NO_ANSWER)),))
    if isinstance(event, TextInput):
        try:
            value = part.parse(event.text, today)
        except InvalidAnswer as problem:
            reason = part.errors.get(problem.code) or problem.message
            return redisplay(form, state, today, (Joined(("⚠️ ", reason)),))
        return _next_part(form, state, group, part, value)
    if isinstance(event, Back) or action == callbacks.BACK:
        return _back(form, state, group, part, today)
    if (isinstance(event, Skip) or action == callbacks.SKIP) and not part.required:
        return _next_part(form, state, group, part, None)
    if action == callbacks.KEEP and part.id in state.item:
        return _next_part(form, state, group, part, state.item[part.id])
    notes: tuple[Text, ...] = () if pressed or isinstance(event, Back | Skip) else (UNREADABLE,)
    return redisplay(form, state, today, notes)


def on_group_menu(form: Form, state: RegistrationState, event: Event, today: dt.date) -> Step:
    """An event on the list of entries: add, remove, done, back, or fix the counted answer."""
    group = form.group(state.cursor or "")
    if isinstance(event, Back):
        return go_back(form, state, group, today)
    pressed = callbacks.decode(event.data) if isinstance(event, ButtonPressed) else None
    if pressed is None or (pressed.field != group.id and pressed.action != callbacks.EDIT):
        note = STALE if pressed else Message(N_("Please use the buttons below the list."))
        return redisplay(form, state, today, (note,))
    items = list(state.items or [])
    match pressed.action:
        case callbacks.ADD:
            adding = state.but(phase=Phase.GROUP_ITEM, item={}, sub=group.fields[0].id)
            return Step(adding, (item_screen(form, adding, group),))
        case callbacks.CHANGE_ENTRY if position := callbacks.number(pressed.argument, len(items)):
            # The entry's answers are the current ones, each kept with Keep or typed anew.
            changing = state.but(
                phase=Phase.GROUP_ITEM,
                item=dict(items[position - 1]),
                entry=position,
                sub=group.fields[0].id,
            )
            return Step(changing, (item_screen(form, changing, group),))
        case callbacks.REMOVE if position := callbacks.number(pressed.argument, len(items)):
            removed = items.pop(position - 1)
            note = Message(N_("Removed: {entry}"), {"entry": group.entry(dict(removed))})
            return redisplay(form, state.but(items=items), today, (note,))
        case kinds.base.DONE:
            return _done(form, state, group, items, today)
        case callbacks.BACK:
            return go_back(form, state, group, today)
        case callbacks.EDIT if pressed.field and form.has_field(pressed.field):
            return ask(form, state, form.field(pressed.field))
    return redisplay(form, state, today, (STALE,))


def _next_part(
    form: Form, state: RegistrationState, group: GroupField, part: Field, value: object
) -> Step:
    item = {**state.item, part.id: value}
    ids = [candidate.id for candidate in group.fields]
    position = ids.index(part.id)
    if position + 1 < len(ids):
        moved = state.but(item=item, sub=ids[position + 1])
        return Step(moved, (item_screen(form, moved, group),))
    items: list[object] = list(state.items or [])
    if state.entry is not None and 0 < state.entry <= len(items):
        items[state.entry - 1] = item
        listed = state.but(phase=Phase.GROUP_MENU, items=items, item={}, sub=None, entry=None)
        note = Message(N_("Changed: {entry}"), {"entry": group.entry(item)})
        return Step(listed, (menu_screen(form, listed, group, (note,)),))
    listed = state.but(phase=Phase.GROUP_MENU, items=[*items, item], item={}, sub=None)
    note = Message(N_("Added: {entry}"), {"entry": group.entry(item)})
    return Step(listed, (menu_screen(form, listed, group, (note,)),))


def _back(
    form: Form, state: RegistrationState, group: GroupField, part: Field, today: dt.date
) -> Step:
    ids = [candidate.id for candidate in group.fields]
    position = ids.index(part.id)
    if position > 0:
        moved = state.but(sub=ids[position - 1])
        return Step(moved, (item_screen(form, moved, group),))
    if state.items:
        # Back before an entry's first question leaves it as it was (or unadded).
        listed = state.but(phase=Phase.GROUP_MENU, item={}, sub=None, entry=None)
        return Step(listed, (menu_screen(form, listed, group),))
    return go_back(form, state, group, today)


def _done(
    form: Form,
    state: RegistrationState,
    group: GroupField,
    items: Sequence[Mapping[str, object]],
    today: dt.date,
) -> Step:
    answers: dict[str, object] = {**state.answers, group.id: list(items)}
    for check in form.checks:
        if isinstance(check, CountCheck) and check.group == group.id:
            problem = failure(check, answers, form.label, form.option_label)
            if problem is not None:
                fix = form.field(check.equals) if form.has_field(check.equals) else None
                screen = menu_screen(form, state, group, (Joined(("⚠️ ", problem)),), fix)
                return Step(state, (screen,))
    return accept(form, state, group, [dict(item) for item in items], today)
