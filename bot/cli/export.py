"""``songnuan export``: a campaign's table as a print-ready .xlsx, or as CSV, from the database.

The command line acts as the installation's administrator: every unit, full ID and card
numbers. The export is audited as made "by command line".
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import database_session, fail, settings_or_exit
from bot.exports import (
    ExportJob,
    FileFormat,
    campaign_date,
    campaign_printing,
    count,
    record_export,
    write_export,
)
from flows.access import descendants
from flows.exports.scope import Selection
from flows.forms import available_forms
from flows.forms.parsing.phone import printed
from flows.tables import ExportContext, table_ids
from storage.crypto import Vault, load_master_key
from storage.models import Unit
from storage.repositories import campaigns, units

BY_COMMAND_LINE = "command line"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` command."""
    parser = subparsers.add_parser(
        "export", help="a campaign's table as .xlsx or CSV (full numbers; audited)"
    )
    parser.add_argument("--campaign", required=True, help="the campaign's code")
    parser.add_argument("--table", required=True, help=f"the table's id: {_known_tables()}")
    parser.add_argument(
        "--unit", help="a unit's code (a department: all its units); default every unit"
    )
    parser.add_argument(
        "--state",
        choices=[selection.value for selection in Selection],
        default=Selection.APPROVED.value,
        help="approved records (default), or every submitted one",
    )
    parser.add_argument(
        "--out", type=Path, required=True, help="the file to write: NAME.xlsx or NAME.csv"
    )
    parser.add_argument(
        "--format",
        choices=[kind.value for kind in FileFormat],
        help="xlsx or csv (UTF-8 with a byte-order mark); default from --out, else xlsx",
    )
    parser.add_argument("--contact", default="", help="联系人 in the header block")
    parser.add_argument(
        "--phone", help="电话 in the header block (default: the unit's, see `songnuan unit phone`)"
    )
    parser.set_defaults(handler=_export)


def _known_tables() -> str:
    return "; ".join(f"{', '.join(table_ids(form))} ({form})" for form in available_forms())


def file_format(chosen: str | None, out: Path) -> FileFormat:
    """The format asked for, else the one the file's suffix names.

    A suffix naming the other format, or, with no ``--format``, naming none (``x.txt``) is
    refused: the file would not open in what its name promises.
    """
    suffix = out.suffix.lower().removeprefix(".")
    named = next((kind for kind in FileFormat if kind.value == suffix), None)
    if chosen is None and named is None:
        fail(f"--out {out}: name it .xlsx or .csv, or give --format")
    kind = FileFormat(chosen) if chosen is not None else named
    assert kind is not None
    if named is not None and named is not kind:
        fail(f"--out {out}: a {kind.value} file named .{named.value}; name it .{kind.value}")
    return kind


def _export(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    vault = Vault(load_master_key(secret, settings.data_dir))
    zone = settings.zone
    out: Path = args.out
    chosen_format = file_format(args.format, out)
    partial = out.with_name(f".{out.name}.partial")

    async def work(session: AsyncSession) -> int:
        campaign = await campaigns.by_code(session, args.campaign)
        if campaign is None:
            fail(f"no campaign {args.campaign!r}")
        if args.table not in table_ids(campaign.form_id):
            shown = ", ".join(table_ids(campaign.form_id))
            fail(f"form {campaign.form_id} has no table {args.table!r} (its tables: {shown})")
        scope, named = await _scope(session, args.unit)
        unit_name = named.name if named else ""
        phone = args.phone if args.phone is not None else _phone_of(named)
        job = ExportJob(
            campaign=campaign,
            table_id=args.table,
            units=scope,
            selection=Selection(args.state),
            context=ExportContext(
                unit_name=unit_name,
                contact_person=args.contact,
                contact_phone=phone,
                issued=dt.datetime.now(zone).date(),
                as_of=campaign_date(campaign, zone),
                full_numbers=True,
                zone=zone,
                locale=settings.locale,
                **campaign_printing(campaign, zone, Selection(args.state)),
            ),
            file_format=chosen_format,
        )
        total = await count(session, job)
        out.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and moved in place at the end: a failed export leaves no half file.
        with partial.open("wb") as stream:
            written = await write_export(session, vault, job, stream, total=total)
        partial.replace(out)
        record_export(session, job, written, actor_user_id=None, by=BY_COMMAND_LINE)
        await session.commit()
        return written

    async def main() -> int:
        async with database_session(settings) as session:
            return await work(session)

    try:
        written = asyncio.run(main())
    finally:
        partial.unlink(missing_ok=True)
    print(f"{out}: {written} record{'' if written == 1 else 's'}")
    return 0


def _phone_of(unit: Unit | None) -> str:
    """The union office's telephone as printed, as the bot's export shows it."""
    return printed(unit.phone) if unit is not None and unit.phone else ""


async def _scope(
    session: AsyncSession, code: str | None
) -> tuple[frozenset[int] | None, Unit | None]:
    """The unit ids exported (None: all) and the unit the header block names."""
    if code is None:
        roots = list(await session.scalars(select(Unit).where(Unit.parent_id.is_(None))))
        return None, roots[0] if len(roots) == 1 else None
    unit = await units.by_code(session, code)
    if unit is None:
        fail(f"no unit {code!r}")
    tree = units.parents(await units.all_units(session))
    return descendants(tree, unit.id), unit
