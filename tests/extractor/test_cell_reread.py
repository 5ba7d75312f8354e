"""Ruled table cells read on their own when the page pass garbled or skipped them (real Tesseract)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractor.cleanup import Cleaned, binarize, page_rules, remove_ruling, rotate_quadrant, ruled_cells
from extractor.models import Word
from extractor.ocr import TesseractEngine
from extractor.pages import reread_cells
from tests.makedocs import FONT

DPI = 300
# a 3-column row under a header row, in a frame; then a rule that closes nothing
COLUMNS = [200, 1100, 1600, 2100]
ROWS = [300, 420, 700]
TEXT = {(0, 0): "Наименование", (1, 0): "Код ТН ВЭД", (2, 0): "Брутто, кг",
        (1, 1): "8704232000", (2, 1): "7 800,5"}


def _table() -> Image.Image:
    img = Image.new("L", (2400, 1200), 255)
    d = ImageDraw.Draw(img)
    for x in COLUMNS:
        d.line([(x, ROWS[0]), (x, ROWS[-1])], fill=0, width=4)
    for y in ROWS:
        d.line([(COLUMNS[0], y), (COLUMNS[-1], y)], fill=0, width=4)
    d.line([(200, 900), (2100, 900)], fill=0, width=4)  # a signature line: nothing closed under it
    font = ImageFont.truetype(FONT, 42)
    for (col, row), text in TEXT.items():
        d.text((COLUMNS[col] + 30, ROWS[row] + 35 + (100 if row else 0)), text, font=font, fill=40)
    return img


def _cell_at(cells: list[tuple[int, int, int, int]], col: int, row: int) -> tuple[int, int, int, int]:
    x, y = (COLUMNS[col] + COLUMNS[col + 1]) // 2, (ROWS[row] + ROWS[row + 1]) // 2
    return next(c for c in cells if c[0] <= x <= c[2] and c[1] <= y <= c[3])


def test_the_cells_a_table_closes_are_found_and_nothing_else() -> None:
    gray = np.asarray(_table())
    cells = ruled_cells(page_rules(binarize(gray), DPI), DPI)
    assert len(cells) == 6, cells
    x0, y0, x1, y1 = _cell_at(cells, 1, 1)
    assert abs(x0 - COLUMNS[1]) < 8 and abs(x1 - COLUMNS[2]) < 8 and abs(y0 - ROWS[1]) < 8 and abs(y1 - ROWS[2]) < 8
    assert all(c[1] < 900 for c in cells)  # not the paper around the table, not under the lone rule


def test_remove_ruling_keeps_the_cells_it_opened() -> None:
    cleaned = remove_ruling(Cleaned(np.asarray(_table()), dpi=DPI))
    assert "remove lines" in cleaned.steps and len(cleaned.cells) == 6


def _words_by_text(words: list[Word]) -> str:
    return " ".join(w.text for w in sorted(words, key=lambda w: (w.bbox[1], w.bbox[0])))


def test_a_garbled_cell_is_read_again_and_a_skipped_one_is_read() -> None:
    cleaned = remove_ruling(Cleaned(np.asarray(_table()), dpi=DPI))
    code_cell, weight_cell, title_cell = (_cell_at(cleaned.cells, 1, 1), _cell_at(cleaned.cells, 2, 1),
                                          _cell_at(cleaned.cells, 0, 0))
    inside = (code_cell[0] + 40, code_cell[1] + 130, code_cell[0] + 300, code_cell[1] + 170)
    title = (title_cell[0] + 30, title_cell[1] + 35, title_cell[0] + 400, title_cell[1] + 80)
    # what the page pass gave: garbage in the code's cell, nothing in the weight's, the title well read
    page_pass = [Word(text="7", bbox=inside, confidence=0.3), Word(text="adie", bbox=inside, confidence=0.2),
                 Word(text="Наименование", bbox=title, confidence=0.93)]
    found, rereads = reread_cells(cleaned.image, cleaned.cells, page_pass, TesseractEngine(), "rus+eng", 60.0, DPI)
    # the garbled cell's reading stands beside the page pass's, as a re-read line, boxed in the page's pixels
    (code,) = [w for w in rereads if "8704232000" in w.text]
    assert code_cell[0] <= code.bbox[0] < code.bbox[2] <= code_cell[2]
    assert code_cell[1] <= code.bbox[1] < code.bbox[3] <= code_cell[3]
    # the skipped cells' words join the page's (the figure, the headers); the confident cell and the empty one
    # are not read, and the garbled one's reading is not added to the page's words
    assert "800,5" in _words_by_text(found) and "Брутто," in _words_by_text(found), found
    assert any(weight_cell[0] <= w.bbox[0] and w.bbox[2] <= weight_cell[2] for w in found)
    assert not any(code_cell[0] <= w.bbox[0] and w.bbox[2] <= code_cell[2] and w.bbox[1] > code_cell[1] for w in found)
    assert not any(title_cell[0] <= w.bbox[0] and w.bbox[2] <= title_cell[2] for w in [*found, *rereads])
    empty = _cell_at(cleaned.cells, 0, 1)
    assert not any(empty[0] <= w.bbox[0] and w.bbox[2] <= empty[2] for w in [*found, *rereads])


def test_a_half_turn_after_the_clean_up_turns_the_cells_with_the_page() -> None:
    cleaned = remove_ruling(Cleaned(np.asarray(_table()), dpi=DPI))
    turned = rotate_quadrant(cleaned, 180)
    h, w = cleaned.image.shape
    x0, y0, x1, y1 = _cell_at(cleaned.cells, 1, 1)
    assert (w - 1 - x1, h - 1 - y1, w - 1 - x0, h - 1 - y0) in turned.cells
    assert turned.image[h - 1 - (y0 + y1) // 2, w - 1 - (x0 + x1) // 2] == cleaned.image[(y0 + y1) // 2, (x0 + x1) // 2]


LIBERATION = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"


def _blurred_cell(font: str, size: int, sigma: float) -> np.ndarray:
    """A phone photo's code cell at 234 dpi after the clean-up: small type, blurred, grey on a flattened page."""
    import cv2

    img = Image.new("L", (400, 200), 255)
    d = ImageDraw.Draw(img)
    d.rectangle((100, 60, 295, 132), outline=0, width=2)
    d.text((106, 86), "3923900000", font=ImageFont.truetype(font, size), fill=0)
    a = cv2.GaussianBlur(np.asarray(img, dtype=np.float32), (0, 0), sigma)
    return np.clip(90 + a * (165 / 255), 0, 255).astype(np.uint8)


def test_a_blurred_cell_that_its_own_threshold_leaves_unread_is_read_as_one_raw_line() -> None:
    """Otsu on a blurred cell thickens the digits into blobs and Tesseract's layout analysis finds no line in the
    crop (a photographed application's `3923900000`, which the page pass read `ооо`): the grey line, cut close and
    read as a raw line, reads it. Of the 18 blurs and sizes below the block reading alone read 1; none may come
    back as another code."""
    engine = TesseractEngine()
    garbled = Word(text="ооо", bbox=(104, 84, 220, 104), confidence=0.0, line_id=1)
    read = {}
    for font in (FONT, LIBERATION):
        for size in (14, 16, 18):
            for sigma in (1.2, 1.6, 2.0):
                _, rereads = reread_cells(_blurred_cell(font, size, sigma), [(103, 63, 293, 130)], [garbled], engine,
                                          "rus+eng", 10, dpi=234)
                read[(font, size, sigma)] = [r.text for r in rereads]
    assert all(texts in ([], ["3923900000"]) for texts in read.values()), read
    assert sum(texts == ["3923900000"] for texts in read.values()) >= 4, read
    assert read[(FONT, 16, 1.2)] == ["3923900000"]


def test_a_one_row_tables_short_column_rules_still_close_its_cells() -> None:
    """A header and one row, 140 px at 300 dpi: its column rules are shorter than the twentieth of a page that the
    whitened rules must reach, but they close its cells, so a garbled code's cell is read again (1515-0021's
    `8507102009`, read `json` by the page pass)."""
    img = Image.new("L", (2480, 3508), 255)
    d = ImageDraw.Draw(img)
    rows, columns = [800, 870, 940], [200, 1100, 1600, 2100]
    for x in columns:
        d.line([(x, rows[0]), (x, rows[-1])], fill=0, width=4)
    for y in rows:
        d.line([(columns[0], y), (columns[-1], y)], fill=0, width=4)
    d.text((1130, 885), "8507102009", font=ImageFont.truetype(FONT, 40), fill=40)
    cleaned = remove_ruling(Cleaned(np.asarray(img), dpi=DPI))
    assert len(cleaned.cells) == 6, cleaned.cells
    code = next(c for c in cleaned.cells if c[0] <= 1300 <= c[2] and c[1] <= 905 <= c[3])
    # the short rules close the cells without being whitened: the page pass's rules stay as they were
    assert cleaned.image[850, columns[1]] < 128
    garbled = Word(text="json", bbox=(1130, 885, 1400, 930), confidence=0.02, line_id=1)
    _, rereads = reread_cells(cleaned.image, [code], [garbled], TesseractEngine(), "rus+eng", 60.0, DPI)
    assert [w.text for w in rereads] == ["8507102009"]


BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def test_a_skipped_cell_whose_bold_print_runs_together_is_read() -> None:
    """Bold digits that the cell's own threshold runs into one blob, wider than any letter (1515-0084's
    `3923401002`, which the page pass dropped), are print to read, not a rule's stub; a bar of ink is not."""
    import cv2

    img = Image.new("L", (300, 90), 235)
    ImageDraw.Draw(img).text((8, 22), "3923401002", font=ImageFont.truetype(BOLD, 30), fill=30, stroke_width=2,
                             stroke_fill=30)
    cell = cv2.GaussianBlur(np.asarray(img, dtype=np.float32), (0, 0), 1.5).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(binarize(cell), connectivity=8)
    assert sum(1 for row in stats[1:] if row[3] >= 5) == 1  # one blob: the digits run together
    found, _ = reread_cells(cell, [(0, 0, 300, 90)], [], TesseractEngine(), "rus+eng", 10.0, DPI)
    assert [w.text for w in found] == ["3923401002"]
    bar = np.full((90, 300), 235, np.uint8)
    bar[40:50, 20:280] = 30
    assert reread_cells(bar, [(0, 0, 300, 90)], [], TesseractEngine(), "rus+eng", 10.0, DPI) == ([], [])
