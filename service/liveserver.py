"""A real server on loopback for browser tests and the load bench: uvicorn in a thread, workers as child processes.

Everything lives under one scratch folder (SQLite database, broker, file store) unless a database URL is given,
so a run never touches var/ and can be thrown away.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from service.settings import Settings
from service.worker import start_worker, stop_worker

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def scratch_settings(root: Path, *, database_url: str | None = None, **over: Any) -> Settings:
    """Settings pointing every file (database, broker, results, store) into `root`."""
    base: dict[str, Any] = {
        "database_url": database_url or f"sqlite:///{root}/docscreen.db",
        "file_store": root / "files",
        "celery_broker_url": f"sqla+sqlite:///{root}/broker.sqlite",
        "celery_result_backend": f"db+sqlite:///{root}/results.sqlite",
        "celery_eager": False,
        "environment": "test",
    }
    base.update(over)
    return Settings(**base)


def worker_env(settings: Settings) -> dict[str, str]:
    """The environment a worker child needs to see the same database, store and broker as the server."""
    return {
        "DATABASE_URL": settings.database_url,
        "FILE_STORE": str(settings.file_store),
        "CELERY_BROKER_URL": settings.celery_broker_url,
        "CELERY_RESULT_BACKEND": settings.celery_result_backend,
        "DOCSCREEN_CELERY_EAGER": "true" if settings.celery_eager else "false",
        "DOCSCREEN_ENVIRONMENT": settings.environment,
        "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }


class Worker:
    """One Celery worker child that can be killed hard and started again."""

    def __init__(self, settings: Settings, *, concurrency: int = 1, loglevel: str = "WARNING") -> None:
        self.env = worker_env(settings)
        self.concurrency = concurrency
        self.loglevel = loglevel
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        pool = "solo" if self.concurrency == 1 else "prefork"
        self.proc = start_worker(self.env, concurrency=self.concurrency, pool=pool, loglevel=self.loglevel)

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would: no warm shutdown, no ack sent."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None:
            stop_worker(self.proc)

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None


@contextmanager
def serve_in_thread(settings: Settings, *, timeout: float = 30.0) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 and a free port; yields the base URL."""
    from service.app import create_app

    port = free_port()
    app = create_app(settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
