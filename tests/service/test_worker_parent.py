"""The Celery worker child follows the server out: a server that dies without its `finally` leaves no worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

# a "server" that starts a long-lived child the way start_worker does, prints its pid, and waits to be killed
SERVER = """
import subprocess, sys, time
from service.worker import _term_with_parent
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], preexec_fn=_term_with_parent)
print(child.pid, flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:  # a zombie is gone for our purpose
        return f.read().split(") ")[1][0] != "Z"


def test_worker_gets_sigterm_when_the_server_is_killed() -> None:
    root = Path(__file__).resolve().parents[2]
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, cwd=root)
    assert server.stdout is not None
    child = int(server.stdout.readline())
    assert _alive(child)
    server.send_signal(signal.SIGKILL)  # nothing of the server's runs
    server.wait(10)
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child), "the worker outlived the server"
