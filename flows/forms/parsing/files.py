"""Photos and documents: what a file must be to be accepted (type and size).

Images may be JPEG, PNG or WebP; documents PDF, JPEG or PNG; at most 20 MB, the size a bot
may download through the Bot API. Telegram re-encodes photos as JPEG and gives no MIME type.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import BaseModel, ConfigDict

from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, Message

PROBLEMS: Final = frozenset({"kind", "type", "size"})
MAX_BYTES: Final = 20 * 1024 * 1024
PHOTO_TYPES: Final = frozenset({"image/jpeg", "image/png", "image/webp"})
DOCUMENT_TYPES: Final = frozenset({"application/pdf", "image/jpeg", "image/png"})


class FileRef(BaseModel):
    """A file a user sent, as Telegram identifies it; the answer value of a file field."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file_id: str
    file_unique_id: str
    kind: Literal["photo", "document"]
    mime_type: str | None = None
    file_size: int | None = None
    file_name: str | None = None


def check_file(file: FileRef, accept: tuple[str, ...]) -> dict[str, object]:
    """The file's canonical answer value, if the field takes a file of this kind and size."""
    if file.kind not in accept:
        wanted = (
            N_("Please send this as a file (📎 → File), not as a compressed photo.")
            if "document" in accept
            else N_("Please send this as a photo.")
        )
        raise InvalidAnswer("kind", Message(wanted))
    mime = file.mime_type or ("image/jpeg" if file.kind == "photo" else None)
    allowed = PHOTO_TYPES if file.kind == "photo" else DOCUMENT_TYPES
    if mime not in allowed:
        raise InvalidAnswer(
            "type",
            Message(N_("This file type cannot be used: please send a PDF, JPEG or PNG file.")),
        )
    if file.file_size is not None and file.file_size > MAX_BYTES:
        raise InvalidAnswer(
            "size",
            Message(
                N_("This file is {size} MB; at most 20 MB can be accepted."),
                {"size": str(round(file.file_size / 1024 / 1024, 1))},
            ),
        )
    return file.model_copy(update={"mime_type": mime}).model_dump(mode="json")
