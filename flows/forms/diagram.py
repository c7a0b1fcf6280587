"""A form as a Mermaid flowchart: the questions in order, a diamond where a condition decides.

``songnuan form diagram ID`` prints it; each shipped form keeps a generated ``diagram.mmd``
beside its ``form.yaml``.
"""

from __future__ import annotations

from flows.forms.conditions import describe
from flows.forms.schema import Field, Form


def mermaid(form: Form) -> str:
    """The flowchart of the form, as Mermaid source text."""
    lines = ["flowchart TD", f'    start(["{_quote(form.title.zh_CN)}"])']
    ends: list[tuple[str, str]] = [("start", "")]
    consent_placed = False
    for number, field in enumerate(form.fields, start=1):
        if field.is_sensitive and not consent_placed:
            lines.append('    consent{{"个人信息同意 / consent"}}')
            lines.extend(_connect(ends, "consent"))
            ends, consent_placed = [("consent", "agree")], True
        node = f"f_{field.id}"
        lines.append(f"    {node}{_shape(field, number)}")
        if field.when is None:
            lines.extend(_connect(ends, node))
            ends = [(node, "")]
        else:
            decision = f"c_{field.id}"
            lines.append(f'    {decision}{{"{_quote(describe(field.when))}"}}')
            lines.extend(_connect(ends, decision))
            lines.append(f"    {decision} -->|yes| {node}")
            ends = [(node, ""), (decision, "no")]
    lines.append('    review[/"核对 / review"/]')
    lines.extend(_connect(ends, "review"))
    lines.append('    review --> submit(["提交 / submit"])')
    return "\n".join(lines) + "\n"


def _shape(field: Field, number: int) -> str:
    label = f"{number}. {field.label.zh_CN} / {field.label.en}"
    details: list[str] = [field.type]
    if not field.required:
        details.append("optional")
    if field.is_sensitive:
        details.append("sensitive")
    text = _quote(f"{label}<br/><small>{', '.join(details)}</small>")
    return f'[["{text}"]]' if field.type == "group" else f'["{text}"]'


def _connect(ends: list[tuple[str, str]], target: str) -> list[str]:
    return [
        f"    {source} -->|{label}| {target}" if label else f"    {source} --> {target}"
        for source, label in ends
    ]


def _quote(text: str) -> str:
    return text.replace('"', "#quot;")
