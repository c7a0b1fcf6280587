"""The conversation's state: the draft the bot stores (as JSON, never pickled) after each step."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, JsonValue


class Phase(StrEnum):
    """Where the conversation is."""

    ANSWERING = "answering"  # a question (``cursor``) is asked
    CONSENT = "consent"  # before the first sensitive question (``cursor``)
    DECLINED = "declined"  # consent refused; nothing sensitive is asked
    CONFIRMING = "confirming"  # is the sex/birth date/age read from the ID right?
    GROUP_ITEM = "group_item"  # one entry of a repeated group (``entry``, or a new one), ``sub``
    GROUP_MENU = "group_menu"  # the entries so far: add another / done
    REVIEW = "review"  # every answer, with Edit buttons and Submit
    SUBMITTING = "submitting"  # pre-check shown; Confirm or back to the review
    DELETING = "deleting"  # delete the draft? (returns to ``return_phase``)
    SUBMITTED = "submitted"


class RegistrationState(BaseModel):
    """Everything needed to continue a registration, JSON-serialisable.

    ``answers`` holds canonical answers by field id (plus ``sex``, ``birth_date`` and ``age``
    read from the ID). ``pending`` holds what is not yet an answer: the ID awaiting
    confirmation, the toggled options, the files of a multi-page document. ``only`` restricts
    a correction round to the fields an officer flagged; ``reasked`` are those answered again.
    ``on_behalf``: a union officer fills the form in for a worker. ``returned_because``: the
    officer's reason for the last return, shown while the correction lasts. ``editing``: the
    answers are changed from the review, which comes back after them; ``section``: the
    section whose questions are walked for it, one by one. In a repeated
    group, ``items`` are the entries so far, ``item`` the one being answered and ``entry`` its
    number (from 1) when an existing entry is changed rather than a new one added.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    form_id: str
    phase: Phase = Phase.ANSWERING
    cursor: str | None = None
    answers: dict[str, JsonValue] = {}
    consent: bool = False
    on_behalf: bool = False
    editing: bool = False
    section: str | None = None
    only: tuple[str, ...] | None = None
    reasked: tuple[str, ...] = ()
    returned_because: str | None = None
    pending: JsonValue = None
    page: int = 0
    items: list[dict[str, JsonValue]] | None = None
    items_of: str | None = None
    item: dict[str, JsonValue] = {}
    sub: str | None = None
    entry: int | None = None
    return_phase: Phase | None = None

    def but(self, **changes: object) -> RegistrationState:
        """A copy with some attributes changed."""
        return self.model_copy(update=changes)


def new_state(form_id: str, *, on_behalf: bool = False) -> RegistrationState:
    """The state of a registration that has not started (by an officer for a worker)."""
    return RegistrationState(form_id=form_id, on_behalf=on_behalf)


def start_correction(
    state: RegistrationState, fields: tuple[str, ...], reason: str | None = None
) -> RegistrationState:
    """A returned record: ask only ``fields`` again (saying ``reason``), then show the review.

    Call ``step(form, state, Resume(), today)`` with the result to show the first of them.
    """
    return state.but(
        phase=Phase.ANSWERING,
        cursor=None,
        only=fields,
        reasked=(),
        returned_because=reason,
        editing=False,
        section=None,
        pending=None,
        items=None,
        items_of=None,
        item={},
        sub=None,
        entry=None,
    )
