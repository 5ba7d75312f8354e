"""Rule scores of a page per document type: titles weighed by layout, box labels, patterns (from signals.json).

Pure functions of a page and the signals; no I/O. The evidence also carries what the bundle splitter needs to see
where a document starts: a title at the top, "Page 1 of N", registration and document numbers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Hamming

from classifiers.labels import DocType
from classifiers.layout import Line, page_lines
from classifiers.normalize import fold, squash
from classifiers.signals import Phrase, Signals, compiled_regex, default_signals
from extractor.models import Page, PageSource

SHORT = 5
"""Phrases this short (folded, without spaces) must match as whole words: "ДТ", "ПТС", "CMR"."""
FUZZY_MIN = 8
FUZZY_TITLE = 88
FUZZY_KEYWORD = 92
PAIR_LINES = 20
"""Titles may wrap onto a second line; the first lines are also matched in pairs."""
START_TOP = 0.4
START_TITLE = 2.5
MIN_WORDS = 3


@dataclass(frozen=True)
class TitleHit:
    doc_type: DocType
    phrase: str
    score: float
    top: float
    kind: str | None = None
    continues: bool = False


@dataclass
class RuleEvidence:
    scores: dict[DocType, float]
    titles: dict[DocType, TitleHit] = field(default_factory=dict)
    keywords: dict[DocType, list[str]] = field(default_factory=dict)
    patterns: dict[DocType, int] = field(default_factory=dict)
    page_n: int | None = None
    page_total: int | None = None
    registrations: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    heading_number: str | None = None
    """The number on the line of the page's opening title (`ТОВАРНО-ТРАНСПОРТНАЯ НАКЛАДНАЯ № 5054`): the document's
    own, where `numbers` holds the papers it names too."""
    blank: bool = False
    text: str = ""

    def best(self) -> tuple[DocType, float]:
        t = max(self.scores, key=lambda k: self.scores[k])
        return t, self.scores[t]

    def opening_title(self) -> TitleHit | None:
        """The strongest title in the upper part of the page, if it is strong enough to open a document."""
        hits = [h for h in self.titles.values() if h.top < START_TOP and h.score >= START_TITLE and not h.continues]
        return max(hits, key=lambda h: h.score, default=None)

    def reason(self, doc_type: DocType) -> str:
        parts: list[str] = []
        if doc_type in self.titles:
            parts.append(f"title «{self.titles[doc_type].phrase}»")
        kws = self.keywords.get(doc_type, [])
        if kws:
            parts.append("labels " + ", ".join(f"«{k}»" for k in kws[:4]) + (" …" if len(kws) > 4 else ""))
        if self.patterns.get(doc_type):
            parts.append(f"{self.patterns[doc_type]} pattern(s)")
        return "; ".join(parts)


def _whole(needle: str, hay: str) -> bool:
    return f" {needle} " in f" {hay} "


def _match(ph: Phrase, folded: str, squashed: str, fuzzy: bool, threshold: int) -> float:
    """Match quality 0..1 of a phrase in folded text."""
    sq = ph.squashed
    if len(sq) <= SHORT:
        return 1.0 if _whole(ph.folded, folded) else 0.0
    if sq in squashed:
        return 1.0
    if fuzzy and len(sq) >= FUZZY_MIN and len(squashed) >= 0.8 * len(sq):
        # partial_ratio aligns the shorter string inside the longer: a line shorter than the phrase is compared whole
        scorer = fuzz.partial_ratio if len(squashed) >= len(sq) else fuzz.ratio
        r = scorer(sq, squashed, score_cutoff=threshold)
        if r:
            return r / 100.0
        if _one_word_lost(ph.folded.split(), folded.split()):
            return threshold / 100.0
    return 0.0


def prints_title(phrase: str, text: str) -> bool:
    """Whether `text` prints the title `phrase` as a page's titles are found: a few glyphs misread, words split or
    glued (`СВИДЕТЕЛЬСТВ0О 0 РЕГИСТРАЦИИ`)."""
    return _match(Phrase(text=phrase), fold(text), squash(text), True, FUZZY_TITLE) > 0


def _one_word_lost(phrase: list[str], words: list[str]) -> bool:
    """A phrase of four words or more standing in the line with one word after its first garbled beyond fuzzy
    matching (`свидетельство о регистрации тракиклеттклоо средства`): the others in order, one unknown between."""
    if len(phrase) < 4:
        return False
    return any(
        len(got := words[start : start + len(phrase)]) == len(phrase) and Hamming.distance(phrase, got) == 1
        for start, w in enumerate(words) if w == phrase[0]
    )


def _windows(lines: list[Line], scanned: bool = False) -> list[tuple[str, str, float, float, set[int]]]:
    """(folded, squashed, layout weight, top, indexes of the lines in it) of each line and of each of the first
    lines joined to the next (on a scan, also the next joined to it)."""
    out = [(ln.folded, ln.squashed, ln.weight, ln.top, {i}) for i, ln in enumerate(lines)]
    for i, (a, b) in enumerate(zip(lines[:PAIR_LINES], lines[1 : PAIR_LINES + 1], strict=False)):
        out.append((f"{a.folded} {b.folded}", a.squashed + b.squashed, max(a.weight, b.weight), a.top, {i, i + 1}))
        if scanned:
            # a title a tilted photo broke in two, its end a little higher than its start: OCR's second line first
            # (`НОГО СРЕДСТВА` over `ПАСПОРТ ТРАНСПОРТ`)
            out.append((f"{b.folded} {a.folded}", b.squashed + a.squashed, max(a.weight, b.weight), a.top,
                        {i, i + 1}))
    return out


def _naming_others(lines: list[Line], sig: Signals) -> set[int]:
    """Indexes of lines that name other documents: a reference (`к инвойсу №`), an attached-documents label, or
    the two lines under that label."""
    def says(ln: Line, phrases: list[Phrase]) -> bool:
        return any(_match(ph, ln.folded, ln.squashed, len(ph.squashed) >= 10, FUZZY_KEYWORD) for ph in phrases)

    out: set[int] = set()
    for i, ln in enumerate(lines):
        if says(ln, sig.attachment_labels):
            out |= {i, i + 1, i + 2}  # the label may wrap, and the list run to two lines
        elif says(ln, sig.references):
            out.add(i)
    return out


_FOLDED_DATE = re.compile(r"\b(?:\d{1,2} \d{1,2} \d{2,4}|\d{4} \d{1,2} \d{1,2}|\d{1,2} [a-zа-я]{3,} \d{4}|"
                          + "|".join(fold(w) for w in ("дата", "date", "күн", "күні")) + r")\b")
"""A date as `fold` leaves it (`28.07.2023` becomes `28 07 2023`; `26 мамыр 2023`, `May 26 2023` in words), or the
date's label (`Дата`, `Date`, `Күні` folded), which a title never follows on its line."""


def _after_a_date(folded: str, ph: Phrase) -> bool:
    """A document's name after a date on its line is a field that refers to it (`Дата: 28.07.2023 Инвойс № 32`):
    a title opens its line, its number and date after it."""
    at = folded.find(ph.folded)
    return at > 0 and bool(_FOLDED_DATE.search(folded, 0, at))


def _titles(lines: list[Line], sig: Signals, scanned: bool = False) -> dict[DocType, TitleHit]:
    best: dict[DocType, TitleHit] = {}
    w_title = sig.weights.title
    others = _naming_others(lines, sig)
    for k, (folded, squashed, weight, top, covered) in enumerate(_windows(lines, scanned)):
        if covered & others:
            continue  # `Invoice INV-2024/3540, Packing list` under a CMR's `Documents attached`
        fuzzy = weight >= 1.0 or k < 25
        hits: list[tuple[DocType, Phrase, float]] = []
        for t, ts in sig.types.items():
            for ph in ts.titles:
                q = _match(ph, folded, squashed, fuzzy, FUZZY_TITLE)
                if q:
                    hits.append((t, ph, q))
        if not hits:
            continue
        # "товарно-транспортная накладная" inside "международная товарно-транспортная накладная" is the CMR's
        longer = [ph.squashed for _, ph, _ in hits]
        hits = [(t, ph, q) for t, ph, q in hits if not any(ph.squashed != o and ph.squashed in o for o in longer)]
        if _lists_papers(folded, hits):
            continue
        for t, ph, q in hits:
            if _after_a_date(folded, ph):
                continue  # `Күні / Дата: 28.07.2023  Инвойс № 32` under a packing list's title: a field, no title
            coverage = min(1.0, 2.0 * len(ph.squashed) / max(1, len(squashed)))
            score = w_title * ph.weight * q * weight * (0.4 + 0.6 * coverage)
            if t not in best or score > best[t].score:
                best[t] = TitleHit(t, ph.text, score, top, ph.kind, ph.continues)
    return best


def _lists_papers(folded: str, hits: list[tuple[DocType, Phrase, float]]) -> bool:
    """Two types' titles in one line, the first followed by its number (`Invoice INV-2023/3086, Packing list`): a
    CMR's list of the papers attached, its `Documents attached` label lost to OCR, not a title of either."""
    if len({t for t, _, _ in hits}) < 2:
        return False

    def span(ph: Phrase) -> tuple[int, int]:
        found = folded.find(ph.folded)
        if found >= 0:
            return found, found + len(ph.folded)
        fuzzy = fuzz.partial_ratio_alignment(ph.folded, folded)  # a title read fuzzily
        return (fuzzy.dest_start, fuzzy.dest_end) if fuzzy is not None else (0, 0)

    at = sorted((*span(ph), t) for t, ph, _ in hits)
    return any(a[2] != b[2] and b[0] >= a[1] and _NUMBERED.match(folded, a[1]) for a, b in zip(at, at[1:], strict=False))


_NUMBERED = re.compile(r"\s*(?:№|no|nr)?\s*[^\W\d_]{0,4}[\s-]*\d[\d/-]*\d", re.I)
"""A document's number right after its name (`1695`, `№ 846`, `inv 2023 3086`)."""


def _spreadsheet(folded: str, squashed: str, sig: Signals) -> dict[DocType, float]:
    out: dict[DocType, float] = {}
    for rule in sig.spreadsheet:
        if all(any(_whole(fold(p), folded) or (len(squash(p)) > SHORT and squash(p) in squashed) for p in group)
               for group in rule.all_of):
            out[rule.doc_type] = out.get(rule.doc_type, 0.0) + rule.weight
    return out


def score_page(page: Page, sig: Signals | None = None) -> RuleEvidence:
    """Rule evidence for one page."""
    sig = sig or default_signals()
    lines = page_lines(page)
    text = page.text
    n_words = sum(len(ln.folded.split()) for ln in lines)
    scores = {t: 0.0 for t in DocType}
    ev = RuleEvidence(scores=scores, text=text, blank=n_words < MIN_WORDS)
    if not lines:
        return ev
    folded = " ".join(ln.folded for ln in lines)
    squashed = folded.replace(" ", "")

    ev.titles = _titles(lines, sig, page.source == PageSource.ocr)
    for t, hit in ev.titles.items():
        scores[t] += hit.score

    for t, ts in sig.types.items():
        total = 0.0
        found: list[str] = []
        for ph in ts.keywords:
            q = _match(ph, folded, squashed, len(ph.squashed) >= 10, FUZZY_KEYWORD)
            if q:
                total += sig.weights.keyword * ph.weight * q
                found.append(ph.text)
        n_pat = 0
        for pat in ts.patterns:
            if pat.compiled.search(text):
                scores[t] += sig.weights.pattern * pat.weight
                n_pat += 1
        cap = sig.weights.keyword_cap
        scores[t] += min(cap, total) + sig.weights.keyword_excess * max(0.0, total - cap)
        if found:
            ev.keywords[t] = found
        if n_pat:
            ev.patterns[t] = n_pat

    if page.source == PageSource.spreadsheet:
        for t, s in _spreadsheet(folded, squashed, sig).items():
            scores[t] += s
            ev.keywords.setdefault(t, []).append("spreadsheet columns")

    markers = sig.page_markers
    m = compiled_regex(markers.of_total).search(text) or compiled_regex(markers.single).search(text)
    if m:
        ev.page_n = int(m.group("n"))
        if "total" in m.groupdict() and m.group("total"):
            ev.page_total = int(m.group("total"))
    ids = sig.identifiers
    ev.registrations = {"".join(x.group("id").split()) for x in compiled_regex(ids.registration).finditer(text)}
    ev.numbers = {x.group("id").upper().rstrip(".") for x in compiled_regex(ids.document_number).finditer(text)}
    ev.heading_number = _heading_number(lines, ev.opening_title(), compiled_regex(ids.document_number))
    return ev


def _heading_number(lines: list[Line], title: TitleHit | None, number: re.Pattern[str]) -> str | None:
    if title is None:
        return None
    phrase = squash(title.phrase)
    for ln in lines:
        if ln.top < START_TOP and phrase in ln.squashed and (m := number.search(ln.text)):
            return m.group("id").upper().rstrip(".")
    return None


def rule_probabilities(scores: dict[DocType, float], temperature: float, floor: float) -> dict[DocType, float]:
    """Scores turned into a distribution; ``other`` never scores below ``floor``, the score of "no evidence"."""
    adj = dict(scores)
    adj[DocType.other] = max(adj.get(DocType.other, 0.0), floor)
    m = max(adj.values())
    exp = {t: math.exp((s - m) / temperature) for t, s in adj.items()}
    z = sum(exp.values())
    return {t: v / z for t, v in exp.items()}
