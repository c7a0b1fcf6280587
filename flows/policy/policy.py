"""A loaded policy, and its parameters as they stand on a given day.

The version of a check is a hash of everything that decides an outcome on that day (the income
compared, the rules and exclusions with their settings, the parameter values in force), not of
the wording: a record stores it with its outcome, and a changed figure gives a new version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from flows.i18n import LocalizedText
from flows.policy.exclusions import KINDS as EXCLUSION_KINDS
from flows.policy.facts import Facts
from flows.policy.income import figures, times
from flows.policy.rules import KINDS as RULE_KINDS
from flows.policy.schema import LongTermMigrantWorker, PolicySpec
from flows.policy.situation import Situation

_WORDING = {"name", "title", "source"}


class PolicyDateError(ValueError):
    """A parameter has no value in force on the day asked for."""


@dataclass(frozen=True)
class Parameters:
    """A policy's parameter values in force on one day (``described``: as JSON shows them)."""

    on: dt.date
    values: Mapping[str, Decimal]
    since: Mapping[str, dt.date]
    dated: Mapping[str, tuple[Decimal, dt.date]]
    described: Mapping[str, Mapping[str, str]]
    version: str
    limits: tuple[Decimal, ...]


class Policy:
    """A validated policy file; its parameters by day are worked out once per day."""

    def __init__(self, spec: PolicySpec, path: Path | None = None) -> None:
        self.spec = spec
        self.path = path
        self.labels: Mapping[str, LocalizedText] = {
            name: parameter.label for name, parameter in spec.parameters.items()
        }
        self.names: Mapping[str, LocalizedText] = {
            item.id: item.name for item in (*spec.rules, *spec.exclusions)
        }
        standards = [getattr(rule, "standard", None) for rule in spec.rules]
        multiples = [getattr(rule, "multiple", None) for rule in spec.rules]
        # The figures report the first standard (M) and the first multiple of it (2·M).
        standard = next((name for name in standards if name), None)
        multiple = next(
            (m for s, m in zip(standards, multiples, strict=True) if s == standard and m), None
        )
        self.standards: tuple[str | None, str | None] = (standard, multiple)
        self.assumed: Mapping[str, bool] = {str(k): v for k, v in spec.assume_when_missing.items()}
        # Each rule with the function of its kind, looked up once rather than per household.
        self.rule_plan = tuple((rule, RULE_KINDS[type(rule)][0]) for rule in spec.rules)
        self.exclusion_plan = tuple(
            (exclusion, EXCLUSION_KINDS[type(exclusion)][0]) for exclusion in spec.exclusions
        )
        # Rules that decide whether other rules count (Henan 4 over 1–3), applied after all.
        self.gates = tuple(rule for rule in spec.rules if isinstance(rule, LongTermMigrantWorker))
        self._by_day: dict[dt.date, Parameters] = {}

    @property
    def id(self) -> str:
        """The policy id, e.g. ``jilin-2020``."""
        return self.spec.id

    @property
    def title(self) -> LocalizedText:
        """The policy's name in both locales."""
        return self.spec.title

    def parameters_on(self, on: dt.date) -> Parameters:
        """The values in force on ``on``; raises :class:`PolicyDateError` if one has none."""
        found = self._by_day.get(on)
        if found is None:
            found = self._by_day[on] = self._resolve(on)
        return found

    def situation(self, facts: Facts, parameters: Parameters) -> Situation:
        """What the rules read of a household, with the parameters of a day."""
        return Situation(
            facts,
            figures(facts, self.spec.income.compares),
            parameters.values,
            self.labels,
            self.names,
            self.spec.income.label,
            parameters.limits,
            self.assumed,
        )

    def _resolve(self, on: dt.date) -> Parameters:
        values: dict[str, Decimal] = {}
        since: dict[str, dt.date] = {}
        for name, parameter in self.spec.parameters.items():
            current = parameter.value_on(on)
            if current is None:
                first = parameter.values[0].since
                raise PolicyDateError(
                    f"{self.id}: parameter {name!r} has no value before {first.isoformat()}, "
                    f"so the policy cannot be applied on {on.isoformat()}"
                )
            values[name] = current.value
            since[name] = current.since
        return Parameters(
            on=on,
            values=values,
            since=since,
            dated={name: (value, since[name]) for name, value in values.items()},
            described={
                name: {"value": str(value), "since": since[name].isoformat()}
                for name, value in values.items()
            },
            version=self._version(values),
            limits=self._limits(values),
        )

    def _version(self, values: Mapping[str, Decimal]) -> str:
        deciding = self.spec.model_dump(
            mode="json",
            exclude={
                "title": True,
                "source": True,
                "parameters": True,
                "income": {"label", "source"},
                "rules": {"__all__": _WORDING},
                "exclusions": {"__all__": _WORDING},
            },
        )
        deciding["values"] = {name: str(value.normalize()) for name, value in values.items()}
        canonical = json.dumps(deciding, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:12]

    def _limits(self, values: Mapping[str, Decimal]) -> tuple[Decimal, ...]:
        limits: set[Decimal] = set()
        for rule in self.spec.rules:
            standard = getattr(rule, "standard", None)
            if standard is None:
                continue
            limits.add(values[standard])
            multiple = getattr(rule, "multiple", None)
            if multiple is not None:
                limits.add(times(values[standard], values[multiple]))
        return tuple(sorted(limits))
