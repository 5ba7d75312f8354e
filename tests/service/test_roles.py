"""Access: payers see only their own BIN, moderators see all, admins manage tokens; tokens are stored hashed."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from service.db_models import ApiToken
from tests.service.conftest import BACKENDS, BIN_B, Tokens, application_json, invoice_pdf, multipart

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)


@pytest.fixture
def app_a(client: TestClient, tokens: Tokens) -> tuple[str, str]:
    pdf = invoice_pdf()
    r = client.post(
        "/v1/applications",
        headers=tokens.auth("payer_a"),
        **multipart(application_json(), {"invoice.pdf": pdf}),
    )
    assert r.status_code == 202, r.text
    return r.json()["id"], hashlib.sha256(pdf).hexdigest()


def test_other_bin_cannot_read_by_id(client: TestClient, tokens: Tokens, app_a: tuple[str, str]) -> None:
    app_id, sha = app_a
    urls = [
        f"/v1/applications/{app_id}",
        f"/v1/applications/{app_id}/report",
        f"/v1/applications/{app_id}/files/{sha}",
        f"/v1/applications/{app_id}/files/{sha}/pages/1.png",
    ]
    for url in urls:
        other = client.get(url, headers=tokens.auth("payer_b"))
        assert other.status_code == 404, url
        assert other.json() == {"detail": "Application not found"}
        assert client.get(url, headers=tokens.auth("payer_a")).status_code == 200, url
        assert client.get(url, headers=tokens.auth("moderator")).status_code == 200, url
    r = client.post(
        f"/v1/applications/{app_id}/files",
        headers=tokens.auth("payer_b"),
        files=[("files", ("x.pdf", invoice_pdf()))],
    )
    assert r.status_code == 404
    listing = client.get("/v1/applications", headers=tokens.auth("payer_b")).json()
    assert listing["total"] == 0
    assert [
        i["id"] for i in client.get("/v1/applications", headers=tokens.auth("payer_a")).json()["items"]
    ] == [app_id]


def test_missing_or_wrong_token_is_401(client: TestClient, app_a: tuple[str, str]) -> None:
    app_id, sha = app_a
    for url in (
        f"/v1/applications/{app_id}",
        "/v1/queue",
        f"/v1/applications/{app_id}/files/{sha}/pages/1.png",
    ):
        r = client.get(url)
        assert r.status_code == 401 and r.json() == {"detail": "Not authenticated"}
        r = client.get(url, headers={"Authorization": "Bearer dsk_not-a-token"})
        assert r.status_code == 401 and r.json() == {"detail": "Invalid or revoked token"}
    r = client.post("/v1/applications", **multipart(application_json(), {"a.pdf": invoice_pdf()}))
    assert r.status_code == 401


def test_role_guards(client: TestClient, tokens: Tokens, app_a: tuple[str, str]) -> None:
    app_id, _ = app_a
    r = client.get("/v1/queue", headers=tokens.auth("payer_a"))
    assert r.status_code == 403 and r.json() == {"detail": "Moderator role required"}
    r = client.get(f"/v1/applications/{app_id}/audit", headers=tokens.auth("payer_a"))
    assert r.status_code == 403
    r = client.post(
        f"/v1/applications/{app_id}/decision", headers=tokens.auth("payer_a"), json={"action": "approve"}
    )
    assert r.status_code == 403
    r = client.get("/v1/tokens", headers=tokens.auth("moderator"))
    assert r.status_code == 403 and r.json() == {"detail": "Admin role required"}
    # a payer files only for its own BIN
    r = client.post(
        "/v1/applications",
        headers=tokens.auth("payer_a"),
        **multipart(application_json(BIN_B), {"a.pdf": invoice_pdf()}),
    )
    assert r.status_code == 403
    assert client.get("/v1/queue", headers=tokens.auth("moderator")).json()["total"] == 1


def test_tokens_stored_hashed_and_revocable(client: TestClient, tokens: Tokens) -> None:
    created = client.post(
        "/v1/tokens", headers=tokens.auth("admin"), json={"role": "payer", "bin": BIN_B, "label": "new"}
    )
    assert created.status_code == 201
    plain = created.json()["token"]
    rt = client.app.state.runtime  # type: ignore[attr-defined]
    with rt.sessions() as s:
        rows = list(s.scalars(select(ApiToken)))
        dump = "\n".join(str(r) for r in s.execute(text("SELECT * FROM api_tokens")).all())
    assert hashlib.sha256(plain.encode()).hexdigest() in {r.token_hash for r in rows}
    for secret in (plain, tokens.payer_a, tokens.moderator, tokens.admin):
        assert secret not in dump
    listed = client.get("/v1/tokens", headers=tokens.auth("admin")).json()
    assert all("token" not in t for t in listed) and len(listed) == 5
    assert client.get("/v1/applications", headers={"Authorization": f"Bearer {plain}"}).status_code == 200
    tid = created.json()["id"]
    assert client.delete(f"/v1/tokens/{tid}", headers=tokens.auth("admin")).status_code == 204
    assert client.get("/v1/applications", headers={"Authorization": f"Bearer {plain}"}).status_code == 401
    bad = client.post("/v1/tokens", headers=tokens.auth("admin"), json={"role": "payer"})
    assert bad.status_code == 422
