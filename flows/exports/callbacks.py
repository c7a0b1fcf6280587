"""Callback data of the /export and /stats buttons: every choice so far travels in the data.

| data | meaning |
|---|---|
| ``x:c:<campaign>`` | export from this campaign: choose the table |
| ``x:t:<campaign>:<table>`` | this table: choose the unit |
| ``x:p:<campaign>:<table>:<page>`` | another page of units |
| ``x:u:<campaign>:<table>:<unit>`` | this unit (``*``: every unit in scope): choose the records |
| ``x:s:<campaign>:<table>:<unit>:<selection>`` | these records: write and send the table |
| ``x:sc:<campaign>`` | the statistics of this campaign |

Nothing is kept on the server between presses, and the data is only a wish: each press is
checked again against the officer's scope, since a client can send any data it likes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from flows import callback_data

PREFIX: Final = "x:"
ALL: Final = "*"

CAMPAIGN: Final = "c"
TABLE: Final = "t"
PAGE: Final = "p"
UNIT: Final = "u"
SELECTION: Final = "s"
STATS: Final = "sc"

# How many parts follow the campaign id, for each step.
_PARTS: Final = {CAMPAIGN: 0, STATS: 0, TABLE: 1, PAGE: 2, UNIT: 2, SELECTION: 3}
_TABLE_ID: Final = re.compile(r"[a-z0-9_-]{1,32}")
# Far more pages of units than any province has; a page past the last shows the last.
MAX_PAGE: Final = 9999
_SELECTION: Final = re.compile(r"[a-z]{1,12}")
MAX_DATA_BYTES: Final = callback_data.MAX_BYTES


@dataclass(frozen=True)
class Choice:
    """A press: the step and the choices made up to it."""

    step: str
    campaign_id: int
    table_id: str | None = None
    unit: str | None = None
    page: int = 0
    selection: str | None = None

    @property
    def unit_id(self) -> int | None:
        """The chosen unit's id; None for every unit in scope (or none chosen yet)."""
        return None if self.unit in (None, ALL) else int(str(self.unit))

    def data(self) -> str:
        """The callback data of a button making this choice."""
        parts = [self.step, str(self.campaign_id)]
        if self.step in (TABLE, PAGE, UNIT, SELECTION):
            parts.append(str(self.table_id))
        if self.step == PAGE:
            parts.append(str(self.page))
        if self.step in (UNIT, SELECTION):
            parts.append(str(self.unit))
        if self.step == SELECTION:
            parts.append(str(self.selection))
        encoded = PREFIX + ":".join(parts)
        if len(encoded.encode()) > MAX_DATA_BYTES:
            raise ValueError(f"callback data too long: {encoded}")
        return encoded


def decode(raw: str) -> Choice | None:
    """The choice, or None for data that is not an export button or is malformed."""
    found = callback_data.parts(raw, PREFIX, 2, 5)
    if found is None:
        return None
    step, campaign, *extra = found
    campaign_id = callback_data.number(campaign)
    if step not in _PARTS or len(extra) != _PARTS[step] or campaign_id is None:
        return None
    if not extra:
        return Choice(step, campaign_id)
    table_id, *more = extra
    if not _TABLE_ID.fullmatch(table_id):
        return None
    if step == TABLE:
        return Choice(step, campaign_id, table_id)
    if step == PAGE:
        page = callback_data.number(more[0], MAX_PAGE)
        return None if page is None else Choice(step, campaign_id, table_id, page=page)
    unit = more[0]
    if unit != ALL and callback_data.number(unit) is None:
        return None
    if step == UNIT:
        return Choice(step, campaign_id, table_id, unit)
    if not _SELECTION.fullmatch(more[1]):
        return None
    return Choice(step, campaign_id, table_id, unit, selection=more[1])
