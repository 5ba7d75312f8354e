"""Starting and stopping the Celery worker child process that `docscreen serve` runs beside the web server."""

from __future__ import annotations

import contextlib
import ctypes
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


PR_SET_PDEATHSIG = 1


def _term_with_parent() -> None:
    """In the child before exec: SIGTERM it (a warm shutdown) when the server process dies, however it dies.

    The server's own `finally` does not always run: uvicorn re-raises the SIGTERM it shut down on, which ends the
    process at once, and a SIGKILL runs nothing; the worker was then left behind, idle, for good."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the server's finally is the only stop
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def start_worker(env: Mapping[str, str] | None = None, **kw: str | int) -> subprocess.Popen[bytes]:
    """One worker child; it reads the same environment (DATABASE_URL, CELERY_BROKER_URL...) as the server."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.Popen(worker_command(**kw), env=full_env, preexec_fn=_term_with_parent)  # type: ignore[arg-type]


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
