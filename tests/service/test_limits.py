"""Uploads: size limits enforced while streaming (per file and per request), bad application JSON is a clear 422."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from tests.service.conftest import Tokens, application_json, invoice_pdf, make_settings, multipart


@pytest.fixture
def small(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(make_settings(tmp_path, max_file_bytes=20_000, max_request_bytes=60_000))
    with TestClient(app) as c:
        yield c


def test_oversized_file_is_413(small: TestClient) -> None:
    r = small.post("/v1/checks", **multipart(application_json(), {"big.pdf": b"%PDF-1.4\n" + b"0" * 30_000}))
    assert r.status_code == 413
    assert "limit" in r.json()["detail"]


def test_oversized_request_is_413(small: TestClient) -> None:
    files = {f"f{i}.pdf": b"%PDF-1.4\n" + b"0" * 15_000 for i in range(5)}
    r = small.post("/v1/checks", **multipart(application_json(), files))
    assert r.status_code == 413


def test_chunked_body_without_length_is_counted(small: TestClient) -> None:
    boundary = "xyzzy"

    def body() -> Iterator[bytes]:
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n'
        ).encode()
        for _ in range(100):
            yield b"%" * 1000
        yield f"\r\n--{boundary}--\r\n".encode()

    r = small.post(
        "/v1/checks",
        content=body(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Transfer-Encoding": "chunked"},
    )
    assert r.status_code == 413


def test_declared_content_length_over_limit_is_413(small: TestClient) -> None:
    r = small.post("/v1/checks", content=b"x" * 70_000, headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 413


def test_stored_submission_also_limited(small: TestClient) -> None:
    r = small.post(
        "/v1/applications", **multipart(application_json(), {"big.pdf": b"%PDF-1.4\n" + b"0" * 30_000})
    )
    assert r.status_code == 413  # refused before the token is even looked at


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        ("{not json", "not valid JSON"),
        ('{"applicant": {"bin": "1"}, "goods": []}', "does not match"),
        ('{"applicant": {}, "goods": [{"hs_code": "87", "weight_kg": -5}]}', "does not match"),
    ],
)
def test_bad_application_json_is_422(client: TestClient, tokens: Tokens, payload: str, needle: str) -> None:
    for url, headers in (("/v1/checks", {}), ("/v1/applications", tokens.auth("payer_a"))):
        r = client.post(url, headers=headers, **multipart(payload, {"a.pdf": invoice_pdf()}))
        assert r.status_code == 422, url
        assert needle in r.json()["detail"]["message"]
        assert r.json()["detail"]["errors"]


def test_missing_files_part_is_422(client: TestClient) -> None:
    import json

    r = client.post("/v1/checks", data={"application": json.dumps(application_json())})
    assert r.status_code == 422
