"""The numbers of a scope at a glance: records by state, waiting by level, by hardship type."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from flows.access import Level, level_name
from flows.forms.conditions import holds
from flows.forms.kinds import Field
from flows.forms.schema import Form
from flows.forms.texts import Joined, Text, labelled
from flows.i18n import N_, LocalizedText, Message
from flows.review.states import STATE_NAMES, WAITING, State


@dataclass(frozen=True)
class Counted:
    """One record as the statistics count it: no answers, only its hardship types."""

    state: State
    level: Level | None
    hardship: Sequence[str] = ()
    aid_amount: Decimal | None = None


@dataclass(frozen=True)
class ScopeStats:
    """Counts for a scope; hardship types are counted over submitted records only."""

    total: int
    by_state: Mapping[State, int]
    waiting_by_level: Mapping[Level, int]
    by_hardship: Mapping[str, int]
    granted_total: Decimal


def tally(records: Iterable[Counted]) -> ScopeStats:
    """Count records by state, waiting records by level and submitted records by hardship type."""
    by_state: Counter[State] = Counter()
    waiting: Counter[Level] = Counter()
    hardship: Counter[str] = Counter()
    granted = Decimal("0.00")
    total = 0
    for record in records:
        if record.state is State.DELETED:
            continue
        total += 1
        by_state[record.state] += 1
        if record.state in WAITING and record.level is not None:
            waiting[record.level] += 1
        if record.state is not State.DRAFT:
            hardship.update(dict.fromkeys(record.hardship, 1))
        if record.state is State.AID_GRANTED and record.aid_amount is not None:
            granted += record.aid_amount
    return ScopeStats(
        total=total,
        by_state={state: by_state[state] for state in State if by_state[state]},
        waiting_by_level={level: waiting[level] for level in Level if waiting[level]},
        by_hardship=dict(hardship.most_common()),
        granted_total=granted,
    )


def hardship_types(form: Form, answers: Mapping[str, object]) -> tuple[str, ...]:
    """The hardship boxes ticked: option ids of the relevant choice fields feeding ``causes``.

    Options rather than policy facts, since some boxes (Jilin's "low income") stand for no
    single fact but are what officers count.
    """
    ticked: dict[str, None] = {}
    for field in _hardship_fields(form):
        if field.when is not None and not holds(field.when, answers):
            continue
        answer = answers.get(field.id)
        chosen = answer if isinstance(answer, list) else [answer] if answer is not None else []
        ticked.update(dict.fromkeys(str(option) for option in chosen if field.option(str(option))))
    return tuple(ticked)


def hardship_labels(form: Form) -> dict[str, LocalizedText]:
    """The label of each hardship box, by option id."""
    return {
        option.id: option.label for field in _hardship_fields(form) for option in field.offered()
    }


def _hardship_fields(form: Form) -> list[Field]:
    return [field for field in form.fields if field.fact == "causes" and field.offered()]


def stats_lines(stats: ScopeStats, labels: Mapping[str, LocalizedText]) -> list[Text]:
    """Lines: the total, each state, waiting per level, each hardship type, aid granted."""
    lines: list[Text] = [Message(N_("Records: {count}"), {"count": stats.total})]
    for state, count in stats.by_state.items():
        lines.append(Joined(("  ", labelled(Message(STATE_NAMES[state]), str(count)))))
    if stats.waiting_by_level:
        lines.append(Message(N_("Waiting for review:")))
        for level, count in stats.waiting_by_level.items():
            lines.append(Joined(("  ", labelled(level_name(level), str(count)))))
    if stats.by_hardship:
        lines.append(Message(N_("By hardship type (a record may have several):")))
        for kind, count in stats.by_hardship.items():
            lines.append(Joined(("  ", labelled(labels.get(kind, kind), str(count)))))
    if stats.granted_total:
        lines.append(Message(N_("Aid granted in total: {amount}"), {"amount": stats.granted_total}))
    return lines
