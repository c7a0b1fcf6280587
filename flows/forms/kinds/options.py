"""What the two kinds answered by choosing among a form's options share: the options, their
faults, reading a typed option."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from pydantic import model_validator

from flows.forms.kinds.base import Field, Option
from flows.forms.parsing import choices
from flows.policy.facts import CAUSES

_CAUSES = frozenset(CAUSES)


class OptionsField(Field):
    """A question with the form's own options (not registered: ``choice`` and ``choices``
    are)."""

    options: tuple[Option, ...] = ()

    problem_codes: ClassVar = choices.PROBLEMS
    typed: ClassVar = False

    @model_validator(mode="after")
    def _has_options(self) -> OptionsField:
        if not self.options:
            raise ValueError(f"a {self.type} field needs options")
        return self

    def read(self, text: str, today: dt.date) -> object:
        """The id of the option typed (its label, or a clear part of it)."""
        return choices.parse_option(text, [(option.id, option.label) for option in self.options])

    def option(self, option_id: str) -> Option | None:
        """The option with this id, if the field has it."""
        return next((option for option in self.options if option.id == option_id), None)

    def offered(self) -> tuple[Option, ...]:
        """The options in the form's order."""
        return self.options

    def faults(self) -> Iterator[tuple[str, str]]:
        """The same option twice, causes the policy does not know."""
        ids = [option.id for option in self.options]
        for option_id in {option_id for option_id in ids if ids.count(option_id) > 1}:
            yield ".options", f"duplicate option {option_id!r}"
        if self.fact == "causes":
            for option in self.options:
                for cause in sorted(set(option.fact_values()) - _CAUSES):
                    yield f".options[{option.id}].facts", f"unknown cause {cause!r}"
