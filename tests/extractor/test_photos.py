"""Clean-up of phone photos: pages held sideways, text blurred until its letters merge."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import ImageDraw

from extractor.cleanup import UNTURNED, Cleaned, CleanupOptions, clean_page, find_sheet, remove_ruling
from extractor.models import Word
from extractor.ocr import BASE_LANGS, TesseractEngine
from extractor.pages import _either_side, ocr_page, read_sideways, upright_turn
from tests.makedocs import page_image

LINES = [
    "УПАКОВОЧНЫЙ ЛИСТ № 118",
    "Грузоотправитель: Shanghai Tyre Co., Ltd",
    "Вес брутто 12 450,5 кг",
    "Код ТН ВЭД 4011 10 000 3",
]


class SilentDetector(TesseractEngine):
    """Tesseract whose orientation detector has no answer, as it has none on many small-print phone photos."""

    def osd(self, gray: np.ndarray, timeout: float) -> tuple[int, float]:
        return 0, 0.0


@pytest.mark.parametrize("turn", [90, 270])
def test_a_sideways_page_the_detector_cannot_place_is_turned_by_reading_it(turn: int) -> None:
    img = page_image(LINES * 4, dpi=200).rotate(-turn, expand=True)  # PIL rotates counter-clockwise
    page = ocr_page(np.asarray(img.convert("RGB")), 1, 200, SilentDetector(), timeout=60)
    assert (page.rotation + turn) % 360 == 0
    assert "УПАКОВОЧНЫЙ" in page.text and "брутто" in page.text


@pytest.mark.parametrize("turn", [90, 270])
def test_a_sideways_page_the_turn_tests_left_unturned_is_read_whole_both_ways(turn: int) -> None:
    """No turn read clearly better in the strips (seed 1212's blurred phone photos of a sideways packing list and
    invoice): the clean-up leaves the page marked, and it is cleaned and read whole each quarter turn round, the
    way that reads words kept."""
    rgb = np.asarray(page_image(LINES * 4, dpi=200).rotate(-turn, expand=True).convert("RGB"))
    engine = TesseractEngine()
    unturned = clean_page(rgb, 200, orientation=lambda _: 0)
    assert UNTURNED in unturned.steps
    words = engine.read_page(unturned.image, BASE_LANGS, 60)
    cleaned, again = _either_side(rgb, 200, CleanupOptions(), engine, BASE_LANGS, 60, unturned, words)
    assert (cleaned.rotation + turn) % 360 == 0
    text = " ".join(w.text for w in again)
    assert "УПАКОВОЧНЫЙ" in text and "брутто" in text


@pytest.mark.parametrize("turn", [90, 270])
def test_a_ruled_grid_beside_the_text_does_not_hide_a_sideways_pages_turn(turn: int) -> None:
    """A ruled table is the inkiest strip of many forms and reads as nothing in every direction: on the strip of
    its rules alone no turn read better, and the page stayed on its side (a quality passport photographed
    sideways, its weights then read from words in sideways order)."""
    img = page_image(LINES * 2, dpi=200)
    draw = ImageDraw.Draw(img)
    for k in range(16):  # a form's blank table: 15 rows by 20 columns
        draw.line((160, 900 + 22 * k, 1500, 900 + 22 * k), fill=0, width=3)
    for x in range(160, 1501, 67):
        draw.line((x, 900, x, 900 + 22 * 15), fill=0, width=3)
    sideways = np.asarray(img.rotate(-turn, expand=True))  # PIL rotates counter-clockwise
    assert (upright_turn(sideways, SilentDetector(), BASE_LANGS, 60) + turn) % 360 == 0


def _blurred_line(gray: np.ndarray, x0: int, y0: int, width: int) -> None:
    """A text line as a blurred photo binarises: letters merged into a band 24 px tall, joined all along only in
    its middle rows, with a narrow gap between letters above and below."""
    gray[y0 : y0 + 24, x0 : x0 + width] = 40
    for x in range(x0 + 16, x0 + width, 18):
        gray[y0 : y0 + 10, x : x + 2] = 255
        gray[y0 + 14 : y0 + 24, x : x + 2] = 255


def test_ruling_removal_takes_rules_but_never_strikes_a_blurred_text_line_through() -> None:
    gray = np.full((600, 1200), 230, np.uint8)
    _blurred_line(gray, 100, 100, 600)
    gray[300:303, 50:1150] = 40  # a table rule
    _blurred_line(gray, 100, 310, 600)  # text right under it, as in a table's first row
    out = remove_ruling(Cleaned(gray, np.eye(3), dpi=260)).image
    assert (out[300:303, 50:1150] > 200).all(), "the rule is whitened"
    assert (out[110:114, 100:700] == 40).mean() > 0.9, "the line's joined middle rows are letters, not a rule"
    assert (out[320:324, 100:700] == 40).mean() > 0.9


def test_a_sheet_half_in_shadow_is_found_by_its_border() -> None:
    """The shadowed part of the sheet is as dark as the table around it: a brightness threshold took only the
    lit half for the sheet, and the perspective correction cut the page through its text."""
    h, w = 1400, 1000
    corners = np.array([[130, 90], [880, 140], [930, 1300], [90, 1250]], np.float32)
    img = np.full((h, w), 100, np.uint8)
    cv2.fillConvexPoly(img, corners.astype(np.int32), 235)
    light = np.clip(np.linspace(0.45, 1.0, h), 0, 1)[:, None]  # the top of the frame in shadow
    sheet = np.where(img > 150, img * light, img).astype(np.uint8)
    found = find_sheet(sheet)
    assert found is not None
    assert np.abs(found - corners).max() < 15, found


def test_a_light_patch_of_table_beside_the_sheet_is_not_taken_for_part_of_it() -> None:
    """The table is lit nearly as brightly as the paper in one corner of the frame: the bright region ran on from the
    sheet's corner out to the frame's, and the page was warped askew; the sheet's border edges still mark it."""
    h, w = 1000, 1400
    corners = np.array([[160, 100], [1180, 170], [1100, 880], [180, 780]], np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    img = (90 + 80 * np.clip((xx / w - yy / h - 0.35) * 3, 0, 1)).astype(np.uint8)  # bright only up to the right
    cv2.fillConvexPoly(img, corners.astype(np.int32), 236)
    found = find_sheet(img)
    assert found is not None
    assert np.abs(found - corners).max() < 15, found


@pytest.mark.parametrize("tilt", [-12, 12])
def test_a_page_scanned_sideways_and_askew_is_seen_to_lie_on_its_side(tilt: int) -> None:
    """Askew by 12 degrees, a sideways page had neither rows nor columns of ink, was taken as upright and read as a
    header and noise (a CMR's weights, countries and BIN all lost); an upright page as askew stays upright."""
    from extractor.cleanup import is_sideways

    upright = page_image([" ".join(LINES[1:3])] * 30, dpi=150)  # a page of lines across it
    assert not is_sideways(np.asarray(upright.rotate(tilt, expand=True, fillcolor=255)))
    assert is_sideways(np.asarray(upright.rotate(90 + tilt, expand=True, fillcolor=255)))


def test_the_scanner_beds_dark_strips_down_a_sparse_pages_sides_do_not_make_it_sideways() -> None:
    """An upright certificate, a few lines of text at its top, laid off-square on the scanner: the bed's dark strips
    down both sides are long vertical lines of ink, and the page was turned a quarter and read as noise (7373-0234).
    The same page with no strips, and the strips on a page lying on its side, are judged as before."""
    from extractor.cleanup import is_sideways

    sparse = np.asarray(page_image([" ".join(LINES[1:3])] * 6, dpi=150).convert("L")).copy()
    bedded = sparse.copy()
    w = bedded.shape[1]
    bedded[:, : w // 40] = 20
    bedded[:, w - w // 40 :] = 20
    assert not is_sideways(sparse)
    assert not is_sideways(bedded)
    turned = np.ascontiguousarray(np.rot90(np.asarray(page_image([" ".join(LINES[1:3])] * 30, dpi=150).convert("L"))))
    turned[:, : turned.shape[1] // 40] = 20
    assert is_sideways(turned)


class StripBlind(SilentDetector):
    """Tesseract whose orientation tests both fail: no detector answer, and strips read as one block read nothing
    either way round (a CMR's table rules and stamps on the bench), so the page reaches the full read on its side."""

    def read_page(self, gray: np.ndarray, langs: str, timeout: float, psm: int | None = None) -> list[Word]:
        return [] if psm == 6 else super().read_page(gray, langs, timeout, psm=psm)


@pytest.mark.parametrize("turn", [90, 270])
def test_a_page_read_with_its_words_on_end_is_laid_flat(turn: int) -> None:
    """Tesseract reads a sideways page's words standing on end, well enough that no confidence test turns it; the
    words' shapes do, and the page is read again laid flat."""
    img = page_image(LINES * 4, dpi=200).rotate(-turn, expand=True)  # PIL rotates counter-clockwise
    assert read_sideways(TesseractEngine().read_page(np.asarray(img.convert("L")), BASE_LANGS, 60))
    page = ocr_page(np.asarray(img.convert("RGB")), 1, 200, StripBlind(), timeout=60)
    assert (page.rotation + turn) % 360 == 0
    assert "УПАКОВОЧНЫЙ ЛИСТ" in page.text and "Вес брутто 12 450,5 кг" in page.text
    assert not read_sideways(page.words)


def test_a_margin_note_on_end_does_not_make_a_page_sideways() -> None:
    flat = [Word(text="Грузоотправитель", bbox=(100, 40 + 30 * k, 400, 60 + 30 * k), confidence=0.9) for k in range(20)]
    margin = [Word(text="Экземпляр", bbox=(20, 100 + 200 * k, 40, 280 + 200 * k), confidence=0.9) for k in range(6)]
    assert not read_sideways(flat + margin)
    assert read_sideways(margin + flat[:2])


def _ruled_table(tilt: float) -> np.ndarray:
    """A packing list's ruled goods table at 300 dpi on grey paper, askew by `tilt` degrees."""
    from PIL import Image, ImageFont

    from tests.makedocs import FONT

    img = Image.new("L", (2480, 600), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 30)
    cols, rows = [180, 290, 1120, 1410, 1620, 1920, 2200, 2460], [100, 200, 300, 400, 500]
    cells = [["No", "Description", "Packages", "Q'ty", "N.W. (kg)", "G.W. (kg)", "HS code"],
             ["1", "Lead-acid accumulators", "65 pcs", "65", "2046.3", "2060.5", "8507208001"],
             ["2", "Tyres 205/55 R16", "40 pcs", "40", "1150.0", "1190.5", "4011100003"],
             ["", "TOTAL", "105", "105", "3196.3", "3251.0", ""]]
    for y in rows:
        draw.line((cols[0], y, cols[-1], y), fill=0, width=4)
    for x in cols:
        draw.line((x, rows[0], x, rows[-1]), fill=0, width=4)
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            draw.text((cols[c] + 10, rows[r] + 30), text, font=font, fill=0)
    tilted = np.asarray(img.rotate(tilt, fillcolor=255, resample=Image.Resampling.BICUBIC)).astype(np.float64)
    return np.clip(tilted * 0.75 + 55, 0, 255).astype(np.uint8)


def test_a_ruled_tables_strip_reads_surer_with_its_rules_painted_out() -> None:
    """Why `upright_turn` reads undecided strips again without their rules: a sideways packing list's inkiest strip
    (the goods table, cut through a row, its rules slanting), turned the right way, read 0.21 as one block, less
    than the wrong turns' noise, and the page stayed on its side. With the rules painted out it read 0.54."""
    from extractor.cleanup import TARGET_DPI, binarize, page_rules, whiten
    from extractor.pages import _block_confidence

    engine = TesseractEngine()
    strip = np.ascontiguousarray(_ruled_table(1.3)[150:430])
    plain = _block_confidence(strip, engine, BASE_LANGS, 60)
    rules = page_rules(binarize(strip), TARGET_DPI)
    assert rules.any()
    assert _block_confidence(whiten(strip, rules), engine, BASE_LANGS, 60) >= plain + 0.2


def test_a_turn_is_taken_only_when_its_strips_read_clearly_surer() -> None:
    from extractor.pages import _clear_winner

    assert _clear_winner({0: 0.41, 90: 0.54, 270: 0.39}) == 90
    assert _clear_winner({0: 0.30, 90: 0.21, 270: 0.34}) is None
    assert _clear_winner({0: 0.8, 90: 0.65, 270: 0.1}) == 0
    assert _clear_winner({0: 0.8, 90: 0.75, 270: 0.1}) is None, "by less than the margin"
