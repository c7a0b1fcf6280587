"""Settings: defaults, and one clear line with exit status 2 for a bad one."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, load_settings


def test_defaults_put_the_sqlite_file_in_the_data_directory(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    assert settings.effective_database_url == f"sqlite+aiosqlite:///{tmp_path / 'songnuan.db'}"
    assert settings.timezone == "Asia/Shanghai"
    assert settings.locale == "zh_CN"
    assert settings.bot_api_url == "https://api.telegram.org/bot"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "SONGNUAN_TIMEZONE",
            "Mars/Olympus",
            "setting SONGNUAN_TIMEZONE is invalid: "
            "expected an IANA time zone name such as Asia/Shanghai",
        ),
        ("SONGNUAN_LOCALE", "fr", "setting SONGNUAN_LOCALE is invalid: expected one of zh_CN, en"),
        (
            "SONGNUAN_SECRET_KEY",
            "short",
            "setting SONGNUAN_SECRET_KEY is invalid: expected base64 of 32 random bytes",
        ),
        (
            "SONGNUAN_LOG_LEVEL",
            "LOUD",
            "setting SONGNUAN_LOG_LEVEL is invalid: expected one of DEBUG, INFO, WARNING, ERROR",
        ),
        (
            "SONGNUAN_JOB_INTERVAL",
            "0",
            "setting SONGNUAN_JOB_INTERVAL is invalid: expected a number of seconds from 1 to 3600",
        ),
    ],
)
def test_a_malformed_setting_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value) == message


def test_the_job_interval_is_read_in_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SONGNUAN_JOB_INTERVAL", "2")
    assert load_settings().job_interval == dt.timedelta(seconds=2)


def test_the_command_line_exits_2_without_a_traceback(tmp_path: Path) -> None:
    env = {"SONGNUAN_TIMEZONE": "Nowhere/Land", "SONGNUAN_DATA_DIR": str(tmp_path), "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "db", "current"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "songnuan: setting SONGNUAN_TIMEZONE is invalid: expected an IANA time zone name "
        "such as Asia/Shanghai\n"
    )


def test_run_without_a_token_is_one_clear_line(tmp_path: Path) -> None:
    env = {"SONGNUAN_DATA_DIR": str(tmp_path), "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "songnuan: setting SONGNUAN_BOT_TOKEN is missing: "
        "expected the bot's token from @BotFather\n"
    )
