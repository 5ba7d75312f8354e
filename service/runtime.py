"""What a process needs to serve or work: settings, database engine and sessions, the file store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from service.db import make_engine, make_sessionmaker
from service.migrate import upgrade
from service.settings import Settings
from service.store import FileStore


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    store: FileStore

    @classmethod
    def from_settings(cls, settings: Settings, *, migrate: bool | None = None) -> Runtime:
        settings.ensure_dirs()
        if settings.run_migrations if migrate is None else migrate:
            upgrade(settings.database_url)
        engine = make_engine(settings.database_url)
        return cls(
            settings=settings,
            engine=engine,
            sessions=make_sessionmaker(engine),
            store=FileStore(settings.file_store),
        )

    def close(self) -> None:
        self.engine.dispose()
