"""`docscreen recheck ARCHIVE_DIR`: the archive re-check with a live progress line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def recheck(
        archive: Annotated[Path, typer.Argument(help="folder of filings: each has application.json and files/")],
        out: Annotated[Path | None, typer.Option("--out", help="where reports go (default ARCHIVE/.recheck)")] = None,
        quiet: Annotated[bool, typer.Option("--quiet", help="no progress line, for cron")] = False,
        batch: Annotated[int, typer.Option("--batch", min=1, help="filings extracted together")] = 4,
        engine: Annotated[str, typer.Option("--engine", help="local (default) or celery")] = "local",
    ) -> None:
        """Re-checks archived filings; an interrupted run resumes where it stopped."""
        from service.pipeline import shared_extractor
        from service.recheck import Progress
        from service.recheck import recheck as run

        if not archive.is_dir():
            typer.echo(f"{archive} is not a folder", err=True)
            raise typer.Exit(2)
        target = out or archive / ".recheck"
        if engine == "celery":
            from service.recheck_celery import recheck_on_celery

            progress = recheck_on_celery(archive, target, quiet=quiet)
        else:
            def show(p: Progress) -> None:
                if quiet:
                    return
                eta = "?" if p.eta == float("inf") else f"{p.eta / 60:.1f} min"
                bar_w = 30
                filled = int(bar_w * (p.done + p.skipped) / max(1, p.total))
                sys.stderr.write(
                    f"\r[{'#' * filled}{'.' * (bar_w - filled)}] {p.done + p.skipped}/{p.total} filings"
                    f" | {p.pages_ocred} pages OCR'd | {p.cache_hits} cache hits | {p.errors} errors"
                    f" | {p.rate:.2f}/s | left {eta}   "
                )
                sys.stderr.flush()

            progress = run(archive, target, extractor=shared_extractor(), batch_size=batch, on_progress=show)
            if not quiet:
                sys.stderr.write("\n")
        typer.echo(f"{progress.done} filings checked, {progress.skipped} already done, {progress.errors} errors; "
                   f"reports in {target}/reports.jsonl, summary in {target}/summary.html")
