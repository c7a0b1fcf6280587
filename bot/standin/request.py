"""The HTTP seam: a ``telegram.request.BaseRequest`` answered by the stand-in, not the network."""

from __future__ import annotations

import json
from urllib.parse import unquote, urlsplit

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import FieldTuple, ODVInput
from telegram.request import BaseRequest, RequestData

from bot.standin.server import BotApiStandIn


class StandInRequest(BaseRequest):
    """Sends every Bot API call and file download to a :class:`BotApiStandIn`."""

    def __init__(self, server: BotApiStandIn) -> None:
        self.server = server

    @property
    def read_timeout(self) -> float | None:
        """No network, so no read timeout of its own."""
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer ``…/bot<token>/<method>`` calls and ``…/file/bot<token>/<path>`` downloads."""
        path = unquote(urlsplit(url).path)
        if "/file/bot" in path:
            file_path = path.split("/file/bot", 1)[1].split("/", 1)[1]
            content = self.server.download(file_path)
            return (200, content) if content is not None else (404, b"Not Found")
        api_method = path.rsplit("/", 1)[-1]
        if request_data is not None and not request_data.contains_files:
            # Encoded as the network request would be: a lone surrogate fails here as it does
            # in production (UnicodeEncodeError), not silently in memory.
            request_data.url_encoded_parameters()
        parameters = dict(request_data.parameters) if request_data else {}
        files = request_data.multipart_data if request_data else {}
        uploads = {name: _upload(field) for name, field in files.items()}
        status, body = await self.server.call(api_method, parameters, uploads)
        # ASCII escapes, as JSON on the wire may carry them: "\ud800" arrives as a lone surrogate.
        return status, json.dumps(body).encode()


def _upload(field: FieldTuple) -> tuple[str, bytes, str]:
    file_name, content, mime_type = field
    data = content if isinstance(content, bytes) else content.read()
    return file_name, data, mime_type
