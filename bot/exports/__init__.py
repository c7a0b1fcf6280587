"""Exports and statistics from the database: the records of a scope, written as a table.

* :mod:`.writing` — :class:`ExportJob`, :func:`write_export` (records fetched in batches,
  decrypted and written in a worker thread) and :func:`record_export` (the audit);
* :mod:`.records` — a registration as an :class:`~flows.tables.ExportRecord`;
* :mod:`.scope` — which units an officer's export covers, and whether numbers are shown full;
* :mod:`.naming` — the file's name; :mod:`.progress` — the progress message;
* :mod:`.stats` — the numbers of ``/stats`` and ``songnuan stats``;
* :mod:`.callbacks` — the buttons' data.
"""

from bot.exports.naming import file_name
from bot.exports.records import export_record
from bot.exports.writing import (
    ExportJob,
    FileFormat,
    campaign_date,
    campaign_printing,
    count,
    record_export,
    write_export,
)
from flows.exports.scope import export_units, full_numbers, whole_scope

__all__ = [
    "ExportJob",
    "FileFormat",
    "campaign_date",
    "campaign_printing",
    "count",
    "export_record",
    "export_units",
    "file_name",
    "full_numbers",
    "record_export",
    "whole_scope",
    "write_export",
]
