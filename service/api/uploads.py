"""Turning the multipart parts of a submission into a validated Application and uploads."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, UploadFile, status
from pydantic import ValidationError

from checks.models import Application
from service.settings import Settings
from service.submissions import Upload

APPLICATION_PART_BYTES = 1024 * 1024
"""The most an `application` part sent as a file may hold: the limit a form field has (Starlette's part size)."""


def application_text(part: str | bytes | UploadFile) -> str | bytes:
    """The `application` part's JSON, sent as a form field (`-F application=<app.json`) or as a file
    (`-F application=@app.json`): a client may do either, as the contract only says "a JSON part"."""
    if isinstance(part, (str, bytes)):
        return part
    data = part.file.read(APPLICATION_PART_BYTES + 1)
    if len(data) > APPLICATION_PART_BYTES:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            {"message": f"the application part is over {APPLICATION_PART_BYTES} bytes", "errors": []},
        )
    return data


def parse_application(text: str | bytes | UploadFile, settings: Settings | None = None) -> Application:
    """The `application` part, or a 422 saying what is wrong with it (413 beyond the goods-line limit)."""
    text = application_text(text)
    try:
        app = Application.from_json(text)
    except ValidationError as exc:
        errors: list[dict[str, Any]] = [
            {"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
            for e in exc.errors(include_url=False, include_context=False, include_input=False)
        ]
        if any(e["type"] == "json_invalid" for e in errors):
            message = "the application part is not valid JSON"
        else:
            message = (
                "the application JSON does not match the expected shape (see CONTRACT: Application input)"
            )
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, {"message": message, "errors": errors}
        ) from None
    if "\\u0000" in app.model_dump_json():  # databases cannot hold NUL in text columns
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            {"message": "the application JSON must not contain NUL characters", "errors": []},
        )
    if settings is not None and len(app.goods) > settings.max_goods_lines:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"at most {settings.max_goods_lines} goods lines per application; split it into several",
        )
    return app


def read_uploads(files: list[UploadFile], settings: Settings, *, require: bool = True) -> list[Upload]:
    """Read the file parts (already capped while streaming by BodyLimitMiddleware) and check the limits again."""
    parts = [f for f in files if f.filename]
    if require and not parts:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "at least one file is required")
    if len(parts) > settings.max_files_per_request:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE, f"at most {settings.max_files_per_request} files per request"
        )
    out = []
    for f in parts:
        f.file.seek(0)
        data = f.file.read(settings.max_file_bytes + 1)
        if len(data) > settings.max_file_bytes:
            raise HTTPException(
                status.HTTP_413_CONTENT_TOO_LARGE,
                f"a file is larger than the limit of {settings.max_file_bytes} bytes",
            )
        out.append(Upload(name=f.filename or "file", data=data))
    return out
