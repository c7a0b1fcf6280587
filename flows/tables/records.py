"""What the export engine is given: records already decrypted, and who exports for whom."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from flows.i18n import DEFAULT_ZONE


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
    ``year`` and ``deadline`` fill a layout's ``{year}`` and ``{deadline}`` (the campaign's
    year and the day its tables are due; by default those of ``as_of``). ``all_submitted``
    marks an export of every submitted record, not only the approved ones: it is no submission
    list, so its title says so and a column gives each record's state, in ``locale``.
    """

    unit_name: str
    contact_person: str
    contact_phone: str
    issued: dt.date
    as_of: dt.date
    full_numbers: bool
    zone: ZoneInfo = DEFAULT_ZONE
    year: int | None = None
    deadline: dt.date | None = None
    all_submitted: bool = False
    locale: str = "zh_CN"
