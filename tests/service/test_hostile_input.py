"""Hostile HTTP input gets a clear 4xx or is stored safely, never a 500 - on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from tests.service.conftest import BACKENDS, BIN_A, Tokens, application_json, invoice_pdf, multipart

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"\x90" * 200


def post(
    client: TestClient,
    tokens: Tokens,
    app_part: str | bytes,
    files: list[Any] | None = None,
    who: str = "payer_a",
) -> Any:
    files = files if files is not None else [("files", ("invoice.pdf", invoice_pdf(), "application/pdf"))]
    return client.post(
        "/v1/applications",
        headers=tokens.auth(who),
        files=[("application", (None, app_part, "application/json")), *files],
    )


def shape_error(r: Any) -> dict[str, Any]:
    assert r.status_code == 422, r.text
    detail: dict[str, Any] = r.json()["detail"]
    return detail


def test_wrong_types_name_every_field(client: TestClient, tokens: Tokens) -> None:
    bad = {"applicant": {"name": 5, "bin": [], "kind": "trader"}, "goods": "many", "files": 3}
    detail = shape_error(post(client, tokens, json.dumps(bad)))
    assert detail["message"].startswith("the application JSON does not match the expected shape")
    locs = {tuple(e["loc"]) for e in detail["errors"]}
    assert {
        ("applicant", "name"),
        ("applicant", "bin"),
        ("applicant", "kind"),
        ("goods",),
        ("files",),
    } <= locs
    assert shape_error(post(client, tokens, "[1, 2"))["message"] == "the application part is not valid JSON"
    assert shape_error(post(client, tokens, "null"))["message"].startswith(
        "the application JSON does not match"
    )


@pytest.mark.parametrize("weight", ["1e308", "1" + "0" * 400, "1e999", "-1", "NaN", "Infinity"])
def test_huge_or_odd_numbers_are_refused(client: TestClient, tokens: Tokens, weight: str) -> None:
    text = json.dumps(application_json()).replace('"weight_kg": 11980.0', f'"weight_kg": {weight}')
    assert weight in text
    detail = shape_error(post(client, tokens, text))
    assert any(e["loc"][:3] in (["goods", 0, "weight_kg"], []) for e in detail["errors"]), detail


def test_huge_integer_where_a_string_is_due(client: TestClient, tokens: Tokens) -> None:
    text = json.dumps(application_json()).replace('"4011100003"', "1" + "0" * 400)
    detail = shape_error(post(client, tokens, text))
    assert ["goods", 0, "hs_code"] in [e["loc"] for e in detail["errors"]]


def test_unknown_fields_are_ignored_not_stored(client: TestClient, tokens: Tokens) -> None:
    data = application_json(unknown={"x": 1}, __proto__={"admin": True})
    data["applicant"]["role"] = "admin"
    data["goods"][0]["price"] = 10**30
    r = post(client, tokens, json.dumps(data))
    assert r.status_code == 202, r.text
    stored = client.get(r.json()["url"], headers=tokens.auth("payer_a")).json()
    assert stored["status"] == "done"
    assert "unknown" not in stored["application"] and "__proto__" not in stored["application"]
    assert (
        "role" not in stored["application"]["applicant"] and "price" not in stored["application"]["goods"][0]
    )


def test_ten_thousand_goods_lines_are_refused_quickly(client: TestClient, tokens: Tokens) -> None:
    line = application_json()["goods"][0]
    t0 = time.monotonic()
    r = post(client, tokens, json.dumps(application_json(goods=[line] * 10_000)))
    assert time.monotonic() - t0 < 10
    assert r.status_code == 413 and r.json()["detail"].startswith("at most 1000 goods lines per application")
    r = post(client, tokens, json.dumps(application_json(goods=[line] * 10_001)))
    assert r.status_code == 422  # beyond the contract's own bound
    r = client.post(
        "/v1/checks", **multipart(application_json(goods=[line] * 10_000), {"a.pdf": invoice_pdf()})
    )
    assert r.status_code == 413  # the one-shot check runs in the request: the cap matters even more there


def test_goods_line_limit_is_a_setting(tmp_path: Path, database_url: str) -> None:
    from service.security import Role, create_token
    from tests.service.conftest import make_settings

    app = create_app(make_settings(tmp_path, database_url=database_url, max_goods_lines=40))
    line = application_json()["goods"][0]
    with TestClient(app) as client:
        with app.state.runtime.sessions() as s:
            _, tok = create_token(s, Role.payer, bin=BIN_A)
            s.commit()
        auth = {"Authorization": f"Bearer {tok}"}
        for n, code in ((40, 202), (41, 413)):
            r = client.post(
                "/v1/applications",
                headers=auth,
                **multipart(application_json(goods=[line] * n), {"a.pdf": invoice_pdf()}),
            )
            assert r.status_code == code, r.text


def test_non_utf8_bytes_are_refused_not_read_as_latin1(client: TestClient, tokens: Tokens) -> None:
    cp1251 = json.dumps(application_json(), ensure_ascii=False).encode("cp1251")
    r = post(client, tokens, cp1251)
    assert r.status_code == 422 and r.json()["detail"] == "the form field 'application' is not valid UTF-8"
    r = post(client, tokens, b"\xff\xfe{\x00}")
    assert r.status_code == 422
    # a file name in another encoding is only a name: stored sanitised, never a path
    r = post(
        client,
        tokens,
        json.dumps(application_json()),
        files=[
            (
                "files",
                (
                    "сч\udcffет.pdf".encode("utf-8", "surrogateescape").decode("latin-1"),
                    invoice_pdf(),
                    "application/pdf",
                ),
            )
        ],
    )
    assert r.status_code == 202, r.text
    # the same bytes as UTF-8 go through
    assert (
        post(client, tokens, json.dumps(application_json(), ensure_ascii=False).encode()).status_code == 202
    )


def test_nul_characters_are_refused(client: TestClient, tokens: Tokens) -> None:
    data = application_json()
    data["applicant"]["name"] = "ТОО\x00 Drop"
    r = post(client, tokens, json.dumps(data))
    assert r.status_code == 422 and "NUL" in r.json()["detail"]["message"]


def test_malformed_bin_is_stored_and_reported(client: TestClient, tokens: Tokens) -> None:
    """An admin may file for anyone: a 30-character BIN is kept as typed and becomes a finding, not a 500."""
    data = application_json("1" * 30)
    r = post(client, tokens, json.dumps(data), who="admin")
    assert r.status_code == 202, r.text
    stored = client.get(r.json()["url"], headers=tokens.auth("admin")).json()
    assert stored["bin"] == "1" * 30 and stored["status"] == "done"
    assert "bin_invalid" in {f["code"] for f in stored["findings"]}


def test_path_like_file_name_is_stored_by_hash(
    client: TestClient, tokens: Tokens, settings: Settings
) -> None:
    pdf = invoice_pdf()
    etc_before = Path("/etc/passwd").read_bytes()
    r = post(
        client,
        tokens,
        json.dumps(application_json()),
        files=[("files", ("../../etc/passwd", pdf, "application/pdf"))],
    )
    assert r.status_code == 202, r.text
    stored = client.get(r.json()["url"], headers=tokens.auth("payer_a")).json()
    assert [(f["name"], f["sha256"]) for f in stored["files"]] == [
        ("passwd", hashlib.sha256(pdf).hexdigest())
    ]
    blob = (
        settings.file_store
        / stored["files"][0]["sha256"][:2]
        / stored["files"][0]["sha256"][2:4]
        / stored["files"][0]["sha256"]
    )
    assert blob.read_bytes() == pdf
    root = settings.file_store.parent
    assert not [p for p in root.rglob("*") if p.name == "passwd"]  # nothing on disk carries the client's name
    assert Path("/etc/passwd").read_bytes() == etc_before
    report = client.get(r.json()["url"] + "/report", headers=tokens.auth("payer_a")).json()
    assert {d["file"] for d in report["documents"]} == {"passwd"}
    client.cookies.set("docscreen_token", tokens.payer_a)
    page = client.get(f"/applications/{stored['id']}")
    assert page.status_code == 200 and "<strong>passwd</strong>" in page.text and "../" not in page.text
    page_url = f"{r.json()['url']}/files/{stored['files'][0]['sha256']}/pages/1.png"
    for box in ("nan,0,1,1", "inf,0,1,1", "1e300,0,1,1", "1,2,3"):
        assert client.get(page_url, params={"box": box}, headers=tokens.auth("payer_a")).status_code == 422, (
            box
        )
    raw = client.get(
        f"{r.json()['url']}/files/{stored['files'][0]['sha256']}", headers=tokens.auth("payer_a")
    )
    assert raw.headers["content-disposition"] == "attachment; filename*=UTF-8''passwd"


def test_executable_renamed_pdf_is_an_unsupported_file(client: TestClient, tokens: Tokens) -> None:
    files = [
        ("files", ("invoice.pdf", invoice_pdf(), "application/pdf")),
        ("files", ("scan.pdf", ELF, "application/pdf")),
    ]
    r = post(client, tokens, json.dumps(application_json()), files=files)
    assert r.status_code == 202, r.text
    stored = client.get(r.json()["url"], headers=tokens.auth("payer_a")).json()
    assert {f["name"]: f["kind"] for f in stored["files"]} == {
        "invoice.pdf": "pdf",
        "scan.pdf": "unsupported",
    }
    unsupported = [f for f in stored["findings"] if f["code"] == "unsupported_file"]
    assert [f["document"] for f in unsupported] == ["scan.pdf"] and unsupported[0]["evidence_url"] is None
    sha = hashlib.sha256(ELF).hexdigest()
    r = client.get(f"{r.json()['url']}/files/{sha}/pages/1.png", headers=tokens.auth("payer_a"))
    assert r.status_code == 415 and r.json()["detail"] == "No page images for unsupported files"


def test_empty_file_parts(client: TestClient, tokens: Tokens) -> None:
    r = post(
        client,
        tokens,
        json.dumps(application_json()),
        files=[("files", ("empty.pdf", b"", "application/pdf"))],
    )
    assert r.status_code == 202, r.text
    stored = client.get(r.json()["url"], headers=tokens.auth("payer_a")).json()
    assert stored["status"] == "done" and stored["files"][0]["size"] == 0
    assert {(f["code"], f["document"]) for f in stored["findings"]} & {
        ("unsupported_file", "empty.pdf"),
        ("unreadable_document", "empty.pdf"),
    }
    r = post(client, tokens, json.dumps(application_json()), files=[("files", ("", b"", "application/pdf"))])
    assert r.status_code == 422  # a part without a file name is no file
    r = post(client, tokens, json.dumps(application_json()), files=[])
    assert r.status_code == 422


def test_odd_query_and_path_values(client: TestClient, tokens: Tokens) -> None:
    m = tokens.auth("moderator")
    assert client.get("/v1/queue?offset=100000000000000000000", headers=m).status_code == 422
    assert client.get("/v1/applications?offset=-1", headers=m).status_code == 422
    r = client.get("/v1/queue?code=weight%00mismatch", headers=m)
    assert r.status_code == 422 and "finding codes" in r.json()["detail"]
    assert client.get("/v1/queue?since=2024-13-45", headers=m).status_code == 422
    for app_id in ("%00", "x" * 5000, "../../etc/passwd", "0" * 32):
        r = client.get(f"/v1/applications/{app_id}", headers=m)
        assert r.status_code == 404, app_id
    assert client.delete("/v1/tokens/99999999999999", headers=tokens.auth("admin")).status_code == 422
    r = client.post(
        "/v1/applications/" + "0" * 32 + "/decision",
        headers=m,
        json={"action": "approve", "comment": "a\x00"},
    )
    assert r.status_code == 422
    client.cookies.set("docscreen_token", tokens.moderator)
    assert client.get("/applications/%00").status_code == 404


def test_a_file_sent_without_a_file_name_is_named_in_the_refusal(client: TestClient, tokens: Tokens) -> None:
    """A part of the `files` field with no file name (or an empty one) is a file all the same: the answer says the
    name is missing, not that the bytes are not text."""
    for name in ("", None):
        r = post(client, tokens, json.dumps(application_json()), files=[("files", (name, invoice_pdf(), "application/pdf"))])
        assert r.status_code == 422, r.text
        detail = json.dumps(r.json()["detail"], ensure_ascii=False)
        assert "file name" in detail and "UTF-8" not in detail, detail
