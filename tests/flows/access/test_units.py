"""The unit tree keeps its shape: province → department → unit, no cycles."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from flows.access.units import (
    UnitError,
    check_holds,
    check_not_below_itself,
    check_place,
    check_removable,
    kind_under,
)


@dataclass
class Placed:
    code: str
    kind: str


PROVINCE, DEPARTMENT, UNIT = (
    Placed("jl", "province"),
    Placed("fin", "department"),
    Placed("t", "unit"),
)


def test_each_kind_goes_under_the_level_above() -> None:
    assert [kind_under(None), kind_under(PROVINCE), kind_under(DEPARTMENT)] == [
        "province",
        "department",
        "unit",
    ]
    with pytest.raises(UnitError, match="nothing goes under a unit"):
        kind_under(UNIT)
    check_place("unit", DEPARTMENT)
    with pytest.raises(UnitError, match="a unit goes under a department"):
        check_place("unit", PROVINCE)
    with pytest.raises(UnitError, match="is a province: it has no parent"):
        check_place("province", PROVINCE, "x")


def test_a_kind_must_hold_its_sub_units() -> None:
    check_holds("department", "fin", [UNIT])
    with pytest.raises(UnitError, match="a unit cannot hold it"):
        check_holds("unit", "fin", [UNIT])


def test_no_unit_moves_below_itself() -> None:
    parents = {1: None, 2: 1, 3: 2}
    check_not_below_itself(2, 1, parents)
    for below in (2, 3):
        with pytest.raises(UnitError, match="under itself or its own sub-units"):
            check_not_below_itself(2, below, parents)


def test_a_unit_something_depends_on_stays() -> None:
    check_removable("t", {"record(s)": 0, "person(s)": 0})
    with pytest.raises(UnitError, match="t has 2 person\\(s\\): it cannot be removed"):
        check_removable("t", {"record(s)": 0, "person(s)": 2})
