"""Blocks the page pass skipped are read again, and only their new words are kept."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractor.cleanup import binarize
from extractor.models import Word
from extractor.ocr import BASE_LANGS, TesseractEngine
from extractor.pages import (
    missed_lines,
    missed_regions,
    ocr_page,
    recover_faint,
    recover_lines,
    recover_missed,
)
from tests.makedocs import FONT, page_image


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
    (region,) = missed_regions(binarize(gray), first_line)
    assert region[1] < first_line[0].bbox[1], "the frame's rectangle holds the line already read"
    recovered = recover_missed(gray, binarize(gray), first_line, engine, BASE_LANGS, 60)
    assert [w.text for w in recovered] == ["Количество", "мест:", "40"]


class _LayoutDropsTheBody(TesseractEngine):
    """Real Tesseract whose automatic layout analysis (mode 3) keeps only the page's top lines, as it did on a
    150 dpi fax of a control pass in a dotted frame: the heading read, the eleven lines of fields taken for a
    picture. Other page modes read as Tesseract does."""

    def read_page(self, gray: np.ndarray, langs: str, timeout: float, psm: int | None = None) -> list[Word]:
        words = super().read_page(gray, langs, timeout, psm)
        return [w for w in words if w.bbox[1] < 300] if (psm or self.psm) == 3 else words


def test_a_page_whose_layout_analysis_dropped_its_body_is_read_as_one_column() -> None:
    rows = ["ТАЛОН о прохождении государственного контроля", "Пункт пропуска: Нур Жолы", "Направление: въезд в РК",
            "Дата пересечения: 14.02.2024", "Время: 09:45", "Гос. номер ТС: 512ABC02", "Прицеп: 77DEF02",
            "Водитель: Сейтов Марат", "Количество ТС: 1"]
    rgb = np.asarray(page_image(rows, dpi=200).convert("RGB"))
    engine = _LayoutDropsTheBody()
    heading = engine.read_page(np.asarray(page_image(rows, dpi=300)), BASE_LANGS, 60)
    assert "14.02.2024" not in {w.text for w in heading}  # the failure, as the page pass gives it
    page = ocr_page(rgb, 1, 200, engine, 60, reread=False)
    assert {"14.02.2024", "09:45", "Сейтов", "Количество"} <= {w.text for w in page.words}


def test_a_kazakh_page_read_as_one_column_is_read_again_with_kaz_in_that_mode() -> None:
    """The Kazakh re-read of a page is made in the mode that read it: in the automatic layout it lost the body
    again."""
    rows = ["ТАЛОН мемлекеттік бақылаудан өту туралы", "Өткізу пункті: Нұр Жолы", "Бағыты: Қазақстан Республикасына кіру",
            "Шекарадан өту күні: 14.02.2024", "Уақыты: 09:45", "Көлік құралының нөмірі: 512ABC02", "Тіркеме: 77DEF02",
            "Жүргізуші: Сейтов Марат", "Көлік құралдарының саны: 1"]
    page = ocr_page(np.asarray(page_image(rows, dpi=200).convert("RGB")), 1, 200, _LayoutDropsTheBody(), 60,
                    reread=False)
    assert page.languages == "kaz+eng"
    assert {"14.02.2024", "09:45", "Сейтов"} <= {w.text for w in page.words}


class _LayoutDropsARow(TesseractEngine):
    """Real Tesseract whose automatic layout analysis drops the row holding `Datum`, as it dropped a German
    invoice's `Datum / Date: 13.11.2023` and the buyer's address beside it, from between two columns' blocks."""

    def read_page(self, gray: np.ndarray, langs: str, timeout: float, psm: int | None = None) -> list[Word]:
        words = super().read_page(gray, langs, timeout, psm)
        if (psm or self.psm) != 3:
            return words
        row = next((w for w in words if w.text.startswith("Datum")), None)
        return [w for w in words if row is None or w.line_id != row.line_id]


def test_a_row_dropped_between_two_columns_is_read_again_on_its_own() -> None:
    rows = ["ТОО «Астана Трейд Групп»" + " " * 40 + "Rechnungs-Nr. / Invoice no.: INV-2023/0539",
            "г. Астана, ул. Сыганак, 29" + " " * 40 + "Datum / Date: 13.11.2023",
            "BIN 201041971481" + " " * 55 + "Vertrag / Contract: EX-2023/068"]
    gray = np.asarray(page_image(rows, dpi=200))
    engine = _LayoutDropsARow()
    words = engine.read_page(gray, BASE_LANGS, 60)
    assert "13.11.2023" not in {w.text for w in words}  # the failure, as the page pass gives it
    assert not recover_missed(gray, binarize(gray), words, engine, BASE_LANGS, 60), "each column's half is too small a block"
    (row,) = missed_lines(binarize(gray), words, 200)
    date_row = [w for w in TesseractEngine().read_page(gray, BASE_LANGS, 60) if w.text == "13.11.2023"]
    assert row[0] < 200 < date_row[0].bbox[0] < row[2], "one box over both columns' halves"
    page = ocr_page(np.asarray(Image.fromarray(gray).convert("RGB")), 1, 200, engine, 60, reread=False)
    assert {"Сыганак,", "Datum", "13.11.2023"} <= {w.text for w in page.words}
    assert sum(w.text == "INV-2023/0539" for w in page.words) == 1, "rows read before are not read twice"


def test_a_scrawl_is_no_lost_row() -> None:
    """A signature's stroke is line-shaped ink no word covers; what it reads as is no text and is left out."""
    img = page_image(["Директор"], dpi=200)
    draw = ImageDraw.Draw(img)
    rng = np.random.default_rng(3)
    points = [(400 + 12 * k, 400 + int(rng.integers(-14, 14))) for k in range(40)]
    draw.line(points, fill=0, width=3)
    gray = np.asarray(img)
    engine = TesseractEngine()
    words = engine.read_page(gray, BASE_LANGS, 60)
    assert missed_lines(binarize(gray), [w for w in words if w.bbox[1] < 300], 200), "the stroke is a candidate"
    assert recover_lines(gray, binarize(gray), [w for w in words if w.bbox[1] < 300], engine, BASE_LANGS, 60, 200) == []


def _ruled_table(dpi: int = 200) -> tuple[np.ndarray, int]:
    """A packing list's ruled table, each cell's text set close to its left rule; returns the page and the
    header row's middle."""
    img = page_image([], dpi=dpi)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, int(10 * dpi / 72))
    cols = [160, 260, 900, 1200, 1500]
    rows = [["№", "Наименование товара", "Вес нетто, кг", "Вес брутто, кг"],
            ["1", "Мониторы и телевизоры", "3 450", "3 807,7"], ["", "Итого:", "3 450", "3 807,7"]]
    top, height = 400, 60
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            draw.text((cols[c] + 8, top + r * height + 14), text, font=font, fill=0)
    for r in range(len(rows) + 1):
        draw.line((cols[0], top + r * height, cols[-1], top + r * height), fill=0, width=3)
    for x in cols:
        draw.line((x, top, x, top + len(rows) * height), fill=0, width=3)
    return np.asarray(img), top + height // 2


def test_a_ruled_tables_dropped_header_is_a_row_apart_from_its_grid() -> None:
    """A scanned packing list's header row (`Вес нетто, кг`, `Вес брутто, кг`) came back from no pass: its letters
    sit close to the cells' rules, which joined them into one blob as tall as the table."""
    gray, header = _ruled_table()
    words = [w for w in TesseractEngine().read_page(gray, BASE_LANGS, 60) if not w.bbox[1] <= header <= w.bbox[3]]
    assert "нетто," not in {w.text for w in words}
    rows = missed_lines(binarize(gray), words, 200)
    assert [r for r in rows if r[1] <= header <= r[3] and r[3] - r[1] < 60], rows
    read = recover_lines(gray, binarize(gray), words, TesseractEngine(), BASE_LANGS, 60, 200)
    assert {"нетто,", "брутто,"} <= {w.text for w in read}


class _BlockReadsAGridAsAWord(TesseractEngine):
    """Real Tesseract whose block reading (mode 6) of a table adds what a ruled grid gave on a scan: a doubtful
    word boxed over a whole row and more (`pe` at 0.39, 108 px tall at 300 dpi)."""

    def read_page(self, gray: np.ndarray, langs: str, timeout: float, psm: int | None = None) -> list[Word]:
        words = super().read_page(gray, langs, timeout, psm)
        if psm != 6 or gray.shape[0] < 150:
            return words
        h, w = gray.shape
        return [*words, Word(text="pe", bbox=(0.0, h - 120.0, float(w), float(h)), confidence=0.39, line_id=99,
                             block_id=9)]


def test_a_doubtful_word_taller_than_print_is_not_recovered() -> None:
    """The block's rectangle (a frame, as in the first test) holds two lines the page pass skipped."""
    img = page_image(["Масса брутто: 25 321,7 кг", "Количество мест: 40", "Вид упаковки: паллета"], dpi=200)
    ImageDraw.Draw(img).rectangle((140, 140, 1000, 340), outline=0, width=3)
    gray = np.asarray(img)
    words = [w for w in TesseractEngine().read_page(gray, BASE_LANGS, 60) if w.bbox[3] < 200]
    recovered = recover_missed(gray, binarize(gray), words, _BlockReadsAGridAsAWord(), BASE_LANGS, 60, 200)
    assert {"Количество", "паллета"} <= {w.text for w in recovered}
    assert "pe" not in {w.text for w in recovered}


def _release_stamp(date_grey: int, dpi: int = 200) -> np.ndarray:
    """A declaration's box: black print, and a release stamp whose date is printed in `date_grey` on grey paper
    (5959-0182: its `20.05.2023 16:03` pale blue under a `ВЫПУСК РАЗРЕШЕН` dark enough to read)."""
    img = page_image(["г. Усть-Каменогорск 19.05.2023", "Таможенный представитель ТОО «Кеден Брокер»",
                      "ВЫПУСК РАЗРЕШЕН"], dpi=dpi)
    arr = np.asarray(img).copy()
    arr[arr == 255] = 225  # the scan's grey paper
    img = Image.fromarray(arr)
    font = ImageFont.truetype(FONT, int(11 * dpi / 72))
    ImageDraw.Draw(img).text((int(0.8 * dpi), int(0.8 * dpi + 3 * 22 * dpi / 72)), "20.05.2023 16:03", font=font,
                             fill=date_grey)
    return np.asarray(img)


def test_a_pale_stamps_date_no_pass_saw_is_read_on_its_own() -> None:
    gray = _release_stamp(165)
    engine = TesseractEngine()
    ink = binarize(gray)
    words = engine.read_page(gray, BASE_LANGS, 60)
    words += recover_lines(gray, ink, words, engine, BASE_LANGS, 60, 200)
    assert "РАЗРЕШЕН" in {w.text for w in words} and "20.05.2023" not in {w.text for w in words}, "the failure"
    assert {"20.05.2023", "16:03"} <= {w.text for w in recover_faint(gray, ink, words, engine, BASE_LANGS, 60, 200)}
    dark = _release_stamp(0)
    assert recover_faint(dark, binarize(dark), engine.read_page(dark, BASE_LANGS, 60), engine, BASE_LANGS, 60, 200) == []
