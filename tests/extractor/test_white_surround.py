"""A grey sheet on something whiter (a scanner's white lid, a copy onto white paper): the surround must not decide
where ink ends and paper begins."""

from __future__ import annotations

import numpy as np
from PIL import ImageDraw

from extractor.cleanup import binarize, clean_page
from tests.makedocs import page_image

PAPER = 230


def _ruled_table_on_grey_paper(surround: float) -> np.ndarray:
    """A three-row ruled table with a weight in it, printed on grey paper, inside a margin of `surround` grey."""
    img = page_image(["УПАКОВОЧНЫЙ ЛИСТ № 118"], dpi=150)
    draw = ImageDraw.Draw(img)
    for y in (300, 360, 420, 480):
        draw.line((100, y, 1100, y), fill=0, width=2)
    for x in (100, 500, 800, 1100):
        draw.line((x, 300, x, 480), fill=0, width=2)
    draw.text((520, 380), "1 240,4 кг", fill=0)
    ink = 255 - np.asarray(img, dtype=np.float32)
    sheet = np.clip(PAPER + np.random.default_rng(5).normal(0, 5, ink.shape) - ink * 0.8, 0, 255)
    h, w = sheet.shape
    canvas = np.full((int(h * 1.2), int(w * 1.2)), surround)
    canvas[h // 10 : h // 10 + h, w // 10 : w // 10 + w] = sheet
    return np.stack([canvas.astype(np.uint8)] * 3, axis=-1)


def test_a_grey_sheet_on_white_is_stretched_so_its_rules_close_cells() -> None:
    cleaned = clean_page(_ruled_table_on_grey_paper(255.0), 150)
    assert any(step.startswith("stretch") for step in cleaned.steps)
    # the letters and rules are ink, not the whole sheet, and the table's nine cells are found for their re-reads
    assert float((binarize(cleaned.image) > 0).mean()) < 0.05
    assert len(cleaned.cells) == 9


def test_a_sheet_on_its_own_paper_colour_is_left_as_it_is() -> None:
    cleaned = clean_page(_ruled_table_on_grey_paper(float(PAPER)), 150)
    assert not any(step.startswith("stretch") for step in cleaned.steps)


def test_light_print_on_grey_paper_is_stretched_though_a_stamp_is_dark() -> None:
    """Grey paper printed light (a typewriter face ~90 grey levels under the paper) with one dark mark on it: the
    darkest ink gives the page a wide spread, but its body text is what Tesseract must read (a packing list whose
    table of figures read as nothing), so the page is stretched from its body text's grey."""
    from extractor.cleanup import GREY_INK, body_ink

    img = page_image(["УПАКОВОЧНЫЙ ЛИСТ № 118", "Масла смазочные моторные 20,899 22,135"], dpi=150)
    ink = 255 - np.asarray(img, dtype=np.float32)
    sheet = np.clip(PAPER + np.random.default_rng(5).normal(0, 3, ink.shape) - ink * 0.4, 0, 255)
    sheet[100:130, 100:130] = 10  # a stamp's dark corner
    assert body_ink(sheet.astype(np.uint8), PAPER) >= GREY_INK
    cleaned = clean_page(np.stack([sheet.astype(np.uint8)] * 3, axis=-1), 150)
    assert any(step.startswith("stretch") for step in cleaned.steps)
