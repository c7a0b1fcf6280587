"""The kinds of rule a policy's ``rules`` are made of, worded as the notices word them.

Jilin 2020, Attachment 3 一: (一) ``below_standard`` for six months, (二)
``within_multiple_with_cause``, (三) ``after_expenses_within_multiple_with_cause``.
Henan 2017, 二（四）: 1 ``below_standard``, 2 ``special_hardship``, 3
``restructured_enterprise``, 4 ``long_term_migrant_worker``.

Each kind is a pair. The first function decides: it returns the verdict and the sentence
(a msgid) that explains it, so the reasoning lives in one place. The second gives the numbers
that sentences cite; it runs only when an explanation is shown, which keeps a bulk check of
100,000 households fast. Every comparison is exact: a per-capita amount is compared as the
household amount against the standard times the household size, never after a division.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from flows.i18n import N_
from flows.policy.income import EXACT, shown, times
from flows.policy.schema import (
    AfterExpensesWithinMultipleWithCause,
    BelowStandard,
    LongTermMigrantWorker,
    RestructuredEnterprise,
    Rule,
    SpecialHardship,
    WithinMultipleWithCause,
)
from flows.policy.situation import Situation
from flows.policy.truth import (
    FAILS,
    HOLDS,
    JUDGEMENT,
    State,
    Verdict,
    all_of,
    any_of,
    known,
    unknown,
)
from flows.policy.words import causes_text, names_text

Earlier = Mapping[str, Verdict]  # the verdicts of the rules before, by id
Judged = tuple[Verdict, str | None]
Numbers = dict[str, object]

NOT_BELOW: Final = N_("{measure} is {amount}, not below {standard_label} of {standard}.")
BELOW: Final = N_("{measure} is {amount}, below {standard_label} of {standard}.")
BELOW_FOR_MONTHS: Final = N_(
    "{measure} is {amount}, below {standard_label} of {standard}, for {months} months in a "
    "row (at least {min_months} are needed)."
)
BELOW_TOO_FEW_MONTHS: Final = N_(
    "{measure} is {amount}, below {standard_label} of {standard}, but only for {months} "
    "months in a row; at least {min_months} are needed."
)
NEGATIVE_INCOME: Final = N_(
    "{measure} works out below zero ({amount}): the deductions are larger than the income, so "
    "the figures cannot be right and no income rule is met until they are corrected."
)
ABOVE_MULTIPLE: Final = N_(
    "{measure} is {amount}, above {percent} of {standard_label} ({threshold})."
)
WITHIN_MULTIPLE: Final = N_(
    "{measure} is {amount}, within {percent} of {standard_label} ({threshold}, inclusive)."
)
WITHIN_MULTIPLE_WITH_CAUSE: Final = N_(
    "{measure} is {amount}, within {percent} of {standard_label} ({threshold}, inclusive), "
    "and the hardship comes from {causes}."
)
WITHIN_MULTIPLE_JUDGED: Final = N_(
    "{measure} is {amount}, within {percent} of {standard_label} ({threshold}, inclusive); "
    "the hardship comes from {judged}, which counts only if the union officer judges it "
    "another special cause."
)
AFTER_EXPENSES_ABOVE: Final = N_(
    "After necessary expenses of {expenses} a month, the household lives on {amount} per "
    "person, above {percent} of {standard_label} ({threshold})."
)
AFTER_EXPENSES_WITHIN: Final = N_(
    "After necessary expenses of {expenses} a month, the household lives on {amount} per "
    "person, within {percent} of {standard_label} ({threshold}, inclusive)."
)
AFTER_EXPENSES_WITH_CAUSE: Final = N_(
    "After necessary expenses of {expenses} a month, the household lives on {amount} per "
    "person, within {percent} of {standard_label} ({threshold}, inclusive), and the hardship "
    "comes from {causes}."
)
AFTER_EXPENSES_JUDGED: Final = N_(
    "After necessary expenses of {expenses} a month, the household lives on {amount} per "
    "person, within {percent} of {standard_label} ({threshold}, inclusive); the hardship "
    "comes from {judged}, which counts only if the union officer judges it another cause."
)
NO_LISTED_CAUSE: Final = N_("None of the causes it names was given ({listed}).")
NO_CAUSE: Final = N_("No cause of hardship was given.")
SPECIAL_HARDSHIP: Final = N_(
    "The hardship comes from {causes}; whether it makes the household's life especially hard "
    "is for the officer to judge."
)
NOT_RESTRUCTURED: Final = N_("The enterprise has not gone bankrupt, been restructured or merged.")
LAID_OFF_COUPLE: Final = N_(
    "The enterprise went bankrupt, was restructured or merged, and both spouses were laid off."
)
OTHER_HARDSHIP_WORKER: Final = N_(
    "The enterprise went bankrupt, was restructured or merged; whether the worker is among its "
    "other hardship workers is for the officer to judge."
)
NOT_MIGRANT: Final = N_("The worker is not a migrant worker.")
CONTRACT_TOO_SHORT: Final = N_(
    "A migrant worker is covered only with a labour contract of at least {min_months} months; "
    "this one runs {months} months, so {rules} do not apply."
)
MIGRANT_MEETS: Final = N_(
    "A migrant worker with a labour contract of {months} months (at least {min_months} are "
    "needed) who meets {met}."
)
MIGRANT_MEETS_NONE: Final = N_(
    "A migrant worker with a labour contract of {months} months, but none of {rules} is met."
)
MIGRANT_DEPENDS: Final = N_(
    "A migrant worker with a labour contract of {months} months (at least {min_months} are "
    "needed); it depends on {rules}."
)

# Which sentence explains a verdict that the cause (or the listed rules) decided.
_WITHIN_MULTIPLE_BY_CAUSE: Final = {
    State.HOLDS: WITHIN_MULTIPLE_WITH_CAUSE,
    State.JUDGEMENT: WITHIN_MULTIPLE_JUDGED,
    State.UNKNOWN: WITHIN_MULTIPLE,
    State.FAILS: NO_LISTED_CAUSE,
}
_AFTER_EXPENSES_BY_CAUSE: Final = {
    State.HOLDS: AFTER_EXPENSES_WITH_CAUSE,
    State.JUDGEMENT: AFTER_EXPENSES_JUDGED,
    State.UNKNOWN: AFTER_EXPENSES_WITHIN,
    State.FAILS: NO_LISTED_CAUSE,
}
_MIGRANT_BY_RULES: Final = {
    State.HOLDS: MIGRANT_MEETS,
    State.FAILS: MIGRANT_MEETS_NONE,
    State.JUDGEMENT: MIGRANT_DEPENDS,
    State.UNKNOWN: MIGRANT_DEPENDS,
}


def below_standard(rule: BelowStandard, s: Situation, earlier: Earlier) -> Judged:
    """Per-capita income below the standard (Jilin (一) also: for six months or more)."""
    figures = s.figures
    if figures.measure is None or figures.size is None:
        return unknown(*figures.measure_missing), None
    if figures.measure < 0:
        return FAILS, NEGATIVE_INCOME
    if not figures.measure < times(s.values[rule.standard], figures.size):
        return FAILS, NOT_BELOW
    if rule.for_months is None:
        return HOLDS, BELOW
    months = s.facts.months_at_current_income
    if months is None:
        return unknown("months_at_current_income"), BELOW
    if months < s.values[rule.for_months]:
        return FAILS, BELOW_TOO_FEW_MONTHS
    return HOLDS, BELOW_FOR_MONTHS


def within_multiple_with_cause(
    rule: WithinMultipleWithCause, s: Situation, earlier: Earlier
) -> Judged:
    """Per-capita income within a multiple of the standard (含: inclusive), and a cause."""
    figures = s.figures
    cause = _cause(rule, s)
    if figures.measure is None or figures.size is None:
        income = unknown(*figures.measure_missing)
        return all_of((income, cause)), NO_LISTED_CAUSE if cause.state is State.FAILS else None
    if figures.measure < 0:
        return FAILS, NEGATIVE_INCOME
    threshold = times(s.values[rule.standard], s.values[rule.multiple], figures.size)
    if not figures.measure <= threshold:
        return FAILS, ABOVE_MULTIPLE
    return cause, _WITHIN_MULTIPLE_BY_CAUSE[cause.state]


def after_expenses_within_multiple_with_cause(
    rule: AfterExpensesWithinMultipleWithCause, s: Situation, earlier: Earlier
) -> Judged:
    """(Income − necessary expenses) per person — the actual living level — within a multiple
    of the standard (inclusive), and a cause."""
    figures = s.figures
    cause = _cause(rule, s)
    if figures.measure is None or figures.size is None or figures.expenses is None:
        absent = figures.measure_missing | _absent_expenses(s)
        return all_of(
            (unknown(*absent), cause)
        ), NO_LISTED_CAUSE if cause.state is State.FAILS else None
    if figures.measure < 0:
        return FAILS, NEGATIVE_INCOME
    threshold = times(s.values[rule.standard], s.values[rule.multiple], figures.size)
    if not EXACT.subtract(figures.measure, figures.expenses) <= threshold:
        return FAILS, AFTER_EXPENSES_ABOVE
    return cause, _AFTER_EXPENSES_BY_CAUSE[cause.state]


def special_hardship(rule: SpecialHardship, s: Situation, earlier: Earlier) -> Judged:
    """Especially hard life from serious illness, schooling, disaster, a sudden event (等):
    always for the officer to judge."""
    causes = s.facts.causes
    if causes is None:
        return unknown("causes"), None
    if rule.open_list:
        return (JUDGEMENT, SPECIAL_HARDSHIP) if causes else (FAILS, NO_CAUSE)
    if causes.isdisjoint(rule.causes):
        return FAILS, NO_LISTED_CAUSE
    return JUDGEMENT, SPECIAL_HARDSHIP


def restructured_enterprise(rule: RestructuredEnterprise, s: Situation, earlier: Earlier) -> Judged:
    """Both spouses laid off by a bankrupt, restructured or merged enterprise (双下岗); or the
    enterprise's other hardship workers, whom the officer judges."""
    restructured = s.flag("enterprise_restructured")
    if restructured is None:
        return unknown("enterprise_restructured"), None
    if not restructured:
        return FAILS, NOT_RESTRUCTURED
    couple = s.flag("laid_off_couple")
    if couple is None:
        return unknown("laid_off_couple"), OTHER_HARDSHIP_WORKER
    return (HOLDS, LAID_OFF_COUPLE) if couple else (JUDGEMENT, OTHER_HARDSHIP_WORKER)


def long_term_migrant_worker(rule: LongTermMigrantWorker, s: Situation, earlier: Earlier) -> Judged:
    """A migrant worker with a contract of a year or more (一年以上) who meets one of the rules
    it lists; see :func:`migrant_gate` for what it does to those rules."""
    if s.flag("migrant_worker") is False:
        return FAILS, NOT_MIGRANT
    gate = migrant_gate(rule, s)
    met = any_of(earlier[rule_id] for rule_id in rule.meets_any_of)
    if gate.state is State.UNKNOWN:
        return all_of((gate, met)), None
    if gate.state is State.FAILS:
        return FAILS, CONTRACT_TOO_SHORT
    return met, _MIGRANT_BY_RULES[met.state]


def migrant_gate(rule: LongTermMigrantWorker, s: Situation) -> Verdict:
    """Whether the listed rules may count for this worker: always for a worker who is not a
    migrant worker, for a migrant worker only with a long enough contract."""
    migrant = s.flag("migrant_worker")
    if migrant is None:
        return unknown("migrant_worker")
    if not migrant:
        return HOLDS
    months = s.facts.contract_months
    if months is None:
        return unknown("contract_months")
    return known(months >= s.values[rule.min_contract])


def below_standard_numbers(rule: BelowStandard, s: Situation, earlier: Earlier) -> Numbers:
    """What its sentences cite: the per-capita amount, the standard, the months."""
    numbers = _standard(rule.standard, s) | {"amount": _shown_per_capita(s)}
    if rule.for_months is not None:
        numbers["months"] = s.facts.months_at_current_income
        numbers["min_months"] = int(s.values[rule.for_months])
    return numbers


def within_multiple_numbers(
    rule: WithinMultipleWithCause, s: Situation, earlier: Earlier
) -> Numbers:
    """What its sentences cite: the amount, the threshold, the causes given and listed."""
    numbers = _multiple(rule, s)
    if isinstance(rule, AfterExpensesWithinMultipleWithCause):
        after = s.figures.after_expenses_per_capita()
        numbers["amount"] = None if after is None else shown(after, s.limits)
        numbers["expenses"] = s.figures.expenses
    else:
        numbers["amount"] = _shown_per_capita(s)
    return numbers


def special_hardship_numbers(rule: SpecialHardship, s: Situation, earlier: Earlier) -> Numbers:
    """What its sentences cite: the causes given and those the notice lists."""
    given = s.facts.causes or frozenset()
    return {
        "causes": causes_text(given if rule.open_list else given & set(rule.causes)),
        "listed": causes_text(rule.causes),
    }


def no_numbers(rule: Rule, s: Situation, earlier: Earlier) -> Numbers:
    """Its sentences cite no numbers."""
    return {}


def migrant_numbers(rule: LongTermMigrantWorker, s: Situation, earlier: Earlier) -> Numbers:
    """What its sentences cite: the contract's length and the rules it lists or met."""
    listed = rule.meets_any_of
    return {
        "months": s.facts.contract_months,
        "min_months": int(s.values[rule.min_contract]),
        "rules": names_text(s.names[rule_id] for rule_id in listed),
        "met": names_text(
            s.names[rule_id] for rule_id in listed if earlier[rule_id].state is State.HOLDS
        ),
    }


Kind = tuple[Callable[[Rule, Situation, Earlier], Judged], Callable[..., Numbers]]
KINDS: Final[Mapping[type, Kind]] = {
    BelowStandard: (below_standard, below_standard_numbers),  # type: ignore[dict-item]
    WithinMultipleWithCause: (within_multiple_with_cause, within_multiple_numbers),  # type: ignore[dict-item]
    AfterExpensesWithinMultipleWithCause: (
        after_expenses_within_multiple_with_cause,  # type: ignore[dict-item]
        within_multiple_numbers,
    ),
    SpecialHardship: (special_hardship, special_hardship_numbers),  # type: ignore[dict-item]
    RestructuredEnterprise: (restructured_enterprise, no_numbers),  # type: ignore[dict-item]
    LongTermMigrantWorker: (long_term_migrant_worker, migrant_numbers),  # type: ignore[dict-item]
}


def _cause(rule: WithinMultipleWithCause, s: Situation) -> Verdict:
    causes = s.facts.causes
    if causes is None:
        return unknown("causes")
    if not causes.isdisjoint(rule.causes):
        return HOLDS
    if not causes.isdisjoint(rule.judged_causes):
        return JUDGEMENT
    return FAILS


def _absent_expenses(s: Situation) -> frozenset[str]:
    return frozenset(("necessary_expenses",)) if s.facts.necessary_expenses is None else frozenset()


def _shown_per_capita(s: Situation) -> object:
    per_capita = s.figures.per_capita()
    return None if per_capita is None else shown(per_capita, s.limits)


def _standard(standard: str, s: Situation) -> Numbers:
    return {
        "measure": s.measure,
        "standard_label": s.labels[standard],
        "standard": s.values[standard],
    }


def _multiple(rule: WithinMultipleWithCause, s: Situation) -> Numbers:
    multiple = s.values[rule.multiple]
    given = s.facts.causes or frozenset()
    return _standard(rule.standard, s) | {
        "percent": f"{(multiple * 100).normalize():f}%",
        "threshold": times(s.values[rule.standard], multiple),
        "causes": causes_text(given & set(rule.causes)),
        "judged": causes_text(given & set(rule.judged_causes)),
        "listed": causes_text((*rule.causes, *rule.judged_causes)),
    }
