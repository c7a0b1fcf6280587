"""What the export engine is given: records already decrypted, and who exports for whom."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo

SHANGHAI: Final = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One registration as a table row sees it.

    ``answers`` holds canonical answer values keyed by field id (sensitive ones decrypted by
    storage), ``computed`` the derived incomes; the rest comes from the registration itself.
    """

    record_id: int
    answers: Mapping[str, object]
    computed: Mapping[str, Decimal]
    unit_name: str
    state: str
    aid_amount: Decimal | None
    submitted_at: dt.datetime | None
    remarks: str | None = None


@dataclass(frozen=True, slots=True)
class ExportContext:
    """The export's circumstances: the header block's facts and what the viewer may see.

    ``as_of`` is the campaign's date at which ages are counted; ``full_numbers`` is whether the
    viewer's role is entitled to full ID and card numbers (else ``2201**********123X``).
    """

    unit_name: str
    contact_person: str
    contact_phone: str
    issued: dt.date
    as_of: dt.date
    full_numbers: bool
    zone: ZoneInfo = SHANGHAI
