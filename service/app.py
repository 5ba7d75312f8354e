"""The FastAPI application: /v1 API, web pages, streaming upload limits, start-up migrations and resume sweep."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from service.api.routes import applications, checks, tokens
from service.celery_app import TASK_PROCESS, make_celery
from service.limits import BodyLimitMiddleware
from service.runtime import Runtime
from service.settings import Settings, get_settings
from service.submissions import unfinished

log = logging.getLogger(__name__)
APPLICATION_PART_BYTES = 16 * 1024 * 1024


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    runtime = Runtime.from_settings(settings)
    celery = make_celery(settings, runtime)

    def enqueue(application_id: str, revision: int) -> None:
        """Publish a processing job; a failed publish is not fatal: the row stays `received` for the sweep."""
        try:
            celery.tasks[TASK_PROCESS].apply_async(args=[application_id, revision])
        except Exception:
            if settings.celery_eager:
                raise
            log.exception("could not enqueue %s; it will be resumed at the next start-up", application_id)

    def resume() -> int:
        with runtime.sessions() as session:
            pending = unfinished(session)
        for app_id, revision in pending:
            enqueue(app_id, revision)
        return len(pending)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.resume_on_startup:
            n = resume()
            if n:
                log.info("re-enqueued %d unfinished application(s)", n)
        yield
        runtime.close()

    app = FastAPI(
        title="docscreen",
        version="0.1.0",
        summary="Checks the attachments of recycling-fee (EPR) applications against the declared goods lines",
        lifespan=lifespan,
        # the application part may carry up to 10,000 goods lines (~2 MB of JSON); Starlette's default is 1 MB
        form_limits={
            "max_part_size": APPLICATION_PART_BYTES,
            "max_files": settings.max_files_per_request + 1,
        },
    )
    app.state.settings = settings
    app.state.runtime = runtime
    app.state.celery = celery
    app.state.enqueue = enqueue
    app.state.resume = resume

    v1 = APIRouter(prefix="/v1")
    v1.include_router(checks.router)
    v1.include_router(applications.router)
    v1.include_router(tokens.router)
    app.include_router(v1)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    from service.web.routes import mount_web

    mount_web(app)
    app.add_middleware(
        BodyLimitMiddleware,
        max_request_bytes=settings.max_request_bytes,
        max_part_bytes=settings.max_file_bytes,
    )
    return app


EnqueueFn = Callable[[str, int], None]
