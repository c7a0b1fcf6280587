"""How much of a draft is left: the count a reminder tells the worker."""

from __future__ import annotations

from flows.forms.schema import Form
from flows.registration.navigation import relevant
from flows.registration.state import RegistrationState


def questions_left(form: Form, state: RegistrationState) -> int:
    """The questions still to answer (in a correction round, the flagged ones not yet redone).

    Counted over the questions the answers make relevant now, the way the conversation walks
    them, so the figure matches the "Question n of m" the worker sees.
    """
    return sum(
        1
        for field in relevant(form, state.answers)
        if field.id not in state.answers
        or (state.only is not None and field.id in state.only and field.id not in state.reasked)
    )
