"""``choices``: several of the form's options, ticked one by one, then Done.

While it is asked, the ticked options are the question's pending value; a typed option ticks
or unticks it too. The policy sees the ticked options' fact values, merged.
"""

from __future__ import annotations

from typing import ClassVar, Final, Literal

from flows.forms.display import LIST_SEPARATOR
from flows.forms.kinds.base import DONE, TOGGLE, Answer, Key, Outcome, Stay, register
from flows.forms.kinds.options import OptionsField
from flows.forms.texts import Joined, Text
from flows.i18n import N_, Message

CHECKED: Final = "✅ "
UNCHECKED: Final = "⬜ "


@register
class ChoicesField(OptionsField):
    """The hardship boxes, the further causes."""

    type: Literal["choices"]
    min_selected: int = 1
    max_selected: int | None = None

    instruction: ClassVar[Text | None] = Message(
        N_("Press the options to tick them, then press Done.")
    )
    repeats_answer: ClassVar = False
    collects: ClassVar = True

    def pending_at_start(self, current: object) -> object:
        """The options ticked before."""
        return list(current) if isinstance(current, list) else []

    def keys(self, pending: object, page: int) -> list[tuple[Key, ...]]:
        """One option a row, ticked or not, then Done."""
        ticked = pending if isinstance(pending, list) else []
        toggles = [
            (
                Key(
                    Joined((CHECKED if option.id in ticked else UNCHECKED, option.label)),
                    TOGGLE,
                    option.id,
                ),
            )
            for option in self.options
        ]
        return [*toggles, (Key(Message(N_("Done ✔")), DONE),)]

    def press(self, action: str, argument: str, pending: object) -> Outcome | None:
        """An option ticks or unticks; Done answers."""
        if action == TOGGLE and self.option(argument):
            return self.take(argument, pending)
        if action == DONE:
            return self.done(pending)
        return None

    def take(self, value: object, pending: object) -> Outcome:
        """A typed option ticks or unticks it."""
        ticked = [str(item) for item in pending] if isinstance(pending, list) else []
        option = str(value)
        if option in ticked:
            ticked.remove(option)
        elif self.max_selected is not None and len(ticked) >= self.max_selected:
            notice = Message(N_("At most {limit} can be chosen."), {"limit": self.max_selected})
            return Stay(pending, notice)
        else:
            ticked.append(option)
        return Stay([candidate.id for candidate in self.options if candidate.id in ticked])

    def done(self, pending: object) -> Outcome:
        """The ticked options answer, if there are enough."""
        chosen = list(pending) if isinstance(pending, list) else []
        if len(chosen) < self.min_selected:
            notice = Message(N_("Please choose at least {count}."), {"count": self.min_selected})
            return Stay(pending, notice)
        return Answer(chosen)

    def show(self, value: object) -> Text:
        """The ticked options' labels, or "None of these"."""
        if not isinstance(value, list):
            return str(value)
        labels = [option.label for option in self.options if option.id in value]
        return Joined(tuple(labels), LIST_SEPARATOR) if labels else Message(N_("None of these"))

    def fact_value(self, answer: object) -> object:
        """The ticked options' fact values, each once."""
        if not isinstance(answer, list):
            return answer
        values: list[str] = []
        for option_id in answer:
            option = self.option(str(option_id))
            for value in option.fact_values() if option else ():
                if value not in values:
                    values.append(value)
        return values
