"""Roles and review levels: who a person is to the bot, and at which level an officer decides."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from flows.i18n import N_


class Role(StrEnum):
    """A person's role; ``stranger`` is anyone not bound to a unit by an invitation."""

    WORKER = "worker"
    UNIT_OFFICER = "unit_officer"
    DEPARTMENT_OFFICER = "department_officer"
    PROVINCE_OFFICER = "province_officer"
    STRANGER = "stranger"


class Level(StrEnum):
    """A level of the review chain, lowest first in a campaign's ``levels``."""

    UNIT = "unit"
    DEPARTMENT = "department"
    PROVINCE = "province"


OFFICER_LEVELS: Final[dict[Role, Level]] = {
    Role.UNIT_OFFICER: Level.UNIT,
    Role.DEPARTMENT_OFFICER: Level.DEPARTMENT,
    Role.PROVINCE_OFFICER: Level.PROVINCE,
}

LEVEL_NAMES: Final[dict[Level, str]] = {
    Level.UNIT: N_("the unit's union"),
    Level.DEPARTMENT: N_("the supervising department's union"),
    Level.PROVINCE: N_("the provincial union"),
}


ROLE_NAMES: Final[dict[str, str]] = {
    Role.WORKER: N_("worker"),
    Role.UNIT_OFFICER: N_("union officer of the unit"),
    Role.DEPARTMENT_OFFICER: N_("union officer of the supervising department"),
    Role.PROVINCE_OFFICER: N_("officer of the provincial union"),
}


def role_of(stored: str | None, unit_id: int | None) -> Role:
    """The role a stored account acts in: unbound accounts and unknown roles are strangers."""
    try:
        role = Role(stored or Role.STRANGER)
    except ValueError:
        return Role.STRANGER
    # A role without a unit is a binding that was never completed or was revoked.
    return Role.STRANGER if unit_id is None else role
