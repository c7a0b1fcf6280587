"""Reading the packaged data files (forms, policies, table layouts, reference lists).

One loader for all: read the YAML, validate it with a pydantic model or ``TypeAdapter``, and
report every problem at once, each with the file and the place in it, so that whoever edits a
file fixes it in one go.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

T = TypeVar("T")


class Problem(NamedTuple):
    """Where in the file (``fields[resident_id].example``) and what is wrong."""

    where: str
    what: str


class DataFileError(ValueError):
    """A data file that cannot be used; one line per problem: file, place in it, what is wrong."""

    def __init__(self, path: Path, problems: Iterable[tuple[str, str]]) -> None:
        found = [Problem(*problem) for problem in problems]
        super().__init__("\n".join(f"{path}: {where}: {what}" for where, what in found))
        self.path = path
        self.problems = found


def read_yaml(path: Path, error: type[DataFileError] = DataFileError) -> Any:
    """The file's YAML as plain data; a missing or malformed file raises ``error``."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as fault:
        raise error(path, [Problem("(file)", str(fault))]) from fault


def load_data_file(
    path: Path,
    shape: type[T] | TypeAdapter[T],
    *,
    error: type[DataFileError] = DataFileError,
    context: Mapping[str, object] | None = None,
) -> T:
    """Read ``path`` and validate it as ``shape``; every problem found raises ``error`` at once.

    ``context`` reaches the validators (``info.context``): what a file is checked against
    besides its own shape, such as the form a table layout reads.
    """
    data = read_yaml(path, error)
    adapter = shape if isinstance(shape, TypeAdapter) else TypeAdapter(shape)
    try:
        return adapter.validate_python(data, context=dict(context or {}))
    except ValidationError as fault:
        raise error(path, problems_in(data, fault)) from fault


def problems_in(data: object, error: ValidationError) -> list[Problem]:
    """Each of a validation error's faults, placed as the file reads.

    A list whose items are faulty is not also said to be too short: pydantic counts only the
    items that passed.
    """
    items = error.errors()
    deeper = {item["loc"][:depth] for item in items for depth in range(len(item["loc"]))}
    return [
        Problem(location_in_file(data, _location(item["loc"], item)), item["msg"])
        for item in items
        if not (item["type"] == "too_short" and item["loc"] in deeper)
    ]


def _location(location: tuple[int | str, ...], item: Any) -> tuple[int | str, ...]:
    """A whole file's unknown or missing tag is a fault of the tag's key (``kind``).

    Deeper down the item is named already (``rules[A]``), and its tag is what is wrong with it.
    """
    if not location and str(item["type"]).startswith("union_tag"):
        return (*location, str(item["ctx"]["discriminator"]).strip("'"))
    return location


def location_in_file(data: object, location: tuple[int | str, ...]) -> str:
    """A pydantic error location as the file reads: ``fields[phone].options[0].label``.

    List positions are named by the item's ``id`` when it has one (else its ``header``, as a
    table's columns are). What pydantic adds that the file does not say is left out: the class
    names of a union's members (``Equals`` …), a union member chosen by ``kind``
    (``below_standard`` …), and the ``[key]`` of a bad mapping key.
    """
    shown: list[str] = []
    node = data
    for part in location:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            name = (node.get("id") or node.get("header")) if isinstance(node, dict) else None
            if not shown:
                shown.append("")
            shown[-1] += f"[{name}]" if name else f"[{part}]"
        elif isinstance(node, dict) and part in node:
            node = node[part]
            shown.append(str(part))
        elif (
            part == "[key]"
            or (isinstance(part, str) and part[:1].isupper())
            or (isinstance(node, dict) and node.get("kind") == part)
        ):
            continue
        else:
            node = None
            shown.append(str(part))
    return ".".join(shown) or "(top level)"
