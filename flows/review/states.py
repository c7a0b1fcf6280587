"""A record's states and the campaign's chain of review levels.

::

    draft ─submit→ submitted ─approve→ approved (next level) ─approve→ … ─approve+amount→
                      │                    │                                  aid_granted
                return│              return│
                      ▼                    ▼
                    returned ─resubmit→ resubmitted (waits at the first level again, whichever
                                                     level returned it, and climbs the chain)
    any waiting state (submitted, resubmitted, approved) ─reject→ rejected

``level`` is where the record waits (submitted, resubmitted, approved), was sent back from
(returned), was rejected (rejected) or was granted (aid_granted, the last level).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from enum import StrEnum
from typing import Final

from flows.access import Level
from flows.i18n import N_


class State(StrEnum):
    """Where a registration is in its life."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RESUBMITTED = "resubmitted"
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"
    AID_GRANTED = "aid_granted"
    DELETED = "deleted"  # a draft its owner deleted; kept so that its history stays whole


WAITING: Final = frozenset({State.SUBMITTED, State.RESUBMITTED, State.APPROVED})
FINAL: Final = frozenset({State.REJECTED, State.AID_GRANTED})

STATE_NAMES: Final[dict[State, str]] = {
    State.DRAFT: N_("draft"),
    State.SUBMITTED: N_("submitted, waiting for review"),
    State.RESUBMITTED: N_("corrected and resubmitted, waiting for review"),
    State.APPROVED: N_("approved by the level below, waiting for review"),
    State.RETURNED: N_("returned for correction"),
    State.REJECTED: N_("rejected"),
    State.AID_GRANTED: N_("aid granted"),
    State.DELETED: N_("deleted"),
}
UNSUBMITTED: Final = frozenset({State.DRAFT, State.DELETED})


def chain(stored: Sequence[str]) -> tuple[Level, ...]:
    """A campaign's stored ``levels`` as the review chain, lowest first; refuses nonsense."""
    levels = tuple(Level(name) for name in stored)
    if not levels:
        raise ValueError("a campaign needs at least one review level")
    ranks = [list(Level).index(level) for level in levels]
    if any(lower >= higher for lower, higher in itertools.pairwise(ranks)):
        raise ValueError(f"review levels must go up the tree without repeats: {list(stored)}")
    return levels


def next_level(levels: Sequence[Level], level: Level) -> Level | None:
    """The level a record goes to once ``level`` approves it; None after the last."""
    index = list(levels).index(level)
    return levels[index + 1] if index + 1 < len(levels) else None
