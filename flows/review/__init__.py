"""The review workflow: a record's states, who moves it where, and what people are told.

Public API: :func:`submit` and :func:`decide` (pure; they return a :class:`Transition` or raise
:class:`~flows.access.Refused`), the decisions (:class:`Approve`, :class:`Return`,
:class:`Reject`, :class:`AmendAmount`, :class:`WithdrawGrant`), :class:`RecordView`,
:class:`State` and the level chain,
amounts (:func:`parse_amount`, :func:`check_amount`, :func:`standard_amounts`), the notices,
the history lines and the scope statistics. Nothing here knows Telegram or the database.
"""

from __future__ import annotations

from flows.forms.masking import scrub
from flows.review.amounts import (
    MAX_AMOUNT,
    check_amount,
    in_words,
    parse_amount,
    standard_amounts,
)
from flows.review.changes import answer_digests, changed_fields
from flows.review.decisions import (
    AmendAmount,
    Approve,
    Decision,
    Reject,
    Return,
    WithdrawGrant,
    action_of,
)
from flows.review.history import KIND_NAMES, HistoryEntry, actor_text, history_lines
from flows.review.notices import officer_outcome, status_text, worker_notice
from flows.review.records import RecordView
from flows.review.states import (
    FINAL,
    STATE_NAMES,
    UNSUBMITTED,
    WAITING,
    State,
    chain,
    next_level,
)
from flows.review.stats import (
    Counted,
    ScopeStats,
    hardship_labels,
    hardship_types,
    stats_lines,
    tally,
)
from flows.review.transitions import (
    DECISION_KINDS,
    REASON_MAX,
    Transition,
    check_reason,
    decide,
    delete,
    grant_amount,
    not_waiting,
    submit,
)

__all__ = [
    "DECISION_KINDS",
    "FINAL",
    "KIND_NAMES",
    "MAX_AMOUNT",
    "REASON_MAX",
    "STATE_NAMES",
    "UNSUBMITTED",
    "WAITING",
    "AmendAmount",
    "Approve",
    "Counted",
    "Decision",
    "HistoryEntry",
    "RecordView",
    "Reject",
    "Return",
    "ScopeStats",
    "State",
    "Transition",
    "WithdrawGrant",
    "action_of",
    "actor_text",
    "answer_digests",
    "chain",
    "changed_fields",
    "check_amount",
    "check_reason",
    "decide",
    "delete",
    "grant_amount",
    "hardship_labels",
    "hardship_types",
    "history_lines",
    "in_words",
    "next_level",
    "not_waiting",
    "officer_outcome",
    "parse_amount",
    "scrub",
    "standard_amounts",
    "stats_lines",
    "status_text",
    "submit",
    "tally",
    "worker_notice",
]
