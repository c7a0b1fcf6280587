"""The bot's settings, read once from the environment or a ``.env`` file.

Every setting is named ``SONGNUAN_<NAME>``; README.md has the table. A missing or malformed
setting is reported as one line naming the setting (:func:`describe_error`).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from flows.i18n import DEFAULT_ZONE, SUPPORTED_LOCALES

ENV_PREFIX = "SONGNUAN_"


class Settings(BaseSettings):
    """Configuration of one Songnuan installation."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    bot_token: SecretStr | None = Field(
        default=None, description="the bot's token from @BotFather (needed by `songnuan run`)"
    )
    bot_username: str | None = Field(
        default=None, description="the bot's @username, for the invitation links the CLI prints"
    )
    data_dir: Path = Field(
        default=Path("data"),
        description="folder for the SQLite file, the key file and downloaded documents",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default: an SQLite file in the data directory",
    )
    bot_api_url: str = Field(
        default="https://api.telegram.org/bot",
        description="Bot API base URL; the token is appended to it",
    )
    bot_file_url: str = Field(
        default="https://api.telegram.org/file/bot",
        description="Bot API file download base URL; the token is appended to it",
    )
    timezone: str = Field(default=DEFAULT_ZONE.key, description="time zone of deadlines")
    locale: str = Field(default="zh_CN", description="language for users who chose none")
    secret_key: SecretStr | None = Field(
        default=None,
        description="base64 of 32 random bytes that encrypt personal data; default: a key file",
    )
    log_level: str = Field(default="INFO", description="logging level of the bot")
    job_interval: dt.timedelta = Field(
        default=dt.timedelta(seconds=60),
        description="how often reminders and broadcasts are sent; a sender that died loses its "
        "turn after one interval, and its messages in flight are sent again after two",
    )

    @field_validator("job_interval", mode="before")
    @classmethod
    def _seconds(cls, value: object) -> object:
        # The environment gives a string; an operator writes seconds, not an ISO duration.
        if isinstance(value, str):
            try:
                return dt.timedelta(seconds=float(value))
            except ValueError as error:
                raise ValueError("a number of seconds from 1 to 3600") from error
        return value

    @field_validator("job_interval")
    @classmethod
    def _sensible_interval(cls, value: dt.timedelta) -> dt.timedelta:
        if not dt.timedelta(seconds=1) <= value <= dt.timedelta(hours=1):
            raise ValueError("a number of seconds from 1 to 3600")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError("an IANA time zone name such as Asia/Shanghai") from error
        return value

    @field_validator("locale")
    @classmethod
    def _supported_locale(cls, value: str) -> str:
        if value not in SUPPORTED_LOCALES:
            raise ValueError(f"one of {', '.join(SUPPORTED_LOCALES)}")
        return value

    @field_validator("secret_key")
    @classmethod
    def _key_of_32_bytes(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        try:
            raw = base64.b64decode(value.get_secret_value(), validate=True)
        except binascii.Error as error:
            raise ValueError("base64 of 32 random bytes") from error
        if len(raw) != 32:
            raise ValueError("base64 of 32 random bytes")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        upper = value.upper()
        if upper not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("one of DEBUG, INFO, WARNING, ERROR")
        return upper

    @property
    def zone(self) -> ZoneInfo:
        """The installation's time zone: of deadlines, reminders, and every moment shown."""
        return ZoneInfo(self.timezone)

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or the embedded SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'songnuan.db').resolve()}"


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line for the operator."""


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one clear :class:`SettingsError`."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(describe_error(error)) from None


def describe_error(error: ValidationError) -> str:
    """One line naming the first bad setting and what it expects."""
    first = error.errors()[0]
    name = ENV_PREFIX + str(first["loc"][0]).upper() if first["loc"] else "settings"
    expected = str(first.get("ctx", {}).get("error", first["msg"]))
    return f"setting {name} is invalid: expected {expected}"
