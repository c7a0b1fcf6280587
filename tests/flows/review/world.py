"""A small unit tree, one person of each role, and records placed in it, for domain tests.

::

    province 1 ─┬─ department 2 ─┬─ unit 3 (worker 10, unit officer 11)
                │                 └─ unit 4
                └─ department 5 ─── unit 6
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from flows.access import Actor, Level, actor
from flows.review import RecordView, State

SHANGHAI: Final = dt.timezone(dt.timedelta(hours=8))
TREE: Final = {1: None, 2: 1, 3: 2, 4: 2, 5: 1, 6: 5}
PROVINCE, DEPARTMENT, UNIT, SIBLING_UNIT, OTHER_DEPARTMENT, OTHER_UNIT = 1, 2, 3, 4, 5, 6

WORKER: Final = actor(10, "worker", UNIT, TREE)
UNIT_OFFICER: Final = actor(11, "unit_officer", UNIT, TREE)
DEPARTMENT_OFFICER: Final = actor(12, "department_officer", DEPARTMENT, TREE)
PROVINCE_OFFICER: Final = actor(13, "province_officer", PROVINCE, TREE)
STRANGER: Final = actor(14, "worker", None, TREE)
OTHER_WORKER_ID: Final = 20

INTAKE_OPENS: Final = dt.datetime(2019, 12, 1, 9, 0, tzinfo=SHANGHAI)
INTAKE_CLOSES: Final = dt.datetime(2019, 12, 28, 16, 0, tzinfo=SHANGHAI)
REVIEW_CLOSES: Final = dt.datetime(2020, 1, 10, 17, 0, tzinfo=SHANGHAI)
DURING_INTAKE: Final = dt.datetime(2019, 12, 20, 10, 0, tzinfo=SHANGHAI)
DURING_REVIEW: Final = dt.datetime(2020, 1, 5, 10, 0, tzinfo=SHANGHAI)
ALL_LEVELS: Final = (Level.UNIT, Level.DEPARTMENT, Level.PROVINCE)


def record(
    *,
    unit_id: int = UNIT,
    state: State = State.SUBMITTED,
    level: Level | None = Level.UNIT,
    levels: tuple[Level, ...] = ALL_LEVELS,
    owner: int = WORKER.user_id or 0,
    entered_by: int | None = None,
    amount: Decimal | None = None,
    decided_by: str | None = None,
    field_ids: frozenset[str] | None = None,
) -> RecordView:
    """A record of ``owner`` (who also filled it in, unless ``entered_by``)."""
    return RecordView(
        id=7,
        unit_id=unit_id,
        state=state,
        level=level,
        levels=levels,
        subject_user_id=owner,
        entered_by_user_id=entered_by if entered_by is not None else owner,
        intake_opens=INTAKE_OPENS,
        intake_closes=INTAKE_CLOSES,
        review_closes=REVIEW_CLOSES,
        aid_amount=amount,
        decided_by=decided_by,
        field_ids=field_ids,
    )


def officer_of(level: Level) -> Actor:
    """The officer of this world who decides at ``level``."""
    return {
        Level.UNIT: UNIT_OFFICER,
        Level.DEPARTMENT: DEPARTMENT_OFFICER,
        Level.PROVINCE: PROVINCE_OFFICER,
    }[level]
