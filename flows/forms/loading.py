"""Loading form files: ``flows/forms/<form-id>/form.yaml``, validated, once each.

A broken file fails with the file, the field and what is wrong, e.g.
``flows/forms/jilin-2020/form.yaml: fields[phone].example.en: the field rejects it (invalid)``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from flows.datafiles import DataFileError, Problem, load_data_file
from flows.forms.integrity import problems
from flows.forms.schema import Form

FORMS_DIR: Final = Path(__file__).resolve().parent
FORM_FILE: Final = "form.yaml"


class FormFileError(DataFileError):
    """A form file that cannot be used; one line per problem: file, field, what is wrong."""


def load_form_file(path: Path) -> Form:
    """Read and validate one form file."""
    form = load_data_file(path, Form, error=FormFileError)
    found = problems(form)
    if path.parent.name != form.id and path.name == FORM_FILE:
        found.insert(0, Problem("id", f"{form.id!r} differs from the folder {path.parent.name!r}"))
    if found:
        raise FormFileError(path, found)
    return form


def available_forms(directory: Path | None = None) -> tuple[str, ...]:
    """The ids of the forms in the directory (default: the shipped ones), sorted."""
    root = directory or FORMS_DIR
    return tuple(sorted(path.parent.name for path in root.glob(f"*/{FORM_FILE}")))


def load_form(form_id: str, directory: Path | None = None) -> Form:
    """The form ``<directory>/<form_id>/form.yaml`` (shipped forms are loaded once)."""
    if directory is None:
        return _shipped(form_id)
    return load_form_file(directory / form_id / FORM_FILE)


@cache
def _shipped(form_id: str) -> Form:
    return load_form_file(FORMS_DIR / form_id / FORM_FILE)
