"""Callback data of the conversation's buttons: ``r:<action>[:<field>[:<argument>]]``.

Every button of a question names its field, so a button left on an old message can never
answer the question being asked now. Ids are short ASCII (the form schema limits them), so
the longest, ``r:t:<40-char field>:<19-char option>``, fits Telegram's 64 bytes.

The answer buttons' actions (``c``, ``t``, ``done``, ``pg``, ``y``, ``n``) are the field
kinds', defined in :mod:`flows.forms.kinds.base`; the others are the conversation's, here.

| data | meaning |
|---|---|
| ``r:c:<field>:<option>`` | choose an option (an option id, an ethnicity code, ``y``/``n``) |
| ``r:t:<field>:<option>`` | toggle an option of a several-choices question |
| ``r:done:<field>`` | finish a several-choices question, a multi-page file, a group |
| ``r:pg:<field>:<page>`` | another page of the ethnic groups |
| ``r:ok:<field>`` / ``r:redo:<field>`` | what the ID tells is right / re-enter the ID |
| ``r:keep:<field>`` | keep the current answer |
| ``r:back:<field>`` / ``r:skip:<field>`` | previous question / skip an optional one |
| ``r:add:<group>`` / ``r:rm:<group>:<n>`` | add an entry / remove entry ``n`` (from 1) |
| ``r:ed:<group>:<n>`` | change entry ``n`` (from 1), question by question |
| ``r:sec:<section>`` | change a section's answers from the review, question by question |
| ``r:edit:<field>`` | change one answer (a count check's fix; reviews shown before sections) |
| ``r:submit`` / ``r:confirm`` / ``r:review`` | submit / confirm after the pre-check / back |
| ``r:agree`` / ``r:decline`` | consent to sensitive personal information, or not |
| ``r:delete`` / ``r:delok`` / ``r:delno`` | delete the draft / yes / no, keep it |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from flows import callback_data

PREFIX: Final = "r:"
OK: Final = "ok"
REDO: Final = "redo"
KEEP: Final = "keep"
BACK: Final = "back"
SKIP: Final = "skip"
ADD: Final = "add"
REMOVE: Final = "rm"
CHANGE_ENTRY: Final = "ed"
EDIT: Final = "edit"
SECTION: Final = "sec"
SUBMIT: Final = "submit"
CONFIRM: Final = "confirm"
REVIEW: Final = "review"
AGREE: Final = "agree"
DECLINE: Final = "decline"
DELETE: Final = "delete"
DELETE_YES: Final = "delok"
DELETE_NO: Final = "delno"


@dataclass(frozen=True)
class Callback:
    """A decoded button press: the action, the field it belongs to and an argument."""

    action: str
    field: str | None = None
    argument: str | None = None


def data(action: str, field: str | None = None, argument: str | None = None) -> str:
    """The callback data of a button."""
    parts = [action, *(part for part in (field, argument) if part is not None)]
    encoded = PREFIX + ":".join(parts)
    if len(encoded.encode()) > 64:
        raise ValueError(f"callback data too long: {encoded}")
    return encoded


def decode(raw: str) -> Callback | None:
    """The button press, or ``None`` for data that is not the conversation's (or malformed)."""
    found = callback_data.parts(raw, PREFIX, 1, 3)
    if found is None or not found[0]:
        return None
    action, *rest = found
    return Callback(action, *rest)


def number(argument: str | None, maximum: int) -> int | None:
    """A page or entry number in a button's argument (ASCII digits, at most ``maximum``)."""
    return callback_data.number(argument, maximum)
