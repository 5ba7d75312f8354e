"""`docscreen serve --demo`: a handful of generated filings stored as submitted applications, plus sign-in tokens."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from checks.models import Application
from service.db_models import ApplicationRow
from service.runtime import Runtime
from service.security import Role, create_token
from service.submissions import Upload, create_application


@dataclass
class DemoLoad:
    application_ids: list[str]
    moderator_token: str
    payer_token: str
    payer_bin: str


def load_folders(rt: Runtime, folders: list[Path], *, language: str = "ru") -> list[str]:
    """Store each archive-layout filing (application.json + files/) as a submitted application."""
    ids = []
    with rt.sessions() as session:
        for folder in folders:
            app = Application.from_json((folder / "application.json").read_bytes())
            uploads = [
                Upload(p.name, p.read_bytes()) for p in sorted((folder / "files").iterdir()) if p.is_file()
            ]
            row = create_application(session, rt.store, app, uploads, actor="demo", language=language)
            ids.append(row.id)
        session.commit()
    return ids


def load_demo(rt: Runtime, folders: list[Path] | None = None) -> DemoLoad:
    """Load the demo filings once (an empty database only) and issue a moderator and a payer token."""
    if folders is None:
        from service.demo import demo_corpus

        folders = demo_corpus()
    with rt.sessions() as session:
        empty = (session.scalar(select(func.count()).select_from(ApplicationRow)) or 0) == 0
    ids = load_folders(rt, folders) if empty else []
    with rt.sessions() as session:
        first_bin = session.scalar(select(ApplicationRow.bin).order_by(ApplicationRow.created_at).limit(1))
        payer_bin = (
            first_bin if first_bin and len(first_bin) == 12 and first_bin.isdigit() else "000000000000"
        )
        _, moderator = create_token(session, Role.moderator, label="demo moderator")
        _, payer = create_token(session, Role.payer, bin=payer_bin, label="demo payer")
        session.commit()
    return DemoLoad(ids, moderator, payer, payer_bin)
