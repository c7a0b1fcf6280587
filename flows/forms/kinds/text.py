"""``text``: a free answer of at most ``max_length`` characters, on one line."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import model_validator

from flows.forms.kinds.base import Field, register
from flows.forms.parsing.text import PROBLEMS, parse_text


@register
class TextField(Field):
    """A name, an address, a reason in a few words."""

    type: Literal["text"]
    max_length: int | None = None

    problem_codes: ClassVar = PROBLEMS

    @model_validator(mode="after")
    def _has_a_length(self) -> TextField:
        if not self.max_length:
            raise ValueError("a text field needs max_length")
        return self

    def read(self, text: str, today: dt.date) -> object:
        """The text as typed (NFC), refused if empty, too long or holding emoji or a long
        number."""
        return parse_text(text, self.max_length or 0)
