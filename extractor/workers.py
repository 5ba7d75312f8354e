"""A process pool that survives hostile input: per-job time limits, a memory cap per worker, crash recovery.

PDF and image decoders can hang or balloon on crafted files; running them in workers that can be killed
keeps one bad upload from taking the service down. Workers exit within a second of the process that owns the
pool, so a SIGKILLed service leaves no extraction running behind it.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import resource
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from extractor.errors import CorruptFileError, ExtractTimeoutError


@dataclass
class Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    timeout: float


OWNER_POLL_S = 1.0


def _watch_owner(owner: int) -> None:
    """Exits the worker once the process that owns the pool is gone. The kernel's parent-death signal cannot
    do this: a worker's parent is the forkserver, which itself lives on while any worker holds its pipe."""
    import os
    import threading
    import time

    def gone() -> bool:
        try:
            os.kill(owner, 0)
        except (ProcessLookupError, PermissionError):  # PermissionError: the pid now belongs to someone else
            return True
        try:  # a killed owner whose own parent has not reaped it yet is a zombie
            with open(f"/proc/{owner}/stat", encoding="ascii", errors="replace") as f:
                return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
        except (OSError, IndexError):
            return False

    def watch() -> None:
        while not gone():
            time.sleep(OWNER_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


def _worker_start(megabytes: int, owner: int) -> None:
    """Worker start-up: die with the owner, the memory cap, and quiet decoders (a broken file's warnings
    become its typed error)."""
    import warnings

    _watch_owner(owner)
    warnings.filterwarnings("ignore", module="PIL")
    limit = megabytes * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):  # a platform without the limit runs unlimited
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class WorkerPool:
    def __init__(self, workers: int, memory_mb: int) -> None:
        self.workers = workers
        self.memory_mb = memory_mb
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["extractor.jobs"])
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=ctx, initializer=_worker_start, initargs=(self.memory_mb, os.getpid())
            )
        return self._pool

    def _kill(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(self, jobs: Sequence[Job]) -> list[Any]:
        """Runs every job; each result is its return value or the exception it ended with."""
        results: list[Any] = [None] * len(jobs)
        pending = list(range(len(jobs)))
        retried: set[int] = set()
        while pending:
            pool = self._executor()
            futures: dict[int, Future[Any]] = {i: pool.submit(jobs[i].fn, *jobs[i].args) for i in pending}
            pending = []
            broken = False
            for i, fut in futures.items():
                if broken:
                    if fut.done() and not fut.cancelled() and fut.exception() is None:
                        results[i] = fut.result()
                    else:
                        pending.append(i)
                    continue
                try:
                    results[i] = fut.result(timeout=jobs[i].timeout)
                except FutureTimeout:
                    results[i] = ExtractTimeoutError(f"processing took longer than {jobs[i].timeout:.0f} s")
                    self._kill()
                    broken = True
                except BrokenProcessPool:
                    self._kill()
                    broken = True
                    if i in retried:
                        results[i] = CorruptFileError("the file crashed or exhausted the worker that read it")
                    else:
                        retried.add(i)
                        pending.append(i)
                except MemoryError:
                    results[i] = CorruptFileError("the file needs more memory than allowed to read")
                except Exception as e:  # noqa: BLE001 - the job's own typed errors travel back as values
                    results[i] = e
        return results
