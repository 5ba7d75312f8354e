"""Reads HS codes (ten digits and the shorter headings some documents print), BINs and declaration registration
numbers.

A code is found by its shape, and the nomenclature decides between OCR's readings of it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import product
from string import digits

from classifiers.labels import DocType
from extractor.field_models import FieldValue
from extractor.ids import dates as dates_id
from extractor.ids import hs_code as hs_id
from extractor.ids import kz_bin
from extractor.ids.homoglyphs import LETTER_DIGITS
from extractor.readers.cells import figure_beside, same_place, spread, under_label
from extractor.readers.layout import Line
from extractor.readers.patterns import BIN_RE, HS_CODE, HS_LABEL_RE, HS_RE, REG_RE
from extractor.readers.values import dedupe, field_value
from extractor.readers.vocabulary import find_labels

_LAST_DIGIT_ROUND = re.compile(r"(?<=\d{4} \d{2} \d{3} )[©@OОoо](?![^\W\d_])")
"""A code printed in groups whose lone last zero OCR read as a round glyph (`8471 70 700 ©`)."""


def _code_matches(ln: Line) -> Iterator[re.Match[str]]:
    """HS_RE's matches, but none that starts inside a token unless the whole code is glued there (`картона4819200000`,
    OCR's `KTH88M4011100003`): a VIN's last six digits and the code after it (`...PF587915 8703 24 909 0`) look like
    a code's `6+4` form, and the code itself is sought again from the next character. Nor one whose groups stand in
    different cells: a CMR's `8703 23` in box 10 and the `1650` kg in box 11 are no `8703231650`."""
    text = _LAST_DIGIT_ROUND.sub("0", ln.text) if ln.ocr else ln.text
    pos = 0
    while (m := HS_RE.search(text, pos)) is not None:
        start = m.start(1)
        glued = start > 0 and text[start - 1].isalnum()
        if (glued and len(text[start:]) - len(text[start:].lstrip("0123456789")) < 10) or spread(ln, start, m.end(1)):
            pos = start + 1
            continue
        yield m
        pos = m.end()


_OTHER_NUMBER = re.compile(
    r"(?<![^\W\d_])(?:инн|кпп|огрн|окпо|бик|бин|иин|inn|kpp|ogrn|bin|iin|tin|vat|тел|tel|phone|fax|факс|р/с|к/с|"
    r"iban|acc(?:ount)?|сч[её]т|шот)\.?(?:\s*(?:№|no\.?|nr\.?|#))?[\s:.]*(?:\d+/)?$", re.I)
"""A label that names another number right before ten digits: a tax, bank or phone number, not a code."""


AGREED_SURE = 0.95
"""A re-read this sure that reads a code as the page pass did confirms it: a code two passes read alike was printed
so, in the nomenclature or not, and is not 'repaired' into another. Both read the same pixels, so a blurred `0` can
come out `6` in both (`8429511006` at 0.91 on a 100-dpi JPEG): only a very sure agreement counts."""


CODE_REREAD_DOUBT = 0.5
"""A code's re-read Tesseract gave less confidence than this does not outrank the page pass's reading of the box
when both are codes of the nomenclature (`7612908002` re-read at 0.19 over `7612908001` read at 0.96)."""


def read_hs_codes(lines: list[Line], nomenclature: hs_id.Nomenclature | None) -> list[FieldValue]:
    out: list[FieldValue] = []
    unsure: set[int] = set()
    page_pass = {hs_id.compact(m.group(1)) for ln in lines if not ln.reread for m in _code_matches(ln)}
    agreed = {c for ln in lines if ln.reread and min(w.confidence for w in ln.words) >= AGREED_SURE
              for m in _code_matches(ln) if (c := hs_id.compact(m.group(1))) in page_pass}
    for i, ln in enumerate(lines):
        for m in _code_matches(ln):
            code = hs_id.compact(m.group(1))
            if not hs_id.is_valid(code) or ("," in m.group(1) and not ln.ocr):
                continue  # typed text with commas is numbers (`2796 11 296,8`); only OCR turns a code's dots to commas
            if _OTHER_NUMBER.search(ln.text, max(0, m.start(1) - 20), m.start(1)):
                continue  # `ИНН 5501234567`: a Russian seller's tax number has a code's ten digits
            labelled = bool(HS_LABEL_RE.search(ln.text)) or (i > 0 and bool(HS_LABEL_RE.search(lines[i - 1].text))) \
                or (not ln.ocr and under_label(lines, ln, ln.box_of(m.start(1), m.end(1)), HS_LABEL_RE))
            exists = nomenclature.exists(code) if nomenclature is not None else None
            # the words before the code on its row are the goods' description, whatever the header became
            repaired = (nomenclature.repair_by_name(code, ln.text[: m.start(1)])
                        or nomenclature.ocr_repair(code)) if nomenclature is not None and ln.ocr and not exists \
                and code not in agreed else None
            if exists:
                out.append(fv := field_value(code, ln, m.start(1), m.end(1), verified=True))
                if ln.reread and ln.confidence_of(m.start(1), m.end(1)) < CODE_REREAD_DOUBT:
                    unsure.add(id(fv))
            elif repaired is not None:
                # a scan's code that is in no edition, one or two look-alike digits from exactly one code that is:
                # that code, with the doubt it deserves (the raw text keeps what was read)
                out.append(field_value(repaired, ln, m.start(1), m.end(1), confidence=0.6))
            elif labelled or (exists is None and code[:2] != "00"):
                out.append(field_value(code, ln, m.start(1), m.end(1), confidence=0.5 if exists is False else 0.7))
        if ln.ocr and nomenclature is not None:
            out.extend(_codes_in_digit_runs(ln, nomenclature))
            out.extend(_codes_with_letters(ln, nomenclature))
    # one reading per box before one entry per code: the re-read of a box whose code the page pass misread into
    # another (`8704129802` under `8704329802`) must still stand there when a surer reading elsewhere wins its code
    return dedupe(prefer_verified(out, frozenset(unsure)))


def not_part_of(short: list[FieldValue], full: list[FieldValue]) -> list[FieldValue]:
    """Short codes that are not the page pass's half of a full code a re-read found in the same box: a photo's
    `3920.10.89.09` read as `3920.10` and noise is one code, not two."""
    return [s for s in short if not any(same_place(s, f) and str(f.value).startswith(str(s.value)) for f in full)]


SHORT_CODE_RE = re.compile(
    r"(?<![\w.,/-])(\d{4}(?:[ .]?\d{2}){1,2})(?:(?<=\d{4}\.\d{2}\.\d{2})\.\d{2}\.\d{2})?(?![\d/]|[.,]\d)"
)
"""An HS subheading, or a national code of 8 digits; Turkey's 12-digit GTİP (`7010.90.45.00.00`) counts for its
first eight, the EU's combined nomenclature it shares with the TN VED's first eight."""
SHORT_CODE_LABEL_RE = re.compile(
    r"\bh\.?\s?s\.?(?:\s?code)?\b|tariff|zolltarif|warennummer|customs code|commodity code|gtip|"
    r"statisti|stat\. ?no|статисти|стат\. ?номер", re.I
)
"""A 6- or 8-digit code counts only after a label that names it: alone, six digits are a date, a postcode, a sum."""
PRINTS_SHORT_CODES = frozenset({DocType.invoice, DocType.packing_list, DocType.cmr})
"""A foreign seller's papers print the HS code (6 digits) or their national one (8), and so does a CMR's box 10
(`Statistical number`); the checks compare those on
the first six digits and can only warn. A declaration's or an application's code is the 10-digit one, in full."""


def read_short_codes(lines: list[Line], nomenclature: hs_id.Nomenclature | None) -> list[FieldValue]:
    """HS codes of 6 or 8 digits after an HS-code label on the same line (`HS CODE: 8703.23`), or under such a
    column header: the subheading must be in HS 2022 when the nomenclature is loaded."""
    out: list[FieldValue] = []
    for ln in lines:
        if ln.reread:
            continue
        label = SHORT_CODE_LABEL_RE.search(ln.text)
        full = [m.span(1) for m in _code_matches(ln)]
        for m in SHORT_CODE_RE.finditer(ln.text):
            if any(a < m.end(1) and m.start(1) < b for a, b in full):
                continue  # the first groups of a 10-digit code (`8703 23 908 7`), which read_hs_codes reads
            code = re.sub(r"\D", "", m.group(1))
            if not 1 <= int(code[:2]) <= 97:
                continue
            known = nomenclature.hs6_exists(code) if nomenclature is not None else None
            if known is False:
                continue
            after_label = label is not None and label.end() <= m.start(1) and \
                figure_beside(ln.text, label.end(), m.start(1), None)
            # under a column header: on a scan only a subheading HS 2022 has (OCR makes digits of anything)
            if not after_label and not ((known or not ln.ocr) and
                                        under_label(lines, ln, ln.box_of(m.start(1), m.end(1)), SHORT_CODE_LABEL_RE)):
                continue
            out.append(field_value(code, ln, m.start(1), m.end(1), verified=bool(known), confidence=0.7))
    return dedupe(out)


_GLUED_RUN = re.compile(r"(?<!\d)([/|]?)(\d{9,11})(?!\d)")
_GROUPS_SHORT = re.compile(r"(?<![\d.,])\d{4} \d{2} \d{3}(?![\d.,]| ?\d)")
_AFTER_DECIMALS = re.compile(r"(?<=\d[.,])(\d{1,3})(\d{10})(?!\d)")
"""A figure's decimals and the code in the next cell read as one run (`786.804819200000`: 786.80, then 4819200000)."""
_DOTTED_HEAD_LOST = re.compile(r"(?<![\d.,])\d{3}\.\d{2}\.\d{2}\.\d{2}(?![\d.,])")
"""A code printed `8471.70.98.00` whose first digit a cell's rule took (`471.70.98.00`)."""
_YEAR_GLUED = re.compile(r"(?<![\d.,])(?:19|20)\d{1,2}\.{0,2}(\d{10})(?!\d)")
"""A goods description's year and the code after it read as one (`Transit, 2021.8704513109`, `2028704239801`): the
space lost after the year's dot, or the dot too."""
_SUM_AROUND = re.compile(r"[,.]\d")
_RULE_BEFORE_GROUPS = re.compile(r"(?<![\d.,/-])[/1](?=\d{2,4}[ .])")
"""A rule read as a slash or a 1 glued before a code printed in groups (`/3920.10.28.00`, `13920 10.28.00`)."""
_HS_AFTER_RULE = re.compile(HS_CODE)


def _codes_in_digit_runs(ln: Line, nomenclature: hs_id.Nomenclature) -> Iterator[FieldValue]:
    """Codes OCR glued to a table's rule or cut by it: `|8528498002` read as `18528498002` or `/8528498002` (which
    HS_RE leaves alone), `3923409000` read as `923409000`, its first digit lost in the rule, or `392099530`, its last
    lost at the box's edge; or a code printed in groups whose lone last digit was lost (`7612 10 000`), or printed with
    dots and its first digit lost to the rule (`471.70.98.00` for `8471.70.98.00`), or printed in groups after the
    rule read as a slash or a 1 (`/3920.10.28.00`, `13920 10.28.00`); or a code a re-read ran into the
    decimals of the figure in the cell before it (`786.804819200000`), or into the year before it. A run holding
    exactly one existing code, the rule's glyph at either end or the lost digit before or after it, is that code,
    with doubt (raw keeps the run)."""
    for m in _GLUED_RUN.finditer(ln.text):
        rule, run = m.groups()
        if not rule and ln.text[m.start() - 1 : m.start()].isalpha():
            continue  # `№ SDL202301006`: a document's number, its letters before its digits, and no code cut short
        if len(run) == 9:
            if ln.text[m.start() - 1 : m.start()] in (",", ".") or _SUM_AROUND.match(ln.text, m.end()):
                continue  # `123456789,00`: a sum, not a code
            inside, conf = {d + run for d in digits} | {run + d for d in digits}, LOST_DIGIT_CONFIDENCE
        else:
            inside, conf = {run[1:], run[:-1]} if len(run) == 11 else ({run} if rule else set()), 0.6
        if (code := _the_one_existing(inside, nomenclature)) is not None:
            yield field_value(code, ln, m.start(2), m.end(2), confidence=conf)
    for m in _GROUPS_SHORT.finditer(ln.text):
        # `7612 10 000`, the lone last digit of `7612 10 000 0` lost past the group before it
        run = re.sub(r"\D", "", m.group())
        if (code := _the_one_existing({run + d for d in digits}, nomenclature)) is not None:
            yield field_value(code, ln, m.start(), m.end(), confidence=LOST_DIGIT_CONFIDENCE)
    for m in _AFTER_DECIMALS.finditer(ln.text):
        if nomenclature.exists(code := m.group(2)):
            yield field_value(code, ln, m.start(2), m.end(2), confidence=0.6)
    for m in _RULE_BEFORE_GROUPS.finditer(ln.text):
        if (g := _HS_AFTER_RULE.match(ln.text, m.end())) is not None and \
                (code := _the_one_existing({hs_id.compact(g.group(1))}, nomenclature)) is not None:
            yield field_value(code, ln, g.start(1), g.end(1), confidence=0.6)
    for m in _YEAR_GLUED.finditer(ln.text):
        if nomenclature.exists(code := m.group(1)):
            yield field_value(code, ln, m.start(1), m.end(1), confidence=0.6)
    for m in _DOTTED_HEAD_LOST.finditer(ln.text):
        run = re.sub(r"\D", "", m.group())
        if (code := _the_one_existing({d + run for d in digits}, nomenclature)) is not None:
            yield field_value(code, ln, m.start(), m.end(), confidence=LOST_DIGIT_CONFIDENCE)


def _the_one_existing(readings: set[str], nomenclature: hs_id.Nomenclature) -> str | None:
    """The one reading that is a code of the nomenclature, if exactly one is: with two, which was printed is unknown."""
    found = [c for c in readings if nomenclature.exists(c)]
    return found[0] if len(found) == 1 else None


LOST_DIGIT_CONFIDENCE = 0.5
"""A code completed by a digit no pass read: one completion of twenty exists, but which digit was printed is a guess."""


_CODE_CHAR = r"\d" + re.escape("".join(LETTER_DIGITS))
_LETTERED_CODE_RE = re.compile(HS_RE.pattern.replace(r"[\d", "[\0").replace(r"\d", f"[{_CODE_CHAR}]")
                               .replace("[\0", f"[{_CODE_CHAR}"))
MAX_CODE_LETTERS = 2


def _codes_with_letters(ln: Line, nomenclature: hs_id.Nomenclature) -> Iterator[FieldValue]:
    """Codes OCR printed with a letter or two among the digits (a `0` read as `G` by the Latin re-read,
    `3917 39 G00 2`): exactly one reading of the letters as the digits they look like must be an existing code, else
    the token is a word or a number of another kind."""
    for m in _LETTERED_CODE_RE.finditer(ln.text):
        token = re.sub(r"[ .,\-]", "", m.group(1))
        letters = [i for i, ch in enumerate(token) if not ch.isdigit()]
        if not 1 <= len(letters) <= MAX_CODE_LETTERS or (m.start(1) > 0 and ln.text[m.start(1) - 1].isalpha()) \
                or (m.end(1) < len(ln.text) and ln.text[m.end(1)].isalpha()):
            continue
        readings = set()
        for picked in product(*(LETTER_DIGITS[token[i]] for i in letters)):
            chars = list(token)
            for i, d in zip(letters, picked, strict=True):
                chars[i] = d
            readings.add("".join(chars))
        if (code := _the_one_existing(readings, nomenclature)) is not None:
            yield field_value(code, ln, m.start(1), m.end(1), confidence=0.6)


def prefer_verified(values: list[FieldValue], unsure: frozenset[int] = frozenset(),
                    proof: Callable[[FieldValue], int] = lambda v: 0) -> list[FieldValue]:
    """One reading per box: a verified one (checksum, nomenclature) first, then the whitelisted re-read over the
    mixed-script page pass (which reads `1` as `L`), the page pass over the `unsure` re-reads (by `id`), then the
    one whose verification `proof` rates higher (a VIN's check digit over its WMI's country), then the more
    confident."""
    def rank(v: FieldValue) -> tuple[bool, int, int, float]:
        reread = 0 if v.source != "reread" else -1 if id(v) in unsure else 1
        return (v.verified, reread, proof(v), v.confidence)

    ordered = sorted(values, key=rank, reverse=True)
    kept: list[FieldValue] = []
    for v in ordered:
        if any(same_place(v, k) and k.value != v.value for k in kept):
            continue
        kept.append(v)
    return sorted(kept, key=lambda v: (v.page, v.bbox[1] if v.bbox else 0, v.bbox[0] if v.bbox else 0))


_SPACED_DIGITS = re.compile(r"(?<!\d)(?<!\d )\d+(?: \d+)+(?!\d)")
"""Digits in groups a space apart: a number OCR cut (`17024285 3855`)."""


def read_bins(lines: list[Line]) -> list[FieldValue]:
    out: list[FieldValue] = []
    for ln in lines:
        labelled = bool(find_labels(ln.text, "bin"))
        for m in BIN_RE.finditer(ln.text.replace(" ", "") if ln.reread else ln.text):
            if ln.reread:
                continue
            valid = kz_bin.is_valid(m.group(0))
            repaired = kz_bin.repairs(m.group(0)) if ln.ocr and labelled and not valid else []
            if len(repaired) == 1:
                # a scan's labelled BIN one digit off the only number that could have been issued (`820541149114`)
                conf = min(BIN_REPAIR_CONFIDENCE, ln.confidence_of(m.start(), m.end()))
                out.append(field_value(repaired[0], ln, m.start(), m.end(), role="bin", confidence=conf))
            elif valid or labelled:
                out.append(field_value(m.group(0), ln, m.start(), m.end(), verified=valid, role="bin"))
        if ln.ocr and not ln.reread and labelled:
            for m in _SPACED_DIGITS.finditer(ln.text):
                digits = m.group(0).replace(" ", "")
                # `БСН 17024285 3855`: a labelled BIN OCR cut with a space, whole again only if its check digit holds
                if len(digits) == 12 and kz_bin.is_valid(digits) and not spread(ln, m.start(), m.end()):
                    out.append(field_value(digits, ln, m.start(), m.end(), verified=True, role="bin"))
    return dedupe(out)


BIN_REPAIR_CONFIDENCE = 0.5
"""At most this sure of a BIN repaired from a scan: one digit was chosen by the check digit, not by the eye."""


def read_registration_numbers(lines: list[Line]) -> list[FieldValue]:
    out = []
    for ln in lines:
        for m in REG_RE.finditer(ln.text):
            value = f"{m.group(1)}/{m.group(2)}/{m.group(3).replace(' ', '')}"
            ok = dates_id.from_registration_number(value) is not None
            repaired = None if ok or not ln.ocr else dates_id.repair_registration_number(value)
            if repaired is not None:
                # a scan's date part that is no date, one look-alike digit from one (`268824`): that one, with doubt
                out.append(field_value(repaired, ln, m.start(), m.end(), confidence=0.6))
                continue
            out.append(field_value(value, ln, m.start(), m.end(), verified=ok))
    return dedupe(out)
