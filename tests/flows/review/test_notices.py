"""Who hears of a transition besides the worker: the unit's officers, of a return from above."""

from __future__ import annotations

import pytest

from flows.access import Level
from flows.audit import AuditKind
from flows.review import State, Transition
from flows.review.notices import tells_unit_officers


def _transition(kind: AuditKind, from_level: Level) -> Transition:
    return Transition(1, kind, 9, State.SUBMITTED, State.RETURNED, from_level, Level.UNIT)


@pytest.mark.parametrize(
    ("kind", "from_level", "first", "told"),
    [
        (AuditKind.RETURNED, Level.DEPARTMENT, Level.UNIT, True),
        (AuditKind.RETURNED, Level.UNIT, Level.UNIT, False),
        (AuditKind.RETURNED, Level.PROVINCE, Level.DEPARTMENT, False),
        (AuditKind.REJECTED, Level.DEPARTMENT, Level.UNIT, False),
    ],
)
def test_the_unit_hears_of_a_return_from_above(
    kind: AuditKind, from_level: Level, first: Level, told: bool
) -> None:
    assert tells_unit_officers(_transition(kind, from_level), first) is told
