"""The Celery app. Embedded default: kombu's SQLAlchemy transport on a SQLite file, no extra server needed.

`celery -A service.celery_app worker` uses `app` below, configured from the environment; set CELERY_BROKER_URL
to redis://... or amqp://... to share the work between machines (docs/scaling.md).
"""

from __future__ import annotations

from typing import Any

from celery import Celery

from service.settings import Settings, get_settings

TASK_PROCESS = "service.tasks.process_application"


def make_celery(settings: Settings, runtime: Any | None = None) -> Celery:
    celery = Celery("docscreen", broker=settings.celery_broker_url, backend=settings.celery_result_backend)
    celery.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_always_eager=settings.celery_eager,
        task_eager_propagates=True,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
        imports=("service.tasks",),
    )
    celery.docscreen_settings = settings  # type: ignore[attr-defined]
    celery.docscreen_runtime = runtime  # type: ignore[attr-defined]
    import service.tasks  # noqa: F401  (registers the shared tasks on this app)

    return celery


app = make_celery(get_settings())
