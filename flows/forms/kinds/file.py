"""``file``: a photo or a document (or up to ``max_files`` of them, then Done)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from flows.forms.kinds.base import DONE, Answer, Field, Key, Outcome, Stay, register
from flows.forms.parsing import files
from flows.forms.parsing.files import FileRef
from flows.forms.parsing.problems import InvalidAnswer
from flows.forms.texts import Text
from flows.i18n import N_, Message

FileKind = Literal["photo", "document"]


@register
class FileField(Field):
    """A diagnosis, a certificate, a photo of a document."""

    type: Literal["file"]
    accept: tuple[FileKind, ...] = ("photo", "document")
    max_files: int = 1

    problem_codes: ClassVar = files.PROBLEMS | {"not_a_file"}
    typed: ClassVar = False
    takes_files: ClassVar = True
    collects: ClassVar = True
    unreadable: ClassVar = InvalidAnswer(
        "not_a_file", Message(N_("Please send a photo or a file."))
    )

    def read(self, text: str, today: dt.date) -> object:
        """Text is no file."""
        raise InvalidAnswer(
            "not_a_file", Message(N_("Please send a photo or a file, not a text message."))
        )

    def pending_at_start(self, current: object) -> object:
        """The files received so far, when more than one may be sent."""
        return [] if self.max_files > 1 else None

    def receive(self, file: FileRef, pending: object) -> Outcome:
        """One file answers; of several, the last (or Done) does."""
        value = files.check_file(file, self.accept)
        if self.max_files == 1:
            return Answer(value)
        received = [*(pending if isinstance(pending, list) else []), value]
        if len(received) >= self.max_files:
            return Answer(received)
        return Stay(received)

    def done(self, pending: object) -> Outcome:
        """The files received so far answer (none: the question stays)."""
        chosen = list(pending) if isinstance(pending, list) else []
        return Answer(chosen) if chosen else Stay(pending)

    def keys(self, pending: object, page: int) -> list[tuple[Key, ...]]:
        """Done, once a file of several has come."""
        if isinstance(pending, list) and pending:
            return [(Key(Message(N_("Done ✔")), DONE),)]
        return []

    def press(self, action: str, argument: str, pending: object) -> Outcome | None:
        """Done answers with the files so far."""
        return self.done(pending) if action == DONE else None

    def progress_note(self, pending: object) -> Text | None:
        """How many of how many have come."""
        if isinstance(pending, list) and pending:
            return Message(
                N_("{count} of at most {limit} received: send the next one, or press Done."),
                {"count": len(pending), "limit": self.max_files},
            )
        return None

    def show(self, value: object) -> Text:
        """A photo, a named file, or how many."""
        received = value if isinstance(value, list) else [value]
        if len(received) > 1:
            return Message(N_("{count} files received"), {"count": len(received)})
        first = received[0] if received else {}
        name = first.get("file_name") if isinstance(first, dict) else None
        if name:
            return Message(N_("File received: {name}"), {"name": name})
        return Message(N_("Photo received"))

    def files(self, value: object) -> list[dict[str, Any]]:
        """The files, one or several."""
        if isinstance(value, list):
            return [item for item in value if isinstance(item, dict)]
        return [value] if isinstance(value, dict) else []
