"""``money``: an amount in yuan with at most two decimals (``"1000.00"``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar, Literal

from flows.forms.kinds.base import Field, register
from flows.forms.parsing import numbers
from flows.forms.texts import Text
from flows.i18n import N_, Message


@register
class MoneyField(Field):
    """Wages, income, costs."""

    type: Literal["money"]
    maximum: Decimal | None = None

    problem_codes: ClassVar = numbers.PROBLEMS
    numeric: ClassVar = True

    def read(self, text: str, today: dt.date) -> object:
        """The amount as a string with two decimals."""
        return numbers.parse_money(text, self.maximum)

    def show(self, value: object) -> Text:
        """The amount, written as the language writes money."""
        return Message(N_("{amount}"), {"amount": Decimal(str(value))})

    def fact_value(self, answer: object) -> object:
        """An exact ``Decimal``."""
        return Decimal(str(answer))
