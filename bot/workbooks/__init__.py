"""Exported tables: print-ready Excel and CSV writers for the layouts in ``flows.tables``.

The statistics chart lives in :mod:`bot.workbooks.charts` (imported on its own: it loads
matplotlib).
"""

from bot.workbooks.csv_file import write_csv
from bot.workbooks.xlsx import write_xlsx

__all__ = ["write_csv", "write_xlsx"]
