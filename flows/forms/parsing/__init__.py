"""Readers of typed text, one module per family of answers: normalise, check, return the
canonical value or raise :class:`InvalidAnswer` saying what is wrong.

A field's kind (:mod:`flows.forms.kinds`) says which reader its answers go through; the
readers also serve what is typed outside a form (a unit's phone, an imported ID, an amount).
"""

from __future__ import annotations

from flows.forms.parsing.problems import InvalidAnswer

__all__ = ["InvalidAnswer"]
