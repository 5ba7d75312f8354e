"""Re-checking many filings (an archive folder, or the applications stored by the service), resumably.

A filing is the unit of work: it is loaded, its files read, the rules run and one JSON line appended to
``reports.jsonl``. Lines are written whole; a run stopped anyhow (Ctrl-C, a killed process, a reboot) resumes by
skipping the filings already in the file, and one bad filing becomes an ``error`` line instead of stopping the run.

Reading a file (OCR, page typing, field reading) is cached by content: the extractor caches pages by content hash
and pipeline version, and :class:`ReadingCache` caches the classified documents and read fields by content hash,
declared type and a fingerprint of the reading code and its models. A filing whose files are all cached is
checked in this process at once (the rules alone); the others go to one checker process per core, so a cold run
keeps every core busy while a warm one never pays for a pool.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, ValidationError

from checks.evidence import FileEvidence
from checks.models import Application
from extractor import PIPELINE_VERSION
from extractor.field_models import ReadDocument
from extractor.models import ErrorCode, ExtractedFile
from extractor.settings import ExtractSettings, default_settings

if TYPE_CHECKING:
    from extractor.ids.hs_code import Nomenclature
    from extractor.pipeline import Extractor
    from service.runtime import Runtime
    from service.settings import Settings

REPORTS = "reports.jsonl"
REPO_ROOT = Path(__file__).resolve().parent.parent
MAX_MARKS = 80
_MARK = re.compile(r"[0-9A-Za-zА-Яа-яЁё./\-]*\d[0-9A-Za-zА-Яа-яЁё./\-]*")


# ---------------------------------------------------------------------------------------------------- filings


@dataclass(frozen=True)
class FilingRef:
    """One filing to check: a folder of the archive or a stored application (picklable, sent to workers)."""

    id: str
    folder: str | None = None
    application_id: str | None = None


def find_filings(archive: Path) -> list[Path]:
    """Every sub-folder holding an application.json and a files/ folder is one filing (output folders skipped)."""
    found = []
    for p in archive.rglob("application.json"):
        rel = p.parent.relative_to(archive).parts
        if any(part.startswith(".") for part in rel):
            continue
        if (p.parent / "files").is_dir():
            found.append(p.parent)
    return sorted(found)


def filing_id(archive: Path, folder: Path) -> str:
    rel = folder.relative_to(archive).as_posix()
    return rel if rel != "." else folder.name


def archive_refs(archive: Path) -> list[FilingRef]:
    archive = archive.resolve()
    return [FilingRef(id=filing_id(archive, f), folder=str(f)) for f in find_filings(archive)]


def stored_refs(runtime: Runtime, statuses: Sequence[str] = ("done", "failed")) -> list[FilingRef]:
    """Stored applications whose processing has finished (those still queued are the queue's business)."""
    from sqlalchemy import select

    from service.db_models import ApplicationRow

    with runtime.sessions() as s:
        ids = s.scalars(
            select(ApplicationRow.id).where(ApplicationRow.status.in_(statuses)).order_by(ApplicationRow.created_at)
        ).all()
    return [FilingRef(id=i, application_id=i) for i in ids]


# ---------------------------------------------------------------------------------------------------- progress


@dataclass
class Progress:
    total: int
    done: int = 0
    skipped: int = 0
    errors: int = 0
    pages_ocred: int = 0
    cache_hits: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def finished(self) -> int:
        return self.done + self.skipped

    @property
    def rate(self) -> float:
        """Filings per second checked in this run (those skipped as already done do not count)."""
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    @property
    def eta(self) -> float:
        left = self.total - self.finished
        if left <= 0:
            return 0.0
        return left / self.rate if self.rate > 0 else float("inf")


EXIT_GRACE_S = 10.0


def exit_soon(code: int, grace: float = EXIT_GRACE_S) -> None:
    """Ends the process with `code` if the interpreter's own exit (which joins pool threads and children)
    has not within `grace` seconds: a stopped run's lines are already on disk, and Ctrl-C must never hang."""

    def force() -> None:
        time.sleep(grace)
        with contextlib.suppress(Exception):
            sys.stderr.flush()
        os._exit(code)

    threading.Thread(target=force, name="exit-soon", daemon=True).start()


class Interrupted(Exception):
    """The run was stopped (Ctrl-C); every finished filing is in reports.jsonl and a re-run resumes."""

    def __init__(self, progress: Progress, out: Path) -> None:
        super().__init__(f"interrupted after {progress.finished} of {progress.total} filings")
        self.progress = progress
        self.out = out


# ---------------------------------------------------------------------------------------------------- the log


class ResultLog:
    """reports.jsonl: one whole line per filing, appended as each finishes.

    On open, lines that do not parse (the tail of a killed run, zeros after a power cut) are dropped, so every
    line is a finished filing and appending never glues a new record onto a broken one.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.done: set[str] = set()
        self._repair()
        self._fh = path.open("ab", buffering=0)

    def _repair(self) -> None:
        if not self.path.exists():
            return
        raw = self.path.read_bytes()
        good: list[bytes] = []
        dropped = False
        for line in raw.split(b"\n"):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                fid = rec["filing"]
            except (ValueError, KeyError, TypeError):
                dropped = True
                continue
            self.done.add(str(fid))
            good.append(line)
        if dropped or (raw and not raw.endswith(b"\n")):
            tmp = self.path.with_suffix(".jsonl.tmp")
            tmp.write_bytes(b"".join(g + b"\n" for g in good))
            os.replace(tmp, self.path)

    def append(self, record: dict[str, Any]) -> None:
        data = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        view = memoryview(data)
        while view:  # one write for a regular file; the loop only guards against a short write
            n = self._fh.write(view)
            view = view[n or 0 :]
        self.done.add(str(record["filing"]))

    def close(self) -> None:
        self._fh.close()


def read_records(jsonl: Path) -> list[dict[str, Any]]:
    """The finished filings, the last line winning when a filing appears twice."""
    records: dict[str, dict[str, Any]] = {}
    if not jsonl.exists():
        return []
    with jsonl.open(encoding="utf-8") as f:
        for line in f:
            try:
                rec = json.loads(line)
                records[str(rec["filing"])] = rec
            except (ValueError, KeyError, TypeError):
                continue
    return list(records.values())


# ---------------------------------------------------------------------------------------------------- readings


class PageMarks(BaseModel):
    """What cross-filing duplicate detection needs of a page: its image hash and its number-like tokens."""

    number: int
    image_hash: str | None = None
    marks: list[str] = Field(default_factory=list)


class FileReading(BaseModel):
    """Everything the rules need of one file, so a cached file is never parsed, OCR'd or classified again."""

    documents: list[ReadDocument] = Field(default_factory=list)
    evidence: FileEvidence
    pages: list[PageMarks] = Field(default_factory=list)

    def renamed(self, name: str) -> FileReading:
        """The same content attached under another name."""
        if self.evidence.name == name:
            return self
        docs = [d.model_copy(update={"file": name}) for d in self.documents]
        return self.model_copy(update={"documents": docs, "evidence": self.evidence.model_copy(update={"name": name})})


def page_marks(text: str) -> list[str]:
    """Tokens with at least three digits (dates, weights, numbers, VINs): the same page carries the same ones."""
    found = {m.group(0).strip("./-").upper() for m in _MARK.finditer(text)}
    return sorted(t for t in found if sum(ch.isdigit() for ch in t) >= 3)[:MAX_MARKS]


def make_reading(extracted: ExtractedFile, declared: str | None, nom: Nomenclature | None) -> FileReading:
    from service.pipeline import read_documents

    return FileReading(
        documents=read_documents(extracted, declared, nom),
        evidence=FileEvidence.from_extracted(extracted, declared),
        pages=[PageMarks(number=p.number, image_hash=p.image_hash, marks=page_marks(p.text)) for p in extracted.pages],
    )


def _cacheable(extracted: ExtractedFile) -> bool:
    timeout = ErrorCode.timeout
    if extracted.error is not None and extracted.error.code == timeout:
        return False
    return not any(p.error is not None and p.error.code == timeout for p in extracted.pages)


def _fingerprint_files(paths: Iterable[Path], h: Any, *, contents: bool) -> None:
    for p in sorted(paths):
        if not p.is_file() or "__pycache__" in p.parts:
            continue
        h.update(str(p.name).encode())
        if contents:
            h.update(p.read_bytes())
        else:
            st = p.stat()
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())


@lru_cache(maxsize=1)
def reading_version() -> str:
    """A fingerprint of what turns extracted pages into read documents: the code, the classifier model, the
    nomenclature. Any change gives a new cache folder, so stale readings are never used."""
    from classifiers.textmodel import model_dir
    from extractor.ids.hs_code import default_reference_dir

    h = hashlib.sha256(PIPELINE_VERSION.encode())
    code: list[Path] = []
    for pkg in ("classifiers", "extractor/readers", "extractor/ids"):
        code.extend(p for p in (REPO_ROOT / pkg).rglob("*") if p.suffix in (".py", ".json", ".csv", ".txt"))
    code += [REPO_ROOT / "extractor" / "field_models.py", REPO_ROOT / "extractor" / "models.py",
             REPO_ROOT / "checks" / "evidence.py", REPO_ROOT / "service" / "pipeline.py", Path(__file__)]
    _fingerprint_files(code, h, contents=True)
    model = model_dir()
    if model.is_dir():
        _fingerprint_files(model.rglob("*"), h, contents=False)
    ref = default_reference_dir()
    if ref is not None:
        _fingerprint_files(ref.iterdir(), h, contents=False)
    return h.hexdigest()[:16]


class ReadingCache:
    """Read documents per (content hash, declared type), in a folder named by :func:`reading_version`."""

    def __init__(self, root: Path | None) -> None:
        self.root = root / f"reading-{reading_version()}" if root is not None else None
        self.hits = 0

    def _path(self, sha256: str, declared: str | None) -> Path:
        assert self.root is not None
        tag = re.sub(r"[^a-z0-9_]", "_", (declared or "-").lower())[:40]
        return self.root / sha256[:2] / f"{sha256}.{tag}.json"

    def get(self, sha256: str, declared: str | None) -> FileReading | None:
        if self.root is None:
            return None
        try:
            reading = FileReading.model_validate_json(self._path(sha256, declared).read_bytes())
        except (OSError, ValidationError, ValueError):
            return None
        self.hits += 1
        return reading

    def put(self, sha256: str, declared: str | None, reading: FileReading) -> None:
        if self.root is None:
            return
        path = self._path(sha256, declared)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(reading.model_dump_json().encode())
        os.replace(tmp, path)


# ---------------------------------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class CheckOptions:
    """How filings are checked; sent to the checker processes, so plain data only."""

    lang: str = "ru"
    extract: ExtractSettings | None = None
    service: Settings | None = None
    write_back: bool = True


@dataclass
class Outcome:
    record: dict[str, Any]
    pages_ocred: int = 0
    cache_hits: int = 0


@dataclass
class _Loaded:
    application: Application
    files: list[tuple[str, bytes]]
    revision: int | None = None


class Checker:
    """What one process needs to check filings: caches, nomenclature, the extractor (started on first need)."""

    def __init__(self, options: CheckOptions, *, extractor: Extractor | None = None, extract_workers: int | None = None):
        self.options = options
        self.settings = options.extract or default_settings()
        if extract_workers is not None:
            self.settings = self.settings.model_copy(update={"workers": extract_workers})
        self._extractor = extractor
        self.readings = ReadingCache(self.settings.cache_dir)
        self._runtime: Runtime | None = None
        from service.pipeline import nomenclature

        self.nom = nomenclature()

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            from extractor.pipeline import Extractor

            self._extractor = Extractor(self.settings)
        return self._extractor

    @property
    def runtime(self) -> Runtime:
        if self._runtime is None:
            from service.runtime import Runtime
            from service.settings import get_settings

            self._runtime = Runtime.from_settings(self.options.service or get_settings(), migrate=False)
        return self._runtime

    def close(self) -> None:
        if self._extractor is not None:
            self._extractor.close()
        if self._runtime is not None:
            self._runtime.close()

    def load(self, ref: FilingRef) -> _Loaded:
        if ref.folder is not None:
            folder = Path(ref.folder)
            app = Application.from_json((folder / "application.json").read_bytes())
            files = [(p.name, p.read_bytes()) for p in sorted((folder / "files").iterdir()) if p.is_file()]
            return _Loaded(app, files)
        from service.db_models import ApplicationRow
        from service.submissions import application_for_check

        rt = self.runtime
        with rt.sessions() as s:
            row = s.get(ApplicationRow, ref.application_id)
            if row is None:
                raise LookupError(f"application {ref.application_id} is not in the database")
            app = application_for_check(row)
            files = [(f.name, rt.store.get(f.sha256)) for f in row.files]
            return _Loaded(app, files, row.revision)

    def check(self, ref: FilingRef, *, warm_only: bool = False) -> Outcome | None:
        """The filing's record; with `warm_only`, None unless every file's reading is cached."""
        started = time.perf_counter()
        try:
            loaded = self.load(ref)
        except Exception as e:  # noqa: BLE001 - one bad filing is reported and skipped
            return Outcome(_error_record(ref, e, started))
        app, files = loaded.application, loaded.files
        declared = [_declared(app, name) for name, _ in files]
        shas = [hashlib.sha256(data).hexdigest() for _, data in files]
        readings: list[FileReading | None] = []
        for (name, _), sha, decl in zip(files, shas, declared, strict=True):
            got = self.readings.get(sha, decl)
            readings.append(got.renamed(name) if got is not None else None)
        missing = [i for i, r in enumerate(readings) if r is None]
        if missing and warm_only:
            return None
        hits = len(files) - len(missing)
        ocred = 0
        try:
            if missing:
                ex = self.extractor
                ocr0, hits0 = ex.pages_ocred, (ex.cache.hits if ex.cache else 0)
                extracted = ex.extract_many([files[i] for i in missing])
                ocred = ex.pages_ocred - ocr0
                hits += (ex.cache.hits if ex.cache else 0) - hits0
                for i, ef in zip(missing, extracted, strict=True):
                    reading = make_reading(ef, declared[i], self.nom)
                    if _cacheable(ef):
                        self.readings.put(shas[i], declared[i], reading)
                    readings[i] = reading
            record = self._report(ref, loaded, [r for r in readings if r is not None], shas)
        except Exception as e:  # noqa: BLE001
            return Outcome(_error_record(ref, e, started), ocred, hits)
        record["seconds"] = round(time.perf_counter() - started, 3)
        return Outcome(record, ocred, hits)

    def _report(self, ref: FilingRef, loaded: _Loaded, readings: list[FileReading], shas: list[str]) -> dict[str, Any]:
        from checks.engine import run_checks

        app = loaded.application
        documents = [d for r in readings for d in r.documents]
        report = run_checks(app, documents, [r.evidence for r in readings], nomenclature=self.nom,
                            lang=self.options.lang)
        if ref.application_id is not None and self.options.write_back:
            self._store(ref.application_id, loaded.revision, report)
        return {
            "filing": ref.id,
            "source": "archive" if ref.folder is not None else "database",
            "applicant_bin": app.applicant.bin,
            "applicant_name": app.applicant.name,
            "goods": [{"hs_code": g.hs_code, "import_date": g.import_date.isoformat() if g.import_date else None,
                       "weight_kg": g.weight_kg}
                      for g in app.goods],
            "vins": sorted({v for g in app.goods for v in g.vins}),
            "files": [{"name": r.evidence.name, "sha256": sha, "pages": [p.model_dump() for p in r.pages]}
                      for r, sha in zip(readings, shas, strict=True)],
            "report": json.loads(report.model_dump_json()),
        }

    def _store(self, application_id: str, revision: int | None, report: Any) -> None:
        """The new report replaces the stored one, with an audit event naming the previous verdict."""
        from service.db_models import ApplicationRow
        from service.submissions import audit, store_report

        with self.runtime.sessions() as s:
            row = s.get(ApplicationRow, application_id)
            if row is None or row.revision != revision:  # files added meanwhile: the queue checks the new revision
                return
            previous = row.verdict
            store_report(s, row, report)
            audit(s, row.id, "rechecked", "recheck", previous_verdict=previous, verdict=report.verdict.value,
                  findings=len(report.findings), revision=row.revision)
            s.commit()


def _declared(app: Application, name: str) -> str | None:
    decl = app.files.get(name)
    return decl.declared_type if decl else None


def _error_record(ref: FilingRef, e: BaseException, started: float) -> dict[str, Any]:
    text = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return {"filing": ref.id, "error": f"{type(e).__name__}: {text}"[:500],
            "seconds": round(time.perf_counter() - started, 3)}


# ---------------------------------------------------------------------------------------------------- the run

_worker: Checker | None = None


def _descendants(pid: int) -> list[int]:
    """Child processes, recursively (Linux /proc; elsewhere none are found)."""
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as f:
                kids = [int(x) for x in f.read().split()]
        except (OSError, ValueError):
            continue
        for k in kids:
            out.append(k)
            out.extend(_descendants(k))
    return out


def _stop_worker(signum: int, frame: object) -> None:
    """The driver stops a checker (SIGTERM): its extractor's processes go with it, none is left orphaned."""
    for pid in reversed(_descendants(os.getpid())):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    os._exit(1)


def _worker_init(options: CheckOptions) -> None:
    """Ctrl-C is the driver's business: it stops the pool and keeps what is finished. The checker was born with
    SIGINT blocked (see _Pool.submit): ignored now, a Ctrl-C that came during its start-up is dropped."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGTERM, _stop_worker)
    global _worker
    _worker = Checker(options, extract_workers=1)
    # the extractor's own pool must stop before this process exits, or the exit waits on it forever
    from multiprocessing.util import Finalize

    Finalize(_worker, _worker.close, exitpriority=100)  # before the queues (10) close


def _worker_check(ref: FilingRef) -> Outcome:
    assert _worker is not None
    out = _worker.check(ref)
    assert out is not None
    return out


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


KILL_GRACE_S = 5.0


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
    """Holds Ctrl-C back while a checker may be started: a checker importing its modules would take it as a
    KeyboardInterrupt and die with a traceback on the terminal. Held, not lost: the driver gets it on leaving."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class _Pool:
    """Checker processes (spawned, so a driver with threads is safe); restarted if one dies."""

    def __init__(self, options: CheckOptions, jobs: int) -> None:
        self.options, self.jobs = options, jobs
        self._ex: ProcessPoolExecutor | None = None

    def submit(self, ref: FilingRef) -> Future[Outcome]:
        """The filing's future; a pool found broken here (a checker died while idle) fails the future
        instead of the caller, so every death takes the one road of retries."""
        if self._ex is None:
            import multiprocessing as mp

            self._ex = ProcessPoolExecutor(self.jobs, mp_context=mp.get_context("spawn"),
                                           initializer=_worker_init, initargs=(self.options,))
        try:
            with _sigint_held():
                return self._ex.submit(_worker_check, ref)  # may start a checker, which inherits the mask
        except BrokenProcessPool as e:
            failed: Future[Outcome] = Future()
            failed.set_exception(e)
            return failed

    def reset(self) -> None:
        self.kill()

    def kill(self) -> None:
        """Stops every checker now and waits (briefly) until each is gone: a checker left running would
        hold the driver's exit, which joins its children."""
        ex, self._ex = self._ex, None
        if ex is None:
            return
        procs = list(getattr(ex, "_processes", {}).values())
        manager = getattr(ex, "_executor_manager_thread", None)
        for proc in procs:
            with contextlib.suppress(Exception):
                proc.terminate()  # SIGTERM: see _stop_worker
        ex.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + KILL_GRACE_S
        for proc in procs:
            with contextlib.suppress(Exception):
                proc.join(max(0.0, deadline - time.monotonic()))
                if proc.is_alive():
                    proc.kill()
                    proc.join(1.0)
        if manager is not None:
            # its checkers gone, the pool's thread closes its pipes; the interpreter's exit writes to one of them
            # and raced that close ('Exception ignored ... Bad file descriptor' after a Ctrl-C)
            manager.join(KILL_GRACE_S)

    def close(self) -> None:
        if self._ex is not None:
            self._ex.shutdown(wait=True, cancel_futures=True)
            self._ex = None


def recheck(
    refs: Sequence[FilingRef],
    out: Path,
    *,
    options: CheckOptions | None = None,
    jobs: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    checker: Checker | None = None,
) -> Progress:
    """Checks every filing not yet in out/reports.jsonl, then writes the summaries.

    `jobs` checker processes take the filings whose readings are not cached (0: everything in this process).
    Raises :class:`Interrupted` on Ctrl-C, after the finished filings are safely on disk.
    """
    from service.recheck_summary import write_summaries

    options = options or CheckOptions()
    jobs = default_jobs() if jobs is None else jobs
    log = ResultLog(out / REPORTS)
    todo = [r for r in refs if r.id not in log.done]
    progress = Progress(total=len(refs), skipped=len(refs) - len(todo))
    local = checker or Checker(options)
    pool = _Pool(options, jobs)
    inflight: dict[Future[Outcome], FilingRef] = {}
    attempts: dict[str, int] = {}

    def record(outcome: Outcome) -> None:
        log.append(outcome.record)
        progress.done += 1
        progress.errors += int("error" in outcome.record)
        progress.pages_ocred += outcome.pages_ocred
        progress.cache_hits += outcome.cache_hits
        if on_progress:
            on_progress(progress)

    def collect(block: bool) -> None:
        if not inflight:
            return
        ready, _ = wait(list(inflight), timeout=None if block else 0, return_when=FIRST_COMPLETED)
        broken: list[FilingRef] = []
        for fut in ready:
            ref = inflight.pop(fut)
            try:
                record(fut.result())
            except BrokenProcessPool:
                broken.append(ref)
            except Exception as e:  # noqa: BLE001 - e.g. an unpicklable result: reported, not fatal
                record(Outcome(_error_record(ref, e, time.perf_counter())))
        if broken:  # a checker died (killed, out of memory): every filing it held is tried once more
            broken += list(inflight.values())
            inflight.clear()
            pool.reset()
            for ref in broken:
                attempts[ref.id] = attempts.get(ref.id, 0) + 1
                if attempts[ref.id] > 2:
                    record(Outcome({"filing": ref.id, "error": "the checker process died on this filing"}))
                else:
                    inflight[pool.submit(ref)] = ref

    if on_progress:
        on_progress(progress)
    try:
        for ref in todo:
            outcome = local.check(ref, warm_only=jobs > 0)
            if outcome is None:
                inflight[pool.submit(ref)] = ref
            else:
                record(outcome)
            collect(block=False)
        while inflight:
            collect(block=True)
    except KeyboardInterrupt:
        pool.kill()
        log.close()
        raise Interrupted(progress, out) from None
    except BaseException:
        pool.kill()
        log.close()
        raise
    finally:
        if checker is None:
            local.close()
    pool.close()
    log.close()
    write_summaries(out / REPORTS, out, lang=options.lang)
    return progress
