"""``songnuan import party-aided FILE.csv``: the Party members already aided by the Party.

The file holds resident ID numbers, one a row (a header row such as ``身份证号`` is skipped; with
several columns, the one headed so is read, or ``--column``). Every number is checked first: if
any is invalid, nothing is imported and each bad line is named, its number masked. The numbers
are stored only as keyed hashes; submitted records that match are flagged at once, later ones
at their submission.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import csv_text, fail, run_in_database, settings_or_exit, vault_of
from flows.audit import AuditKind, PartyAidedImported
from flows.forms.masking import mask_number
from flows.forms.parsing.identity import normalise_id, parse_resident_id
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import translator
from storage.crypto import Vault
from storage.repositories import audit, party_aided

HEADERS: Final = frozenset(
    {"resident_id", "id_number", "id", "身份证号", "身份证号码", "公民身份号码", "身份证"}
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``import`` command."""
    parser = subparsers.add_parser("import", help="import lists from files")
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="LIST")
    aided = kinds.add_parser(
        "party-aided", help="resident IDs of Party members already aided by the Party (Henan)"
    )
    aided.add_argument("file", type=Path, help="a CSV file (UTF-8 or GBK), one resident ID a row")
    aided.add_argument("--column", help="the header of the column to read")
    aided.add_argument(
        "--replace", action="store_true", help="replace the current list instead of adding to it"
    )
    aided.set_defaults(handler=_party_aided)


def read_numbers(path: Path, column: str | None, today: dt.date) -> list[str]:
    """The canonical resident IDs of the file; every bad line fails the whole file."""
    try:
        text = csv_text(path.read_bytes())
        reader = csv.reader(io.StringIO(text, newline=""))
        # Blank rows are skipped, but problems name the line as an editor shows it.
        rows = [(reader.line_num, row) for row in reader if any(c.strip() for c in row)]
    except OSError as error:
        fail(f"{path}: {error.strerror or error}")
    except UnicodeDecodeError:
        fail(f"{path}: not a text file: save it as CSV (UTF-8 or GBK)")
    except csv.Error as error:
        fail(f"{path}: {error}")
    index, first = _column(path, rows[0][1] if rows else [], column)
    numbers: list[str] = []
    problems: list[str] = []
    english = translator("en")
    for line, row in rows[first:]:
        typed = row[index].strip() if index < len(row) else ""
        try:
            numbers.append(parse_resident_id(typed, today))
        except InvalidAnswer as problem:
            shown = mask_number(normalise_id(typed)) if typed else "(empty)"
            problems.append(f"{path}, line {line}: {shown}: {english.render(problem.message)}")
    if problems:
        fail("nothing imported; fix these lines:\n" + "\n".join(problems))
    if not numbers:
        fail(f"{path}: no resident ID numbers found")
    return numbers


def _column(path: Path, header: list[str], wanted: str | None) -> tuple[int, int]:
    """The index of the column to read and the index of the first data row."""
    names = [cell.strip() for cell in header]
    if wanted is not None:
        if wanted not in names:
            fail(f"{path}: no column {wanted!r} in the header {names}")
        return names.index(wanted), 1
    for index, name in enumerate(names):
        if name.lower() in HEADERS:
            return index, 1
    if len(names) > 1:
        fail(f"{path}: several columns and none headed like 身份证号; give --column")
    return 0, 0


def _party_aided(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    now = dt.datetime.now(settings.zone)
    numbers = read_numbers(args.file, args.column, now.date())
    vault = vault_of(settings)

    async def work(session: AsyncSession) -> Imported:
        return await import_party_aided(
            session, vault, numbers, now, replace=args.replace, locale=settings.locale
        )

    imported = run_in_database(settings, work)
    added, matches, alerted = imported.added, imported.matches, imported.alerted
    distinct = len(set(numbers))
    print(f"read {len(numbers)} resident ID(s), {distinct} distinct: {added} new on the list")
    flagged = [match.registration_id for match in matches if match.flagged_now]
    before = [match.registration_id for match in matches if not match.flagged_now]
    granted = [match.registration_id for match in matches if match.granted]
    if flagged:
        print(f"flagged {len(flagged)} submitted record(s): {_ids(flagged)}")
    if before:
        print(f"on the list as before: {len(before)} submitted record(s): {_ids(before)}")
    if not matches:
        print("no submitted record matches; later submissions are checked against the list")
    if granted:
        print(
            f"aid already granted to {len(granted)} of them: {_ids(granted)}; "
            f"{alerted} provincial officer(s) are told in the bot, to withdraw the aid"
        )
    return 0


@dataclass(frozen=True)
class Imported:
    """What an import did: IDs new on the list, the submitted records that match, and how
    many provincial officers are told about matches already granted aid."""

    added: int
    matches: list[party_aided.Match]
    alerted: int


async def import_party_aided(
    session: AsyncSession,
    vault: Vault,
    numbers: list[str],
    now: dt.datetime,
    *,
    replace: bool,
    locale: str,
) -> Imported:
    """Put the numbers on the list (hashed), flag the matching records, tell the provincial
    officers about the ones already granted aid, and keep it all on the audit trail."""
    hashes = [party_aided.resident_id_hash(vault, number) for number in numbers]
    added = await party_aided.add(session, hashes, now, replace=replace)
    matches = await party_aided.match_submitted(session)
    granted = [match for match in matches if match.granted]
    alerted = await party_aided.alert_province(session, granted, now, locale)
    audit.record(
        session,
        AuditKind.PARTY_AIDED_IMPORTED,
        details=PartyAidedImported(
            rows=len(numbers),
            new=added,
            replace=replace,
            flagged=len([match for match in matches if match.flagged_now]),
            matched=[match.registration_id for match in matches],
            granted=[match.registration_id for match in granted],
            by="command line",
        ),
    )
    return Imported(added, matches, alerted)


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids))
