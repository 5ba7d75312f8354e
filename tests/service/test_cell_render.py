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


def test_a_title_runs_on_over_empty_cells_instead_of_widening_its_column() -> None:
    """`УПАКОВОЧНЫЙ ЛИСТ № 318 от 12.03.2024` alone in A1 shows over B1, C1 as a spreadsheet shows it; column A
    stays as wide as its figures, so the framed B3 sits near the left, not past the title's end."""
    title = "УПАКОВОЧНЫЙ ЛИСТ № 318 от 12.03.2024, грузоотправитель ООО «ШинТорг»"
    words = [Word(text=title, bbox=(0, 0, 1, 1), confidence=1.0, line_id=1),
             *[Word(text=t, bbox=(c, 2, c + 1, 3), confidence=1.0, line_id=3) for c, t in enumerate(["1", "12450,5", "шт"])]]
    page = Page(number=1, width=3, height=3, unit="cell", source=PageSource.spreadsheet, words=words)
    img = _image(render_cell_page_png(page, box=(1, 2, 2, 3)))
    red = (img[..., 0] > 180) & (img[..., 1] < 80) & (img[..., 2] < 80)
    assert np.nonzero(red)[1].min() < img.shape[1] / 3, "column A is not as wide as the title"
    assert img.shape[1] > 400, "the title is shown whole, over the empty cells"
