"""What an officer's next typed message answers: the reason of a return or a rejection, an
aid amount, a granted amount corrected and why, why a grant is withdrawn, the reason of a
pre-check marked untruthful or overridden, or a record's remark (备注). Kept on the account
in the database (``users.awaiting``), never in memory, so that a restart between the button and
the typed text loses nothing and no update is read twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, Literal, cast, get_args

from storage.models import User

Kind = Literal[
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
KINDS: Final = get_args(Kind)
# The kinds that change the pre-check, not the record's state.
PRECHECK_KINDS: Final = frozenset({"untruthful", "override"})


@dataclass(frozen=True)
class Awaited:
    """The decision waiting for typed text, the card version it was started on, and the card's
    message (to show the outcome in place) with its place in the queue; ``fields`` to return,
    or the ``outcome`` an override sets (or an approval goes against), the corrected ``amount``
    whose reason is awaited, or the ``reason`` of an approval against the pre-check whose
    amount is awaited."""

    kind: Kind
    record_id: int
    version: int
    chat_id: int
    message_id: int
    fields: tuple[str, ...] = field(default=())
    next_offset: int | None = None
    outcome: str | None = None
    amount: str | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        """As stored in ``users.awaiting``."""
        return {
            "kind": self.kind,
            "record": self.record_id,
            "version": self.version,
            "chat": self.chat_id,
            "message": self.message_id,
            "fields": list(self.fields),
            "next": self.next_offset,
            "outcome": self.outcome,
            "amount": self.amount,
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, stored: dict[str, Any]) -> Awaited | None:
        """The stored value, or None if it is not one this version of the bot wrote."""
        try:
            kind = stored["kind"]
            if kind not in KINDS:
                return None
            following = stored.get("next")
            return cls(
                kind=cast(Kind, kind),
                record_id=int(stored["record"]),
                version=int(stored["version"]),
                chat_id=int(stored["chat"]),
                message_id=int(stored["message"]),
                fields=tuple(str(name) for name in stored.get("fields") or ()),
                next_offset=int(following) if following is not None else None,
                outcome=str(stored["outcome"]) if stored.get("outcome") is not None else None,
                amount=str(stored["amount"]) if stored.get("amount") is not None else None,
                reason=str(stored["reason"]) if stored.get("reason") is not None else None,
            )
        except (KeyError, TypeError, ValueError):
            return None


def awaited(user: User) -> Awaited | None:
    """What the user's next typed message answers, if anything."""
    return Awaited.from_json(user.awaiting) if user.awaiting else None


def expect(user: User, what: Awaited) -> None:
    """Take the user's next typed message as ``what``."""
    user.awaiting = what.to_json()


def stop_waiting(user: User) -> None:
    """Take the user's next typed message as anything but an officer's input.

    Only a decision's wait is ended: other drafts kept on the account (a broadcast being
    addressed) have their own buttons to end them.
    """
    if awaited(user) is not None:
        user.awaiting = None


def keep_draft(user: User, kind: str, **values: object) -> None:
    """Keep a draft of ``kind`` on the account until it is sent, applied or dropped."""
    user.awaiting = {"kind": kind, **values}


def draft_of(user: User, kind: str) -> dict[str, Any] | None:
    """The account's draft of ``kind``, if that is what it keeps."""
    stored = user.awaiting
    return stored if stored and stored.get("kind") == kind else None


def drop_draft(user: User, kind: str) -> None:
    """Forget the account's draft of ``kind`` (a draft of another kind stays)."""
    if draft_of(user, kind) is not None:
        user.awaiting = None
