"""When an invitation can be used: not withdrawn, not expired, not used up.

The same rule answers the person who opens a link, the officer who lists or withdraws one and
the command line; the database's atomic claim repeats it so that two openers cannot share the
last use.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Protocol


class InvitationProblem(enum.Enum):
    """Why a code binds nothing."""

    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"
    REVOKED = "revoked"


class InvitationTerms(Protocol):
    """What decides whether an invitation is still usable (a stored invitation has it)."""

    @property
    def revoked_at(self) -> dt.datetime | None:
        """When it was withdrawn, if it was."""
        ...

    @property
    def expires_at(self) -> dt.datetime:
        """The first moment it no longer works."""
        ...

    @property
    def max_uses(self) -> int | None:
        """How many accounts it may bind (None: any number until it expires)."""
        ...

    @property
    def uses(self) -> int:
        """How many it has bound."""
        ...


def invitation_problem(
    invitation: InvitationTerms | None, now: dt.datetime
) -> InvitationProblem | None:
    """Why this invitation cannot be used now, or None if it can."""
    if invitation is None:
        return InvitationProblem.UNKNOWN
    if invitation.revoked_at is not None:
        return InvitationProblem.REVOKED
    if invitation.expires_at <= now:
        return InvitationProblem.EXPIRED
    if invitation.max_uses is not None and invitation.uses >= invitation.max_uses:
        return InvitationProblem.USED
    return None
