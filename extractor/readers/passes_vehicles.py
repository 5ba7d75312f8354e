"""Facts of the control pass (its number, checkpoint and time of crossing) and of vehicle documents (make,
model, year of manufacture, a machine's serial number), read from the text their labels name.

A label's text is what follows it in its box, else the cell to its right, else the line under it: the three
ways forms print a value, in any language the vocabulary holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from classifiers.labels import DocType
from extractor.field_models import FieldValue
from extractor.ids import checkpoint as checkpoint_id
from extractor.ids import serial as serial_id
from extractor.ids import vin as vin_id
from extractor.readers.layout import Line, below, right_of, segments
from extractor.readers.values import dedupe, field_value
from extractor.readers.vocabulary import find_labels

VEHICLE_DOCS = frozenset({DocType.vehicle_passport, DocType.conformity_certificate, DocType.acceptance_certificate})
"""Documents whose forms label a vehicle's make, model and year. An invoice's or declaration's goods description
names them in prose, where `Model` is part of a name (`Tesla Model Y`): read there, the labels give noise."""

_SEPARATORS = " \t:;,.-–—/|()№#"


class Span(NamedTuple):
    line: Line
    start: int
    end: int
    under: bool
    """The line under the label: a weaker tie, it may be the form's next row."""

    @property
    def text(self) -> str:
        return self.line.text[self.start : self.end]


def labelled_texts(lines: list[Line], section: str, dt: str | None = None) -> Iterator[tuple[str, list[Span]]]:
    """Each label of `section` with the texts it may name, likeliest first: after it in its box, the cell to its
    right, the line under it. The reader takes the first that holds a value of its kind (a table's header has
    the next header to its right and the value under it).

    Bilingual labels (`Өткізу пункті / Пункт пропуска`) are one label: the texts are sought after the last of
    a run of labels with only separators between them."""
    plain = [ln for ln in lines if not ln.reread]
    segs = [s for ln in plain for s in segments(ln)]
    for seg in segs:
        hits = find_labels(seg.text, section, dt)
        chain: int | None = None  # where a bilingual label began (`Марка, модель / Make, model`)
        for k, (lab, s, e) in enumerate(hits):
            stop = hits[k + 1][1] if k + 1 < len(hits) else len(seg.text)
            a, b = _strip(seg.text, e, stop)
            if a == b and k + 1 < len(hits):
                chain = s if chain is None else chain
                continue  # only separators before the next label: the pair is one label
            s, chain = (s if chain is None else chain), None
            spans = [Span(seg, a, b, False)] if a < b and not _header(seg.text[a:b]) else []
            if k + 1 < len(hits):
                # a form's row of label-value pairs (the value inline), or a table's header row (the value in
                # the row under the label, up to the next column's header)
                column = _under_column(seg, segs, s, e, section, dt)
                yield lab.role, spans + ([column] if column else [])
                continue
            right = right_of(seg, segs)
            if right is not None and not _starts_with_label(right.text, section, dt) and not _header(right.text):
                a, b = _strip(right.text, 0, len(right.text))
                if a < b:
                    spans.append(Span(right, a, b, False))
            column = _under_column(seg, segs, s, e, section, dt)
            if column:
                spans.append(column)
            for row in below(segs, seg.bbox, max_lines=1, slack=0.0):
                if not _starts_with_label(row.text, section, dt) and not _header(row.text):
                    a, b = _strip(row.text, 0, len(row.text))
                    if a < b:
                        spans.append(Span(row, a, b, True))
            if spans:
                yield lab.role, spans


def _under_column(header: Line, segs: list[Line], start: int, end: int, section: str, dt: str | None) -> Span | None:
    """The words of the row under a header cell (`start`:`end` of `header`) that lie left of the next header;
    a header wrapped onto a second line (`Марка, модель /` over `Make, model`) is passed over."""
    x0, y0, x1, y1 = header.box_of(start, end)
    after = [w.bbox[0] for w, (a, _) in zip(header.words, header.spans, strict=True) if a >= end]
    limit = min(after) if after else x1 + 0.5 * (x1 - x0)
    for row in below(segs, (x0, y0, limit, y1), max_lines=2, slack=0.0):
        inside = [span for w, span in zip(row.words, row.spans, strict=True)
                  if x0 - row.height <= (w.bbox[0] + w.bbox[2]) / 2 < limit]
        if not inside:
            continue
        text = row.text[inside[0][0] : inside[-1][1]]
        if _starts_with_label(text, section, dt) or _header(text):
            continue
        return Span(row, inside[0][0], inside[-1][1], True)
    return None


def _starts_with_label(text: str, section: str, dt: str | None) -> bool:
    """Another label opens the cell: the next row of the form, not a value (`«Жайсаң» өткізу пункті` is one)."""
    hits = find_labels(text, section, dt)
    return bool(hits) and not text[: hits[0][1]].strip(_SEPARATORS)


_HEADER = re.compile(r"(?i)^\s*(?:vin|№|no\.?|n°|#)\s*$")


def _header(text: str) -> bool:
    """A table's next column header (`VIN`, `№`, `Год выпуска`) stands right of a header, not a value."""
    return bool(_HEADER.match(text)) or any(_covers(text, s) for s in ("vehicle", "date", "weight", "plate"))


def _covers(text: str, section: str) -> bool:
    hits = find_labels(text, section)
    rest = text
    for _, a, b in reversed(hits):
        rest = rest[:a] + rest[b:]
    return not rest.strip(_SEPARATORS)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _SEPARATORS:
        a += 1
    while b > a and text[b - 1] in _SEPARATORS:
        b -= 1
    return a, b


# ---------------------------------------------------------------- control pass

_TOKEN = re.compile(r"[A-ZА-Я0-9][A-ZА-Я0-9/\-]*\d[A-ZА-Я0-9/\-]*", re.I)
_PASS_NUMBER = re.compile(rf"(?:^|(?<=\s))(?:№|N[oо°eе]\.?)\s*({_TOKEN.pattern})", re.I)
_LABEL_AGAIN = re.compile(r"[/|]?\s*[^\W\d_]{1,3}\.?\s+[^\W\d_]+\s*:\s*")
_OTHER_PAPER = re.compile(
    r"(?:cmr|смр|накладн|invoice|инвойс|сч[её]т|шот|декларац|контракт|договор|contract|сертификат|certificate"
    r"|waybill|жүкқұжат)\w*\W*$", re.I)
_TIME = re.compile(r"(?<![\d.:,])([01]?\d|2[0-3])\s?(?:[:.]|(?:ч|час|сағ|h)\.?)\s?([0-5]\d)(?![\d.:,])")
"""`10:35`, `10.35`, and in words `16 ч. 42 мин.`, `16 сағ. 42 мин.`"""


def _first(spans: list[Span], parse: Callable[[Span], list[FieldValue]]) -> list[FieldValue]:
    for span in spans:
        found = parse(span)
        if found:
            return found
    return []


def read_pass_numbers(lines: list[Line]) -> list[FieldValue]:
    """The pass's number: after a pass-number label, else the first `№ …` on the pass (under its title)."""
    def parse(sp: Span) -> list[FieldValue]:
        # the label again in the other language, its `№` misread (`Талон нөмірі / Ne талона: 000271456`)
        again = _LABEL_AGAIN.match(sp.text)
        at = again.end() if again else 0
        m = _TOKEN.match(sp.text, at)
        return [field_value(m.group(0), sp.line, sp.start + at, sp.start + m.end(), role="control_pass")] if m else []

    out = [v for _, spans in labelled_texts(lines, "pass_number") for v in _first(spans, parse)]
    if out:
        return out[:1]
    for ln in sorted((ln for ln in lines if not ln.reread), key=lambda ln: (ln.page, ln.bbox[1])):
        m = _PASS_NUMBER.search(ln.text)
        if m and _OTHER_PAPER.search(ln.text[: m.start()]):
            continue  # `CMR № 0048817 от 04.03.2024`: the pass cites the papers it was issued on
        if m and sum(ch.isdigit() for ch in m.group(1)) >= 3 and not find_labels(ln.text, "plate"):
            return [field_value(m.group(1), ln, m.start(1), m.end(1), role="control_pass")]
    return []


def read_checkpoints(lines: list[Line]) -> list[FieldValue]:
    """The checkpoint: a known one's Russian name (verified), or a labelled name the list lacks, as printed
    (never from the line under the label, which may be the form's next row)."""
    def parse(sp: Span) -> list[FieldValue]:
        name = checkpoint_id.canonical(sp.text)
        if name is not None:
            return [field_value(name, sp.line, sp.start, sp.end, role="checkpoint", verified=True)]
        plain = checkpoint_id.compact(sp.text)
        if not sp.under and len(plain) >= 4 and not any(ch.isdigit() for ch in plain):
            return [field_value(plain, sp.line, sp.start, sp.end, role="checkpoint", confidence=0.5)]
        return []

    out = [v for _, spans in labelled_texts(lines, "checkpoint") for v in _first(spans, parse)]
    verified = [v for v in out if v.verified]
    if out:
        return (verified or out)[:1]
    # no label read: a known name anywhere on the pass (its stamp, its title)
    for ln in (ln for ln in lines if not ln.reread):
        for m in re.finditer(r"[^\s«»\"',.;:•]+(?:\s+[^\s«»\"',.;:•]+)?", ln.text):
            for x, y in ((m.start(), m.end()), (m.start(), m.start() + len(m.group(0).split()[0]))):
                name = checkpoint_id.canonical(ln.text[x:y])
                if name is not None:
                    return [field_value(name, ln, x, y, role="checkpoint", verified=True, confidence=0.7)]
    return []


def read_crossing_times(lines: list[Line]) -> list[FieldValue]:
    """The time of crossing, `HH:MM`, from the text a time label names (`Время: 10:35`, `Дата и время: 14.03.2024
    10:35`, `Уақыты / Время 10.35`)."""
    def parse(sp: Span) -> list[FieldValue]:
        m = _TIME.search(sp.line.text, sp.start, sp.end)
        if m is None:
            return []
        value = f"{int(m.group(1)):02d}:{m.group(2)}"
        return [field_value(value, sp.line, m.start(), m.end(), role="crossing_time")]

    return [v for _, spans in labelled_texts(lines, "time") for v in _first(spans, parse)][:1]


# ---------------------------------------------------------------- vehicles

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_ROW_NUMBER = re.compile(r"\d{1,3}\s+(?=[^\W\d_])")
_MACHINE_KIND = re.compile(r"\s*(?:[а-яё]+\s+){1,3}(?=[A-ZА-ЯЁ0-9])")
"""The kind of machine in lower case before its make (`трактор`, `фронтальный погрузчик`)."""
_NUMBERED_MODEL = re.compile(r"[^\W\d_]{3,}-\d[\w.\-]*")
_NAME = re.compile(r"[A-ZА-ЯЁ0-9][\w\-.]*(?:\s+[A-ZА-ЯЁ0-9][\w\-.]*){0,3}")


class VehicleFacts(NamedTuple):
    makes: list[FieldValue]
    models: list[FieldValue]
    years: list[FieldValue]
    serials: list[FieldValue]


def read_vehicle_facts(lines: list[Line], names: bool = True) -> VehicleFacts:
    """Makes, models and years of manufacture (only with `names`), and machines' serial numbers, in the order
    printed: one pass over the vehicle labels.

    `Марка, модель: TOYOTA CAMRY` splits at the first space, `Марка / коммерческое наименование: Ford Sollers /
    Transit` at the slash; `Модель, № двигателя` is the engine's label, read as such and dropped. A serial number
    is the first token of a serial's shape after its label (`Заводской № машины (рамы): 808123456`, `S/N: KE1234`);
    a VIN there is the VIN reader's."""
    out: dict[str, list[FieldValue]] = {"make": [], "model": [], "manufacture_year": [], "serial": []}
    for role, spans in labelled_texts(lines, "vehicle"):
        if role == "serial":
            out["serial"] += _first(spans, _serial_values)
        elif role != "engine" and names:
            for v in _first(spans, lambda sp, role=role: _vehicle_values(role, sp)):  # type: ignore[misc]
                out[v.role or ""].append(v)
    return VehicleFacts(*(dedupe(out[k]) for k in ("make", "model", "manufacture_year", "serial")))


def _vehicle_values(role: str, sp: Span) -> list[FieldValue]:
    ln, a, b = sp.line, sp.start, sp.end
    row_number = _ROW_NUMBER.match(ln.text, a, b)
    if row_number:  # a table row's `1` before the make
        a = row_number.end()
    text = ln.text[a:b]
    kind = _MACHINE_KIND.match(text) if role == "make_model" else None
    if kind:  # a machine's passport: `Машина: трактор Беларус-82.1`
        a, text = a + kind.end(), text[kind.end():]
    if role == "year":
        y = _YEAR.search(text)
        return [field_value(y.group(1), ln, a + y.start(1), a + y.end(1), role="manufacture_year")] if y else []
    m = _NAME.match(text)
    if m is None or _YEAR.fullmatch(m.group(0)) or (m.group(0).isdigit() and len(m.group(0)) < 3):
        return []  # a table's column numbers (`1 2 3`) under its header
    name = m.group(0).strip(" .-")
    if sp.under and not (name.isupper() or any(ch.isdigit() or "a" <= ch.lower() <= "z" for ch in name)):
        return []  # the line under a label in Cyrillic lower case is the form's next label (`Категория`)
    if role == "make":
        return [field_value(name, ln, a, a + len(name), role="make")]
    if role == "model":
        return [field_value(name, ln, a, a + len(name), role="model")]
    slash = re.match(r"\s*([^/]+?)\s*/\s*(\S.*)$", text)
    if slash:  # `Ford Sollers / Transit`
        out = [field_value(slash.group(1), ln, a, a + len(slash.group(1)), role="make")]
        after = _NAME.match(slash.group(2))
        if after:
            start = a + slash.start(2)
            out.append(field_value(after.group(0), ln, start, start + len(after.group(0)), role="model"))
        return out
    # `TOYOTA CAMRY` splits at its space; `Беларус-82.1`, a make and its model's number, at the hyphen
    make, _, model = name.partition(" " if " " in name or not _NUMBERED_MODEL.fullmatch(name) else "-")
    out = [field_value(make, ln, a, a + len(make), role="make")]
    if model:
        start = a + len(make) + 1
        out.append(field_value(model, ln, start, start + len(model), role="model"))
    return out


_SERIAL_TOKEN = re.compile(r"[A-ZА-ЯЁ0-9][A-ZА-ЯЁ0-9\-/]*", re.I)
_NUMBER_SIGN = re.compile(r"\s*(?:[^\W\d_]+\)\s*[:.]?\s*)?(?:№|N[oо°]\.?|#)?\s*", re.I)
"""Before the serial: the end of the label's aside (`Заводской № машины (рамы):`), a number sign."""


def _serial_values(sp: Span) -> list[FieldValue]:
    text = sp.text
    at = m.end() if (m := _NUMBER_SIGN.match(text)) else 0
    token = _SERIAL_TOKEN.match(text, at)
    if token is None:
        return []
    value = token.group().strip("-/")
    if not serial_id.is_valid(value) or vin_id.is_valid(value):
        return []
    start = sp.start + token.start()
    return [field_value(serial_id.compact(value), sp.line, start, start + len(value), role="serial")]
