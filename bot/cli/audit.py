"""``songnuan audit --record ID``: a record's history, with no personal data in clear.

People are shown by account number and role, units by code; reasons have any long run of
digits masked (see :func:`flows.review.scrub`).
"""

from __future__ import annotations

import argparse

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import fail, run_in_database, settings_or_exit
from flows.access import Level
from flows.forms.texts import render_text
from flows.i18n import SUPPORTED_LOCALES, translator
from flows.review import State, history_lines, status_text
from storage.models import Campaign, Registration, Unit
from storage.repositories import review


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``audit`` command."""
    parser = subparsers.add_parser("audit", help="the history of a record, from the audit trail")
    parser.add_argument("--record", type=int, required=True, help="the record's number")
    parser.add_argument("--locale", choices=SUPPORTED_LOCALES, default="en")
    parser.set_defaults(handler=_audit)


def _audit(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    t = translator(args.locale)

    async def work(session: AsyncSession) -> list[str]:
        registration = await session.get(Registration, args.record)
        if registration is None:
            fail(f"no record {args.record}")
        campaign = await session.get(Campaign, registration.campaign_id)
        unit = await session.get(Unit, registration.unit_id)
        assert campaign is not None and unit is not None
        level = registration.level
        status = t.render(status_text(State(registration.state), _level(level)))
        entries = await review.history(session, registration.id, named=False)
        return [
            f"record {registration.id} · campaign {campaign.code} · unit {unit.code} · "
            f"{registration.state} ({level or '-'}) · version {registration.version}",
            status,
            *(render_text(line, t) for line in history_lines(entries, zone=settings.zone)),
        ]

    for line in run_in_database(settings, work):
        print(line)
    return 0


def _level(stored: str | None) -> Level | None:
    return Level(stored) if stored else None
