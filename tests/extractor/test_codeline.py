"""The code-line recogniser: its read-out, the band it reads, how its reading is weighed against Tesseract's, and
the trained network on small blurred print in faces it was not trained on."""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractor.codeline import ALPHABET, LineReading, best_path, code_line_reader, ink_band, model_digest
from extractor.models import Word
from extractor.ocr import TesseractEngine
from extractor.pages import LINE_SURE, _better_reading
from extractor.settings import ExtractSettings
from fixtures.codelines import training_fonts

BOX = (10.0, 10.0, 200.0, 30.0)
LIKE = Word(text="x", bbox=BOX, confidence=0.5, line_id=3, block_id=2)


def _steps(classes: list[int], sure: float = 0.9) -> np.ndarray:
    """Log-probabilities whose best class at each step is the one given, at probability `sure`."""
    n = len(ALPHABET) + 1
    p = np.full((len(classes), n), (1 - sure) / (n - 1))
    p[np.arange(len(classes)), classes] = sure
    return np.log(p)


def test_best_path_merges_repeats_and_keeps_letters_a_blank_parts() -> None:
    one, two = ALPHABET.index("1") + 1, ALPHABET.index("2") + 1
    logp = _steps([one, one, 0, one, two, two, 0])
    logp[2] = np.log(np.full(len(ALPHABET) + 1, 1 / (len(ALPHABET) + 1)))  # a blank nobody is sure of
    logp[2, 0] += 0.5
    text, confidence = best_path(logp)
    assert text == "112"
    assert confidence < 0.1  # the unsure blank: a `1` may be lost or doubled there


def test_ink_band_cuts_a_tall_box_to_its_line_of_print() -> None:
    crop = np.full((90, 240), 255, np.uint8)
    crop[:, 2:4] = 0  # a cell's rule the whole height of the box
    crop[0:2, :] = 0  # and the row's rule above
    cv2.putText(crop, "8704222000", (12, 62), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 0, 2)
    band = ink_band(crop)
    assert 14 <= band.shape[0] <= 30  # the digits' height and a margin, not the box's 90 rows
    assert band.shape[1] < 240 - 10  # the rule at the left edge is not taken for print
    assert band.min() < 100


def _tesseract(text: str, confidence: float = 0.6) -> Word:
    return Word(text=text, bbox=BOX, confidence=confidence, line_id=3, block_id=2)


def test_a_sure_reading_that_differs_stands_over_tesseracts() -> None:
    word = _better_reading(_tesseract("X9F1FJAWZNG888639"), LineReading("X9F1FJAW2N6880639", 0.55), BOX, LIKE)
    assert word is not None
    assert (word.text, word.confidence, word.alternatives) == ("X9F1FJAW2N6880639", 0.55, ["X9F1FJAWZNG888639"])


def test_a_run_tesseract_read_with_a_word_in_it_keeps_its_reading() -> None:
    # the recogniser learnt codes: it reads a total's label as `T0TALN.W.`, and the weight reader needs `TOTAL`
    word = _better_reading(_tesseract("TOTAL N.W.6,230.00"), LineReading("T0TALN.W..6,230.00 0", 0.54), BOX, LIKE)
    assert word is not None and (word.text, word.alternatives) == ("TOTAL N.W.6,230.00", ["T0TALN.W..6,230.00 0"])
    # a VIN's three-letter WMI or a `VIN` label is no word: the code's reading is the recogniser's
    word = _better_reading(_tesseract("VNWYWWM63XER915881"), LineReading("VIN WVWWM63XERJ915881", 0.5), BOX, LIKE)
    assert word is not None and word.text == "VIN WVWWM63XERJ915881"


def test_an_unsure_reading_leaves_tesseracts_and_is_its_alternative() -> None:
    word = _better_reading(_tesseract("8704222000"), LineReading("8704Z22000", LINE_SURE / 2), BOX, LIKE)
    assert word is not None
    assert (word.text, word.alternatives) == ("8704222000", ["8704Z22000"])


def test_two_readers_agreeing_are_as_sure_as_the_surer() -> None:
    word = _better_reading(_tesseract("8704 22 200 0", 0.4), LineReading("8704222000", 0.97), BOX, LIKE)
    assert word is not None and word.text == "8704 22 200 0" and word.confidence == 0.97


def test_a_box_only_the_recogniser_read_is_kept_when_sure() -> None:
    assert _better_reading(None, LineReading("4011100003", LINE_SURE / 2), BOX, LIKE) is None
    assert _better_reading(None, LineReading("..", 0.9), BOX, LIKE) is None  # no letter, no digit: nothing read
    word = _better_reading(None, LineReading("4011100003", 0.8), BOX, LIKE)
    assert word is not None and (word.text, word.line_id, word.block_id) == ("4011100003", 3, 2)


# Faces the documents are set in; the recogniser was trained on others (`fixtures.codelines`).
DOCUMENT_FACES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
]
CODES = ["X9F1FJAW2N6880639", "8704 22 200 0", "JTMFXR3G4N9818217", "7612.90.20.00", "XTAWV6V27M1419112",
         "4819300002", "LVVDB11B9RD047365", "3923 10 000 0", "WDD2050421R712389", "8708.99.97.99", "Z94CT41DBPR284617",
         "4011100003"]


def _photographed(text: str, face: str, cap: int) -> np.ndarray:
    """`text` as a phone photo of a page prints it: `cap` pixels tall, blurred, JPEG-damaged, then upscaled twice
    as the page clean-up upscales a low-resolution page."""
    font = ImageFont.truetype(face, 60)
    img = Image.new("L", (int(font.getlength(text)) + 120, 160), 255)
    ImageDraw.Draw(img).text((60, 45), text, font=font, fill=30)
    a = np.asarray(img)
    ys, xs = np.where(a < 128)
    margin = (ys.max() - ys.min()) // 2  # the re-read pads a word's box so
    a = a[ys.min() - margin : ys.max() + margin, xs.min() - margin : xs.max() + margin]
    f = cap / (ys.max() - ys.min() + 1)
    a = cv2.resize(a, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    a = cv2.GaussianBlur(a.astype(np.float32), (0, 0), 0.7)
    _, buf = cv2.imencode(".jpg", np.clip(a * 0.7 + 60, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 40])
    decoded = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    assert decoded is not None
    return cv2.resize(decoded, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)


def _compact(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def test_the_trained_recogniser_reads_small_blurred_codes_in_faces_it_never_saw() -> None:
    path = ExtractSettings().codeline_model
    reader = code_line_reader(path)
    assert reader is not None, f"no code-line model at {path}: `make setup` trains it"
    assert not {str(f) for f in training_fonts()} & set(DOCUMENT_FACES)
    # every code in every face: 144 crops, enough that a model trained again (same data, other arithmetic order)
    # passes or fails on what it reads, not on two or three crops' luck
    crops = [(code, _photographed(code, face, cap)) for cap in (7, 8) for code in CODES for face in DOCUMENT_FACES]
    mine = [(code, reader.read(crop).text) for code, crop in crops]
    theirs = [(code, " ".join(w.text for w in TesseractEngine().read_codes(_margined(crop), 30))) for code, crop in crops]
    right = sum(_compact(text) == _compact(code) for code, text in mine)
    tesseract_right = sum(_compact(text) == _compact(code) for code, text in theirs)
    assert right >= len(crops) / 2, mine  # 7- and 8-pixel capitals, a phone photo's small print
    assert right >= 3 * tesseract_right, (right, tesseract_right)


def _margined(crop: np.ndarray) -> np.ndarray:
    return cv2.copyMakeBorder(crop, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)


def test_the_cache_knows_which_model_re_read_the_codes(tmp_path: Path) -> None:
    from extractor.pipeline import cache_version

    one, other = tmp_path / "one.pt", tmp_path / "other.pt"
    one.write_bytes(random.Random(1).randbytes(64))
    other.write_bytes(random.Random(2).randbytes(64))
    versions = {cache_version(ExtractSettings(codeline_model=p), "tesseract") for p in (one, other, None)}
    assert len(versions) == 3
    assert model_digest(one) in cache_version(ExtractSettings(codeline_model=one), "tesseract")
