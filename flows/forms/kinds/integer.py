"""``integer``: a whole number within bounds, read with what it counts (3人, 45岁, 两年)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar, Literal

from flows.forms.kinds.base import Field, register
from flows.forms.parsing import numbers
from flows.forms.parsing.numbers import Counting
from flows.i18n import LocalizedText


@register
class IntegerField(Field):
    """A household size, an age, a number of months."""

    type: Literal["integer"]
    minimum: Decimal = Decimal(0)
    maximum: Decimal | None = None
    unit: LocalizedText | None = None
    # What the number counts; the words typed after it (3人, 45岁, 2 homes) must be that thing's.
    counts: Counting | None = None

    problem_codes: ClassVar = numbers.PROBLEMS
    numeric: ClassVar = True

    def read(self, text: str, today: dt.date) -> object:
        """The number, refused outside the bounds or counting something else."""
        return numbers.parse_integer(text, self.minimum, self.maximum, self.counts)
