"""`docscreen recheck ARCHIVE_DIR` (or `--stored`): the batch re-check with a live progress bar; `--quiet` for cron."""

from __future__ import annotations

import shlex
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from service.recheck import Progress


class Engine(StrEnum):
    local = "local"
    celery = "celery"


def _terminate_as_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _eta(seconds: float) -> str:
    if seconds == float("inf"):
        return "?"
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


@contextmanager
def progress_bar(quiet: bool) -> Iterator[object]:
    """A rich live bar on stderr: filings done, pages OCR'd, cache hits, errors, rate, time left."""
    if quiet:
        yield lambda p: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    console = Console(stderr=True)
    bar = Bar(
        BarColumn(bar_width=24), MofNCompleteColumn(),
        TextColumn("filings · {task.fields[ocr]} pages OCR'd · {task.fields[hits]} cache hits · "
                   "[red]{task.fields[errors]} errors[/red] · {task.fields[rate]} · left {task.fields[eta]}"),
        console=console, refresh_per_second=4, transient=False,
    )
    task = bar.add_task("recheck", total=None, ocr=0, hits=0, errors=0, rate="-", eta="?")

    def show(p: Progress) -> None:
        bar.update(task, total=p.total, completed=p.finished, ocr=p.pages_ocred, hits=p.cache_hits,
                   errors=p.errors, rate=f"{p.rate:.1f} filings/s" if p.done else "-", eta=_eta(p.eta))

    with bar:
        yield show


def register(app: typer.Typer) -> None:
    @app.command()
    def recheck(
        archive: Annotated[Path | None, typer.Argument(help="folder of filings: each has application.json and files/")]
        = None,
        out: Annotated[Path | None, typer.Option("--out", help="where reports go (default ARCHIVE/.recheck, "
                                                 "or var/recheck with --stored)")] = None,
        stored: Annotated[bool, typer.Option("--stored", help="re-check the applications stored by the service "
                                             "(DATABASE_URL, FILE_STORE) instead of an archive folder")] = False,
        dry_run: Annotated[bool, typer.Option("--dry-run", help="with --stored: write the reports files only, "
                                              "leave the stored reports as they are")] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar, for cron")] = False,
        jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=0, help="checker processes for files not "
                                                 "yet cached (default: one per core; 0 runs all in this process)")]
        = None,
        engine: Annotated[Engine, typer.Option("--engine", help="local processes, or the service's Celery "
                                               "workers (shared folders needed, docs/scaling.md)")] = Engine.local,
        broker: Annotated[str | None, typer.Option("--broker", help="with --engine celery: broker URL "
                                                   "(default CELERY_BROKER_URL)")] = None,
        lang: Annotated[str, typer.Option("--lang", help="language of the messages: ru, kk, en")] = "ru",
    ) -> None:
        """Re-checks archived filings; an interrupted run resumes where it stopped."""
        from service.recheck import CheckOptions, FilingRef, Interrupted, archive_refs, exit_soon
        from service.recheck import recheck as run_local

        if (archive is None) == (not stored):
            typer.echo("give either an ARCHIVE folder or --stored", err=True)
            raise typer.Exit(2)
        if archive is not None and not archive.is_dir():
            typer.echo(f"{archive} is not a folder", err=True)
            raise typer.Exit(2)
        if lang not in ("ru", "kk", "en"):
            typer.echo("--lang must be ru, kk or en", err=True)
            raise typer.Exit(2)
        target = (out or (archive / ".recheck" if archive is not None else Path("var/recheck"))).resolve()
        refs: list[FilingRef]
        settings = None
        if stored:
            from service.recheck import stored_refs
            from service.runtime import Runtime
            from service.settings import get_settings

            settings = get_settings()
            rt = Runtime.from_settings(settings)
            try:
                refs = stored_refs(rt)
            finally:
                rt.close()
        else:
            assert archive is not None
            refs = archive_refs(archive)
        options = CheckOptions(lang=lang, service=settings, write_back=not dry_run)
        signal.signal(signal.SIGTERM, _terminate_as_interrupt)  # `kill` and service managers stop it like Ctrl-C
        try:
            with progress_bar(quiet) as show:
                if engine is Engine.celery:
                    from service.recheck_celery import recheck_on_celery

                    progress = recheck_on_celery(refs, target, options=options, broker_url=broker,
                                                 on_progress=show)  # type: ignore[arg-type]
                else:
                    progress = run_local(refs, target, options=options, jobs=jobs,
                                         on_progress=show)  # type: ignore[arg-type]
        except Interrupted as stop:
            p = stop.progress
            again = " ".join(shlex.quote(a) for a in sys.argv[1:]) or "recheck ..."
            typer.echo(f"\ninterrupted: {p.finished} of {p.total} filings are in {target / 'reports.jsonl'}; "
                       f"run the same command again to resume:\n  docscreen {again}", err=True)
            exit_soon(130)
            raise typer.Exit(130) from None
        typer.echo(f"{progress.done} filings checked, {progress.skipped} already done, {progress.errors} errors "
                   f"({progress.pages_ocred} pages OCR'd, {progress.cache_hits} files from cache); "
                   f"reports in {target / 'reports.jsonl'}, summary in {target / 'summary.html'}")
