"""What a correction changed, without keeping the old answers in clear.

When a record is returned, a keyed digest of each flagged answer is kept with the audit event;
at resubmission the new answers' digests are compared with them. The digest function is the
storage's keyed hash (HMAC), so the digests tell nothing to someone without the key.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping

Digest = Callable[[str], str]


def answer_digests(
    record_id: int, answers: Mapping[str, object], fields: Iterable[str], digest: Digest
) -> dict[str, str]:
    """A keyed digest of each field's answer (absent answers too), bound to the record."""
    return {
        field: digest(
            json.dumps(
                [record_id, field, answers.get(field)],
                ensure_ascii=False,
                sort_keys=True,
                default=str,
            )
        )
        for field in fields
    }


def changed_fields(before: Mapping[str, str], after: Mapping[str, str]) -> tuple[str, ...]:
    """The fields whose digest differs, in the order they were flagged."""
    return tuple(field for field, value in before.items() if after.get(field) != value)
