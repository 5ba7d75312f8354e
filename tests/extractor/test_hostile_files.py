"""Hostile and broken files get a clear error within a time bound, never a crash or a hang."""

from __future__ import annotations

import time

import pytest

from extractor.models import ErrorCode
from extractor.pipeline import Extractor
from tests import hostile


@pytest.mark.parametrize(
    ("name", "make", "codes"),
    [
        ("thousands of pages", lambda: hostile.many_pages_pdf(5000), {ErrorCode.too_many_pages}),
        ("a 250 x 250 inch page", hostile.huge_page_pdf, {ErrorCode.too_many_pixels}),
        ("a self-referencing page tree", hostile.recursive_pdf, {ErrorCode.corrupt_file, None}),
        ("a broken xref", hostile.broken_xref_pdf, {ErrorCode.corrupt_file, None}),
        ("a PNG decompression bomb", hostile.png_bomb, {ErrorCode.too_many_pixels, ErrorCode.corrupt_file}),
        ("a TIFF with a thousand frames", hostile.many_frames_tiff, {ErrorCode.too_many_pages}),
    ],
)
def test_hostile_file_is_refused_quickly(extractor: Extractor, name: str, make, codes) -> None:  # type: ignore[no-untyped-def]
    data = make()
    started = time.monotonic()
    result = extractor.extract(f"{name}.bin", data)
    assert time.monotonic() - started < 60, name
    code = result.error.code if result.error else None
    assert code in codes, f"{name}: {result.error}"
    if result.error:
        assert result.error.message


def test_oversized_file_is_refused_before_reading(extractor: Extractor) -> None:
    big = b"%PDF-1.4\n" + b"0" * (extractor.settings.max_file_bytes + 1)
    result = extractor.extract("big.pdf", big)
    assert result.error is not None and result.error.code is ErrorCode.too_large


def test_pool_survives_a_bad_file_and_reads_the_next(extractor: Extractor) -> None:
    from tests.makedocs import text_pdf

    extractor.extract("bomb.png", hostile.png_bomb())
    ok = extractor.extract("ok.pdf", text_pdf(["Инвойс № 7 от 01.02.2024"] * 3))
    assert ok.error is None and ok.pages and "Инвойс" in ok.pages[0].text
