"""A grey sheet scanned askew on a black bed: the bed's wedges must not decide where ink ends and paper begins."""

from __future__ import annotations

import numpy as np
from PIL import Image

from extractor.cleanup import CleanupOptions, clean_page
from extractor.models import Word
from extractor.ocr import TesseractEngine
from extractor.pages import ocr_page
from tests.makedocs import page_image

PAPER, PRINT, BED = 221, 150, 25
LINES = ["МЕЖДУНАРОДНАЯ ТОВАРНАЯ НАКЛАДНАЯ", "Вес брутто / Gross weight: 5 530,20 кг", "Екатеринбург 2024-07-15"] * 4


def _grey_sheet_on_black_bed() -> np.ndarray:
    """Grey print on grey paper (a recycled sheet, a dim scanner) turned 5 degrees on a black bed, the scan's frame
    cutting the sheet's corners off (no outline to correct the perspective by), as the bench's CMR F763-0122 came."""
    sheet = page_image(LINES, dpi=300).point(lambda v: PRINT + (PAPER - PRINT) * v // 255)
    turned = sheet.rotate(5, fillcolor=BED, resample=Image.Resampling.BICUBIC)
    return np.asarray(turned.convert("RGB"))


def test_the_bed_round_a_skewed_sheet_takes_the_papers_grey() -> None:
    # the bed pulls Otsu's threshold far below where the grey sheet alone puts it: cleared on the first reading
    cleaned = clean_page(_grey_sheet_on_black_bed(), 300)
    assert "bed" in cleaned.steps and cleaned.skew != 0
    # nothing on the page is darker than its print now: the bed is gone, and the deskew's corners are not white
    assert (cleaned.image < PRINT - 40).mean() < 0.0005
    assert (cleaned.image > PAPER + 20).mean() < 0.01


def test_a_page_that_reads_well_is_not_read_twice() -> None:
    sheet = np.asarray(page_image(LINES, dpi=300).rotate(5, fillcolor=BED).convert("RGB"))  # black print, white paper
    # on black print the bed hardly moves the threshold: it is left, a second try's step only
    assert "bed" not in clean_page(sheet, 300).steps
    assert "bed" in clean_page(sheet, 300, CleanupOptions(bed=True)).steps
    engine = _CountingEngine()
    ocr_page(sheet, 1, 300, engine, 120.0)
    assert engine.pages == 1


class _CountingEngine(TesseractEngine):
    def __init__(self) -> None:
        super().__init__()
        self.pages = 0

    def read_page(self, gray: np.ndarray, langs: str, timeout: float, psm: int | None = None) -> list[Word]:
        self.pages += psm is None
        return super().read_page(gray, langs, timeout, psm)


def test_grey_print_on_a_black_bed_is_read() -> None:
    # the bed cleared before the first reading, the page is read once (it used to read as next to nothing, and
    # again without the bed)
    engine = _CountingEngine()
    page = ocr_page(_grey_sheet_on_black_bed(), 1, 300, engine, 120.0)
    text = " ".join(w.text for w in page.words)
    assert "530,20" in text and "2024-07-15" in text, text
    assert engine.pages == 1
