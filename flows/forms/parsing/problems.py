"""A rejected answer: what is wrong, as a catalog message, under a code a form can re-word."""

from __future__ import annotations

from flows.i18n import Message


class InvalidAnswer(ValueError):
    """The input cannot be accepted for this field.

    ``code`` names the problem (a form file may give its own wording per code in the field's
    ``errors``); ``message`` says in the reader's language what is wrong and what is expected.
    """

    def __init__(self, code: str, message: Message) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
