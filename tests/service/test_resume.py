"""Unfinished processing resumes at start-up; processing twice is harmless; migrations run at start-up."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select

from checks.models import Application
from service.app import create_app
from service.db_models import ApplicationRow, AuditEvent
from service.runtime import Runtime
from service.settings import Settings
from service.submissions import Upload, create_application, process
from tests.service.conftest import BACKENDS, application_json, invoice_pdf

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)


def test_startup_sweep_resumes_interrupted_work(settings: Settings) -> None:
    rt = Runtime.from_settings(settings)
    with rt.sessions() as s:
        app_in = Application.model_validate(application_json())
        received = create_application(s, rt.store, app_in, [Upload("invoice.pdf", invoice_pdf())], actor="t")
        stuck = create_application(s, rt.store, app_in, [Upload("invoice.pdf", invoice_pdf())], actor="t")
        stuck.status = "processing"  # a worker died half-way
        s.commit()
        ids = {received.id, stuck.id}
    rt.close()
    with TestClient(create_app(settings)) as client:
        rt2 = client.app.state.runtime  # type: ignore[attr-defined]
        with rt2.sessions() as s:
            rows = list(s.scalars(select(ApplicationRow).where(ApplicationRow.id.in_(ids))))
            assert {r.status for r in rows} == {"done"}


def test_processing_twice_is_harmless(settings: Settings) -> None:
    rt = Runtime.from_settings(settings)
    with rt.sessions() as s:
        app_in = Application.model_validate(application_json())
        row = create_application(s, rt.store, app_in, [Upload("invoice.pdf", invoice_pdf())], actor="t")
        s.commit()
        app_id = row.id
    with rt.sessions() as s:
        assert process(s, rt.store, app_id, 1) == "done"
    with rt.sessions() as s:
        first = s.get(ApplicationRow, app_id)
        assert first is not None
        report, findings = first.report_json, len(first.findings)
        assert process(s, rt.store, app_id, 1) == "skipped"
        assert process(s, rt.store, "nope", 1) == "missing"
    with rt.sessions() as s:
        again = s.get(ApplicationRow, app_id)
        assert again is not None and again.report_json == report and len(again.findings) == findings
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.application_id == app_id)))
        assert actions.count("processed") == 1


def test_migrations_create_schema_and_rerun(settings: Settings) -> None:
    Runtime.from_settings(settings).close()
    rt = Runtime.from_settings(settings)  # second upgrade is a no-op
    tables = set(inspect(rt.engine).get_table_names())
    assert {
        "api_tokens",
        "applications",
        "application_files",
        "findings",
        "audit_events",
        "alembic_version",
    } <= tables
