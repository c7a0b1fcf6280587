"""``bank_card``: a bank card number (Luhn-checked), always sensitive."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from flows.forms.kinds.base import Field, register
from flows.forms.masking import hidden
from flows.forms.parsing import bank_card
from flows.forms.parsing.identity import normalise_id


@register
class BankCardField(Field):
    """The card the aid is paid to."""

    type: Literal["bank_card"]

    problem_codes: ClassVar = bank_card.PROBLEMS
    always_sensitive: ClassVar = True

    def read(self, text: str, today: dt.date) -> object:
        """The card's digits."""
        return bank_card.parse_bank_card(text)

    def echo(self, text: str) -> str | None:
        """The first and last four characters."""
        return hidden(normalise_id(text), 4, 4)
