"""Turns uploaded attachments into typed pages of words, and reads typed facts from them."""

import hashlib
from pathlib import Path

_PIPELINE_SOURCES = (
    "cleanup.py", "ocr.py", "pages.py", "jobs.py", "textlayer.py", "spreadsheet.py", "wordprocessing.py", "encoding.py",
    "raster.py", "models.py", "sniff.py", "readers/layout.py", "readers/vocabulary.py", "readers/labels.json",
    "codeline.py",
)


def _pipeline_version() -> str:
    """Changes whenever the code that turns bytes into pages changes, so cached OCR is never stale (the re-reads
    are of visual lines, so the line builder is part of it, and of the figures after and under weight labels, so
    the label vocabulary is too)."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _PIPELINE_SOURCES:
        digest.update((here / name).read_bytes())
    return "2-" + digest.hexdigest()[:10]


PIPELINE_VERSION = _pipeline_version()
