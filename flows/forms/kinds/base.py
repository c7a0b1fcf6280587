"""What every field kind shares, and the registry that makes the set of kinds open.

A kind is a pydantic model derived from :class:`Field`, with ``type: Literal["<name>"]``, its
own parameters and whatever behaviour differs from the defaults here, registered with
:func:`register`. Form files are validated through :data:`AnyField`, which picks the model by
the ``type`` the file gives; generic code (the registration engine, the review, the card) asks
the field, never its ``type``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Final, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, PlainValidator, StringConstraints, model_validator
from pydantic_core import ValidationError

from flows.forms.conditions import Condition
from flows.forms.masking import mask_number
from flows.forms.parsing.files import FileRef
from flows.forms.parsing.normalize import NOTHING_VISIBLE, one_line, visible
from flows.forms.parsing.problems import InvalidAnswer
from flows.forms.texts import Text
from flows.i18n import N_, LocalizedText, Message

# Ids travel in callback data ("r:t:<field>:<option>", at most 64 bytes), hence the limits.
FieldId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
OptionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=19)]

# The actions of the buttons that answer a question (the conversation's callback data names
# them; see :mod:`flows.registration.callbacks`).
CHOOSE: Final = "c"
TOGGLE: Final = "t"
DONE: Final = "done"
PAGE: Final = "pg"
YES: Final = "y"
NO: Final = "n"

UNREADABLE: Final = Message(
    N_("This kind of message cannot be read here: please type your answer.")
)


class Option(BaseModel):
    """One choice. ``facts`` are the policy values it stands for (default: its own id)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: OptionId
    label: LocalizedText
    facts: tuple[str, ...] | None = None

    def fact_values(self) -> tuple[str, ...]:
        """The policy fact values this option contributes."""
        return (self.id,) if self.facts is None else self.facts


@dataclass(frozen=True)
class Key:
    """A button that answers a question; the conversation adds the field's id to its data."""

    label: Text
    action: str
    argument: str | None = None


@dataclass(frozen=True)
class Answer:
    """The question is answered: store ``value`` and go on."""

    value: object


@dataclass(frozen=True)
class Stay:
    """The question stays: with ``pending`` (ticked options, files so far), on ``page``,
    with ``notice`` above it."""

    pending: object
    notice: Text | None = None
    page: int | None = None


Outcome = Answer | Stay


class Field(BaseModel):
    """One question of a form (or of a repeated group's entry): what every kind has.

    The defaults describe a question answered by typing one value, shown as typed.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: FieldId
    type: str
    label: LocalizedText
    help: LocalizedText | None = None
    example: LocalizedText | None = None
    required: bool = True
    when: Condition | None = None
    # The id of the form's section it belongs to (every top-level field names one).
    section: FieldId | None = None
    fact: str | None = None
    sensitive: bool = False
    unique: bool = False
    errors: dict[str, LocalizedText] = {}

    # The codes of the problems its answers can have (a form's ``errors`` may reword them).
    problem_codes: ClassVar[frozenset[str]] = frozenset()
    # Masked on screen and asked only after consent whatever the form says (ID, card, phone).
    always_sensitive: ClassVar[bool] = False
    # Answered by typing one value: it may be unique, and its example must read.
    typed: ClassVar[bool] = True
    # A number: computed values and comparisons may read it.
    numeric: ClassVar[bool] = False
    # A shared contact (Telegram's "share my number") answers it.
    takes_contact: ClassVar[bool] = False
    # A photo or a document answers it.
    takes_files: ClassVar[bool] = False
    # Answered in several steps (ticked boxes, files) that Done, pressed or typed, finishes.
    collects: ClassVar[bool] = False
    # A typed answer is shown back for the person to confirm before it is stored.
    confirms: ClassVar[bool] = False
    # The answers its answer gives too, by id (a resident ID gives sex, birth date and age),
    # each saying whether it is a number.
    gives: ClassVar[Mapping[str, bool]] = {}
    # A line that tells how to answer, under the question.
    instruction: ClassVar[Text | None] = None
    # Whether the question repeats the current answer (ticked boxes show it themselves).
    repeats_answer: ClassVar[bool] = True
    # What a message that is not text gets.
    unreadable: ClassVar[InvalidAnswer] = InvalidAnswer("unreadable", UNREADABLE)

    @model_validator(mode="before")
    @classmethod
    def _parameters_fit_the_kind(cls, data: Any) -> Any:
        # Another kind's parameter gets a message that names this kind; an unknown key is
        # left to extra="forbid".
        if isinstance(data, dict):
            misplaced = (set(data) & _PARAMETERS) - set(cls.model_fields)
            if misplaced:
                kind = data.get("type")
                raise ValueError(f"{', '.join(sorted(misplaced))} not allowed for type {kind}")
        return data

    @property
    def is_sensitive(self) -> bool:
        """Masked on screen and asked only after consent (ID, card and phone always are)."""
        return self.sensitive or self.always_sensitive

    # Reading typed text.

    def parse(self, typed: str, today: dt.date) -> object:
        """The canonical value of a typed answer, or :class:`InvalidAnswer`.

        Whatever the kind, the answer is first cut to what can be seen, on one line
        (:func:`~flows.forms.parsing.normalize.visible`); an answer with nothing visible left is
        refused. The readers of numbers, dates and numbers on cards fold it further with NFKC;
        free text stays NFC, so its Chinese full-width punctuation (``，``) stays as typed.
        """
        cleaned = one_line(visible(typed))
        if not cleaned and typed.strip():
            raise InvalidAnswer("empty", NOTHING_VISIBLE)
        return self.read(cleaned, today)

    def read(self, text: str, today: dt.date) -> object:
        """The canonical value of ``text`` (visible, on one line), or :class:`InvalidAnswer`."""
        raise NotImplementedError(f"a {self.type} field is not answered by typing")

    def echo(self, text: str) -> str | None:
        """A number typed for an :attr:`always_sensitive` kind as it may be shown back when the
        message is removed from the chat (``None``: it is not removed)."""
        return None

    # Answering with buttons, contacts and files.

    def pending_at_start(self, current: object) -> object:
        """What the question holds while it is being answered, when it is asked."""
        return None

    def keys(self, pending: object, page: int) -> list[tuple[Key, ...]]:
        """The buttons that answer the question, row by row."""
        return []

    def press(self, action: str, argument: str, pending: object) -> Outcome | None:
        """What a press of one of its buttons does (``None``: not one of them)."""
        return None

    def take(self, value: object, pending: object) -> Outcome:
        """What a typed (valid) answer does."""
        return Answer(value)

    def done(self, pending: object) -> Outcome:
        """Done, pressed or typed, for a kind that :attr:`collects`."""
        raise NotImplementedError(f"a {self.type} field has no Done")

    def receive(self, file: FileRef, pending: object) -> Outcome:
        """A photo or document sent for a question that :attr:`takes_files`."""
        raise NotImplementedError(f"a {self.type} field takes no files")

    def progress_note(self, pending: object) -> Text | None:
        """A line on how far the answer has come (files received so far)."""
        return None

    def derived(self, value: object, today: dt.date) -> dict[str, object]:
        """The answers its answer gives too (see :attr:`gives`)."""
        return {}

    # Showing answers.

    def shown(self, value: object) -> Text:
        """The answer as text (sensitive numbers masked)."""
        if value is None:
            return Message(N_("(not answered)"))
        if self.is_sensitive and isinstance(value, str):
            return self.masked(value)
        return self.show(value)

    def show(self, value: object) -> Text:
        """An answer that is neither missing nor masked, as text."""
        return str(value)

    def masked(self, value: str) -> str:
        """A sensitive answer as anyone may see it."""
        return mask_number(value)

    def in_full(self, value: str) -> str:
        """A sensitive answer as those allowed the full numbers see it."""
        return value

    def details(self, answers: Mapping[str, object]) -> list[Text]:
        """Lines under the answer on the review and the card."""
        return []

    def files(self, value: object) -> list[dict[str, Any]]:
        """The files the answer holds."""
        return []

    # The policy and the form's soundness.

    def fact_value(self, answer: object) -> object:
        """The policy fact's value that the answer gives (see :mod:`flows.forms.facts`)."""
        return answer

    def option(self, option_id: str) -> Option | None:
        """The option with this id, if the field has it."""
        return None

    def offered(self) -> tuple[Option, ...]:
        """The options it offers (none, unless it is answered by choosing)."""
        return ()

    def parts(self) -> tuple[Field, ...]:
        """The fields of each entry (none, unless it is a repeated group)."""
        return ()

    def faults(self) -> Iterator[tuple[str, str]]:
        """What is wrong in the field's own parameters that pydantic cannot see: (where
        under the field, what)."""
        return iter(())


K = TypeVar("K", bound=Field)

KINDS: dict[str, type[Field]] = {}
_PARAMETERS: set[str] = set()


def register(kind: type[K]) -> type[K]:
    """Make ``kind`` known to form files by its ``type`` (a class decorator)."""
    (name,) = get_args(kind.model_fields["type"].annotation)
    KINDS[name] = kind
    _PARAMETERS.update(set(kind.model_fields) - set(Field.model_fields))
    return kind


def field_of(data: object) -> Field:
    """A field of the kind its ``type`` names, validated."""
    if isinstance(data, Field):
        return data
    if not isinstance(data, Mapping):
        raise ValidationError.from_exception_data(
            "Field", [{"type": "dict_type", "loc": (), "input": data}]
        )
    if "type" not in data:
        raise ValidationError.from_exception_data(
            "Field", [{"type": "missing", "loc": ("type",), "input": data}]
        )
    kind = KINDS.get(data["type"]) if isinstance(data["type"], str) else None
    if kind is None:
        names = [repr(name) for name in KINDS]
        expected = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
        raise ValidationError.from_exception_data(
            "Field",
            [
                {
                    "type": "literal_error",
                    "loc": ("type",),
                    "input": data["type"],
                    "ctx": {"expected": expected},
                }
            ],
        )
    return kind.model_validate(data)


# A field in a form file: the model of the kind its ``type`` names.
AnyField = Annotated[Field, PlainValidator(field_of)]
