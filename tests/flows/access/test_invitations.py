"""When an invitation can be used, and what opening one asks of an officer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from flows.access import (
    Binding,
    InvitationProblem,
    Role,
    by_invitation,
    gives_up_officer_role,
    invitation_problem,
    replaces_officer_role,
)

NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)


@dataclass
class Terms:
    revoked_at: dt.datetime | None = None
    expires_at: dt.datetime = NOW + dt.timedelta(days=1)
    max_uses: int | None = 1
    uses: int = 0


@pytest.mark.parametrize(
    ("terms", "problem"),
    [
        (None, InvitationProblem.UNKNOWN),
        (Terms(), None),
        (Terms(max_uses=None, uses=40), None),
        (Terms(uses=1), InvitationProblem.USED),
        (Terms(expires_at=NOW), InvitationProblem.EXPIRED),
        # A withdrawn link says so even when it has also expired or run out.
        (Terms(revoked_at=NOW, expires_at=NOW, uses=1), InvitationProblem.REVOKED),
    ],
)
def test_an_invitation_is_usable_until_withdrawn_expired_or_used_up(
    terms: Terms | None, problem: InvitationProblem | None
) -> None:
    assert invitation_problem(terms, NOW) is problem


def test_a_worker_link_never_demotes_an_officer() -> None:
    for officer in (Role.UNIT_OFFICER, Role.DEPARTMENT_OFFICER, Role.PROVINCE_OFFICER):
        assert by_invitation(officer, Role.WORKER, 7) is None
    assert by_invitation(Role.STRANGER, Role.WORKER, 7) == Binding(Role.WORKER, 7)
    assert by_invitation(Role.WORKER, Role.UNIT_OFFICER, 7) == Binding(Role.UNIT_OFFICER, 7)


def test_only_an_officer_who_chose_a_worker_link_gives_a_role_up() -> None:
    worker = Binding(Role.WORKER, 7)
    assert gives_up_officer_role(Role.UNIT_OFFICER, worker)
    assert not gives_up_officer_role(Role.STRANGER, worker)
    assert not gives_up_officer_role(Role.UNIT_OFFICER, Binding(Role.UNIT_OFFICER, 7))


def test_an_officer_is_asked_before_another_officer_link_replaces_the_role() -> None:
    assert replaces_officer_role(Role.UNIT_OFFICER, 7, Role.UNIT_OFFICER, 8)
    assert replaces_officer_role(Role.UNIT_OFFICER, 7, Role.DEPARTMENT_OFFICER, 7)
    # The same role at the same unit changes nothing; workers and strangers lose no office.
    assert not replaces_officer_role(Role.UNIT_OFFICER, 7, Role.UNIT_OFFICER, 7)
    assert not replaces_officer_role(Role.WORKER, 7, Role.UNIT_OFFICER, 8)
    assert not replaces_officer_role(Role.UNIT_OFFICER, 7, Role.WORKER, 8)
