"""``ethnicity``: one of the 56 groups of GB 3304, chosen from pages of buttons or typed."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Final, Literal

from flows import callback_data
from flows.forms.kinds.base import CHOOSE, PAGE, Answer, Field, Key, Outcome, Stay, register
from flows.forms.parsing import ethnicity
from flows.forms.texts import Text

PER_PAGE: Final = 12
PER_ROW: Final = 3
# More than the pages ever are; the page shown is clamped to the real ones.
MAX_PAGE: Final = 99


@register
class EthnicityField(Field):
    """The person's ethnic group, stored by its Chinese name (``汉族``)."""

    type: Literal["ethnicity"]

    problem_codes: ClassVar = ethnicity.PROBLEMS

    def read(self, text: str, today: dt.date) -> object:
        """The group's Chinese name, from any of its names."""
        return ethnicity.parse_ethnicity(text)

    def keys(self, pending: object, page: int) -> list[tuple[Key, ...]]:
        """One page of groups, three a row, and the buttons that turn the page."""
        groups = ethnicity.ethnicities()
        pages = (len(groups) + PER_PAGE - 1) // PER_PAGE
        page = min(max(page, 0), pages - 1)
        shown_here = groups[page * PER_PAGE : (page + 1) * PER_PAGE]
        rows = [
            tuple(
                Key(group.label, CHOOSE, group.code)
                for group in shown_here[start : start + PER_ROW]
            )
            for start in range(0, len(shown_here), PER_ROW)
        ]
        turn: list[Key] = []
        if page > 0:
            turn.append(Key("◀", PAGE, str(page - 1)))
        turn.append(Key(f"{page + 1}/{pages}", PAGE, str(page)))
        if page < pages - 1:
            turn.append(Key("▶", PAGE, str(page + 1)))
        return [*rows, tuple(turn)]

    def press(self, action: str, argument: str, pending: object) -> Outcome | None:
        """A group answers; a page button turns the page."""
        if action == CHOOSE and (group := ethnicity.by_code(argument)):
            return Answer(group.zh)
        if action == PAGE and (page := callback_data.number(argument, MAX_PAGE)) is not None:
            return Stay(pending, page=page)
        return None

    def show(self, value: object) -> Text:
        """The group's name in the reader's language."""
        group = ethnicity.by_name(str(value))
        return group.label if group else str(value)
