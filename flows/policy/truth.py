"""Whether a condition holds when facts may be missing or an officer must judge.

A condition is one of four states. ``UNKNOWN`` carries the missing facts whose values would
settle it; ``JUDGEMENT`` means the facts are known but the notice leaves the call to an officer.
Combining keeps the most informative answer: a missing fact that could change the result is
reported before a judgement that would remain.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final, NamedTuple


class State(enum.Enum):
    """The four answers a condition can give."""

    HOLDS = "holds"
    JUDGEMENT = "judgement"
    UNKNOWN = "unknown"
    FAILS = "fails"

    # Members are singletons: hashing by identity keeps sets and dicts of states fast
    # (Enum's own hash goes through Python code).
    __hash__ = object.__hash__


class Verdict(NamedTuple):
    """A state, and for ``UNKNOWN`` the facts whose absence leaves it open.

    A named tuple rather than a frozen dataclass: a check makes a dozen of these, and
    100,000 checks should take well under a second.
    """

    state: State
    missing: frozenset[str] = frozenset()


HOLDS: Final = Verdict(State.HOLDS)
JUDGEMENT: Final = Verdict(State.JUDGEMENT)
FAILS: Final = Verdict(State.FAILS)


def unknown(*facts: str) -> Verdict:
    """Open until these facts are given."""
    return Verdict(State.UNKNOWN, frozenset(facts))


def known(condition: bool) -> Verdict:
    """A condition the facts settle."""
    return HOLDS if condition else FAILS


def all_of(verdicts: Iterable[Verdict]) -> Verdict:
    """Every part must hold: one failing part settles it."""
    missing: set[str] = set()
    judged = False
    for verdict in verdicts:
        if verdict.state is State.FAILS:
            return FAILS
        if verdict.state is State.UNKNOWN:
            missing |= verdict.missing
        judged = judged or verdict.state is State.JUDGEMENT
    if missing:
        return Verdict(State.UNKNOWN, frozenset(missing))
    return JUDGEMENT if judged else HOLDS


def any_of(verdicts: Iterable[Verdict]) -> Verdict:
    """One part holding is enough: it settles it."""
    missing: set[str] = set()
    judged = False
    for verdict in verdicts:
        if verdict.state is State.HOLDS:
            return HOLDS
        if verdict.state is State.UNKNOWN:
            missing |= verdict.missing
        judged = judged or verdict.state is State.JUDGEMENT
    if missing:
        return Verdict(State.UNKNOWN, frozenset(missing))
    return JUDGEMENT if judged else FAILS
