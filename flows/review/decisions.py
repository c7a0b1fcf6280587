"""What an officer decides about a record waiting at their level."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flows.access import Action


@dataclass(frozen=True)
class Approve:
    """Pass the record up; at the last level ``amount`` (yuan) is required and grants aid.

    ``confirmed``: the officer saw an amount above the policy's confirmation line in words and
    confirmed it.
    """

    amount: Decimal | None = None
    confirmed: bool = False
    # Approving although the pre-check says ``against`` (not eligible, excluded) needs a reason.
    reason: str | None = None
    against: str | None = None


@dataclass(frozen=True)
class Return:
    """Send the record back so that only ``fields`` are answered again; ``reason`` says why."""

    fields: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Reject:
    """Refuse the record, with the reason the worker will read."""

    reason: str


@dataclass(frozen=True)
class AmendAmount:
    """Correct the amount of a record already granted aid (last level, before review closes)."""

    amount: Decimal
    reason: str
    confirmed: bool = False


@dataclass(frozen=True)
class WithdrawGrant:
    """Take back the aid granted to a record (last level, before review closes): the record
    ends rejected, with the reason the worker will read."""

    reason: str


Decision = Approve | Return | Reject | AmendAmount | WithdrawGrant


def action_of(decision: Decision) -> Action:
    """The access matrix's action for a decision."""
    if isinstance(decision, Approve):
        return Action.APPROVE
    if isinstance(decision, Return):
        return Action.RETURN
    if isinstance(decision, Reject):
        return Action.REJECT
    return Action.SET_AMOUNT
