"""The archive re-check on the Celery cluster: each filing is one task; workers anywhere write one part file each.

The archive and the output folder must be reachable by every worker under the same path (a shared volume);
the driver enqueues what has no part yet, shows progress as parts appear, then merges them. Re-running resumes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from celery import shared_task

from service.recheck import Progress, filing_id, find_filings, write_summaries

TASK_RECHECK = "service.recheck_celery.recheck_filing"


def _part(out: Path, fid: str) -> Path:
    return out / "parts" / (hashlib.sha256(fid.encode()).hexdigest()[:24] + ".json")


@shared_task(name=TASK_RECHECK, acks_late=True)
def recheck_filing(archive: str, folder: str, out: str) -> str:
    from service.pipeline import shared_extractor
    from service.recheck import check_batch

    fid = filing_id(Path(archive), Path(folder))
    record = next(check_batch(shared_extractor(), [(fid, Path(folder))]))
    target = _part(Path(out), fid)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(record, f, ensure_ascii=False)
    os.replace(tmp, target)
    return fid


def recheck_on_celery(archive: Path, out: Path, *, quiet: bool = False, timeout: float = 24 * 3600) -> Progress:
    from service.celery_app import app

    archive, out = archive.resolve(), out.resolve()
    filings = find_filings(archive)
    progress = Progress(total=len(filings))
    pending = {filing_id(archive, f): f for f in filings if not _part(out, filing_id(archive, f)).exists()}
    progress.skipped = len(filings) - len(pending)
    for folder in pending.values():
        app.send_task(TASK_RECHECK, args=[str(archive), str(folder), str(out)])
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        for fid in [f for f in pending if _part(out, f).exists()]:
            del pending[fid]
            progress.done += 1
        if not quiet:
            sys.stderr.write(f"\r{progress.done + progress.skipped}/{progress.total} filings | {progress.rate:.2f}/s   ")
            sys.stderr.flush()
        time.sleep(0.5)
    jsonl = out / "reports.jsonl"
    with jsonl.open("w", encoding="utf-8") as sink:
        for f in filings:
            part = _part(out, filing_id(archive, f))
            if part.exists():
                rec = part.read_text(encoding="utf-8")
                progress.errors += int('"error"' in rec[:200])
                sink.write(rec.strip() + "\n")
    write_summaries(jsonl, out)
    return progress
