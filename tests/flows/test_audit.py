"""Audit details as stored by every kind read back typed, and are written back the same."""

from __future__ import annotations

from typing import Any

import pytest

from flows.audit import (
    DETAILS,
    AuditKind,
    DeadlineMoved,
    Details,
    RemarkDetails,
    TransitionDetails,
    details_json,
    read_details,
)
from flows.review.history import KIND_NAMES

# Details as the bot stored them before they were typed, one (or two) per kind that has some.
STORED: list[tuple[str, dict[str, Any]]] = [
    ("submitted", {"from_level": None, "to_level": "unit"}),
    ("resubmitted", {"from_level": "unit", "to_level": "unit", "changed": []}),
    (
        "returned",
        {"from_level": "unit", "to_level": "unit", "fields": ["phone"], "digests": {"phone": "d"}},
    ),
    (
        "approved",
        {"from_level": "unit", "to_level": "department", "against_precheck": "excluded"},
    ),
    ("amount_changed", {"from_level": "province", "to_level": "province", "amount": "900.00",
                        "previous_amount": "800.00"}),
    ("documents_viewed", {"documents": 2}),
    ("documents_exported", {"files": 2, "by": "command line"}),
    ("party_aided_flagged", {"exclusion": "P"}),
    ("duplicate_attempt", {"attempt_id": 1, "unit_id": 3}),
    ("conflict_resolved", {"attempt_id": 1, "resolution": "kept"}),
    ("unit_changed", {"from_unit_id": 3, "to_unit_id": 4}),
    ("unit_changed", {"unit": "u1", "kind": ["unit", "department"]}),
    ("record_handed_over", {"from_user_id": 1, "to_user_id": 2}),
    ("remark_added", {"sealed_remarks": "AAEC"}),
    ("role_granted", {"invitation_id": 7, "unit_id": 1, "from_unit_id": None}),
    ("role_changed", {"invitation_id": 7, "unit_id": 1, "from_unit_id": 2}),
    ("role_revoked", {"user_id": 5, "by": "command line"}),
    ("invitation_created", {"invitation_id": 7, "role": "worker", "unit_id": 1}),
    ("invitation_created", {"invitation_id": 7, "role": "unit_officer", "by": "command line"}),
    ("invitation_revoked", {"invitation_id": 7, "unit_id": 1}),
    ("exported", {"table": "t", "units": "all", "state": "granted", "rows": 3, "format": "xlsx",
                  "full_numbers": False, "by": "bot"}),
    ("exported", {"table": "t", "units": [1, 2], "state": "granted", "rows": 3, "format": "csv",
                  "full_numbers": True, "by": "command line"}),
    ("party_aided_imported", {"rows": 3, "new": 2, "replace": False, "flagged": 1,
                              "matched": [4], "granted": [], "by": "command line"}),
    ("broadcast_created", {"broadcast_id": 1, "scope": {"kind": "unit", "code": "u1",
                                                        "audience": "workers"}, "recipients": 4}),
    ("campaign_updated", {"name": "新", "review_closes": "2020-01-10T00:00:00+08:00"}),
    ("deadline_moved", {"deadline": "review_closes", "from": "2020-01-03T00:00:00+08:00",
                        "to": "2020-01-10T00:00:00+08:00"}),
    ("unit_removed", {"unit": "u1", "name": "单位", "kind": "unit"}),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "stored"), STORED)
def test_stored_details_read_as_their_kinds_model_and_write_back_unchanged(
    kind: str, stored: dict[str, Any]
) -> None:
    details = read_details(kind, stored)

    assert type(details) is DETAILS[AuditKind(kind)]
    assert details_json(details) == stored


def test_details_are_typed_values() -> None:
    returned = read_details("returned", STORED[2][1])
    moved = read_details("deadline_moved", STORED[-2][1])

    assert isinstance(returned, TransitionDetails) and returned.fields == ("phone",)
    assert isinstance(moved, DeadlineMoved) and moved.after > moved.before


@pytest.mark.parametrize(
    ("kind", "stored"),
    [
        ("no_such_kind", {"x": 1}),
        ("documents_viewed", {"documents": "many"}),
        ("consent_given", {}),
    ],
)
def test_details_this_version_cannot_read_keep_what_is_stored(
    kind: str, stored: dict[str, Any]
) -> None:
    details = read_details(kind, stored)

    assert type(details) is Details
    assert details_json(details) == stored


def test_a_remark_is_stored_sealed_only() -> None:
    assert details_json(RemarkDetails(sealed_remarks="AAEC")) == {"sealed_remarks": "AAEC"}


def test_every_named_kind_is_an_audit_kind() -> None:
    assert set(KIND_NAMES) <= set(AuditKind)
