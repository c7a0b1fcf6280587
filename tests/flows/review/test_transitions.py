"""Submission and decisions: every legal move and the refusals, as tables."""

# One case per line reads best in these tables, however long the line.
# ruff: noqa: E501

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

import pytest

from flows.access import Actor, Level, Reason, Refused
from flows.audit import AuditKind, details_json
from flows.i18n import SUPPORTED_LOCALES, translator
from flows.review import (
    AmendAmount,
    Approve,
    Decision,
    RecordView,
    Reject,
    Return,
    State,
    decide,
    delete,
    submit,
)
from tests.flows.review.world import (
    DEPARTMENT_OFFICER,
    DURING_INTAKE,
    DURING_REVIEW,
    INTAKE_CLOSES,
    INTAKE_OPENS,
    PROVINCE_OFFICER,
    REVIEW_CLOSES,
    UNIT_OFFICER,
    WORKER,
    record,
)

S, L = State, Level
THREE: Final = (L.UNIT, L.DEPARTMENT, L.PROVINCE)
TWO: Final = (L.UNIT, L.PROVINCE)
ONE: Final = (L.UNIT,)
AMOUNT: Final = Decimal("800")

# (levels, state, level, officer, decision) -> (kind, new state, new level)
DECISIONS: Final = [
    (THREE, S.SUBMITTED, L.UNIT, UNIT_OFFICER, Approve(), (AuditKind.APPROVED, S.APPROVED, L.DEPARTMENT)),
    (THREE, S.RESUBMITTED, L.UNIT, UNIT_OFFICER, Approve(), (AuditKind.APPROVED, S.APPROVED, L.DEPARTMENT)),
    (THREE, S.APPROVED, L.DEPARTMENT, DEPARTMENT_OFFICER, Approve(), (AuditKind.APPROVED, S.APPROVED, L.PROVINCE)),
    (THREE, S.APPROVED, L.PROVINCE, PROVINCE_OFFICER, Approve(AMOUNT), (AuditKind.AID_GRANTED, S.AID_GRANTED, L.PROVINCE)),
    (TWO, S.SUBMITTED, L.UNIT, UNIT_OFFICER, Approve(), (AuditKind.APPROVED, S.APPROVED, L.PROVINCE)),
    (ONE, S.SUBMITTED, L.UNIT, UNIT_OFFICER, Approve(AMOUNT), (AuditKind.AID_GRANTED, S.AID_GRANTED, L.UNIT)),
    (THREE, S.SUBMITTED, L.UNIT, UNIT_OFFICER, Return(("phone",), "typo"), (AuditKind.RETURNED, S.RETURNED, L.UNIT)),
    (THREE, S.APPROVED, L.DEPARTMENT, DEPARTMENT_OFFICER, Return(("phone",), "?"), (AuditKind.RETURNED, S.RETURNED, L.DEPARTMENT)),
    (THREE, S.SUBMITTED, L.UNIT, UNIT_OFFICER, Reject("not eligible"), (AuditKind.REJECTED, S.REJECTED, L.UNIT)),
    (THREE, S.APPROVED, L.PROVINCE, PROVINCE_OFFICER, Reject("over 2·M"), (AuditKind.REJECTED, S.REJECTED, L.PROVINCE)),
    (THREE, S.AID_GRANTED, L.PROVINCE, PROVINCE_OFFICER, AmendAmount(Decimal(1000), "typo"), (AuditKind.AMOUNT_CHANGED, S.AID_GRANTED, L.PROVINCE)),
]  # fmt: skip


@pytest.mark.parametrize(("levels", "state", "level", "officer", "decision", "expected"), DECISIONS)
def test_legal_decisions(
    levels: tuple[Level, ...],
    state: State,
    level: Level,
    officer: Actor,
    decision: Decision,
    expected: tuple[AuditKind, State, Level],
) -> None:
    view = record(state=state, level=level, levels=levels, amount=Decimal(800), owner=20)
    moved = decide(view, decision, officer, DURING_REVIEW)
    assert (moved.kind, moved.to_state, moved.to_level) == expected
    assert (moved.from_state, moved.from_level) == (state, level)
    assert moved.actor_user_id == officer.user_id
    assert moved.record_id == view.id


# (record, officer, decision, when) -> refusal
REFUSALS: Final = [
    (record(state=S.APPROVED, level=L.DEPARTMENT, decided_by="李红"), UNIT_OFFICER, Approve(), DURING_REVIEW, Reason.ALREADY_DECIDED),
    (record(state=S.REJECTED), UNIT_OFFICER, Reject("x"), DURING_REVIEW, Reason.ALREADY_DECIDED),
    (record(state=S.RETURNED), UNIT_OFFICER, Approve(), DURING_REVIEW, Reason.ALREADY_DECIDED),
    (record(state=S.DRAFT, level=None), UNIT_OFFICER, Approve(), DURING_REVIEW, Reason.NOT_WAITING),
    (record(state=S.APPROVED, level=L.PROVINCE), DEPARTMENT_OFFICER, Approve(), DURING_REVIEW, Reason.ALREADY_DECIDED),
    (record(), DEPARTMENT_OFFICER, Approve(), DURING_REVIEW, Reason.WRONG_LEVEL),
    (record(), PROVINCE_OFFICER, Reject("x"), DURING_REVIEW, Reason.WRONG_LEVEL),
    (record(), WORKER, Approve(), DURING_REVIEW, Reason.NOT_AN_OFFICER),
    (record(owner=11), UNIT_OFFICER, Approve(), DURING_REVIEW, Reason.OWN_REGISTRATION),
    (record(), UNIT_OFFICER, Approve(), REVIEW_CLOSES, Reason.REVIEW_CLOSED),
    (record(), UNIT_OFFICER, Approve(AMOUNT), DURING_REVIEW, Reason.AMOUNT_NOT_EXPECTED),
    (record(levels=ONE), UNIT_OFFICER, Approve(), DURING_REVIEW, Reason.AMOUNT_REQUIRED),
    (record(levels=ONE), UNIT_OFFICER, Approve(Decimal(0)), DURING_REVIEW, Reason.AMOUNT_NOT_POSITIVE),
    (record(levels=ONE), UNIT_OFFICER, Approve(Decimal(-5)), DURING_REVIEW, Reason.AMOUNT_NOT_POSITIVE),
    (record(levels=ONE), UNIT_OFFICER, Approve(Decimal("0.001")), DURING_REVIEW, Reason.AMOUNT_TOO_PRECISE),
    (record(levels=ONE), UNIT_OFFICER, Approve(Decimal("1e12")), DURING_REVIEW, Reason.AMOUNT_TOO_LARGE),
    (record(levels=ONE), UNIT_OFFICER, Approve(Decimal("NaN")), DURING_REVIEW, Reason.AMOUNT_INVALID),
    (record(), UNIT_OFFICER, Return((), "x"), DURING_REVIEW, Reason.FIELDS_REQUIRED),
    (record(), UNIT_OFFICER, Return((" ",), "x"), DURING_REVIEW, Reason.FIELDS_REQUIRED),
    (record(field_ids=frozenset({"phone"})), UNIT_OFFICER, Return(("nope",), "x"), DURING_REVIEW, Reason.UNKNOWN_FIELDS),
    (record(), UNIT_OFFICER, Return(("phone",), "  "), DURING_REVIEW, Reason.REASON_REQUIRED),
    (record(), UNIT_OFFICER, Reject(""), DURING_REVIEW, Reason.REASON_REQUIRED),
    (record(), UNIT_OFFICER, Reject("x" * 501), DURING_REVIEW, Reason.REASON_TOO_LONG),
    (record(), UNIT_OFFICER, AmendAmount(AMOUNT, "x"), DURING_REVIEW, Reason.NOT_LAST_LEVEL),
    (record(state=S.APPROVED, level=L.PROVINCE), PROVINCE_OFFICER, AmendAmount(AMOUNT, "x"), DURING_REVIEW, Reason.NOT_GRANTED),
    (record(state=S.AID_GRANTED, level=L.PROVINCE), PROVINCE_OFFICER, AmendAmount(AMOUNT, ""), DURING_REVIEW, Reason.REASON_REQUIRED),
    (record(unit_id=6), UNIT_OFFICER, Approve(), DURING_REVIEW, Reason.OUT_OF_SCOPE),
    (record(unit_id=6, state=S.APPROVED, level=L.DEPARTMENT), DEPARTMENT_OFFICER, Approve(), DURING_REVIEW, Reason.OUT_OF_SCOPE),
]  # fmt: skip


@pytest.mark.parametrize(("view", "officer", "decision", "when", "expected"), REFUSALS)
def test_refused_decisions(
    view: RecordView, officer: Actor, decision: Decision, when: dt.datetime, expected: Reason
) -> None:
    with pytest.raises(Refused) as refused:
        decide(view, decision, officer, when)
    assert refused.value.reason is expected
    for locale in SUPPORTED_LOCALES:
        shown = translator(locale).render(refused.value.message)
        assert shown and "{" not in shown


def test_already_decided_says_by_whom() -> None:
    view = record(state=S.APPROVED, level=L.DEPARTMENT, decided_by="李红")
    with pytest.raises(Refused) as refused:
        decide(view, Approve(), UNIT_OFFICER, DURING_REVIEW)
    assert "李红" in translator("zh_CN").render(refused.value.message)
    assert "李红" in translator("en").render(refused.value.message)


def test_return_keeps_the_flagged_fields_once_in_order_and_the_reason_trimmed() -> None:
    moved = decide(
        record(),
        Return(("phone", "address", "phone"), "  wrong number \n"),
        UNIT_OFFICER,
        DURING_REVIEW,
    )
    assert moved.fields == ("phone", "address")
    assert moved.reason == "wrong number"
    assert details_json(moved.details()) == {
        "from_level": "unit",
        "to_level": "unit",
        "fields": ["phone", "address"],
    }


def test_the_amount_is_kept_in_fen_and_the_previous_one_is_remembered() -> None:
    view = record(state=S.AID_GRANTED, level=L.PROVINCE, amount=Decimal("800.00"))
    moved = decide(view, AmendAmount(Decimal("1000.5"), "policy"), PROVINCE_OFFICER, DURING_REVIEW)
    assert moved.amount == Decimal("1000.50")
    assert moved.previous_amount == Decimal("800.00")
    assert details_json(moved.details())["amount"] == "1000.50"


# (record, who submits, when) -> (kind, state, level) or refusal
SUBMISSIONS: Final = [
    (record(state=S.DRAFT, level=None), WORKER, DURING_INTAKE, (AuditKind.SUBMITTED, S.SUBMITTED, L.UNIT)),
    (record(state=S.DRAFT, level=None, entered_by=11), UNIT_OFFICER, DURING_INTAKE, (AuditKind.SUBMITTED, S.SUBMITTED, L.UNIT)),
    # A correction is checked at the unit again, whichever level returned it.
    (record(state=S.RETURNED, level=L.DEPARTMENT), WORKER, DURING_REVIEW, (AuditKind.RESUBMITTED, S.RESUBMITTED, L.UNIT)),
    (record(state=S.RETURNED, level=L.PROVINCE), WORKER, DURING_REVIEW, (AuditKind.RESUBMITTED, S.RESUBMITTED, L.UNIT)),
    (record(state=S.DRAFT, level=None), WORKER, INTAKE_CLOSES, Reason.INTAKE_CLOSED),
    (record(state=S.DRAFT, level=None), WORKER, INTAKE_OPENS - dt.timedelta(seconds=1), Reason.INTAKE_NOT_OPEN),
    (record(state=S.RETURNED), WORKER, REVIEW_CLOSES, Reason.REVIEW_CLOSED),
    (record(state=S.SUBMITTED), WORKER, DURING_INTAKE, Reason.ALREADY_SUBMITTED),
    (record(state=S.AID_GRANTED, level=L.PROVINCE), WORKER, DURING_REVIEW, Reason.ALREADY_SUBMITTED),
    (record(state=S.DRAFT, level=None, entered_by=11), WORKER, DURING_INTAKE, Reason.NOT_OWN_RECORD),
    (record(state=S.DRAFT, level=None), UNIT_OFFICER, DURING_INTAKE, Reason.NOT_OWN_RECORD),
]  # fmt: skip


@pytest.mark.parametrize(("view", "person", "when", "expected"), SUBMISSIONS)
def test_submissions(
    view: RecordView,
    person: Actor,
    when: dt.datetime,
    expected: tuple[AuditKind, State, Level] | Reason,
) -> None:
    if isinstance(expected, Reason):
        with pytest.raises(Refused) as refused:
            submit(view, person, when)
        assert refused.value.reason is expected
        return
    moved = submit(view, person, when, changed=("phone",))
    assert (moved.kind, moved.to_state, moved.to_level) == expected


def test_a_resubmission_says_what_changed_even_when_nothing_did() -> None:
    returned = record(state=S.RETURNED)
    assert details_json(submit(returned, WORKER, DURING_REVIEW, ("phone",)).details())[
        "changed"
    ] == ["phone"]
    assert details_json(submit(returned, WORKER, DURING_REVIEW).details())["changed"] == []


def test_a_late_submission_names_the_deadline_in_local_time() -> None:
    with pytest.raises(Refused) as refused:
        submit(record(state=S.DRAFT, level=None), WORKER, INTAKE_CLOSES)
    assert "16:00" in translator("zh_CN").render(refused.value.message)


def test_a_deleted_draft_is_private_and_waits_for_nobody() -> None:
    deleted = record(state=S.DELETED, level=None)
    assert not deleted.target.submitted
    with pytest.raises(Refused) as refused:
        decide(deleted, Approve(), UNIT_OFFICER, DURING_REVIEW)
    assert refused.value.reason is Reason.NOT_WAITING


def test_only_a_draft_or_a_returned_record_is_deleted() -> None:
    assert delete(State.DRAFT) is State.DELETED
    assert delete(State.RETURNED) is State.DELETED
    for state in set(State) - {State.DRAFT, State.RETURNED}:
        with pytest.raises(Refused):
            delete(state)
