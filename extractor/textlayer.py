"""Words from a PDF's text layer, and the test of whether that layer is real text or scanner garbage.

The text layer is read with pdfium's text API (pypdfium2, the renderer the pipeline already uses): it is
about twenty times faster than pdfminer's layout analysis, which made born-digital pages cost 75 ms each.
Characters come in content-stream order with pdfium's own word-gap spaces; words are cut at spaces, at a
gap wider than a quarter of the glyph height, and where the text jumps to another line or back to the left.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.errors import CorruptFileError, EncryptedFileError
from extractor.models import Word

_VALID = re.compile(r"[0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі.,:;/()\-№%«»\"'+*=]")
MIN_VALID_CHARS = 20
MIN_VALID_SHARE = 0.75
WORD_GAP = 0.25
"""A gap wider than this share of the glyph height starts a new word, spaces or not."""
UNMAPPED = "\ufffd"
"""A glyph with no Unicode mapping (a font without ToUnicode) keeps its place in the word."""
UNMAPPED_WORDS = 0.15
"""A layer in which more than this share of the words have unmapped letters (`салма�ы` for `салмағы`) is read by
OCR: a Kazakh text has a Kazakh letter in every third word or so, a Russian one only in its Kazakh names (the
bench's Russian forms in fonts without the Kazakh letters: at most 7% of words)."""


class RawWord(NamedTuple):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Opens a PDF, telling a password-protected file from a broken one."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if e.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedFileError("the PDF is protected by a password; upload it without protection") from e
        raise CorruptFileError(f"the PDF cannot be opened: {e}") from e


def read_words(page: pdfium.PdfPage) -> list[RawWord]:
    """The page's words with boxes in points from the top-left corner of the page as it is shown."""
    textpage = page.get_textpage()
    try:
        return _words(textpage, page.get_width(), page.get_height(), page.get_rotation())
    finally:
        textpage.close()


def _shown(left: float, bottom: float, right: float, top: float, width: float, height: float,
           rotation: int) -> tuple[float, float, float, float]:
    """A box in the page's own space (origin bottom-left) as (x0, top, x1, bottom) on the page as shown, whose
    `width` and `height` these are. A landscape page is often stored portrait with `/Rotate 90` and its text
    drawn turned: read unturned, every character was a word of its own, and the page went to OCR."""
    if rotation == 90:
        return bottom, left, top, right
    if rotation == 180:
        return width - right, bottom, width - left, top
    if rotation == 270:
        return width - top, height - right, width - bottom, height - left
    return left, height - top, right, height - bottom


def _words(textpage: pdfium.PdfTextPage, width: float, height: float, rotation: int = 0) -> list[RawWord]:
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    out: list[RawWord] = []
    chars: list[str] = []
    x0 = top = x1 = bottom = 0.0

    def flush() -> None:
        if chars:
            out.append(RawWord("".join(chars), x0, top, x1, bottom))
            chars.clear()

    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        ch = chr(code) if code else UNMAPPED
        if ch.isspace() or not pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect):
            flush()
            continue
        c_left, c_top, c_right, c_bottom = _shown(rect.left, rect.bottom, rect.right, rect.top, width, height, rotation)
        if chars:
            middle = (c_top + c_bottom) / 2
            gap = c_left - x1
            if gap > WORD_GAP * (c_bottom - c_top) or c_left < x0 - 1.0 or not top <= middle <= bottom:
                flush()
        if not chars:
            x0, top, x1, bottom = c_left, c_top, c_right, c_bottom
        else:
            x1, top, bottom = max(x1, c_right), min(top, c_top), max(bottom, c_bottom)
        chars.append(ch)
    flush()
    return out


INVISIBLE_SHARE = 0.9


def is_scanners_layer(page: pdfium.PdfPage) -> bool:
    """The page's text is drawn invisible (render mode 3) over an image: a scanner's or OCR tool's layer on a
    scan. Its words are another OCR's guesses, misreads included, not typed text to be trusted as such."""
    modes = [pdfium_c.FPDFTextObj_GetTextRenderMode(o.raw)
             for o in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=4)]
    hidden = sum(m == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE for m in modes)
    if not modes or hidden < INVISIBLE_SHARE * len(modes):
        return False
    # without an image under it the page would render blank: its invisible text is all there is to read
    return next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4), None) is not None


def is_real_text(words: Sequence[RawWord]) -> bool:
    """True when the layer has enough characters and most of them are letters, digits or punctuation."""
    text = "".join(w.text for w in words)
    if len(text) < MIN_VALID_CHARS:
        return False
    valid = len(_VALID.findall(text))
    if valid / len(text) < MIN_VALID_SHARE:
        return False
    # a scanner's invisible layer of one-letter fragments is not text either
    long_words = sum(1 for w in words if len(w.text) >= 3)
    return long_words >= max(3, len(words) // 5) and not _letters_unmapped(words)


def _letters_unmapped(words: Sequence[RawWord]) -> bool:
    """Some words' letters have no Unicode: a font subset whose ToUnicode map lacks the Kazakh letters (or puts
    them in the private use area) leaves `Брутто салма�ы` and `�збекстан`, in which no label or country is found,
    while the rendered page shows every letter to OCR. A lone unmapped glyph (a bullet, a logo) does not count."""
    def unmapped(ch: str) -> bool:
        return ch == UNMAPPED or "\ue000" <= ch <= "\uf8ff"

    words_with_letters = [w.text for w in words if any(ch.isalpha() for ch in w.text)]
    broken = sum(1 for t in words_with_letters if any(unmapped(ch) for ch in t))
    return broken >= 3 and broken > UNMAPPED_WORDS * len(words_with_letters)


def to_words(raw: Sequence[RawWord]) -> list[Word]:
    """Words in reading order, each visual line given one id."""
    ordered = sorted(raw, key=lambda w: (w.top, w.x0))
    words: list[Word] = []
    line_id = 0
    line_top: float | None = None
    for w in ordered:
        height = max(1.0, w.bottom - w.top)
        if line_top is None or w.top > line_top + 0.6 * height or w.bottom < line_top:
            line_id += 1
            line_top = w.top
        words.append(Word(text=w.text, bbox=(w.x0, w.top, w.x1, w.bottom), confidence=1.0, line_id=line_id))
    return words
