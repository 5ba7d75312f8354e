"""Fax-style bilevel scans: a table ruled on a tilted sheet is a staircase of pixels once deskewed."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from extractor.cleanup import binarize, clean_page, is_bilevel
from tests.makedocs import page_image

TABLE_TOP, TABLE_BOTTOM = 700, 860  # at 150 dpi


def _tilted_ruled_page() -> Image.Image:
    """A 150-dpi page with an empty ruled table, tilted 1.2 degrees and thresholded to black and white."""
    img = page_image(["УПАКОВОЧНЫЙ ЛИСТ № 118", "Вес брутто 12 450,5 кг"] * 6, dpi=150)
    draw = ImageDraw.Draw(img)
    for k in range(5):
        draw.line((80, TABLE_TOP + 40 * k, 1160, TABLE_TOP + 40 * k), fill=0, width=1)
    for x in range(80, 1161, 135):
        draw.line((x, TABLE_TOP, x, TABLE_BOTTOM), fill=0, width=1)
    return img.rotate(1.2, fillcolor=255).point(lambda v: 255 if v > 150 else 0).convert("1")


def test_a_deskewed_bilevel_tables_rules_are_removed_whole() -> None:
    """Each step of a staircase rule is shorter than a rule: the steps stayed as dashes through every cell, and
    Tesseract read them as letters (`— Коробки — — и - ящики`), losing the row's weights."""
    rgb = np.asarray(_tilted_ruled_page().convert("RGB"))
    assert is_bilevel(rgb[..., 0])
    cleaned = clean_page(rgb, 150)
    assert cleaned.skew != 0
    ink = binarize(cleaned.image)
    # the table, upscaled to 300 dpi, with a margin for the deskew's shift: its cells are empty
    table = ink[2 * TABLE_TOP - 100 : 2 * TABLE_BOTTOM + 100, 200:2300]
    assert (table > 0).mean() < 0.001, "rule remnants left in the table's cells"
    assert (ink[: 2 * TABLE_TOP - 200] > 0).mean() > 0.005, "the text above the table is still there"


def test_grey_pages_are_not_bilevel() -> None:
    gray = np.asarray(page_image(["Вес брутто 12 450,5 кг"], dpi=150))
    assert not is_bilevel(gray)
