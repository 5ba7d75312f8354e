"""Starting and stopping the Celery worker child process that `docscreen serve` runs beside the web server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping


def worker_command(concurrency: int = 1, pool: str = "solo", loglevel: str = "INFO") -> list[str]:
    return [
        sys.executable, "-m", "celery", "-A", "service.celery_app", "worker",
        "--concurrency", str(concurrency), "-P", pool, "--loglevel", loglevel, "--without-gossip", "--without-mingle",
    ]  # fmt: skip


def start_worker(env: Mapping[str, str] | None = None, **kw: str | int) -> subprocess.Popen[bytes]:
    """One worker child; it reads the same environment (DATABASE_URL, CELERY_BROKER_URL...) as the server."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.Popen(worker_command(**kw), env=full_env)  # type: ignore[arg-type]


def stop_worker(proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Warm shutdown first (SIGTERM lets the current task finish or go back to the queue), then kill."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)
