"""Every outcome explains itself: a headline, the amounts, one sentence per rule, exclusions.

Sentences are :class:`~flows.i18n.Message` objects, so the same outcome reads in the worker's
language and in the officer's; amounts in them are ``Decimal`` and shown with ``t.money``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from flows.i18n import N_, LocalizedText, Message, Translator
from flows.policy import exclusions as exclusion_kinds
from flows.policy import rules as rule_kinds
from flows.policy.finding import Finding
from flows.policy.truth import State
from flows.policy.words import facts_text, names_text, titled_names_text

if TYPE_CHECKING:
    from flows.policy.outcome import Outcome

ADVISORY: Final = Message(N_("This pre-check is advisory: the union officer decides."))
_RULE_WORDS: Final = {
    State.HOLDS: N_("met"),
    State.FAILS: N_("not met"),
    State.JUDGEMENT: N_("for the officer to judge"),
    State.UNKNOWN: N_("cannot be decided yet"),
}
_EXCLUSION_WORDS: Final = {
    State.HOLDS: N_("applies"),
    State.FAILS: N_("does not apply"),
    State.UNKNOWN: N_("cannot be decided yet"),
}
_NOT_APPLICABLE: Final = N_("not applicable")
_HEAD: Final = N_("{name} ({title}): {verdict}.")
_JOINED: Final = N_("{first} {second}")


def explain(outcome: Outcome, t: Translator) -> list[str]:
    """The outcome's explanation as sentences in ``t``'s locale."""
    return [t.render(sentence) for sentence in outcome.explanation]


def sentences(outcome: Outcome) -> tuple[Message, ...]:
    """All sentences of an outcome: headline, amounts, rules, exclusions."""
    situation = outcome.situation
    earlier = {finding.item.id: finding.verdict for finding in outcome.findings}
    rules = [
        _sentence(
            finding,
            _NOT_APPLICABLE if finding.not_applicable else _RULE_WORDS[finding.verdict.state],
            rule_kinds.KINDS[type(finding.item)][1](finding.item, situation, earlier),
        )
        for finding in outcome.findings
    ]
    shown = [
        f
        for f in outcome.exclusion_findings
        if f.verdict.state is not State.FAILS or f.reason is not None
    ]
    exclusions = [
        _sentence(
            finding,
            _EXCLUSION_WORDS[finding.verdict.state],
            exclusion_kinds.KINDS[type(finding.item)][1](finding.item, situation),
        )
        for finding in shown
    ]
    if len(shown) < len(outcome.exclusion_findings):
        # Not named one by one: a list of codes ("X1, X2 …") tells a worker nothing.
        exclusions.append(
            Message(
                N_("None of the other exclusions applies.")
                if shown
                else N_("None of the exclusions applies.")
            )
        )
    return (*_headline(outcome), *_amounts(outcome), *rules, *exclusions)


def _headline(outcome: Outcome) -> list[Message]:
    policy: LocalizedText = outcome.source.title
    holding = names_text(f.item.name for f in outcome.findings if f.verdict.state is State.HOLDS)
    if outcome.outcome == "excluded":
        # The headline is all some people read: an exclusion's code alone would tell them nothing.
        excluding = titled_names_text(
            (f.item.name, f.item.title)
            for f in outcome.exclusion_findings
            if f.verdict.state is State.HOLDS
        )
        return [
            Message(
                N_("Under {policy} the household is excluded: {names}."),
                {"policy": policy, "names": excluding},
            )
        ]
    if outcome.outcome == "eligible":
        return [
            Message(
                N_("Likely eligible under {policy}, by {names}."),
                {"policy": policy, "names": holding},
            )
        ]
    if outcome.outcome == "not_eligible":
        return [
            Message(
                N_("Likely not eligible under {policy}: none of its rules is met."),
                {"policy": policy},
            )
        ]
    lines = []
    missing = facts_text(outcome.missing)
    if outcome.missing and outcome.rules:
        lines.append(
            Message(
                N_(
                    "Under {policy} the household would be eligible by {names}, but the outcome "
                    "stays open until these are given: {facts}."
                ),
                {"policy": policy, "names": holding, "facts": missing},
            )
        )
    elif outcome.missing:
        lines.append(
            Message(
                N_("Under {policy}, the outcome stays open until these are given: {facts}."),
                {"policy": policy, "facts": missing},
            )
        )
    judged = [f.item.name for f in outcome.findings if f.item.id in outcome.review]
    if judged:
        lines.append(
            Message(
                N_("Under {policy}, the union officer must judge {names}."),
                {"policy": policy, "names": names_text(judged)},
            )
        )
    return lines


def _amounts(outcome: Outcome) -> list[Message]:
    figures: Mapping[str, Decimal] = outcome.figures
    lines = []
    if "total_income" in figures:
        lines.append(
            Message(N_("Household income: {total} a month."), {"total": figures["total_income"]})
        )
    if outcome.source.spec.income.compares == "disposable" and "disposable_income" in figures:
        lines.append(
            Message(
                N_(
                    "Disposable income: {disposable} a month, after income tax and personal "
                    "social-security contributions."
                ),
                {"disposable": figures["disposable_income"]},
            )
        )
    size = outcome.facts.household_size
    if "per_capita_income" in figures and size is not None:
        lines.append(
            Message(
                N_("With {size} in the household, that is {amount} per person."),
                {"size": size, "amount": figures["per_capita_income"]},
            )
        )
    return lines


def _sentence(finding: Finding, word: str, numbers: Mapping[str, object]) -> Message:
    item = finding.item
    sentence = Message(_HEAD, {"name": item.name, "title": item.title, "verdict": Message(word)})
    if finding.reason is not None:
        sentence = _join(sentence, Message(finding.reason, numbers))
    if finding.verdict.state is State.UNKNOWN:
        missing = Message(N_("Not given: {facts}."), {"facts": facts_text(finding.verdict.missing)})
        sentence = _join(sentence, missing)
    return sentence


def _join(first: Message, second: Message) -> Message:
    return Message(_JOINED, {"first": first, "second": second})
