"""OCR engines behind one small interface, so logic tests can run without Tesseract (OCRmyPDF's habit)."""

from __future__ import annotations

import os
import re
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager

import cv2
import numpy as np
import pytesseract

from extractor.errors import ExtractTimeoutError
from extractor.models import Word

# Two pages on two cores, not one page fighting over both: Tesseract reads this when it starts.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

BASE_LANGS = "rus+eng"
KAZAKH_LANGS = "kaz+eng"
CODE_WHITELIST = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ.,/-"

# Letters only Kazakh uses, and frequent Kazakh words as rus+eng misreads them; a page with enough is re-read with kaz.
_KAZ_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KAZ_WORDS = re.compile(
    r"\b(және|туралы|мемлекеттік|бақылау|бакылау|шекара|өткізу|откізу|өтініш|отініш|тауар|тауарлар|тауарларды|"
    r"салық|салык|күні|куні|нөмірі|номірі|берілген|қызметі|кызметі|республикасы|жылы|уақыты|уакыты|өту|мен|бойынша|"
    r"талоны|ұлттық|улттык|қауіпсіздік|кауіпсіздік|комитетінің|шекаралық|шекаралык|пункті|автокөлік|автокөлiк)\b",
    re.IGNORECASE,
)


def kazakh_score(text: str) -> float:
    """Share of words that are Kazakh by letter or by vocabulary; cheap enough to run on every OCR'd page."""
    words = re.findall(r"\w+", text)
    if not words:
        return 0.0
    hits = sum(1 for w in words if _KAZ_LETTERS & set(w)) + len(_KAZ_WORDS.findall(text))
    return hits / len(words)


@contextmanager
def image_file(gray: np.ndarray) -> Iterator[str]:
    """The raster as an uncompressed PNM file: pytesseract's own PNG encoding costs about a second a page."""
    fd, path = tempfile.mkstemp(suffix=".pnm", prefix="docscreen-ocr-")
    os.close(fd)
    try:
        cv2.imwrite(path, gray)
        yield path
    finally:
        os.unlink(path)


OSD_CONFIDENT = 1.5
"""Tesseract's orientation confidence below which its answer is a guess (sparse forms, tables)."""


class OcrEngine(ABC):
    name = "abstract"

    @abstractmethod
    def read_page(self, gray: np.ndarray, langs: str, timeout: float, psm: int | None = None) -> list[Word]:
        """Words with boxes in the pixel frame of `gray`; `psm` 6 reads a crop as one block of text."""

    @abstractmethod
    def read_codes(self, gray: np.ndarray, timeout: float) -> list[Word]:
        """Lines of codes (VINs, HS codes, numbers) read with `eng` and a character whitelist."""

    @abstractmethod
    def osd(self, gray: np.ndarray, timeout: float) -> tuple[int, float]:
        """Clockwise quarter-turn (0, 90, 180, 270) that makes the page upright, and the detector's confidence."""

    def orientation(self, gray: np.ndarray, timeout: float) -> int:
        """The quarter-turn when the detector is confident, else 0."""
        turn, conf = self.osd(gray, timeout)
        return turn if conf >= OSD_CONFIDENT else 0


class NullEngine(OcrEngine):
    """Reads nothing; lets pipeline logic run in tests without Tesseract."""

    name = "null"

    def read_page(self, gray: np.ndarray, langs: str, timeout: float, psm: int | None = None) -> list[Word]:
        return []

    def read_codes(self, gray: np.ndarray, timeout: float) -> list[Word]:
        return []

    def osd(self, gray: np.ndarray, timeout: float) -> tuple[int, float]:
        return 0, 0.0


class TesseractEngine(OcrEngine):
    name = "tesseract"

    def __init__(self, psm: int = 3) -> None:
        self.psm = psm

    def read_page(self, gray: np.ndarray, langs: str, timeout: float, psm: int | None = None) -> list[Word]:
        with image_file(gray) as path:
            try:
                data = pytesseract.image_to_data(
                    path, lang=langs, config=f"--oem 1 --psm {psm or self.psm}",
                    output_type=pytesseract.Output.DICT, timeout=timeout,
                )
            except RuntimeError as e:  # pytesseract signals its timeout this way
                raise ExtractTimeoutError(f"OCR took longer than {timeout:.0f} s") from e
        return words_from_tsv(data)

    def read_codes(self, gray: np.ndarray, timeout: float) -> list[Word]:
        with image_file(gray) as path:
            try:
                data = pytesseract.image_to_data(
                    path, lang="eng", config=f"--oem 1 --psm 6 -c tessedit_char_whitelist={CODE_WHITELIST}",
                    output_type=pytesseract.Output.DICT, timeout=timeout,
                )
            except (RuntimeError, pytesseract.TesseractError):
                return []
        return words_from_tsv(data)

    def osd(self, gray: np.ndarray, timeout: float) -> tuple[int, float]:
        h, w = gray.shape
        scale = min(1.0, 1800.0 / max(h, w))
        small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
        with image_file(small) as path:
            try:
                osd = pytesseract.image_to_osd(path, config="--psm 0", timeout=timeout)
            except (pytesseract.TesseractError, RuntimeError):
                return 0, 0.0
        rotate = re.search(r"Rotate: (\d+)", osd)
        conf = re.search(r"Orientation confidence: ([\d.]+)", osd)
        if not rotate or not conf:
            return 0, 0.0
        return int(rotate.group(1)) % 360, float(conf.group(1))


def words_from_tsv(data: dict[str, list]) -> list[Word]:
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        block = int(data["block_num"][i])
        line_id = block * 10000 + int(data["par_num"][i]) * 100 + int(data["line_num"][i])
        words.append(
            Word(
                text=text,
                bbox=(float(x), float(y), float(x + w), float(y + h)),
                confidence=min(1.0, conf / 100.0),
                line_id=line_id,
                block_id=block,
            )
        )
    return words
