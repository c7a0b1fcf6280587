"""What an officer's next typed message answers: the reason of a return or a rejection, an
aid amount, a granted amount corrected and why, why a grant is withdrawn, the reason of a
pre-check marked untruthful or overridden, or a record's remark (备注). Kept on the account
in the database (``users.awaiting``), never in memory, so that a restart between the button and
the typed text loses nothing and no update is read twice. The kinds of awaited input are
typed in :mod:`flows.awaiting`."""

from __future__ import annotations

from typing import TypeVar

from flows.awaiting import PRECHECK_KINDS, Awaited, BroadcastDraft, DeadlineDraft
from flows.awaiting import DecisionKind as Kind
from storage.models import User

__all__ = [
    "PRECHECK_KINDS",
    "Awaited",
    "Kind",
    "awaited",
    "draft_of",
    "drop_draft",
    "expect",
    "keep_draft",
    "stop_waiting",
]

Draft = TypeVar("Draft", DeadlineDraft, BroadcastDraft)


def awaited(user: User) -> Awaited | None:
    """What the user's next typed message answers, if it is a decision's reason or amount."""
    return user.awaiting if isinstance(user.awaiting, Awaited) else None


def expect(user: User, what: Awaited) -> None:
    """Take the user's next typed message as ``what``."""
    user.awaiting = what


def stop_waiting(user: User) -> None:
    """Take the user's next typed message as anything but an officer's input.

    Only a decision's wait is ended: other drafts kept on the account (a broadcast being
    addressed) have their own buttons to end them.
    """
    if awaited(user) is not None:
        user.awaiting = None


def keep_draft(user: User, draft: DeadlineDraft | BroadcastDraft) -> None:
    """Keep ``draft`` on the account until it is sent, applied or dropped."""
    user.awaiting = draft


def draft_of(user: User, kind: type[Draft]) -> Draft | None:
    """The account's draft of ``kind``, if that is what it keeps."""
    stored = user.awaiting
    return stored if isinstance(stored, kind) else None


def drop_draft(user: User, kind: type[DeadlineDraft | BroadcastDraft]) -> None:
    """Forget the account's draft of ``kind`` (a draft of another kind stays)."""
    if isinstance(user.awaiting, kind):
        user.awaiting = None
