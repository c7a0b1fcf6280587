"""Texts shown to people, kept neutral until a reader's locale is known.

A :data:`Text` is a catalog :class:`~flows.i18n.Message`, a data file's
:class:`~flows.i18n.LocalizedText`, a plain string (a name, a masked number), or a
:class:`Joined` sequence of these. :func:`render_text` turns one into the reader's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.i18n import N_, LocalizedText, Message, Translator


@dataclass(frozen=True)
class Joined:
    """Texts shown one after another with a separator between them."""

    parts: tuple[Text, ...]
    separator: str | Message = ""


Text = Message | LocalizedText | str | Joined

# ": " in English, "：" in Chinese.
LABEL_SEPARATOR = Message(N_(": "))


def labelled(label: Text, value: Text) -> Joined:
    """``label: value``, with the reader's language's colon."""
    return Joined((label, value), LABEL_SEPARATOR)


def render_text(text: Text, translator: Translator) -> str:
    """The text in the translator's locale."""
    if isinstance(text, str):
        return text
    if isinstance(text, LocalizedText):
        return translator.text(text)
    if isinstance(text, Joined):
        separator = text.separator
        between = separator if isinstance(separator, str) else translator.render(separator)
        return between.join(render_text(part, translator) for part in text.parts)
    params = {
        name: render_text(value, translator) if isinstance(value, Joined) else value
        for name, value in text.params.items()
    }
    return translator(text.msgid, **params)
