"""Every outcome explains itself: a headline, the amounts, one sentence per rule, exclusions.

Sentences are :class:`~flows.i18n.Message` objects, so the same outcome reads in the worker's
language and in the officer's; amounts in them are ``Decimal`` and shown with ``t.money``.

Officers read rules by the notices' codes and words ("Rule B (within 200% …)"); a worker reads
the words alone (``codes=False``): "Rule B" or "Exclusion P" tells them nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from flows.i18n import N_, LocalizedText, Message, Translator
from flows.policy import exclusions as exclusion_kinds
from flows.policy import rules as rule_kinds
from flows.policy.finding import Finding
from flows.policy.truth import State
from flows.policy.words import (
    facts_text,
    names_text,
    sentence_start,
    titled_names_text,
    titles_text,
)

if TYPE_CHECKING:
    from flows.policy.outcome import Outcome
    from flows.policy.schema import Exclusion, Rule

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
_PLAIN_HEAD: Final = N_("{title}: {verdict}.")
_JOINED: Final = N_("{first} {second}")


def explain(outcome: Outcome, t: Translator, *, codes: bool = True) -> list[str]:
    """The outcome's explanation as sentences in ``t``'s locale; without the rules' codes
    (for the worker) unless ``codes``."""
    explanation = outcome.explanation if codes else sentences(outcome, codes=False)
    return [t.render(sentence) for sentence in explanation]


def sentences(outcome: Outcome, *, codes: bool = True) -> tuple[Message, ...]:
    """All sentences of an outcome: headline, amounts, rules, exclusions.

    Not ``codes``: rules and exclusions are named by their words only, wherever named.
    """
    situation = outcome.situation
    if not codes:
        situation = situation._replace(names={item.id: item.title for item in _items(outcome)})
    earlier = {finding.item.id: finding.verdict for finding in outcome.findings}
    rules = [
        _sentence(
            finding,
            _NOT_APPLICABLE if finding.not_applicable else _RULE_WORDS[finding.verdict.state],
            rule_kinds.KINDS[type(finding.item)][1](finding.item, situation, earlier),
            codes=codes,
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
            codes=codes,
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
    headline = _headline(outcome) if codes else _plain_headline(outcome)
    return (*headline, *_amounts(outcome), *rules, *exclusions)


def _items(outcome: Outcome) -> tuple[Rule | Exclusion, ...]:
    return (*outcome.source.spec.rules, *outcome.source.spec.exclusions)


def _plain_headline(outcome: Outcome) -> list[Message]:
    """The headline naming rules and exclusions by what they say, for the worker."""
    policy: LocalizedText = outcome.source.title

    def titles(findings: tuple[Finding, ...], keep: Callable[[Finding], bool]) -> LocalizedText:
        return titles_text(f.item.title for f in findings if keep(f))

    holding = titles(outcome.findings, lambda f: f.verdict.state is State.HOLDS)
    if outcome.outcome == "excluded":
        return [
            Message(
                N_("Under {policy} the household cannot be aided, as: {titles}."),
                {
                    "policy": policy,
                    "titles": titles(
                        outcome.exclusion_findings, lambda f: f.verdict.state is State.HOLDS
                    ),
                },
            )
        ]
    if outcome.outcome == "eligible":
        return [
            Message(
                N_("Likely eligible under {policy}: {titles}."),
                {"policy": policy, "titles": holding},
            )
        ]
    if outcome.outcome == "not_eligible":
        return _headline(outcome)
    lines = []
    missing = facts_text(outcome.missing)
    if outcome.missing and outcome.rules:
        lines.append(
            Message(
                N_(
                    "Under {policy} the household would be eligible ({titles}), but the outcome "
                    "stays open until these are given: {facts}."
                ),
                {"policy": policy, "titles": holding, "facts": missing},
            )
        )
    elif outcome.missing:
        lines.extend(_headline(outcome)[:1])
    judged = titles(outcome.findings, lambda f: f.item.id in outcome.review)
    if outcome.review:
        lines.append(
            Message(
                N_("Under {policy}, the union officer must judge these conditions: {titles}."),
                {"policy": policy, "titles": judged},
            )
        )
    return lines


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


def _sentence(
    finding: Finding, word: str, numbers: Mapping[str, object], *, codes: bool
) -> Message:
    item = finding.item
    verdict = Message(word)
    sentence = (
        Message(_HEAD, {"name": item.name, "title": item.title, "verdict": verdict})
        if codes
        else Message(_PLAIN_HEAD, {"title": sentence_start(item.title), "verdict": verdict})
    )
    if finding.reason is not None:
        sentence = _join(sentence, Message(finding.reason, numbers))
    if finding.verdict.state is State.UNKNOWN:
        missing = Message(N_("Not given: {facts}."), {"facts": facts_text(finding.verdict.missing)})
        sentence = _join(sentence, missing)
    return sentence


def _join(first: Message, second: Message) -> Message:
    return Message(_JOINED, {"first": first, "second": second})
