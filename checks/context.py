"""What every rule sees: the application, the documents, the files, and facts derived from them once.

Also the small shared judgements (do two weights agree, is a reading confident enough to
ground an error, which goods lines does a document concern) so that every rule applies them alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from rapidfuzz.distance import Levenshtein

from checks.evidence import FileEvidence, PageEvidence
from checks.models import Application, Category, GoodsLine, Severity
from checks.settings import CheckSettings
from classifiers.labels import DocType, parse_declared_type
from extractor.field_models import FieldValue, ReadDocument
from extractor.ids import country as country_id
from extractor.ids import hs_code as hs_id
from extractor.ids import weight as weight_id
from extractor.ids.homoglyphs import to_latin
from extractor.models import BBox

DIGITAL_SOURCES = frozenset({"text_layer", "spreadsheet", "text"})
BROKEN = ("empty_file", "corrupt_file", "encrypted_file")
UNSUPPORTED = ("unsupported_file", "too_large", "too_many_pages", "too_many_pixels")
NOT_DOCUMENTS = ("other", "dover", "application")
"""Declared types that promise no particular document (a power of attorney, the signed form)."""


def norm_ref(value: object) -> str:
    """An invoice or document number reduced to letters and digits, upper case, for comparison, with Cyrillic
    letters that look Latin made Latin and the letters OCR takes for digits made those digits (O, I, L, Z, S, G, B,
    J): a scan of `RE-2024-0117` reads `РЕ-2024-О117` in mixed scripts, `LS-24-0211` reads `15-24-0211`, a photo of
    `ZJ202309419` reads `2.3202309419`, and a person types either; both sides of a comparison go through this."""
    text = to_latin(str(value).upper().replace("№", "").replace("NO.", ""))
    return re.sub(r"[^0-9A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]", "", text).translate(_REF_DIGITS)


_REF_DIGITS = str.maketrans("OILZSGBJ", "01125683")


def _readings(doc: ReadDocument, kind: str) -> list[FieldValue]:
    f = doc.fields
    if kind == "weights":
        return [x for x in (f.gross_weight_kg, f.net_weight_kg, *f.weights) if x is not None]
    found = getattr(f, kind)
    return list(found) if isinstance(found, list) else []


LISTED_FACTS = ("dates", "countries", "invoice_numbers", "hs_codes", "vins", "bins", "plates")
"""The fields that list a document's facts of one kind; its weights are read by role (see `_readings`)."""
CHECKED_FACTS = (*LISTED_FACTS, "weights")
"""The kinds of fact the checks weigh against the goods lines and each other."""


def _kind_of(doc: ReadDocument, fv: FieldValue) -> str | None:
    """Which of the document's fields a reading is (a sum of rows made for a rule is a weight by its role)."""
    if any(x is fv for x in _readings(doc, "weights")) or fv.role in ("gross", "net"):
        return "weights"
    return next((name for name in LISTED_FACTS if any(x is fv for x in getattr(doc.fields, name))), None)


def _same_reading(kind: str, a: FieldValue, b: FieldValue, kg_apart: float) -> bool:
    """Whether two readings of one kind are the same value: weights of one role within `kg_apart` (a packing list's
    `0,041 т` and an application's `40,9 кг` round alike), the rest by what `_reading_key` keeps of them."""
    if kind == "weights":
        x, y = as_float(a.value), as_float(b.value)
        return x is not None and y is not None and (not a.role or not b.role or a.role == b.role) and \
            abs(x - y) <= kg_apart
    key = _reading_key(kind, a.value)
    return key is not None and key == _reading_key(kind, b.value)


def _reading_key(kind: str, value: object) -> str | None:
    """What two readings of one kind (not weights) must share to be the same value."""
    if kind == "invoice_numbers":
        return norm_ref(value) or None
    if kind == "countries":
        return country_id.to_alpha2(str(value))
    return str(value)


def hamming(a: str, b: str) -> int | None:
    """Positions in which two equal-length strings differ; None when the lengths differ."""
    if len(a) != len(b):
        return None
    return sum(x != y for x, y in zip(a, b, strict=True))


def near(a: str, b: str, distance: int = 1) -> bool:
    """Equal-length strings at most `distance` characters apart (a one-character VIN typo)."""
    h = hamming(a, b)
    return h is not None and h <= distance


def same_row(a: BBox, b: BBox) -> bool:
    """Two boxes on one text line: their vertical middles within half the taller one's height."""
    return abs((a[1] + a[3]) - (b[1] + b[3])) / 2 <= 0.5 * max(a[3] - a[1], b[3] - b[1])


def on_code_row(doc: ReadDocument, fv: FieldValue, code: str) -> bool:
    """The reading stands on the row of the document that prints the goods line's HS code: its own row's figure or
    country, where a table gives one per line."""
    return fv.bbox is not None and any(
        h.bbox is not None and h.page == fv.page and hs_matches(str(h.value), code) and same_row(fv.bbox, h.bbox)
        for h in doc.fields.hs_codes)


def hs_matches(found: str, declared: str) -> bool:
    """A printed code agrees with a declared one when equal, or when a shorter printed code
    (invoices often print 6 or 8 digits) is a prefix of at least 6 digits."""
    if not found or not declared:
        return False
    if found == declared:
        return True
    return 6 <= len(found) < len(declared) and declared.startswith(found)


def refs_match(declared: str, found: str) -> bool:
    """Two normalised document numbers name the same document: equal, or one printed inside the
    other (a CMR's 'Invoice INV-2024/0312 of 11.03.2024', a number read without its prefix)."""
    if not declared or not found:
        return False
    if declared == found:
        return True
    short, long_ = sorted((declared, found), key=len)
    return len(short) >= 5 and sum(c.isdigit() for c in short) >= 3 and short in long_


def refs_near(declared: str, found: str) -> bool:
    """The same document number, or one OCR misread in a character or two (`YwW202311390` for `YW202311390`,
    Cyrillic look-alikes for Latin letters): enough to say a document is about these goods. Whether the number
    itself disagrees is the invoice-number rule's to say."""
    if refs_match(declared, found):
        return True
    a, b = to_latin(declared), to_latin(found)
    shortest = min(len(a), len(b))
    return shortest >= 6 and Levenshtein.distance(a, b) <= (2 if shortest >= 10 else 1)


def parse_iso(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def as_float(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def fmt_kg(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


@dataclass
class CheckContext:
    app: Application
    documents: list[ReadDocument]
    files: list[FileEvidence]
    nomenclature: Any = None
    lang: str = "ru"
    today: date = field(default_factory=date.today)
    settings: CheckSettings = field(default_factory=CheckSettings)

    # -- the application -------------------------------------------------------------

    @property
    def lines(self) -> list[GoodsLine]:
        return self.app.goods

    @cached_property
    def categories(self) -> list[Category]:
        """Each line's category: as declared, else vehicle for HS vehicle headings, else general."""
        out = []
        for line in self.lines:
            if line.category is not None:
                out.append(line.category)
            elif hs_id.is_vehicle(line.hs_code):
                out.append(Category.vehicle)
            else:
                out.append(Category.general)
        return out

    @cached_property
    def origins(self) -> list[str | None]:
        """Each line's declared country as alpha-2, None when not recognised."""
        return [line.country_code for line in self.lines]

    def is_eaeu(self, index: int) -> bool | None:
        """Whether line `index` comes from an EAEU state; None when its country is unknown."""
        code = self.origins[index]
        if code is None:
            return None
        return bool(country_id.is_eaeu(code))

    @property
    def filed_on(self) -> date:
        return self.app.submitted_on or self.today

    @cached_property
    def file_evidence(self) -> dict[str, FileEvidence]:
        return {f.name: f for f in self.files}

    def declared_type_raw(self, file: str) -> str | None:
        decl = self.app.files.get(file)
        if decl is not None and decl.declared_type:
            return decl.declared_type
        ev = self.file_evidence.get(file)
        return ev.declared_type if ev else None

    def declared_type(self, file: str) -> DocType | None:
        return parse_declared_type(self.declared_type_raw(file))

    # -- files ---------------------------------------------------------------------------

    def page_problem(self, page: PageEvidence, file: str) -> str | None:
        """'blank' or 'poor' for an OCR page we could not read well, 'illegible' for one whose pixels are past a
        person's reading, however well OCR read it; None when fine.

        OCR reads a dark scan stretched to full contrast (0.8 mean confidence on a page of 14 grey levels), but the
        moderator and the payer see the upload: a page no person can read is no evidence, and is scanned again.
        On three bench corpora the pixel measure alone parted the 39 pages made unreadable from the 723 others.
        A page of `file` on which a document was recognised surely and facts were read is not poor however low
        OCR's mean confidence: a 110-dpi phone photo of a waybill gave its title, date and weight, which are checked."""
        if page.source in DIGITAL_SOURCES:
            return None
        if page.word_count < self.settings.blank_page_words:
            return "blank"
        if self.illegible(page):
            return "illegible"
        if page.mean_confidence < self.settings.unreadable_page_confidence and not self.reads_in_places(page) \
                and not self.recognised_on(file, page.number):
            return "poor"
        return None

    def illegible(self, page: PageEvidence) -> bool:
        """The upload itself is too faint, dark or blurred to read, as measured on its pixels (not only our OCR)."""
        s = self.settings
        if page.source in DIGITAL_SOURCES or page.sharpness is None or page.contrast is None:
            return False
        return page.sharpness < s.blurred_sharpness or (
            page.contrast < s.illegible_contrast and page.sharpness < s.illegible_sharpness)

    def recognised_on(self, file: str, page: int) -> bool:
        """A document of a type, surely classified, stands on the page, and a fact the checks weigh was read on it:
        its title, labels and facts were read. Typed alone, it may have given none of its facts (a control pass's
        crossing date), and the moderator is still asked to look."""
        return any(
            d.file == file and page in d.pages and d.doc_type is not DocType.other
            and d.confidence >= self.settings.classifier_confident
            and any(v.page == page for kind in CHECKED_FACTS for v in _readings(d, kind)) for d in self.documents)

    def reads_in_places(self, page: PageEvidence) -> bool:
        """OCR read enough words surely that a person reads the page too, whatever its mean confidence."""
        return page.sure_words >= self.settings.readable_page_sure_words

    def unrecognised_scan(self, f: FileEvidence) -> bool:
        """A scan declared as a particular document in which no document could be recognised and
        whose OCR is doubtful throughout: what a blurred or faint scan gives (OCR reads noise)."""
        declared = (self.declared_type_raw(f.name) or "").strip().lower()
        if not f.pages or declared in NOT_DOCUMENTS or self.declared_type(f.name) in (None, DocType.other):
            return False
        if any(p.source in DIGITAL_SOURCES for p in f.pages):
            return False
        if any(p.mean_confidence >= self.settings.unrecognised_scan_confidence or self.reads_in_places(p)
               for p in f.pages):
            return False
        docs = [d for d in self.documents if d.file == f.name]
        return all(d.doc_type == DocType.other for d in docs)

    @cached_property
    def unreadable_files(self) -> set[str]:
        """Files whose content could not be read at all (they did not open, are not supported, or every
        page is blank or too poor): reported once as such, never also as missing or irrelevant."""
        def unreadable(f: FileEvidence) -> bool:
            if f.error_code:
                return f.error_code in BROKEN or f.error_code in UNSUPPORTED or f.error_code == "timeout"
            if (self.declared_type_raw(f.name) or "").strip().lower() == "other":
                return False  # a photo of the truck is no document to read: reported as irrelevant
            return bool(f.pages) and all(self.page_problem(p, f.name) for p in f.pages) or self.unrecognised_scan(f)

        return {f.name for f in self.files if unreadable(f)}

    @cached_property
    def illegible_files(self) -> set[str]:
        """Files whose pages are, by their pixels, washed out, dark or blurred (or blank): a person cannot read them,
        whatever OCR made of them, so the payer must scan them again."""
        return {f.name for f in self.files if f.pages and not f.error_code
                and any(self.illegible(p) for p in f.pages)
                and all(self.page_problem(p, f.name) in ("illegible", "blank") for p in f.pages)}

    # -- documents ---------------------------------------------------------------------

    def of_type(self, *types: DocType) -> list[ReadDocument]:
        return [d for d in self.documents if d.doc_type in types]

    def source_of(self, doc: ReadDocument, page: int) -> str | None:
        ev = self.file_evidence.get(doc.file)
        if ev is None:
            return None
        p = ev.page(page)
        return p.source if p else None

    def confident(self, doc: ReadDocument, fv: FieldValue) -> bool:
        """Whether a reading is sure enough that a disagreement is the payer's to fix (an error).

        Rejecting a valid filing is much worse than accepting an invalid one, so anything
        less goes to the moderator as a warning.
        """
        s = self.settings
        if fv.confidence < s.confident_reading:
            return False
        if not s.require_verified or fv.verified:
            return True
        if s.trust_digital_text and self.source_of(doc, fv.page) in DIGITAL_SOURCES:
            return True
        return self.corroborated(doc, fv)

    def severity_of(self, doc: ReadDocument, fv: FieldValue) -> Severity:
        """An error when the reading behind a disagreement is confident (the payer's to fix), else a warning."""
        return Severity.error if self.confident(doc, fv) else Severity.warning

    def _copies(self, a: str, b: str) -> bool:
        """Two files with the same bytes: a copy proves nothing the original does not."""
        fa, fb = self.file_evidence.get(a), self.file_evidence.get(b)
        return fa is not None and fb is not None and bool(fa.sha256) and fa.sha256 == fb.sha256

    def corroborated(self, doc: ReadDocument, fv: FieldValue) -> bool:
        """Another document shows the same value, read surely too: a number or name that nothing checks (an
        invoice number, a date, a weight) is proven when two separately read papers agree on it, as two scans'
        OCR seldom misreads alike. A weight agrees within the rounding of tonnes printed to three decimals."""
        kind = _kind_of(doc, fv)
        return kind is not None and any(
            self._read_apart(doc, other) and o.confidence >= self.settings.confident_reading
            and _same_reading(kind, fv, o, self.settings.weight_tolerance_abs_kg)
            for other in self.documents for o in _readings(other, kind)
        )

    def _read_apart(self, doc: ReadDocument, other: ReadDocument) -> bool:
        """Two documents OCR read separately: in files that are not copies of each other, or on other pages of one
        file (a bundle's scan: each page is read on its own)."""
        if other.file == doc.file:
            return other is not doc and not set(other.pages) & set(doc.pages)
        return not self._copies(doc.file, other.file)

    # -- agreement -----------------------------------------------------------------------

    def weights_agree(self, a: float, b: float, rounding: float | None = None) -> bool:
        """Within the share, or the kilograms allowed for misreadings; a figure printed in a text layer was not
        misread, and only its own `rounding` (`weight_id.rounding`) is allowed beside the share."""
        s = self.settings
        slack = s.weight_tolerance_abs_kg if rounding is None else rounding
        return abs(a - b) <= max(slack, s.weight_tolerance_rel * max(abs(a), abs(b)))

    @staticmethod
    def misread_weight(fv: FieldValue, kg: float) -> bool:
        """A scan's figure that is `kg` with its decimal mark or its leading digits lost (`45048` for 4504.8 declared,
        `216,1` for 8 216,1): the same figure misread, which tells nothing either way. A text layer's is as printed."""
        return fv.source != "text" and weight_id.misread_alike(float(fv.value), kg)

    def dates_agree(self, a: date, b: date) -> bool:
        return abs((a - b).days) <= self.settings.date_tolerance_days

    # -- which goods lines a document concerns ---------------------------------------------

    def relevant(self, doc: ReadDocument) -> bool | None:
        """Whether a document's facts match some goods line; None when it carries no such facts.

        An HS code (first six digits), a VIN (up to a one-character typo), the invoice number, or a
        weight that is a line's or the application's. A gross weight a plausible packaging share above one
        counts only for a document without a verified HS code or VIN (all of them other goods'): a 30% window
        around three declared figures is met by chance, as another shipment's invoice did. Invoice numbers do
        not count here: a CMR's references are often another paper's number, or misread.
        """
        f = doc.fields
        lines = self.lines
        readings = [w for w in [f.net_weight_kg, f.gross_weight_kg, *f.weights] if w and as_float(w.value) is not None]
        if not (f.hs_codes or f.vins or f.invoice_numbers or readings):
            return None
        hs = [str(v.value) for v in f.hs_codes]
        if any(len(c) >= 6 and line.hs_code[:6] == c[:6] for c in hs for line in lines):
            return True
        if any(near(str(v.value), x) for v in f.vins for line in lines for x in line.vins):
            return True
        refs = [norm_ref(v.value) for v in f.invoice_numbers]
        if any(line.invoice_number and refs_near(norm_ref(line.invoice_number), r) for line in lines for r in refs):
            return True
        declared = [line.weight_kg for line in lines] + [sum(line.weight_kg for line in lines)]
        named = any(v.verified for v in [*f.hs_codes, *f.vins])
        for w in readings:
            value = float(w.value)
            for d in declared:
                if self.weights_agree(value, d):
                    return True
                gross = w.role == "gross" or w is f.gross_weight_kg
                if gross and not named and d <= value <= d * (1 + self.settings.gross_slack):
                    return True  # a gross weight over the declared net, by a plausible packaging share
        return False

    def about_other_goods(self, doc: ReadDocument) -> bool:
        """A document about other goods: it carries two or more kinds of facts (HS codes, VINs, invoice
        numbers, weights) and none matches a line. One fact that disagrees is what the mismatch rules
        report; a document that agrees on nothing is irrelevant, and its figures are not compared."""
        f = doc.fields
        weights = [w for w in [f.net_weight_kg, f.gross_weight_kg, *f.weights] if w and as_float(w.value) is not None]
        kinds = sum(bool(x) for x in (f.hs_codes, f.vins, f.invoice_numbers, weights))
        return kinds >= 2 and self.relevant(doc) is False

    def concerns_goods(self, doc: ReadDocument) -> bool:
        """Whether a document's figures are compared with the lines: not when it is about other goods,
        nor when its file is unreadable (what OCR made of it is noise)."""
        return doc.file not in self.unreadable_files and not self.about_other_goods(doc)

    def link_lines(self, doc: ReadDocument, *, use_hs: bool = True) -> set[int] | None:
        """Lines a document names through its HS codes, VINs or invoice numbers.

        None when the document carries none of these facts (it may concern any line);
        an empty set when it carries some and none matches a line.
        """
        f = doc.fields
        hs = [str(v.value) for v in f.hs_codes] if use_hs else []
        vins = [str(v.value) for v in f.vins]
        refs = [norm_ref(v.value) for v in f.invoice_numbers]
        refs = [r for r in refs if r]
        if not (hs or vins or refs):
            return None
        hit: set[int] = set()
        for i, line in enumerate(self.lines):
            by_hs = any(hs_matches(code, line.hs_code) for code in hs)
            by_vin = any(near(v, x) for v in vins for x in line.vins)
            by_ref = bool(line.invoice_number) and norm_ref(line.invoice_number or "") in refs
            if by_hs or by_vin or by_ref:
                hit.add(i)
        return hit

    def covered_lines(self, doc: ReadDocument, *, use_hs: bool = True) -> list[int]:
        """Lines a document is taken to concern: the linked ones, or all when it names none
        (or when the application has a single line)."""
        if len(self.lines) == 1:
            return [0]
        linked = self.link_lines(doc, use_hs=use_hs)
        if not linked:
            return list(range(len(self.lines)))
        return sorted(linked)


def lines_label(indices: Sequence[int]) -> str:
    """1-based line numbers for messages: '1', '1, 3'."""
    return ", ".join(str(i + 1) for i in indices)


def first(values: Iterable[FieldValue]) -> FieldValue | None:
    return next(iter(values), None)
