"""Reads vehicle registration plates, labelled or spaced as plates are."""

from __future__ import annotations

import re
from collections.abc import Iterable

from classifiers.labels import DocType
from extractor.field_models import FieldValue
from extractor.ids import dates as dates_id
from extractor.ids import plate as plate_id
from extractor.ids.homoglyphs import to_latin
from extractor.readers.cells import same_place
from extractor.readers.layout import Line
from extractor.readers.values import dedupe, field_value
from extractor.readers.vocabulary import find_labels

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
    yield from (t for t in _plate_like(text) if free(t[1], t[2]))


def _plate_like(text: str) -> Iterable[tuple[str, int, int]]:
    """Tokens shaped as a registration plate of any country: 5-9 letters and digits, at least three digits and two
    letters, no date."""
    for m in re.finditer(r"[^\s,/;]+", text):
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
    rereads = [ln for ln in lines if ln.reread]
    if doc_type is DocType.control_pass and not out:
        out += _foreign_pair(plain)
    if doc_type in (DocType.cmr, DocType.waybill):
        out += [v for v in _truck_and_trailer(rereads) if not any(same_place(v, o) for o in out)]
    return dedupe(_reread_plates(out, rereads, plated))


def _foreign_pair(lines: list[Line]) -> list[FieldValue]:
    """A control pass on which no plate of a known national shape was read, and whose plates' label OCR garbled
    (`кейіс көйіріттос жәер oS CY6240P АМ2013`): the line ending in two plate-shaped tokens, a foreign truck and its
    trailer. Only the first such line: the pass names one vehicle."""
    for ln in lines:
        tokens = list(_plate_like(ln.text))
        if len(tokens) == 2 and tokens[1][2] == len(ln.text.rstrip()):
            return [field_value(v, ln, a, b) for v, a, b in tokens]
    return []


_PAIR_GAP = re.compile(r"\s*/?\s*")
_SLASH_GAP = re.compile(r"\s*/\s*")


def _truck_and_trailer(rereads: list[Line]) -> Iterable[FieldValue]:
    """A re-read that is two plates and nothing else: a consignment note's truck and trailer, however garbled the
    label above them (box 25's `Регистрационный номер` read as noise). Of a national shape (`638HEP01/48EMF13`), or,
    parted by the slash that sets a trailer after its truck, of any country's (`MY6477H /HK8827`)."""
    for rr in rereads:
        text = rr.text.rstrip()
        national = [(plate_id.compact(v), a, b) for v, a, b in plate_id.find_in_text(text)]
        for pair, gap in ((national, _PAIR_GAP), (list(_plate_like(text)), _SLASH_GAP)):
            if len(pair) == 2 and pair[0][1] == 0 and pair[1][2] == len(text) and gap.fullmatch(text[pair[0][2]:pair[1][1]]):
                yield from (field_value(v, rr, a, b) for v, a, b in pair)
                break


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
            there = [v for v in out if same_place(v, fv)]
            if all(not _is_plate(str(v.value)) for v in there):
                out = [v for v in out if v not in there] + [fv]
    return out
