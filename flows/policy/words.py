"""Lists in explanation sentences, made once for every locale.

A :class:`~flows.i18n.Message` parameter is shown by the reader's translator, which knows single
values; a list of causes or rule names is therefore prepared as a
:class:`~flows.i18n.LocalizedText` holding the list in each locale (``患病、残疾和单亲`` /
``illness, disability, and single parenthood``), so that any ``t.render`` shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from babel.lists import format_list

from flows.i18n import SUPPORTED_LOCALES, LocalizedText, translator
from flows.policy.facts import CAUSE_LABELS, CAUSES, FACT_LABELS, FACT_NAMES


def causes_text(causes: Iterable[str]) -> LocalizedText:
    """The causes, in the contract's order, as one phrase per locale."""
    given = set(causes)
    return _labels(tuple(cause for cause in CAUSES if cause in given), is_cause=True)


def facts_text(facts: Iterable[str]) -> LocalizedText:
    """Fact names as people read them, in the contract's order."""
    given = set(facts)
    return _labels(tuple(fact for fact in FACT_NAMES if fact in given), is_cause=False)


def names_text(names: Iterable[LocalizedText]) -> LocalizedText:
    """Rule or exclusion names joined: ``rule A and rule C``."""
    return _names(tuple(names))


@cache
def _labels(keys: tuple[str, ...], *, is_cause: bool) -> LocalizedText:
    labels = CAUSE_LABELS if is_cause else FACT_LABELS
    joined = {
        locale: format_list(
            [translator(locale).gettext(labels[key]) for key in keys], locale=locale
        )
        for locale in SUPPORTED_LOCALES
    }
    return LocalizedText(**joined)


def titled_names_text(items: Iterable[tuple[LocalizedText, LocalizedText]]) -> LocalizedText:
    """Names with what they stand for: ``Exclusion X2 (owns a shop or employs others …)``."""
    return _names(
        tuple(
            LocalizedText(zh_CN=f"{name.zh_CN}（{title.zh_CN}）", en=f"{name.en} ({title.en})")
            for name, title in items
        )
    )


def titles_text(titles: Iterable[LocalizedText]) -> LocalizedText:
    """What rules say, joined by semicolons: each may hold commas of its own."""
    listed = tuple(titles)
    return LocalizedText(
        zh_CN="；".join(title.zh_CN for title in listed),
        en="; ".join(title.en for title in listed),
    )


@cache
def sentence_start(text: LocalizedText) -> LocalizedText:
    """``text`` to open a sentence with: a capital first letter in English."""
    return LocalizedText(zh_CN=text.zh_CN, en=text.en[:1].upper() + text.en[1:])


@cache
def _names(names: tuple[LocalizedText, ...]) -> LocalizedText:
    joined = {
        locale: format_list([name[locale] for name in names], locale=locale)
        for locale in SUPPORTED_LOCALES
    }
    return LocalizedText(**joined)
