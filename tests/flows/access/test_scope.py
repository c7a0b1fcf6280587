"""Roles and scopes from stored accounts and the unit tree."""

from __future__ import annotations

import pytest

from flows.access import Level, Role, actor, descendants, role_of
from tests.flows.review.world import TREE


@pytest.mark.parametrize(
    ("stored", "unit_id", "expected"),
    [
        ("worker", 3, Role.WORKER),
        ("unit_officer", 3, Role.UNIT_OFFICER),
        ("department_officer", 2, Role.DEPARTMENT_OFFICER),
        ("province_officer", 1, Role.PROVINCE_OFFICER),
        ("worker", None, Role.STRANGER),
        ("unit_officer", None, Role.STRANGER),
        ("admin", 1, Role.STRANGER),
        (None, 3, Role.STRANGER),
    ],
)
def test_role_of_a_stored_account(stored: str | None, unit_id: int | None, expected: Role) -> None:
    assert role_of(stored, unit_id) is expected


def test_descendants_include_the_root_and_everything_below() -> None:
    assert descendants(TREE, 1) == frozenset(TREE)
    assert descendants(TREE, 2) == {2, 3, 4}
    assert descendants(TREE, 6) == {6}


@pytest.mark.parametrize(
    ("stored", "unit_id", "covered", "not_covered", "level"),
    [
        ("unit_officer", 3, {3}, {2, 4, 6}, Level.UNIT),
        ("department_officer", 2, {2, 3, 4}, {1, 5, 6}, Level.DEPARTMENT),
        ("province_officer", 1, {1, 2, 3, 4, 5, 6, 999}, set(), Level.PROVINCE),
        ("worker", 3, {3}, {4}, None),
    ],
)
def test_scope_follows_the_tree(
    stored: str, unit_id: int, covered: set[int], not_covered: set[int], level: Level | None
) -> None:
    person = actor(1, stored, unit_id, TREE)
    assert all(person.scope.covers(unit) for unit in covered)
    assert not any(person.scope.covers(unit) for unit in not_covered)
    assert person.level is level
