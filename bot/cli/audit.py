"""``songnuan audit --record ID``: a record's history; ``songnuan audit --general``: the events
that belong to no record (role grants, invitations, exports, imports, broadcasts, campaigns).

No personal data in clear: officers are shown by account, name, role and unit as they were when
they acted, anyone else by account and role; answers by their labels in the chosen language;
reasons have any long run of digits masked (see :func:`flows.review.scrub`).
"""

from __future__ import annotations

import argparse
import json

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import fail, run_in_database, settings_or_exit
from bot.usecases.history import record_history
from flows.access import Level, level_name
from flows.audit import Details, details_json
from flows.forms.texts import render_text
from flows.i18n import SUPPORTED_LOCALES, translator
from flows.review import STATE_NAMES, history_lines, status_text
from storage.models import AuditEvent, Registration, Unit
from storage.repositories import review


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``audit`` command."""
    parser = subparsers.add_parser("audit", help="the audit trail: a record's, or the general one")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--record", type=int, help="the record's number")
    which.add_argument(
        "--general",
        action="store_true",
        help="the events of no record: roles, invitations, exports, imports, broadcasts",
    )
    parser.add_argument("--locale", choices=SUPPORTED_LOCALES, default="en")
    parser.set_defaults(handler=_audit)


def _audit(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    t = translator(args.locale, settings.zone)

    async def record(session: AsyncSession) -> list[str]:
        registration = await session.get(Registration, args.record)
        if registration is None:
            fail(f"no record {args.record}")
        found = await record_history(session, None, registration, None, zone=settings.zone)
        unit = await session.get(Unit, registration.unit_id)
        assert unit is not None
        level = _level(registration.level)
        state = registration.state
        where = t.render(level_name(level)) if level is not None else "-"
        lines = history_lines(found.entries, found.labels, settings.zone)
        return [
            f"record {registration.id} · campaign {found.campaign.code} · unit {unit.code} · "
            f"{t(STATE_NAMES[state])} ({where}) · version {registration.version}",
            t.render(status_text(state, level)),
            *(render_text(line, t) for line in lines),
        ]

    async def general(session: AsyncSession) -> list[str]:
        condition = AuditEvent.registration_id.is_(None)
        entries = await review.audit_entries(session, condition, named=False)
        if not entries:
            return [t("No history yet.")]
        lines = history_lines(entries, zone=settings.zone)
        return [
            _with_details(render_text(line, t), entry.details)
            for line, entry in zip(lines, entries, strict=True)
        ]

    for line in run_in_database(settings, general if args.general else record):
        print(line)
    return 0


def _with_details(line: str, details: Details) -> str:
    # What else the event keeps (ids, counts, codes: never personal data), as stored.
    stored = details_json(details)
    if not stored:
        return line
    return f"{line} · {json.dumps(stored, ensure_ascii=False, sort_keys=True)}"


def _level(stored: str | None) -> Level | None:
    return Level(stored) if stored else None
