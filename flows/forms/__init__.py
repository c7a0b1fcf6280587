"""Registration forms as data: ``flows/forms/<form-id>/form.yaml``, and the engine's pieces.

* :mod:`~flows.forms.schema` — the shape of a form (sections, fields, computed values, checks);
* :mod:`~flows.forms.kinds` — one module per kind of field (``type: text``, ``money``,
  ``choices`` …): its parameters, how its answers are read, answered with buttons, shown, and
  the fact they supply; the set is open (a kind registers itself);
* :mod:`~flows.forms.conditions`, :mod:`~flows.forms.computed`, :mod:`~flows.forms.checks` —
  when a field is asked, derived amounts, cross-checks: all declared in the data;
* :mod:`~flows.forms.parsing` — the readers of typed text the kinds use: normalise, check,
  return the canonical answer or say what is wrong;
* :mod:`~flows.forms.facts` — answers to the policy's facts; :mod:`~flows.forms.masking` —
  sensitive numbers as people may see them;
* :mod:`~flows.forms.loading` — files to validated forms; :mod:`~flows.forms.diagram` — Mermaid.
"""

from __future__ import annotations

from flows.forms.computed import computed_values
from flows.forms.facts import facts_from_answers
from flows.forms.kinds import Field, Option
from flows.forms.loading import FormFileError, available_forms, load_form, load_form_file
from flows.forms.schema import Form

__all__ = [
    "Field",
    "Form",
    "FormFileError",
    "Option",
    "available_forms",
    "computed_values",
    "facts_from_answers",
    "load_form",
    "load_form_file",
]
