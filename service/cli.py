"""The `docscreen` command: check, extract, recheck, demo, and the service's own commands."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Checks the attachments of recycling-fee applications.")


class Format(StrEnum):
    text = "text"
    json = "json"


class Lang(StrEnum):
    ru = "ru"
    kk = "kk"
    en = "en"


EXIT_PASS, EXIT_NOT_PASS, EXIT_USAGE = 0, 1, 2


@app.command()
def check(
    application: Annotated[Path, typer.Argument(help="application JSON (see CONTRACT.md)")],
    files: Annotated[list[Path], typer.Argument(help="attached files")],
    format: Annotated[Format, typer.Option("--format", help="json report or a readable summary")] = Format.text,
    lang: Annotated[Lang, typer.Option("--lang", help="language of the messages")] = Lang.ru,
) -> None:
    """Checks one application against its attached files; exit 0 on pass, 1 otherwise, 2 on bad input."""
    from checks.models import Application
    from service.pipeline import InputFile, check_filing
    from service.report_text import report_as_text

    try:
        app_model = Application.from_json(application.read_bytes())
    except OSError as e:
        typer.echo(f"cannot read {application}: {e.strerror}", err=True)
        raise typer.Exit(EXIT_USAGE) from e
    except ValidationError as e:
        typer.echo(f"{application} is not a valid application: {_short(e)}", err=True)
        raise typer.Exit(EXIT_USAGE) from e
    inputs = []
    for f in files:
        try:
            inputs.append(InputFile(name=f.name, data=f.read_bytes()))
        except OSError as e:
            typer.echo(f"cannot read {f}: {e.strerror}", err=True)
            raise typer.Exit(EXIT_USAGE) from e
    report = check_filing(app_model, inputs, lang=lang.value)
    if format is Format.json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        typer.echo(report_as_text(report, lang.value))
    raise typer.Exit(EXIT_PASS if report.verdict.value == "pass" else EXIT_NOT_PASS)


def _short(e: ValidationError) -> str:
    parts = []
    for err in e.errors()[:5]:
        loc = ".".join(str(x) for x in err["loc"])
        parts.append(f"{loc}: {err['msg']}" if loc else err["msg"])
    return "; ".join(parts)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="a PDF, image or spreadsheet")],
    format: Annotated[Format, typer.Option("--format")] = Format.text,
) -> None:
    """Shows what the machine read: pages, words, boxes and confidences."""
    from extractor.pipeline import extract_file

    try:
        data = file.read_bytes()
    except OSError as e:
        typer.echo(f"cannot read {file}: {e.strerror}", err=True)
        raise typer.Exit(EXIT_USAGE) from e
    result = extract_file(file.name, data)
    if format is Format.json:
        typer.echo(result.model_dump_json(indent=2))
        return
    typer.echo(f"{result.name}: {result.kind.value}, {len(result.pages)} page(s), sha256 {result.sha256[:12]}")
    if result.error:
        typer.echo(f"  error: {result.error.code.value}: {result.error.message}")
    for p in result.pages:
        extra = f", rotated {p.rotation}°, skew {p.skew:+.1f}°, {p.languages}" if p.source.value == "ocr" else ""
        typer.echo(f"--- page {p.number} ({p.source.value}, confidence {p.mean_confidence:.2f}{extra})")
        if p.error:
            typer.echo(f"  error: {p.error.code.value}: {p.error.message}")
        typer.echo(p.text)
        if p.rereads:
            typer.echo("  codes re-read: " + " | ".join(w.text for w in p.rereads))


@app.command()
def demo(
    lang: Annotated[Lang, typer.Option("--lang")] = Lang.ru,
) -> None:
    """Generates a small demo corpus and checks its filings, printing each verdict."""
    from service.demo import run_demo

    run_demo(lang.value)


def _register_extras() -> None:
    for module in ("service.cli_service", "service.cli_recheck"):
        try:
            mod = __import__(module, fromlist=["register"])
        except ImportError:
            continue
        mod.register(app)


def main() -> None:
    _register_extras()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()


__all__ = ["app", "main", "json"]
