"""OCR engines behind one small interface, so logic tests can run without Tesseract (OCRmyPDF's habit)."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import subprocess
from abc import ABC, abstractmethod
from functools import lru_cache
from pathlib import Path

import numpy as np
import tesserocr

from extractor.cleanup import shrink
from extractor.errors import ExtractTimeoutError
from extractor.models import Word

# Two pages on two cores, not one page fighting over both: Tesseract reads this when it starts.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LEPTONICA_SEVERITY_NONE = 6


def leptonica_libraries() -> list[str]:
    """The Leptonica that tesserocr's Tesseract uses: bundled beside the wheel, else the system's."""
    bundled = sorted(str(p) for p in (Path(tesserocr.__file__).parent.parent / "tesserocr.libs").glob("libleptonica*.so*"))
    system = ctypes.util.find_library("leptonica") or ctypes.util.find_library("lept")
    return bundled or ([system] if system else [])


def quiet_leptonica() -> None:
    """Leptonica prints `Error in boxClipToRectangle` to stderr whenever Tesseract's layout analysis clips a box:
    harmless, and thousands of lines in a worker's log that hide the real errors."""
    for lib in leptonica_libraries():
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(lib).setMsgSeverity(LEPTONICA_SEVERITY_NONE)


quiet_leptonica()

BASE_LANGS = "rus+eng"
KAZAKH_LANGS = "kaz+eng"
CODE_WHITELIST = "0123456789ABCDEFGHJKLMNOPRSTUVWXYZ.,/- "
"""The space too: without it Tesseract still reads the words apart but prints them glued, and gives the glued word a
confidence of 0 and the letters beside each lost space a low one (`9503 00 700 0`). The letter O too, though no code
holds one: the model's first choice for a zero is often `O`, and with `O` barred it dropped the zero instead of
taking its second choice (4.5% of printed VINs came out 16 characters long); `zeros_for_o` turns it back."""

_DOUBLED_ZERO = re.compile(r"0O|O0")


def zeros_for_o(text: str) -> str:
    """A code reading's `O` as the zero it is, in a token that holds a digit; words of letters (`TOTAL`) keep it.
    The model also reads one zero as `0O` or `O0`: that pair is one zero."""
    if not any(ch.isdigit() for ch in text):
        return text
    return _DOUBLED_ZERO.sub("0", text).replace("O", "0")

# Letters only Kazakh uses, and frequent Kazakh words as rus+eng misreads them; a page with enough is re-read with kaz.
_KAZ_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KAZ_WORDS = re.compile(
    r"\b(және|туралы|мемлекеттік|бақылау|бакылау|шекара|өткізу|откізу|өтініш|отініш|тауар|тауарлар|тауарларды|"
    r"салық|салык|күні|куні|нөмірі|номірі|берілген|қызметі|кызметі|республикасы|жылы|уақыты|уакыты|өту|мен|бойынша|"
    r"талоны|ұлттық|улттык|қауіпсіздік|кауіпсіздік|комитетінің|шекаралық|шекаралык|пункті|автокөлік|автокөлiк|"
    # invoices' and packing lists' words
    r"салмағы|салмагы|жалпы|таза|барлығы|барлыгы|атауы|саны|сатып|алушы|сатушы|шығарылған|шыгарылган|парағы|"
    r"парагы|сомасы|бағасы|багасы|жылғы|жылгы|тауардың|тауардын|жеткізуші|жеткізу)\b",
    re.IGNORECASE,
)


def kazakh_score(text: str) -> float:
    """Share of words that are Kazakh by letter or by vocabulary; cheap enough to run on every OCR'd page."""
    words = re.findall(r"\w+", text)
    if not words:
        return 0.0
    hits = sum(1 for w in words if _KAZ_LETTERS & set(w)) + len(_KAZ_WORDS.findall(text))
    return hits / len(words)


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


@lru_cache(maxsize=1)
def tessdata_dir() -> str:
    """Where the system's rus/kaz/eng data live: TESSDATA_PREFIX, else what the `tesseract` command reports
    (asked once a process, not once for every model loaded)."""
    env = os.environ.get("TESSDATA_PREFIX")
    if env:
        return env
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        out = ""
    m = re.search(r'"([^"]+)"', out)
    if m:
        return m.group(1)
    for cand in ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata"):
        if os.path.isdir(cand):
            return cand
    return ""


_APIS: dict[tuple[str, int, str], tesserocr.PyTessBaseAPI] = {}
"""Loaded models, one per (languages, page mode, whitelist), kept for the life of the worker process: loading
rus+eng takes 0.15 s, and a page makes several calls."""


def _api(langs: str, psm: int, whitelist: str = "") -> tesserocr.PyTessBaseAPI:
    key = (langs, psm, whitelist)
    api = _APIS.get(key)
    if api is None:
        oem = tesserocr.OEM.TESSERACT_ONLY if langs == "osd" else tesserocr.OEM.LSTM_ONLY
        api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=langs, psm=psm, oem=oem)
        if whitelist:
            api.SetVariable("tessedit_char_whitelist", whitelist)
        _APIS[key] = api
    return api


def _set_image(api: tesserocr.PyTessBaseAPI, gray: np.ndarray) -> None:
    g = np.ascontiguousarray(gray, dtype=np.uint8)
    h, w = g.shape
    api.SetImageBytes(g.tobytes(), w, h, 1, w)


class TesseractEngine(OcrEngine):
    """Tesseract through its C++ API (tesserocr): models stay loaded between calls instead of a `tesseract`
    process and a model load for each of the several reads a page takes."""

    name = "tesseract"

    def __init__(self, psm: int = 3) -> None:
        self.psm = psm

    def _read(self, api: tesserocr.PyTessBaseAPI, gray: np.ndarray, timeout: float) -> list[Word]:
        _set_image(api, gray)
        try:
            if not api.Recognize(timeout=int(timeout * 1000)):
                raise ExtractTimeoutError(f"OCR took longer than {timeout:.0f} s")
            return words_from_tsv(api.GetTSVText(0))
        finally:
            api.Clear()

    def read_page(self, gray: np.ndarray, langs: str, timeout: float, psm: int | None = None) -> list[Word]:
        return self._read(_api(langs, psm or self.psm), gray, timeout)

    def read_codes(self, gray: np.ndarray, timeout: float) -> list[Word]:
        try:
            words = self._read(_api("eng", 6, CODE_WHITELIST), gray, timeout)
        except ExtractTimeoutError:
            return []
        return [w.model_copy(update={"text": zeros_for_o(w.text)}) for w in words]

    def osd(self, gray: np.ndarray, timeout: float) -> tuple[int, float]:
        small = shrink(gray, 1800.0)
        api = _api("osd", int(tesserocr.PSM.OSD_ONLY))
        _set_image(api, small)
        try:
            found = api.DetectOrientationScript()
        finally:
            api.Clear()
        if not found:
            return 0, 0.0
        # the detector reports how far the image is turned; the page needs the opposite turn to be upright
        return (360 - int(found["orient_deg"])) % 360, float(found["orient_conf"])


def words_from_tsv(tsv: str) -> list[Word]:
    """Words from Tesseract's TSV rows: level, page, block, paragraph, line, word, left, top, width, height,
    confidence, text."""
    words: list[Word] = []
    for row in tsv.splitlines():
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        conf = float(cols[10])
        if not text or conf < 0:
            continue
        block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
        x, y, w, h = (int(c) for c in cols[6:10])
        words.append(
            Word(
                text=text,
                bbox=(float(x), float(y), float(x + w), float(y + h)),
                confidence=min(1.0, conf / 100.0),
                line_id=block * 10000 + par * 100 + line,
                block_id=block,
            )
        )
    return words
