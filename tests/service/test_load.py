"""A short load run (bench.load) with the worker SIGKILLed mid-check: nothing lost, nothing checked twice.

Plus the claim that makes it so, in-process: a check whose worker died is released and redone once, a live claim is
left alone, and a check overtaken by new files does not store its report.
"""

from __future__ import annotations

import json
import os
import random
import socket
from pathlib import Path

import pytest
from sqlalchemy import select

from bench.load import LoadConfig, run_load
from checks.models import Application
from service.db_models import ApplicationRow, AuditEvent
from service.runtime import Runtime
from service.settings import Settings
from service.submissions import (
    Upload,
    add_files,
    create_application,
    process,
    release_stale_claims,
    worker_identity,
)
from tests.service.conftest import application_json, invoice_pdf, packing_pdf


def test_load_with_a_killed_worker_loses_nothing_and_checks_once(tmp_path: Path) -> None:
    from fixtures.generate import generate_filing

    # two producer filings (an invoice and a product passport, born-digital): cheap to check, so the run is short
    for k in range(2):
        generate_filing(
            tmp_path / "corpus", random.Random(k), "producer", [], scanned=False, filing_id=f"L{k}", seed=k
        )
    cfg = LoadConfig(
        payers=3,
        moderators=1,
        seconds=8,
        kill_worker=True,
        kill_at=0.2,  # at the first check in progress from then on
        payer_think=4.0,
        moderator_think=0.5,
        drain_timeout=60,
        extract_workers=1,
        root=tmp_path / "run",
        corpus=tmp_path / "corpus",
    )
    r = run_load(cfg)
    a = r["audit"]
    assert r["submissions"] >= 3 and r["queue_reads"] >= 3, r
    assert not r["errors"], r["error_samples"]
    assert r["drained"], f"the queue did not drain: {a['not_processed']}"
    assert a["lost"] == [] and a["stored_not_acknowledged"] == [] and a["files_bad"] == []
    assert a["processed_twice"] == [], a["processed_twice"]
    assert a["not_processed"] == [], a["not_processed"]
    assert a["processed_once"] == a["acknowledged"] == r["submissions"]
    # the kill happened, during a check, and a different worker process finished the job
    (kill,) = r["kills"]
    assert kill["old_pid"] != kill["new_pid"] and len(set(r["worker_pids"])) == 2
    assert kill["mid_check"] is not None
    assert kill["mid_check"] in a["checks_restarted"]
    assert r["exactly_once"]


def _dead_owner() -> str:
    """A claim owner on this host whose process has exited."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return f"{socket.gethostname()}/{pid}/1"


def _actions(rt: Runtime, app_id: str) -> list[str]:
    with rt.sessions() as s:
        return list(s.scalars(select(AuditEvent.action).where(AuditEvent.application_id == app_id)))


def test_claims_of_dead_and_live_workers(settings: Settings) -> None:
    rt = Runtime.from_settings(settings)
    app_in = Application.model_validate(application_json())
    with rt.sessions() as s:
        dead = create_application(s, rt.store, app_in, [Upload("invoice.pdf", invoice_pdf())], actor="t")
        live = create_application(s, rt.store, app_in, [Upload("invoice.pdf", invoice_pdf())], actor="t")
        dead.status, dead.claimed_by, dead.claimed_at = "processing", _dead_owner(), dead.created_at
        live.status, live.claimed_by, live.claimed_at = "processing", worker_identity(), live.created_at
        s.commit()
        dead_id, live_id = dead.id, live.id
    # a live claim is left alone, whoever asks; a dead one is taken over by the next job
    with rt.sessions() as s:
        assert process(s, rt.store, live_id, 1) == "skipped"
        assert process(s, rt.store, dead_id, 1) == "done"
        assert process(s, rt.store, dead_id, 1) == "skipped"
    assert _actions(rt, dead_id).count("processed") == 1
    # the sweep releases only dead claims
    with rt.sessions() as s:
        row = s.get(ApplicationRow, live_id)
        assert row is not None
        row.claimed_by = _dead_owner()
        s.commit()
        assert release_stale_claims(s) == [(live_id, 1)]
        assert release_stale_claims(s) == []
        again = s.get(ApplicationRow, live_id, populate_existing=True)
        assert again is not None and again.status == "received" and again.claimed_by is None
    with rt.sessions() as s:
        assert process(s, rt.store, live_id, 1) == "done"
    assert _actions(rt, live_id).count("processed") == 1
    assert "processing_abandoned" in _actions(rt, live_id)
    rt.close()


def test_new_files_during_a_check_supersede_it(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files added while revision 1 is checked: its report is not stored; revision 2's check stores one."""
    import service.pipeline as pipeline

    rt = Runtime.from_settings(settings)
    with rt.sessions() as s:
        row = create_application(
            s, rt.store, Application.model_validate(application_json()), [Upload("invoice.pdf", invoice_pdf())],
            actor="t",
        )  # fmt: skip
        s.commit()
        app_id = row.id
    real = pipeline.check_filing

    def check_and_add_files(*args: object, **kw: object) -> object:
        with rt.sessions() as s2:
            r2 = s2.get(ApplicationRow, app_id)
            assert r2 is not None
            add_files(s2, rt.store, r2, [Upload("packing.pdf", packing_pdf())], actor="t")
            s2.commit()
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "check_filing", check_and_add_files)
    with rt.sessions() as s:
        assert process(s, rt.store, app_id, 1) == "skipped"
    monkeypatch.setattr(pipeline, "check_filing", real)
    with rt.sessions() as s:
        assert process(s, rt.store, app_id, 2) == "done"
        final = s.get(ApplicationRow, app_id, populate_existing=True)
        assert final is not None and final.status == "done" and final.processed_revision == 2
    with rt.sessions() as s:
        revs = [
            json.loads(d).get("revision")
            for d in s.scalars(
                select(AuditEvent.detail_json).where(
                    AuditEvent.application_id == app_id, AuditEvent.action == "processed"
                )
            )
        ]
    assert revs == [2]
    rt.close()
