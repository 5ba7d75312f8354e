"""The batch re-check on the service's Celery workers: one task per filing, each writing one part file.

The archive (or the service's database and file store) and the output folder must be reachable by every worker
under the same path (a shared volume). The driver enqueues every filing not yet in reports.jsonl, moves parts
into reports.jsonl as they appear (it is the only writer, so lines stay whole), shows progress, then writes the
summaries. Re-running resumes: finished filings are skipped, parts written while the driver was away are
collected, and tasks are acknowledged late so a killed worker's filing is redone by another.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from celery import shared_task

from service.recheck import (
    REPORTS,
    Checker,
    CheckOptions,
    FilingRef,
    Interrupted,
    Outcome,
    Progress,
    ResultLog,
)

log = logging.getLogger(__name__)

TASK_RECHECK = "service.recheck_celery.recheck_filing"
PARTS = "parts"

_checker: Checker | None = None
_checker_key: tuple[str, bool] | None = None


def part_path(out: Path, fid: str) -> Path:
    return out / PARTS / (hashlib.sha256(fid.encode()).hexdigest()[:32] + ".json")


def _write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)


def _worker_checker(lang: str, write_back: bool) -> Checker:
    """One checker per worker process, on the worker's own settings (DOCSCREEN_*, DATABASE_URL, FILE_STORE)."""
    global _checker, _checker_key
    if _checker is None or _checker_key != (lang, write_back):
        from service.pipeline import shared_extractor

        _checker = Checker(CheckOptions(lang=lang, write_back=write_back), extractor=shared_extractor())
        _checker_key = (lang, write_back)
    return _checker


@shared_task(name=TASK_RECHECK, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def recheck_filing(ref: dict[str, Any], out: str, lang: str = "ru", write_back: bool = True) -> str:
    filing = FilingRef(**ref)
    outcome = _worker_checker(lang, write_back).check(filing)
    assert outcome is not None
    outcome.record["worker"] = f"{socket.gethostname()}:{os.getpid()}"
    part = {"record": outcome.record, "pages_ocred": outcome.pages_ocred, "cache_hits": outcome.cache_hits}
    _write_atomic(part_path(Path(out), filing.id), json.dumps(part, ensure_ascii=False))
    return filing.id


def _celery_app(broker_url: str | None) -> Any:
    if broker_url is None:
        from service.celery_app import app

        return app
    from celery import Celery

    return Celery("docscreen-recheck", broker=broker_url)


def recheck_on_celery(
    refs: Sequence[FilingRef],
    out: Path,
    *,
    options: CheckOptions | None = None,
    broker_url: str | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    poll: float = 0.3,
    timeout: float | None = None,
) -> Progress:
    """Enqueues the filings not yet done, collects their parts into reports.jsonl, writes the summaries.

    Raises :class:`Interrupted` on Ctrl-C (queued tasks keep running; their parts are collected next time) and
    TimeoutError when `timeout` seconds pass without all filings done.
    """
    from service.recheck_summary import write_summaries

    options = options or CheckOptions()
    out = out.resolve()
    (out / PARTS).mkdir(parents=True, exist_ok=True)
    results = ResultLog(out / REPORTS)
    progress = Progress(total=len(refs))
    wanted = {r.id for r in refs}

    def collect() -> None:
        for part in sorted((out / PARTS).glob("*.json")):
            try:
                data = json.loads(part.read_text(encoding="utf-8"))
                rec = data["record"]
            except (OSError, ValueError, KeyError):
                continue  # being replaced; read next round
            fid = str(rec["filing"])
            if fid in wanted and fid not in results.done:
                results.append(rec)
                o = Outcome(rec, int(data.get("pages_ocred", 0)), int(data.get("cache_hits", 0)))
                progress.done += 1
                progress.errors += int("error" in o.record)
                progress.pages_ocred += o.pages_ocred
                progress.cache_hits += o.cache_hits
            part.unlink(missing_ok=True)

    try:
        collect()  # parts finished while no driver was running
        progress.done = 0
        progress.errors = progress.pages_ocred = progress.cache_hits = 0
        progress.skipped = len(wanted & results.done)
        progress.started = time.monotonic()
        app = _celery_app(broker_url)
        pending = [r for r in refs if r.id not in results.done]
        eager = bool(app.conf.task_always_eager)
        for ref in pending:
            args = [vars(ref), str(out), options.lang, options.write_back]
            if eager:
                recheck_filing.apply(args=args)
            else:
                app.send_task(TASK_RECHECK, args=args)
        if on_progress:
            on_progress(progress)
        deadline = None if timeout is None else time.monotonic() + timeout
        last_change, last_done = time.monotonic(), -1
        while progress.finished < progress.total:
            collect()
            if on_progress:
                on_progress(progress)
            if progress.done != last_done:
                last_change, last_done = time.monotonic(), progress.done
            elif time.monotonic() - last_change > 120:
                log.warning("no filing finished for two minutes: are workers running on %s?", app.conf.broker_url)
                last_change = time.monotonic()
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"{progress.total - progress.finished} filings not done in {timeout} s")
            if progress.finished < progress.total:
                time.sleep(poll)
    except KeyboardInterrupt:
        results.close()
        raise Interrupted(progress, out) from None
    results.close()
    write_summaries(out / REPORTS, out, lang=options.lang)
    return progress
