"""``phone``: a mainland number (mobile or landline), stored E.164, always sensitive.

A shared contact answers it, if it is the person's own; an officer entering for a worker is
not offered the button (it would give the officer's own number).
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from flows.forms.kinds.base import Field, register
from flows.forms.masking import hidden, mask_phone
from flows.forms.parsing import phone
from flows.forms.parsing.normalize import compact
from flows.forms.parsing.problems import InvalidAnswer


@register
class PhoneField(Field):
    """The person's telephone."""

    type: Literal["phone"]

    problem_codes: ClassVar = phone.PROBLEMS
    always_sensitive: ClassVar = True
    takes_contact: ClassVar = True

    def read(self, text: str, today: dt.date) -> object:
        """The number in E.164 (``+8613912345678``)."""
        return phone.parse_phone(text)

    def echo(self, text: str) -> str | None:
        """The national number with the first three and last four digits."""
        try:  # a shared contact's "+8613912345678" reads as the 139… the person knows
            return mask_phone(phone.parse_phone(text))
        except InvalidAnswer:
            return hidden(compact(text, "-", "+"), 3, 4)

    def masked(self, value: str) -> str:
        """``139****5678``."""
        return mask_phone(value)

    def in_full(self, value: str) -> str:
        """The national number, as people dial it."""
        return phone.national(value)
