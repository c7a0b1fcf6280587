"""The question counter: ``Question n of least–most``, narrowing as answers settle conditions.

It used to count only the questions relevant so far, so it grew as conditional ones appeared
(``Question 1 of 25`` … ``Question 28 of 28``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from flows.forms import load_form
from flows.registration import Event, Phase, Step
from flows.registration.navigation import count_range, relevant
from tests.flows.registration.test_complete import walk_henan, walk_jilin
from tests.flows.registration.walker import Walker

COUNTER = re.compile(r"^Question (\d+) of (\d+)(?:–(\d+))?$")


@dataclass
class CountingWalker(Walker):
    """A walker that notes every counter it is shown: (number, least, most)."""

    seen: list[tuple[int, int, int]] = field(default_factory=list)

    def send(self, event: Event) -> Step:
        result = super().send(event)
        for line in self.lines():
            if found := COUNTER.match(line):
                number, least, most = found.groups()
                self.seen.append((int(number), int(least), int(most or least)))
        return result


@pytest.mark.parametrize(
    ("form_id", "walk", "first", "total"),
    [("jilin-2020", walk_jilin, (25, 30), 28), ("henan-2017", walk_henan, (20, 24), 22)],
)
def test_the_counter_only_narrows_and_ends_exact(
    form_id: str, walk: Callable[[Walker], None], first: tuple[int, int], total: int
) -> None:
    walker = CountingWalker.of(form_id, "en")
    assert isinstance(walker, CountingWalker)
    walk(walker)
    assert walker.state.phase is Phase.REVIEW
    assert walker.seen[0] == (1, *first)
    for (_, least, most), (number, later_least, later_most) in zip(
        walker.seen, walker.seen[1:], strict=False
    ):
        assert least <= later_least <= later_most <= most
        assert number <= later_most
    number, least, most = walker.seen[-1]
    assert number == least == most == total == len(relevant(walker.form, walker.state.answers))


def test_each_answer_settles_the_questions_it_decides() -> None:
    form = load_form("jilin-2020")
    assert count_range(form, {}) == (25, 30)
    # One person: no family members. No dibao, one home, neither illness nor disability.
    answers: dict[str, object] = {"household_size": 1}
    assert count_range(form, answers) == (25, 29)
    answers |= {"hardship_types": ["low_income"], "causes": []}
    assert count_range(form, answers) == (25, 27)
    answers |= {"receives_minimum_living": False, "homes_owned": 1}
    assert count_range(form, answers) == (25, 25)
    answers |= {"homes_owned": 2}
    assert count_range(form, answers) == (26, 26)


def test_a_question_on_the_sex_waits_for_the_id_number() -> None:
    form = load_form("henan-2017")
    before = count_range(form, {})
    assert count_range(form, {"resident_id": "x", "sex": "male"}) == (before[0], before[1] - 1)
    assert count_range(form, {"resident_id": "x", "sex": "female"}) == (before[0] + 1, before[1])


def test_the_counter_line_in_both_languages() -> None:
    for locale, expected in (("zh_CN", "第 1 题，共 25–30 题"), ("en", "Question 1 of 25–30")):
        assert Walker.of("jilin-2020", locale).lines()[1] == expected
