"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


class AwareDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime, stored in UTC; SQLite would otherwise hand back naive values."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        """Refuse naive datetimes and store the moment in UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: every stored moment must be aware")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        """Give the moment back as an aware UTC datetime."""
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Typed(TypeDecorator[T]):
    """A JSON column that holds one pydantic-validated type: the rest of the code sees typed
    values, never a bare dict. ``read`` turns the stored JSON into the type (returning None for
    what it cannot read), ``write`` the type into JSON-ready values."""

    impl = JSON
    cache_ok = True

    def __init__(self, read: Callable[[object], T | None], write: Callable[[T], object]) -> None:
        super().__init__()
        self.read = read
        self.write = write

    def process_bind_param(self, value: T | None, dialect: Dialect) -> Any:
        """The value as JSON-ready values."""
        return None if value is None else self.write(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> T | None:
        """The stored JSON as the type."""
        return None if value is None else self.read(value)


class EnumText(TypeDecorator[E]):
    """A string enum's member in a plain string column: the schema and the stored values are
    the enum's values, the code sees members (and may compare the column with either)."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> Any:
        """The member's value; refuses a string that is no member's."""
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        """The stored string as the enum's member."""
        return None if value is None else self.enum(value)
