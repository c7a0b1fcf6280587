"""Photos and documents: what a file must be to be accepted (type and size).

Images may be JPEG, PNG or WebP; documents PDF, JPEG or PNG; at most 20 MB, the size a bot
may download through the Bot API. Telegram re-encodes photos as JPEG and gives no MIME type; a
document's type is the one its content shows (:func:`content_type`), whatever its name says.
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


# The accepted types' signatures (their first bytes), so that a file is judged by what it
# holds, not by its name or the type the sender's phone declared: four fixed signatures need
# no library. WebP is RIFF, a size, then WEBP.
UNRECOGNISED: Final = "application/octet-stream"
SNIFFED_BYTES: Final = 12
_SIGNATURES: Final = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def content_type(head: bytes) -> str:
    """The type a file's first bytes show (:data:`UNRECOGNISED` for none accepted here)."""
    for signature, mime in _SIGNATURES:
        if head.startswith(signature):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return UNRECOGNISED


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
