"""The remark (备注) of the record's first review level, printed in the tables' 备注 column.

The notices' forms have a 备注 box for what the unit's union adds about the worker (Henan's
situation form asks for the single-mother note there). The unit writes it with its approval:
from the moment it approves until the next level decides, while the review is open. Its
approval is its opinion on the record and the remark belongs to it; the next level decides on
the record as it then stands, remark included, so the remark is fixed once that level acts (a
return brings the record back to the unit, which approves, and may change it, again). In a
campaign whose only level is the unit's, its approval grants the aid, and the remark stays
open until the review closes.

The remark is free text about a person, printed on a paper form: one line, no emoji (the
printed fonts lack them), no number as long as an ID, card or phone number (it would be
printed and shown in full, where its own field is masked), and short (see :data:`REMARK_MAX`).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from flows.access import Action, Actor, Reason, Refusal, Refused, level_name, may
from flows.forms.parsing.normalize import has_emoji, one_line, visible
from flows.forms.parsing.text import holds_long_number
from flows.forms.texts import Text, labelled
from flows.i18n import N_, Message
from flows.review.records import RecordView
from flows.review.states import STATE_NAMES, State

# The Henan situation form's 备注 box spans seven grid columns, 68 character units: about 31
# Chinese characters a line, three lines in its 48-point band. 50 characters and the
# single-mother note before them (单亲女职工；) take two lines, so the box prints at its own
# height and the form stays on one A4 page; a remark is a note, the reasons go to the history.
REMARK_MAX: Final = 50
EXAMPLE: Final = "长期患病，家庭负担重"
REMARK_LABEL: Final = Message(N_("📝 Remark (备注)"))
ADD_LABEL: Final = Message(N_("📝 Add a remark (备注)"))
CHANGE_LABEL: Final = Message(N_("📝 Change the remark (备注)"))
REMOVE_LABEL: Final = Message(N_("🗑 Remove the remark"))


def check_remark(text: str) -> str:
    """The remark as kept: what can be seen of it, on one line; raises Refused if it is
    empty, too long, or holds what the printed form cannot show."""
    remark = one_line(visible(text))
    if not remark:
        raise _invalid(N_("The remark is empty. Please type it, for example: {example}"))
    if has_emoji(remark):
        raise _invalid(
            N_(
                "Emoji cannot be printed on the official form: please use words, for "
                "example: {example}"
            )
        )
    if holds_long_number(remark):
        raise _invalid(
            N_(
                "The remark holds a long number (an ID, card or phone number?): it would be "
                "printed in full. Please write it without the number, for example: {example}"
            )
        )
    if len(remark) > REMARK_MAX:
        raise _invalid(
            N_(
                "The remark is {length} characters long; at most {limit} fit in the 备注 "
                "column. Please shorten it, for example: {example}"
            ),
            length=len(remark),
        )
    return remark


def remark_refusal(
    record: RecordView, actor: Actor, now: dt.datetime | None = None
) -> Refusal | None:
    """Why ``actor`` may not write the record's remark now, or None; without ``now`` the
    review's deadline is not checked (the card's button; the write checks it)."""
    refusal = may(actor, Action.VIEW_CARD, record.target)
    if refusal is not None:
        return refusal
    first = record.levels[0]
    if actor.level is not first:
        return Refusal(
            Reason.WRONG_LEVEL,
            Message(
                N_("Only {level} writes the remark (备注) of a record."),
                {"level": level_name(first)},
            ),
        )
    if record.subject_user_id is not None and record.subject_user_id == actor.user_id:
        return Refusal(
            Reason.OWN_REGISTRATION,
            Message(
                N_("You cannot write the remark on your own registration; another officer must.")
            ),
        )
    if not _open_to_remarks(record):
        return Refusal(
            Reason.NOT_WAITING,
            Message(
                N_(
                    "The remark (备注) is written once {level} has approved the record, until "
                    "the next level decides it; this record is now {state}."
                ),
                {"level": level_name(first), "state": Message(STATE_NAMES[record.state])},
            ),
        )
    if now is not None and now >= record.review_closes:
        return Refusal(
            Reason.REVIEW_CLOSED,
            Message(
                N_("The review closed on {moment}; records can no longer be changed."),
                {"moment": record.review_closes.astimezone(record.zone)},
            ),
        )
    return None


def check_may_remark(record: RecordView, actor: Actor, now: dt.datetime) -> None:
    """Raise :class:`Refused` unless ``actor`` may write the record's remark now."""
    refusal = remark_refusal(record, actor, now)
    if refusal is not None:
        raise Refused(refusal)


def remark_line(remark: str | None) -> Text | None:
    """The card's line of the remark, if there is one."""
    return labelled(REMARK_LABEL, remark) if remark else None


def _open_to_remarks(record: RecordView) -> bool:
    levels = record.levels
    if len(levels) == 1:
        return record.state is State.AID_GRANTED
    return record.state is State.APPROVED and record.level is levels[1]


def _invalid(msgid: str, **params: object) -> Refused:
    message = Message(msgid, {"example": EXAMPLE, "limit": REMARK_MAX, **params})
    return Refused(Refusal(Reason.REMARK_INVALID, message))
