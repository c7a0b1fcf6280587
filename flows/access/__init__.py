"""Who may do what: roles, scopes over the unit tree, review levels, and the refusals.

Public API: :func:`may` / :func:`require` (the access matrix), :func:`actor` (an account and
its scope), :func:`sees_full_numbers`, the targets :class:`RecordTarget` and
:class:`UnitTarget`, :class:`Action`, :class:`Role`, :class:`Level`, :class:`Refusal` /
:class:`Refused` with their :class:`Reason`, and what an invitation binds
(:func:`by_invitation`, :class:`Binding`) and
when an invitation is usable (:func:`invitation_problem`). Pure: no Telegram, no database.
"""

from __future__ import annotations

from flows.access.binding import (
    Binding,
    after_revocation,
    by_invitation,
    gives_up_officer_role,
    officer_becomes_worker,
    replaces_officer_role,
    unit_kind_for,
)
from flows.access.invitations import InvitationProblem, InvitationTerms, invitation_problem
from flows.access.matrix import (
    DECISIONS,
    RECORD_ACTIONS,
    ROLE_ACTIONS,
    UNIT_ACTIONS,
    Action,
    RecordTarget,
    Target,
    UnitTarget,
    level_name,
    may,
    require,
    sees_full_numbers,
    sees_sensitive_copies,
)
from flows.access.refusal import Reason, Refusal, Refused
from flows.access.roles import LEVEL_NAMES, OFFICER_LEVELS, Level, Role, role_of
from flows.access.scope import Actor, Scope, Tree, actor, descendants, stranger

__all__ = [
    "DECISIONS",
    "LEVEL_NAMES",
    "OFFICER_LEVELS",
    "RECORD_ACTIONS",
    "ROLE_ACTIONS",
    "UNIT_ACTIONS",
    "Action",
    "Actor",
    "Binding",
    "InvitationProblem",
    "InvitationTerms",
    "Level",
    "Reason",
    "RecordTarget",
    "Refusal",
    "Refused",
    "Role",
    "Scope",
    "Target",
    "Tree",
    "UnitTarget",
    "actor",
    "after_revocation",
    "by_invitation",
    "descendants",
    "gives_up_officer_role",
    "invitation_problem",
    "level_name",
    "may",
    "officer_becomes_worker",
    "replaces_officer_role",
    "require",
    "role_of",
    "sees_full_numbers",
    "sees_sensitive_copies",
    "stranger",
    "unit_kind_for",
]
