"""Service settings from the environment (pydantic-settings); default secrets are refused outside development."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "docscreen-development-secret-change-me"
MB = 1024 * 1024


def _env(name: str) -> AliasChoices:
    """Accept both the bare name (DATABASE_URL) and the prefixed one (DOCSCREEN_DATABASE_URL)."""
    return AliasChoices(name, f"DOCSCREEN_{name}")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOCSCREEN_", extra="ignore", populate_by_name=True)

    environment: Annotated[
        Literal["development", "test", "production"], Field(validation_alias=_env("ENVIRONMENT"))
    ] = "development"
    database_url: Annotated[str, Field(validation_alias=_env("DATABASE_URL"))] = "sqlite:///var/docscreen.db"
    file_store: Annotated[Path, Field(validation_alias=_env("FILE_STORE"))] = Path("var/files")
    celery_broker_url: Annotated[str, Field(validation_alias=_env("CELERY_BROKER_URL"))] = (
        "sqla+sqlite:///var/broker.sqlite"
    )
    celery_result_backend: Annotated[str, Field(validation_alias=_env("CELERY_RESULT_BACKEND"))] = (
        "db+sqlite:///var/celery-results.sqlite"
    )
    celery_eager: Annotated[bool, Field(validation_alias=_env("CELERY_EAGER"))] = False
    secret_key: Annotated[SecretStr, Field(validation_alias=_env("SECRET_KEY"))] = SecretStr(DEV_SECRET)
    max_file_bytes: Annotated[int, Field(ge=1, validation_alias=_env("MAX_FILE_BYTES"))] = 50 * MB
    max_request_bytes: Annotated[int, Field(ge=1, validation_alias=_env("MAX_REQUEST_BYTES"))] = 200 * MB
    max_files_per_request: Annotated[int, Field(ge=1, le=1000, validation_alias=_env("MAX_FILES"))] = 100
    # the cross-document checks grow faster than linearly with the goods lines (1,000 lines take ~15 s on one
    # core); the cap keeps one submission from holding a worker for minutes
    max_goods_lines: Annotated[int, Field(ge=1, le=10000, validation_alias=_env("MAX_GOODS_LINES"))] = 1000
    public_checks: Annotated[bool, Field(validation_alias=_env("PUBLIC_CHECKS"))] = True
    default_language: Literal["ru", "kk", "en"] = "ru"
    run_migrations: bool = True
    resume_on_startup: bool = True

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.environment == "production" and self.secret_key.get_secret_value() in (DEV_SECRET, ""):
            raise ValueError("SECRET_KEY must be set to a non-default value outside development")
        if self.environment == "production" and len(self.secret_key.get_secret_value()) < 16:
            raise ValueError("SECRET_KEY must be at least 16 characters")
        return self

    @property
    def secure_cookies(self) -> bool:
        return self.environment == "production"

    def ensure_dirs(self) -> None:
        """Create the local folders the SQLite defaults point into (var/...)."""
        self.file_store.mkdir(parents=True, exist_ok=True)
        for url in (self.database_url, self.celery_broker_url, self.celery_result_backend):
            path = sqlite_path(url)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)


def sqlite_path(url: str) -> Path | None:
    """The file behind a sqlite URL (also sqla+sqlite / db+sqlite), or None for other databases."""
    for prefix in ("sqlite:///", "sqla+sqlite:///", "db+sqlite:///"):
        if url.startswith(prefix):
            rest = url[len(prefix) :].split("?", 1)[0]
            return Path(rest) if rest and rest != ":memory:" else None
    return None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
