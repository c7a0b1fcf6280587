"""The whole access matrix: every role × every action × in scope and out of scope.

"In scope" is the record or unit a role legitimately deals with: the worker's own record and
unit, a record of the unit officer's unit, of a unit under the department, anything for the
province. "Out of scope" is the nearest thing that is not: another worker's record in the same
unit, the sibling unit, the other department's unit. The province has no outside; a stranger
has no inside. Records wait at the acting officer's own level.
"""

from __future__ import annotations

from typing import Final

import pytest

from flows.access import (
    ROLE_ACTIONS,
    UNIT_ACTIONS,
    Action,
    Actor,
    Binding,
    Level,
    Reason,
    RecordTarget,
    Refused,
    Role,
    Target,
    Tree,
    UnitTarget,
    actor,
    by_invitation,
    may,
    officer_becomes_worker,
    require,
    sees_full_numbers,
    sees_sensitive_copies,
)
from flows.i18n import SUPPORTED_LOCALES, translator
from tests.flows.review.world import (
    DEPARTMENT,
    DEPARTMENT_OFFICER,
    OTHER_DEPARTMENT,
    OTHER_UNIT,
    OTHER_WORKER_ID,
    PROVINCE_OFFICER,
    SIBLING_UNIT,
    STRANGER,
    TREE,
    UNIT,
    UNIT_OFFICER,
    WORKER,
)

OK: Final = None
ACTORS: Final[dict[Role, Actor]] = {
    Role.WORKER: WORKER,
    Role.UNIT_OFFICER: UNIT_OFFICER,
    Role.DEPARTMENT_OFFICER: DEPARTMENT_OFFICER,
    Role.PROVINCE_OFFICER: PROVINCE_OFFICER,
    Role.STRANGER: STRANGER,
}
# Where each role's "inside" and "outside" are: (record's unit, record's owner, target unit).
INSIDE: Final[dict[Role, tuple[int, int, int | None]]] = {
    Role.WORKER: (UNIT, 10, UNIT),
    Role.UNIT_OFFICER: (UNIT, OTHER_WORKER_ID, UNIT),
    Role.DEPARTMENT_OFFICER: (SIBLING_UNIT, OTHER_WORKER_ID, DEPARTMENT),
    Role.PROVINCE_OFFICER: (OTHER_UNIT, OTHER_WORKER_ID, None),
    Role.STRANGER: (UNIT, OTHER_WORKER_ID, UNIT),
}
OUTSIDE: Final[dict[Role, tuple[int, int, int | None]]] = {
    Role.WORKER: (UNIT, OTHER_WORKER_ID, SIBLING_UNIT),
    Role.UNIT_OFFICER: (SIBLING_UNIT, OTHER_WORKER_ID, SIBLING_UNIT),
    Role.DEPARTMENT_OFFICER: (OTHER_UNIT, OTHER_WORKER_ID, OTHER_UNIT),
    Role.STRANGER: (OTHER_UNIT, OTHER_WORKER_ID, OTHER_UNIT),
}

A = Action
R = Reason
# role -> action -> (inside, outside); the province row has no outside.
EXPECTED: Final[dict[Role, dict[Action, tuple[Reason | None, Reason | None]]]] = {
    Role.WORKER: {
        A.VIEW_CARD: (OK, R.NOT_OWN_RECORD),
        A.HISTORY: (OK, R.NOT_OWN_RECORD),
        A.APPROVE: (R.NOT_AN_OFFICER, R.NOT_AN_OFFICER),
        A.RETURN: (R.NOT_AN_OFFICER, R.NOT_AN_OFFICER),
        A.REJECT: (R.NOT_AN_OFFICER, R.NOT_AN_OFFICER),
        A.SET_AMOUNT: (R.NOT_AN_OFFICER, R.NOT_AN_OFFICER),
        A.EXPORT: (R.NOT_AN_OFFICER, R.NOT_AN_OFFICER),
        A.INVITE: (R.NOT_AN_OFFICER, R.NOT_AN_OFFICER),
        A.STATS: (R.NOT_AN_OFFICER, R.NOT_AN_OFFICER),
        A.VIEW_FULL_SENSITIVE: (R.MASKED_ONLY, R.MASKED_ONLY),
        A.RESOLVE_CONFLICTS: (R.PROVINCE_ONLY, R.PROVINCE_ONLY),
        A.MOVE_DEADLINE: (R.PROVINCE_ONLY, R.PROVINCE_ONLY),
        A.BROADCAST: (R.PROVINCE_ONLY, R.PROVINCE_ONLY),
        A.ENTER_FOR_WORKER: (R.UNIT_OFFICERS_ONLY, R.UNIT_OFFICERS_ONLY),
    },
    Role.UNIT_OFFICER: {
        A.VIEW_CARD: (OK, R.OUT_OF_SCOPE),
        A.HISTORY: (OK, R.OUT_OF_SCOPE),
        A.APPROVE: (OK, R.OUT_OF_SCOPE),
        A.RETURN: (OK, R.OUT_OF_SCOPE),
        A.REJECT: (OK, R.OUT_OF_SCOPE),
        A.SET_AMOUNT: (R.NOT_LAST_LEVEL, R.OUT_OF_SCOPE),
        A.EXPORT: (OK, R.OUT_OF_SCOPE),
        A.INVITE: (OK, R.OUT_OF_SCOPE),
        A.STATS: (OK, R.OUT_OF_SCOPE),
        A.VIEW_FULL_SENSITIVE: (OK, R.OUT_OF_SCOPE),
        A.RESOLVE_CONFLICTS: (R.PROVINCE_ONLY, R.PROVINCE_ONLY),
        A.MOVE_DEADLINE: (R.PROVINCE_ONLY, R.PROVINCE_ONLY),
        A.BROADCAST: (R.PROVINCE_ONLY, R.PROVINCE_ONLY),
        A.ENTER_FOR_WORKER: (OK, OK),
    },
    Role.DEPARTMENT_OFFICER: {
        A.VIEW_CARD: (OK, R.OUT_OF_SCOPE),
        A.HISTORY: (OK, R.OUT_OF_SCOPE),
        A.APPROVE: (OK, R.OUT_OF_SCOPE),
        A.RETURN: (OK, R.OUT_OF_SCOPE),
        A.REJECT: (OK, R.OUT_OF_SCOPE),
        A.SET_AMOUNT: (R.NOT_LAST_LEVEL, R.OUT_OF_SCOPE),
        A.EXPORT: (OK, R.OUT_OF_SCOPE),
        A.INVITE: (OK, R.OUT_OF_SCOPE),
        A.STATS: (OK, R.OUT_OF_SCOPE),
        A.VIEW_FULL_SENSITIVE: (R.MASKED_ONLY, R.OUT_OF_SCOPE),
        A.RESOLVE_CONFLICTS: (R.PROVINCE_ONLY, R.PROVINCE_ONLY),
        A.MOVE_DEADLINE: (R.PROVINCE_ONLY, R.PROVINCE_ONLY),
        A.BROADCAST: (R.PROVINCE_ONLY, R.PROVINCE_ONLY),
        A.ENTER_FOR_WORKER: (R.UNIT_OFFICERS_ONLY, R.UNIT_OFFICERS_ONLY),
    },
    Role.PROVINCE_OFFICER: {
        **{action: (OK, OK) for action in Action},
        A.ENTER_FOR_WORKER: (R.UNIT_OFFICERS_ONLY, R.UNIT_OFFICERS_ONLY),
    },
    Role.STRANGER: {action: (R.NOT_BOUND, R.NOT_BOUND) for action in Action},
}


def _target(role: Role, action: Action, place: tuple[int, int, int | None]) -> Target | None:
    unit_id, owner, target_unit = place
    if action in ROLE_ACTIONS:
        return None
    if action in UNIT_ACTIONS:
        return UnitTarget(target_unit)
    officer = ACTORS[role]
    return RecordTarget(
        unit_id=unit_id,
        submitted=True,
        waiting_level=officer.level or Level.UNIT,
        last_level=Level.PROVINCE,
        subject_user_id=owner,
        entered_by_user_id=owner,
    )


CASES: Final = [
    pytest.param(role, action, inside, id=f"{role}-{action}-{'in' if inside else 'out'}")
    for role in Role
    for action in Action
    for inside in (True, False)
    if inside or role in OUTSIDE
]


def test_the_matrix_names_every_role_and_action() -> None:
    assert set(EXPECTED) == set(Role)
    assert all(set(row) == set(Action) for row in EXPECTED.values())


@pytest.mark.parametrize(("role", "action", "inside"), CASES)
def test_access_matrix(role: Role, action: Action, inside: bool) -> None:
    place = (INSIDE if inside else OUTSIDE)[role]
    expected = EXPECTED[role][action][0 if inside else 1]
    target = _target(role, action, place)

    refusal = may(ACTORS[role], action, target)

    assert (refusal.reason if refusal else None) is expected
    if refusal is not None:
        with pytest.raises(Refused) as raised:
            require(ACTORS[role], action, target)
        assert raised.value.refusal == refusal
        for locale in SUPPORTED_LOCALES:
            shown = translator(locale).render(refusal.message)
            assert shown and "{" not in shown
        assert translator("zh_CN").render(refusal.message) != refusal.message.msgid


@pytest.mark.parametrize(
    ("officer", "waiting", "expected"),
    [
        (PROVINCE_OFFICER, Level.UNIT, R.WRONG_LEVEL),
        (PROVINCE_OFFICER, Level.DEPARTMENT, R.WRONG_LEVEL),
        (DEPARTMENT_OFFICER, Level.UNIT, R.WRONG_LEVEL),
        (DEPARTMENT_OFFICER, Level.PROVINCE, R.WRONG_LEVEL),
        (UNIT_OFFICER, Level.DEPARTMENT, R.WRONG_LEVEL),
        (UNIT_OFFICER, Level.UNIT, OK),
        (DEPARTMENT_OFFICER, Level.DEPARTMENT, OK),
        (PROVINCE_OFFICER, Level.PROVINCE, OK),
    ],
)
def test_an_officer_decides_only_at_their_own_level(
    officer: Actor, waiting: Level, expected: Reason | None
) -> None:
    target = RecordTarget(UNIT, True, waiting, Level.PROVINCE, OTHER_WORKER_ID, OTHER_WORKER_ID)
    for action in (A.APPROVE, A.RETURN, A.REJECT):
        refusal = may(officer, action, target)
        assert (refusal.reason if refusal else None) is expected


@pytest.mark.parametrize(
    ("last", "officer", "expected"),
    [
        (Level.UNIT, UNIT_OFFICER, OK),
        (Level.DEPARTMENT, DEPARTMENT_OFFICER, OK),
        (Level.DEPARTMENT, PROVINCE_OFFICER, R.NOT_LAST_LEVEL),
        (Level.PROVINCE, UNIT_OFFICER, R.NOT_LAST_LEVEL),
    ],
)
def test_only_the_campaigns_last_level_sets_amounts(
    last: Level, officer: Actor, expected: Reason | None
) -> None:
    assert officer.level is not None
    target = RecordTarget(UNIT, True, officer.level, last, OTHER_WORKER_ID, OTHER_WORKER_ID)
    refusal = may(officer, A.SET_AMOUNT, target)
    assert (refusal.reason if refusal else None) is expected


def test_an_officer_cannot_decide_their_own_registration() -> None:
    target = RecordTarget(UNIT, True, Level.UNIT, Level.PROVINCE, 11, 11)
    refusal = may(UNIT_OFFICER, A.APPROVE, target)
    assert refusal is not None and refusal.reason is R.OWN_REGISTRATION
    assert may(UNIT_OFFICER, A.VIEW_CARD, target) is None


def test_drafts_are_private_to_whoever_fills_them_in() -> None:
    others = RecordTarget(UNIT, False, None, Level.PROVINCE, OTHER_WORKER_ID, OTHER_WORKER_ID)
    refusal = may(UNIT_OFFICER, A.VIEW_CARD, others)
    assert refusal is not None and refusal.reason is R.DRAFT_PRIVATE
    on_behalf = RecordTarget(UNIT, False, None, Level.PROVINCE, OTHER_WORKER_ID, 11)
    assert may(UNIT_OFFICER, A.VIEW_CARD, on_behalf) is None
    assert may(UNIT_OFFICER, A.VIEW_FULL_SENSITIVE, on_behalf) is None


@pytest.mark.parametrize(
    ("officer", "unit_id", "full"),
    [
        (UNIT_OFFICER, UNIT, True),
        (DEPARTMENT_OFFICER, UNIT, False),
        (PROVINCE_OFFICER, UNIT, True),
        (PROVINCE_OFFICER, OTHER_UNIT, True),
        (UNIT_OFFICER, SIBLING_UNIT, False),
        (WORKER, UNIT, False),
    ],
)
def test_who_sees_full_numbers(officer: Actor, unit_id: int, full: bool) -> None:
    target = RecordTarget(unit_id, True, Level.UNIT, Level.PROVINCE, 10, 10)
    assert sees_full_numbers(officer, target) is full


@pytest.mark.parametrize(
    ("viewer", "subject", "sent"),
    [
        (UNIT_OFFICER, 10, True),  # entitled to the full numbers
        (DEPARTMENT_OFFICER, 10, False),  # sees the card, not the numbers
        (WORKER, 10, True),  # their own record
        (WORKER, OTHER_WORKER_ID, False),
    ],
)
def test_who_is_sent_the_copy_of_the_id_and_bank_card(
    viewer: Actor, subject: int, sent: bool
) -> None:
    target = RecordTarget(UNIT, True, Level.UNIT, Level.PROVINCE, subject, subject)
    assert sees_sensitive_copies(viewer, target) is sent


def test_a_record_action_needs_a_record() -> None:
    with pytest.raises(TypeError):
        may(UNIT_OFFICER, A.APPROVE, UnitTarget(UNIT))
    with pytest.raises(TypeError):
        may(UNIT_OFFICER, A.STATS, RecordTarget(UNIT, True, None, Level.UNIT, 1, 1))


# --- every way of binding, and what the person may do afterwards ---------------------------

ALL_UNITS: Final = tuple(TREE)
TARGETS: Final[tuple[Target, ...]] = (
    *(UnitTarget(unit) for unit in (*ALL_UNITS, None)),
    *(
        RecordTarget(unit, True, level, Level.PROVINCE, owner, owner)
        for unit in ALL_UNITS
        for owner in (10, OTHER_WORKER_ID)
        for level in Level
    ),
)


def _answers(who: Actor) -> dict[tuple[Action, Target | None], Reason | None]:
    """What ``who`` is told for every action on every target of the tree."""
    answers: dict[tuple[Action, Target | None], Reason | None] = {}
    for action in Action:
        targets: tuple[Target | None, ...] = (None,) if action in ROLE_ACTIONS else TARGETS
        for target in targets:
            if action in UNIT_ACTIONS and not isinstance(target, UnitTarget):
                continue
            if action not in UNIT_ACTIONS | ROLE_ACTIONS.keys() and not isinstance(
                target, RecordTarget
            ):
                continue
            refusal = may(who, action, target)
            answers[action, target] = refusal.reason if refusal else None
    return answers


def _bound(who: Actor, binding: Binding | None, tree: Tree = TREE) -> Actor:
    """The actor after a binding (None: nothing changed)."""
    if binding is None:
        return actor(who.user_id, who.role, who.unit_id, tree)
    return actor(who.user_id, binding.role, binding.unit_id, tree)


@pytest.mark.parametrize("role", list(Role))
def test_a_worker_link_makes_a_worker_and_never_moves_an_officer(role: Role) -> None:
    who = ACTORS[role]
    after = _bound(who, by_invitation(role, Role.WORKER, OTHER_UNIT))
    if who.is_officer:
        # Everything the officer may do, and may not, is as before: nothing was bound.
        assert after == who
        assert _answers(after) == _answers(who)
    else:
        assert _answers(after) == _answers(actor(who.user_id, "worker", OTHER_UNIT, TREE))
    assert _answers(_bound(who, officer_becomes_worker(OTHER_UNIT))) == _answers(
        actor(who.user_id, "worker", OTHER_UNIT, TREE)
    )


@pytest.mark.parametrize("invited", [Role.UNIT_OFFICER, Role.DEPARTMENT_OFFICER])
@pytest.mark.parametrize("role", list(Role))
def test_an_officer_link_binds_its_role_and_unit_whoever_opens_it(
    role: Role, invited: Role
) -> None:
    unit = OTHER_UNIT if invited is Role.UNIT_OFFICER else OTHER_DEPARTMENT
    after = _bound(ACTORS[role], by_invitation(role, invited, unit))
    expected = actor(ACTORS[role].user_id, invited, unit, TREE)
    assert after == expected
    assert _answers(after) == _answers(expected)


@pytest.mark.parametrize("role", [Role.UNIT_OFFICER, Role.DEPARTMENT_OFFICER])
def test_a_revoked_role_leaves_a_stranger_or_a_worker(role: Role) -> None:
    """``songnuan role revoke`` stores a worker without a unit, or (``--keep-as-worker``) a
    worker of the same unit."""
    who = ACTORS[role]
    unbound = actor(who.user_id, "worker", None, TREE)
    assert _answers(unbound) == _answers(STRANGER)
    kept = actor(who.user_id, "worker", who.unit_id, TREE)
    assert not kept.is_officer
    assert all(
        reason is not None
        for (action, _), reason in _answers(kept).items()
        if action not in (A.VIEW_CARD, A.HISTORY)
    )


def test_a_unit_moved_under_a_department_comes_into_its_scope_and_leaves_the_other() -> None:
    """``songnuan unit move``: the department officers' scopes follow the tree."""
    moved = {**TREE, OTHER_UNIT: DEPARTMENT}
    there = RecordTarget(OTHER_UNIT, True, Level.DEPARTMENT, Level.PROVINCE, 20, 20)
    before = may(DEPARTMENT_OFFICER, A.APPROVE, there)
    assert before is not None and before.reason is R.OUT_OF_SCOPE
    assert may(_bound(DEPARTMENT_OFFICER, None, moved), A.APPROVE, there) is None
    other = actor(15, "department_officer", OTHER_DEPARTMENT, TREE)
    assert may(other, A.APPROVE, there) is None
    refusal = may(_bound(other, None, moved), A.APPROVE, there)
    assert refusal is not None and refusal.reason is R.OUT_OF_SCOPE
    # A unit's officer and the province are where they were.
    for who in (UNIT_OFFICER, PROVINCE_OFFICER):
        assert _answers(_bound(who, None, moved)) == _answers(who)
