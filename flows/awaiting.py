"""What an officer's next typed message answers, as kept on the account (``users.awaiting``).

One model per kind of awaited input, told apart by ``kind``: a decision's wait for a reason or
an amount (:class:`Awaited`), a deadline's extension waiting for its reason
(:class:`DeadlineDraft`) and a broadcast waiting for its addressees (:class:`BroadcastDraft`).
They are read and written only through :data:`AWAITING`, so the stored JSON keeps the keys the
bot has always written (``record``, ``chat``, ``next`` …) and rows stored by earlier versions
load as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal, get_args

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from flows.campaigns.deadlines import Deadline

DecisionKind = Literal[
    "return",
    "reject",
    "amount",
    "anyway",
    "amend",
    "amend_reason",
    "withdraw",
    "untruthful",
    "override",
    "remark",
]
DECISION_KINDS: Final = get_args(DecisionKind)
# The kinds that change the pre-check, not the record's state.
PRECHECK_KINDS: Final = frozenset({"untruthful", "override"})


class Awaited(BaseModel):
    """The decision waiting for typed text, the card version it was started on, and the card's
    message (to show the outcome in place) with its place in the queue; ``fields`` to return,
    or the ``outcome`` an override sets (or an approval goes against), the corrected ``amount``
    whose reason is awaited, or the ``reason`` of an approval against the pre-check whose
    amount is awaited.

    All ten decision kinds share this one shape: what differs between them is which optional
    value is set, and a decision's wait changes kind in place (``anyway`` → ``amount``).
    """

    model_config = ConfigDict(frozen=True)

    kind: DecisionKind
    # Stored under the short keys the bot has always written; the attribute's name reads too.
    record_id: int = Field(
        validation_alias=AliasChoices("record", "record_id"), serialization_alias="record"
    )
    version: int
    chat_id: int = Field(
        validation_alias=AliasChoices("chat", "chat_id"), serialization_alias="chat"
    )
    message_id: int = Field(
        validation_alias=AliasChoices("message", "message_id"), serialization_alias="message"
    )
    fields: tuple[str, ...] = ()
    next_offset: int | None = Field(
        None, validation_alias=AliasChoices("next", "next_offset"), serialization_alias="next"
    )
    outcome: str | None = None
    amount: str | None = None
    reason: str | None = None


class DeadlineDraft(BaseModel):
    """A deadline of a campaign chosen to move ``to`` a later moment, waiting for the reason."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["deadline"] = "deadline"
    campaign: int
    deadline: Deadline
    to: dt.datetime


class BroadcastDraft(BaseModel):
    """A broadcast's text, waiting for the officer to choose to whom it goes."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["broadcast"] = "broadcast"
    text: str


Awaiting = Annotated[Awaited | DeadlineDraft | BroadcastDraft, Field(discriminator="kind")]
AWAITING: Final[TypeAdapter[Awaited | DeadlineDraft | BroadcastDraft]] = TypeAdapter(Awaiting)


def read_awaiting(stored: object) -> Awaited | DeadlineDraft | BroadcastDraft | None:
    """The stored value, or None if it is none, or not one this version of the bot reads
    (a kind since retired: the officer's next message is then taken as anything else)."""
    if stored is None:
        return None
    try:
        return AWAITING.validate_python(stored)
    except ValidationError:
        return None


def awaiting_json(value: Awaited | DeadlineDraft | BroadcastDraft) -> dict[str, object]:
    """The value as stored: JSON-ready, with the stored keys."""
    stored: dict[str, object] = AWAITING.dump_python(value, mode="json", by_alias=True)
    return stored
