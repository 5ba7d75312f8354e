"""ASGI middleware capping request bodies while they stream: the whole body and every multipart part.

Starlette does not cap multipart file parts and a chunked body has no Content-Length, so bytes are counted
as they arrive and the request is cut off with 413 as soon as a limit is crossed. Text fields (parts without a
file name) must be UTF-8: Starlette would silently read other bytes as Latin-1 and store mojibake, so they are
refused with 422 here, where the raw bytes are still seen; so is an attachment sent without a file name, which
would otherwise look like a text field.
"""

from __future__ import annotations

import codecs
import json

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyRefused(HTTPException):
    """An HTTPException so that FastAPI's form parsing re-raises it instead of turning it into a 400."""

    def __init__(self, detail: str, status_code: int = 413) -> None:
        super().__init__(status_code=status_code, detail=detail)


class BodyTooLarge(BodyRefused):
    pass


class NotUtf8(BodyRefused):
    def __init__(self, field: str) -> None:
        super().__init__(f"the form field {field!r} is not valid UTF-8", status_code=422)


class NoFileName(BodyRefused):
    def __init__(self, field: str) -> None:
        super().__init__(
            f"a part of the form field {field!r} has no file name: send each attachment as a file, with its name",
            status_code=422,
        )


FILE_FIELDS = frozenset({"files"})
"""Form fields that carry attachments: a part of one without a file name is a client's mistake, not a text field."""


class _PartCounter:
    """Feeds the body to a streaming multipart parser to measure each part and to check text parts are UTF-8."""

    def __init__(self, boundary: bytes, max_part: int) -> None:
        self.max_part = max_part
        self.size = 0
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._field = ""
        self._nameless = ""
        self._decoder: codecs.IncrementalDecoder | None = None
        self.parser = MultipartParser(
            boundary,
            {  # type: ignore[typeddict-item]
                "on_part_begin": self._begin,
                "on_part_data": self._data,
                "on_part_end": self._end,
                "on_header_field": self._hfield,
                "on_header_value": self._hvalue,
                "on_header_end": self._hend,
            },
        )

    def _begin(self) -> None:
        self.size = 0
        self._field = ""
        self._nameless = ""
        self._decoder = None

    def _hfield(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _hvalue(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _hend(self) -> None:
        if bytes(self._header_name).strip().lower() == b"content-disposition":
            _, params = parse_options_header(bytes(self._header_value))
            name = params.get(b"name", b"").decode("latin-1")[:100]
            if name in FILE_FIELDS and not (params.get(b"filename") or params.get(b"filename*")):
                self._nameless = name  # refused at its end if it carries bytes: a form's empty file row does not
            elif b"filename" not in params and b"filename*" not in params:
                self._field = name
                self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._header_name.clear()
        self._header_value.clear()

    def _data(self, data: bytes, start: int, end: int) -> None:
        self.size += end - start
        if self.size > self.max_part:
            raise BodyTooLarge(f"a file is larger than the limit of {self.max_part} bytes")
        if self._decoder is not None:
            try:
                self._decoder.decode(data[start:end])
            except UnicodeDecodeError:
                raise NotUtf8(self._field) from None

    def _end(self) -> None:
        if self._nameless and self.size:
            raise NoFileName(self._nameless)
        if self._decoder is not None:
            try:
                self._decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                raise NotUtf8(self._field) from None

    def feed(self, chunk: bytes) -> None:
        try:
            self.parser.write(chunk)
        except BodyRefused:
            raise
        except Exception:  # a malformed body is the form parser's to report, not ours
            self.parser = None  # type: ignore[assignment]

    @property
    def broken(self) -> bool:
        return self.parser is None


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_request_bytes: int, max_part_bytes: int) -> None:
        self.app = app
        self.max_request = max_request_bytes
        self.max_part = max_part_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_request:
            await _reject(send, f"the request is larger than the limit of {self.max_request} bytes")
            return
        counter: _PartCounter | None = None
        ctype, params = parse_options_header(headers.get("content-type", ""))
        if ctype == b"multipart/form-data" and params.get(b"boundary"):
            counter = _PartCounter(params[b"boundary"], self.max_part)
        total = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal total, counter
            message = await receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                total += len(body)
                if total > self.max_request:
                    raise BodyTooLarge(f"the request is larger than the limit of {self.max_request} bytes")
                if counter is not None and body:
                    counter.feed(body)
                    if counter.broken:
                        counter = None
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyRefused as exc:
            if started:
                raise
            await _reject(send, exc.detail, exc.status_code)


async def _reject(send: Send, detail: str, status: int = 413) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
