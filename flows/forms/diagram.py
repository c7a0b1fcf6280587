"""A form as a Mermaid flowchart: the questions in order, a diamond where a condition decides,
each section's questions in a box of their own (the review's Edit changes a box at a time).

``songnuan form diagram ID`` prints it; each shipped form keeps a generated ``diagram.mmd``
beside its ``form.yaml``.
"""

from __future__ import annotations

from flows.forms.conditions import describe
from flows.forms.kinds import Field
from flows.forms.schema import Form


def mermaid(form: Form) -> str:
    """The flowchart of the form, as Mermaid source text: each section a box of its questions."""
    nodes: dict[str, list[str]] = {section.id: [] for section in form.sections}
    edges: list[str] = []
    outside = [f'    start(["{_quote(form.title.zh_CN)}"])']
    ends: list[tuple[str, str]] = [("start", "")]
    consent_placed = False
    for number, field in enumerate(form.fields, start=1):
        if field.is_sensitive and not consent_placed:
            outside.append('    consent{{"个人信息同意 / consent"}}')
            edges.extend(_connect(ends, "consent"))
            ends, consent_placed = [("consent", "agree")], True
        node = f"f_{field.id}"
        # Integrity has made every field name a section of the form.
        box = nodes.setdefault(field.section or "", [])
        box.append(f"        {node}{_shape(field, number)}")
        if field.when is None:
            edges.extend(_connect(ends, node))
            ends = [(node, "")]
        else:
            decision = f"c_{field.id}"
            box.append(f'        {decision}{{"{_quote(describe(field.when))}"}}')
            edges.extend(_connect(ends, decision))
            edges.append(f"    {decision} -->|yes| {node}")
            ends = [(node, ""), (decision, "no")]
    outside.append('    review[/"核对 / review"/]')
    edges.extend(_connect(ends, "review"))
    edges.append('    review --> submit(["提交 / submit"])')
    lines = ["flowchart TD", *outside]
    for section in form.sections:
        label = _quote(f"{section.label.zh_CN} / {section.label.en}")
        lines.extend((f'    subgraph s_{section.id}["{label}"]', *nodes[section.id], "    end"))
    return "\n".join([*lines, *edges]) + "\n"


def _shape(field: Field, number: int) -> str:
    label = f"{number}. {field.label.zh_CN} / {field.label.en}"
    details: list[str] = [field.type]
    if not field.required:
        details.append("optional")
    if field.is_sensitive:
        details.append("sensitive")
    text = _quote(f"{label}<br/><small>{', '.join(details)}</small>")
    return f'[["{text}"]]' if field.parts() else f'["{text}"]'


def _connect(ends: list[tuple[str, str]], target: str) -> list[str]:
    return [
        f"    {source} -->|{label}| {target}" if label else f"    {source} --> {target}"
        for source, label in ends
    ]


def _quote(text: str) -> str:
    return text.replace('"', "#quot;")
