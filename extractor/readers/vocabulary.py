"""The label vocabulary (labels.json) loaded once, and matching labels in noisy line text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from extractor.ids.homoglyphs import to_cyrillic

_CYRILLIC = re.compile(r"[а-яё]")
_FOLD = str.maketrans({"ё": "е", "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "i"})


class VocabularyError(ValueError):
    """labels.json is missing a section or has the wrong shape."""


def fold(text: str) -> str:
    """Lower case with Kazakh letters folded to the Russian look-alikes OCR produces without kaz data."""
    return text.lower().translate(_FOLD)


@dataclass(frozen=True)
class Label:
    role: str
    words: str
    box: int | None = None
    doc_type: str | None = None


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, object]:
    data = json.loads((Path(__file__).parent / "labels.json").read_text(encoding="utf-8"))
    for key in ("weight", "date", "country", "bin", "invoice_number", "plate", "pass_number", "checkpoint", "time", "vehicle"):
        if key not in data:
            raise VocabularyError(f"labels.json has no '{key}' section")
    return data


@lru_cache(maxsize=16)
def labels(section: str) -> tuple[Label, ...]:
    """The section's labels, folded once: every line of every page is searched for them."""
    raw = vocabulary()[section]
    out: list[Label] = []
    items = raw.items() if isinstance(raw, dict) else [(section, raw)]
    for role, entries in items:
        if not isinstance(entries, list):
            raise VocabularyError(f"labels.json: {section}.{role} must be a list")
        for e in entries:
            if e.startswith("box:"):
                parts = e.split(":")
                if len(parts) != 3 or not parts[2].isdigit():
                    raise VocabularyError(f"labels.json: {section}.{role}: '{e}' must be box:DOCTYPE:N")
                out.append(Label(role, "", int(parts[2]), parts[1]))
            else:
                out.append(Label(role, fold(e)))
    return tuple(out)


@lru_cache(maxsize=1024)
def _needle(words: str) -> tuple[str, bool]:
    """A label as it is sought, and whether in the Cyrillic copy of the text: a Cyrillic label goes through the
    same Latin-to-Cyrillic mapping as the text (folded Kazakh `і` is a Latin i)."""
    cyrillic = bool(_CYRILLIC.search(words))
    return (to_cyrillic(words) if cyrillic else words), cyrillic


@lru_cache(maxsize=256)
def _pattern(words: str) -> re.Pattern[str]:
    # a box number glued in front ("11Bruttogewicht") still leaves a label; a letter does not. OCR drops the
    # space before a unit ("GROSSKG"), or the comma and space before a tonne's (`Вес неттот`): a glued unit is part
    # of the label
    return re.compile(r"(?<![^\W\d_])" + re.escape(words).replace(r"\ ", r"[\s.]*") + r"(?:kgs?|кг|т)?(?![\w])")


def find_labels(text: str, section: str, doc_type: str | None = None) -> list[tuple[Label, int, int]]:
    """Every label of `section` in `text` (case- and Kazakh-letter-folded), longest first at each place.

    Box-number labels count only on their own document type."""
    folded = fold(text)
    # OCR mixes scripts inside a word ("Macca нетто" with a Latin M, a, c): Cyrillic labels are also sought in a
    # copy with Latin look-alikes turned Cyrillic (letter for letter, so positions hold)
    # (upper-case look-alikes first: `HETTO` in Latin letters lower-cases to an `h` and `t` no Cyrillic letter
    # resembles)
    cyr = to_cyrillic(fold(to_cyrillic(text)))
    # OCR reads a Cyrillic т or г as a Latin r (`Bec 6pyrro`, `Kr`): on scans, each reading of it is sought too
    cyrs = [cyr, *(cyr.translate(t) for t in _R_AS)] if _FUZZY.get() and "r" in cyr else [cyr]
    hits: list[tuple[Label, int, int]] = []
    for lab in labels(section):
        if lab.box is not None:
            if lab.doc_type != doc_type:
                continue
            m = re.match(rf"\s*{lab.box}\s*[.)]?\s+\D", folded)
            if m:
                hits.append((lab, m.start(), m.start() + len(str(lab.box)) + 1))
            continue
        needle, cyrillic = _needle(lab.words)
        for haystack in cyrs if cyrillic else [folded]:
            hits.extend((lab, m.start(), m.end()) for m in _pattern(needle).finditer(haystack))
    if _FUZZY.get():
        for haystack in cyrs:
            hits += _near_misses(haystack, folded, section, hits)
    hits.sort(key=lambda h: (h[1], -(h[2] - h[1])))
    out: list[tuple[Label, int, int]] = []
    for h in hits:
        if out and h[1] < out[-1][2]:
            continue
        if out and out[-1][0].box is not None and out[-1][0].role == h[0].role and not folded[out[-1][2]:h[1]].strip():
            # `35 Вес брутто (кг)`: a box's number and its title are one label, as wide as both; alone, the
            # number's narrow column reached past its own box's figure into the box below it
            out[-1] = (h[0], out[-1][1], h[2])
            continue
        out.append(h)
    return out


_R_AS = (str.maketrans("r", "т"), str.maketrans("r", "г"))
_FUZZY: ContextVar[bool] = ContextVar("fuzzy_labels", default=False)
FUZZY_MIN_LENGTH = 8
"""Labels shorter than this must match exactly: one wrong letter in `нетто` or `дата` makes another word."""


FUZZY_INDEL_LENGTH = 10
"""Labels this long also match with one letter added or dropped (`Салмахгы, кг`): shorter ones would match
other words."""

FUZZY_TWO_LENGTH = 13
"""Labels this long also match with two letters misread (`oruttogewicnt` for `Bruttogewicht`): no other word of
a form's vocabulary lies two letters from one so long."""

FUZZY_TWO_WORDS_LENGTH = 11
"""Labels of two words or more this long also match with two letters misread, one in each of two words of five
letters or more (`Маска метто` for `Масса нетто`)."""


@contextmanager
def ocr_labels(on: bool = True) -> Iterator[None]:
    """Within the block, labels also match OCR'd text a character or two off (`Действительно ло`, see `_letters_off`)."""
    token = _FUZZY.set(on)
    try:
        yield
    finally:
        _FUZZY.reset(token)


def _near_misses(cyr: str, folded: str, section: str, exact: list[tuple[Label, int, int]]) -> list[tuple[Label, int, int]]:
    """Labels found a character or two off (see `_letters_off`), where no exact label lies, starting at a word's
    start; where two overlap, the nearer reading wins (`дата погрузкн` is `дата погрузки`, not `дата отгрузки`)."""
    near: list[tuple[int, Label, int, int]] = []
    for lab in labels(section):
        if lab.box is not None or len(lab.words) < FUZZY_MIN_LENGTH:
            continue
        needle, cyrillic = _needle(lab.words)
        haystack = cyr if cyrillic else folded
        if len(haystack) < len(needle):
            # a cell holding just the label, a letter lost (`Салмагы, г`): too short to align in, read whole
            span = _letters_off(needle, haystack, 0) if len(needle) >= FUZZY_INDEL_LENGTH else None
        else:
            cutoff = 100.0 * (1.0 - _misread_letters(needle) / len(needle)) - 0.01
            m = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=cutoff)
            span = None if m is None else _letters_off(needle, haystack, m.dest_start)
        if span is None:
            continue
        a, b, off = span
        if (a > 0 and haystack[a - 1].isalpha()) or (b < len(haystack) and haystack[b].isalpha()):
            continue
        near.append((off, lab, a, b))
    out: list[tuple[Label, int, int]] = []
    for _, lab, a, b in sorted(near, key=lambda n: n[0]):
        if not any(a < e and s < b for _, s, e in exact + out):
            out.append((lab, a, b))
    return out


def _letters_off(needle: str, haystack: str, start: int) -> tuple[int, int, int] | None:
    """The span near `start` that is `needle` with one letter misread, or (for long labels) added or dropped, or
    (for longer ones) two misread in place; and how many letters it is off.

    The alignment may stop short of a misread last letter (`кун!` for `күні`) or start on a speck before the first
    (`` `шот-фактура``), so the starts beside it are tried too; a misread letter is preferred to a lost one."""
    n = len(needle)
    for length in (n, n + 1, n - 1) if n >= FUZZY_INDEL_LENGTH else (n,):
        for a in (start, start + 1, start - 1):
            if 0 <= a <= len(haystack) - length and Levenshtein.distance(
                    needle, haystack[a : a + length], score_cutoff=1) <= 1:
                return a, a + length, 1
    for a in (start, start - 1, start + 1) if _misread_letters(needle) == 2 else ():
        # two letters misread in place, none added or dropped; in a shorter label, in two of its words
        if 0 <= a <= len(haystack) - n and len(off := _misread_at(needle, haystack[a : a + n])) <= 2 and \
                (n >= FUZZY_TWO_LENGTH or _one_a_word(needle, off)):
            return a, a + n, 2
    return None


def _one_a_word(needle: str, off: list[int]) -> bool:
    """Each misread letter at `off` in a word of its own, of five letters or more: `Маска метто` is `Масса нетто`;
    `Салмаьы, ке` is not `Салмағы, кг`, a unit of two letters one of them wrong being no unit at all."""
    words = list(re.finditer(r"\S+", needle))
    hit = {next((w for w in words if w.start() <= x < w.end()), None) for x in off}
    return len(hit) == len(off) and all(w is not None and sum(ch.isalpha() for ch in w.group()) >= 5 for w in hit)


def _misread_at(needle: str, read: str) -> list[int]:
    """Where `read`, as long as `needle`, has another letter."""
    return [k for k, (x, y) in enumerate(zip(needle, read, strict=True)) if x != y]


def _misread_letters(needle: str) -> int:
    """How many misread letters a label may carry and still be read (`FUZZY_TWO_LENGTH`,
    `FUZZY_TWO_WORDS_LENGTH`)."""
    return 2 if len(needle) >= FUZZY_TWO_LENGTH or (len(needle) >= FUZZY_TWO_WORDS_LENGTH and " " in needle) else 1
