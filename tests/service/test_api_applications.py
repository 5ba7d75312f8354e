"""Submitting, background processing (eager Celery), reports, re-checks on new files, decisions and the audit trail."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient

from checks.models import Application
from service.submissions import Upload, create_application
from tests.service.conftest import (
    BACKENDS,
    BIN_A,
    Tokens,
    application_json,
    invoice_pdf,
    multipart,
    packing_pdf,
)

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)


def submit(client: TestClient, tokens: Tokens, files: dict[str, bytes] | None = None) -> dict[str, object]:
    r = client.post(
        "/v1/applications",
        headers=tokens.auth("payer_a"),
        **multipart(application_json(), files or {"invoice.pdf": invoice_pdf()}),
    )
    assert r.status_code == 202, r.text
    return r.json()  # type: ignore[no-any-return]


def test_submit_is_stored_processed_and_reported(client: TestClient, tokens: Tokens) -> None:
    pdf = invoice_pdf()
    out = submit(client, tokens, {"invoice.pdf": pdf})
    app_id = out["id"]
    assert out["status"] == "received"
    detail = client.get(f"/v1/applications/{app_id}", headers=tokens.auth("payer_a")).json()
    assert detail["status"] == "done"
    assert detail["bin"] == BIN_A
    assert detail["files"][0]["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert detail["files"][0]["kind"] == "pdf"
    assert detail["files"][0]["declared_type"] == "invoiceimp"
    report = client.get(f"/v1/applications/{app_id}/report", headers=tokens.auth("payer_a")).json()
    assert report["verdict"] in ("pass", "needs_fix", "review")
    assert any(d["file"] == "invoice.pdf" for d in report["documents"])
    # the packing list, waybill and control pass are missing for an EAEU import: the checker must say so
    assert any(f["code"] == "missing_document" for f in report["findings"])
    assert detail["verdict"] == report["verdict"]
    # the blob is on disk under its hash, not its name
    store = client.app.state.runtime.store  # type: ignore[attr-defined]
    assert store.get(detail["files"][0]["sha256"]) == pdf


def test_adding_files_rechecks(client: TestClient, tokens: Tokens) -> None:
    app_id = submit(client, tokens)["id"]
    before = client.get(f"/v1/applications/{app_id}", headers=tokens.auth("payer_a")).json()
    r = client.post(
        f"/v1/applications/{app_id}/files",
        headers=tokens.auth("payer_a"),
        files=[("files", ("invoice.pdf", invoice_pdf("12000"), "application/pdf"))],
        data={"declared_types": '{"invoice.pdf": "packlist"}'},
    )
    assert r.status_code == 202, r.text
    assert r.json()["revision"] == before["revision"] + 1
    after = client.get(f"/v1/applications/{app_id}", headers=tokens.auth("payer_a")).json()
    assert after["status"] == "done"
    names = [f["name"] for f in after["files"]]
    assert names == ["invoice.pdf", "invoice (2).pdf"]
    assert after["files"][1]["declared_type"] == "packlist"
    report = client.get(f"/v1/applications/{app_id}/report", headers=tokens.auth("payer_a")).json()
    assert {d["file"] for d in report["documents"]} >= {"invoice.pdf", "invoice (2).pdf"}
    actions = [
        e["action"]
        for e in client.get(f"/v1/applications/{app_id}/audit", headers=tokens.auth("moderator")).json()
    ]
    assert actions.count("processed") == 2 and "files_added" in actions


def test_queue_filters_and_decision(client: TestClient, tokens: Tokens) -> None:
    app_id = submit(client, tokens)["id"]
    q = client.get("/v1/queue", headers=tokens.auth("moderator")).json()
    assert [i["id"] for i in q["items"]] == [app_id]
    item = q["items"][0]
    assert "missing_document" in item["codes"] and item["errors"] + item["warnings"] >= 1
    assert (
        client.get("/v1/queue?code=missing_document", headers=tokens.auth("moderator")).json()["total"] == 1
    )
    assert client.get("/v1/queue?code=vin_invalid", headers=tokens.auth("moderator")).json()["total"] == 0
    assert client.get("/v1/queue?since=2999-01-01", headers=tokens.auth("moderator")).json()["total"] == 0
    assert client.get("/v1/queue?verdict=bogus", headers=tokens.auth("moderator")).status_code == 422

    r = client.post(
        f"/v1/applications/{app_id}/decision", headers=tokens.auth("moderator"), json={"action": "reject"}
    )
    assert r.status_code == 422  # a rejection needs a comment
    r = client.post(
        f"/v1/applications/{app_id}/decision",
        headers=tokens.auth("moderator"),
        json={"action": "request_changes", "comment": "Приложите упаковочный лист"},
    )
    assert r.status_code == 200 and r.json()["decision"] == "changes_requested"
    assert client.get("/v1/queue", headers=tokens.auth("moderator")).json()["total"] == 0
    assert client.get("/v1/queue?decided=true", headers=tokens.auth("moderator")).json()["total"] == 1
    audit = client.get(f"/v1/applications/{app_id}/audit", headers=tokens.auth("moderator")).json()
    assert [e["action"] for e in audit][0] == "submitted"
    assert (
        audit[-1]["action"] == "decision" and audit[-1]["detail"]["comment"] == "Приложите упаковочный лист"
    )


def test_page_image_with_box(client: TestClient, tokens: Tokens) -> None:
    pdf = invoice_pdf()
    app_id = submit(client, tokens, {"invoice.pdf": pdf})["id"]
    sha = hashlib.sha256(pdf).hexdigest()
    url = f"/v1/applications/{app_id}/files/{sha}/pages/1.png"
    plain = client.get(url, headers=tokens.auth("payer_a"))
    boxed = client.get(url + "?box=60,50,300,80&unit=pt", headers=tokens.auth("payer_a"))
    assert plain.status_code == 200 and plain.headers["content-type"] == "image/png"
    assert plain.content.startswith(b"\x89PNG") and boxed.content.startswith(b"\x89PNG")
    assert plain.content != boxed.content
    assert client.get(url + "?box=1,2,3", headers=tokens.auth("payer_a")).status_code == 422
    assert (
        client.get(
            f"/v1/applications/{app_id}/files/{sha}/pages/9.png", headers=tokens.auth("payer_a")
        ).status_code
        == 404
    )
    raw = client.get(f"/v1/applications/{app_id}/files/{sha}", headers=tokens.auth("payer_a"))
    assert raw.status_code == 200 and raw.content == pdf


def test_findings_link_to_evidence(client: TestClient, tokens: Tokens) -> None:
    data = application_json(files={"packing.pdf": {"declared_type": "packlist"}})
    r = client.post(
        "/v1/applications", headers=tokens.auth("payer_a"), **multipart(data, {"packing.pdf": packing_pdf()})
    )
    app_id = r.json()["id"]
    detail = client.get(f"/v1/applications/{app_id}", headers=tokens.auth("moderator")).json()
    weight = [f for f in detail["findings"] if f["code"] == "weight_mismatch"]
    assert weight, detail["findings"]
    f = weight[0]
    assert (f["document"], f["page"], f["declared"]) == ("packing.pdf", 1, "11980")
    assert f["evidence_url"].startswith(
        f"/v1/applications/{app_id}/files/{f['file_sha256']}/pages/1.png?box="
    )
    assert "unit=pt" in f["evidence_url"]
    full = client.get(f["evidence_url"], headers=tokens.auth("moderator"))
    band = client.get(f["evidence_url"] + "&crop=1", headers=tokens.auth("moderator"))
    assert full.status_code == band.status_code == 200
    assert len(band.content) < len(full.content)  # the thumbnail is the band around the box


def test_unsupported_file_is_stored_and_reported(client: TestClient, tokens: Tokens) -> None:
    app_id = submit(
        client, tokens, {"invoice.pdf": invoice_pdf(), "setup.exe": b"MZ\x90\x00" + b"\x00" * 100}
    )["id"]
    detail = client.get(f"/v1/applications/{app_id}", headers=tokens.auth("payer_a")).json()
    kinds = {f["name"]: f["kind"] for f in detail["files"]}
    assert kinds == {
        "invoice.pdf": "pdf",
        "setup.exe": "unsupported",
    }  # sniffed from bytes, not the client's type
    codes = {(f["code"], f["document"]) for f in detail["findings"]}
    assert ("unsupported_file", "setup.exe") in codes


def test_path_like_file_names_are_sanitised(client: TestClient, tokens: Tokens) -> None:
    app_id = submit(client, tokens, {"../../etc/passwd.pdf": invoice_pdf()})["id"]
    detail = client.get(f"/v1/applications/{app_id}", headers=tokens.auth("payer_a")).json()
    assert detail["files"][0]["name"] == "passwd.pdf"


def test_report_not_ready_is_409(client: TestClient, tokens: Tokens) -> None:
    rt = client.app.state.runtime  # type: ignore[attr-defined]
    with rt.sessions() as s:
        app_in = Application.model_validate(application_json())
        row = create_application(s, rt.store, app_in, [Upload("a.pdf", invoice_pdf())], actor="test")
        s.commit()
        app_id = row.id
    r = client.get(f"/v1/applications/{app_id}/report", headers=tokens.auth("payer_a"))
    assert r.status_code == 409 and "received" in r.json()["detail"]


def _packing_xlsx(net: float) -> bytes:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["УПАКОВОЧНЫЙ ЛИСТ № 318 от 12.03.2024"])
    ws.append(["Наименование", "Код ТН ВЭД", "Мест", "Брутто, кг", "Нетто, кг"])
    ws.append(["Шины пневматические", "4011100003", 24, net + 470, net])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_spreadsheet_finding_shows_its_cell(client: TestClient, tokens: Tokens) -> None:
    """A workbook has no page picture: the evidence is its rows drawn as a table, the figure's cell framed."""
    import io

    import numpy as np
    from PIL import Image

    data = application_json(files={"packing.xlsx": {"declared_type": "packlist"}})
    r = client.post("/v1/applications", headers=tokens.auth("payer_a"),
                    **multipart(data, {"packing.xlsx": _packing_xlsx(12450.0)}))
    detail = client.get(f"/v1/applications/{r.json()['id']}", headers=tokens.auth("moderator")).json()
    [f] = [f for f in detail["findings"] if f["code"] == "weight_mismatch"]
    assert f["document"] == "packing.xlsx" and f["evidence_url"] and "unit=cell" in f["evidence_url"]
    shot = client.get(f["evidence_url"] + "&crop=1", headers=tokens.auth("moderator"))
    assert shot.status_code == 200 and shot.headers["content-type"] == "image/png"
    px = np.asarray(Image.open(io.BytesIO(shot.content)).convert("RGB")).astype(int)
    red = (px[..., 0] > 180) & (px[..., 1] < 80) & (px[..., 2] < 80)
    ys, xs = np.nonzero(red)
    assert red.sum() > 50, "the cell is framed"
    # the frame is in the net column, the last of five: right of the image's middle
    assert xs.min() > px.shape[1] * 0.6 and ys.min() > 0


def test_a_scan_pasted_into_a_word_document_shows_as_evidence(client: TestClient, tokens: Tokens) -> None:
    """The figure on a scan pasted into a .docx is framed on that scan, as on any scanned page."""
    import io

    import docx
    from docx.shared import Inches
    from PIL import Image

    from tests.makedocs import encode, page_image

    scan = encode(page_image(["УПАКОВОЧНЫЙ ЛИСТ № 318 от 12.03.2024", "Код ТН ВЭД 4011100003",
                              "Вес нетто: 12 450,0 кг"], dpi=150).convert("RGB"), "JPEG", quality=80)
    d = docx.Document()
    d.add_picture(io.BytesIO(scan), width=Inches(6))
    buf = io.BytesIO()
    d.save(buf)
    data = application_json(files={"packing.docx": {"declared_type": "packlist"}})
    r = client.post("/v1/applications", headers=tokens.auth("payer_a"), **multipart(data, {"packing.docx": buf.getvalue()}))
    detail = client.get(f"/v1/applications/{r.json()['id']}", headers=tokens.auth("moderator")).json()
    [f] = [f for f in detail["findings"] if f["code"] == "weight_mismatch"]
    assert f["evidence_url"] and f["page"] == 1
    shot = client.get(f["evidence_url"] + "&crop=1", headers=tokens.auth("moderator"))
    assert shot.status_code == 200 and Image.open(io.BytesIO(shot.content)).size[0] > 100
