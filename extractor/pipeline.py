"""From uploaded bytes to ExtractedFile: sniff, limits, cache, then pages in parallel across the worker pool."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from extractor import PIPELINE_VERSION
from extractor.cache import ExtractCache, content_hash
from extractor.codeline import model_digest
from extractor.errors import EmptyFileError, ExtractError, TooLargeError, UnsupportedFileError
from extractor.jobs import OcrTask, ocr_task, plan_file
from extractor.models import ErrorCode, ExtractedFile, ExtractionError, FileKind, Page, PageSource
from extractor.settings import DEFAULT_DPI, ExtractSettings, default_settings
from extractor.sniff import sniff
from extractor.workers import Job, WorkerPool


class Extractor:
    """Holds the worker pool and cache; one per process, reused across files."""

    def __init__(self, settings: ExtractSettings | None = None, engine: str = "tesseract") -> None:
        self.settings = settings or default_settings()
        self.engine = engine
        self.pool = WorkerPool(self.settings.workers, self.settings.worker_memory_mb)
        root = self.settings.cache_dir
        self.cache = ExtractCache(root, cache_version(self.settings, engine)) if root is not None else None
        self.pages_ocred = 0

    def close(self) -> None:
        self.pool.close()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def extract(self, name: str, data: bytes) -> ExtractedFile:
        return self.extract_many([(name, data)])[0]

    def extract_many(self, files: Sequence[tuple[str, bytes]]) -> list[ExtractedFile]:
        """Extracts several files, their pages OCR'd in parallel together."""
        results: list[ExtractedFile | None] = [None] * len(files)
        todo: list[tuple[int, str, bytes, str, FileKind]] = []
        for i, (name, data) in enumerate(files):
            sha = content_hash(data)
            kind = sniff(data) if data else FileKind.unsupported
            base = ExtractedFile(name=name, sha256=sha, size=len(data), kind=kind, pipeline_version=PIPELINE_VERSION)
            try:
                self._check(data, kind)
            except ExtractError as e:
                results[i] = base.model_copy(update={"error": e.to_model()})
                continue
            cached = self.cache.get(sha) if self.cache else None
            if cached is not None:
                results[i] = cached.model_copy(update={"name": name})
                continue
            todo.append((i, name, data, sha, kind))
        if todo:
            with tempfile.TemporaryDirectory(prefix="docscreen-") as spool:
                self._process(todo, results, Path(spool))
        return [r for r in results if r is not None]

    def _check(self, data: bytes, kind: FileKind) -> None:
        if not data:
            raise EmptyFileError("the file is empty")
        if len(data) > self.settings.max_file_bytes:
            raise TooLargeError(
                f"the file is {len(data) / 1e6:.1f} MB; the limit is {self.settings.max_file_bytes / 1e6:.0f} MB"
            )
        if kind is FileKind.unsupported:
            raise UnsupportedFileError(
                "the file is not a PDF, an image (JPEG, PNG, TIFF, WEBP, HEIC), a spreadsheet (XLSX, XLS, CSV) or a Word"
                " document (DOCX)"
            )

    def _process(
        self, todo: list[tuple[int, str, bytes, str, FileKind]], results: list[ExtractedFile | None], spool: Path
    ) -> None:
        started = time.monotonic()
        paths: dict[int, str] = {}
        for i, _name, data, sha, _kind in todo:
            path = spool / sha
            path.write_bytes(data)
            paths[i] = str(path)
        s = self.settings
        plans = self.pool.run([Job(plan_file, (paths[i], kind, s), s.parse_timeout) for i, _, _, _, kind in todo])
        ocr_jobs: list[Job] = []
        ocr_slots: list[tuple[int, int]] = []  # (todo position, page position)
        pages_of: dict[int, list[Page | OcrTask]] = {}
        for pos, ((i, name, data, sha, kind), plan) in enumerate(zip(todo, plans, strict=True)):
            base = ExtractedFile(name=name, sha256=sha, size=len(data), kind=kind, pipeline_version=PIPELINE_VERSION)
            if isinstance(plan, BaseException):
                results[i] = base.model_copy(update={"error": _error_model(plan)})
                continue
            pages_of[pos] = list(plan)
            for k, entry in enumerate(plan):
                if isinstance(entry, OcrTask):
                    ocr_jobs.append(Job(ocr_task, (paths[i], kind, entry, s, self.engine), s.ocr_timeout * 4))
                    ocr_slots.append((pos, k))
        ocr_results = self.pool.run(ocr_jobs)
        self.pages_ocred += len(ocr_jobs)
        for (pos, k), res in zip(ocr_slots, ocr_results, strict=True):
            task = pages_of[pos][k]
            assert isinstance(task, OcrTask)
            if isinstance(res, BaseException):
                pages_of[pos][k] = Page(
                    number=task.index + 1, width=0, height=0, unit="px", source=PageSource.ocr,
                    mean_confidence=0.0, error=_error_model(res),
                )
            else:
                pages_of[pos][k] = res
        elapsed = time.monotonic() - started
        for pos, (i, name, data, sha, kind) in enumerate(todo):
            if pos not in pages_of:
                continue
            pages = [p for p in pages_of[pos] if isinstance(p, Page)]
            result = ExtractedFile(
                name=name, sha256=sha, size=len(data), kind=kind, pipeline_version=PIPELINE_VERSION,
                pages=pages, seconds=elapsed,
            )
            results[i] = result
            if self.cache is not None and not any(p.error and p.error.code == "timeout" for p in pages):
                self.cache.put(result)


def _error_model(e: BaseException) -> ExtractionError:
    if isinstance(e, ExtractError):
        return e.to_model()
    return ExtractionError(code=ErrorCode.corrupt_file, message=f"the file cannot be read: {type(e).__name__}: {e}")


def extract_file(name: str, data: bytes, settings: ExtractSettings | None = None) -> ExtractedFile:
    """One-shot convenience for scripts; services keep an Extractor."""
    with Extractor(settings) as ex:
        return ex.extract(name, data)


def cache_version(settings: ExtractSettings, engine: str) -> str:
    """The cache's folder: the pipeline's code, the engine, and every setting that changes what a page reads as
    (a cache filled at 200 dpi or without code re-reads must not answer a run at the defaults), and the code-line
    model that re-read the codes, or its absence."""
    version = f"{PIPELINE_VERSION}-{engine}"
    if settings.ocr_profile != "accurate":
        version += f"-{settings.ocr_profile}"  # the two profiles read scans differently
    if settings.dpi != DEFAULT_DPI:
        version += f"-{settings.dpi}dpi"
    if not settings.reread_codes:
        version += "-noreread"
    elif settings.codeline_model is not None and settings.codeline_model.is_file():
        version += f"-lines{model_digest(settings.codeline_model)}"  # a model trained again reads codes differently
    else:
        version += "-nolines"
    return version


def cpu_count() -> int:
    return os.cpu_count() or 1
