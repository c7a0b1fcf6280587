"""The count of questions left matches the conversation's own walk of the form."""

from __future__ import annotations

from flows.forms.loading import load_form
from flows.registration import new_state, start_correction
from flows.registration.navigation import relevant
from flows.reminders import questions_left

FORM = load_form("jilin-2020")


def test_a_new_draft_has_every_relevant_question_left() -> None:
    assert questions_left(FORM, new_state(FORM.id)) == len(relevant(FORM, {}))


def test_each_answer_leaves_one_question_fewer() -> None:
    state = new_state(FORM.id).but(answers={"name": "张丽", "work_unit": "吉林大学"})
    assert questions_left(FORM, state) == len(relevant(FORM, state.answers)) - 2


def test_a_correction_round_counts_only_the_flagged_fields_not_yet_redone() -> None:
    answers = {field.id: "x" for field in relevant(FORM, {})}
    state = start_correction(new_state(FORM.id).but(answers=answers), ("phone", "address"))
    assert questions_left(FORM, state) == 2
    assert questions_left(FORM, state.but(reasked=("phone",))) == 1
