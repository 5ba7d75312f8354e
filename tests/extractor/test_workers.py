"""The extraction pool's processes do not outlive the process that owns the pool."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = """
import os, sys, time
from extractor.workers import Job, WorkerPool
pool = WorkerPool(2, 1024)
pids = {p for p in pool.run([Job(time.sleep, (0.5,), 30), Job(os.getpid, (), 30), Job(os.getpid, (), 30)]) if p}
print(" ".join(map(str, sorted(pids))), flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has finished; only its parent's wait is missing


def test_workers_die_when_their_owner_is_killed() -> None:
    root = Path(__file__).resolve().parents[2]
    owner = subprocess.Popen([sys.executable, "-c", SCRIPT], cwd=root, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(root)})
    assert owner.stdout is not None
    pids = [int(p) for p in owner.stdout.readline().split()]
    assert pids and all(_alive(p) for p in pids)
    owner.send_signal(signal.SIGKILL)
    owner.wait(10)
    deadline = time.monotonic() + 15
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(p) for p in pids), "extraction workers outlived the killed service"
