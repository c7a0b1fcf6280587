"""The stand-in behind a real HTTP port, so that ``songnuan run`` can talk to it over the network.

Speaks the part of the Bot API's HTTP protocol python-telegram-bot uses: ``POST
/bot<token>/<method>`` with form-encoded, multipart or JSON parameters, and ``GET
/file/bot<token>/<path>`` for downloads.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.parser
import email.policy
import json
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from bot.standin.server import BotApiStandIn

# Parameters whose values python-telegram-bot sends JSON-encoded; the others are plain strings.
JSON_PARAMETERS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "allowed_updates",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
    }
)


class HttpStandIn:
    """Serves a :class:`BotApiStandIn` on a TCP port of this machine."""

    def __init__(self, server: BotApiStandIn) -> None:
        self.server = server
        self._listener: asyncio.Server | None = None

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Listen; the port actually bound (``0`` picks a free one)."""
        self._listener = await asyncio.start_server(self._serve, host, port)
        return int(self._listener.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        """Stop listening and drop open connections."""
        if self._listener is not None:
            self._listener.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._listener.wait_closed(), 1)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    return
                method, target, _ = request_line.decode("latin-1").split(" ", 2)
                headers = await _headers(reader)
                length = int(headers.get("content-length", "0"))
                body = await reader.readexactly(length) if length else b""
                status, content_type, payload = await self._answer(method, target, headers, body)
                writer.write(
                    f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\n"
                    f"Content-Type: {content_type}\r\n"
                    f"Content-Length: {len(payload)}\r\n\r\n".encode("latin-1")
                    + payload
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            return
        finally:
            writer.close()

    async def _answer(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, str, bytes]:
        path = unquote(urlsplit(target).path)
        if path.startswith("/file/bot"):
            content = self.server.download(path.split("/", 3)[3])
            if content is None:
                return 404, "text/plain", b"Not Found"
            return 200, "application/octet-stream", content
        parameters, files = _parameters(headers.get("content-type", ""), body, target)
        status, answer = await self.server.call(path.rsplit("/", 1)[-1], parameters, files)
        # ASCII escapes: a lone surrogate a user sent travels as "\ud800", as from Telegram.
        return status, "application/json", json.dumps(answer).encode()


async def _headers(reader: asyncio.StreamReader) -> dict[str, str]:
    headers: dict[str, str] = {}
    while True:
        line = (await reader.readline()).decode("latin-1").strip()
        if not line:
            return headers
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()


def _parameters(
    content_type: str, body: bytes, target: str
) -> tuple[dict[str, Any], dict[str, tuple[str, bytes, str]]]:
    files: dict[str, tuple[str, bytes, str]] = {}
    if content_type.startswith("application/json"):
        return (json.loads(body) if body else {}), files
    if content_type.startswith("multipart/form-data"):
        raw: dict[str, str] = {}
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode("latin-1") + body
        )
        for part in message.iter_parts():
            name = str(part.get_param("name", header="content-disposition"))
            content = part.get_payload(decode=True)
            assert isinstance(content, bytes)
            if part.get_filename() is not None:
                files[name] = (str(part.get_filename()), content, part.get_content_type())
            else:
                raw[name] = content.decode()
    else:
        raw = dict(parse_qsl(body.decode() or urlsplit(target).query, keep_blank_values=True))
    return {k: json.loads(v) if k in JSON_PARAMETERS else v for k, v in raw.items()}, files
