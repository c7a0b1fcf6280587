"""The shape of a policy file, ``flows/policies/<policy-id>.yaml``.

A policy names the income it compares, its parameters (each a list of values with the date
each takes effect, as OpenFisca keeps them), the rules that make a household eligible and the
exclusions that override them. Rules and exclusions are instances of the kinds in
:mod:`flows.policy.rules` and :mod:`flows.policy.exclusions`: the file gives their parameters,
names and the notice's wording; the code gives their meaning.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from flows.i18n import LocalizedText

# flows.policy.facts takes CAUSES and FLAGS from these.
Cause = Literal[
    "illness",
    "serious_illness",
    "schooling",
    "disability",
    "single_parent",
    "disaster",
    "accident",
    "sudden_event",
    "laid_off",
    "other",
]
Flag = Literal[
    "owns_shop_or_employs",
    "children_private_school_or_abroad",
    "uses_ships_or_machinery",
    "untruthful",
    "party_aided",
    "enterprise_restructured",
    "laid_off_couple",
    "migrant_worker",
]
Unit = Literal["yuan", "times", "months", "homes", "m2"]
PolicyId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,8}$")]
ParameterName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DatedValue(_Strict):
    """One value of a parameter and the day from which it applies."""

    since: dt.date
    value: Decimal = Field(ge=0)
    source: str | None = Field(default=None, description="where the figure is stated")


class Parameter(_Strict):
    """A figure the rules use, with its history."""

    label: LocalizedText
    unit: Unit
    values: tuple[DatedValue, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Parameter:
        days = [value.since for value in self.values]
        if days != sorted(set(days)):
            raise ValueError("values must be listed by 'since', oldest first, one per date")
        return self

    def value_on(self, on: dt.date) -> DatedValue | None:
        """The value in force on the day, if any."""
        current = None
        for value in self.values:
            if value.since <= on:
                current = value
        return current


class AidAmounts(_Strict):
    """The amounts the last level grants: the standard ones (offered as buttons) and, dated
    like the parameters, the amount above which a grant is confirmed in words first."""

    standard: tuple[Decimal, ...] = ()
    confirm_above: tuple[DatedValue, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _dates_in_order(self) -> AidAmounts:
        days = [value.since for value in self.confirm_above]
        if days != sorted(set(days)):
            raise ValueError("confirm_above must be listed by 'since', oldest first, one per date")
        return self

    def confirm_above_on(self, on: dt.date) -> Decimal | None:
        """The confirmation bound in force on the day (None before the first)."""
        current = None
        for value in self.confirm_above:
            if value.since <= on:
                current = value.value
        return current


class Income(_Strict):
    """Which household income the policy compares with its standard."""

    compares: Literal["total", "disposable"]
    label: LocalizedText = Field(description="the compared amount per person, as sentences use it")
    source: str | None = None


class _Item(_Strict):
    id: ItemId
    name: LocalizedText = Field(description="short, e.g. 'rule A'")
    title: LocalizedText = Field(description="what it says, in a few words")
    source: str | None = Field(default=None, description="the notice's wording")


class BelowStandard(_Item):
    """Per-capita income below the standard (for enough consecutive months)."""

    kind: Literal["below_standard"]
    standard: ParameterName
    for_months: ParameterName | None = None


class WithinMultipleWithCause(_Item):
    """Per-capita income within a multiple of the standard, with a listed cause of hardship."""

    kind: Literal["within_multiple_with_cause"]
    standard: ParameterName
    multiple: ParameterName
    causes: tuple[Cause, ...] = Field(min_length=1)
    judged_causes: tuple[Cause, ...] = Field(default=(), description="'other special causes'")


class AfterExpensesWithinMultipleWithCause(WithinMultipleWithCause):
    """Like the above, on (income - necessary expenses) per person: the actual living level."""

    kind: Literal["after_expenses_within_multiple_with_cause"]  # type: ignore[assignment]


class SpecialHardship(_Item):
    """Special hardship from a cause: always the officer's judgement."""

    kind: Literal["special_hardship"]
    causes: tuple[Cause, ...] = Field(min_length=1)
    open_list: bool = Field(default=False, description="the notice's list ends in 等 (etc.)")


class RestructuredEnterprise(_Item):
    """Laid-off couples of a bankrupt, restructured or merged enterprise, and its other
    hardship workers (the latter by the officer's judgement)."""

    kind: Literal["restructured_enterprise"]


class LongTermMigrantWorker(_Item):
    """A migrant worker with a long enough contract who meets one of the listed rules; the
    listed rules count for a migrant worker only through this one."""

    kind: Literal["long_term_migrant_worker"]
    min_contract: ParameterName
    meets_any_of: tuple[ItemId, ...] = Field(min_length=1)


class HousingAboveLimit(_Item):
    """Owns at least so many homes and more living area per person than the limit."""

    kind: Literal["housing_above_limit"]
    homes: ParameterName
    area_per_person: ParameterName


class Stated(_Item):
    """A yes/no fact that, when true, excludes."""

    kind: Literal["stated"]
    fact: Flag


Rule = Annotated[
    BelowStandard
    | WithinMultipleWithCause
    | AfterExpensesWithinMultipleWithCause
    | SpecialHardship
    | RestructuredEnterprise
    | LongTermMigrantWorker,
    Field(discriminator="kind"),
]
Exclusion = Annotated[HousingAboveLimit | Stated, Field(discriminator="kind")]
# Each reference to a parameter, and the unit it must have.
_REFERENCES: Final[dict[str, Unit]] = {
    "standard": "yuan",
    "multiple": "times",
    "for_months": "months",
    "min_contract": "months",
    "homes": "homes",
    "area_per_person": "m2",
}


class PolicySpec(_Strict):
    """A whole policy file."""

    id: PolicyId
    title: LocalizedText
    source: LocalizedText = Field(description="the notice and the part of it the rules come from")
    income: Income
    parameters: dict[ParameterName, Parameter] = Field(min_length=1)
    rules: tuple[Rule, ...] = Field(min_length=1)
    exclusions: tuple[Exclusion, ...] = ()
    assume_when_missing: dict[Flag, bool] = Field(
        default_factory=dict, description="facts nobody is asked, e.g. set only by an officer"
    )
    aid_amounts: AidAmounts | None = None

    @model_validator(mode="after")
    def _references_resolve(self) -> PolicySpec:
        problems: list[str] = []
        ids = [item.id for item in (*self.rules, *self.exclusions)]
        doubled = sorted({item for item in ids if ids.count(item) > 1})
        if doubled:
            problems.append(f"rule and exclusion ids must be unique: {', '.join(doubled)}")
        for group, items in (("rules", self.rules), ("exclusions", self.exclusions)):
            for item in items:
                problems.extend(self._reference_problems(f"{group}[{item.id}]", item))
        for position, rule in enumerate(self.rules):
            if isinstance(rule, LongTermMigrantWorker):
                earlier = {other.id for other in self.rules[:position]}
                unknown = [ref for ref in rule.meets_any_of if ref not in earlier]
                if unknown:
                    problems.append(
                        f"rules[{rule.id}].meets_any_of: {', '.join(unknown)} "
                        "must be rules listed before it"
                    )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _reference_problems(self, where: str, item: _Item) -> list[str]:
        problems = []
        for attribute, unit in _REFERENCES.items():
            name = getattr(item, attribute, None)
            if name is None:
                continue
            parameter = self.parameters.get(name)
            if parameter is None:
                problems.append(f"{where}.{attribute}: no parameter {name!r}")
            elif parameter.unit != unit:
                problems.append(
                    f"{where}.{attribute}: parameter {name!r} is in {parameter.unit}, "
                    f"expected {unit}"
                )
        return problems
