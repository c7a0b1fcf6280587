"""What the data files' loaders share: where in a file a validation error points."""

from __future__ import annotations


def location_in_file(data: object, location: tuple[int | str, ...]) -> str:
    """A pydantic error location as the file reads: ``fields[phone].options[0].label``.

    List positions are named by the item's ``id`` when it has one. What pydantic adds that the
    file does not say is left out: the class names of a union's members (``Equals`` …), a
    union member chosen by ``kind`` (``below_standard`` …), and the ``[key]`` of a bad
    mapping key.
    """
    shown: list[str] = []
    node = data
    for part in location:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            name = node.get("id") if isinstance(node, dict) else None
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
