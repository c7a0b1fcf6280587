"""The remark (备注): what is kept of the typed text, and who may write it when."""

from __future__ import annotations

import datetime as dt

import pytest

from flows.access import Level, Reason, Refused, actor
from flows.i18n import translator
from flows.review import State
from flows.review.remarks import REMARK_MAX, check_remark, remark_refusal
from flows.tables import prints_remarks
from tests.flows.review.world import (
    DEPARTMENT_OFFICER,
    DURING_REVIEW,
    PROVINCE_OFFICER,
    REVIEW_CLOSES,
    SIBLING_UNIT,
    TREE,
    UNIT_OFFICER,
    WORKER,
    record,
)

APPROVED = record(state=State.APPROVED, level=Level.DEPARTMENT)


def refused(text: str) -> str:
    """The English message refusing ``text`` as a remark."""
    with pytest.raises(Refused) as raised:
        check_remark(text)
    assert raised.value.refusal.reason is Reason.REMARK_INVALID
    return translator("en").render(raised.value.refusal.message)


def test_a_remark_is_kept_on_one_line_as_it_can_be_seen() -> None:
    assert check_remark("  长期患病，\n家庭负担重\u200b ") == "长期患病， 家庭负担重"
    assert check_remark("字" * REMARK_MAX) == "字" * REMARK_MAX


def test_what_the_printed_box_cannot_hold_is_refused_with_an_example() -> None:
    assert refused("\u200b\u2060") == (
        "The remark is empty. Please type it, for example: 长期患病，家庭负担重"
    )
    assert refused("字" * (REMARK_MAX + 1)) == (
        "The remark is 51 characters long; at most 50 fit in the 备注 column. Please shorten "
        "it, for example: 长期患病，家庭负担重"
    )
    assert refused("身体不好😢").startswith("Emoji cannot be printed on the official form")
    assert refused("联系电话 139 0431 1234").startswith("The remark holds a long number")


@pytest.mark.parametrize(
    ("state", "level", "levels"),
    [
        (State.APPROVED, Level.DEPARTMENT, (Level.UNIT, Level.DEPARTMENT, Level.PROVINCE)),
        (State.APPROVED, Level.PROVINCE, (Level.UNIT, Level.PROVINCE)),
        (State.AID_GRANTED, Level.UNIT, (Level.UNIT,)),
    ],
)
def test_the_unit_writes_it_from_its_approval_until_the_next_level_decides(
    state: State, level: Level, levels: tuple[Level, ...]
) -> None:
    view = record(state=state, level=level, levels=levels)
    assert remark_refusal(view, UNIT_OFFICER, DURING_REVIEW) is None


@pytest.mark.parametrize(
    ("state", "level"),
    [
        (State.SUBMITTED, Level.UNIT),  # not approved yet
        (State.RESUBMITTED, Level.UNIT),
        (State.APPROVED, Level.PROVINCE),  # the department decided
        (State.RETURNED, Level.DEPARTMENT),
        (State.REJECTED, Level.DEPARTMENT),
        (State.AID_GRANTED, Level.PROVINCE),
    ],
)
def test_before_the_approval_or_once_the_next_level_acted_it_is_fixed(
    state: State, level: Level
) -> None:
    refusal = remark_refusal(record(state=state, level=level), UNIT_OFFICER)
    assert refusal is not None and refusal.reason is Reason.NOT_WAITING


def test_only_the_first_level_in_scope_writes_it_and_not_on_its_own_record() -> None:
    for other in (DEPARTMENT_OFFICER, PROVINCE_OFFICER):
        refusal = remark_refusal(APPROVED, other)
        assert refusal is not None and refusal.reason is Reason.WRONG_LEVEL
    assert remark_refusal(APPROVED, WORKER) is not None
    elsewhere = actor(15, "unit_officer", SIBLING_UNIT, TREE)
    refusal = remark_refusal(APPROVED, elsewhere)
    assert refusal is not None and refusal.reason is Reason.OUT_OF_SCOPE
    own = record(state=State.APPROVED, level=Level.DEPARTMENT, owner=UNIT_OFFICER.user_id or 0)
    refusal = remark_refusal(own, UNIT_OFFICER)
    assert refusal is not None and refusal.reason is Reason.OWN_REGISTRATION


def test_not_after_the_review_closed() -> None:
    assert remark_refusal(APPROVED, UNIT_OFFICER, REVIEW_CLOSES - dt.timedelta(seconds=1)) is None
    refusal = remark_refusal(APPROVED, UNIT_OFFICER, REVIEW_CLOSES)
    assert refusal is not None and refusal.reason is Reason.REVIEW_CLOSED


def test_only_forms_whose_tables_have_a_remarks_box_offer_it() -> None:
    # Henan's situation form has a 备注 box; none of Jilin's tables has one.
    assert prints_remarks("henan-2017")
    assert not prints_remarks("jilin-2020")
