"""POST /v1/checks: a one-shot check that stores nothing (beyond the extractor's OCR cache)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, UploadFile, status

from checks.models import Application, Report
from service.api.deps import LanguageDep, OptionalToken, SettingsDep
from service.api.uploads import parse_application, read_uploads
from service.filenames import sanitize_filename, unique_name
from service.submissions import declared_types

router = APIRouter(tags=["checks"])


@router.post(
    "/checks", response_model=Report, summary="Check an application and its files; nothing is stored"
)
def post_check(
    application: Annotated[
        str | UploadFile, Form(description="the application JSON (CONTRACT: Application input), as a field or a file")
    ],
    files: Annotated[list[UploadFile], File(description="one or more attachments")],
    settings: SettingsDep,
    token: OptionalToken,
    lang: LanguageDep,
) -> Report:
    if token is None and not settings.public_checks:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Not authenticated", headers={"WWW-Authenticate": "Bearer"}
        )
    app_in = parse_application(application, settings)
    from service.pipeline import InputFile, check_filing

    uploads = declared_types(app_in, read_uploads(files, settings))
    taken: set[str] = set()
    inputs = []
    decl = {}
    for up in uploads:
        name = unique_name(sanitize_filename(up.name), taken)
        taken.add(name)
        inputs.append(InputFile(name=name, data=up.data))
        decl[name] = {"declared_type": up.declared_type}
    data = app_in.model_dump()
    data["files"] = decl
    return check_filing(Application.model_validate(data), inputs, lang=lang)
