"""POST /v1/checks: the contract's report from a multipart upload, nothing stored."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from service.db_models import ApplicationRow
from tests.service.conftest import application_json, invoice_pdf, multipart


def test_check_returns_contract_report(client: TestClient) -> None:
    r = client.post("/v1/checks?lang=en", **multipart(application_json(), {"invoice.pdf": invoice_pdf()}))
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["verdict"] in ("pass", "needs_fix", "review")
    assert report["language"] == "en"
    docs = [d for d in report["documents"] if d["file"] == "invoice.pdf"]
    assert docs and docs[0]["pages"] == [1]
    for key in ("dates", "hs_codes", "vins", "countries", "bins"):
        assert key in docs[0]["fields"]
    assert {"code", "severity", "message"} <= set(report["findings"][0])
    rt = client.app.state.runtime  # type: ignore[attr-defined]
    with rt.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ApplicationRow)) == 0
    assert not any(p.is_file() for p in rt.store.root.rglob("*"))


def test_openapi_lists_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/v1/checks",
        "/v1/applications",
        "/v1/queue",
        "/v1/applications/{application_id}/decision",
        "/v1/applications/{application_id}/files/{sha256}/pages/{page}.png",
    ):
        assert path in spec["paths"], path


def test_the_application_may_come_as_a_file_part(client: TestClient) -> None:
    """`curl -F application=@app.json` sends the JSON as a file part, `-F application=<app.json` as a field: the
    contract says only "a JSON part", so both are taken; a file part that is not JSON still gets the clear 422."""
    text = json.dumps(application_json(), ensure_ascii=False).encode()
    files = [("application", ("application.json", text, "application/json")),
             ("files", ("invoice.pdf", invoice_pdf(), "application/pdf"))]
    r = client.post("/v1/checks?lang=en", files=files)
    assert r.status_code == 200, r.text
    assert any(d["file"] == "invoice.pdf" for d in r.json()["documents"])
    files[0] = ("application", ("application.json", b"{not json", "application/json"))
    r = client.post("/v1/checks?lang=en", files=files)
    assert r.status_code == 422 and "not valid JSON" in r.text
