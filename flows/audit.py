"""The audit trail's vocabulary: every kind of event, and the shape of each kind's details.

The stored kind is the enum's value and the stored details are the model's JSON (only the keys
that were set), so rows written before these types existed read as they are. Details are read
only through :func:`read_details`; a kind without details of its own reads as
:class:`Details` (nothing). Every model keeps keys it does not know (``extra="allow"``): the
trail is append-only, and ``songnuan audit`` shows what was stored, whole.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    TypeAdapter,
    ValidationError,
)

from flows.access.roles import Level
from flows.reminders.scope import Scope


class AuditKind(StrEnum):
    """What an audit event records."""

    # A record's moves (:class:`flows.review.transitions.Kind` has the same values).
    SUBMITTED = "submitted"
    RESUBMITTED = "resubmitted"
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"
    AID_GRANTED = "aid_granted"
    AMOUNT_CHANGED = "amount_changed"
    GRANT_WITHDRAWN = "grant_withdrawn"
    # What else happens to a record.
    SENSITIVE_VIEWED = "sensitive_viewed"
    DOCUMENTS_VIEWED = "documents_viewed"
    DOCUMENTS_EXPORTED = "documents_exported"
    PARTY_AIDED_FLAGGED = "party_aided_flagged"
    DUPLICATE_ATTEMPT = "duplicate_attempt"
    CONFLICT_RESOLVED = "conflict_resolved"
    # A record moved to another unit (with a record), or a unit's kind changed (without).
    UNIT_CHANGED = "unit_changed"
    CONSENT_GIVEN = "consent_given"
    CONSENT_DECLINED = "consent_declined"
    DRAFT_DELETED = "draft_deleted"
    MARKED_UNTRUTHFUL = "marked_untruthful"
    PRECHECK_OVERRIDDEN = "precheck_overridden"
    RECORD_HANDED_OVER = "record_handed_over"
    REMARK_ADDED = "remark_added"
    REMARK_CHANGED = "remark_changed"
    REMARK_REMOVED = "remark_removed"
    # Events of no record (``songnuan audit --general``).
    ROLE_GRANTED = "role_granted"
    ROLE_CHANGED = "role_changed"
    ROLE_REVOKED = "role_revoked"
    INVITATION_CREATED = "invitation_created"
    INVITATION_REVOKED = "invitation_revoked"
    EXPORTED = "exported"
    PARTY_AIDED_IMPORTED = "party_aided_imported"
    BROADCAST_CREATED = "broadcast_created"
    CAMPAIGN_CREATED = "campaign_created"
    CAMPAIGN_UPDATED = "campaign_updated"
    CAMPAIGN_CLOSED = "campaign_closed"
    CAMPAIGN_WITHDRAWN = "campaign_withdrawn"
    DEADLINE_MOVED = "deadline_moved"
    UNIT_REMOVED = "unit_removed"


# A moment as the bot has always written it in details (``isoformat``, the offset kept).
Moment = Annotated[
    dt.datetime, PlainSerializer(lambda moment: moment.isoformat(), when_used="json")
]
_COMMAND_LINE = "command line"


class Details(BaseModel):
    """An event's details; as such, those of a kind that has none."""

    model_config = ConfigDict(frozen=True, extra="allow")


class TransitionDetails(Details):
    """A record's move: the levels, the fields returned, the flagged answers a correction
    changed, the amounts, the pre-check an approval went against, and the digests of the
    returned answers (to tell later which ones the correction changed)."""

    from_level: Level | None = None
    to_level: Level | None = None
    fields: tuple[str, ...] = ()
    changed: tuple[str, ...] | None = None
    amount: Decimal | None = None
    previous_amount: Decimal | None = None
    against_precheck: str | None = None
    digests: dict[str, str] = {}


class RemarkDetails(Details):
    """A remark's change, sealed (base64); the bot's history opens it into ``before`` and
    ``after`` for its reader, never for the store."""

    sealed_remarks: str | None = None
    remark_before: str | None = None
    remark_after: str | None = None


class RemarkChange(BaseModel):
    """What :class:`RemarkDetails` seals: the remark before and after (None: there was none)."""

    model_config = ConfigDict(frozen=True)

    before: str | None = None
    after: str | None = None


class DocumentsViewed(Details):
    """How many supporting documents an officer opened."""

    documents: int


class DocumentsExported(Details):
    """How many supporting documents were copied to files, and by which way."""

    files: int
    by: str = _COMMAND_LINE


class PartyAidedFlagged(Details):
    """The exclusion the Party-aided list brings."""

    exclusion: str


class DuplicateAttempted(Details):
    """The attempt to register a resident ID another record holds, and the unit that tried."""

    attempt_id: int
    unit_id: int


class ConflictResolved(Details):
    """How a duplicate attempt was resolved."""

    attempt_id: int
    resolution: str


class UnitChanged(Details):
    """A record moved from one unit to another; or (``songnuan unit``, no record) a unit's
    ``kind`` changed, as ``[before, after]``."""

    from_unit_id: int | None = None
    to_unit_id: int | None = None
    unit: str | None = None
    kind: tuple[str, str] | None = None


class RecordHandedOver(Details):
    """The officer a record entered for a worker passed from, and to."""

    from_user_id: int
    to_user_id: int


class RoleGranted(Details):
    """The invitation that bound the account, its unit, and the unit the account had."""

    invitation_id: int
    unit_id: int
    from_unit_id: int | None = None


class RoleRevoked(Details):
    """The account whose role was taken back, and by which way."""

    user_id: int
    by: str = _COMMAND_LINE


class InvitationCreated(Details):
    """The invitation made, the role it gives and its unit (by an officer in the bot), or the
    way it was made (the command line)."""

    invitation_id: int
    role: str
    unit_id: int | None = None
    by: str | None = None


class InvitationRevoked(Details):
    """The invitation withdrawn, its unit (in the bot), or the way (the command line)."""

    invitation_id: int
    unit_id: int | None = None
    by: str | None = None


class Exported(Details):
    """A table exported: which, for which units (or ``all``), which records, how many rows,
    in which format, with full numbers or not, and by which way."""

    table: str
    units: Literal["all"] | list[int]
    state: str
    rows: int
    format: str
    full_numbers: bool
    by: str


class PartyAidedImported(Details):
    """The Party-aided list imported: its rows, how many were new, whether it replaced the
    list, the records it flagged, matched and found already granted."""

    rows: int
    new: int
    replace: bool
    flagged: int
    matched: list[int]
    granted: list[int]
    by: str = _COMMAND_LINE


class BroadcastCreated(Details):
    """The broadcast, its scope (as stored with it) and how many people it goes to."""

    broadcast_id: int
    scope: Scope
    recipients: int


class CampaignUpdated(Details):
    """What ``songnuan campaign update`` changed: each as the text or ISO moment it became."""

    name: str | None = None
    intake_opens: str | None = None
    intake_closes: str | None = None
    review_closes: str | None = None
    milestones: str | None = None
    units: str | list[str] | None = None


class DeadlineMoved(Details):
    """Which deadline moved, from when to when."""

    deadline: str
    # Stored as ``from`` and ``to`` (names Python keeps for itself).
    before: Moment = Field(
        validation_alias=AliasChoices("from", "before"), serialization_alias="from"
    )
    after: Moment = Field(validation_alias=AliasChoices("to", "after"), serialization_alias="to")


class UnitRemoved(Details):
    """The unit removed, as it was."""

    unit: str
    name: str
    kind: str


DETAILS: Final[dict[AuditKind, type[Details]]] = {
    **{
        kind: TransitionDetails
        for kind in (
            AuditKind.SUBMITTED,
            AuditKind.RESUBMITTED,
            AuditKind.APPROVED,
            AuditKind.RETURNED,
            AuditKind.REJECTED,
            AuditKind.AID_GRANTED,
            AuditKind.AMOUNT_CHANGED,
            AuditKind.GRANT_WITHDRAWN,
        )
    },
    AuditKind.DOCUMENTS_VIEWED: DocumentsViewed,
    AuditKind.DOCUMENTS_EXPORTED: DocumentsExported,
    AuditKind.PARTY_AIDED_FLAGGED: PartyAidedFlagged,
    AuditKind.DUPLICATE_ATTEMPT: DuplicateAttempted,
    AuditKind.CONFLICT_RESOLVED: ConflictResolved,
    AuditKind.UNIT_CHANGED: UnitChanged,
    AuditKind.RECORD_HANDED_OVER: RecordHandedOver,
    AuditKind.REMARK_ADDED: RemarkDetails,
    AuditKind.REMARK_CHANGED: RemarkDetails,
    AuditKind.REMARK_REMOVED: RemarkDetails,
    AuditKind.ROLE_GRANTED: RoleGranted,
    AuditKind.ROLE_CHANGED: RoleGranted,
    AuditKind.ROLE_REVOKED: RoleRevoked,
    AuditKind.INVITATION_CREATED: InvitationCreated,
    AuditKind.INVITATION_REVOKED: InvitationRevoked,
    AuditKind.EXPORTED: Exported,
    AuditKind.PARTY_AIDED_IMPORTED: PartyAidedImported,
    AuditKind.BROADCAST_CREATED: BroadcastCreated,
    AuditKind.CAMPAIGN_UPDATED: CampaignUpdated,
    AuditKind.DEADLINE_MOVED: DeadlineMoved,
    AuditKind.UNIT_REMOVED: UnitRemoved,
}
_MODELS: Final[set[type[Details]]] = {Details, *DETAILS.values()}
_ADAPTERS: Final[dict[type[Details], TypeAdapter[Details]]] = {
    model: TypeAdapter(model) for model in _MODELS
}


def read_details(kind: str, stored: object) -> Details:
    """An event's stored details as its kind's model; details this version cannot read (an
    unknown kind, a malformed value) as plain :class:`Details`, every stored key kept."""
    values = stored if isinstance(stored, dict) else {}
    try:
        model = DETAILS.get(AuditKind(kind), Details)
    except ValueError:
        model = Details
    try:
        details: Details = _ADAPTERS[model].validate_python(values)
    except ValidationError:
        details = _ADAPTERS[Details].validate_python(values)
    return details


def details_json(details: Details) -> dict[str, Any]:
    """The details as stored: JSON-ready, only the keys that were set (and any kept unknown)."""
    stored: dict[str, Any] = details.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return stored
