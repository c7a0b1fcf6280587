"""``date``: a day, typed in any of the usual ways, stored in ISO form."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from flows.forms.kinds.base import Field, register
from flows.forms.parsing import dates
from flows.forms.texts import Text
from flows.i18n import N_, Message


@register
class DateField(Field):
    """A day: when work stopped, when an illness was found."""

    type: Literal["date"]

    problem_codes: ClassVar = dates.PROBLEMS

    def read(self, text: str, today: dt.date) -> object:
        """The day as ``YYYY-MM-DD``."""
        return dates.parse_date(text)

    def show(self, value: object) -> Text:
        """The day as the language writes it."""
        return Message(N_("{date}"), {"date": dt.date.fromisoformat(str(value))})
