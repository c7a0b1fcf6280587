"""``decimal``: a number with at most ``places`` decimals (an area), shown with its unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar, Literal

from flows.forms.kinds.base import Field, register
from flows.forms.parsing import numbers
from flows.forms.parsing.numbers import Counting
from flows.forms.texts import Joined, Text
from flows.i18n import LocalizedText


@register
class DecimalField(Field):
    """A housing area in square metres."""

    type: Literal["decimal"]
    minimum: Decimal = Decimal(0)
    maximum: Decimal | None = None
    places: int = 2
    unit: LocalizedText | None = None
    counts: Counting | None = None

    problem_codes: ClassVar = numbers.PROBLEMS
    numeric: ClassVar = True

    def read(self, text: str, today: dt.date) -> object:
        """The number as a string with its decimals, refused outside the bounds."""
        return numbers.parse_decimal(text, self.minimum, self.maximum, self.places, self.counts)

    def show(self, value: object) -> Text:
        """``80 m²`` (with the unit, if the form gives one)."""
        return str(value) if self.unit is None else Joined((str(value), self.unit), " ")

    def fact_value(self, answer: object) -> object:
        """An exact ``Decimal``."""
        return Decimal(str(answer))
