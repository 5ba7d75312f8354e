"""Grouping a file's classified pages into documents: one PDF may hold an invoice, a packing list and a CMR.

Consecutive pages of one type form one document unless a page clearly opens a new one (a title at the top,
"Page 1 of N", a different registration or document number). Pages without a clear type ("Page 2 of 3", a
table running on) continue the document before them, and so do blank pages (a scanned empty back side).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from classifiers.labels import DocType
from classifiers.models import Document, PageLabel
from classifiers.pages import MIN_CONFIDENCE, label_from_evidence
from classifiers.rules import RuleEvidence, prints_title, score_page
from classifiers.textmodel import default_model
from extractor.models import ExtractedFile


@dataclass
class _Run:
    pages: list[int] = field(default_factory=list)
    labels: list[PageLabel] = field(default_factory=list)
    registrations: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    doc_type: DocType = DocType.other
    head: RuleEvidence | None = None

    def add(self, label: PageLabel, ev: RuleEvidence | None) -> None:
        self.pages.append(label.page)
        self.labels.append(label)
        if ev is not None:
            self.head = self.head or ev
            self.registrations |= ev.registrations
            self.numbers |= ev.numbers
        self.doc_type = _run_type(self.labels)


def _run_type(labels: list[PageLabel]) -> DocType:
    """The type the run's typed pages support most (summed confidence); ``other`` if none is typed."""
    votes: dict[DocType, float] = {}
    for lb in labels:
        if lb.doc_type != DocType.other:
            votes[lb.doc_type] = votes.get(lb.doc_type, 0.0) + lb.confidence
    return max(votes, key=lambda t: votes[t]) if votes else DocType.other


def _weak(label: PageLabel) -> bool:
    return label.doc_type == DocType.other or label.confidence < MIN_CONFIDENCE


def _differs(a: set[str], b: set[str], alike: Callable[[str, str], bool] = operator.eq) -> bool:
    return bool(a) and bool(b) and not any(alike(x, y) for x in a for y in b)


def _misread(x: str, y: str) -> bool:
    """One character apart: a scan's additional sheet reads its declaration's `55210/081123/5187884` as
    `55210/082123/5187884` now and then."""
    return Levenshtein.distance(x, y, score_cutoff=1) <= 1


def _opens(label: PageLabel, ev: RuleEvidence, run: _Run) -> bool:
    """Whether the page starts a new document rather than continuing ``run``."""
    if ev.page_n is not None:
        if ev.page_n == 1:
            return True
        if _weak(label) or label.doc_type == run.doc_type:
            return False
    if _weak(label):
        return label.starts_document and run.doc_type == DocType.other and label.doc_type == DocType.other
    if label.doc_type != run.doc_type:
        return True
    # the same type again: a new document only when its number or its form differs; forms repeat their title on
    # every sheet (a declaration's additional sheets, one passport page per vehicle, CMR copies)
    return _differs(ev.registrations, run.registrations, _misread) or _differs(ev.numbers, run.numbers) or \
        _other_number(ev, run.head) or _other_form(ev, run.head)


def _other_number(ev: RuleEvidence, head: RuleEvidence | None) -> bool:
    """The page's title line and the run's first page's carry different numbers (`№ 5054`, `№ 2733`): two waybills,
    though both name the same invoice, which made their sets of numbers meet."""
    return head is not None and ev.heading_number is not None and head.heading_number is not None and \
        not _misread(ev.heading_number, head.heading_number)


def _other_form(ev: RuleEvidence, head: RuleEvidence | None) -> bool:
    """The page opens with a title the run's first page neither opens with nor prints anywhere, and prints nowhere
    the first page's title: a rail consignment note (`Frachtbrief`) after a road waybill (`Товарно-транспортная
    накладная`) is a second waybill. A sheet that lost its title to the scan, or repeats the first page's, is not."""
    if head is None:
        return False
    mine, theirs = ev.opening_title(), head.opening_title()
    if mine is None or theirs is None or mine.phrase == theirs.phrase:
        return False
    # a bilingual form's sheets open with its Kazakh title where OCR read it well and its Russian one where it did
    # not, and one sheet's title is then garbled on the other
    return not prints_title(mine.phrase, head.text) and not prints_title(theirs.phrase, ev.text)


def _document(file: str, run: _Run) -> Document:
    typed = [lb for lb in run.labels if lb.doc_type == run.doc_type]
    head = typed[0] if typed else run.labels[0]
    conf = sum(lb.confidence for lb in typed) / len(typed) if typed else head.confidence
    rest = len(run.pages) - len(typed)
    reason = head.reason + (f"; {rest} continuation page(s)" if rest and run.doc_type != DocType.other else "")
    return Document(file=file, pages=list(run.pages), doc_type=run.doc_type, confidence=round(conf, 4), reason=reason,
                    kind=head.kind)


def split_documents(file: ExtractedFile, declared: DocType | None = None) -> list[Document]:
    """The file's documents, each a run of 1-based pages with a type, a confidence and the reason.

    ``declared`` (the type the payer picked) only settles pages whose own evidence is weak but points the same
    way; it never overrides what a page clearly is, so a wrongly declared file still shows up as a mismatch.
    """
    model = default_model()
    runs: list[_Run] = []
    blanks: list[PageLabel] = []
    current: _Run | None = None
    for page in sorted(file.pages, key=lambda p: p.number):
        ev = score_page(page)
        label = label_from_evidence(page.number, ev, model, declared)
        if ev.blank:
            if current is not None:  # a scanned empty back side belongs to the document before it
                current.add(label, None)
            else:
                blanks.append(label)
            continue
        if current is None or _opens(label, ev, current):
            if blanks:  # blank pages before any document
                runs.append(_blank_run(blanks))
                blanks = []
            current = _Run()
            runs.append(current)
        current.add(label, ev)
    if blanks:
        runs.append(_blank_run(blanks))
    for run in runs:
        order = sorted(range(len(run.pages)), key=lambda k: run.pages[k])
        run.pages = [run.pages[k] for k in order]
        run.labels = [run.labels[k] for k in order]
    return [_document(file.name, r) for r in runs]


def _blank_run(blanks: list[PageLabel]) -> _Run:
    run = _Run()
    for b in blanks:
        run.add(b, None)
    return run
