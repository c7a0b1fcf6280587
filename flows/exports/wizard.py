"""/export as a pure machine: the choices so far (the state, carried in the pressed button's
data, see :mod:`.callbacks`) and what the officer may do give the next question or the export.

The adapter resolves what needs the database first (the campaign, checked against the
officer's scope), calls :func:`start` for the command and :func:`pressed` for a button, and
renders the :data:`Effect`: a question with its buttons, a refusal in place of the question,
or the table written and sent (after :func:`sized` checked the records it holds).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import Enum

from flows.access import Action, Actor, Refusal, may
from flows.exports import callbacks
from flows.exports.callbacks import Choice
from flows.exports.scope import Selection, Units, chooses_unit, export_units, whole_target


class Stop(Enum):
    """Why a press leads nowhere (the question is replaced by the reason)."""

    STALE = "stale"  # not an export button any more: send /export again
    UNKNOWN_TABLE = "unknown_table"  # the campaign has no such table
    NO_CAMPAIGN = "no_campaign"  # no campaign covers the officer's units


@dataclass(frozen=True)
class Refused:
    """The access matrix refuses: its reason is said."""

    refusal: Refusal


@dataclass(frozen=True)
class AskCampaign:
    """Which campaign (several cover the officer's units); ``stats`` for the statistics."""

    stats: bool = False


@dataclass(frozen=True)
class AskTable:
    """Which table of the chosen campaign."""

    campaign_id: int


@dataclass(frozen=True)
class AskUnit:
    """For which unit (a page of them): the choice holds the campaign, table and page."""

    choice: Choice


@dataclass(frozen=True)
class AskSelection:
    """Which records of the chosen unit: the choice holds campaign, table and unit."""

    choice: Choice


@dataclass(frozen=True)
class ShowStats:
    """The statistics of the chosen campaign."""

    campaign_id: int


@dataclass(frozen=True)
class Export:
    """Write the chosen table for ``units`` (None: every unit) and send it."""

    choice: Choice
    units: Units


Effect = Stop | Refused | AskCampaign | AskTable | AskUnit | AskSelection | ShowStats | Export


def start(officer: Actor, campaigns: Collection[int], *, stats: bool = False) -> Effect:
    """/export (or /stats): refused, nothing to export, the one campaign's tables (or
    statistics), or which campaign."""
    refusal = may(officer, Action.STATS if stats else Action.EXPORT, whole_target(officer))
    if refusal is not None:
        return Refused(refusal)
    if not campaigns:
        return Stop.NO_CAMPAIGN
    if len(campaigns) > 1:
        return AskCampaign(stats=stats)
    (campaign_id,) = campaigns
    return ShowStats(campaign_id) if stats else AskTable(campaign_id)


def pressed(choice: Choice, officer: Actor, tables: Collection[str]) -> Effect:
    """What a press on an /export or /stats button leads to, once its campaign (of the
    officer's scope) has ``tables``."""
    if choice.step == callbacks.STATS:
        return ShowStats(choice.campaign_id)
    if choice.step == callbacks.CAMPAIGN:
        return AskTable(choice.campaign_id)
    if choice.table_id not in tables:
        return Stop.UNKNOWN_TABLE
    if choice.step in (callbacks.TABLE, callbacks.PAGE):
        if chooses_unit(officer):
            return AskUnit(choice)
        # A unit officer's exports are always their own unit's.
        choice = Choice(callbacks.UNIT, choice.campaign_id, choice.table_id, str(officer.unit_id))
    units = export_units(officer, choice.unit_id)
    if isinstance(units, Refusal):
        return Refused(units)
    if choice.step == callbacks.UNIT:
        return AskSelection(choice)
    if choice.selection not in tuple(Selection):
        return Stop.STALE
    return Export(choice, units)
