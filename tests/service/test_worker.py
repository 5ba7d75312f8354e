"""A real Celery worker process on the embedded broker (SQLite via kombu's SQLAlchemy transport) checks a submission."""

from __future__ import annotations

import os
import time
from pathlib import Path

from fastapi.testclient import TestClient

from service.app import create_app
from service.security import Role, create_token
from service.worker import start_worker, stop_worker
from tests.service.conftest import BIN_A, application_json, invoice_pdf, make_settings, multipart

REPO = Path(__file__).resolve().parents[2]


def test_worker_process_checks_a_submission(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, celery_eager=False)
    env = {
        "DATABASE_URL": settings.database_url,
        "FILE_STORE": str(settings.file_store),
        "CELERY_BROKER_URL": settings.celery_broker_url,
        "CELERY_RESULT_BACKEND": settings.celery_result_backend,
        "DOCSCREEN_CELERY_EAGER": "false",
        "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    app = create_app(settings)
    with TestClient(app) as client:
        with app.state.runtime.sessions() as s:
            _, token = create_token(s, Role.payer, bin=BIN_A)
            s.commit()
        auth = {"Authorization": f"Bearer {token}"}
        r = client.post(
            "/v1/applications", headers=auth, **multipart(application_json(), {"invoice.pdf": invoice_pdf()})
        )
        assert r.status_code == 202
        app_id = r.json()["id"]
        # acknowledged before any worker exists: the job waits in the broker
        assert client.get(f"/v1/applications/{app_id}", headers=auth).json()["status"] == "received"
        proc = start_worker(env, loglevel="WARNING")
        try:
            deadline = time.monotonic() + 60
            status = "received"
            while time.monotonic() < deadline and status not in ("done", "failed"):
                time.sleep(0.5)
                status = client.get(f"/v1/applications/{app_id}", headers=auth).json()["status"]
                assert proc.poll() is None, "worker exited"
        finally:
            stop_worker(proc)
        assert status == "done"
        report = client.get(f"/v1/applications/{app_id}/report", headers=auth).json()
        assert any(d["file"] == "invoice.pdf" for d in report["documents"])
