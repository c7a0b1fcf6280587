"""A record's history as people read it, from its audit events (oldest first).

Reasons are free text written by officers; any long run of digits in them (an ID, a card or a
phone number typed by mistake) is masked before it is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo

from flows.access import Level, level_name
from flows.access.roles import OFFICER_LEVELS, ROLE_NAMES
from flows.forms.display import LIST_SEPARATOR
from flows.forms.masking import scrub
from flows.forms.texts import Joined, Text
from flows.i18n import DEFAULT_ZONE, N_, Message
from flows.review.outcomes import outcome_name
from flows.review.states import STATE_NAMES, State

KIND_NAMES: Final[dict[str, str]] = {
    "submitted": N_("submitted"),
    "resubmitted": N_("corrected and resubmitted"),
    "approved": N_("approved"),
    "returned": N_("returned for correction"),
    "rejected": N_("rejected"),
    "aid_granted": N_("approved, aid granted"),
    "amount_changed": N_("aid amount changed"),
    "grant_withdrawn": N_("aid withdrawn"),
    "sensitive_viewed": N_("full ID and card numbers viewed"),
    "documents_viewed": N_("supporting documents viewed"),
    "documents_exported": N_("supporting documents copied to files on the server"),
    "party_aided_flagged": N_("found on the list of Party members aided by the Party"),
    "duplicate_attempt": N_("another registration with the same ID number was attempted"),
    "conflict_resolved": N_("duplicate registration resolved"),
    "unit_changed": N_("moved to another unit"),
    "consent_given": N_("consent to the processing of personal data given"),
    "consent_declined": N_("consent to the processing of personal data declined"),
    "draft_deleted": N_("draft deleted"),
    "marked_untruthful": N_("answers marked untruthful, pre-check made again"),
    "precheck_overridden": N_("pre-check outcome overridden"),
    "record_handed_over": N_("handed to another officer of the unit to correct"),
    "remark_added": N_("remark (备注) added"),
    "remark_changed": N_("remark (备注) changed"),
    "remark_removed": N_("remark (备注) removed"),
    # Events of no record (``songnuan audit --general``).
    "role_granted": N_("role granted by an invitation"),
    "role_revoked": N_("role taken back"),
    "invitation_created": N_("invitation link made"),
    "invitation_revoked": N_("invitation link withdrawn"),
    "exported": N_("table exported"),
    "party_aided_imported": N_("list of Party-aided members imported"),
    "broadcast_created": N_("broadcast sent"),
    "campaign_created": N_("campaign created"),
    "campaign_updated": N_("campaign changed"),
    "deadline_moved": N_("deadline moved"),
}
# Events whose from and to are roles.
ROLE_KINDS: Final = frozenset({"role_granted", "role_revoked"})
# Events whose from and to are pre-check outcomes, not states of the record.
PRECHECK_KINDS: Final = frozenset({"marked_untruthful", "precheck_overridden"})
_LEVELS: Final = frozenset(level.value for level in Level)
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
    details: Mapping[str, object] = field(default_factory=dict)


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
    level = entry.details.get("to_level")
    if isinstance(level, str) and level in _LEVELS:
        parts.append(level_name(Level(level)))
    fields = entry.details.get("fields")
    if isinstance(fields, list) and fields:
        names = tuple(labels.get(str(name), str(name)) for name in fields)
        parts.append(Message(N_("answers: {fields}"), {"fields": Joined(names, LIST_SEPARATOR)}))
    changed = entry.details.get("changed")
    if isinstance(changed, list):
        names = tuple(labels.get(str(name), str(name)) for name in changed)
        changed_text = Joined(names, LIST_SEPARATOR) if names else Message(N_("nothing"))
        parts.append(Message(N_("changed: {fields}"), {"fields": changed_text}))
    against = entry.details.get("against_precheck")
    if isinstance(against, str):
        parts.append(
            Message(N_("against the pre-check: {outcome}"), {"outcome": outcome_name(against)})
        )
    amount = entry.details.get("amount")
    if isinstance(amount, str):
        parts.append(Message(N_("amount {amount}"), {"amount": Decimal(amount)}))
    previous = entry.details.get("previous_amount")
    if isinstance(previous, str):
        parts.append(Message(N_("was {amount}"), {"amount": Decimal(previous)}))
    remark = _remark(entry.details)
    if remark is not None:
        parts.append(remark)
    if entry.reason:
        parts.append(Message(N_("reason: {reason}"), {"reason": scrub(entry.reason)}))
    return Joined(tuple(parts), " · ")


def _remark(details: Mapping[str, object]) -> Text | None:
    """A remark's change, once opened (the bot's history; the audit command has it sealed)."""
    before, after = details.get("remark_before"), details.get("remark_after")
    if isinstance(before, str) and isinstance(after, str):
        return Joined((before, after), " → ")
    if isinstance(after, str):
        return after
    if isinstance(before, str):
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
