"""``songnuan documents``: a record's supporting documents, decrypted from the data directory."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import fail, run_in_database, settings_or_exit, vault_of
from bot.documents import open_copies
from flows.audit import AuditKind, DocumentsExported
from storage.models import Registration
from storage.private import private_dir, write_private
from storage.repositories import audit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``documents`` command."""
    parser = subparsers.add_parser("documents", help="supporting documents of a record")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write a record's documents, decrypted, to a folder")
    export.add_argument("--record", type=int, required=True, help="the record's number")
    export.add_argument("--out", type=Path, required=True, help="folder to write them to")
    export.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    vault = vault_of(settings)

    async def work(session: AsyncSession) -> int:
        registration = await session.get(Registration, args.record)
        if registration is None:
            fail(f"no record {args.record}")
        private_dir(args.out)
        written = 0
        for name, content in open_copies(vault, settings.data_dir, args.record):
            write_private(args.out / name, content)  # ID card pictures: for this account only
            written += 1
        # Reading ID card pictures is seeing sensitive data: on the record.
        audit.record(
            session,
            AuditKind.DOCUMENTS_EXPORTED,
            registration_id=registration.id,
            campaign_id=registration.campaign_id,
            details=DocumentsExported(files=written, by="command line"),
        )
        return written

    written = run_in_database(settings, work)
    if not written:
        fail(f"record {args.record} has no documents kept in {settings.data_dir}/documents")
    print(f"{written} document(s) of record {args.record} written to {args.out}")
    return 0
