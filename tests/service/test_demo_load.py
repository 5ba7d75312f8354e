"""`serve --demo`: archive-layout filings become submitted applications, and sign-in tokens are issued."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from service.db_models import ApiToken, ApplicationRow
from service.demo_load import load_demo
from service.runtime import Runtime
from service.security import lookup_token
from tests.service.conftest import BIN_A, application_json, invoice_pdf, make_settings


def write_filing(folder: Path, n: int) -> Path:
    (folder / "files").mkdir(parents=True)
    data = application_json()
    data["applicant"]["name"] = f"Demo {n}"
    (folder / "application.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (folder / "files" / "invoice.pdf").write_bytes(invoice_pdf())
    return folder


def test_demo_filings_are_queued_once(tmp_path: Path) -> None:
    rt = Runtime.from_settings(make_settings(tmp_path / "svc"))
    folders = [write_filing(tmp_path / "corpus" / f"f{i}", i) for i in range(3)]
    first = load_demo(rt, folders)
    assert len(first.application_ids) == 3 and first.payer_bin == BIN_A
    again = load_demo(rt, folders)
    assert again.application_ids == []  # a non-empty database is left alone
    with rt.sessions() as s:
        rows = list(s.scalars(select(ApplicationRow)))
        assert sorted(r.applicant_name for r in rows) == ["Demo 0", "Demo 1", "Demo 2"]
        assert {r.status for r in rows} == {"received"} and all(len(r.files) == 1 for r in rows)
        mod = lookup_token(s, first.moderator_token)
        pay = lookup_token(s, first.payer_token)
        assert mod is not None and mod.role == "moderator"
        assert pay is not None and pay.role == "payer" and pay.bin == BIN_A
        assert len(list(s.scalars(select(ApiToken)))) == 4
