"""``yes_no``: two buttons, Yes and No (typed 是/否/yes/no read too); stored ``true``/``false``."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from flows.forms.kinds.base import CHOOSE, NO, YES, Answer, Field, Key, Outcome, register
from flows.forms.parsing import choices
from flows.forms.texts import Text
from flows.i18n import N_, Message


@register
class YesNoField(Field):
    """Owns a shop? Receives the minimum living allowance?"""

    type: Literal["yes_no"]

    problem_codes: ClassVar = choices.PROBLEMS
    typed: ClassVar = False

    def read(self, text: str, today: dt.date) -> object:
        """``True`` or ``False``."""
        return choices.parse_yes_no(text)

    def keys(self, pending: object, page: int) -> list[tuple[Key, ...]]:
        """Yes and No on one row."""
        return [(Key(Message(N_("Yes")), CHOOSE, YES), Key(Message(N_("No")), CHOOSE, NO))]

    def press(self, action: str, argument: str, pending: object) -> Outcome | None:
        """Yes or No answers."""
        if action == CHOOSE and argument in (YES, NO):
            return Answer(argument == YES)
        return None

    def show(self, value: object) -> Text:
        """Yes or No."""
        return Message(N_("Yes")) if value is True else Message(N_("No"))
