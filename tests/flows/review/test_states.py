"""The review chain of a campaign."""

from __future__ import annotations

import pytest

from flows.access import Level
from flows.review import chain, next_level

L = Level


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (["unit", "department", "province"], (L.UNIT, L.DEPARTMENT, L.PROVINCE)),
        (["unit", "province"], (L.UNIT, L.PROVINCE)),
        (["department"], (L.DEPARTMENT,)),
    ],
)
def test_chains(stored: list[str], expected: tuple[Level, ...]) -> None:
    assert chain(stored) == expected


@pytest.mark.parametrize("stored", [[], ["province", "unit"], ["unit", "unit"], ["unit", "county"]])
def test_nonsense_chains_are_refused(stored: list[str]) -> None:
    with pytest.raises(ValueError):
        chain(stored)


@pytest.mark.parametrize(
    ("levels", "level", "expected"),
    [
        ((L.UNIT, L.DEPARTMENT, L.PROVINCE), L.UNIT, L.DEPARTMENT),
        ((L.UNIT, L.DEPARTMENT, L.PROVINCE), L.PROVINCE, None),
        ((L.UNIT, L.PROVINCE), L.UNIT, L.PROVINCE),
        ((L.UNIT,), L.UNIT, None),
    ],
)
def test_next_level(levels: tuple[Level, ...], level: Level, expected: Level | None) -> None:
    assert next_level(levels, level) is expected
