"""Whether a form can feed a policy: the facts the policy reads that the form never asks.

A campaign pairs one form with one policy. When the form asks nothing that supplies a fact the
policy's rules read, every pre-check stays open on it (or, for a flag the policy excludes on,
is silently wrong), so such a pair is refused when the campaign is made.
"""

from __future__ import annotations

import datetime as dt

from flows.forms.schema import Form
from flows.policy import Policy, evaluate, parse_facts


def asked_facts(form: Form) -> frozenset[str]:
    """The policy facts some field of the form supplies (group parts included)."""
    return frozenset(
        field.fact for top in form.fields for field in (top, *top.parts()) if field.fact is not None
    )


def unasked_facts(form: Form, policy: Policy, on: dt.date) -> tuple[str, ...]:
    """The facts ``policy`` reads on ``on`` that ``form`` never asks, in the facts' order.

    The policy is asked with no facts at all: what it then lists as missing is what its rules
    and exclusions read first. Facts it assumes when nobody is asked do not count.
    """
    needed = evaluate(policy, parse_facts({}), on=on).missing
    assumed = set(policy.spec.assume_when_missing)
    asked = asked_facts(form)
    return tuple(fact for fact in needed if fact not in asked and fact not in assumed)
