"""Whom a broadcast is for, as stored with it (``broadcasts.scope``) through :data:`SCOPE`."""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter

SCOPE_KINDS: Final = ("unit", "department", "all")
AUDIENCES: Final = ("workers", "officers")

ScopeKind = Literal["unit", "department", "all"]
AudienceName = Literal["workers", "officers"]


class ScopeError(ValueError):
    """A scope that names nothing known; the message says what."""


class Scope(BaseModel):
    """Whom a broadcast is for: the workers or officers of a unit, a department, or all."""

    model_config = ConfigDict(frozen=True)

    kind: ScopeKind
    code: str | None
    audience: AudienceName

    @classmethod
    def parse(cls, scope: str, audience: str) -> Scope:
        """``unit:CODE``, ``department:CODE`` or ``all``, and ``workers`` or ``officers``."""
        kind, _, code = scope.partition(":")
        if kind not in SCOPE_KINDS or (kind == "all") != (not code):
            raise ScopeError(f"scope {scope!r}: expected unit:CODE, department:CODE or all")
        if audience not in AUDIENCES:
            raise ScopeError(f"audience {audience!r}: expected workers or officers")
        return SCOPE.validate_python({"kind": kind, "code": code or None, "audience": audience})

    def as_json(self) -> dict[str, Any]:
        """The scope as stored with the broadcast."""
        stored: dict[str, Any] = SCOPE.dump_python(self, mode="json")
        return stored

    def __str__(self) -> str:
        where = "all" if self.code is None else f"{self.kind}:{self.code}"
        return f"{self.audience} of {where}"


SCOPE: Final[TypeAdapter[Scope]] = TypeAdapter(Scope)


def read_scope(stored: object) -> Scope:
    """A stored scope; raises pydantic's ValidationError if it is not one."""
    return SCOPE.validate_python(stored)
