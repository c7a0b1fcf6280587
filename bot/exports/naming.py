"""What an exported file is called: ``示范单位工会-实名制汇总表-2019-12-20.xlsx``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from flows.exports.scope import Selection
from flows.tables import PersonTable, SummaryTable

# Characters no file system (or Telegram's file name) takes; control characters too.
_FORBIDDEN: Final = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
NAME_LOCALE: Final = "zh_CN"


# Said in the name unless the export is of the approved records, the tables' usual content.
SELECTION_NAMES: Final[dict[Selection, str]] = {
    Selection.APPROVED: "",
    Selection.GRANTED: "已确定帮扶",
    Selection.ALL: "全部已提交",
}


def file_name(
    unit_name: str,
    table: SummaryTable | PersonTable,
    day: dt.date,
    extension: str,
    selection: Selection = Selection.APPROVED,
) -> str:
    """The file's name: unit, table, which records and date, as the officer files it.

    The table keeps its Chinese name whatever the officer's language: the file is the notice's
    Chinese table, and it is filed and handed in under that name.
    """
    parts = (unit_name, table.name[NAME_LOCALE], SELECTION_NAMES[selection], day.isoformat())
    stem = "-".join(_FORBIDDEN.sub("_", part).strip() for part in parts if part.strip())
    return f"{stem}.{extension}"
