"""The demo `make run` shows before anything is configured: a few generated filings checked end to end."""

from __future__ import annotations

from pathlib import Path

from extractor.settings import REPO_ROOT

DEMO_DIR = REPO_ROOT / "var" / "demo"
DEMO_FILINGS = 6
DEMO_SEED = 2024


def demo_corpus(out: Path = DEMO_DIR, filings: int = DEMO_FILINGS, seed: int = DEMO_SEED) -> list[Path]:
    """The demo filings, generated once into var/demo (git-ignored)."""
    existing = sorted(p for p in out.glob("*") if (p / "application.json").exists()) if out.exists() else []
    if len(existing) >= filings:
        return existing[:filings]
    from fixtures.generate import generate_corpus

    return generate_corpus(out, filings, seed, scanned_share=0.34)


def run_demo(lang: str = "ru") -> None:
    from service.pipeline import check_filing, load_filing_dir
    from service.report_text import report_as_text

    for folder in demo_corpus():
        app, files = load_filing_dir(folder)
        report = check_filing(app, files, lang=lang)
        print(f"=== {folder.name}: {report.verdict.value}")
        print(report_as_text(report, lang))
