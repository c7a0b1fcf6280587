"""What one rule or exclusion says of a household."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from flows.i18n import LocalizedText
from flows.policy.truth import Verdict

if TYPE_CHECKING:
    from flows.policy.schema import Exclusion, Rule


class Finding(NamedTuple):
    """A rule's or exclusion's verdict, and the sentence (a msgid) that explains it.

    ``reason`` is ``None`` when there is nothing to add to the verdict; ``not_applicable``
    marks a rule that another rule keeps from applying (Henan's rules 1–3 for a migrant worker
    whose contract is too short). Made from an outcome's verdicts when it is read.
    """

    item: Rule | Exclusion
    verdict: Verdict
    reason: str | None = None
    not_applicable: bool = False

    @property
    def id(self) -> str:
        """The rule's or exclusion's id: ``A``, ``X1``, ``1``, ``P``."""
        return self.item.id

    @property
    def name(self) -> LocalizedText:
        """Its short name: ``rule A``."""
        return self.item.name

    @property
    def title(self) -> LocalizedText:
        """What it says, in a few words."""
        return self.item.title
