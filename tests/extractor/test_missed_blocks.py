"""Blocks the page pass skipped are read again, and only their new words are kept."""

from __future__ import annotations

import numpy as np
from PIL import ImageDraw

from extractor.ocr import BASE_LANGS, TesseractEngine
from extractor.pages import missed_regions, recover_missed
from tests.makedocs import page_image


def test_a_skipped_line_inside_a_frame_is_recovered_without_reading_its_neighbours_twice() -> None:
    """The framed cell's rectangle takes in the line the page pass did read: read a second time, the weight row
    came back doubled (`25 25 321,7 321,7`) and no longer parsed as one number."""
    img = page_image(["Масса брутто: 25 321,7 кг", "Количество мест: 40"], dpi=200)
    ImageDraw.Draw(img).rectangle((140, 140, 1000, 260), outline=0, width=3)
    gray = np.asarray(img)
    engine = TesseractEngine()
    words = engine.read_page(gray, BASE_LANGS, 60)
    first_line = [w for w in words if w.bbox[3] < 200]  # the page pass "skipped" the second line
    assert "".join(w.text for w in first_line).startswith("Массабрутто")
    (region,) = missed_regions(gray, first_line)
    assert region[1] < first_line[0].bbox[1], "the frame's rectangle holds the line already read"
    recovered = recover_missed(gray, first_line, engine, BASE_LANGS, 60)
    assert [w.text for w in recovered] == ["Количество", "мест:", "40"]
