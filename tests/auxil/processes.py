"""What a ``songnuan`` child process needs to talk to the stand-in behind a real port."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import TEST_KEY

LOCAL_TOKEN = "5550001:LOCAL-TOKEN"


def environment_for(port: int, data: Path, database_url: str | None = None) -> dict[str, str]:
    """The environment of a bot on the stand-in at ``port``, its data in ``data``."""
    environment = {
        **os.environ,
        "SONGNUAN_BOT_TOKEN": LOCAL_TOKEN,
        "SONGNUAN_BOT_API_URL": f"http://127.0.0.1:{port}/bot",
        "SONGNUAN_BOT_FILE_URL": f"http://127.0.0.1:{port}/file/bot",
        "SONGNUAN_DATA_DIR": str(data),
        "SONGNUAN_SECRET_KEY": TEST_KEY,
    }
    environment.pop("SONGNUAN_DATABASE_URL", None)
    if database_url is not None:
        environment["SONGNUAN_DATABASE_URL"] = database_url
    return environment
