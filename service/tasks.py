"""Background tasks. Acked late and idempotent: a job redone after a killed worker finds the same state.

Each worker also runs a sweep (at start and every SWEEP_SECONDS): checks claimed by a process that died go back to
the queue, and, when the broker has no job waiting, so do applications left `received` without one. The claim in
`submissions.process` makes a job that exists twice harmless.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import Any

from celery import shared_task
from celery.signals import worker_ready, worker_shutdown
from sqlalchemy import Engine, create_engine, inspect, text

from service.runtime import Runtime
from service.submissions import process, release_stale_claims, waiting_without_job

log = logging.getLogger(__name__)
SWEEP_SECONDS = 15.0
RECEIVED_GRACE_SECONDS = 30.0
_runtime_lock = threading.Lock()
_sweep_stop = threading.Event()

try:  # the archive re-check's tasks run on the same workers when that module is present
    import service.recheck_celery  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the other package's state
    log.warning("archive re-check tasks not available: %s", exc)


def _runtime(app: Any) -> Runtime:
    with _runtime_lock:
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


def broker_queue_empty(app: Any) -> bool:
    """True if no job waits in the default queue (jobs already handed to a worker are not counted); False if unsure."""
    try:
        with app.connection_for_read() as conn:
            ok = conn.default_channel.queue_declare(queue=app.conf.task_default_queue, passive=True)
            return int(ok.message_count) == 0
    except Exception:  # noqa: BLE001 - an unreachable broker is reported by the worker itself
        return False


DELIVERED_KEPT = timedelta(hours=1)
_broker_engines: dict[str, Engine] = {}


def prune_delivered(broker_url: str, older_than: timedelta = DELIVERED_KEPT) -> int:
    """Deletes the messages the embedded broker delivered more than `older_than` ago; returns how many.

    kombu's SQLAlchemy transport keeps every delivered message (visible = false) for good, so the broker's file
    grew with every check ever made. A delivered message is never handed out again (the sweep above re-enqueues
    lost work), so nothing reads it; SQLite reuses the freed pages. Other brokers clean up after themselves."""
    if not broker_url.startswith("sqla+"):
        return 0
    engine = _broker_engines.get(broker_url)
    if engine is None:
        engine = _broker_engines[broker_url] = create_engine(broker_url.removeprefix("sqla+"))
    with engine.begin() as conn:
        if not inspect(conn).has_table("kombu_message"):
            return 0
        done = conn.execute(
            text("DELETE FROM kombu_message WHERE visible = :no AND timestamp < :before"),
            {"no": False, "before": datetime.now() - older_than},  # kombu stamps local time
        )
        return int(done.rowcount or 0)


def sweep(app: Any) -> int:
    """Enqueue again the checks nobody will finish; returns how many. Also prunes the embedded broker."""
    try:
        prune_delivered(app.docscreen_settings.celery_broker_url)
    except Exception:  # noqa: BLE001 - a busy or odd broker file is pruned next round
        log.warning("could not prune the broker's delivered messages", exc_info=True)
    rt = _runtime(app)
    with rt.sessions() as session:
        todo = release_stale_claims(session)
    if broker_queue_empty(app):
        with rt.sessions() as session:
            todo += waiting_without_job(session, RECEIVED_GRACE_SECONDS)
    for application_id, revision in todo:
        app.tasks["service.tasks.process_application"].apply_async(args=[application_id, revision])
    if todo:
        log.warning("re-enqueued %d application(s) whose check was lost: %s", len(todo), [t[0] for t in todo])
    return len(todo)


def _sweep_loop(app: Any) -> None:
    while True:
        try:
            sweep(app)
        except Exception:  # noqa: BLE001 - the next round tries again
            log.exception("the sweep failed")
        if _sweep_stop.wait(SWEEP_SECONDS):
            return


@worker_ready.connect
def _start_sweep(sender: Any = None, **_: Any) -> None:
    app = getattr(sender, "app", None)
    if app is None or getattr(app, "docscreen_settings", None) is None:
        return
    _sweep_stop.clear()
    threading.Thread(target=_sweep_loop, args=(app,), name="docscreen-sweep", daemon=True).start()


@worker_shutdown.connect
def _stop_sweep(**_: Any) -> None:
    _sweep_stop.set()
