"""/export's machine as a table: the choices so far and the officer give what comes next."""

from __future__ import annotations

import pytest

from flows.access import Actor, Role, Scope
from flows.exports import callbacks, wizard
from flows.exports.callbacks import Choice

TABLES = ("summary", "persons")
UNIT = Actor(1, Role.UNIT_OFFICER, 10, Scope(frozenset({10})))
DEPARTMENT = Actor(2, Role.DEPARTMENT_OFFICER, 5, Scope(frozenset({5, 10, 11})))
PROVINCE = Actor(3, Role.PROVINCE_OFFICER, 1, Scope(everywhere=True))
WORKER = Actor(4, Role.WORKER, 10, Scope(frozenset({10})))


def refused(effect: wizard.Effect) -> bool:
    return isinstance(effect, wizard.Refused)


PRESSES = [
    # (press, officer, what follows)
    (Choice(callbacks.STATS, 7), DEPARTMENT, wizard.ShowStats(7)),
    (Choice(callbacks.CAMPAIGN, 7), DEPARTMENT, wizard.AskTable(7)),
    (Choice(callbacks.TABLE, 7, "nope"), DEPARTMENT, wizard.Stop.UNKNOWN_TABLE),
    (Choice(callbacks.UNIT, 7, "nope", "10"), DEPARTMENT, wizard.Stop.UNKNOWN_TABLE),
    (
        Choice(callbacks.TABLE, 7, "summary"),
        DEPARTMENT,
        wizard.AskUnit(Choice(callbacks.TABLE, 7, "summary")),
    ),
    (
        Choice(callbacks.PAGE, 7, "summary", page=2),
        PROVINCE,
        wizard.AskUnit(Choice(callbacks.PAGE, 7, "summary", page=2)),
    ),
    # A unit officer chooses no unit: their own is taken.
    (
        Choice(callbacks.TABLE, 7, "summary"),
        UNIT,
        wizard.AskSelection(Choice(callbacks.UNIT, 7, "summary", "10")),
    ),
    (
        Choice(callbacks.UNIT, 7, "summary", "11"),
        DEPARTMENT,
        wizard.AskSelection(Choice(callbacks.UNIT, 7, "summary", "11")),
    ),
    (
        Choice(callbacks.UNIT, 7, "summary", callbacks.ALL),
        DEPARTMENT,
        wizard.AskSelection(Choice(callbacks.UNIT, 7, "summary", callbacks.ALL)),
    ),
    (
        Choice(callbacks.SELECTION, 7, "persons", "11", selection="granted"),
        DEPARTMENT,
        wizard.Export(
            Choice(callbacks.SELECTION, 7, "persons", "11", selection="granted"),
            frozenset({11}),
        ),
    ),
    (
        Choice(callbacks.SELECTION, 7, "persons", callbacks.ALL, selection="all"),
        DEPARTMENT,
        wizard.Export(
            Choice(callbacks.SELECTION, 7, "persons", callbacks.ALL, selection="all"),
            frozenset({5, 10, 11}),
        ),
    ),
    (
        Choice(callbacks.SELECTION, 7, "persons", callbacks.ALL, selection="approved"),
        PROVINCE,
        wizard.Export(
            Choice(callbacks.SELECTION, 7, "persons", callbacks.ALL, selection="approved"),
            None,
        ),
    ),
    (
        Choice(callbacks.SELECTION, 7, "persons", "11", selection="someday"),
        DEPARTMENT,
        wizard.Stop.STALE,
    ),
]


@pytest.mark.parametrize(("choice", "officer", "follows"), PRESSES)
def test_a_press_leads_to(choice: Choice, officer: Actor, follows: wizard.Effect) -> None:
    assert wizard.pressed(choice, officer, TABLES) == follows


@pytest.mark.parametrize(
    "choice",
    [
        Choice(callbacks.UNIT, 7, "summary", "99"),
        Choice(callbacks.SELECTION, 7, "summary", "99", selection="all"),
    ],
)
def test_a_unit_outside_the_scope_is_refused(choice: Choice) -> None:
    assert refused(wizard.pressed(choice, DEPARTMENT, TABLES))


STARTS = [
    # (officer, campaigns, statistics, what follows)
    (DEPARTMENT, [], False, wizard.Stop.NO_CAMPAIGN),
    (DEPARTMENT, [7], False, wizard.AskTable(7)),
    (DEPARTMENT, [7], True, wizard.ShowStats(7)),
    (DEPARTMENT, [7, 8], False, wizard.AskCampaign()),
    (PROVINCE, [7, 8], True, wizard.AskCampaign(stats=True)),
]


@pytest.mark.parametrize(("officer", "campaigns", "stats", "follows"), STARTS)
def test_the_command_leads_to(
    officer: Actor, campaigns: list[int], stats: bool, follows: wizard.Effect
) -> None:
    assert wizard.start(officer, campaigns, stats=stats) == follows


@pytest.mark.parametrize("stats", [False, True])
def test_a_worker_is_refused_before_any_campaign(stats: bool) -> None:
    assert refused(wizard.start(WORKER, [7], stats=stats))
