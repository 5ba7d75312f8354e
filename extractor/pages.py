"""Turning one page raster into a Page: clean-up, OCR with languages chosen per page, targeted code re-reads."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

import cv2
import imagehash
import numpy as np
from PIL import Image

from extractor.cleanup import (
    FAINT_SPREAD,
    JOIN_BILEVEL,
    TARGET_DPI,
    UNTURNED,
    Cleaned,
    CleanupOptions,
    binarize,
    clean_page,
    clear_cell_rules,
    is_sideways,
    page_rules,
    rotate_quadrant,
    upscale_factor,
    whiten,
)
from extractor.codeline import CodeLineReader, LineReading
from extractor.ids import dates as dates_id
from extractor.ids.homoglyphs import LETTER_DIGITS, cyrillic_print
from extractor.models import BBox, Page, PageSource, Word, same_box, union
from extractor.ocr import BASE_LANGS, KAZAKH_LANGS, OSD_CONFIDENT, OcrEngine, kazakh_score
from extractor.readers.layout import RULE_MARKS, Line, visual_lines
from extractor.readers.vocabulary import find_labels, ocr_labels

KAZAKH_THRESHOLD = 0.06
BAND_SHARE = 0.08
"""Height of the strip, as a share of the page, read both ways to tell an upside-down page cheaply."""
STRIP_MARGIN = 0.1
"""How much better (mean word confidence) one quarter turn's strip must read than every other to be taken."""


def page_hash(gray: np.ndarray) -> str:
    """Perceptual hash of the cleaned page, so a re-scan of the same sheet is recognised as a duplicate."""
    small = cv2.resize(gray, (256, int(256 * gray.shape[0] / max(1, gray.shape[1]))), interpolation=cv2.INTER_AREA)
    return str(imagehash.phash(Image.fromarray(small)))


_CODE_TOKEN = re.compile(r"^[0-9A-ZА-ЯЁ./\\|\-:]+$")


def _codeish(w: Word) -> bool:
    """Digits, or capitals a code may be read in (`ХТА` for `XTA`); not a word printed in Cyrillic (`ВЭД` beside
    `4011 10 000 3`), which no Latin re-read can read and which garbles the code's re-read beside it."""
    t = w.text.strip(",;")
    return bool(t) and (any(ch.isdigit() for ch in t) or (bool(_CODE_TOKEN.match(t)) and not cyrillic_print(t)))


def code_runs(words: list[Word]) -> list[list[Word]]:
    """Runs of adjacent words on one line that together may be a code: upper-case or digit tokens, 8+ characters.

    The page pass reads `XW8ZZZ61` as `Х\\М/8 77761` and a code's `40` beside a cell border as `[во`, so the test
    is deliberately loose (a short token glued to a code-like one joins it); the re-read decides.
    """
    runs: list[list[Word]] = []
    by_line: dict[int, list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line_id, []).append(w)
    for line in by_line.values():
        line.sort(key=lambda w: w.bbox[0])
        codeish = [_codeish(w) for w in line]
        current: list[Word] = []
        for k, w in enumerate(line):
            member = codeish[k] or _glued(line, codeish, k)
            if member and (not current or _gap(current[-1], w) < 2.0 * _height(w)):
                current.append(w)
                continue
            if current:
                runs.append(current)
            current = [w] if member else []
        if current:
            runs.append(current)
    return [r for r in runs if sum(len(w.text) for w in r) >= 8 and
            (sum(ch.isdigit() for w in r for ch in w.text) >= 2 or _vin_long(r))]


VIN_LONG = range(15, 20)
"""Letters and digits in a word a VIN may be, OCR having dropped or doubled a glyph or two."""


def _vin_long(run: list[Word]) -> bool:
    """One word as long as a VIN, a digit in it: a VIN the page pass read almost all as letters, in a small face or
    beside a cell's rule (`[xraauwavsns4scoee` for `XTAAUW1V5N3486066`), which holds too few digits to be a code."""
    return len(run) == 1 and len(_compact(run[0].text)) in VIN_LONG and any(ch.isdigit() for ch in run[0].text)


FIGURE_WORDS = 4
"""Words after a weight label that may hold its garbled figure (`РА, 7 КЕ` for `21 147,7 кг`)."""


def weight_lines(words: list[Word]) -> list[Line]:
    """The page's visual lines, not Tesseract's: a key-value form's figure stands apart from its label, often in
    another block, and a column's figures in rows of their own. Built once a page for both figure searches."""
    return [Line.of(0, ws) for ws in visual_lines(words)]


def figure_runs(lines: list[Line]) -> list[list[Word]]:
    """The words just after a gross or net label that hold a digit but no figure: the mixed-script pass garbled
    the weight (`Масса брутто партии: РА, 7 КЕ`), and a Latin-and-digits re-read of the same box reads it. A label
    with nothing after it, or with words and no digit (a table's header), is left alone. On the bench's 262
    scanned pages one run is found, and read right."""
    runs: list[list[Word]] = []
    for line in lines:
        labels = [h for h in find_labels(line.text, "weight") if h[0].role in ("gross", "net")]
        if not labels:
            continue
        end = labels[-1][2]
        # the words after the label in groups set apart by wide gaps: the label's own tail (`партии:`), then the
        # value, however far right the form puts it
        groups: list[list[Word]] = []
        for w, (a, _) in zip(line.words, line.spans, strict=True):
            if a < end:
                continue
            if groups and _gap(groups[-1][-1], w) <= 3.0 * _height(w):
                groups[-1].append(w)
            else:
                groups.append([w])
        tail = next((g for g in groups[:2] if any(ch.isdigit() for w in g for ch in w.text)), [])[:FIGURE_WORDS]
        while tail and not any(ch.isdigit() for ch in tail[-1].text):
            tail = tail[:-1]  # the unit after the figure (`кг`): Cyrillic the Latin re-read cannot read, garbling it
        text = "".join(w.text for w in tail)
        # a figure misread as letters and digits: no three digits or decimal read, some letters but no word (the
        # next box's `12 Объем, м3` after a CMR's `11 Вес брутто, кг`, a header's next cell), nor a number alone
        if tail and not re.search(r"\d{3}|\d[.,]\d", text) and re.search(r"[^\W\d_]", text) and \
                not any(len(re.sub(r"[\W\d_]", "", w.text)) >= 3 for w in tail):
            runs.append(tail)
    return runs


COLUMN_REACH = 30.0
"""How far below a weight column's title, in line heights, its figures may stand (a goods table's rows)."""
COLUMN_SLACK = 1.0
"""How far, in line heights, a figure may stand out past its column title's ends (a title narrower than its
cells, or set left or right in them)."""
_FIGURE_LIKE = re.compile(r"[\d$§SOoОо][\d$§SOoОо .,']*\d[.,]?\d*")


def column_figure_runs(lines: list[Line]) -> list[list[Word]]:
    """The figures under a gross or net column's title: a goods table's weights, which the page pass reads without
    their decimal mark (`547` for `54,7`, `120917` for `12 091,7`: a faint comma taken for a speck) or with a digit
    misread (`$566.2`). They are too short to be code runs, and the reader cannot tell `547` from `54,7` by itself;
    the Latin-and-digits re-read of the figure's box reads the mark, and the reader restores it (`_marks_restored`).
    A figure is a run of words on one visual line within the title's span, set apart by less than a line height,
    of digits (a `$` or `S` for a 5, an `O` for a 0), their marks and group spaces; nothing else under the title
    is read again."""
    runs: list[list[Word]] = []
    seen: set[int] = set()
    with ocr_labels():  # a title one letter off (`Масса иетто`) heads its figures all the same
        titles = [(line, h) for line in lines for h in find_labels(line.text, "weight") if h[0].role in ("gross", "net")]
    for line, (_, a, b) in titles:
        x0, top, x1, bottom = line.box_of(a, b)
        h = bottom - top
        left, right = x0 - COLUMN_SLACK * h, x1 + COLUMN_SLACK * h
        for other in lines:
            if not bottom < other.bbox[1] <= bottom + COLUMN_REACH * h:
                continue
            for run in _within(other.words, left, right):
                if _figure_like(run) and not seen & {id(w) for w in run}:
                    runs.append(run)
                    seen |= {id(w) for w in run}
    return runs


def _within(line: list[Word], left: float, right: float) -> list[list[Word]]:
    """The runs of a line's words whose centres stand between `left` and `right`, split at gaps of a line height."""
    runs: list[list[Word]] = []
    last: Word | None = None
    for w in line:
        if not left <= (w.bbox[0] + w.bbox[2]) / 2 <= right:
            last = None
            continue
        if last is not None and _gap(last, w) < _height(w):
            runs[-1].append(w)
        else:
            runs.append([w])
        last = w
    return runs


def _figure_like(run: list[Word]) -> bool:
    text = " ".join(w.text for w in run).strip(RULE_MARKS + "‘’'`\" ")
    return bool(_FIGURE_LIKE.fullmatch(text)) and sum(ch.isdigit() for ch in text) >= 2


def _glued(line: list[Word], codeish: list[bool], k: int) -> bool:
    """A short token that is no code itself but touches one: what a code's first digits beside a border became;
    not a word printed in Cyrillic (`ВЭД`)."""
    w = line[k]
    if codeish[k] or len(w.text) > 4 or cyrillic_print(w.text):
        return False
    touch = 0.6 * _height(w)
    return (k > 0 and codeish[k - 1] and _gap(line[k - 1], w) < touch) or (
        k + 1 < len(line) and codeish[k + 1] and _gap(w, line[k + 1]) < touch)


def _gap(left: Word, right: Word) -> float:
    return right.bbox[0] - left.bbox[2]


def _height(w: Word) -> float:
    return w.bbox[3] - w.bbox[1]


def reread_codes(
    gray: np.ndarray, words: list[Word], engine: OcrEngine, timeout: float, limit: int = 60, dpi: int = TARGET_DPI,
    lines: CodeLineReader | None = None, cells: Sequence[BBox] = (),
) -> list[Word]:
    """Reads code-like runs again with `eng` and a whitelist, all crops stacked into one image: one OCR call a page;
    the garbled figures after weight labels and the figures under weight columns' titles, where there are any, in a
    second.

    The mixed-script page pass garbles codes; a Latin-and-digits pass over just those boxes reads them cleanly.
    A page read below 250 dpi (the fast profile skips upscaling) has the stacked crops upscaled to 300 dpi: they
    are a small part of the page, and codes are what small print loses first. Tesseract reads a stacked crop
    differently with other crops around it, so the figures keep a sheet of their own and the codes' reading does
    not depend on whether a page has one.

    `lines`, the code-line recogniser, reads each crop too (`_better_reading`): Tesseract reads a column's short
    figures no better on a small sheet than in the page (`72256` for `7225,6` either way, `20` for `429,4`), the
    recogniser, trained on figures among codes, often with their marks. A column's figure whose ruled cell was
    read again on its own (`cells`, the boxes of those re-reads) is not: that reading (`5 255,7` at 0.9, over the
    page pass's `255`) is surer than the crop's.
    """
    codes = code_runs(words)[:limit]
    in_codes = {id(w) for run in codes for w in run}
    visual = weight_lines(words)
    columns = [run for run in column_figure_runs(visual) if not in_codes & {id(w) for w in run} and
               not any(same_box(union([w.bbox for w in run]), cell) for cell in cells)]
    return _reread_runs(gray, codes, engine, timeout, dpi, lines) + \
        _reread_runs(gray, (figure_runs(visual) + columns)[:limit], engine, timeout, dpi, lines)


LINE_SURE = 0.3
"""How sure the code-line recogniser must be of every step of its reading to stand over Tesseract's where the two
differ. On the bench's re-read crops of HS codes and VINs (seeds 3131, 7373, 4848; photos), where the two differed
and one was right it was the network's 58 times and Tesseract's 7 at 0.3 and over; below 0.3 the pairs were too few
to tell."""


def _better_reading(tesseract: Word | None, line: LineReading, box: BBox, like: Word) -> Word | None:
    """The re-read word of a code's box: the recogniser's reading when it is sure enough and differs from
    Tesseract's, which it keeps as the alternative; else Tesseract's, with the recogniser's as the alternative, and
    as sure as the surer of the two where both read the code alike.

    A run Tesseract read with a word in it (`TOTAL N.W. 6,230.00`) keeps Tesseract's reading: the recogniser learnt
    codes, not words, and reads such a run as `T0TALN.W..6,230.00 0`, losing the label the weight reader needs."""
    mine = line.text if any(ch.isalnum() for ch in line.text) else ""
    if tesseract is not None and mine and _compact(mine) == _compact(tesseract.text):
        return tesseract.model_copy(update={"confidence": max(tesseract.confidence, line.confidence)})
    if mine and line.confidence >= LINE_SURE and (tesseract is None or not any(map(_is_word, tesseract.text.split()))):
        theirs = tesseract.text if tesseract is not None else ""
        return Word(text=_letters_kept(mine, theirs), bbox=box, confidence=line.confidence, line_id=like.line_id,
                    block_id=like.block_id, alternatives=[theirs] if theirs else [])
    if tesseract is None or not mine:
        return tesseract
    return tesseract.model_copy(update={"alternatives": [mine]})


def _compact(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


CODE_LETTERS = 4
"""Letters a reading must hold to be an identifier of letters and digits (a VIN, a plate), not a code of digits."""


def _letters_kept(mine: str, theirs: str) -> str:
    """The recogniser's reading of a VIN-like run with Tesseract's letters where it read digits instead: trained on
    a few faces, it reads letters of others as digits (`X` as 5, `J` as 3, `U` as 0: `5TAC5PH23R4476168` for
    `XTACXPH23R4476168`), while Tesseract's own slips are letters that look like the digit (`S` for 5, `O` for 0,
    `B` for 8), which stay the recogniser's digits. Only where both read as many characters, so they align."""
    a, b = _compact(mine), _compact(theirs)
    if len(a) != len(b) or a == b or sum(ch.isalpha() for ch in a) < CODE_LETTERS:
        return mine
    kept = iter(t if d.isdigit() and t.isalpha() and t.isascii() and d not in LETTER_DIGITS.get(t.upper(), "") else d
                for d, t in zip(a, b, strict=True))
    return "".join(next(kept) if ch.isalnum() else ch for ch in mine)


def _reread_runs(gray: np.ndarray, runs: list[list[Word]], engine: OcrEngine, timeout: float, dpi: int,
                 lines: CodeLineReader | None = None) -> list[Word]:
    """The runs' crops stacked into one sheet and read with the whitelist: one re-read word per run read, the
    code-line recogniser's reading of each crop weighed against it when there is one."""
    crops = _crops(gray, runs)
    if not crops:
        return []
    gap = 30
    width = max(c.shape[1] for c, _, _ in crops) + 2 * gap
    height = sum(c.shape[0] + gap for c, _, _ in crops) + gap
    sheet = np.full((height, width), 255, dtype=np.uint8)
    rows: list[tuple[int, int]] = []
    y = gap
    for c, _, _ in crops:
        sheet[y : y + c.shape[0], gap : gap + c.shape[1]] = c
        rows.append((y, y + c.shape[0]))
        y += c.shape[0] + gap
    scale = upscale_factor(dpi)
    if scale > 1.0:
        sheet = cv2.resize(sheet, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        rows = [(int(top * scale), int(bottom * scale)) for top, bottom in rows]
    read = engine.read_codes(sheet, timeout)
    out: list[Word] = []
    for k, (top, bottom) in enumerate(rows):
        hits = [r for r in read if top <= (r.bbox[1] + r.bbox[3]) / 2 <= bottom]
        crop, run, box = crops[k]
        word = _joined(_code_groups(hits), box, run[0]) if hits else None
        if lines is not None:
            word = _better_reading(word, lines.read(crop), box, run[0])
        if word is not None and (text := edge_noise_off(word.text)):
            out.append(word.model_copy(update={"text": text}))
    return out


def _crops(gray: np.ndarray, runs: list[list[Word]]) -> list[tuple[np.ndarray, list[Word], BBox]]:
    """Each run's crop of the page, with a margin and without the cell rules in it, and the box it was cut by."""
    h, w = gray.shape
    crops: list[tuple[np.ndarray, list[Word], BBox]] = []
    for run in runs:
        x0, y0, x1, y1 = union([r.bbox for r in run])
        if _cut_short("".join(r.text for r in run)):
            x0, x1 = _ink_span(gray, x0, x1, y0, y1)
        pad = max(4, int((y1 - y0) * 0.3))
        crop = gray[max(0, int(y0) - pad) : min(h, int(y1) + pad), max(0, int(x0) - pad) : min(w, int(x1) + pad)]
        if crop.size:
            crops.append((clear_cell_rules(crop), run, (x0, y0, x1, y1)))
    return crops


def edge_noise_off(text: str) -> str:
    """A re-read without the specks read as punctuation at its ends: a dithered fax's dot before `4011100003`,
    read `,4011100003`, hid the code from the readers, which take a comma before digits for a number's."""
    return text.lstrip(",.;:'`\" ").rstrip(",;:'`\" ")


INK_GAP = 0.6
"""A gap in the ink wider than this many line heights is a space between words, not one between a code's letters,
unless the run's own letters stand wider apart (a typewriter face's): then more than half again its widest gap."""
_CUT_VIN = re.compile(r"^(?!BIN|IIN|TIN|INN|VAT)[0-9A-Z]{11,16}$")


def _cut_short(text: str) -> bool:
    """A run that reads as a VIN missing some of its characters: Latin letters (four or more, not a tax number's
    label like `BIN`) and digits, a few short of 17; or as a date whose year lost its end (`14.03-202`, the box
    stopping short of a photo's faint last digit). Only such a run's box is grown over the ink beside it; a code
    of digits grown so took a neighbour's digits as often as its own."""
    if dates_id.cut_short(text):
        return True
    t = re.sub(r"[\W_]", "", text)
    return bool(_CUT_VIN.match(t)) and sum(ch.isalpha() for ch in t) >= 4 and sum(ch.isdigit() for ch in t) >= 2


INK_REACH = 5.0
"""How far, in line heights, a run's box may grow over ink the page pass left out (about eight characters)."""


def _ink_span(gray: np.ndarray, x0: float, x1: float, y0: float, y1: float) -> tuple[float, float]:
    """Where the printed text that a run stands in starts and ends: the page pass's word boxes may stop short of
    it (`XKZROFDJIHRE74` over a VIN's seventeen characters, the last four read as a stray `i`; a VIN's first
    seven lost at a cell's edge), and a re-read of the boxes alone would lose the rest. A column counts as ink with
    a few pixels of the strip's own threshold (a page's splits a photo's thin grey strokes into specks)."""
    hgt = max(1.0, y1 - y0)
    reach = int(INK_REACH * hgt)
    left, right = max(0, int(x0) - reach), min(gray.shape[1], int(x1) + reach + 1)
    strip = gray[max(0, int(y0)) : int(y1) + 1, left:right]
    if strip.size == 0 or not left <= int(x0) < int(x1) <= right:
        return x0, x1
    cols = (binarize(strip) > 0).sum(axis=0) >= max(2, int(0.08 * hgt))
    a, b = int(x0) - left, int(x1) - left
    inside = cols[a:b]
    widest, gap = 0, 0
    for c in inside[np.argmax(inside) :] if inside.any() else []:
        gap = 0 if c else gap + 1
        widest = max(widest, gap)
    allowed = max(INK_GAP * hgt, 1.6 * widest)

    def walk(start: int, step: int, stop: int) -> int:
        edge, gap, x = start, 0, start
        while x != stop:
            if cols[x]:
                edge, gap = x, 0
            else:
                gap += 1
                if gap > allowed:
                    break
            x += step
        return edge

    return float(left + walk(a, -1, -1)), float(left + walk(b - 1, 1, len(cols)) + 1)


def _unread_ink(ink: np.ndarray, words: list[Word]) -> np.ndarray:
    """A copy of the page's ink (`binarize`d once a page) with every word's box (and a margin) wiped: what the page
    pass did not read."""
    unread = ink.copy()
    for wd in words:
        x0, y0, x1, y1 = (int(v) for v in wd.bbox)
        unread[max(0, y0 - 6) : y1 + 6, max(0, x0 - 6) : x1 + 6] = 0
    return unread


def missed_regions(ink: np.ndarray, words: list[Word], limit: int = 6) -> list[tuple[int, int, int, int]]:
    """Inked blocks no word covers: Tesseract's layout analysis sometimes drops a whole table as an image. `ink` is
    the page's, `binarize`d."""
    h, w = ink.shape
    unread = _unread_ink(ink, words)
    scale = 0.25
    small = cv2.resize(unread, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    small = (small > 40).astype(np.uint8) * 255
    blocks = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 5)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(blocks, connectivity=8)
    found = []
    for k in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[k])
        fill = float(small[y : y + bh, x : x + bw].mean()) / 255.0
        if bw * bh * 16 < 0.004 * h * w or bh < 6 or fill < 0.04:
            continue  # specks, stamps' halos, single rules
        found.append((area, (int(x / scale), int(y / scale), int((x + bw) / scale), int((y + bh) / scale))))
    found.sort(reverse=True)
    return [box for _, box in found[:limit]]


def recover_missed(gray: np.ndarray, ink: np.ndarray, words: list[Word], engine: OcrEngine, langs: str,
                   timeout: float, dpi: int = TARGET_DPI) -> list[Word]:
    """Reads the inked blocks the page pass skipped as blocks of text, and returns their new words in page pixels.

    A block's rectangle often takes in words the page pass did read (a table's dropped column beside its read
    ones): those come back a second time and are left out, or a total row reads `25 25 321,7 321,7`. So are
    doubtful words taller than a line of print: a ruled grid read as a block gives a few (`pe` boxed over a whole
    header row), which would hide the rows under them from `recover_lines`."""
    out: list[Word] = []
    h, w = gray.shape
    for k, (x0, y0, x1, y1) in enumerate(missed_regions(ink, words)):
        x0, y0, x1, y1 = max(0, x0 - 12), max(0, y0 - 12), min(w, x1 + 12), min(h, y1 + 12)
        read = _placed(engine.read_page(gray[y0:y1, x0:x1], langs, timeout, psm=6), x0, y0, block=900 + k)
        out.extend(wd for wd in _unseen(read, words)
                   if not (_height(wd) > LETTER_HEIGHT[1] * dpi and wd.confidence < CELL_FOUND_SURE))
    return out


def _unseen(read: list[Word], words: list[Word]) -> list[Word]:
    """The words of a second reading that the page's words do not already hold (the same box read twice)."""
    return [wd for wd in read if not any(same_box(wd.bbox, seen.bbox) for seen in words)]


def _read_padded(crop: np.ndarray, engine: OcrEngine, langs: str, timeout: float, psm: int) -> list[Word]:
    """A crop read on its own with `CELL_PAD` of paper around it (Tesseract misses print at an image's edge), its
    non-empty words in the padded sheet's frame."""
    sheet = cv2.copyMakeBorder(crop, CELL_PAD, CELL_PAD, CELL_PAD, CELL_PAD, cv2.BORDER_CONSTANT, value=255)
    return [w for w in engine.read_page(sheet, langs, timeout, psm=psm) if w.text.strip()]


LOST_LINE_LETTERS = 4.0
"""A run of unread ink at least this many times as long as it is high is a line of print, not a speck, a rule's
stub or a stamp's edge."""
LOST_LINE_LIMIT = 12


def missed_lines(ink: np.ndarray, words: list[Word], dpi: int, rules: np.ndarray | None = None,
                 limit: int = LOST_LINE_LIMIT) -> list[BBox]:
    """Rows of unread print too small for `missed_regions`: a line of text's height, letters joined into words,
    several letters long; the runs of one row (its columns) as one box, top to bottom. `ink` is the page's,
    `binarize`d; `rules` its ruling (`_rules_of`), found here unless given."""
    if rules is None:
        rules = _rules_of(ink, dpi)
    unread = _unread_ink(ink, words)
    # a ruled table's header the page pass dropped sits close to its grid: the rules would join it into one blob
    unread[cv2.dilate(rules, np.ones((3, 3), np.uint8)) > 0] = 0
    gap = max(3, int(dpi * LETTER_HEIGHT[1] / 3))  # a word space joins, a column's gap does not
    joined = cv2.morphologyEx(unread, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    _, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    runs = [(int(x), int(y), int(x + bw), int(y + bh)) for x, y, bw, bh, _ in stats[1:]
            if 2 * LETTER_HEIGHT[0] * dpi <= bh <= LETTER_HEIGHT[1] * dpi and bw >= LOST_LINE_LETTERS * bh]
    rows: list[list[int]] = []
    for x0, y0, x1, y1 in sorted(runs, key=lambda r: r[1]):
        row = next((r for r in rows if min(r[3], y1) - max(r[1], y0) >= 0.5 * min(r[3] - r[1], y1 - y0)), None)
        if row is None:
            rows.append([x0, y0, x1, y1])
        else:
            row[:] = [min(row[0], x0), min(row[1], y0), max(row[2], x1), max(row[3], y1)]
    return [(float(a), float(b), float(c), float(d)) for a, b, c, d in rows[:limit]]


def _rules_of(ink: np.ndarray, dpi: int) -> np.ndarray:
    """The long rules of a page's ink, bridged as a tilted bilevel scan's staircase rules are; found at half the
    page's size (a quarter of the morphology's time on every page), the mask brought back to full size."""
    h, w = ink.shape
    half = cv2.resize(ink, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA)
    rules = page_rules(np.where(half > 64, 255, 0).astype(np.uint8), max(1, dpi // 2), JOIN_BILEVEL)
    return cv2.resize(rules, (w, h), interpolation=cv2.INTER_NEAREST)


def recover_lines(gray: np.ndarray, ink: np.ndarray, words: list[Word], engine: OcrEngine, langs: str,
                  timeout: float, dpi: int, rules: np.ndarray | None = None) -> list[Word]:
    """Reads the rows of print the page pass dropped, each on its own and with the page's rules whitened, and
    returns their new words in page pixels.

    Tesseract's layout analysis can drop one line whole between two columns' blocks: a German invoice's
    `Datum / Date: 13.11.2023`, with the buyer's address beside it, came back from neither; and a ruled table's
    header row (`Вес нетто, кг`). A row read no surer than `CELL_FOUND_SURE` is a stamp's or a signature's
    scrawl and is left out. `rules` are the ink's (`_rules_of`), found here unless given."""
    rules = _rules_of(ink, dpi) if rules is None else rules
    return _read_rows(gray, rules, missed_lines(ink, words, dpi, rules), words, engine, langs, timeout, block=950)


FAINT_BELOW = 20
"""Grey levels under the mean of its surround (a sixth of an inch across) that make a pixel faint print: a
release stamp's pale blue date (grey 145 to 210 on paper of 225), which Otsu's page-wide threshold, set between
black print and paper, leaves as paper, and Tesseract with it."""
FAINT_LETTERS = 3
"""Letter-high marks a row of faint ink holds at the least: the edges a whitened rule leaves are long and thin."""


def faint_ink(gray: np.ndarray, ink: np.ndarray, dpi: int) -> np.ndarray:
    """Print darker than its surround that the page's threshold (`ink`) took for paper, as 255 on 0."""
    local = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, max(3, dpi // 6 | 1),
                                  FAINT_BELOW)
    # the page's ink and a pixel round it: its strokes' and rules' grey edges are no print of their own
    return cv2.bitwise_and(local, cv2.bitwise_not(cv2.dilate(ink, np.ones((5, 5), np.uint8))))


def _lettered(mask: np.ndarray, row: BBox, dpi: int) -> bool:
    x0, y0, x1, y1 = (int(v) for v in row)
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask[y0:y1, x0:x1], connectivity=8)
    low = 2 * LETTER_HEIGHT[0] * dpi
    return sum(h >= low and w <= 3 * h for _, _, w, h, _ in stats[1:]) >= FAINT_LETTERS


def recover_faint(gray: np.ndarray, ink: np.ndarray, words: list[Word], engine: OcrEngine, langs: str,
                  timeout: float, dpi: int, rules: np.ndarray | None = None) -> list[Word]:
    """Reads the rows of faint print no pass saw (`faint_ink`), each on its own: a crop of pale print and paper
    alone is thresholded between the two. A customs declaration's release stamp printed its `20.05.2023 16:03` in
    pale blue under a `ВЫПУСК РАЗРЕШЕН` dark enough to read. `rules` as `recover_lines` takes them."""
    faint = faint_ink(gray, ink, dpi)
    rows = [r for r in missed_lines(faint, words, dpi, np.zeros_like(faint)) if _lettered(faint, r, dpi)]
    if not rows:
        return []
    rules = _rules_of(ink, dpi) if rules is None else rules
    return _read_rows(gray, rules, rows, words, engine, langs, timeout, block=970, stretch=True)


def _stretched(crop: np.ndarray) -> np.ndarray:
    """A crop of pale print on grey paper as dark print on white: read as it is, the white margin `_read_padded`
    adds is the lightest thing in it, and the threshold falls between it and the paper."""
    lo, paper = float(np.percentile(crop, 1)), float(np.percentile(crop, 90))
    return np.clip((crop.astype(np.float32) - lo) * (255.0 / max(1.0, paper - lo)), 0, 255).astype(np.uint8)


def _read_rows(gray: np.ndarray, rules: np.ndarray, rows: list[BBox], words: list[Word], engine: OcrEngine,
               langs: str, timeout: float, block: int, stretch: bool = False) -> list[Word]:
    """The rows read each on its own with the page's rules whitened (and their print `_stretched` to black if
    `stretch`): their words surer than `CELL_FOUND_SURE` and not read before, in page pixels."""
    if not rows:
        return []
    ruleless = whiten(gray, rules) if rules.any() else gray
    out: list[Word] = []
    h, w = gray.shape
    for k, (x0, y0, x1, y1) in enumerate(rows):
        pad = max(4, int((y1 - y0) * 0.3))
        left, top = max(0, int(x0) - pad), max(0, int(y0) - pad)
        crop = ruleless[top : min(h, int(y1) + pad), left : min(w, int(x1) + pad)]
        read = _read_padded(_stretched(crop) if stretch else crop, engine, langs, timeout, psm=6)
        if _mean_conf(read) >= CELL_FOUND_SURE:
            out.extend(_unseen(_placed(read, left - CELL_PAD, top - CELL_PAD, block=block + k), words))
    return out


def _placed(words: list[Word], dx: float, dy: float, block: int) -> list[Word]:
    """Words read from a crop, moved to the page's pixels and numbered as one block of their own (their lines
    `block * 1000 + line`), apart from the page pass's."""
    return [w.model_copy(update={
        "bbox": (w.bbox[0] + dx, w.bbox[1] + dy, w.bbox[2] + dx, w.bbox[3] + dy),
        "line_id": block * 1000 + w.line_id % 1000,
        "block_id": block,
    }) for w in words]


CODE_SPACE = 0.8
"""A gap narrower than this share of the letters' height is the space inside a code (`9503 00 700 0`), not
between two columns."""


def _code_groups(words: list[Word]) -> list[Word]:
    """A code's groups as one word, as the readers take a code; words a column apart stay apart, and so does a
    word (`TOTAL G.W.`: glued, `TTALG.W.7141.5` hid its label from the weight reader)."""
    out: list[Word] = []
    for w in sorted(words, key=lambda w: w.bbox[0]):
        last = out[-1] if out else None
        if last is not None and not (_is_word(last.text) or _is_word(w.text)) and \
                _gap(last, w) < CODE_SPACE * max(_height(w), _height(last)):
            n = len(last.text) + len(w.text)
            out[-1] = last.model_copy(update={
                "text": last.text + w.text, "bbox": union([last.bbox, w.bbox]),
                "confidence": (last.confidence * len(last.text) + w.confidence * len(w.text)) / n})
        else:
            out.append(w)
    return out


def _is_word(text: str) -> bool:
    """Four letters or more and no digit: a word of the text beside a code, not one of its groups (a VIN's group
    of letters is three, its WMI)."""
    return len(text) >= 4 and text.isalpha()


def _joined(words: list[Word], box: BBox, like: Word) -> Word:
    """Words read as one run, as a single re-read word over `box`, numbered as `like`."""
    return Word(
        text=" ".join(w.text for w in sorted(words, key=lambda w: w.bbox[0])),
        bbox=box,
        confidence=float(np.mean([w.confidence for w in words])),
        line_id=like.line_id,
        block_id=like.block_id,
    )


CELL_DOUBT = 0.6
"""Mean confidence under which a ruled cell's words are read again on their own."""
CELL_GAIN = 0.1
"""How much more confident the cell's own reading must be than the page pass's to be kept beside it."""
CELL_SURE = 0.7
"""And how confident at least: on a blurred photo a cell read alone at 0.3 to 0.5 is no better, only different
(a VIN-shaped misreading where the page pass had given up)."""
CELL_FOUND_SURE = 0.5
"""How confident the reading of a cell the page pass left empty must be: with nothing to lose, less is asked, but
below this a photo's cells gave VIN- and BIN-shaped noise (on the bench's 261 scanned pages, 0.5 against 0)."""
CELL_LIMIT = 40
CELL_PAD = 25


def reread_cells(
    gray: np.ndarray, cells: list[tuple[int, int, int, int]], words: list[Word], engine: OcrEngine, langs: str,
    timeout: float, dpi: int = TARGET_DPI,
) -> tuple[list[Word], list[Word]]:
    """Ruled cells read on their own: (words of inked cells the page pass left empty, to add to the page's words;
    lines with figures of cells it read doubtfully, to stand beside its words as re-reads).

    The page pass finds lines across a whole table row: one cell's four-line description beside others' single
    line gives a baseline through none of them, and `8704232000` in the code's cell came out `7 adie uke`. Read
    alone, Otsu-thresholded on its own paper (the page's threshold is set by the headers' bold print) and with a
    margin, the cell reads `8704232000` at 0.96. A doubtful cell's reading does not replace the page pass's:
    more confident is not always right (a declaration's `55209/191223/1036510` came back `$5209/...`). The
    layout analysis also drops columns of a ruled table as an image (a bilevel invoice's `NET KG`, `GROSS KG` and
    their figures), which nothing else on the page reads."""
    found: list[Word] = []
    rereads: list[Word] = []
    todo = []
    for cell in cells:
        x0, y0, x1, y1 = cell
        inside = [w for w in words if x0 <= (w.bbox[0] + w.bbox[2]) / 2 <= x1 and y0 <= (w.bbox[1] + w.bbox[3]) / 2 <= y1]
        if inside and _mean_conf(inside) >= CELL_DOUBT:
            continue
        crop = gray[y0:y1, x0:x1]
        ink = binarize(crop)  # on the cell's own paper, once: the letter test and the reading both take it
        if inside or _has_letters(crop, ink, dpi):
            todo.append((cell, inside, ink))
    for k, ((x0, y0, _, _), inside, ink) in enumerate(todo[:CELL_LIMIT]):
        again = _read_padded(255 - ink, engine, langs, timeout, psm=6)
        sure = max(CELL_SURE, _mean_conf(inside) + CELL_GAIN) if inside else CELL_FOUND_SURE
        box = _one_line(ink, dpi) if _mean_conf(again) < sure else None
        if box is not None:
            # a blurred photo's cell: its own threshold thickens the strokes into blobs, and Tesseract's layout
            # analysis finds no line in the crop at all (`3923900000` came back empty); the grey line cut close
            # and read as one raw line reads it at 0.97
            lx0, ly0, lx1, ly1 = box
            line = _read_padded(gray[y0 + ly0:y0 + ly1, x0 + lx0:x0 + lx1], engine, langs, timeout, psm=RAW_LINE)
            if _mean_conf(line) > _mean_conf(again):
                again = _placed(line, lx0, ly0, block=800 + k)  # in the cell's frame, as the block reading is
        if _mean_conf(again) < sure:
            continue
        placed = _placed(again, x0 - CELL_PAD, y0 - CELL_PAD, block=800 + k)
        if not inside:
            found.extend(placed)
            continue
        by_line: dict[int, list[Word]] = {}
        for w in placed:
            by_line.setdefault(w.line_id, []).append(w)
        rereads.extend(_joined(line, union([w.bbox for w in line]), line[0]) for line in by_line.values()
                       if any(ch.isdigit() for w in line for ch in w.text))
    return found, rereads


RAW_LINE = 13
"""Tesseract's page segmentation mode for one line of text read without its layout analysis."""


LINE_MARGIN = 4


def _one_line(ink: np.ndarray, dpi: int) -> tuple[int, int, int, int] | None:
    """The box (x0, y0, x1, y1 in the crop, with a margin) of the crop's letter-high blobs when they stand on one
    line, their middles within a letter's height of each other; None for several lines or none."""
    letters = _letter_blobs(ink, dpi)
    if not len(letters):
        return None
    x, y, w, h, _ = letters.T
    middles = y + h / 2
    if middles.max() - middles.min() > float(np.median(h)):
        return None
    m = LINE_MARGIN
    return (max(0, int(x.min()) - m), max(0, int(y.min()) - m),
            min(ink.shape[1], int((x + w).max()) + m), min(ink.shape[0], int((y + h).max()) + m))


LETTER_HEIGHT = (1 / 60, 1 / 4)
"""Inches: from 5-point print's small letters to a line of large print; specks and rules' ends fall outside."""


def _letter_blobs(ink: np.ndarray, dpi: int) -> np.ndarray:
    """The (x, y, width, height, area) rows of the blobs of a letter's height in `ink`."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    boxes = stats[1:, :5]
    h = boxes[:, 3]
    return boxes[(h >= LETTER_HEIGHT[0] * dpi) & (h <= LETTER_HEIGHT[1] * dpi)]


RUN_FILL = 0.85
"""The share of its box above which a wide blob of a letter's height is a bar (a thick rule's piece), not letters
run together."""


def _has_letters(crop: np.ndarray, ink: np.ndarray, dpi: int) -> bool:
    """Two or more blobs of a letter's height in the crop's `ink`, or letters run together: a cell worth reading,
    not paper with a speck or a rule's stub (nor paper alone, which its own threshold turns into grain). The cell's
    own threshold runs bold print together: 1515-0084's `3923401002`, which the page pass dropped, was one blob."""
    if float(crop.max()) - float(crop.min()) <= 60:
        return False
    blobs = _letter_blobs(ink, dpi)
    _, _, w, h, area = blobs.T
    letter = w <= 2 * LETTER_HEIGHT[1] * dpi
    run = ~letter & (w >= 2 * h) & (area < RUN_FILL * w * h)
    return int(letter.sum()) + 2 * int(run.sum()) >= 2


def _mean_conf(words: list[Word]) -> float:
    confs = [w.confidence for w in words if len(w.text) > 1]
    return float(np.mean(confs)) if confs else 0.0


FEW_WORDS = 40
"""Fewer confident words than this on a page with ink is a read worth a second try: the bench's CMR on a black bed
read 21 (30 of its 261 OCR'd pages read fewer, most of them illegible or nearly blank, and without a bed)."""


COLUMN_PSM = 4
"""Tesseract's page mode for a single column of text of varying sizes: it keeps a form's heading and its lines of
fields that the automatic layout analysis (mode 3) dropped."""

COLUMN_MIN_SHARPNESS = 60.0
"""The upload's sharpness (`legibility`) under which a page that read little is not read again as one column: on
the bench, 17 of the 29 scanned pages that read under `FEW_WORDS` were blurred below it (8 of them past reading on
purpose), and reading them again as one column changed none of the fields the bench scores."""


def _sharp(cleaned: Cleaned) -> bool:
    return cleaned.legibility is None or cleaned.legibility[1] >= COLUMN_MIN_SHARPNESS


def _sure_words(words: list[Word]) -> int:
    return sum(w.confidence >= 0.6 for w in words)


def _reads_more(again: list[Word], words: list[Word]) -> bool:
    """A second reading of a page that read next to nothing is kept when it reads twice the sure words and more."""
    return _sure_words(again) >= 2 * _sure_words(words) + FEW_WORDS // 4


def _doubtful(words: list[Word]) -> bool:
    return len(words) < 5 or _mean_conf(words) < 0.7


SIDEWAYS_WORDS = 5
"""Words standing on end, at least, that say a page was read lying on its side."""


SIDEWAYS_SLACK = 0.1
"""How much less confidently (mean word confidence) a page laid flat may read than it read on its side: Tesseract
reads words on end about as well, and lines laid flat are worth more than the confidence lost."""


def _turned_reads_better(again: list[Word], words: list[Word], sideways: bool) -> bool:
    """A page read again turned is kept when it lies flat and reads surer (and as many sure words); read on its
    side before, when it lies flat and reads no more than SIDEWAYS_SLACK less surely."""
    if read_sideways(again):
        return False
    if sideways:
        return _mean_conf(again) > _mean_conf(words) - SIDEWAYS_SLACK
    return _mean_conf(again) > _mean_conf(words) + 0.05 and _sure_words(again) >= _sure_words(words)


def read_sideways(words: list[Word]) -> bool:
    """Tesseract read the page's lines running down it: words of four letters and more stand taller than wide,
    twice as many as lie flat. It reads such a page well enough (a CMR's 103 words at 0.80 on the bench) that no
    confidence test turns it, but its lines are columns of words a reader cannot follow. A form's upright margin
    note is a few words among hundreds lying flat."""
    long = [w for w in words if len(w.text) >= 4]
    tall = sum(_height(w) > 1.5 * (w.bbox[2] - w.bbox[0]) for w in long)
    flat = sum(w.bbox[2] - w.bbox[0] > _height(w) for w in long)
    return tall >= SIDEWAYS_WORDS and tall > 2 * flat


def text_bands(gray: np.ndarray, share: float = BAND_SHARE, without_rules: bool = False) -> list[np.ndarray]:
    """The inkiest horizontal strip, where a page's turn shows most clearly; `without_rules` adds the inkiest strip
    once table rules are left out of the ink, when that is another strip (pages reach the turn tests upscaled to
    about TARGET_DPI)."""
    h = gray.shape[0]
    band = min(h, max(64, int(h * share)))
    ink = binarize(gray)
    inks = [ink, cv2.subtract(ink, page_rules(ink, TARGET_DPI))] if without_rules else [ink]
    starts = []
    for layer in inks:
        sums = np.convolve((layer > 0).sum(axis=1).astype(np.float64), np.ones(band), mode="valid")
        starts.append(int(np.argmax(sums)) if sums.size else 0)
    return [gray[y0 : y0 + band] for y0 in dict.fromkeys(starts)]


def _block_confidence(img: np.ndarray, engine: OcrEngine, langs: str, timeout: float) -> float:
    """Mean word confidence of `img` read as one block of text."""
    return _mean_conf(engine.read_page(np.ascontiguousarray(img), langs, timeout, psm=6))


def _strip_reads(gray: np.ndarray, views: list[tuple[slice, slice]], engine: OcrEngine, langs: str,
                 timeout: float) -> tuple[float, float]:
    """How surely (mean word confidence) the page's inkiest strip reads as it is, and seen the best of the `views`
    (slices that flip it): far cheaper than reading the whole page again."""
    (strip,) = text_bands(gray)
    straight = _block_confidence(strip, engine, langs, timeout)
    return straight, max(_block_confidence(strip[view], engine, langs, timeout) for view in views)


def _strip_gain(gray: np.ndarray, views: list[tuple[slice, slice]], engine: OcrEngine, langs: str,
                timeout: float) -> float:
    """How much better the strip reads seen the best of the `views` than as it is (see `_strip_reads`)."""
    straight, best = _strip_reads(gray, views, engine, langs, timeout)
    return best - straight


_BACKWARDS = slice(None, None, -1)
_AS_IS = slice(None)


def turns_to_try(cleaned: Cleaned, osd_turn: int, engine: OcrEngine, langs: str, timeout: float) -> list[int]:
    """Quarter turns worth reading the whole page again for, when it read as doubtful and the orientation detector
    was unsure: the half turn when the page's strip reads better so, or no worse with the detector leaning that way
    (a 150 dpi fax upside down read 0.30 and 0.34 either way); the half turn of a quarter turn the strips chose (a
    typewriter face upside down read 0.54 in its strip, right way up 0.33); both quarter turns of a page still lying
    on its side (its sideways strip read 0.45 in noise), whatever its strip reads."""
    sideways = is_sideways(cleaned.image)
    if cleaned.rotation in (90, 270) and not sideways:
        return [180]
    straight, turned = _strip_reads(cleaned.image, [(_BACKWARDS, _BACKWARDS)], engine, langs, timeout)
    gain = turned - straight
    if sideways:
        # an upside-down table's ink may look sideways too (its columns' rules): the half turn is tried after both
        # quarter turns when its strip reads well so, and better (a packing list read 0.41 as it was, 0.61 turned
        # a quarter, 0.78 turned half round; its strip 0.38 as it was, 0.72 turned half round). A page truly on its
        # side reads noise in its strip either way round (0.20 and 0.37 on a test page)
        return [90, 270, *([180] if turned >= SURE_STRIP and gain > HALF_TURN_MARGIN else [])]
    return [180] if gain > HALF_TURN_MARGIN or (osd_turn == 180 and gain >= 0) else []


HALF_TURN_MARGIN = 0.05
"""How much better (mean word confidence) the strip must read turned half round, the detector not leaning so."""
SURE_STRIP = 0.6
"""Mean word confidence of a strip that reads as text, not noise."""


SHOW_THROUGH_SPREAD = 60.0
"""Grey levels of ink under which a page may be a blank back with the other side's print showing through it."""
SHOW_THROUGH_MARGIN = 0.15
"""How much better (mean word confidence) the inkiest strip must read mirrored than as it is."""


def shows_through(gray: np.ndarray, engine: OcrEngine, langs: str, timeout: float) -> bool:
    """The page's faint ink is the other side's print seen through the paper: a duplex scan's blank back. Its
    inkiest strip reads as text only mirrored, left to right (the sheet turned over its long edge) or top to
    bottom (over its short edge); read as it is, it gave words of noise and the page was called illegible."""
    mirrors = [(_AS_IS, _BACKWARDS), (_BACKWARDS, _AS_IS)]
    return _strip_gain(gray, mirrors, engine, langs, timeout) > SHOW_THROUGH_MARGIN


def _fixed_turn(turn: int, _gray: np.ndarray) -> int:
    return turn


def _either_side(rgb: np.ndarray, claimed_dpi: int | None, options: CleanupOptions, engine: OcrEngine, langs: str,
                 timeout: float, cleaned: Cleaned, words: list[Word]) -> tuple[Cleaned, list[Word]]:
    """A page on its side that the strips could not turn, cleaned whole each quarter turn round (deskewed once
    turned, where its tilt is a tilt) and read: the turn that lays its words flat and reads the most sure words is
    kept, when it reads more than the page as it was. Three blurred phone photos of sideways sheets (a packing list
    at 110 dpi: its strips 0.18 one way and 0.27 upside down) were left on their side, deskewed by a meaningless
    angle and read as noise; turned the right way whole, one read 28 words, the other way 3."""
    def flat_and_sure(ws: list[Word]) -> int:
        return -1 if read_sideways(ws) else _sure_words(ws)  # words on end are no reading a person can follow

    best = (cleaned, words)
    for turn in (90, 270):
        turned = clean_page(rgb, claimed_dpi, options, orientation=functools.partial(_fixed_turn, turn))
        again = engine.read_page(turned.image, langs, timeout)
        if flat_and_sure(again) > flat_and_sure(best[1]) and \
                (read_sideways(best[1]) or _mean_conf(again) > _mean_conf(best[1]) - SIDEWAYS_SLACK):
            best = (turned, again)
    return best


def upright_turn(gray: np.ndarray, engine: OcrEngine, langs: str, timeout: float) -> int:
    """The clockwise quarter turn for a page whose ink lines run vertically.

    The orientation detector answers on most such pages, but on a small-print phone photo it often has no answer
    at all; left sideways, the page was then deskewed by a meaningless angle and read as garbage. Strips read
    unturned and each way round decide instead, when one way reads clearly better than both others: for each way
    the better of two strips, the inkiest with the rules and without (a ruled table is the inkiest strip of many
    forms and its cells' few words say little; without the rules the inkiest strip may be stamps and signatures).

    Where no way reads clearly better, the strips are read again with their tables' rules painted out: a ruled
    table's slanting rules cross its strip's lines (a sideways packing list's strip, turned the right way, read 0.21
    with its rules and 0.54 without, against 0.41 and 0.39 the other ways). Only then: painting the rules out lifts
    the wrong ways' readings too, and a photographed control pass that read 0.36 the right way and 0.19 upside down
    as it was would read 0.36 and 0.29 without its rules, no longer clearly either.
    """
    turn, sure = engine.osd(gray, timeout)
    if sure >= OSD_CONFIDENT:
        return turn
    side = text_bands(cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE), without_rules=True)  # 270: the same, half-turned
    strips = {0: text_bands(gray, without_rules=True), 90: side, 270: [s[::-1, ::-1] for s in side]}
    best = _clear_winner({t: max(_block_confidence(s, engine, langs, timeout) for s in ss) for t, ss in strips.items()})
    if best is None:
        rules = {t: [page_rules(binarize(s), TARGET_DPI) for s in ss] for t, ss in strips.items()}
        if any(r.any() for rs in rules.values() for r in rs):
            best = _clear_winner({t: max(_block_confidence(whiten(s, r), engine, langs, timeout)
                                         for s, r in zip(ss, rules[t], strict=True)) for t, ss in strips.items()})
    return best or 0


def _clear_winner(scores: dict[int, float]) -> int | None:
    """The turn whose strips read surer than every other turn's by `STRIP_MARGIN`, if one does."""
    best = max(scores, key=lambda t: scores[t])
    runner_up = max(v for t, v in scores.items() if t != best)
    return best if scores[best] >= runner_up + STRIP_MARGIN else None


def ocr_page(
    rgb: np.ndarray,
    number: int,
    claimed_dpi: int | None,
    engine: OcrEngine,
    timeout: float,
    options: CleanupOptions = CleanupOptions(),
    reread: bool = True,
    thorough: bool = True,
    lines: CodeLineReader | None = None,
) -> Page:
    """`thorough` False (the fast profile) trusts the orientation detector without the strip test and does not
    read again the blocks the layout analysis skipped. `lines` re-reads the codes beside Tesseract."""
    langs = BASE_LANGS

    def orientation(g: np.ndarray) -> int:
        return upright_turn(g, engine, langs, timeout) if thorough else engine.orientation(g, timeout)

    cleaned = clean_page(rgb, claimed_dpi, options, orientation=orientation)
    # no ink the clean-up could stretch into letters, or only the other side's print: nothing to read, and no
    # seconds spent on it
    blank = cleaned.spread < FAINT_SPREAD[0] or (
        thorough and cleaned.spread < SHOW_THROUGH_SPREAD and shows_through(cleaned.image, engine, langs, timeout))
    words = [] if blank else engine.read_page(cleaned.image, langs, timeout)
    if thorough and not blank and not options.bed and "bed" not in cleaned.steps and _sure_words(words) < FEW_WORDS:
        # next to nothing read: perhaps a grey sheet on a black scanner bed, whose wedges took Tesseract's threshold;
        # cleaned again from the upload, turned as the first time (no orientation test read twice)
        bedless = clean_page(rgb, claimed_dpi, replace(options, bed=True), orientation=lambda _: cleaned.rotation)
        if "bed" in bedless.steps:
            again = engine.read_page(bedless.image, langs, timeout)
            if _reads_more(again, words):
                cleaned, words = bedless, again
    turnable = not blank and options.orientation
    if thorough and turnable and UNTURNED in cleaned.steps:
        cleaned, words = _either_side(rgb, claimed_dpi, options, engine, langs, timeout, cleaned, words)
    sideways = turnable and read_sideways(words)
    if turnable and (_doubtful(words) or sideways):
        # upside-down pages read as low-confidence garbage, and a page still on its side may read nothing at all;
        # only then pay for orientation detection, and when the detector has no confident answer (tables, sparse
        # forms, phone photos) read the whole page again each way `turns_to_try` finds worth it, keeping the best.
        # A page read with its words on end is turned a quarter either way, and the way that lays them flat kept
        turn, sure = engine.osd(cleaned.image, timeout)
        if sure >= OSD_CONFIDENT and (turn in (90, 270) or not sideways):
            turns = [turn] if turn else []
        elif sideways:
            turns = [90, 270]
        elif thorough:
            turns = turns_to_try(cleaned, turn, engine, langs, timeout)
        else:
            turns = []
        upright = cleaned
        for t in turns:
            turned = rotate_quadrant(upright, t)
            again = engine.read_page(turned.image, langs, timeout)
            if _turned_reads_better(again, words, sideways):
                cleaned, words, sideways = turned, again, False
    psm = None  # the engine's own page mode
    if thorough and not blank and _sure_words(words) < FEW_WORDS and _sharp(cleaned):
        # upright, and still next to nothing read: the layout analysis may have taken a sharp page's body for a
        # picture (a control pass in a dotted frame: its heading read, its eleven lines of fields dropped, each line
        # too small a block for `recover_missed`); read as one column of text instead. A blurred page reads little
        # in any mode.
        column = engine.read_page(cleaned.image, langs, timeout, psm=COLUMN_PSM)
        if _reads_more(column, words):
            words, psm = column, COLUMN_PSM
    gray = cleaned.image
    if kazakh_score(" ".join(w.text for w in words)) >= KAZAKH_THRESHOLD:
        langs = KAZAKH_LANGS
        words = engine.read_page(gray, langs, timeout, psm=psm)  # in the mode that read the page
    cell_rereads: list[Word] = []
    if not blank and thorough:
        ink = binarize(gray)  # once: the searches for print the page pass skipped look at the same ink
        rules = _rules_of(ink, cleaned.dpi)  # and whiten the same rules
        words += recover_missed(gray, ink, words, engine, langs, timeout, cleaned.dpi)
        words += recover_lines(gray, ink, words, engine, langs, timeout, cleaned.dpi, rules)
        words += recover_faint(gray, ink, words, engine, langs, timeout, cleaned.dpi, rules)
        found, cell_rereads = reread_cells(gray, cleaned.cells, words, engine, langs, timeout, cleaned.dpi)
        words += found
    rereads = reread_codes(gray, words, engine, timeout, dpi=cleaned.dpi, lines=lines,
                           cells=[c.bbox for c in cell_rereads]) if reread and not blank else []
    # a code's whitelisted re-read is the better reading of it: a cell's stands in only where the page pass gave
    # nothing code-like to re-read (`7 adie uke`)
    rereads += [c for c in cell_rereads if not any(same_box(c.bbox, r.bbox) for r in rereads)]
    contrast, sharpness = cleaned.legibility or (None, None)
    return Page(
        number=number,
        width=float(gray.shape[1]),
        height=float(gray.shape[0]),
        unit="px",
        source=PageSource.ocr,
        dpi=cleaned.dpi,
        rotation=cleaned.rotation,
        skew=cleaned.skew,
        languages=langs,
        mean_confidence=_mean_conf(words),
        words=words,
        rereads=rereads,
        image_hash=page_hash(gray),
        transform=[float(v) for v in cleaned.matrix.ravel()],
        contrast=contrast,
        sharpness=sharpness,
    )
