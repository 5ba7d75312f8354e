"""Background tasks. Acked late and idempotent: a job redone after a killed worker finds the same state."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task

from service.runtime import Runtime
from service.submissions import process

log = logging.getLogger(__name__)

try:  # the archive re-check's tasks run on the same workers when that module is present
    import service.recheck_celery  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the other package's state
    log.warning("archive re-check tasks not available: %s", exc)


def _runtime(app: Any) -> Runtime:
    rt = getattr(app, "docscreen_runtime", None)
    if rt is None:
        rt = Runtime.from_settings(app.docscreen_settings, migrate=False)
        app.docscreen_runtime = rt
    return rt


@shared_task(bind=True, name="service.tasks.process_application", acks_late=True, max_retries=3)
def process_application(self: Any, application_id: str, revision: int | None = None) -> str:
    rt = _runtime(self.app)
    with rt.sessions() as session:
        outcome = process(session, rt.store, application_id, revision)
    log.info("application %s: %s", application_id, outcome)
    return outcome
