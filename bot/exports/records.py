"""Registrations as the export engine reads them: decrypted answers and computed incomes, and
the unit's remark (备注), decrypted."""

from __future__ import annotations

from collections.abc import Mapping

from flows.forms import Form, computed_values
from flows.tables import ExportRecord
from storage.crypto import Vault
from storage.models import Registration
from storage.repositories import registrations, remarks


def export_record(
    vault: Vault, form: Form, registration: Registration, unit_names: Mapping[int, str]
) -> ExportRecord:
    """One registration, its answers opened, as a table row sees it."""
    answers = registrations.answers_of(vault, registration)
    return ExportRecord(
        record_id=registration.id,
        answers=answers,
        computed=computed_values(form.computed, answers),
        unit_name=unit_names.get(registration.unit_id, ""),
        state=registration.state,
        aid_amount=registration.aid_amount,
        submitted_at=registration.submitted_at,
        remarks=remarks.remark_of(vault, registration),
    )
