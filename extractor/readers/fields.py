"""Reads typed facts from a document's pages: patterns find candidates, labels give roles, validation decides.

Nothing here knows a template's coordinates: values are found next to or under their labels (in any of the
languages of labels.json), or by their own shape (a 10-digit code that exists in the TN VED, a 17-character VIN,
a 12-digit BIN with a valid check digit), so documents laid out by other hands read the same way.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import product

from classifiers.labels import DocType
from classifiers.normalize import fold as title_fold
from classifiers.signals import default_signals
from extractor.field_models import DocumentFields, FieldValue
from extractor.ids import country as country_id
from extractor.ids import dates as dates_id
from extractor.ids import hs_code as hs_id
from extractor.ids import kz_bin
from extractor.ids import plate as plate_id
from extractor.ids import vin as vin_id
from extractor.ids import weight as weight_id
from extractor.ids.homoglyphs import LETTER_DIGITS, cyrillic_print, script_letters, to_latin
from extractor.models import BBox, Page, PageSource, Word, same_box, union
from extractor.readers.layout import RULE_MARKS, Line, below, page_lines, reread_lines, right_of, segments
from extractor.readers.passes_vehicles import (
    VEHICLE_DOCS,
    read_checkpoints,
    read_crossing_times,
    read_pass_numbers,
    read_vehicle_facts,
)
from extractor.readers.values import dedupe, field_value
from extractor.readers.vocabulary import Label, find_labels, fold, ocr_labels

HS_RE = re.compile(
    # OCR reads a code's dots as commas now and then (`3923,30,90.10`): a comma separates the four-group forms too,
    # on OCR'd lines only (read_hs_codes)
    r"(?<![\d/.,-])(\d{4}[ .,]?\d{2}[ .,]?\d{3}[ .,]?\d|\d{4}[ .,]?\d{2}[ .,]?\d{2}[ .,]?\d{2}|\d{4}[ .]\d{6}|\d{6}[ .]\d{4}"
    # other hands print the pairs apart (`39 23 10 00 00`) or join the groups with hyphens (`3923-10-000-0`)
    r"|\d{2}([ .])\d{2}\2\d{2}\2\d{2}\2\d{2}(?!\2\d\d(?!\d))|\d{4}-\d{2}-(?:\d{3}-\d|\d{2}-\d{2}))(?![\d/]|[.,-]\d)"
)
HS_LABEL_RE = re.compile(r"(тн\s*вэд|тнвэд|hs\b|h\.s\.|hs[- ]?code|код\s+товара|tariff|zolltarif|warennummer|customs code|сыныптама|тн\s*сэ[қк]|сэ[қк]\s*тн|33\s)", re.I)
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
VIN_RE = re.compile(r"(?<![A-Z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Z0-9])")
BIN_RE = re.compile(r"(?<!\d)\d{12}(?!\d)")
REG_RE = re.compile(r"(?<!\d)(\d{5}|\d{8})\s?/\s?(\d{6})\s?/\s?(\d(?: ?\d){6})(?!\d)")
"""A declaration's registration number: post / date / serial; OCR splits the serial now and then (`08 18196`)."""
OCR_SPLIT_DECIMAL_RE = re.compile(r"(?<![\d.,])(\d{1,6}[.,] \d{3})(?![\d])")
NUMBER_RE = re.compile(r"(?<!\d)(?<!\d[.,])(\d{1,3}(?:[ \u00a0'’]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d|[.,]\d)")
"""A figure, grouped in thousands or not; no part of a date (`27.04` of `27.04.2024` under a misread `nw`)."""
_TONNES = r"т|t|tn|mt|тонн\w*|tonnes?"  # not `тн`: `ТН ВЭД`
_UNITS = rf"кг|kg|kgs|kgm|килограмм\w*|{_TONNES}|lbs?|[I1|]bs"
UNIT_RE = re.compile(rf"^\s*({_UNITS})\b\.?", re.I)
_POUNDS_READ = re.compile(r"^[I1|](?=bs?$)", re.I)
"""OCR's `I`, `1` or `|` for the `l` of a pound (`8,150 Ibs`, a column's `(Ibs)`)."""


def _unit_as_printed(unit: str) -> str:
    """A unit as read, spelled as `weight_id.UNITS` has it: OCR's `Ibs` is `lbs`."""
    return _POUNDS_READ.sub("l", unit)


HEADER_UNIT_RE = re.compile(
    r"[(\[]\s*(т|t|tn|mt|тонн\w*|tonnes?|[lI1|]bs?|фунт(?:ов|а)?)\s*[)\]]|,\s*(т|t|mt|[lI1|]bs?)\b|(?<=[^\W\d_])[,.]\s*(\+)(?!\S)(?!\s*[^\W\d_])",
    re.I)
"""A header's unit: in brackets, or after a comma; OCR's `+` for a `т` after the label's comma (`Rec брутто. +` for
`Вес брутто, т` on a soft photo), not one that adds a word (`Net weight, + packaging`)."""

DEFAULT_DATE_ROLE: dict[DocType, str] = {
    DocType.invoice: "invoice_date",
    DocType.control_pass: "crossing_date",
    DocType.customs_declaration: "registration_date",
    DocType.cmr: "cmr_date",
    DocType.waybill: "document_date",
    DocType.conformity_certificate: "issue_date",
    DocType.vehicle_passport: "issue_date",
    DocType.product_passport: "issue_date",
    DocType.acceptance_certificate: "document_date",
    DocType.import_application: "document_date",
    DocType.packing_list: "document_date",
}


# ---------------------------------------------------------------- codes


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
        if (glued and len(text[start:]) - len(text[start:].lstrip("0123456789")) < 10) or _spread(ln, start, m.end(1)):
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
                or (not ln.ocr and _under_label(lines, ln, ln.box_of(m.start(1), m.end(1)), HS_LABEL_RE))
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
    return _prefer_verified(dedupe(out), frozenset(unsure))


def _same_place(a: FieldValue, b: FieldValue) -> bool:
    return a.page == b.page and a.bbox is not None and b.bbox is not None and same_box(a.bbox, b.bbox)


def _not_part_of(short: list[FieldValue], full: list[FieldValue]) -> list[FieldValue]:
    """Short codes that are not the page pass's half of a full code a re-read found in the same box: a photo's
    `3920.10.89.09` read as `3920.10` and noise is one code, not two."""
    return [s for s in short if not any(_same_place(s, f) and str(f.value).startswith(str(s.value)) for f in full)]


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
                _beside(ln.text, label.end(), m.start(1), None)
            # under a column header: on a scan only a subheading HS 2022 has (OCR makes digits of anything)
            if not after_label and not ((known or not ln.ocr) and
                                        _under_label(lines, ln, ln.box_of(m.start(1), m.end(1)), SHORT_CODE_LABEL_RE)):
                continue
            out.append(field_value(code, ln, m.start(1), m.end(1), verified=bool(known), confidence=0.7))
    return dedupe(out)


_GLUED_RUN = re.compile(r"(?<!\d)([/|]?)(\d{9,11})(?!\d)")
_SUM_AROUND = re.compile(r"[,.]\d")


def _codes_in_digit_runs(ln: Line, nomenclature: hs_id.Nomenclature) -> Iterator[FieldValue]:
    """Codes OCR glued to a table's rule or cut by it: `|8528498002` read as `18528498002` or `/8528498002` (which
    HS_RE leaves alone), `3923409000` read as `923409000`, its first digit lost in the rule. A run holding exactly
    one existing code, the rule's glyph at either end or the lost digit before it, is that code, with doubt (raw
    keeps the run)."""
    for m in _GLUED_RUN.finditer(ln.text):
        rule, run = m.groups()
        if len(run) == 9:
            if ln.text[m.start() - 1 : m.start()] in (",", ".") or _SUM_AROUND.match(ln.text, m.end()):
                continue  # `123456789,00`: a sum, not a code
            inside, conf = {d + run for d in "0123456789"}, LOST_DIGIT_CONFIDENCE
        else:
            inside, conf = {run[1:], run[:-1]} if len(run) == 11 else ({run} if rule else set()), 0.6
        found = [c for c in inside if nomenclature.exists(c)]
        if len(found) == 1:
            yield field_value(found[0], ln, m.start(2), m.end(2), confidence=conf)


LOST_DIGIT_CONFIDENCE = 0.5
"""A code completed by a digit no pass read: one completion of ten exists, but which digit was printed is a guess."""


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
        found = set()
        for digits in product(*(LETTER_DIGITS[token[i]] for i in letters)):
            chars = list(token)
            for i, d in zip(letters, digits, strict=True):
                chars[i] = d
            if nomenclature.exists(code := "".join(chars)):
                found.add(code)
        if len(found) == 1:
            yield field_value(found.pop(), ln, m.start(1), m.end(1), confidence=0.6)


def _prefer_verified(values: list[FieldValue], unsure: frozenset[int] = frozenset()) -> list[FieldValue]:
    """One reading per box: a verified one (checksum, nomenclature) first, then the whitelisted re-read over the
    mixed-script page pass (which reads `1` as `L`), the page pass over the `unsure` re-reads (by `id`), then the
    more confident."""
    def rank(v: FieldValue) -> tuple[bool, int, float]:
        reread = 0 if v.source != "reread" else -1 if id(v) in unsure else 1
        return (v.verified, reread, v.confidence)

    ordered = sorted(values, key=rank, reverse=True)
    kept: list[FieldValue] = []
    for v in ordered:
        if any(_same_place(v, k) and k.value != v.value for k in kept):
            continue
        kept.append(v)
    return sorted(kept, key=lambda v: (v.page, v.bbox[1] if v.bbox else 0, v.bbox[0] if v.bbox else 0))


_LOWER_RUN = re.compile(r"[a-zа-яё]{4,}")


_INNER_PUNCT = re.compile(r"[0-9A-Za-zА-Яа-я][./\-][.,/\-]*[0-9A-Za-zА-Яа-я]")
_INNER_COMMA = re.compile(r"[0-9A-Za-zА-Яа-я],[0-9A-Za-zА-Яа-я]")
_NUMBER_SIGNS = ("№", "#", "N°", "No.", "Nr.")


_VIN_LABEL = re.compile(r"\bVIN\b|\bFIN\b|идентификационн\w* номер|chassis|шасси|кузов|fahrgestell", re.I)
_GLUED_VIN_LABEL = re.compile(r"V[1LE]?N(?=[0-9A-Z]{17,18}$)")
"""`VIN` (its I already turned to 1 by the homoglyph repair, or read as E) or OCR's `VN`, glued to the number
after it, and perhaps to the model before it in a re-read run (`RAV4VN2T3P1RFVXPW000001`); 18 characters after it
may hold a glyph OCR printed twice."""


_GLUED_LABEL_REMNANTS = ("VN", "V1N")
_J_AS_MARK = re.compile(r"(?<=[0-9A-Z])[)\]](?=[0-9A-Z])")
_HOOK_COMMA = re.compile(r"(?<=[0-9A-Z]),(?=J)", re.I)
_NOT_ALNUM = re.compile(r"[^0-9A-Za-zА-Яа-я]")


def _j_hooks(token: str) -> tuple[str, int, bool]:
    """The token with each J restored whose hook OCR read as a mark, how many were, and whether its comma is such a
    hook: a `)` for the J (`LWB429189M)500605`), or a comma before it (`XKZ76NAA2P,J581341`), the hook reaching left
    under the line, where the token's one comma leaves 17 characters: no list's items."""
    token, hooks = _J_AS_MARK.subn("J", token)
    comma = token.count(",") == 1 and bool(_HOOK_COMMA.search(token)) and len(_NOT_ALNUM.sub("", token)) == 17
    return token, hooks + comma, comma
_GLUED_LABEL_TOKEN = re.compile(r"((?:VIN|FIN)\s?[:№#\-/.]+)(?=[0-9A-Z]{17}\W*$)")


def _vin_tokens(line: Line, digital: bool) -> Iterable[tuple[str, int, int, int, bool]]:
    """17-character candidates with the number of characters repaired, and whether one was dropped to make 17.

    Single tokens everywhere; on OCR'd lines also up to three adjacent tokens joined, because OCR splits codes,
    but only tokens set close together. Words with lower-case runs are prose, tokens with inner punctuation
    (`E-CN.AH04.61086`) are document numbers and a BIN label is a label: none is ever part of a VIN.
    """
    # tokens, not words: a re-read word holds the run's groups with spaces (`VN X9FC52NV8RC414269`)
    tokens = []
    for m in re.finditer(r"\S+", line.text):
        glued = _GLUED_LABEL_TOKEN.match(m.group())
        if glued:  # `VIN-JTNB11HK5P3001234`, `VIN:…`: the label and the number are two tokens
            tokens.append((m.start(), m.start() + glued.end(1)))
        tokens.append((m.start() + (glued.end(1) if glued else 0), m.end()))
    words = [line.text[a:b] for a, b in tokens]
    boxes = [line.box_of(a, b) for a, b in tokens]
    # after a VIN label, typed text too may print the VIN in groups (`1FT EW1EP 5PFA12345`, `1FTEW1EP5-PFA12345`,
    # Volkswagen's six `WVW ZZZ 1K Z 6W 123456`)
    labelled = bool(_VIN_LABEL.search(line.text))
    for i in range(len(words)):
        joined, hooks = "", 0
        for j in range(i, min(i + (6 if labelled else 3 if not digital else 1), len(words))):
            token, hooked, hook_comma = _j_hooks(words[j])
            punct = _INNER_PUNCT.search(token.replace("-", "") if labelled else token)
            if punct and not digital and _speck_dot(token):
                punct, hooked = None, hooked + 1  # `XTAG69M3.JNO973868`: a speck read as a dot inside a VIN
            listed = bool(_INNER_COMMA.search(token)) and not hook_comma
            if _LOWER_RUN.search(token) or punct or _bin_label(token) or (token.endswith(":") and len(token) > 2) or \
                    token in _NUMBER_SIGNS or (listed and j > i):
                # `БСН 33 160141343598` is a BIN and its label (Б, С, Н read as 6, C, H), not a VIN; a word ending
                # in a colon is a label (`TOTAL PACKAGES: 1320` is 17 characters too), and so is a number sign
                # (`INVOICE № RE23349237`)
                break
            if j > i and not line.reread:  # a re-read run's spaces are its own: the page pass's gaps made it
                prev, cur = boxes[j - 1], boxes[j]
                # against the taller of the two: a word box of digits alone, or one a speck stretched, is no
                # measure of the face (`WVWIMGOY VME223475`, one VIN Tesseract cut a word space apart)
                if cur[0] - prev[2] > 0.6 * max(1.0, cur[3] - cur[1], prev[3] - prev[1]):
                    break
                if _whole_plate(words[j - 1]) or _whole_plate(token):
                    break  # a truck's and a trailer's plate side by side (`Н182ЕВ102 ХА182777`) make 17 too
            hooks += hooked
            joined += _NOT_ALNUM.sub("", token)
            upper = joined.upper()
            cand = vin_id.repair_homoglyphs(upper)
            # a Cyrillic letter for the Latin one of its shape (`ХТС…` for `XTC…`) is the Russian model's script, not
            # a misread glyph; `О` for `0`, `З` for `3` are
            repaired = hooks + sum(1 for a, b in zip(upper, cand, strict=False) if a != b and to_latin(a) != b)
            start, end = tokens[i][0], tokens[j][1]
            # `29,BUH050842730193`: a list's items, never one VIN; `VNFTGPBYCXN9071467`: OCR's `VN` for the label
            # glued to a VIN that lost a character, not a VIN that printed one twice
            if not listed and not (len(cand) == 18 and cand.startswith(_GLUED_LABEL_REMNANTS)):
                yield from _vin_readings(cand, start, end, repaired, digital)
            if len(cand) >= 17 or listed:
                if len(cand) > 17 and j == i:
                    # a label glued in front (`VIN:XW8...`, OCR's `VNXW8...`) or a list without spaces (`A,B`)
                    for m in re.finditer(r"[0-9A-Z]+", vin_id.repair_homoglyphs(token.upper())):
                        label = _GLUED_VIN_LABEL.search(m.group()) if len(m.group()) > 17 else None
                        a = m.start() + (label.end() if label else 0)
                        if m.end() - a == 17 or label:
                            yield from _vin_readings(m.string[a : m.end()], start + a, start + m.end(), repaired, digital)
                break


def _speck_dot(token: str) -> bool:
    """One dot inside a scanned token of 17 letters and digits, and no other mark: a speck OCR read as a dot in a
    VIN, not a document's number (`E-CN.AH04.61086`, `INV-2023.7`), which has more marks or another length. The VIN
    it gives must prove itself (see `read_vins`)."""
    inner = token.strip(".,;:")
    return inner.count(".") == 1 and not re.search(r"[^\w.]", inner) and len(_NOT_ALNUM.sub("", inner)) == 17


def _vin_readings(cand: str, start: int, end: int, repaired: int, digital: bool
                  ) -> Iterator[tuple[str, int, int, int, bool]]:
    """A 17-character candidate as it stands; an OCR'd 18-character one that printed a glyph twice
    (`X9FCS52NV8RC414269`) with the echo dropped, one more character repaired."""
    if len(cand) == 17:
        yield cand, start, end, repaired, False
    elif len(cand) == 18 and not digital:
        yield from ((u, start, end, repaired + 1, True) for u in vin_id.undoubled(cand) + vin_id.unruled(cand))


def _bin_label(token: str) -> bool:
    # labels are short and hold no digit: the look-up is skipped for the code-like tokens it is asked about
    return len(token) <= 8 and not any(ch.isdigit() for ch in token) and bool(find_labels(token, "bin"))


def _whole_plate(token: str) -> bool:
    token = token.strip(",;")
    return [(s, e) for _, s, e in plate_id.find_in_text(token)] == [(0, len(token))]


def _two_plates(cand: str) -> bool:
    """17 characters that are a truck's plate and its trailer's, one after the other (`A779EB174KB926178`); a VIN
    has no `O`, so a plate's reads as `0` in it (`K609TA174A0658577` for `K609TA174 / AO6585 77`)."""
    def plate(part: str) -> bool:
        return _whole_plate(part) or ("0" in part and _whole_plate(part.replace("0", "O")))

    return any(plate(cand[:k]) and plate(cand[k:]) for k in range(6, 12))


def _words_under(ln: Line, box: BBox, plain: list[Line]) -> list[str]:
    """The page pass's words whose middles a re-read's box covers, left to right."""
    hits = [w for o in plain if o.page == ln.page for w in o.words
            if box[0] <= _center(w.bbox) <= box[2] and box[1] <= (w.bbox[1] + w.bbox[3]) / 2 <= box[3]]
    return [w.text for w in sorted(hits, key=lambda w: w.bbox[0])]


def _cyrillic_run(words: list[str]) -> bool:
    """The Latin re-read of a Cyrillic title and its number (`ЖҮКҚҰЖАТ № 30518842` re-read `KYKKYKAT N30518842`):
    17 characters from a word the page pass read in Cyrillic, or across a number sign it read inside the run."""
    return any(map(cyrillic_print, words)) or any("№" in w for w in words[1:])


REREAD_DOUBT = 0.1
"""A re-read run Tesseract gave less confidence than this loses the re-read's precedence over the page pass's
reading of the same box (`JTMX3WASSNA179636, //622` at 0 against the page pass's `JTMX3WAGSNA179636` at 0.68);
alone, it is kept: such re-reads were right where the page pass read no VIN at all."""


def _engine_spans(ln: Line) -> list[tuple[int, int]]:
    """The stretches of a line that follow an engine label up to the next VIN label (or the line's end): what
    stands there is the engine's model and number."""
    vin_labels = [m.start() for m in _VIN_LABEL.finditer(ln.text)]
    return [(e, min([v for v in vin_labels if v >= e], default=len(ln.text)))
            for lab, _, e in find_labels(ln.text, "vehicle") if lab.role == "engine"]


def read_vins(lines: list[Line]) -> list[FieldValue]:
    out: list[FieldValue] = []
    unsure: set[int] = set()
    echoed: list[FieldValue] = []
    verbatim: list[FieldValue] = []
    read_at: dict[int, float] = {}
    # `Двигатель № GW4B15A 2405123456`: an engine's model and number make 17 characters too, on the page pass's
    # line and in the re-read of its box
    spans = {id(ln): _engine_spans(ln) for ln in lines if not ln.reread}
    engines = [(ln.page, ln.box_of(a, b)) for ln in lines if not ln.reread for a, b in spans[id(ln)] if b > a]
    # a re-read run that took in a tax number's label (`БИН 070641558290` re-read `1SHTH070641858290`, 17 characters
    # that even pass a check digit) is no VIN
    bin_labels = [(ln.page, w.bbox) for ln in lines if not ln.reread and ln.ocr for w in ln.words if _bin_label(w.text)]
    plain = [ln for ln in lines if not ln.reread]
    for ln in lines:
        mid = (_center(ln.bbox), (ln.bbox[1] + ln.bbox[3]) / 2)
        if ln.reread and any(p == ln.page and box[0] <= mid[0] <= box[2] and box[1] <= mid[1] <= box[3]
                             for p, box in engines):
            continue
        for cand, start, end, repaired, dropped in _vin_tokens(ln, not ln.ocr):
            if repaired > (3 if ln.ocr else 0):
                continue
            if any(a <= start < b for a, b in spans.get(id(ln), [])):
                continue
            if not vin_id.is_valid(cand):
                continue
            digits = sum(c.isdigit() for c in cand)
            if digits < 3 or 17 - digits < 2 or not cand[-3:].isdigit():
                continue
            as_read = cand
            # an OCR reading: the most plausible of its readings (check digit, WMI, serial); of any reading, one whose
            # serial is numbered as ISO 3779 has it: a letter that makes a check digit pass by chance (`...40940D`
            # for `...409400`) is no better a reading than the one that fails it, and a run with letters among its
            # last four whichever way it is read is words run together
            readings = (vin_id.candidates(cand) or [cand]) if ln.ocr else [cand]
            cand = next((r for r in readings if vin_id.numbered_serially(r)), "")
            if not cand:
                continue
            if ln.ocr and cand[0] == "0":
                continue  # ISO 3779 gives no region a WMI opening with 0: OCR glued a code and a number together
            checked = vin_id.check_digit_applies(cand)
            good_check = vin_id.has_valid_check_digit(cand)
            known = vin_id.manufacturer_country(cand) is not None
            verified = (checked and good_check) or (not checked and known)
            if ln.ocr and " " in ln.text[start:end] and not verified:
                continue  # words OCR set side by side make 17 characters easily: joined, they must prove a VIN
            if ln.reread and any(p == ln.page and same_box(box, ln.box_of(start, end)) for p, box in bin_labels):
                continue
            if ln.reread and _cyrillic_run(_words_under(ln, ln.box_of(start, end), plain)):
                continue
            if not (checked and good_check) and (_two_plates(cand) or _two_plates(as_read)):
                continue  # a CMR's two plates run together, by the re-read or the page pass, as read or as a maker's
                # WMI made of them (`K179BX102 XE827578`, GM Korea's `KL7...`): only a check digit proves a VIN there
            if ln.ocr and "." in ln.text[start:end].strip(".,;:") and not (verified and vin_id.names_model_year(cand)):
                continue  # so must a token with a dot inside, and name a model year too (not `INVX2023.000012345`)
            conf = None if not repaired else max(0.3, ln.confidence_of(start, end) - 0.1 * repaired)
            fv = field_value(cand, ln, start, end, verified=verified, confidence=conf)
            if ln.reread and ln.confidence_of(start, end) < REREAD_DOUBT:
                unsure.add(id(fv))
            if ln.reread and dropped and not (checked and good_check):
                echoed.append(fv)
            if not ln.reread and not repaired and cand == as_read:
                verbatim.append(fv)
            read_at[id(fv)] = ln.confidence_of(start, end)
            out.append(fv)
    # a re-read of 18 characters is one guess short of a VIN (`Y3MUFEMS90R7614130`, its `90` taken for a 9's echo
    # where the S was): unless a check digit vouches for it, the page pass's 17 read as printed, no character
    # repaired, outrank it
    unsure.update(id(e) for e in echoed if any(_same_place(e, v) for v in verbatim))
    return _one_vehicle(_prefer_verified(dedupe(out), frozenset(unsure)), read_at)


SAME_VEHICLE_SPAN = 11
"""VIN positions (from the first) in which two vehicles of one filing never differ alone: maker, model, check digit,
year and plant. A fleet's VINs differ in the serial after them."""


MISREAD_SPAN = 3
"""Characters a misreading of a VIN may differ in from a surer reading of the same vehicle on the same document."""


def _one_vehicle(values: list[FieldValue], read_at: dict[int, float]) -> list[FieldValue]:
    """Drops a scanned reading that has another of the document's VINs' serial but differs before it, in up to three
    characters: the same vehicle misread (`WDBT4VHVXBH744216` at 0.21 beside `WDBT4VHVXRH744216` at 0.89;
    `XTCM3E84CB3716442` at 0 beside `XTCM3F84CRJ716442` at 0.88), not a second one. The reading kept passes a
    mandatory check digit where the other fails it, else was read with more confidence."""
    def rank(v: FieldValue) -> tuple[int, float]:
        return -vin_id.check_tier(str(v.value)), read_at[id(v)]

    dropped: set[int] = set()
    for a in values:
        for b in values:
            va, vb = str(a.value), str(b.value)
            if a is b or b.source == "text" or id(a) in dropped or len(va) != len(vb):
                continue
            diff = [k for k, (x, y) in enumerate(zip(va, vb, strict=True)) if x != y]
            if 0 < len(diff) <= MISREAD_SPAN and max(diff) < SAME_VEHICLE_SPAN and rank(b) < rank(a):
                dropped.add(id(b))
    return [v for v in values if id(v) not in dropped]


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


# ---------------------------------------------------------------- dates


def _date_role_in(text: str, dt: str | None = None) -> str | None:
    hits = find_labels(text, "date", dt)
    return hits[-1][0].role if hits else None


_REFERENCE_TAIL = re.compile(r"(\S*\d\S*)\s+(?:[оo][тt]|from|dated|vom|of)\s*$", re.I)  # OCR's `OT` is Latin
_NUMBER_MARKS = {"№", "no", "nr", "n", "#", "n°"}


def named_document(text: str) -> list[str]:
    """`04021 HX202301992 ОТ`, `Договор № 12 от`: the words naming the document whose number and `от` end the text
    before a date, so the date is that document's (unless a label says which date it is, or they are this
    document's own title). A bare `№ 200 от` names none: it is the heading of this one."""
    m = _REFERENCE_TAIL.search(text)
    if not m:
        return []
    before = text[: m.start(1)].split()
    # number marks, and OCR's renderings of `№` as a lone `&` or `*`
    while before and (fold(before[-1]).strip(".:") in _NUMBER_MARKS or not any(ch.isalnum() for ch in before[-1])):
        before.pop()
    return before


def _own_title(words: list[str], doc_type: DocType) -> bool:
    """Words that end with this document type's title (`УПАКОВОЧНЫЙ ЛИСТ` before `№ 318 от`): its own heading."""
    head = title_fold(" ".join(words))
    titles = default_signals().types[doc_type].titles if doc_type in default_signals().types else []
    return any(head == t.folded or head.endswith(" " + t.folded) for t in titles)


_RANGE_BETWEEN = re.compile(
    r"\s*(?:г\.?|года?|ж\.?|жыл\w*)?\s*(?:бастап)?\s*(?:по|до|to|till|until|through|bis|дейін|[-–—]|\.\.)?\s*$", re.I)
"""What stands between the two dates of a validity range (`с X по Y`, `from X to Y`, `X бастап Y дейін`, `X - Y`)."""
_VALIDITY = {"valid_until", "valid_from"}
_TIME_AFTER = re.compile(r"[°'’`\"]?\s*(?:в\s*)?[012]?\d[:.]\d\d(?![\d.,])")
"""A time of day right after a date: a declaration prints one with its release decision, never with its
registration (that date is in the registration number). A scan may set a speck between them (`12.06.2024° 16:45`)
and misread the minutes past 59 (`17:82`)."""


_BOX44_KIND = re.compile(r"\W{0,2}(?:0\d|10)\d{3}(?!\d)")
"""The code of a presented paper's kind opening a line of a declaration's box 44 (`02015 RU932355 ОТ 03.11.2023`,
its `ОТ` sometimes lost to the scan: `02015:.929219.0Т. 26.08.2023`)."""


def _one_date(text: str) -> date | None:
    """The date a word or a re-read run is, whole but for a speck or bracket at either end."""
    found = dates_id.find_dates(text, ocr=True)
    return found[0][0] if len(found) == 1 and len(found[0][1]) >= len(text.strip("()[]|.,;:'`")) else None


COMPLETION_SLIPS = 1
"""Digits in which the re-read of a cut date may differ from the page pass's reading of its uncut part: a photo's
re-read, sure of nothing (`24.03.2023` at 0 for `14.03-202` at 0.58), reads the year's end the pass lost."""


def _completed(cut: str, reread: str) -> str | None:
    """The whole of a date whose year the page pass cut short (`14.03-202`), its lost end taken from the re-read
    of its box: the pass's digits where the two overlap, the re-read's after them; None unless the re-read goes
    on from the pass's digits but for `COMPLETION_SLIPS` and the result is a date."""
    if not dates_id.cut_short(cut) or _one_date(reread) is None:
        return None
    mine, theirs = re.sub(r"\D", "", cut), re.sub(r"\D", "", reread)
    if len(theirs) <= len(mine) or sum(a != b for a, b in zip(mine, theirs, strict=False)) > COMPLETION_SLIPS:
        return None
    digits = iter(mine + theirs[len(mine):])
    text = re.sub(r"\d", lambda _: next(digits), reread)
    return text if _one_date(text) is not None else None


def _dates_reread(lines: list[Line]) -> list[Line]:
    """The page-pass lines with each word that is a date put right by the Latin-and-digits re-read of its box,
    when that reads another date at least as surely and not years ahead: the mixed-script pass reads a day's `0`
    as `9` (`19.08.2023` for `10.08.2023`, the re-read and the pass's stamp agreeing on the 10th). Where the re-read
    is less sure, the page pass stands: each pass misreads a digit about as often as the other. A date the page
    pass cut short takes the re-read that completes it."""
    def keep(w: Word) -> bool:
        d = _one_date(w.text)
        return d is not None and d.year <= date.today().year + 1

    def mend(words: list[Word], rereads: list[Word]) -> list[Word]:
        out = words
        for k, w in enumerate(words):
            for r in rereads:
                if not same_box(w.bbox, r.bbox):
                    continue
                surer = r.confidence >= w.confidence and (mine := _one_date(w.text)) is not None and \
                    _one_date(r.text) != mine
                whole = None if surer else _completed(w.text, r.text)
                if surer or whole:
                    out = [*out[:k], w.model_copy(update={"text": whole or r.text}), *out[k + 1:]]
                    break
        return out

    return _mended(lines, _rereads_by_page(lines, keep), mend)


TWICE_READ_SURE = 0.5
"""How sure the page pass must be of a date the re-read read alike for the two readings to prove it."""


def _read_twice(lines: list[Line]) -> list[tuple[int, BBox, date]]:
    """Dates the mixed-script page pass and the Latin-and-digits re-read of the same box read alike, the page pass
    at least `TWICE_READ_SURE`: two passes seldom misread a digit alike, so the date is proven as a check digit
    proves a VIN (a scanned type approval's `valid until`, an expiry the payer must answer for)."""
    rereads = _rereads_by_page(lines, lambda w: any(ch.isdigit() for ch in w.text))

    def alike(word: str, d: date, reread: str) -> bool:
        # the re-read of a run that took in a short word beside the date (`до: 31.08.2022` re-read
        # `A0231.08.2022`) still reads the date's characters as the page pass did
        return _one_date(reread) == d or reread.endswith(word) or reread.startswith(word)

    return [(ln.page, w.bbox, d) for ln in lines if not ln.reread and ln.ocr and ln.page in rereads for w in ln.words
            if w.confidence >= TWICE_READ_SURE and len(w.text) >= 8 and (d := _one_date(w.text)) is not None
            and any(same_box(w.bbox, r.bbox) and alike(w.text, d, r.text) for r in rereads[ln.page])]


def read_dates(lines: list[Line], doc_type: DocType, registration: list[FieldValue]) -> list[FieldValue]:
    """Dates with a role from the nearest label: before the date on its line, just after it (`14.08.2024 ВЫПУСК
    РАЗРЕШЕН`), or on the lines above (a box title); else the document type's usual date."""
    twice = _read_twice(lines)  # before the re-read mends the page pass: a mended date is read once
    lines = _dates_reread(lines)
    out: list[FieldValue] = []
    fallback: set[int] = set()
    default = DEFAULT_DATE_ROLE.get(doc_type, "document_date")
    dt = doc_type.value
    month_first = dates_id.slashes_month_first("\n".join(ln.text for ln in lines if not ln.reread))
    for ln in lines:
        if ln.reread:
            continue
        found = dates_id.find_dates(ln.text, ocr=ln.ocr)
        range_end = -1
        for k, (d, raw, start, end) in enumerate(found):
            if month_first:
                d = dates_id.month_first(d, raw)
            if REG_RE.search(ln.text[max(0, start - 9) : end + 9]) and "/" in ln.text[max(0, start - 1) : end + 1]:
                continue  # the date inside a registration number is read from the number itself
            prev_end = found[k - 1][3] if k else 0
            role = _date_role_in(ln.text[prev_end:start], dt)
            if role is None and (named := named_document(ln.text[prev_end:start])):
                # the document's own number line (`СЧЕТ-ФАКТУРА № 1887 от ...`, `Упаковочный лист № 318 от ...`);
                # elsewhere the date of a named document
                own = _own_title(named, doc_type) or (
                    doc_type is DocType.invoice and find_labels(ln.text[prev_end:start], "invoice_number"))
                role = default if own else "reference_date"
            if role is None:
                nxt = found[k + 1][2] if k + 1 < len(found) else len(ln.text)
                after = ln.text[end : min(nxt, end + 40)]
                hits = find_labels(after, "date", dt)
                if hits and hits[0][1] <= 6:
                    date_box = ln.box_of(start, end)
                    label_box = ln.box_of(end + hits[0][1], end + hits[0][2])
                    if label_box[0] - date_box[2] <= 3 * max(1.0, date_box[3] - date_box[1]):  # not another box
                        role = hits[0][0].role
            if role is None:
                role = _date_role_in(ln.text[:start], dt)
            if role is None:
                x0, _, x1, _ = ln.box_of(start, end)
                for k_above, above in enumerate(_lines_above(lines, ln, 4)):
                    # the column header over the date (a table's header may sit a few wrapped lines up), or,
                    # just above, the whole line
                    over = [w.text for w in above.words if min(w.bbox[2], x1 + (x1 - x0)) > max(w.bbox[0], x0 - (x1 - x0))]
                    role = _date_role_in(" ".join(over), dt) or (_date_role_in(above.text, dt) if k_above < 2 else None)
                    if role:
                        break
            if role is None and doc_type is DocType.import_application and HS_RE.search(ln.text, 0, start):
                role = "invoice_date"  # a goods row names its invoice, number and date, whatever its header became
            if role is None and doc_type is DocType.customs_declaration and _TIME_AFTER.match(ln.text, end):
                role = "release_date"  # the release stamp's date and time, its `ВЫПУСК РАЗРЕШЕН` lost to the scan
            if role is None and doc_type is DocType.customs_declaration and _BOX44_KIND.match(ln.text):
                role = "reference_date"  # box 44 lists the papers presented, each after its kind's code
            if role in _VALIDITY and k + 1 < len(found) and _RANGE_BETWEEN.match(ln.text[end : found[k + 1][2]]):
                role, range_end = "valid_from", k + 1  # `срок действия с 01.02.2024 по 31.01.2029`: its start
            elif k == range_end:
                role = "valid_until"
            if ln.ocr and role not in _VALIDITY and d.year > date.today().year + 1:
                continue  # `24.04.2055` on a control pass: an event's date OCR moved decades ahead
            box = ln.box_of(start, end)
            proven = any(p == ln.page and pd == d and same_box(box, pbox) for p, pbox, pd in twice)
            fv = field_value(d.isoformat(), ln, start, end, role=role or default, verified=proven)
            if role is None:
                fallback.add(id(fv))
            out.append(fv)
    # the type's usual date is a guess for a date nothing names: where a label names that date, an unnamed one is
    # another's (a stamp's `13.01. 2025` under a pass's `Дата пересечения: 13 января 2024 г.`)
    named_roles = {v.role for v in out if id(v) not in fallback}
    out = [v for v in out if id(v) not in fallback or v.role not in named_roles]
    # a declaration's own number dates it; another paper's (a Russian УПД's column of the declarations its goods
    # came in under, an application's reference) names an earlier declaration, not a date of this paper
    for reg in registration if doc_type is DocType.customs_declaration else []:
        reg_date = dates_id.from_registration_number(str(reg.value))
        if reg_date is not None:
            out.append(reg.model_copy(update={"value": reg_date.isoformat(), "role": "registration_date"}))
    return dedupe(out)


def _lines_above(lines: list[Line], ln: Line, n: int) -> list[Line]:
    """The nearest lines above `ln` that overlap it horizontally. A line's bottom is that of most of its words: a
    stamp or signature OCR'd into the line stretches its box down over the lines below."""
    x0, y0, x1, _ = ln.bbox
    cands = [
        (bottom, o) for o in lines
        if o.page == ln.page and not o.reread and o.words and min(o.bbox[2], x1) > max(o.bbox[0], x0) - 5
        and (bottom := statistics.median(w.bbox[3] for w in o.words)) <= y0 + 1 and o.bbox[1] < y0
    ]
    cands.sort(key=lambda c: -c[0])
    return [o for _, o in cands[:n]]


def _under_label(lines: list[Line], ln: Line, box: BBox, label: re.Pattern[str], rows: int = 8) -> bool:
    """A column header a few table rows above `box` (`Zolltarifnr.` over the second row's code) says `label`."""
    x0, _, x1, _ = box
    return any(label.search(" ".join(w.text for w in above.words if min(w.bbox[2], x1) > max(w.bbox[0], x0)))
               for above in _lines_above(lines, ln, rows))


# ---------------------------------------------------------------- weights


SUM_OF_LINES = "sum of lines"
PER_UNIT_RE = re.compile(
    r"[\s.:]*(?:[(,]?\s*(?:kgs?|кг)\s*\)?\s*)?(?:/|\bper\b|\bpro\b|\bje\b|\beach\b|\bза\b|\bна\b)\s*(?:1\s*)?"
    r"(?:ctns?|cartons?|pcs?|pieces?|units?|box(?:es)?|bags?|pallets?|plts?|pkgs?|packages?|stück|karton|колл?о|"
    r"ед\b|единиц|шт\b|мест|коробк|упаковк|паллет|мешок|орын|дана)",
    re.I,
)
"""After a gross or net label, a weight per carton or piece (`N.W./ctn`, `G.W. per carton`, `брутто за 1 место`):
a figure of the line, not of the shipment, which neither totals nor sums to it."""
MAX_COLUMN_GAP = 6.0
"""Line heights of vertical space after the last value that end a column: the table is over."""
_AMBIGUOUS = re.compile(r"^\d{1,3}([.,])\d{3}$")
_ONE_MARK_MISREAD = re.compile(r"(?P<whole>\d{1,3}(?:(?P<mark>[.,])\d{3})+)(?P=mark)(?P<fraction>\d{1,2})")
"""`1.993.10` on a scan: OCR made one mark of `1,993.10` look like the other; the last one is the decimal mark,
as no grouping ends in two digits."""
_BOX_START = re.compile(r"^\s*[A-Za-zА-Яа-яЁё]{3,}")
_BOX_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?=[A-Za-zА-Яа-яЁё])|\d{1,2}\s+(?=[A-Za-zА-Яа-яЁё]{2}))")


def _next_box(text: str) -> int:
    """Where the next box's title starts: a box number before words (`12 Объем`, OCR's `120бъем`), not a unit."""
    for m in _BOX_NUMBER.finditer(text):
        if not UNIT_RE.match(text[m.end():]):
            return m.start()
    return len(text)


def _box_start(text: str, at: int) -> int:
    """Where the box holding `text[at]` starts: the last box number (`11 Gross weight`) at or before it."""
    starts = [m.start() for m in _BOX_NUMBER.finditer(text) if m.start() <= at and not UNIT_RE.match(text[m.end():])]
    return starts[-1] if starts else 0


CELL_GAP = 1.2
"""Word heights of space between two words side by side that puts them in different cells or columns."""
SPACE_GAP = 1.5
"""And spaces of the line's face: a monospaced one spaces `41 950,3` by more than a digit's height."""


def _is_cell(w: Word) -> bool:
    """A spreadsheet's or Word document's word is a whole cell, one unit square."""
    return w.bbox[2] - w.bbox[0] == 1.0 and w.bbox[3] - w.bbox[1] == 1.0


DIGIT_GAP = 1.7
"""Digit widths of space between a figure's groups (`11 803`) that may still be its thousands space: a
typewriter face's digits are short for their width, so its space is wider than CELL_GAP heights, and a line of
garbled words beside it leaves the line's own space unmeasured."""
_LEAD_GROUP = re.compile(r"\d{1,3}")
_NEXT_GROUP = re.compile(r"\d{3}(?:[.,]\d{1,3})?")


def _apart(line: Line, a: Word, b: Word, height: float) -> bool:
    """Two words side by side on `line` stand in different cells: a spreadsheet's always (a word is a cell), a
    page's across a gap of CELL_GAP heights and SPACE_GAP of the line's spaces, unless the two read as a
    figure's groups no more than DIGIT_GAP digits apart."""
    if _is_cell(a) or _is_cell(b):
        return True
    gap = b.bbox[0] - a.bbox[2]
    if not line.parts(gap, height, CELL_GAP, SPACE_GAP):
        return False
    return not (_LEAD_GROUP.fullmatch(a.text) and _NEXT_GROUP.fullmatch(b.text) and
                gap <= DIGIT_GAP * (b.bbox[2] - b.bbox[0]) / len(b.text))


def _spread(line: Line, start: int, end: int) -> bool:
    """The words of a space-grouped number stand in different cells or columns."""
    ws = line.words_in(start, end)
    return any(_apart(line, a, b, a.bbox[3] - a.bbox[1]) for a, b in zip(ws, ws[1:], strict=False))


def _cell_numbers(line: Line, text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """(start, figure) of the numbers in a space-grouped figure of `text` (the line's text as `_numbers` reads it)
    that spreads over cells: the words set close together make one number (`2 072`), the whole run when it is
    grouped as a number is, else each word on its own. A speck after the figure reads as a last mark (`360.400.`):
    the number is the text without it."""
    spans = [(a, a + len(text[a:b].rstrip(".,"))) for a, b in line.spans]
    cells = [(w, a, b) for w, (a, b) in zip(line.words, spans, strict=True) if a >= start and b <= end]
    runs: list[list[tuple[Word, int, int]]] = []
    for w, a, b in cells:
        if runs and not _apart(line, runs[-1][-1][0], w, runs[-1][-1][0].bbox[3] - runs[-1][-1][0].bbox[1]):
            runs[-1].append((w, a, b))
        else:
            runs.append([(w, a, b)])
    for run in runs:
        whole = text[run[0][1] : run[-1][2]]
        if len(run) > 1 and NUMBER_RE.fullmatch(whole):
            yield run[0][1], whole
            continue
        for _, a, b in run:
            if text[a:b].replace(",", "").replace(".", "").isdigit():
                yield a, text[a:b]


def decimal_convention(text: str) -> dict[str, str]:
    """How this document writes numbers, for the ambiguous `453,445` and `493.000`: 'decimal' or 'thousands'.

    Evidence from the document's other numbers wins (`12,450.50`, `25 608 617,40`, `1150.000`, `12,5`); without
    any, Cyrillic documents (customs forms print weights to three decimals) read both marks as decimals, Latin
    ones read the comma as thousands and the dot as decimal.
    """
    votes: dict[str, Counter[str]] = {".": Counter(), ",": Counter()}
    for m in re.finditer(r"(?<![\d.,])\d{1,3}(?:([.,])\d{3})+([.,])\d+", text):
        if m.group(1) != m.group(2):
            votes[m.group(1)]["thousands"] += 1
            votes[m.group(2)]["decimal"] += 1
    for m in re.finditer(r"(?<![\d.,])\d{1,3}(?:([.,])\d{3}){2,}(?![\d.,])", text):
        votes[m.group(1)]["thousands"] += 1
    for m in re.finditer(r"\d \d{3}([.,])\d|(?<![\d.,])\d{4,}([.,])\d{1,3}(?![\d.,])|(?<![\d.,])\d+([.,])\d{1,2}(?![\d.,])", text):
        votes[m.group(1) or m.group(2) or m.group(3)]["decimal"] += 1
    latin, cyr = script_letters(text)
    cyrillic = cyr > latin
    continental = not cyrillic and bool(_CONTINENTAL.search(text))
    out: dict[str, str] = {}
    dot, comma = votes["."], votes[","]
    if not cyrillic and dot["decimal"] > dot["thousands"] and comma["decimal"] > comma["thousands"] and \
            dot["decimal"] != comma["decimal"]:
        # a Latin paper has one decimal mark; the other's few `d.d` are names (`Tiguan 2.0 TDI`, `1.5L`). Customs
        # forms print weights with a dot and sums with a comma (`270.000`, `150 402,84`): both are decimals there
        decimal = "." if dot["decimal"] > comma["decimal"] else ","
        return {decimal: "decimal", ("," if decimal == "." else "."): "thousands"}
    for sep, v in votes.items():
        if v["decimal"] != v["thousands"]:
            out[sep] = "decimal" if v["decimal"] > v["thousands"] else "thousands"
        elif continental:
            out[sep] = "decimal" if sep == "," else "thousands"
        else:
            out[sep] = "decimal" if cyrillic or sep == "." else "thousands"
    return out


_CONTINENTAL = re.compile(
    r"[äöüÄÖÜßğşĞŞ]|(?i:\b(?:gewicht|rechnung|gesamt|menge|anzahl|bezeichnung|lieferschein|ursprungsland|fatura|"
    r"toplam|ağırlık|peso|factura|fattura|totale|poids|facture|waga|faktura|brutto|netto)\b)"
)
"""Words of languages that group thousands with a dot and mark decimals with a comma (German, Turkish, Spanish,
Italian, French, Polish): with no number to say otherwise, `Gewicht netto 11.980 kg` is eleven tonnes."""


def _decimal_for(number: str, convention: dict[str, str] | None) -> str | None:
    """The decimal mark to read an ambiguous `874.700` with, by the document's convention; None otherwise."""
    amb = _AMBIGUOUS.match(number)
    if not amb or not convention:
        return None
    sep = amb.group(1)
    return sep if convention.get(sep) == "decimal" else ("," if sep == "." else ".")


_OCR_GROUP_MARK = re.compile(r"(?<=\d):(?=\d{3}(?!\d))")
_OCR_DECIMAL_MARK = re.compile(r"(?<=\d{3});(?=\d{1,2}(?!\d))")


def _ocr_marks(text: str) -> str:
    """A scanned figure's marks as printed, the text's length kept: OCR reads a thousands space as a colon and a
    decimal comma as a semicolon (`11:312;5<кг` for `11 312,5 кг`); a time has two digits after its colon."""
    return _OCR_DECIMAL_MARK.sub(",", _OCR_GROUP_MARK.sub(" ", text))


_CODE_PREFIX = re.compile(r"[^\W\d_][-/]$")
"""Letters and a hyphen or slash glued before digits: a document's number (`INV-2023/8667`), not a figure."""
_AFTER_NUMBER_SIGN = re.compile(r"(?:№|#|N°|(?<![^\W\d_])(?:No|Nr)\.?)\s?$", re.I)
"""A number sign just before digits: what follows numbers a thing (`Товар № 2`, `Invoice No. 2297`), it weighs
nothing."""


def _numbers(seg: Line, start: int = 0, convention: dict[str, str] | None = None) -> list[tuple[float, int, int, bool]]:
    """(kg, start, end, has_unit) for numbers in `seg.text[start:]`; box numbers that open a label are skipped."""
    out = []
    text = _ocr_marks(seg.text) if seg.ocr else seg.text
    if seg.ocr:
        # OCR sets a space after the mark in "1973, 100": one number, when the two parts touch
        for m in OCR_SPLIT_DECIMAL_RE.finditer(text, start):
            if _spread(seg, m.start(1), m.end(1)):
                continue
            figure = m.group(1).replace(" ", "")
            try:
                kg = weight_id.parse_weight(figure, decimal=_decimal_for(figure, convention))
            except ValueError:
                continue
            out.append((kg, m.start(1), m.end(1), False))
    joined = [(a, b) for _, a, b, _ in out]
    for m in NUMBER_RE.finditer(text, start):
        if any(a <= m.start(1) < b for a, b in joined):
            continue
        if " " in m.group(1) and _spread(seg, m.start(1), m.end(1)):
            # "1 184" across two table columns: two numbers, not one thousand one hundred; but `3440 3 126 912
            # 150,40` is 3 126 in one cell and 912 150,40 in the next, each grouped within its cell
            for a, figure in _cell_numbers(seg, text, m.start(1), m.end(1)):
                try:
                    kg = weight_id.parse_weight(figure, decimal=_decimal_for(figure, convention))
                except ValueError:
                    continue
                out.append((kg, a, a + len(figure), False))
            continue
        unit = UNIT_RE.match(text[m.end():])
        glued_before = (m.start(1) > 0 and text[m.start(1) - 1].isalpha()) or _CODE_PREFIX.search(text, 0, m.start(1)) \
            or _AFTER_NUMBER_SIGN.search(text, 0, m.start(1))
        glued_after = m.end(1) < len(text) and text[m.end(1)].isalpha() and not unit
        if glued_before or glued_after:
            continue  # "м3", "12Объем", "A428732", "NV-20238667": part of a word or a code
        if not unit and (_MONEY_AFTER.match(text, m.end(1)) or _MONEY_BEFORE.search(text[:m.start(1)])):
            continue  # "Gesamtbetrag netto: 70.400,00 EUR": a price net of tax
        if not unit and re.fullmatch(r"\d{1,2}", m.group(1)) and _BOX_START.match(text[m.end():]):
            continue  # "12 Umfang in m3": the number of the next box, not a weight
        number, decimal = m.group(1), _decimal_for(m.group(1), convention)
        misread = _ONE_MARK_MISREAD.fullmatch(number) if seg.ocr else None
        if misread:
            number, decimal = misread["whole"].replace(misread["mark"], "") + "." + misread["fraction"], "."
        try:
            kg = weight_id.parse_weight(number + (" " + _unit_as_printed(unit.group(1)) if unit else ""), decimal=decimal)
        except ValueError:
            continue
        out.append((kg, m.start(1), m.end(1) + (unit.end() if unit else 0), unit is not None))
    return sorted(out, key=lambda n: n[1])


_CURRENCY = r"(?<![^\W\d_])(?:EUR|USD|RUB|KZT|CNY|RMB|GBP|JPY|TRY|BYN|UZS|CHF|руб\w*|тенге|теңге|€|₸|¥|₽)(?![^\W\d_])"
"""A currency as a whole word (`eur` inside `Europe` is none)."""
_MONEY_AFTER = re.compile(rf"\s?{_CURRENCY}")
_MONEY_BEFORE = re.compile(rf"{_CURRENCY}\.?\s?$")
_MONEY_FIGURE = re.compile(rf"{_CURRENCY}\.?\s?\d|\d\s?{_CURRENCY}")
"""A sum of money beside its currency is no weight, whatever label is near (`Gesamtbetrag netto`, `Total net`);
not `KGS`, which is both kilograms and Kyrgyz som, nor `$`, which OCR makes of a 5 or an 8 (`4862 $527`)."""


def _segments(lines: list[Line]) -> list[Line]:
    segs: list[Line] = []
    for ln in lines:
        if ln.reread:
            continue
        if ln.words and ln.words[0].bbox[2] - ln.words[0].bbox[0] == 1.0 and ln.words[0].bbox[3] - ln.words[0].bbox[1] == 1.0:
            segs.extend(Line.of(ln.page, [w]) for w in ln.words)  # spreadsheet: every cell its own segment
        else:
            segs.extend(segments(ln))
    return segs


def _relabelled(lines: list[Line], segs: list[Line], conv: dict[str, str], dt: str | None) -> list[Line]:
    """Re-read lines that carry a gross or net label with its figure where the page pass read no such label: the
    mixed-script pass read a photo's `TOTAL G.W.: 5,200.00 kg` as `TOTAL © № 5,200.00 kg`."""
    def gross_or_net(text: str) -> list[tuple[Label, int, int]]:
        return [h for h in find_labels(text, "weight", dt) if h[0].role in ("gross", "net")]

    rereads = [ln for ln in lines if ln.reread]
    labelled = [seg for seg in segs if gross_or_net(seg.text)] if rereads else []
    out: list[Line] = []
    for ln in rereads:
        labels = gross_or_net(ln.text)
        if labels and any(n[0] > 0 for n in _numbers(ln, labels[0][2], conv)) and \
                not any(seg.page == ln.page and same_box(seg.bbox, ln.bbox) for seg in labelled):
            out.append(ln)
    return out


_FIGURE = re.compile(r"\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d{1,3})?|\d+[.,]\d{1,3}|\d{2,6}")
"""A weight's figure, not a code's: grouped, with decimals, or up to six whole digits (`785`)."""
FIGURE_SURE = 0.8
FIGURE_SPAN = 0.5
"""How much of a re-read figure's width the page pass's words in its box must span to be its reading: a speck
inside it (`2`, 2 px wide, on the line above `96 158,93`) is another line's, which the figure must not join."""
FIGURE_GAIN = 0.1  # over the least sure word it replaces: both passes misread digits, the re-read not less often


def _rereads_by_page(lines: list[Line], keep: Callable[[Word], bool]) -> dict[int, list[Word]]:
    """The re-read words `keep` takes, by page (a re-read line is one word: a run read as one)."""
    out: dict[int, list[Word]] = {}
    for ln in lines:
        if ln.reread and len(ln.words) == 1 and keep(ln.words[0]):
            out.setdefault(ln.page, []).append(ln.words[0])
    return out


def _mended(lines: list[Line], rereads: dict[int, list[Word]],
            mend: Callable[[list[Word], list[Word]], list[Word]]) -> list[Line]:
    """The lines with each page-pass line's words as `mend` puts them right from its page's re-reads; `mend`
    returns the very list it was given when it changes nothing, and the line stays as it was."""
    out: list[Line] = []
    for ln in lines:
        words = ln.words if ln.reread or ln.page not in rereads else mend(ln.words, rereads[ln.page])
        out.append(ln if words is ln.words else Line.of(ln.page, words))
    return out


def _figures_reread(lines: list[Line]) -> list[Line]:
    """The page-pass lines with the decimal marks the re-reads saw restored (see `_marks_restored`) and each
    figure that the Latin-and-digits re-read read whole and surely put in place of the page pass's reading of it
    (see `_figures_replaced`)."""
    lines = _mended(lines, _rereads_by_page(lines, lambda w: w.confidence >= MARK_SURE), _marks_restored)
    figures = _rereads_by_page(lines, lambda w: w.confidence >= FIGURE_SURE and bool(_FIGURE.fullmatch(w.text)))
    return _mended(lines, figures, _figures_replaced)


def _figures_replaced(words: list[Word], figures: list[Word]) -> list[Word]:
    """`words` with each figure re-read in place of the page pass's reading of it: the mixed-script pass turns a
    weight's `0` into `8` (`16700, 080` for `16700,000`), garbles it past reading (`РА, 7` for `21 147,7`), or
    drops digits it is unsure of (`255` for `5 255,7`). A re-read that took in anything but the figure (a unit, a
    code beside it) changes nothing."""
    for fig in figures:
        hit = [w for w in words if same_box(w.bbox, fig.bbox)]
        if hit and _reads_better(fig, hit):
            words = [w for w in words if w not in hit] + [fig.model_copy(update={"line_id": hit[0].line_id})]
    return words


def _reads_better(fig: Word, hit: list[Word]) -> bool:
    """The re-read `fig` is a better reading of the figure than the page-pass words `hit` in its box."""
    span = union([w.bbox for w in hit])
    doubt = min(w.confidence for w in hit)
    read = "".join(w.text for w in hit)
    if not same_box(span, fig.bbox) or span[2] - span[0] < FIGURE_SPAN * (fig.bbox[2] - fig.bbox[0]) or \
            fig.confidence < doubt + FIGURE_GAIN:
        return False
    return _digits_misread(read, fig.text.replace(" ", "")) or _no_figure(" ".join(w.text for w in hit)) or \
        (doubt < DROPPED_DOUBT and _digits_dropped(read, fig.text))


MARK_SURE = 0.7
"""How sure a re-read must be to restore a decimal mark to digits the page pass read alike (see `_marks_restored`)."""
_DECIMAL_FIGURE = re.compile(r"^\d+[.,]\d+$")


def _marks_restored(words: list[Word], rereads: list[Word]) -> list[Word]:
    """`words` with each figure the page pass read without its decimal mark (`31867` for `3186,7`) as a re-read
    over it reads it: the same digits, and a mark, which the mixed-script pass drops as a speck. A re-read of a run
    (`1878 3186,7`) reads each of its words; only the digits that agree are taken, so no misread digit is."""
    out = words
    for rr in rereads:
        for token in (t for t in rr.text.split() if _DECIMAL_FIGURE.match(t)):
            digits = re.sub(r"[.,]", "", token)
            lost = [w for w in out if w.text.strip(RULE_MARKS) == digits and same_box(w.bbox, rr.bbox)]
            if lost:
                out = [w.model_copy(update={"text": token, "confidence": min(w.confidence, rr.confidence)})
                       if w in lost else w for w in out]
    return out


def _no_figure(read: str) -> bool:
    """The page pass read no figure there at all (`РА, 7` for `21 147,7`): the re-read's is the only reading."""
    return not re.search(r"\d\S?\d", read)


DROPPED_DOUBT = 0.5
"""How unsure the page pass's reading must be for a re-read with more digits to fill in the ones it dropped."""


def _digits_dropped(read: str, figure: str) -> bool:
    """`read` is `figure` with digits dropped (`255` in the box of `5 255,7`): its digits, in order, are among the
    re-read's, which has more. Only over a page-pass reading below `DROPPED_DOUBT`: a sure one and a re-read with
    more digits may be a re-read that took in a neighbour's."""
    mine, theirs = re.sub(r"\D", "", figure), re.sub(r"\D", "", read)
    left = iter(mine)
    return 0 < len(theirs) < len(mine) and all(d in left for d in theirs)


def _digits_misread(read: str, figure: str) -> bool:
    """`read` is `figure` with some digits misread and nothing else changed: same length, the marks in the same
    places (a `.` read as `,` is left to the decimal convention; a re-read that joins two cells is no fix)."""
    read = read.strip(RULE_MARKS)  # a table's rule read with the figure (`|715` for `785`)
    return len(read) == len(figure) and read != figure and all(
        a == b or (b.isdigit() and (a.isdigit() or a.isalpha())) for a, b in zip(read, figure, strict=True))


MOST_KG = 10_000_000.0
"""Ten thousand tonnes: more than a train or a barge carries, so more than any paper of a filing weighs; a figure
beyond it beside a weight label is a number the label was misread beside."""


def read_weights(lines: list[Line], dt: str | None = None) -> tuple[list[FieldValue], FieldValue | None, FieldValue | None]:
    lines = _figures_reread(lines)
    full_lines = sorted((ln for ln in lines if not ln.reread), key=lambda ln: (ln.page, ln.bbox[1]))
    conv = decimal_convention("\n".join(ln.text for ln in full_lines))
    segs = _segments(lines)
    segs += _relabelled(lines, segs, conv, dt)
    found: list[FieldValue] = []
    totals: dict[str, FieldValue] = {}
    columns: dict[str, list[FieldValue]] = {"gross": [], "net": []}
    headers: list[tuple[str, int, tuple[float, float, float, float]]] = []

    def keep(role: str, col: list[FieldValue], total: FieldValue | None) -> None:
        found.extend(col)
        columns[role].extend(col)
        if total is not None:
            total = _total_as_summed(total, col)
            found.append(total)
            totals.setdefault(role, total)

    for seg in segs:
        labels = find_labels(seg.text, "weight", dt)
        paired: dict[int, tuple[float, int, int, bool]] = {}
        for k, (lab, _ls, le) in enumerate(labels):
            if lab.role in ("total", "tare") or _in_difference(seg.text, labels, k) or \
                    _after_tare(seg.box_of(_ls, le), full_lines, dt) or PER_UNIT_RE.match(seg.text, le):
                continue
            rest = seg.text[le:]
            # the next label ends the value's span, unless it only says the same again (`брутто / gross: 5189 кг`)
            nxt = [n for n in find_labels(rest, "weight", dt) if n[0].role not in ("total", lab.role)]
            stop = le + min(nxt[0][1] if nxt else len(rest), _next_box(rest))
            inline = [n for n in _numbers(seg, le, conv) if n[1] < stop and n[0] > 0 and _beside(seg.text, le, n[1], dt)]
            declared = _declared_box(seg, segs, le, stop, dt) if dt == "customs_declaration" and seg.ocr else None
            if k in paired:
                inline = [paired[k]]
            elif (partner := _pair_partner(seg.text, labels, k)) is not None:
                # `брутто/нетто, кг: 12450,5 / 11980,0`: the two figures in the labels' order
                two = [n for n in _numbers(seg, labels[partner][2], conv) if n[0] > 0][:2]
                if len(two) == 2 and "/" in seg.text[two[0][2] : two[1][1]]:
                    inline, paired[partner] = [two[0]], two[1]
            elif (before := _postfix_value(seg, labels, k, conv)) is not None:
                inline = [before]  # `12 450.5 kg gross, 11 980 kg net`
            # the unit is the label's own box's: `12 Volume, m3` read as `12 Volume, т` beside it is not tonnes
            scale = _header_scale(seg.text[_box_start(seg.text, _ls):stop])
            is_total = any(lab2.role == "total" for lab2, _, _ in find_labels(seg.text, "weight", dt))
            value = declared or ((seg, inline[0]) if inline else None)
            if value is None and _MONEY_FIGURE.search(seg.text, le, stop):
                continue  # `Gesamtbetrag netto: 70.400,00 EUR`: its figure is a price, and none sits below it
            if value is None:
                # a key-value form: the value is the next cell to the right on the same line
                right = right_of(seg, segs)
                if right is not None and not find_labels(right.text, "weight", dt):
                    nums = [n for n in _numbers(right, 0, conv)
                            if n[0] > 0 and n[1] <= 3 and n[1] < _next_box(right.text)]
                    value = (right, nums[0]) if nums else None
            if value is not None:
                at, (kg, s0, s1, unit) = value
                kg = _declared_mark_lost(kg, at.text[s0:s1], dt) if at.ocr else kg
                fv = field_value(_in_kg(kg, at.text[s0:s1], unit, scale, at.ocr), at, s0, s1, role=lab.role)
                if float(fv.value) > MOST_KG:
                    continue  # `№ 216289034` read as `NW 216289034`: a number, not a net weight
                found.append(fv)
                if is_total:
                    totals.setdefault(lab.role, fv)
                else:
                    columns[lab.role].append(fv)
                continue
            # a header or box title: values sit below it, in its column
            lab_box = _with_unit(_header_cell(seg.box_of(_ls, le), full_lines), full_lines)
            if seg.ocr:
                headers.append((lab.role, seg.page, lab_box))
            in_unit = scale if scale != 1.0 else _unit_below(lab_box, full_lines)
            for box, next_cell in _column_places(lab_box, full_lines, seg.ocr):
                col, total = _column_values(box, seg.page, full_lines, conv, in_unit, lab.role, dt, next_cell)
                if seg.ocr and in_unit == 1000.0 and any(float(v.value) > MOST_KG for v in [*col, *filter(None, [total])]):
                    # tonnes that weigh more than anything does: the header's `кг` was read as `т`
                    col, total = _column_values(box, seg.page, full_lines, conv, 1.0, lab.role, dt, next_cell)
                if col or total is not None:
                    break
            keep(lab.role, col, total)
    for role, other in (("net", "gross"), ("gross", "net")):
        if columns[role] or role in totals or not (columns[other] or other in totals):
            continue
        for page, box in _unit_headers(headers, other, full_lines):
            cells = [w.bbox[0] for w in _next_cells(box, full_lines)]
            col, total = _column_values(box, page, full_lines, conv, 1.0, role, dt, next(iter(cells), None))
            mine, theirs = total or _column_total(col), totals.get(other) or _column_total(columns[other])
            if mine is None or theirs is None or (float(mine.value) > float(theirs.value)) != (role == "gross"):
                continue  # gross is never under net: a column that says otherwise is not the missing one
            keep(role, col, total)
            break
    if dt == "customs_declaration":
        for fv in _declaration_boxes_by_neighbour(full_lines, columns):
            keep(str(fv.role), [fv], None)
        for fv in _gross_above_net(full_lines, columns):
            keep("gross", [fv], None)
    if not columns["net"] and "net" not in totals and dt in KG_QUANTITY_DOCS:
        col, total = _kg_quantities(full_lines, conv, dt)
        keep("net", col, total)
    if not columns["net"] and "net" not in totals and dt in ONE_WEIGHT_DOCS:
        col, total = _kg_headed_column(full_lines, conv, dt)
        keep("net", col, total)
    gross = totals.get("gross") or _column_total(columns["gross"])
    net = totals.get("net") or _column_total(columns["net"])
    scanned = any(ln.ocr for ln in full_lines)
    if scanned:
        gross, net = _plausible_pair(gross, net)
        if (gross is None) != (net is None) and (tare := _stated_tare(segs, conv, dt)) is not None:
            gross, net = _by_tare(gross, net, tare)
            found.extend(v for v in (gross, net) if v is not None and v not in found)
    if scanned and (gross is None or net is None):
        gross, net = _from_summed_totals(full_lines, conv, dt, gross, net)
        if gross is None and dt == "cmr":
            gross = _cmr_total_row(full_lines, conv)
        found.extend(v for v in (gross, net) if v is not None and v not in found)
    for total, rows in ((gross, columns["gross"]), (net, columns["net"])):
        if total is not None:
            rows = [v for v in rows if not _same_place(v, total)]
            mended = dict(zip(map(id, rows), _rows_as_totalled(rows, total), strict=True))
            found = [mended.get(id(v), v) for v in found]
    return dedupe(found), gross, net


KG_QUANTITY_DOCS = ("invoice", "waybill")
"""Papers that may print no net weight but count the goods in kilograms: a Kazakh ЭСФ, a Russian УПД, a ТТН."""
_QUANTITY_HEAD = re.compile(r"(?i)(?<![^\W\d_])(?:кол-?во|количество|qty|quantity|саны|menge)(?![^\W\d_])")
_KG_AFTER = re.compile(r"[\s,(\[]*(?:кг|kgs?)(?![^\W\d_])", re.I)
_UNIT_HEAD = re.compile(
    r"(?i)(?<![^\W\d_])(?:ед\.?\s*изм\w*|единица\s+измерения|unit|өлш\w*\.?\s*бірл\w*|einheit)(?![^\W\d_])")
_KG_CELL = re.compile(r"(?i)^(?:кг|kg|kgs|kgm|килограмм\w*|166)[.,]?$")
"""A unit cell that says kilograms: the word, or 166, its code in the OKEI list a УПД or ЭСФ prints beside it."""


def _kg_quantities(lines: list[Line], conv: dict[str, str], dt: str | None) -> tuple[list[FieldValue], FieldValue | None]:
    """The quantity column of a table whose rows all count in kilograms (its unit column says `кг` on each row, or
    its header `Кол-во, кг`): the goods' net mass, which such a paper prints nowhere else."""
    for ln in lines:
        for m in _QUANTITY_HEAD.finditer(ln.text):
            kg_head = _KG_AFTER.match(ln.text, m.end()) is not None
            units = [ln.box_of(u.start(), u.end()) for u in _UNIT_HEAD.finditer(ln.text)]
            if not kg_head and not units:
                continue
            box = _header_cell(ln.box_of(m.start(), m.end()), lines)
            cells = _next_cells(box, lines)
            col, total = _column_values(box, ln.page, lines, conv, 1.0, "net", dt, cells[0].bbox[0] if cells else None)
            spans = [_unit_span(ub, lines) for ub in units]
            if col and (kg_head or all(_counted_in_kg(fv, spans, lines) for fv in col)):
                return col, total
    return [], None


_DECIMAL_IN = re.compile(r"\d[\d\s]*[.,]\d")
ONE_WEIGHT_DOCS = ("import_application",)
"""Forms whose goods table has one weight column, the net mass (`Масса нетто, кг`, `Салмағы, кг`)."""
_KG_HEADER = re.compile(r"(?i)(?<![^\W\d_])([^\W\d_]{3,})\s?[,.]?\s?(?:кг|kg)(?![^\W\d_])")
_PRICE_WORD = re.compile(r"(?i)цен|стоим|сумм|price|amount|value|баға|бага|құн|кун")


def _kg_headed_column(lines: list[Line], conv: dict[str, str], dt: str | None
                      ) -> tuple[list[FieldValue], FieldValue | None]:
    """On a scan of a one-weight form, the column under a header cell that counts in kilograms (`…, кг`) when
    OCR garbled the cell's words past any label (`Масса матто, кг`, `Caswens, кг`): its figures are the net."""
    for ln in lines:
        if not ln.ocr or _DECIMAL_IN.search(ln.text):
            continue  # a row of figures with their unit, not a header
        for m in _KG_HEADER.finditer(ln.text):
            if _PRICE_WORD.search(m.group(1)):
                continue  # a price per kilogram's cell
            box = _header_cell(ln.box_of(m.start(), m.end()), lines)
            cells = _next_cells(box, lines)
            # no wider than the cell's own print: a header cell OCR lost beside it (`Стоимость`) leaves its
            # figures where the next cell seems to start
            end = min(cells[0].bbox[0] if cells else math.inf, box[2] + (box[3] - box[1]))
            col, total = _column_values(box, ln.page, lines, conv, 1.0, "net", dt, end)
            if not col or total is not None:
                continue
            # guessed from a unit alone, a column must give each goods row (a line with its code) one figure, on
            # that row: a speck above the rows or a row whose weight OCR lost would make another total
            rows = [r for r in lines if r.page == ln.page and r.bbox[1] > box[3] and _GOODS_CODE.search(r.text)]
            if len(col) == len(rows) and all(any(_same_row(fv, r) for r in rows) for fv in col):
                return col, None
    return [], None


_GOODS_CODE = re.compile(r"(?<![\d.,])\d(?:[ .]?\d){8,10}(?![\d,]|\.\d)")
"""A goods row's code, its groups as OCR spaced them or glued to a rule (`16928 72 300 3`), or dotted
(`8471.90.00.00`)."""


def _same_row(fv: FieldValue, ln: Line) -> bool:
    """The line runs through the middle of the value's box."""
    mid = (fv.bbox[1] + fv.bbox[3]) / 2 if fv.bbox else -1.0
    return fv.page == ln.page and ln.bbox[1] <= mid <= ln.bbox[3]


def _unit_span(ub: BBox, lines: list[Line]) -> tuple[float, float]:
    """The x range of a unit column: from its header to the next header cell (or two line heights past it)."""
    h = max(1.0, ub[3] - ub[1])
    cells = _next_cells(ub, lines)
    return ub[0] - h, cells[0].bbox[0] if cells else ub[2] + 2 * h


def _counted_in_kg(fv: FieldValue, spans: list[tuple[float, float]], lines: list[Line]) -> bool:
    """The row of `fv` says kilograms in one of the unit columns."""
    if fv.bbox is None:
        return False
    row = next((ln for ln in lines if _same_row(fv, ln)), None)
    return row is not None and any(lo <= _center(w.bbox) <= hi and _KG_CELL.match(w.text)
                                   for lo, hi in spans for w in row.words)


_WORD = re.compile(r"[^\W\d_]{3,}")
WORDS_BETWEEN = 2


def _beside(text: str, label_end: int, start: int, dt: str | None) -> bool:
    """A figure is the label's when at most a couple of words stand between them, besides the label said again
    in other languages (`Вес брутто, кг / Gross weight kg: 16700`): a box title's `... / Volume | 1)` is not."""
    between = text[label_end:start]
    for _, a, b in reversed(find_labels(between, "weight", dt)):
        between = between[:a] + between[b:]
    return len([w for w in _WORD.findall(between) if not UNIT_RE.fullmatch(w)]) <= WORDS_BETWEEN


_PAIR_SEP = re.compile(r"\.?\s*[/\\]\s*")  # `G.W./N.W.`: an abbreviation's dot before the slash


def _pair_partner(text: str, labels: list[tuple[Label, int, int]], k: int) -> int | None:
    """The other label of a pair that shares its figures (`брутто/нетто`, `Gross/Net`)."""
    if k + 1 >= len(labels):
        return None
    (a, _, a_end), (b, b_start, _) = labels[k], labels[k + 1]
    roles = {a.role, b.role}
    return k + 1 if roles == {"gross", "net"} and _PAIR_SEP.fullmatch(text[a_end:b_start]) else None


def _postfix_value(seg: Line, labels: list[tuple[Label, int, int]], k: int,
                   conv: dict[str, str]) -> tuple[float, int, int, bool] | None:
    """A figure with its unit just before a label that nothing follows but a comma or the end (`12 450.5 kg
    gross, 11 980 kg net`), and that no label before it claims."""
    _, start, end = labels[k]
    after = seg.text[end:].lstrip()
    if after and after[0] not in ",;.)":
        return None
    before = [n for n in _numbers(seg, 0, conv) if n[3] and n[0] > 0 and n[2] <= start and not seg.text[n[2]:start].strip()]
    if not before:
        return None
    prev_end = max((e for lab, _, e in labels[:k] if lab.role in ("gross", "net") and e <= before[-1][1]), default=None)
    if prev_end is not None and not seg.text[prev_end:before[-1][1]].lstrip().startswith((",", ";")):
        return None
    return before[-1]


_MINUS = re.compile(r"\s*(?:[-–—−]|минус|minus)\s*", re.I)


def _in_difference(text: str, labels: list[tuple[Label, int, int]], k: int) -> bool:
    """`Масса упаковки (брутто — нетто): 124,6`: two weight labels joined by a minus name the packaging's
    weight, neither of them."""
    before = k > 0 and _MINUS.fullmatch(text[labels[k - 1][2]:labels[k][1]])
    after = k + 1 < len(labels) and _MINUS.fullmatch(text[labels[k][2]:labels[k + 1][1]])
    return bool(before or after)


def _stated_tare(segs: list[Line], conv: dict[str, str], dt: str | None) -> FieldValue | None:
    """The packaging's weight a document states beside its label (`Масса упаковки (брутто - нетто): 261,3 кг`),
    when it states one."""
    stated = []
    for seg in segs:
        for lab, _ls, le in find_labels(seg.text, "weight", dt):
            nums = [n for n in _numbers(seg, le, conv) if n[0] > 0] if lab.role == "tare" else []
            if nums and not PER_UNIT_RE.match(seg.text, nums[0][2]):
                kg, s0, s1, unit = nums[0]
                stated.append(field_value(_in_kg(kg, seg.text[s0:s1], unit, 1.0, seg.ocr), seg, s0, s1, role="tare"))
    return stated[0] if len({float(v.value) for v in stated}) == 1 else None


TARE_SURE = 0.5
"""Confidence both the weight read and the tare must have for the weight the scan lost to be worked out from them."""


def _by_tare(gross: FieldValue | None, net: FieldValue | None, tare: FieldValue) -> tuple[FieldValue | None, FieldValue | None]:
    """The weight a scan lost, from the other and the packaging's: gross is net plus tare (Rules 763 p.32.1). The
    derived value stands at the tare's box, no surer than either reading."""
    known = gross or net
    assert known is not None
    if min(known.confidence, tare.confidence) < TARE_SURE:
        return gross, net
    value = round(float(known.value) + (float(tare.value) if gross is None else -float(tare.value)), 3)
    if value <= 0 or float(tare.value) >= (value if gross is None else float(known.value)):
        return gross, net
    derived = tare.model_copy(update={
        "value": value, "role": "gross" if gross is None else "net", "raw": f"{known.raw} {'+' if gross is None else '-'} {tare.raw}",
        "confidence": round(min(known.confidence, tare.confidence, 0.7), 3)})
    return (derived, net) if gross is None else (gross, derived)


def _after_tare(box: tuple[float, float, float, float], lines: list[Line], dt: str | None) -> bool:
    """A gross or net label that only explains a packaging-weight label before it on its line (no number
    between them): `Масса упаковки (брутто — нетто): 124,6 кг`."""
    ln = _label_line(box, lines)
    if ln is None:
        return False
    for lab, a, b in find_labels(ln.text, "weight", dt):
        tare = ln.box_of(a, b)
        if lab.role == "tare" and box[0] >= tare[2] and not any(
            tare[2] <= w.bbox[0] < box[0] and any(ch.isdigit() for ch in w.text) for w in ln.words
        ):
            return True
    return False


_KG3 = r"\d{1,6}[.,]\s?\d{3}(?![\d.,])"
"""A declaration's weight: kilograms to three decimals, OCR's space after the mark or not (`3520. 000`)."""


def _declared_kg(figure: str) -> float:
    """A `_KG3` figure in kilograms."""
    figure = figure.replace(" ", "")
    return weight_id.parse_weight(figure, decimal=figure[-4])
_BOX_NEIGHBOURS = {
    # box 34, the origin country's code and letters (`156 CN`; without the digits, letters that name a country;
    # with them, any two, which OCR reads in Cyrillic or misreads: `156 СМ`), then box 35, the gross
    "gross": re.compile(rf"(?<![\w.,])(?P<numeric>\d{{3}}\s+)?(?P<country>[A-ZА-Я]{{2}})\s+(?P<kg>{_KG3})"),
    # box 37, the procedure code (`40 00 000`), then box 38, the net weight
    "net": re.compile(rf"(?<![\d.,])\d{{2}}\s?\d{{2}}\s?\d{{3}}\s+(?P<kg>{_KG3})"),
}


def _declaration_boxes_by_neighbour(lines: list[Line], columns: dict[str, list[FieldValue]]) -> Iterator[FieldValue]:
    """A declaration sheet's weights whose box titles OCR lost, read by the box before them on the form's row:
    34 (origin) then 35 (gross), 37 (procedure) then 38 (net), weights in kilograms to three decimals. Only on
    sheets where no title gave that weight: each goods sheet carries its own."""
    for role, pattern in _BOX_NEIGHBOURS.items():
        done = {v.page for v in columns[role]}
        for ln in lines:
            if ln.page in done:
                continue
            m = next((m for m in pattern.finditer(ln.text)
                      if "country" not in m.groupdict() or m["numeric"] or country_id.to_alpha2(to_latin(m["country"]))),
                     None)
            if m is None:
                continue
            done.add(ln.page)
            yield field_value(_declared_kg(m["kg"]), ln, m.start("kg"), m.end("kg"), role=role)


_DECLARED_FIGURE = re.compile(r"(?<![\d.,])(?P<whole>\d{1,6})(?:[.,]\s?|(?<=\d{4}) )(?P<frac>\d{3})(?![\d.,])")
_GROUP_BEFORE = re.compile(r"[\d.,] $")


def _declared_figures(text: str, start: int, stop: int) -> Iterator[tuple[float, int, int]]:
    """A declaration's weights as a scan reads them: kilograms to three decimals, the mark kept (`17341.500`,
    `3520. 000`) or read as a space after four digits or more (`1757 600`), which no grouping of thousands makes;
    not the last groups of a figure grouped in thousands (`341.500` of `17 341.500`)."""
    for m in _DECLARED_FIGURE.finditer(text, start, stop):
        if len(m["whole"]) > 3 or not _GROUP_BEFORE.search(text, 0, m.start()):
            yield float(f"{m['whole']}.{m['frac']}"), m.start(), m.end()


def _declared_box(seg: Line, segs: list[Line], start: int, stop: int, dt: str | None
                  ) -> tuple[Line, tuple[float, int, int, bool]] | None:
    """The declaration-shaped figure of a box 35 or 38 title on a scan, beside it or opening the next cell to its
    right, before anything else the first number there may be: the unit read as a digit (`Bec нетто, 7` then
    `17341.500`), the mark read as a space, which cuts the figure in two (`1757 600` read as 1757)."""
    for kg, a, b in _declared_figures(seg.text, start, stop):
        if _beside(seg.text, start, a, dt):
            return seg, (kg, a, b, False)
    right = right_of(seg, segs)
    if right is None or find_labels(right.text, "weight", dt):
        return None
    first = next(_declared_figures(right.text, 0, _next_box(right.text)), None)
    if first is None or first[1] > 3:
        return None
    kg, a, b = first
    return right, (kg, a, b, False)


_DECLARED_KG = re.compile(rf"(?<![\d.,]){_KG3}")
MARKLESS_DIGITS = 7
"""Digits of a declaration's weight read with no mark from which the mark is taken for lost (`22345200` for
`22345.200`): the form prints kilograms to three decimals, so even a thousand tonnes read whole has seven."""


def _declared_mark_lost(kg: float, raw: str, dt: str | None) -> float:
    """A scanned declaration's box 35 or 38 whose decimal mark OCR lost: the last three digits are the decimals."""
    digits = re.sub(rf"\s*(?:{_UNITS})\.?$", "", raw.strip(), flags=re.I)
    if dt == "customs_declaration" and digits.isdigit() and len(digits) >= MARKLESS_DIGITS:
        return kg / 1000.0
    return kg


GROSS_ROWS = 4
"""How many text rows above box 38's figure box 35's may stand: the form's row of boxes 33 to 35 is next above."""
PACKAGING_SHARE = 1.5
"""Gross over net at most: what packaging adds to goods (the bench's declarations: under 1.1)."""


def _gross_above_net(lines: list[Line], columns: dict[str, list[FieldValue]]) -> Iterator[FieldValue]:
    """A declaration sheet's box 35 whose title and box-34 neighbour OCR both lost (`Beytro 21089.100 сальжагы`),
    found from the sheet's box 38: the figure in kilograms to three decimals in the rows just above it, no less
    than the net and no more than packaging makes of it. Only on sheets where nothing else gave the gross."""
    done = {v.page for v in columns["gross"]}
    for net in columns["net"]:
        if net.page in done or net.bbox is None:
            continue
        top, height = net.bbox[1], net.bbox[3] - net.bbox[1]
        best: tuple[float, FieldValue] | None = None
        for ln in lines:
            gap = top - ln.bbox[3]
            if ln.page != net.page or not 0 <= gap <= GROSS_ROWS * 1.5 * height:
                continue
            for m in _DECLARED_KG.finditer(ln.text):
                kg = _declared_kg(m.group())
                if float(net.value) <= kg <= PACKAGING_SHARE * float(net.value) and (best is None or gap < best[0]):
                    best = (gap, field_value(kg, ln, m.start(), m.end(), role="gross"))
        if best is not None:
            done.add(net.page)
            yield best[1]


DOUBT_MARGIN = 0.3
"""How much less sure one of a scan's gross and net readings must be than the other to be the misread one."""


def _plausible_pair(gross: FieldValue | None, net: FieldValue | None) -> tuple[FieldValue | None, FieldValue | None]:
    """A scan's gross and net that put net above gross, or under half of it: one is misread. A column's sum that
    added a misread line is dropped; else a reading much less sure than the other (`Масса нетто партии: 4} 531.6`
    read as 4 kg beside a gross of 11 605.7); else both stand, for the checks to weigh."""
    if gross is None or net is None or _plausible(float(gross.value), float(net.value)):
        return gross, net
    if _tonnes_unsaid(gross, net) and _plausible(1000.0 * float(gross.value), float(net.value)):
        return _in_tonnes(gross), net
    if _tonnes_unsaid(net, gross) and _plausible(float(gross.value), 1000.0 * float(net.value)):
        return gross, _in_tonnes(net)
    if gross.raw == SUM_OF_LINES and net.raw == SUM_OF_LINES:
        # the larger sum is the one that took in a line too many
        return (None, net) if float(gross.value) > float(net.value) else (gross, None)
    if SUM_OF_LINES in (gross.raw, net.raw):
        return (None if gross.raw == SUM_OF_LINES else gross), (None if net.raw == SUM_OF_LINES else net)
    if net.confidence + DOUBT_MARGIN <= gross.confidence:
        return gross, None
    if gross.confidence + DOUBT_MARGIN <= net.confidence:
        return None, net
    return gross, net


PAIR_SLACK_KG = 1.0
"""How far a net may read above its gross and still be the same figure: goods sent bare weigh the same both ways,
and a scan's decimals are the digits OCR misreads most (`3520. 960` under box 35's `3520.000`)."""


def _plausible(gross: float, net: float) -> bool:
    return 0.5 * gross <= net <= gross + PAIR_SLACK_KG


_SAYS_UNIT = re.compile(rf"\d\s*(?:{_UNITS})\.?$", re.I)
_SAYS_TONNES = re.compile(rf"\d\s*(?:{_TONNES})\.?$", re.I)


def _tonnes_unsaid(fv: FieldValue, partner: FieldValue) -> bool:
    """`Итого нетто: 6,5 т; брутто: 6,5`: the figure read without a unit (the scan lost it), its partner in
    tonnes; read as kilograms, a gross of 6.5 kg stood under a net of 6 500."""
    return fv.raw is not None and partner.raw is not None and not _SAYS_UNIT.search(fv.raw) and \
        bool(_SAYS_TONNES.search(partner.raw))


def _in_tonnes(fv: FieldValue) -> FieldValue:
    return fv.model_copy(update={"value": round(1000.0 * float(fv.value), 3)})


_DECIMAL_MARK = re.compile(r"[.,]\d{1,3}(?!\d)")


def _has_mark(figure: str) -> bool:
    """The figure is written with a decimal mark, OCR's space after it (`5713, 400`) or not."""
    return bool(_DECIMAL_MARK.search(figure.replace(" ", "")))


def _total_rows(lines: list[Line], dt: str | None) -> Iterator[tuple[int, Line, int]]:
    """Scanned lines with a total label (`Итого`, `Total`, `Барлығы`): (index, line, where the label ends). On a
    CMR also a line of figures after one short word: its goods box's total row, the label garbled (`Toe 1 1160`,
    `То: 680 30759.5`, `Moro мест. 149 9 222.6`); what is taken from it must still add up or repeat a row."""
    for i, ln in enumerate(lines):
        if ln.ocr:
            ends = [le for lab, _, le in find_labels(ln.text, "weight", dt) if lab.role == "total"]
            if ends:
                yield i, ln, ends[0]
            elif dt == "cmr" and (m := _GARBLED_TOTAL.match(ln.text)) and _FIGURES_ONLY.fullmatch(ln.text, m.end()) \
                    and len(NUMBER_RE.findall(ln.text, m.end())) >= 2 and not dates_id.find_dates(ln.text[m.end():], ocr=True):
                yield i, ln, m.end()  # packages and weight: one figure is a box's lone value, a date is a place's


_GARBLED_TOTAL = re.compile(r"\W{0,3}[^\W\d_]{2,6}[.:]?(?:\s+(?:мест|places|packages)[.:]?)?(?=\s+\d)", re.I)
_FIGURES_ONLY = re.compile(r"(?:\s+[|$‚,]?\s*\d[\d\s.,]*)+")


def _column_figures(line: Line, x0: float, x1: float, conv: dict[str, str]) -> list[float]:
    """The figures of `line` that stand over the column from `x0` to `x1`."""
    return [n[0] for n in _numbers(line, 0, conv)
            if min(x1, (b := line.box_of(n[1], n[2]))[2]) > max(x0, b[0])]


def _summed_totals(lines: list[Line], conv: dict[str, str], dt: str | None) -> list[tuple[FieldValue, bool]]:
    """Numbers on a total row that the numbers above them in their column add up to: (value, written with a
    decimal mark). A table whose headers OCR garbled still adds up."""
    out = []
    for i, ln, label_end in _total_rows(lines, dt):
        h = max(1.0, ln.bbox[3] - ln.bbox[1])
        for kg, s0, s1, _unit in _numbers(ln, label_end, conv):
            x0, _, x1, _ = ln.box_of(s0, s1)
            parts: list[float] = []
            misses = 0
            for above in reversed(lines[:i]):
                if above.page != ln.page or ln.bbox[1] - above.bbox[3] > 25 * h or misses > 3:
                    break
                col = _column_figures(above, x0, x1, conv)
                if len(col) != 1:
                    misses += 1
                    continue
                misses = 0
                parts.append(col[0])
                if abs(sum(parts) - kg) <= max(0.05, 0.0005 * kg):
                    if not _money_column(lines, above, x0, x1, dt):
                        out.append((field_value(kg, ln, s0, s1), _has_mark(ln.text[s0:s1])))
                    break
    return out


def _money_column(lines: list[Line], top: Line, x0: float, x1: float, dt: str | None) -> bool:
    """The column's header, the nearest words over its first number, names a price or a sum (`Стоимость без НДС`,
    `Всего с НДС`): an e-invoice's money adds up as well as weights do."""
    h = max(1.0, top.bbox[3] - top.bbox[1])
    for ln in reversed(lines[: lines.index(top)]):
        if ln.page != top.page or top.bbox[1] - ln.bbox[3] > 6 * h:
            break
        words = " ".join(w.text for w in ln.words if min(x1, w.bbox[2]) - max(x0, w.bbox[0]) > 0)
        if any(ch.isalpha() for ch in words):
            return bool(_MONEY_WORD.search(words)) and \
                not any(lab.role in ("gross", "net") for lab, _, _ in find_labels(words, "weight", dt))
    return False


def _cmr_total_row(lines: list[Line], conv: dict[str, str]) -> FieldValue | None:
    """A scanned CMR's total row (`Total: 129 1 336,4`) whose rows above OCR could not add up: the goods box
    totals the packages (box 7) and the gross weight (box 11), the one number there with a decimal mark, or,
    with none, the one whole figure a goods row above repeats in its column (`Итого мест: 2 | 30400` under a
    harvester's `30400`: one lot, its weight its total). Two such numbers (box 12's volume beside it) leave it
    unknown."""
    for _, ln, label_end in _total_rows(lines, "cmr"):
        numbers = [n for n in _numbers(ln, label_end, conv) if n[0] > 0]
        found = [n for n in numbers if _has_mark(ln.text[n[1]:n[2]])] or \
            [n for n in numbers if n[0] >= MIN_CMR_GROSS and _repeated_above(lines, ln, n, conv)]
        if len(found) == 1:
            kg, s0, s1, _unit = found[0]
            return field_value(kg, ln, s0, s1, role="gross", confidence=min(0.6, ln.confidence_of(s0, s1)))
    return None


MIN_CMR_GROSS = 10.0
"""Kilograms under which a CMR's repeated figure is a count of packages, not a consignment's weight."""


def _repeated_above(lines: list[Line], total: Line, number: tuple[float, int, int, bool], conv: dict[str, str]) -> bool:
    """A line above `total` on its page reads the same figure in the same column."""
    x0, _, x1, _ = total.box_of(number[1], number[2])
    return any(ln.page == total.page and not ln.reread and ln.bbox[3] <= total.bbox[1] and
               number[0] in _column_figures(ln, x0, x1, conv) for ln in lines)


def _from_summed_totals(
    lines: list[Line], conv: dict[str, str], dt: str | None, gross: FieldValue | None, net: FieldValue | None,
) -> tuple[FieldValue | None, FieldValue | None]:
    """The weight the labels missed, from the totals that add up: gross is the larger of a pair and net at
    least half of it. A CMR carries only the gross, the largest total in its goods box (box 7 counts packages,
    box 12 holds cubic metres); it also outweighs a smaller labelled gross that no total confirms, a figure OCR
    made of the next box's garbled title (`Вес брутто, кг 12 Объем` read `брутто. к 106, в`)."""
    summed = _summed_totals(lines, conv, dt)
    vals = sorted(((v, dec) for v, dec in summed
                   if not any(k is not None and v.bbox == k.bbox for k in (gross, net))), key=lambda c: float(c[0].value))

    def role(v: FieldValue, r: str) -> FieldValue:
        return v.model_copy(update={"role": r, "confidence": round(min(v.confidence, 0.7), 3)})

    if dt == "cmr" and net is None:
        top = vals[-1][0] if vals else None
        if top is None or (gross is not None and (float(top.value) <= float(gross.value) or
                                                  any(abs(float(v.value) - float(gross.value)) <= 0.5 for v, _ in summed))):
            return gross, None  # the labelled gross is a total, or outweighs every total
        return role(top, "gross"), None
    if gross is not None and net is None:
        below = [v for v, _ in vals if 0.5 * float(gross.value) <= float(v.value) < float(gross.value)]
        return gross, role(below[-1], "net") if below else None
    if net is not None and gross is None:
        above = [v for v, _ in vals if float(net.value) < float(v.value) <= 2 * float(net.value)]
        return (role(above[0], "gross") if above else None), net
    # decimals tell weights from counts (`2403` sheets): both totals written with one, or, on a packing list,
    # whose places and pieces are counted in columns of their own, one of the two (`5713,400` beside `6161`)
    pair = [(v, dec) for v, dec in vals if dec or dt == "packing_list"][-2:]
    if len(pair) == 2:
        (lighter, lighter_marked), (heavier, heavier_marked) = pair
        if (lighter_marked or heavier_marked) and \
                0.5 * float(heavier.value) <= float(lighter.value) < float(heavier.value):
            return role(heavier, "gross"), role(lighter, "net")
    return gross, net


_MONEY_WORD = re.compile(rf"(?i)price|amount|value|cost|total|цена|сумма|стоимост|баға|сома|preis|betrag|{_CURRENCY}")


def _unit_headers(
    headers: list[tuple[str, int, tuple[float, float, float, float]]], other: str, lines: list[Line],
) -> Iterator[tuple[int, tuple[float, float, float, float]]]:
    """Header cells on a scanned table's header line that end in a weight unit but carry no label OCR could read
    (`МЕТ KG` beside `GROSSKG`): in a table with one weight column labelled, the other weight column."""
    for role, page, box in headers:
        if role != other:
            continue
        ln = _label_line(box, lines)
        if ln is None:
            continue
        h = max(1.0, box[3] - box[1])
        taken = [b for _, p, b in headers if p == page]
        words = sorted(ln.words, key=lambda w: w.bbox[0])
        for i, unit in enumerate(words):
            if not _UNIT_WORD.fullmatch(unit.text) or any(same_box(unit.bbox, b) for b in taken):
                continue
            start = i
            while start > 0 and unit.bbox[0] - words[start - 1].bbox[2] < 3 * h and \
                    words[start].bbox[0] - words[start - 1].bbox[2] <= 0.9 * h:
                start -= 1
            cell = words[start:i + 1]
            if any(same_box(w.bbox, b) for w in cell for b in taken) or any(_MONEY_WORD.search(w.text) for w in cell):
                continue
            yield page, (cell[0].bbox[0], min(w.bbox[1] for w in cell), unit.bbox[2], max(w.bbox[3] for w in cell))


def _header_scale(text: str) -> float:
    """Kilograms per unit of a header that names its column's unit (`(т)`, `, t`, `(lbs)`); 1 for kg or none."""
    m = HEADER_UNIT_RE.search(text)
    if m is None:
        return 1.0
    unit = _unit_as_printed((m.group(1) or m.group(2) or m.group(3)).lower())
    return weight_id.UNITS.get(unit, 1000.0)  # what is not in the table is a form of `тонн`


def _unit_below(box: tuple[float, float, float, float], lines: list[Line]) -> float:
    """The scale of a header's unit wrapped onto the next line under it (`Масса брутто,` / `т`), else 1."""
    x0, _, x1, y1 = box
    for ln in lines:
        if ln.bbox[1] >= y1 - 1 and ln.bbox[1] < y1 + 2 * (box[3] - box[1]):
            for w in ln.words:
                if min(w.bbox[2], x1) > max(w.bbox[0], x0) and (scale := _header_scale(f"({w.text.strip('().,')})")) != 1.0:
                    return scale
    return 1.0


LOST_MARK_TONNES = 1000.0
"""Tonnes a scanned column's whole figure must reach to be taken for kilograms whose decimal mark OCR lost: tonnes
are printed to three decimals (`2,884` read as `2884`), and no consignment on a waybill weighs a thousand tonnes."""


def _in_kg(kg: float, raw: str, unit: bool, scale: float, ocr: bool) -> float:
    """A figure in kilograms: as read when it carried its own unit, else in its label's or column's unit."""
    if unit or (ocr and scale == 1000.0 and kg >= LOST_MARK_TONNES and raw.isdigit()):
        return kg
    return weight_id.in_kilograms(kg, scale)


def _column_values(
    box: tuple[float, float, float, float], page: int, lines: list[Line], conv: dict[str, str], scale: float,
    role: str,
    dt: str | None = None,
    next_cell: float | None = None,
) -> tuple[list[FieldValue], FieldValue | None]:
    """Numbers under a header, matched to it by horizontal position; stops at the next header, a box title in
    the column, a gap of several line heights, or a total row (returned apart). Lines with nothing in the column
    between values are not a gap: a goods line is often followed by its VINs or a wrapped description.

    A table column runs from its header's left edge to where the next header cell starts: headers are set
    flush left and numbers flush right, so the nearest centre would often be the neighbour's."""
    x0, y0, x1, y1 = box
    h = max(1.0, y1 - y0)
    if (x1 - x0) <= 1.5:  # a spreadsheet cell
        lo, hi = x0 - 0.45, x1 + 0.45
    elif next_cell is not None:
        lo, hi = x0 - 0.3 * h, next_cell
    else:
        slack = max(0.6 * (x1 - x0), 2 * h)
        lo, hi = x0 - slack, x1 + slack
        if _cell_before(box, lines):
            # the table's last column starts where its header does: the flush-right figures of the column before
            # (`N.W. (kg)` over `311`) reach under the header's slack; with no weight header after it, it runs to
            # the row's end, where its own flush-right figures may lie past the slack
            lo = x0 - 0.3 * h
            if not _weight_label_after(box, lines, dt):
                hi = math.inf
    cx = (x0 + x1) / 2
    neighbours = _neighbour_heads(box, lines)

    def in_column(ln: Line) -> list[tuple[float, float, int, int]]:
        """(distance from the header's centre, kg, start, end) of the line's numbers in the column."""
        out = []
        for kg, s0, s1, unit in _numbers(ln, 0, conv):
            b = ln.box_of(s0, s1)
            c = _center(b)
            if any(a <= c <= z for a, z in neighbours):
                continue  # under the next column's head (`Стоимость` set tight after `масса нетто, кг`)
            # a figure flatter than a quarter of the header's print is a rule's speck OCR read as a digit (`7` 1 px
            # tall under `G.W. {kg}`, over the row's figures)
            if lo <= c <= hi and kg > 0 and b[3] - b[1] >= FLAT_SHARE * h and not _CODE_DIGITS.fullmatch(ln.text[s0:s1]):
                out.append((abs(c - cx), _in_kg(kg, ln.text[s0:s1], unit, scale, ln.ocr), s0, s1))
        return out

    values: list[FieldValue] = []
    empty_rows = 0
    last_bottom = y1
    on_page, top, bottom, lead = page, y1, y1 + 60 * h, 0
    for ln in lines:
        if ln.page != on_page:
            if ln.page < on_page:
                continue
            if not (values and (x1 - x0) > 1.5 and not _weight_header(lines, ln.page, dt)):
                break
            # the page ended inside the table, and the next page with text (a duplex scan's blank back between)
            # has no header of its own: the table runs on there under the first page's header, in the same
            # column, from the page's top to its own end or total row
            on_page, top, bottom, lead, last_bottom = ln.page, -math.inf, math.inf, CONTINUED_LEAD, ln.bbox[1]
        if (ln.bbox[1] + ln.bbox[3]) / 2 <= top or ln.bbox[1] > bottom or (on_page == page and ln.bbox[1] < (y0 + y1) / 2):
            continue  # above the header, or its own row: a speck below it makes the row's middle fall under it
        if ln.ocr and not _ALNUM.search(ln.text):
            continue  # a table's rules read as marks (`| | |`): no row, full or empty
        here = [w for w in ln.words if lo <= _center(w.bbox) <= hi]
        cands = in_column(ln)
        if lead and (not cands or any(_LETTER.search(w.text) and not UNIT_RE.match(w.text) for w in here)):
            if here:
                lead -= 1  # the continued page's own head (`Page 2 of 2`) before the table's rows
                if not lead:
                    break
            last_bottom = ln.bbox[3]
            continue
        lead = 0
        if values and ln.bbox[1] - last_bottom > MAX_COLUMN_GAP * h:
            # the table is over; a form's total row may still stand at the foot of its box (a CMR's goods box),
            # below a stamp's or signature's specks read as figures
            if not here:
                continue
            if any(lab.role == "total" for lab, _, _ in find_labels(ln.text, "weight", dt)):
                foot = [n for n in cands if n[1] >= sum(float(v.value) for v in values)]
                if foot:
                    return values, field_value(foot[-1][1], ln, foot[-1][2], foot[-1][3], role=role)
            if all(w.confidence < SPECK_CONFIDENCE for w in here):
                continue
            break
        labels = find_labels(ln.text, "weight", dt)
        if any(lab.role != "total" and lo <= _center(ln.box_of(a, b)) <= hi for lab, a, b in labels):
            break
        if not values and _BOX_TITLE.match(" ".join(w.text for w in here)):
            break  # a form's next numbered box (`37 Процедура` under `38 Вес нетто, кг`): the label's own box was empty
        if any(_labelled_as(labels, c[2]) not in (None, role) for c in cands):
            # `Итого нетто: 21021,700 кг; брутто / gross: 22714,700 кг` under a net header: a total row that
            # names its figures, its gross under the net column by chance; the column's rows sum to its net
            break
        if values and any(sum(ch.isalpha() for ch in w.text) >= 3 and not UNIT_RE.match(w.text) and w.bbox[0] >= lo
                          and not _digits_as_letters(w.text) for w in here):
            # a new box title in the column, its number read as a figure or not: the table (or box) has ended (a
            # description running in from the cell to the left is no title)
            break
        if not cands:
            if values and not here and ln.bbox[1] - last_bottom <= MAX_COLUMN_GAP * h and \
                    any(w.confidence >= 0.5 for w in ln.words):
                last_bottom = ln.bbox[3]  # a goods line's VINs or wrapped description: the rows go on
            empty_rows += 1
            if not values and empty_rows >= 6:
                break
            continue
        empty_rows = 0
        last_bottom = ln.bbox[3]
        _, kg, s0, s1 = min(cands)
        fv = field_value(kg, ln, s0, s1, role=role)
        if any(lab.role == "total" for lab, _, _ in labels):
            return values, fv
        values.append(fv)
    return values, None


def _neighbour_heads(box: tuple[float, float, float, float], lines: list[Line]) -> list[tuple[float, float]]:
    """The spans of the price and quantity heads on a weight header's line, outside its box: OCR sets a cell's
    head tight after the weight's (`[масса нетто, кг Стоимость`), so no gap tells where the weight's column
    ends, but a figure under `Стоимость` is a price."""
    ln = _label_line(box, lines) if box[2] - box[0] > 1.5 else None
    if ln is None:
        return []
    outside = [w for w in ln.words if w.bbox[0] >= box[2] or w.bbox[2] <= box[0]]
    return [(w.bbox[0], w.bbox[2]) for w in outside
            if _PRICE_WORD.match(head := w.text.strip("[|(")) or _QUANTITY_HEAD.match(head)]


def _digits_as_letters(word: str) -> bool:
    """A word of letters each of which OCR makes of a digit (`Iso` for a rule and `166` of the next cell's
    figure): a figure misread, not a title ending the column."""
    chars = [ch for ch in word.upper() if ch.isalnum()]
    return bool(chars) and all(ch.isdigit() or ch in LETTER_DIGITS for ch in chars)


def _labelled_as(labels: list[tuple[Label, int, int]], start: int) -> str | None:
    """The role (gross or net) of the nearest weight label before a figure on its line, if any."""
    before = [lab.role for lab, _, e in labels if e <= start and lab.role in ("gross", "net")]
    return before[-1] if before else None


_ALNUM = re.compile(r"[^\W_]")
_CODE_DIGITS = re.compile(r"\d{9,}")
"""Nine digits or more with no mark or group: a goods code or a document's number in the column, never a weight."""
_BOX_TITLE = re.compile(r"\d{1,2}\s+[^\W\d_]{3,}")
FLAT_SHARE = 0.25
"""Of a weight header's height: a figure under it flatter than this is a speck or a rule OCR read as a digit."""
SPECK_CONFIDENCE = 0.6
"""Under this confidence, a scan's words in a column below its table are specks of a stamp or signature (`oa 942`
at 0.54 over a CMR's `Итого мест 0 19 243.4`), not a row that ends the search for the box's total."""
CONTINUED_LEAD = 4
"""Lines with words in the column that may stand at the head of a page a table continues on, before its rows."""
_LETTER = re.compile(r"[^\W\d_]")


def _weight_header(lines: list[Line], page: int, dt: str | None) -> bool:
    """The page has a gross or net label of its own: its table, if any, is read from there."""
    return any(lab.role in ("gross", "net") for ln in lines if ln.page == page for lab, _, _ in find_labels(ln.text, "weight", dt))


def _label_line(box: tuple[float, float, float, float], lines: list[Line]) -> Line | None:
    """The full line a label's box was found on (segments split it; the neighbours matter here). The label may
    start inside a word: OCR glues stray marks to it (`'N.W.`)."""
    x0, y0, _, y1 = box
    h = max(1.0, y1 - y0)
    for ln in lines:
        if ln.bbox[1] <= (y0 + y1) / 2 <= ln.bbox[3] and any(
            _starts_at(w, x0) and abs(w.bbox[1] - y0) < h for w in ln.words
        ):
            return ln
    return None


def _starts_at(w: Word, x: float) -> bool:
    """The word starts at `x`, or only marks stand before `x` in it."""
    if abs(w.bbox[0] - x) < 0.5:
        return True
    if not w.bbox[0] < x < w.bbox[2]:
        return False
    before = w.text[: round(len(w.text) * (x - w.bbox[0]) / (w.bbox[2] - w.bbox[0]))]
    return not any(ch.isalnum() for ch in before)


HEADER_WORD_GAP = 1.6
"""Words of one header cell stand less than this many line heights apart."""


def _header_cell(box: tuple[float, float, float, float], lines: list[Line]) -> tuple[float, float, float, float]:
    """A bilingual label widened leftwards to the start of its header cell: in `Таза салмақ / Нетто` the matched
    word is the last one, and the column under the cell starts where the cell does."""
    x0, y0, x1, y1 = box
    h = max(1.0, y1 - y0)
    ln = _label_line(box, lines) if x1 - x0 > 1.5 else None  # a spreadsheet cell is its own header cell
    if ln is None:
        return box
    left = sorted((w for w in ln.words if w.bbox[0] < x0 - 0.5), key=lambda w: -w.bbox[0])
    if left and x0 - left[0].bbox[2] <= HEADER_WORD_GAP * h and \
            any(lab.role == "total" for lab, _, _ in find_labels(left[0].text, "weight")):
        return (left[0].bbox[0], y0, x1, y1)  # `Total N.W.`: the cell starts at its `Total`, and so does its column
    # a scan's small header type sets words more than a letter's height apart (`Таза салмағы / Масса нетто`, 20 px
    # gaps at 17 px type); a cell's edge is a wider gap, as `segments` takes it
    if not left or not left[0].text.endswith("/") or x0 - left[0].bbox[2] > HEADER_WORD_GAP * h:
        return box  # only a bilingual `A / B` cell is widened: plain header words may be other columns
    right = min((w for w in ln.words if w.bbox[0] >= x1 - 0.5), key=lambda w: w.bbox[0], default=None)
    if right is not None and right.text.startswith("/") and right.bbox[0] - x1 <= HEADER_WORD_GAP * h:
        return box  # the label is the `A` of its own `A / B`: the `/` before it ends the cell on its left
    edge = x0
    for k, w in enumerate(left):
        if edge - w.bbox[2] > HEADER_WORD_GAP * h or (k and w.text.endswith("/")):
            # a second `/` ends the cell before it (`Орын саны / Таза салмақ / Нетто`): one cell, two languages
            break
        edge = min(edge, w.bbox[0])
    return (edge, y0, x1, y1)


_UNIT_WORD = re.compile(rf"[(\[]?({_UNITS})[)\]]?[.,:]?", re.I)


def _with_unit(box: tuple[float, float, float, float], lines: list[Line]) -> tuple[float, float, float, float]:
    """The label's box widened over the unit after it: `N.W. (kg)` is one header cell however wide OCR or the
    layout sets the space before the unit, and the column under it spans both."""
    x0, y0, x1, y1 = box
    ln = _label_line(box, lines) if x1 - x0 > 1.5 else None
    if ln is None:
        return box
    after = sorted((w for w in ln.words if w.bbox[0] >= x1 - 0.5), key=lambda w: w.bbox[0])
    if after and _UNIT_WORD.fullmatch(after[0].text) and after[0].bbox[0] - x1 < 3 * (y1 - y0):
        return (x0, y0, after[0].bbox[2], y1)
    return box


def _word_before(box: tuple[float, float, float, float], lines: list[Line]) -> Word | None:
    """The nearest word left of the label on its line, a speck's mark aside."""
    ln = _label_line(box, lines)
    left = [w for w in ln.words if w.bbox[2] <= box[0] + 0.5 and not _SPECK.fullmatch(w.text)] if ln else []
    return max(left, key=lambda w: w.bbox[2], default=None)


def _with_word_before(box: tuple[float, float, float, float], lines: list[Line]) -> tuple[float, float, float, float]:
    """The label's box widened over the word set tight before it: OCR garbled the head of `Вес брутто` (`Rec
    брутто`), so the label is its last word and its cell, with the figures under it, starts a word earlier."""
    x0, y0, x1, y1 = box
    before = _word_before(box, lines)
    if before is None or x0 - before.bbox[2] > TIGHT_WORD_GAP * (y1 - y0) or not _LETTER.search(before.text):
        return box
    return (before.bbox[0], y0, x1, y1)


TIGHT_WORD_GAP = 0.8
"""Label heights between two words of one header phrase at most; the next column's header is set further off."""


_SPECK = re.compile(r"[.,'`‘’:;_~-]+")
"""What OCR makes of a speck; a mark like `+` may be a misread unit (`брутто. +` for `брутто, т`), so it counts."""


def _next_cells(box: tuple[float, float, float, float], lines: list[Line]) -> list[Word]:
    """The first words of the next header cells on the label's line, left to right: each word right of the
    label's own words (`N.W. (kg)`) after a gap; none when the label ends its line (a box title, not a header).
    Marks alone are no cell: the numbers under `GROSS KG` are set flush right, past where a speck after it sat."""
    _, y0, x1, y1 = box
    h = max(1.0, y1 - y0)
    ln = _label_line(box, lines)
    if ln is None:
        return []
    starts = []
    edge = x1
    for w in sorted((w for w in ln.words if w.bbox[0] >= x1 - 0.5), key=lambda w: w.bbox[0]):
        if _SPECK.fullmatch(w.text):
            continue  # a speck OCR read as `.` in the header cell's white space (`GROSS KG .`) starts no cell
        if w.bbox[0] - edge > 0.9 * h:
            starts.append(w)
        edge = max(edge, w.bbox[2])
    return starts


def _cell_before(box: tuple[float, float, float, float], lines: list[Line]) -> bool:
    """Another header cell stands left of the label on its line, after a gap: the label heads a table's column."""
    before = _word_before(box, lines)
    return before is not None and box[0] - before.bbox[2] > 0.9 * max(1.0, box[3] - box[1])


def _weight_label_after(box: tuple[float, float, float, float], lines: list[Line], dt: str | None) -> bool:
    """A gross or net label follows the header on its line, set too tight to read as a cell of its own
    (`Таза салмақ / Нетто Жалпы салмақ`)."""
    ln = _label_line(box, lines)
    return ln is not None and any(
        lab.role in ("gross", "net") and ln.box_of(a, b)[0] >= box[2] for lab, a, b in find_labels(ln.text, "weight", dt))


def _column_places(
    box: tuple[float, float, float, float], lines: list[Line], ocr: bool,
) -> Iterator[tuple[tuple[float, float, float, float], float | None]]:
    """Where a header's column may run, most likely first: (the header's box, where the next header cell starts).
    Under the header as read; on a scan, where that finds nothing, also past a misread unit OCR set apart as a cell
    of its own (`N.W. ron`), then from the word set tight before the label (`Rec брутто`: OCR garbled `Вес`)."""
    cells = _next_cells(box, lines)
    first = cells[0].bbox[0] if cells else None
    yield box, first
    if not ocr:
        return
    if _misread_unit(box, cells):
        yield box, cells[1].bbox[0]
    if (wider := _with_word_before(box, lines)) != box:
        yield wider, first


def _misread_unit(label: tuple[float, float, float, float], cells: list[Word]) -> bool:
    """The word after a header label, before another cell (`cells`, see `_next_cells`), is a short token close to
    it: OCR's reading of the label's unit (`N.W. ron`)."""
    if len(cells) < 2:
        return False
    w = cells[0]
    return len(w.text) <= 4 and not any(ch.isdigit() for ch in w.text) and w.bbox[0] - label[2] < 3 * (label[3] - label[1])


def _center(box: tuple[float, float, float, float]) -> float:
    return (box[0] + box[2]) / 2


def _total_as_summed(total: FieldValue, rows: list[FieldValue]) -> FieldValue:
    """A scanned total row whose figure lost its leading digits or its decimal mark is the sum of its column's rows
    when its digits end that sum's (`i} 806.8` under rows adding up to 19 806.8, `19 3114` read as 3114 under rows
    adding up to 19 311.4), or are that sum's written with decimals (`45134` under rows adding up to 4513.4): OCR
    split the figure, read the first group as a mark or lost the comma, and the rows agree. So is one that differs
    from the sum in one digit, read far less surely than each row."""
    digits = re.sub(r"\D", "", total.raw)
    uniq = _unique_positions(rows)
    if total.source == "text" or not uniq or len(digits) < 3:
        return total
    summed = round(sum(float(v.value) for v in uniq), 3)
    places = [len(m.group(1)) for m in re.finditer(r"[.,;](\d{1,3})(?!\d)", total.raw)][-1:] or [0, 1, 2, 3]
    shown = [f"{summed:.{n}f}".replace(".", "") for n in places]
    # `71 312,5` at 0.46 under rows read at 0.96 and 0.83 adding up to 11 312,5: one digit misread in the total
    misread = len(uniq) >= 2 and total.confidence + DOUBT_MARGIN <= min(v.confidence for v in uniq) and any(
        len(s) == len(digits) and sum(a != b for a, b in zip(s, digits, strict=True)) == 1 for s in shown)
    if summed > float(total.value) * 1.001:
        lost_digits = len(uniq) >= 2 and any(s.endswith(digits) for s in shown)
    else:  # `45134` under one row of 4513,4 lost its decimal comma
        lost_digits = summed * 10 <= float(total.value) * 1.001 and digits in shown[1:]
    if not (misread or lost_digits):
        return total
    return total.model_copy(update={"value": summed, "confidence": round(min(v.confidence for v in [total, *uniq]), 3)})


ROWS_REPAIRED = 3
"""At most this many scanned rows are mended (`_rows_as_totalled`): the more rows, the more ways of mending them add
up to a total by chance."""
_MARK = re.compile(r"\d[.,]\d")


def _rows_as_totalled(rows: list[FieldValue], total: FieldValue) -> list[FieldValue]:
    """Scanned rows that lost their decimal mark or their leading digits, read as they add up to the column's total,
    read with its mark: `20674` and `4072` over a total of 2 474,6 are 2 067,4 and 407,2 (OCR took both commas for
    specks), `90,5` beside 1 757,3 over 2 147,8 is 390,5. Only the one way of mending them that makes the rows add up
    is taken; rows that add up already, a total without decimals, or typed text are left alone."""
    uniq = _unique_positions(rows)
    if total.source == "text" or not 2 <= len(uniq) <= ROWS_REPAIRED or not _MARK.search(total.raw) or \
            any(v.source == "text" for v in uniq):
        return rows
    target = float(total.value)

    def adds_up(values: list[float]) -> bool:
        return abs(sum(values) - target) < 0.05

    values = [float(v.value) for v in uniq]
    if adds_up(values):
        return rows
    mended: list[list[float]] = []
    # marks lost: each row whole as read, or a tenth of it
    for tenths in product((False, True), repeat=len(uniq)):
        if any(tenths) and all(not t or not _MARK.search(v.raw) for t, v in zip(tenths, uniq, strict=True)):
            trial = [x / 10 if t else x for t, x in zip(tenths, values, strict=True)]
            if adds_up(trial):
                mended.append(trial)
    # leading digits lost in one row: the rest of the total, whose digits end with the row's
    for k, v in enumerate(uniq):
        rest = round(target - sum(values) + values[k], 3)
        if rest > values[k] and re.sub(r"\D", "", f"{rest:.3f}".rstrip("0")).endswith(re.sub(r"\D", "", v.raw)):
            mended.append([rest if j == k else x for j, x in enumerate(values)])
    if len(mended) != 1:
        return rows
    at = {(v.page, v.bbox): x for v, x, old in zip(uniq, mended[0], values, strict=True) if x != old}
    return [v.model_copy(update={"value": at[(v.page, v.bbox)], "confidence": min(v.confidence, total.confidence)})
            if (v.page, v.bbox) in at else v for v in rows]


def _column_total(values: list[FieldValue]) -> FieldValue | None:
    """The document's total: a single value, the last when it is the sum of the others, else the sum."""
    if not values:
        return None
    uniq = _unique_positions(values)
    if len(uniq) == 1:
        return uniq[0]
    last = uniq[-1]
    rest = sum(float(v.value) for v in uniq[:-1])
    # rounded rows may miss their total by a little; one row is its total exactly (a declaration's two goods of
    # `20968.700` and `20970.600` kg are two, not a row and its total)
    slack = max(0.5, 0.001 * float(last.value)) if len(uniq) > 2 else 0.5
    if abs(rest - float(last.value)) <= slack:
        return last
    total = round(sum(float(v.value) for v in uniq), 3)
    return uniq[0].model_copy(update={"value": total, "raw": SUM_OF_LINES, "confidence": min(v.confidence for v in uniq)})


def _unique_positions(values: list[FieldValue]) -> list[FieldValue]:
    seen: set[tuple[int, tuple[float, ...] | None]] = set()
    out = []
    for v in values:
        key = (v.page, tuple(round(x) for x in v.bbox) if v.bbox else None)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


# ---------------------------------------------------------------- countries, invoice numbers, plates


def _country_hits(text: str) -> list[tuple[str, int, int]]:
    """Country names anywhere; two-letter codes only where a code is what the box holds (short text, `(CN)`,
    `CN 156`), never inside a sentence (`LETTRE DE VOITURE`)."""
    out = []
    for code, s, e in country_id.find_in_text(text):
        if e - s > 2:
            out.append((code, s, e))
            continue
        before, after = text[:s].rstrip(), text[e:].lstrip()
        if len(text.strip()) <= 8 or (before.endswith("(") and after.startswith(")")) or country_id.beside_numeric(text, s, e):
            out.append((code, s, e))
    return out


def _title_regions(text: str, hits: list[tuple[Label, int, int]]) -> list[tuple[int, int]]:
    """Where each of several box titles in one run of text begins and ends, for the value under it.

    A title takes the words before it back to the last title of another role (`Баратын ел / Страна
    назначения`), or back to its box number (`15 Код страны отпр. 16 Страна происхождения`), since the words
    after a title are still its own; titles of one role side by side (`15 Страна отправления`, `Copy for
    sender`) share one region."""
    if not hits:
        return []
    starts = [0]
    for (prev, _, prev_end), (lab, start, _) in zip(hits, hits[1:], strict=False):
        if lab.role == prev.role:
            starts.append(starts[-1])
            continue
        numbers = [m for m in _BOX_NUMBER.finditer(text, prev_end) if m.start() < start]
        starts.append(numbers[-1].start() if numbers else prev_end)
    ends = [len(text)] * len(hits)
    for k in range(len(hits) - 2, -1, -1):
        ends[k] = ends[k + 1] if starts[k + 1] == starts[k] else starts[k + 1]
    return list(zip(starts, ends, strict=True))


def _keyed(row: Line, segs: list[Line], x: float) -> bool:
    """Whether a key stands left of `row` on its line, starting left of `x`: the row is another key's value."""
    return any(o.page == row.page and o.bbox[2] <= row.bbox[0] and o.bbox[0] < x and
               min(o.bbox[3], row.bbox[3]) > max(o.bbox[1], row.bbox[1]) for o in segs)


_MAKER = re.compile(r"изготов|производ|өндіруші|manufactur|hersteller")
"""Origin labels that name the maker, a party: its country follows its name."""
MAKER_DOCS = frozenset({"product_passport", "invoice"})
"""Where the maker's country is the goods' origin that the checks compare (a producer's passport and release
invoice, Rules 763 p.18); a declaration's box 31 or a vehicle's papers name the maker for other ends."""
_COLUMN_NUMBER = re.compile(r"\d{1,2}[а-яa-z]?")
_OTHER_PARTY = re.compile(r"получател|алушы|покупател|сатып алушы|consignee|buyer|empfänger|destinataire", re.I)
"""The title of the consignee's box beside the sender's (`Жөнелтуші / Отправитель | Алушы / Получатель`)."""
_NUMBERED_BOX = re.compile(r"\s*\d{1,2}[a-zа-я]?\s+[^\W\d_]{3,}")
"""A numbered box's title beside the sender's (`1 Отправитель | 2 Станция отправления`): another box, no name."""
COUNTRY_ROWS = 16
"""Lines looked over for a country column's header: the rows above, each naming its country, are passed over."""


def read_countries(lines: list[Line], dt: str | None = None) -> list[FieldValue]:
    """Countries with a role from their label: in the same box after it, in the cell to the right, under a box
    title, or under a table column header (`Страна происхождения` over the rows)."""
    out: list[FieldValue] = []
    plain = [ln for ln in lines if not ln.reread]
    segs = [x for ln in plain for x in segments(ln)]
    taken: set[tuple[int, float, float]] = set()

    def add(code: str, line: Line, a: int, b: int, role: str) -> None:
        fv = field_value(code, line, a, b, role=role)
        out.append(fv)
        if fv.bbox:
            taken.add((line.page, round(fv.bbox[0]), round(fv.bbox[1])))

    for seg in segs:
        hits = find_labels(seg.text, "country", dt)
        regions = _title_regions(seg.text, hits)
        for k, (lab, _s, e) in enumerate(hits):
            maker = bool(_MAKER.search(lab.words))
            if maker and dt not in MAKER_DOCS:
                continue
            stop = hits[k + 1][1] if k + 1 < len(hits) else len(seg.text)
            found = _country_hits(seg.text[e:stop])
            if found:
                # a party's country ends its name and address (`Изготовитель: ООО «Китай-Авто», Россия`)
                code, cs, ce = found[-1] if lab.role == "sender" or maker else found[0]
                add(code, seg, e + cs, e + ce, lab.role)
                continue
            if seg.text[e:stop].strip(" :;,.-/()") and lab.role == "sender":
                continue  # "Отправитель: АО «АвтоВАЗ», г. Тольятти": the box held a name, no country
            # `15 Код страны отпр. 16 Страна происхождения`: in a row of small box titles the cell to the right is
            # the last one's
            last = regions[k][1] == len(seg.text)
            right = right_of(seg, segs) if last else None
            got_right = _country_hits(right.text) if right is not None and not find_labels(right.text, "country", dt) else []
            if lab.role == "sender" and right is not None:
                # `Polska Opakowania Sp. z o.o.`, `China National Tyre`: a firm's name that opens with a country
                got_right = [h for h in got_right if h[1] > 0 or not right.text[h[2]:].strip(" .,;")]
            if right is not None and got_right:
                code, cs, ce = got_right[0]
                add(code, right, cs, ce, lab.role)
                continue
            look = 4 if lab.role == "sender" else 2
            # a party's block: its name in the cell right of the label, its address (and country) under the name,
            # up to the next key's row (`8 Получатель  ТОО «…»`)
            named = right is not None and lab.role == "sender" and not find_labels(right.text, "country", dt) \
                and not _OTHER_PARTY.search(right.text) and not _NUMBERED_BOX.match(right.text)
            anchor = right.bbox if right is not None and named else seg.box_of(*regions[k])
            for row in below(segs, anchor, max_lines=look, slack=0.0):
                got = _country_hits(row.text)
                party = _OTHER_PARTY.search(row.text)
                if any(h[1] <= 3 for h in find_labels(row.text, "country", dt)) or \
                        (party and got and party.start() < got[0][1]) or (named and _keyed(row, segs, anchor[0])):
                    break  # a row opening with the next party's or country's label, a country after the consignee's
                    # label (`2. Получатель / Consignee: …, Казахстан`), or a key beside the row: theirs
                if got:
                    code, cs, ce = got[-1] if lab.role == "sender" else got[0]
                    add(code, row, cs, ce, lab.role)
                    break
    # table rows: a country under a column header that names its role
    for ln in plain:
        if find_labels(ln.text, "country", dt):
            continue
        for code, cs, ce in country_id.find_in_text(ln.text):
            if ce - cs <= 2:
                continue
            box = ln.box_of(cs, ce)
            if (ln.page, round(box[0]), round(box[1])) in taken:
                continue
            header: list[str] = []  # a header cell wraps over lines: `Страна` / `происхождения`
            slack = 0.0 if any(_is_cell(w) for w in ln.words) else 20.0  # a cell's column is exact
            rows_passed = False
            for above in _lines_above(plain, ln, COUNTRY_ROWS):
                over = [w for w in above.words if min(w.bbox[2], box[2] + slack) > max(w.bbox[0], box[0] - slack)]
                cell = " ".join(w.text for w in over)
                if country_id.find_in_text(cell):
                    if find_labels(cell, "country", dt):
                        break  # a key-value line that names its own country (`Продавец: ООО «X», Россия`), no header
                    rows_passed = True
                    continue  # the row above, its country in the same column (`643 Россия` over `156 Китай`)
                if not cell.strip() or _COLUMN_NUMBER.fullmatch(cell.strip()):
                    continue  # the row of column numbers (`10а`) under a header, a blank row: not the header's words
                header.insert(0, cell)
                if len(header) > 4:
                    break
                hit = find_labels(" ".join(header), "country", dt) or \
                    (_spanning_title(above, over, dt) if not rows_passed else [])
                if hit:
                    add(code, ln, cs, ce, hit[0][0].role)
                    break
    return dedupe(out)


def _spanning_title(above: Line, over: list[Word], dt: str | None) -> list[tuple[Label, int, int]]:
    """The labels of a title centred over two sub-columns, when the column's own words are only part of it: a
    УПД's `Страна происхождения товара` over `цифровой код | краткое наименование` stands partly left of the
    name. Only a title naming one role, with a word of it over the column, counts."""
    seg = next((g for g in segments(above) if over and any(w in g.words for w in over)), None)
    hits = find_labels(seg.text, "country", dt) if seg is not None else []
    if len({lab.role for lab, _, _ in hits}) != 1 or seg is None:
        return []
    return [h for h in hits if any(w in over for w in seg.words_in(h[1], h[2]))]


_OCR_NUMBER_SIGN = r"(?:n[eosº?]|mo|м[гое]|хо|[кk][оoеe])(?=\s)"
"""Tesseract's renderings of a `№` (`Ne`, `Мг`, `Мо`, `Ко`, `Ке`): a mark only when a space follows, so `NE123` stays a number."""
_NUMBER_MARK = r"(?:№|\bno\b\.?|\bnr\b\.?|number|nummer|номер|#|n°)"
"""A word that says a number follows or stands below (`INVOICE NO`, `Rechnungsnummer`)."""
_INVOICE_NO = r"[A-Za-zА-Яа-я0-9][\w/\-.]*\d[\w/\-.]*"
"""An invoice number: letters, digits and `/-.`, with a digit after its first character."""
# a declaration's box 44 writes the document's code and how it was presented: `04021/0 INV-118 ОТ 02.03.2024`
_INVOICE_NO_RE = re.compile(
    rf"^\s*\)?\s*(?:/\s*\d(?!\d)\s*)?(?:\([^()\d]{{1,25}}\)\s*)?[.:]*\s*(?:№|no\.?|nr\.?|number|#|n°|{_OCR_NUMBER_SIGN})?\s*[:.]*\s*({_INVOICE_NO})", re.I
)
_INVOICE_NO_VALUE = re.compile(rf"^{_INVOICE_NO}$")


def read_invoice_numbers(lines: list[Line], doc_type: DocType | None = None) -> list[FieldValue]:
    out: list[FieldValue] = []
    plain = [ln for ln in lines if not ln.reread]
    if doc_type is DocType.import_application:
        out.extend(_row_invoice_numbers(plain))
    for ln in plain:
        for lab, s, e in find_labels(ln.text, "invoice_number"):
            m = _INVOICE_NO_RE.match(ln.text[e:])
            if m:
                value = m.group(1).rstrip(".,;:")
                if fold(value) in ("от", "dated", "date"):
                    continue
                out.append(field_value(value, ln, e + m.start(1), e + m.start(1) + len(value), role=lab.role))
            elif (under := _number_under(plain, ln, s, e)) is not None:
                out.append(under.model_copy(update={"role": lab.role}))
    return dedupe(out)


def _rest_of_cell(ln: Line, end: int) -> str:
    """The words after `end` up to the next cell. Gaps are measured in the line's usual word height: a label's
    short last word (`no.:`) would make an ordinary space look like a column's."""
    out: list[str] = []
    prev: Word | None = None
    height = statistics.median(w.bbox[3] - w.bbox[1] for w in ln.words) if ln.words else 1.0
    for w, (a, _b) in zip(ln.words, ln.spans, strict=True):
        if a >= end:
            if prev is not None and _apart(ln, prev, w, height):
                break
            out.append(w.text)
        prev = w
    return " ".join(out)


def _row_invoice_numbers(lines: list[Line]) -> Iterator[FieldValue]:
    """An import application's goods row ends with its invoice's number and date (`... Россия 58 25.08.2023`),
    whatever its column header became: the word before the row's last date, when it holds a digit and is no
    figure (a row without the number ends with a country or a weight)."""
    for ln in lines:
        found = dates_id.find_dates(ln.text, ocr=ln.ocr)
        if not found or not HS_RE.search(ln.text, 0, found[-1][2]):
            continue
        m = re.search(r"(\S+)\s+$", ln.text[: found[-1][2]])
        if m is None:
            continue
        text = m.group(1).strip("|")
        if _INVOICE_NO_VALUE.match(text) and not _DECIMAL_FIGURE.match(text) and not HS_RE.fullmatch(text):
            start = m.start(1) + m.group(1).find(text)
            yield field_value(text, ln, start, start + len(text), role="invoice_number")


def _number_under(lines: list[Line], ln: Line, start: int, end: int) -> FieldValue | None:
    """A column header `INVOICE NO / FATURA NO` with the number on the line below it, under the header's words:
    only for a label that names a number (`No`, `№`, `Nr`, `number`), so a title's `INVOICE` takes no value."""
    mark = re.match(rf"\s*{_NUMBER_MARK}", ln.text[end:], re.I)
    if mark is None and not re.search(rf"{_NUMBER_MARK}\s*[.:]?\s*$", ln.text[start:end], re.I):
        return None
    after = end + (mark.end() if mark else 0)
    if re.match(r"\s*\.?\s*:", ln.text[after:]) or any(ch.isdigit() for ch in _rest_of_cell(ln, after)):
        return None  # `Invoice no.: 1№\-2624/3549`: a key and its value, garbled; no column header
    x0, _, x1, _ = ln.box_of(start, after)
    for nxt in below(lines, ln.bbox, max_lines=2, slack=0.0)[:2]:
        if nxt is ln or nxt.page != ln.page:
            continue
        for w, (a, _b) in zip(nxt.words, nxt.spans, strict=True):
            text = w.text.rstrip(".,;:")
            if min(w.bbox[2], x1) > max(w.bbox[0], x0) and _INVOICE_NO_VALUE.match(text) and not dates_id.find_dates(text):
                return field_value(text, nxt, a, a + len(text))
    return None


_PLATE_TOKEN = re.compile(r"^[A-Z0-9]{5,9}$")


_SPACED_PLATE = re.compile(r"(?<![\w-])[A-Z]{1,3}-[A-Z]{1,2} ?\d{1,4}[EH]?(?![\w-])")
"""After a plate label, a German plate written with its hyphen and space: `B-AB 1234`, `WOB-XY 567`."""


def _spaced_as_plates_are(raw: str) -> bool:
    """A national plate shape written with spaces is a plate only when the spaces part its letters from its digits
    in three groups or more (`123 ABC 02`, `А 123 ВС 77`) or set off a mixed group's region (`А123ВС 77`): a series
    and number (`ОК 989171`, a passport's) fits a trailer's shape too."""
    groups = raw.replace("-", " ").split()
    if len(groups) == 1:
        return True
    mixed = any(ch.isdigit() for ch in groups[0]) and any(ch.isalpha() for ch in groups[0])
    return len(groups) >= 3 or mixed


def _labelled_plates(text: str) -> Iterable[tuple[str, int, int]]:
    """Plates after a plate label: one of a known national shape, spaces and all (`123 ABC 02`, `А 123 ВС 77 RUS`);
    else a German one (`B-AB 1234`); else a token that looks like a registration plate of
    any country: 5-9 letters and digits, at least three digits and two letters (`EM2828A`, `7794EM-7`, `OY2521`).
    A token of no national shape right after `№` is a document number (`Тягач № 512AKZ02` is a plate); `X3000` is
    a model."""
    spans: list[tuple[int, int]] = []

    def free(a: int, b: int, numbered: bool = False) -> bool:
        return (numbered or not text[:a].rstrip().endswith(("№", "No", "No.", "N"))) and \
            all(b <= s or a >= e for s, e in spans)

    for value, a, b in plate_id.find_in_text(text):
        if free(a, b, numbered=True) and _spaced_as_plates_are(text[a:b]) and not re.match(r"[.,]\d", text[b : b + 2]):
            spans.append((a, b))  # (not before a decimal part: `MY 2024 184.00`)
            yield value, a, b
    for m in _SPACED_PLATE.finditer(to_latin(text).upper()):
        if free(m.start(), m.end()):
            spans.append((m.start(), m.end()))
            yield plate_id.compact(m.group(0)), m.start(), m.end()
    for m in re.finditer(r"[^\s,/;]+", text):
        if not free(m.start(), m.end()):
            continue
        token = m.group(0).strip(".:;()«»\"'")
        compact = to_latin(token.replace("-", "")).upper()
        digits = sum(ch.isdigit() for ch in compact)
        if _PLATE_TOKEN.match(compact) and digits >= 3 and len(compact) - digits >= 2 and not dates_id.find_dates(token):
            start = m.start() + m.group(0).find(token)
            yield compact, start, start + len(token)


def read_plates(lines: list[Line], doc_type: DocType) -> list[FieldValue]:
    out: list[FieldValue] = []
    plain = [ln for ln in lines if not ln.reread]
    plated: list[Line] = []  # lines where a plate may stand
    for i, ln in enumerate(plain):
        here = find_labels(ln.text, "plate")
        above = i > 0 and bool(find_labels(plain[i - 1].text, "plate")) and not here
        if here or above:
            plated.append(ln)
            start = here[0][2] if here else 0
            for value, s, e in _labelled_plates(ln.text[start:]):
                out.append(field_value(plate_id.repair(value), ln, start + s, start + e))
        elif doc_type is DocType.control_pass:
            plated.append(ln)
            for value, s, e in plate_id.find_in_text(ln.text):
                out.append(field_value(plate_id.compact(value), ln, s, e))
    return dedupe(_reread_plates(out, [ln for ln in lines if ln.reread], plated))


def _is_plate(value: str) -> bool:
    return [p for p, _, _ in plate_id.find_in_text(value)] == [value]


def _reread_plates(found: list[FieldValue], rereads: list[Line], plated: list[Line]) -> list[FieldValue]:
    """A whitelisted re-read of a word on a plate's line that reads a plate of a known shape replaces the page
    pass's reading of that word when that one is of no known shape, or stands where the page pass read none: the
    page pass read `123ABC02` as `123ЗАВС02` (a Cyrillic З), which no plate pattern takes."""
    out = list(found)
    for rr in rereads:
        box = rr.bbox
        if not any(ln.page == rr.page and min(ln.bbox[3], box[3]) > max(ln.bbox[1], box[1]) and
                   min(ln.bbox[2], box[2]) > max(ln.bbox[0], box[0]) for ln in plated):
            continue
        for value, s, e in plate_id.find_in_text(rr.text):
            fv = field_value(plate_id.compact(value), rr, s, e)
            there = [v for v in out if _same_place(v, fv)]
            if all(not _is_plate(str(v.value)) for v in there):
                out = [v for v in out if v not in there] + [fv]
    return out


# ---------------------------------------------------------------- entry point


def read_fields(doc_type: DocType, pages: list[Page], nomenclature: hs_id.Nomenclature | None = None) -> DocumentFields:
    with ocr_labels(any(p.source is PageSource.ocr for p in pages)):
        return _read_fields(doc_type, pages, nomenclature)


def _read_fields(doc_type: DocType, pages: list[Page], nomenclature: hs_id.Nomenclature | None) -> DocumentFields:
    lines: list[Line] = []
    for p in pages:
        lines.extend(page_lines(p))
        lines.extend(reread_lines(p))
    regs = read_registration_numbers(lines)
    is_pass = doc_type is DocType.control_pass
    passes = read_pass_numbers(lines) if is_pass else []
    weights, gross, net = read_weights(lines, doc_type.value)
    vehicle = read_vehicle_facts(lines, names=doc_type in VEHICLE_DOCS) if not is_pass else None
    full_codes = read_hs_codes(lines, nomenclature)
    return DocumentFields(
        hs_codes=full_codes + (_not_part_of(read_short_codes(lines, nomenclature), full_codes)
                               if doc_type in PRINTS_SHORT_CODES else []),
        # a control pass names plates, never VINs: what reads as one there is handwriting or plates run together
        vins=[] if is_pass else read_vins(lines),
        bins=read_bins(lines),
        registration_numbers=regs,
        dates=read_dates(lines, doc_type, regs),
        weights=weights,
        gross_weight_kg=gross,
        net_weight_kg=net,
        countries=read_countries(lines, doc_type.value),
        invoice_numbers=read_invoice_numbers(lines, doc_type),
        # `ТАЛОН № КТ-0045821`: the pass's own number has a plate's shape
        plates=[v for v in read_plates(lines, doc_type) if not any(_same_place(v, n) for n in passes)],
        pass_numbers=passes,
        checkpoints=read_checkpoints(lines) if is_pass else [],
        crossing_times=read_crossing_times(lines) if is_pass else [],
        makes=vehicle.makes if vehicle else [],
        models=vehicle.models if vehicle else [],
        years=vehicle.years if vehicle else [],
        serial_numbers=vehicle.serials if vehicle else [],
    )
