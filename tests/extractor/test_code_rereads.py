"""The targeted re-read of code-like runs: which words it takes, and the cell borders it clears first."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.cleanup import binarize, clear_cell_rules
from extractor.models import Word
from extractor.ocr import TesseractEngine, zeros_for_o
from extractor.pages import (
    _code_groups,
    _cut_short,
    _ink_span,
    _letters_kept,
    code_runs,
    column_figure_runs,
    edge_noise_off,
    figure_runs,
    reread_codes,
    weight_lines,
)
from tests.makedocs import FONT


def _word(text: str, x0: float, x1: float, line: int = 1) -> Word:
    return Word(text=text, bbox=(x0, 100.0, x1, 130.0), confidence=0.5, line_id=line, block_id=1)


def _cell(code: str, gap: int) -> tuple[np.ndarray, int]:
    """A table row: a cell border, `gap` pixels of paper, then the code, as a 300-dpi scan prints it."""
    img = Image.new("L", (900, 220), 255)
    draw = ImageDraw.Draw(img)
    draw.line([(60, 0), (60, 219)], fill=0, width=3)  # the cell's left border, the row's full height
    draw.line([(0, 40), (899, 40)], fill=0, width=3)
    draw.line([(0, 180), (899, 180)], fill=0, width=3)
    draw.text((62 + gap, 90), code, font=ImageFont.truetype(FONT, 40), fill=0)
    return np.array(img), 62 + gap


def test_a_word_printed_in_cyrillic_is_no_part_of_a_codes_run() -> None:
    # a dithered fax's `Код ТН ВЭД 4011 10 000 3`: `ВЭД` beside the code, taken into its run, garbled the code's
    # re-read (`K0ATH 8324011 10 000 3`); a code read in Cyrillic look-alikes still makes a run
    line = [_word("Код", 100, 150), _word("TH", 160, 190), _word("ВЭД", 196, 250), _word("4012", 256, 330),
            _word("10", 345, 380), _word("000", 395, 450), _word("3", 465, 480)]
    assert [[w.text for w in r] for r in code_runs(line)] == [["4012", "10", "000", "3"]]
    assert [[w.text for w in r] for r in code_runs([_word("ХТАWV6V27", 100, 300), _word("M1419112", 310, 480)])] == \
        [["ХТАWV6V27", "M1419112"]]


def test_a_vin_read_almost_all_as_letters_is_a_run_of_its_own() -> None:
    # a scanned acceptance certificate's `XTAAUW1V5N3486066` beside a cell's rule, read `[xraauwavsns4scoee`: one
    # digit, too few for a code, but a VIN's length; a word of that length without a digit, or two words, are not
    line = [_word("[ава", 100, 180), _word("Vesta", 190, 260), _word("[xraauwavsns4scoee", 400, 700),
            _word("[22", 760, 800)]
    assert [[w.text for w in r] for r in code_runs(line)] == [["[xraauwavsns4scoee"]]
    assert code_runs([_word("INTERNATIONALCARGO", 400, 700)]) == []
    assert code_runs([_word("Volkswagen4", 100, 300), _word("Touran", 310, 420)]) == []
    assert code_runs([_word("ingenieurgesellschaft4", 100, 500)]) == [], "longer than a VIN"


def test_specks_read_as_punctuation_at_a_rereads_ends_are_dropped() -> None:
    # a dithered fax's `,4011100003` hid the code behind a number's comma; a weight label's dots stay
    assert edge_noise_off(",4011100003") == "4011100003"
    assert edge_noise_off("'XW8ZZZ61ZJ0012345;") == "XW8ZZZ61ZJ0012345"
    assert edge_noise_off("TOTAL N.W. 6,230.00") == "TOTAL N.W. 6,230.00"
    assert edge_noise_off(",.;") == ""


def test_tesseracts_letter_stands_where_the_recogniser_read_a_digit_no_letter_looks_like() -> None:
    # the recogniser read a photo's X as 5 and J as 3; Tesseract's S for a 5 is its own slip, and codes of digits
    # (under four letters) are the recogniser's as it read them
    assert _letters_kept("5TAC5PH23R4476168", "XTACXPH23R4476168") == "XTACXPH23R4476168"
    assert _letters_kept("X9FD37FGUR 4440637", "X9FDJ7FGUR4440637") == "X9FDJ7FGUR 4440637"
    assert _letters_kept("LZW5N0GPXMH089316", "LZWSNOGPXMH089316") == "LZW5N0GPXMH089316"
    assert _letters_kept("4011 10 000 3", "4A11 10 000 3") == "4011 10 000 3"
    assert _letters_kept("XTAYC5UTUPM96227", "XTAYC5UTUPM9622") == "XTAYC5UTUPM96227"


def test_a_short_garbled_token_glued_to_a_code_joins_its_run() -> None:
    # the page pass read `4011900000` beside a border as `[во 1900000`
    runs = code_runs([_word("[во", 300, 340), _word("1900000", 345, 480), _word("шт", 700, 730)])
    assert [[w.text for w in r] for r in runs] == [["[во", "1900000"]]


def test_a_short_word_set_apart_stays_out_of_the_run() -> None:
    runs = code_runs([_word("во", 200, 240), _word("01190000", 345, 480)])
    assert [[w.text for w in r] for r in runs] == [["01190000"]]


def test_cell_borders_are_cleared_and_the_letters_kept() -> None:
    gray, x = _cell("8507.10.20.01", gap=4)
    cleared = clear_cell_rules(gray)
    ink, left = binarize(cleared), binarize(gray)
    assert not ink[:, 55:62].any()  # the vertical border
    assert not ink[38:43, 400:].any()  # the row's rules, away from the letters
    letters = left[60:170, x + 4 :]
    assert ink[60:170, x + 4 :].sum() >= 0.97 * letters.sum()


def test_a_code_beside_a_cell_border_is_read_without_it() -> None:
    gray, x = _cell("4011900000", gap=3)
    # what the page pass gave: the border and first digit as one word, the rest as another
    words = [_word("|4", 55, x + 25), _word("011900000", x + 27, x + 250)]
    words = [w.model_copy(update={"bbox": (w.bbox[0], 88.0, w.bbox[2], 140.0)}) for w in words]
    read = reread_codes(gray, words, TesseractEngine(), timeout=30)
    assert [w.text.replace(" ", "") for w in read] == ["4011900000"]  # not `14011900000`, the border as a 1


def test_a_code_printed_in_groups_is_reread_as_one_token_with_an_honest_confidence() -> None:
    """The whitelisted pass reads `9503 00 700 0` as groups and they are joined into the code; a code a column away
    stays apart. Without the space in the whitelist Tesseract glued the groups itself and gave the code 0."""
    from tests.makedocs import page_image

    img = np.array(page_image(["Plastic toys 9503 00 700 0         8507302001"], dpi=300))[:400]
    engine = TesseractEngine()
    words = engine.read_page(img, "rus+eng", 30)
    texts = {w.text: w.confidence for w in reread_codes(img, words, engine, 30)}
    assert "9503007000 8507302001" in texts or {"9503007000", "8507302001"} <= set(texts), texts
    assert min(texts.values()) > 0.8


def test_a_word_beside_a_code_is_not_glued_to_it() -> None:
    """The re-read's groups at a word's spacing join into one code (`9503 00 700 0`), but a word beside them stays a
    word: `TOTAL G.W. 7141.5` glued as `TOTALG.W.7141.5` hid the label from the weight reader."""
    groups = [_word("9503", 100, 180), _word("00", 190, 230), _word("700", 240, 300), _word("0", 310, 330)]
    assert [w.text for w in _code_groups(groups)] == ["9503007000"]
    total = [_word("TOTAL", 100, 190), _word("G.W.", 198, 270), _word("7141.5", 280, 370), _word("KGS", 378, 440)]
    assert [w.text for w in _code_groups(total)] == ["TOTAL", "G.W.7141.5KGS"]
    assert [w.text for w in _code_groups([_word("WDB", 100, 160), _word("RW1VS5MJ912563", 168, 420)])] == \
        ["WDBRW1VS5MJ912563"]  # a VIN's WMI of three letters is a group of the code


def test_a_garbled_figure_after_a_weight_label_is_read_again() -> None:
    """The page pass read `Масса брутто партии:  21 147,7 кг` as `... РА, 7 КЕ`: the words after the label that hold
    a digit and no figure are re-read (without the unit, Cyrillic the whitelist cannot read) and give the figure.
    A header's next box (`12 Объем, м3`) and a figure read whole are not read again."""
    from tests.makedocs import page_image

    img = np.array(page_image(["Масса брутто партии:          21 147,7 кг"], dpi=300))[:400]
    engine = TesseractEngine()
    page = engine.read_page(img, "rus+eng", 30)
    label = [w for w in page if w.bbox[2] < 800]
    figure = sorted((w for w in page if w not in label), key=lambda w: w.bbox[0])
    assert [w.text for w in figure] == ["21", "147,7", "кг"]
    # as the scan's page pass had it: the figure's digits as `РА,` and `7`, the unit as `КЕ`, over the same boxes
    (a0, y0, _, y1), (_, _, b1, _), unit = figure[0].bbox, figure[1].bbox, figure[2].bbox
    boxes = [(a0, y0, b1 - 20, y1), (b1 - 20, y0, b1, y1), unit]
    garbled = [Word(text=t, bbox=b, confidence=0.4, line_id=label[0].line_id, block_id=1)
               for t, b in zip(["РА,", "7", "КЕ"], boxes, strict=True)]
    assert [[w.text for w in r] for r in figure_runs(weight_lines(label + garbled))] == [["РА,", "7"]]
    read = reread_codes(img, label + garbled, engine, timeout=30)
    assert [w.text.replace(" ", "") for w in read] == ["21147,7"]
    assert figure_runs(weight_lines(label + figure)) == []
    header = [_word("11", 100, 130), _word("Вес", 140, 200), _word("брутто,", 210, 330), _word("кг", 340, 370),
              _word("12", 400, 430), _word("Объем,", 440, 560), _word("м3", 570, 600)]
    assert figure_runs(weight_lines(header)) == []


def test_a_code_cut_short_has_its_box_grown_over_the_ink_the_page_pass_left_out() -> None:
    """On a photo of a typewriter-face VIN the page pass boxed `XKZROFDJIHRE74` and lost `9040`: the re-read box
    grows over the ink to where the code ends, in either direction, but not over the word space to `2024`."""
    img = Image.new("L", (1400, 120), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/freefont/FreeMono.ttf", 40)
    draw.text((40, 40), "XKZR9FDJHRE749040    2024", font=font, fill=0)
    gray = np.array(img)
    ink = np.where((gray < 128).any(axis=0))[0]
    code_end = max(x for x in ink if x < 40 + 17 * 24 + 10)  # FreeMono advances 24 px a character at 40 px
    word = draw.textbbox((40, 40), "XKZR9FDJHRE74", font=font)
    y0, y1 = word[1] - 2.0, word[3] + 2.0
    x0, x1 = _ink_span(gray, float(word[0]), float(word[2]), y0, y1)
    assert x0 <= word[0] + 1 and code_end - 2 <= x1 <= code_end + 4
    tail = draw.textbbox((40, 40), "XKZR9", font=font)[2]  # the first five lost instead
    x0, x1 = _ink_span(gray, float(tail + 12), float(code_end + 1), y0, y1)
    assert x0 <= word[0] + 2 and x1 <= code_end + 4
    assert _cut_short("XKZROFDJIHRE74") and not _cut_short("XKZR9FDJHRE749040")
    # a BIN and its label are no VIN cut short, Latin or Cyrillic, nor is a code of digits
    assert not _cut_short("BIN 010741182815") and not _cut_short("БИН010741182815") and not _cut_short("47011000")


def test_a_date_cut_short_has_its_box_grown_to_its_last_digit() -> None:
    """A photographed application's `14.03.2023` was boxed by the page pass as `14.03-202`: re-read in that box
    alone it stays cut; grown over the ink beside it, it reads whole. The invoice number a column to its left
    stays out."""
    img = Image.new("L", (1400, 120), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 40)
    draw.text((40, 40), "1139", font=font, fill=0)
    draw.text((500, 40), "14.03.2023", font=font, fill=0)
    cut = draw.textbbox((500, 40), "14.03.202", font=font)
    words = [Word(text="1139", bbox=draw.textbbox((40, 40), "1139", font=font), confidence=0.6, line_id=1),
             Word(text="14.03-202", bbox=(float(cut[0]), float(cut[1]), float(cut[2]), float(cut[3])),
                  confidence=0.58, line_id=1)]
    assert _cut_short("14.03-202") and not _cut_short("14.03.2023")
    read = reread_codes(np.array(img), words, TesseractEngine(), timeout=30)
    assert [w.text for w in read] == ["14.03.2023"]


@pytest.mark.parametrize("code", ["D0B7C8KE0MBMY589B", "YD0BY8F8UD70V406C", "M3KRE8BP00TBDBJBV", "0B88B0P00SABDBVFD"])
def test_zeros_beside_letters_are_kept(code: str) -> None:
    """With the letter O barred, the whitelisted model dropped these zeros (`D0B7C8KE0MBMY589B` came out
    `D0B7C8KEMBMY589B`); it reads them as `O` or `0O` now, and both come back as one zero."""
    img = Image.new("L", (17 * 26 + 80, 78), 255)
    ImageDraw.Draw(img).text((30, 26), code, font=ImageFont.truetype(FONT, 26), fill=0)
    assert "".join(w.text for w in TesseractEngine().read_codes(np.array(img), 30)) == code


@pytest.mark.parametrize(("read", "expected"), [
    ("87O3", "8703"), ("D0OB7", "D0B7"), ("O0W", "0W"), ("TOTAL", "TOTAL"), ("G.W.", "G.W."), ("NO.5", "N0.5"),
])
def test_a_code_readings_letter_o_is_a_zero(read: str, expected: str) -> None:
    assert zeros_for_o(read) == expected


def test_the_figures_under_a_weight_columns_title_are_read_again() -> None:
    """An application's goods table, printed: the page pass read `54,7` under `Масса нетто, кг` as `547`, its
    comma lost as a speck (as a scan's did). The figures under the title are runs of their own, the quantities and
    prices beside them are not (too short to be codes, a price in groups is one already); the re-read of their
    boxes reads the mark the reader restores. A figure whose cell was read again on its own is not read twice."""
    from tests.makedocs import page_image

    img = np.array(page_image(["Кол-во      Масса нетто, кг      Стоимость",
                               "3509         3008,4                   917 392,96",
                               "2777         54,7                       289 335,63"], dpi=300))[:700]
    engine = TesseractEngine()
    words = engine.read_page(img, "rus+eng", 30)
    assert "54,7" in [w.text for w in words]
    words = [w.model_copy(update={"text": "547"}) if w.text == "54,7" else w for w in words]
    assert [[w.text for w in r] for r in column_figure_runs(weight_lines(words))] == [["3008,4"], ["547"]]
    figure = next(w for w in words if w.text == "547")
    read = reread_codes(img, words, engine, timeout=30)
    assert [w.text for w in read if w.bbox == figure.bbox] == ["54,7"]
    # a figure whose ruled cell was read again on its own keeps that reading: it is not read a second time
    assert not [w for w in reread_codes(img, words, engine, timeout=30, cells=[figure.bbox]) if w.bbox == figure.bbox]
    # a title with nothing figure-like under it takes nothing
    assert column_figure_runs(weight_lines([w for w in words if w.text not in ("3008,4", "547")])) == []
