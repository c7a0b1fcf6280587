"""Refusals: why the domain says no, as a code for programs and a message for people."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from flows.i18n import Message


class Reason(enum.Enum):
    """What kind of refusal it is; tests and handlers branch on this, people read the message."""

    NOT_BOUND = "not_bound"
    NOT_AN_OFFICER = "not_an_officer"
    OUT_OF_SCOPE = "out_of_scope"
    NOT_OWN_RECORD = "not_own_record"
    DRAFT_PRIVATE = "draft_private"
    WRONG_LEVEL = "wrong_level"
    NOT_LAST_LEVEL = "not_last_level"
    OWN_REGISTRATION = "own_registration"
    MASKED_ONLY = "masked_only"
    PROVINCE_ONLY = "province_only"
    UNIT_OFFICERS_ONLY = "unit_officers_only"
    ALREADY_DECIDED = "already_decided"
    NOT_WAITING = "not_waiting"
    NOT_GRANTED = "not_granted"
    REVIEW_CLOSED = "review_closed"
    INTAKE_CLOSED = "intake_closed"
    INTAKE_NOT_OPEN = "intake_not_open"
    ALREADY_SUBMITTED = "already_submitted"
    CHANGED_MEANWHILE = "changed_meanwhile"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
    FIELDS_REQUIRED = "fields_required"
    UNKNOWN_FIELDS = "unknown_fields"
    AMOUNT_REQUIRED = "amount_required"
    AMOUNT_NOT_EXPECTED = "amount_not_expected"
    AMOUNT_INVALID = "amount_invalid"
    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    AMOUNT_TOO_PRECISE = "amount_too_precise"
    AMOUNT_TOO_LARGE = "amount_too_large"
    AMOUNT_UNCONFIRMED = "amount_unconfirmed"
    REMARK_INVALID = "remark_invalid"


@dataclass(frozen=True)
class Refusal:
    """A refused action: the reason's code and the message to show, in the reader's language."""

    reason: Reason
    message: Message


class Refused(Exception):
    """Raised by the domain's decisions when an action is not allowed; carries the refusal."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.reason.value)
        self.refusal = refusal

    @property
    def reason(self) -> Reason:
        """The refusal's code."""
        return self.refusal.reason

    @property
    def message(self) -> Message:
        """What to tell the person."""
        return self.refusal.message
