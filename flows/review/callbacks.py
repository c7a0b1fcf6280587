"""Callback data of the officers' buttons: ``v:<action>:<record>:<version>[:<argument>]``.

Every button carries the version of the record the card showed, so a press on a card that is
no longer current (someone decided, or the worker corrected and resubmitted) changes nothing:
the storage refuses a decision against another version than the one seen. The fields chosen
for a return travel in the data as a bit mask over the form's fields (hexadecimal), so the
choice needs no state on the server until the reason is typed.

| data | meaning |
|---|---|
| ``v:ok:<r>:<v>`` | approve (at the last level: show the amounts) |
| ``v:ok:<r>:<v>:sure`` | approve although the pre-check advises against it |
| ``v:amt:<r>:<v>:<yuan>`` | approve with this standard amount |
| ``v:amtok:<r>:<v>:<yuan>`` | approve with an unusual amount, confirmed in words |
| ``v:fix:<r>:<v>`` / ``v:fixok:<r>:<v>:<yuan>`` | correct a granted amount / confirm it |
| ``v:wd:<r>:<v>`` | withdraw the aid granted (then the reason) |
| ``v:ret:<r>:<v>`` | return: choose the fields to correct |
| ``v:t:<r>:<v>:<mask>`` / ``v:rd:<r>:<v>:<mask>`` | toggle a field / done (then the reason) |
| ``v:rej:<r>:<v>`` | reject (then the reason) |
| ``v:card:<r>:<v>`` | back to the card |
| ``v:hist:<r>:<v>`` / ``v:docs:<r>:<v>`` | the history / the documents |
| ``v:full:<r>:<v>`` | the card again with full numbers (audited) |
| ``v:pc:<r>:<v>`` | the pre-check: mark untruthful or override |
| ``v:unt:<r>:<v>`` | mark the answers untruthful (then the reason) |
| ``v:ovr:<r>:<v>`` | override the outcome: choose it |
| ``v:ovo:<r>:<v>:<outcome>`` | the outcome chosen (then the reason) |
| ``v:rmk:<r>:<v>`` | write the remark (备注) (then the remark, typed) |
| ``v:rmkx:<r>:<v>`` | remove the remark |
| ``v:next:<offset>:0`` | the next record of the queue |
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from flows import callback_data
from flows.forms.schema import Form

PREFIX: Final = "v:"
APPROVE: Final = "ok"
# The argument of an approval confirmed against the pre-check's advice.
SURE: Final = "sure"
AMOUNT: Final = "amt"
AMOUNT_SURE: Final = "amtok"
AMEND: Final = "fix"
AMEND_SURE: Final = "fixok"
WITHDRAW: Final = "wd"
RETURN: Final = "ret"
TOGGLE: Final = "t"
RETURN_DONE: Final = "rd"
REJECT: Final = "rej"
CARD: Final = "card"
HISTORY: Final = "hist"
FULL: Final = "full"
DOCUMENTS: Final = "docs"
NEXT: Final = "next"
PRECHECK: Final = "pc"
UNTRUTHFUL: Final = "unt"
OVERRIDE: Final = "ovr"
OVERRIDE_TO: Final = "ovo"
REMARK: Final = "rmk"
REMARK_REMOVE: Final = "rmkx"
ACTIONS: Final = frozenset(
    {
        APPROVE,
        AMOUNT,
        AMOUNT_SURE,
        AMEND,
        AMEND_SURE,
        WITHDRAW,
        RETURN,
        TOGGLE,
        RETURN_DONE,
        REJECT,
        CARD,
        HISTORY,
        FULL,
        DOCUMENTS,
        NEXT,
        PRECHECK,
        UNTRUTHFUL,
        OVERRIDE,
        OVERRIDE_TO,
        REMARK,
        REMARK_REMOVE,
    }
)


@dataclass(frozen=True)
class Pressed:
    """A decoded press: the action, the record and the version its card showed, an argument."""

    action: str
    record_id: int
    version: int
    argument: str | None = None


def data(action: str, record_id: int, version: int, argument: str | None = None) -> str:
    """The callback data of an officer's button."""
    parts = [action, str(record_id), str(version), *([argument] if argument is not None else [])]
    encoded = PREFIX + ":".join(parts)
    if len(encoded.encode()) > 64:
        raise ValueError(f"callback data too long: {encoded}")
    return encoded


def decode(raw: str) -> Pressed | None:
    """The press, or None for data that is not an officer's button (or is malformed)."""
    found = callback_data.parts(raw, PREFIX, 3, 4)
    if found is None or found[0] not in ACTIONS:
        return None
    action, record, version, *argument = found
    record_id, version_number = callback_data.number(record), callback_data.number(version)
    if record_id is None or version_number is None:
        return None
    return Pressed(action, record_id, version_number, argument[0] if argument else None)


def mask_of(form: Form, fields: Iterable[str]) -> str:
    """The chosen fields as a hexadecimal bit mask over the form's fields."""
    bits = 0
    for field in fields:
        bits |= 1 << form.position(field)
    return format(bits, "x")


def fields_of(form: Form, mask: str | None) -> tuple[str, ...]:
    """The fields of a mask, in form order (unknown bits and bad masks give nothing)."""
    try:
        bits = int(mask or "0", 16)
    except ValueError:
        return ()
    return tuple(field.id for index, field in enumerate(form.fields) if bits >> index & 1)
