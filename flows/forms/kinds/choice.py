"""``choice``: one of the form's options, one button each; the policy sees the option's fact."""

from __future__ import annotations

from typing import Literal

from flows.forms.kinds.base import CHOOSE, Answer, Key, Outcome, register
from flows.forms.kinds.options import OptionsField
from flows.forms.texts import Text


@register
class ChoiceField(OptionsField):
    """Card type, relation, the main cause of hardship."""

    type: Literal["choice"]

    def keys(self, pending: object, page: int) -> list[tuple[Key, ...]]:
        """One option a row."""
        return [(Key(option.label, CHOOSE, option.id),) for option in self.options]

    def press(self, action: str, argument: str, pending: object) -> Outcome | None:
        """An option answers."""
        if action == CHOOSE and self.option(argument):
            return Answer(argument)
        return None

    def show(self, value: object) -> Text:
        """The option's label."""
        option = self.option(str(value))
        return option.label if option else str(value)

    def fact_value(self, answer: object) -> object:
        """The option's (first) fact value."""
        option = self.option(str(answer))
        return option.fact_values()[0] if option and option.fact_values() else None
