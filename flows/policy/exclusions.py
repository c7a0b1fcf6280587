"""The kinds of exclusion a policy's ``exclusions`` are made of (Jilin 附件3 二, Henan's
Party-aid rule): any that holds makes the household ``excluded``, whatever else holds.

As with the rules, one function decides (verdict and explaining msgid), another gives the
numbers its sentence cites.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Final

from flows.i18n import N_
from flows.policy.income import shown, times
from flows.policy.schema import Exclusion, HousingAboveLimit, Stated
from flows.policy.situation import Situation
from flows.policy.truth import FAILS, HOLDS, State, Verdict, all_of, known, unknown

Judged = tuple[Verdict, str | None]

HOUSING_ABOVE: Final = N_(
    "The household owns {homes} homes with {area} m² in all, {per_person} m² per person, "
    "more than {limit} m²."
)
HOUSING_WITHIN: Final = N_(
    "The household owns {homes} homes with {area} m² in all, {per_person} m² per person, "
    "not more than {limit} m²."
)


def housing_above_limit(exclusion: HousingAboveLimit, s: Situation) -> Judged:
    """（一）拥有2套（含）以上住宅，且人均住房面积超过25平方米."""
    facts = s.facts
    if facts.homes_owned is None:
        homes = unknown("homes_owned")
    else:
        homes = known(facts.homes_owned >= s.values[exclusion.homes])
    if homes.state is State.FAILS:
        return FAILS, None
    if facts.housing_area_m2 is None or facts.household_size is None:
        if homes.state is State.UNKNOWN:
            return homes, None  # the area is asked only of a household with enough homes
        absent = [
            name for name in ("housing_area_m2", "household_size") if getattr(facts, name) is None
        ]
        return unknown(*absent), None
    limit = times(s.values[exclusion.area_per_person], facts.household_size)
    verdict = all_of((homes, known(facts.housing_area_m2 > limit)))
    if homes.state is not State.HOLDS:
        return verdict, None
    return verdict, HOUSING_ABOVE if verdict.state is State.HOLDS else HOUSING_WITHIN


def stated(exclusion: Stated, s: Situation) -> Judged:
    """A yes/no fact that excludes when it is true (a shop or employees, Party aid …)."""
    value = s.flag(exclusion.fact)
    return (unknown(exclusion.fact) if value is None else HOLDS if value else FAILS), None


def housing_numbers(exclusion: HousingAboveLimit, s: Situation) -> dict[str, object]:
    """What its sentence cites: homes, the area, the area per person and the limit."""
    facts = s.facts
    limit = s.values[exclusion.area_per_person]
    area, size = facts.housing_area_m2, facts.household_size
    per_person = None if area is None or size is None else shown(area / size, (limit,))
    return {
        "homes": facts.homes_owned,
        "area": _area(area),
        "per_person": _area(per_person),
        "limit": _area(limit),
    }


def no_numbers(exclusion: Exclusion, s: Situation) -> dict[str, object]:
    """Its sentence cites no numbers."""
    return {}


Kind = tuple[Callable[[Exclusion, Situation], Judged], Callable[..., dict[str, object]]]
KINDS: Final[Mapping[type, Kind]] = {
    HousingAboveLimit: (housing_above_limit, housing_numbers),  # type: ignore[dict-item]
    Stated: (stated, no_numbers),  # type: ignore[dict-item]
}


def _area(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")
