"""A record's history as people read it, from its audit events (oldest first).

Reasons are free text written by officers; any long run of digits in them (an ID, a card or a
phone number typed by mistake) is masked before it is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final
from zoneinfo import ZoneInfo

from flows.access import level_name
from flows.access.roles import OFFICER_LEVELS, ROLE_NAMES
from flows.audit import AuditKind, Details, RemarkDetails, TransitionDetails
from flows.forms.display import LIST_SEPARATOR
from flows.forms.masking import scrub
from flows.forms.texts import Joined, Text
from flows.i18n import DEFAULT_ZONE, N_, Message
from flows.review.outcomes import outcome_name
from flows.review.states import STATE_NAMES, State

KIND_NAMES: Final[dict[str, str]] = {
    AuditKind.SUBMITTED: N_("submitted"),
    AuditKind.RESUBMITTED: N_("corrected and resubmitted"),
    AuditKind.APPROVED: N_("approved"),
    AuditKind.RETURNED: N_("returned for correction"),
    AuditKind.REJECTED: N_("rejected"),
    AuditKind.AID_GRANTED: N_("approved, aid granted"),
    AuditKind.AMOUNT_CHANGED: N_("aid amount changed"),
    AuditKind.GRANT_WITHDRAWN: N_("aid withdrawn"),
    AuditKind.SENSITIVE_VIEWED: N_("full ID and card numbers viewed"),
    AuditKind.DOCUMENTS_VIEWED: N_("supporting documents viewed"),
    AuditKind.DOCUMENTS_EXPORTED: N_("supporting documents copied to files on the server"),
    AuditKind.PARTY_AIDED_FLAGGED: N_("found on the list of Party members aided by the Party"),
    AuditKind.DUPLICATE_ATTEMPT: N_("another registration with the same ID number was attempted"),
    AuditKind.CONFLICT_RESOLVED: N_("duplicate registration resolved"),
    AuditKind.UNIT_CHANGED: N_("moved to another unit"),
    AuditKind.CONSENT_GIVEN: N_("consent to the processing of personal data given"),
    AuditKind.CONSENT_DECLINED: N_("consent to the processing of personal data declined"),
    AuditKind.DRAFT_DELETED: N_("draft deleted"),
    AuditKind.MARKED_UNTRUTHFUL: N_("answers marked untruthful, pre-check made again"),
    AuditKind.PRECHECK_OVERRIDDEN: N_("pre-check outcome overridden"),
    AuditKind.RECORD_HANDED_OVER: N_("handed to another officer of the unit to correct"),
    AuditKind.REMARK_ADDED: N_("remark (备注) added"),
    AuditKind.REMARK_CHANGED: N_("remark (备注) changed"),
    AuditKind.REMARK_REMOVED: N_("remark (备注) removed"),
    # Events of no record (``songnuan audit --general``).
    AuditKind.ROLE_GRANTED: N_("role granted by an invitation"),
    AuditKind.ROLE_REVOKED: N_("role taken back"),
    AuditKind.INVITATION_CREATED: N_("invitation link made"),
    AuditKind.INVITATION_REVOKED: N_("invitation link withdrawn"),
    AuditKind.EXPORTED: N_("table exported"),
    AuditKind.PARTY_AIDED_IMPORTED: N_("list of Party-aided members imported"),
    AuditKind.BROADCAST_CREATED: N_("broadcast sent"),
    AuditKind.CAMPAIGN_CREATED: N_("campaign created"),
    AuditKind.CAMPAIGN_UPDATED: N_("campaign changed"),
    AuditKind.DEADLINE_MOVED: N_("deadline moved"),
}
# Events whose from and to are roles.
ROLE_KINDS: Final = frozenset({AuditKind.ROLE_GRANTED, AuditKind.ROLE_REVOKED})
# Events whose from and to are pre-check outcomes, not states of the record.
PRECHECK_KINDS: Final = frozenset({AuditKind.MARKED_UNTRUTHFUL, AuditKind.PRECHECK_OVERRIDDEN})
OFFICER_ROLES: Final = frozenset(role.value for role in OFFICER_LEVELS)


@dataclass(frozen=True)
class HistoryEntry:
    """One audit event of a record, with the actor already named (or None: the system)."""

    at: dt.datetime
    kind: str
    actor: Text | None
    from_state: str | None = None
    to_state: str | None = None
    reason: str | None = None
    details: Details = field(default_factory=Details)


def actor_text(
    user_id: int, name: str | None, role: str | None, unit: str | None, *, named: bool
) -> Text:
    """Who acted, as they were then: by name in the bot; for the audit, an officer by account,
    name, role and unit, anyone else by account and role only (a worker's name stays out)."""
    if named and name:
        return name
    role_name: Text = Message(ROLE_NAMES[role]) if role in ROLE_NAMES else (role or "?")
    if role in OFFICER_ROLES and name:
        return Message(
            N_("#{id} {name} ({role}, {unit})"),
            {"id": str(user_id), "name": name, "role": role_name, "unit": unit or "?"},
        )
    return Message(N_("#{id} ({role})"), {"id": str(user_id), "role": role_name})


def history_lines(
    entries: Sequence[HistoryEntry],
    labels: Mapping[str, Text] | None = None,
    zone: ZoneInfo = DEFAULT_ZONE,
) -> list[Text]:
    """One line per event: when, who, what, the change of state, the fields, the reason."""
    if not entries:
        return [Message(N_("No history yet."))]
    return [_line(entry, labels or {}, zone) for entry in entries]


def _line(entry: HistoryEntry, labels: Mapping[str, Text], zone: ZoneInfo) -> Text:
    parts: list[Text] = [
        Message(N_("{moment}"), {"moment": entry.at.astimezone(zone)}),
        entry.actor if entry.actor else Message(N_("system")),
        Message(KIND_NAMES[entry.kind]) if entry.kind in KIND_NAMES else entry.kind,
    ]
    if entry.kind in PRECHECK_KINDS and entry.to_state:
        parts.append(_outcomes(entry.from_state, entry.to_state))
    elif entry.kind in ROLE_KINDS:
        parts.append(Joined((_role(entry.from_state), _role(entry.to_state)), " → "))
    elif entry.from_state and entry.to_state and entry.from_state != entry.to_state:
        parts.append(Joined((_state(entry.from_state), _state(entry.to_state)), " → "))
    details = entry.details
    if isinstance(details, TransitionDetails):
        parts.extend(_transition(details, labels))
    if isinstance(details, RemarkDetails):
        remark = _remark(details)
        if remark is not None:
            parts.append(remark)
    if entry.reason:
        parts.append(Message(N_("reason: {reason}"), {"reason": scrub(entry.reason)}))
    return Joined(tuple(parts), " · ")


def _transition(details: TransitionDetails, labels: Mapping[str, Text]) -> list[Text]:
    """The level reached, the answers returned or changed, the amounts and the pre-check."""
    parts: list[Text] = []
    if details.to_level is not None:
        parts.append(level_name(details.to_level))
    if details.fields:
        names = tuple(labels.get(name, name) for name in details.fields)
        parts.append(Message(N_("answers: {fields}"), {"fields": Joined(names, LIST_SEPARATOR)}))
    if details.changed is not None:
        names = tuple(labels.get(name, name) for name in details.changed)
        changed_text = Joined(names, LIST_SEPARATOR) if names else Message(N_("nothing"))
        parts.append(Message(N_("changed: {fields}"), {"fields": changed_text}))
    if details.against_precheck is not None:
        outcome = outcome_name(details.against_precheck)
        parts.append(Message(N_("against the pre-check: {outcome}"), {"outcome": outcome}))
    if details.amount is not None:
        parts.append(Message(N_("amount {amount}"), {"amount": details.amount}))
    if details.previous_amount is not None:
        parts.append(Message(N_("was {amount}"), {"amount": details.previous_amount}))
    return parts


def _remark(details: RemarkDetails) -> Text | None:
    """A remark's change, once opened (the bot's history; the audit command has it sealed)."""
    before, after = details.remark_before, details.remark_after
    if before is not None and after is not None:
        return Joined((before, after), " → ")
    if after is not None:
        return after
    if before is not None:
        return Message(N_("was: {remark}"), {"remark": before})
    return None


def _role(value: str | None) -> Text:
    return Message(ROLE_NAMES[value]) if value in ROLE_NAMES else (value or "-")


def _state(value: str) -> Text:
    try:
        return Message(STATE_NAMES[State(value)])
    except ValueError:
        return value


def _outcomes(before: str | None, after: str) -> Text:
    if before is None or before == after:
        return outcome_name(after)
    return Joined((outcome_name(before), outcome_name(after)), " → ")
