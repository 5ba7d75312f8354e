"""Evidence pictures of cell pages: the framed cell among its neighbours, named as the spreadsheet names it."""

import io

import numpy as np
from PIL import Image

from extractor.models import Page, PageSource, Word
from service.cell_render import AROUND, column_letters, render_cell_page_png


def _sheet(rows: int) -> Page:
    words = [Word(text=f"{r * 10 + c}", bbox=(c, r, c + 1, r + 1), confidence=1.0, line_id=r + 1)
             for r in range(rows) for c in range(4)]
    return Page(number=1, width=4, height=rows, unit="cell", source=PageSource.spreadsheet, words=words)


def test_columns_are_named_as_a_spreadsheet_names_them() -> None:
    assert [column_letters(i) for i in (0, 25, 26, 51, 701, 702)] == ["A", "Z", "AA", "AZ", "ZZ", "AAA"]


def _image(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_a_thumbnail_is_the_rows_around_the_framed_cell() -> None:
    page = _sheet(200)
    full = _image(render_cell_page_png(page, box=(2, 150, 3, 151)))
    thumb = _image(render_cell_page_png(page, box=(2, 150, 3, 151), crop=True))
    assert thumb.shape[0] < full.shape[0] / 3, "the band is a few rows, not the sheet"
    red = (thumb[..., 0] > 180) & (thumb[..., 1] < 80) & (thumb[..., 2] < 80)
    ys, xs = np.nonzero(red)
    rows_drawn = 2 * AROUND + 2  # the header, the rows around and the framed one
    row_h = thumb.shape[0] / rows_drawn
    assert abs(ys.mean() - row_h * (1 + AROUND + 0.5)) < row_h, "the frame is on the middle row"
    assert thumb.shape[1] / 2 < xs.mean() < thumb.shape[1] * 0.85, "in the third of four columns"


def test_a_long_text_is_cut_and_no_box_shows_the_top() -> None:
    words = [Word(text="Описание " * 40, bbox=(0, 0, 1, 1), confidence=1.0, line_id=1),
             Word(text="12450,5", bbox=(1, 0, 2, 1), confidence=1.0, line_id=1)]
    page = Page(number=1, width=2, height=1, unit="cell", source=PageSource.text, words=words)
    img = _image(render_cell_page_png(page))
    assert img.shape[1] < 600, "a description does not push the figures off the picture"
    assert not ((img[..., 0] > 180) & (img[..., 1] < 80)).any(), "nothing framed without a box"
