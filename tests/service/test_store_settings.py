"""The content-addressed store, file-name sanitising, token hashing and settings that refuse default secrets."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pydantic import ValidationError

from service.filenames import sanitize_filename, unique_name
from service.security import hash_token, new_token
from service.settings import Settings
from service.store import BlobNotFound, FileStore


def test_store_is_content_addressed(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "blobs")
    data = b"%PDF-1.4 hello"
    sha = store.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert store.path_for(sha) == tmp_path / "blobs" / sha[:2] / sha[2:4] / sha
    assert store.put(data) == sha and store.get(sha) == data
    assert len([p for p in (tmp_path / "blobs").rglob("*") if p.is_file()]) == 1
    for bad in ("../../etc/passwd", "ABC", sha.upper()):
        with pytest.raises(BlobNotFound):
            store.get(bad)
    with pytest.raises(BlobNotFound):
        store.get("0" * 64)


def test_names_are_sanitised() -> None:
    assert sanitize_filename("..\\..\\windows\\win.ini") == "win.ini"
    assert sanitize_filename("a\x00b<c>.pdf") == "a_b_c_.pdf"
    assert len(sanitize_filename("я" * 500 + ".pdf")) <= 200
    assert sanitize_filename("я" * 500 + ".pdf").endswith(".pdf")
    assert unique_name("scan.jpg", {"scan.jpg"}) == "scan (2).jpg"


def test_tokens_are_random_and_hashed() -> None:
    a, b = new_token(), new_token()
    assert a != b and a.startswith("dsk_") and len(a) > 40
    assert hash_token(a) == hashlib.sha256(a.encode()).hexdigest() != hash_token(b)


def test_default_secret_refused_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(environment="production")
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("ENVIRONMENT", "production")
    assert Settings().secure_cookies
    assert Settings(environment="development").secret_key.get_secret_value() != "x"


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/a.db")
    monkeypatch.setenv("FILE_STORE", str(tmp_path / "f"))
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://localhost:6379/0")
    s = Settings()
    assert s.database_url.endswith("/a.db") and s.file_store == tmp_path / "f"
    assert s.celery_broker_url.startswith("redis://")
    assert Settings.model_fields["max_file_bytes"].default == 50 * 1024 * 1024
    assert Settings.model_fields["max_request_bytes"].default == 200 * 1024 * 1024
