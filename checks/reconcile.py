"""One spelling per vehicle, and per weight, across a filing, before the rules compare anything.

A scan at 150 dpi turns a VIN's `5` into `S` at 99% confidence, and no check digit catches it where none applies.
When the same filing types that VIN (the payer's goods lines, or a text-layer document), an OCR reading that
differs from exactly one typed VIN only by look-alike characters is that VIN: the report shows the typed spelling
and keeps what the scan said in `raw`. So is a reading one character off, whatever the characters (look-alikes
besides), from a VIN the payer typed and another paper of the filing reads exactly so. A reading close to two typed
VINs, or to none, is left as read.

Weights alike: a scan's total that differs in one digit from the same total another paper of the filing prints in
its text layer, or that a scan read more surely, is that total (`28 989,8` for the packing list's `20 989,8`). The
payer's own figures are never the reference: a mistyped declaration must still be caught. They are a witness,
though: a scan's total that equals a figure the payer typed was read right by two hands, and keeps its spelling
against a surer scan's one-digit-off reading (a packing list's `39,9` against an application's `89.9`).
"""

from __future__ import annotations

from collections.abc import Iterable

from extractor.field_models import FieldValue, ReadDocument
from extractor.ids import vin as vin_id

SURE_WEIGHT = 0.85
"""A scan's weight read at least this surely may stand for the filing's spelling of that total."""


def typed_vins(declared: Iterable[str], documents: Iterable[ReadDocument]) -> set[str]:
    """VINs typed by a person or printed in a text layer: the goods lines' and the born-digital documents'."""
    out = {vin_id.compact(v) for v in declared}
    out |= {str(fv.value) for d in documents for fv in d.fields.vins if fv.source == "text"}
    return {v for v in out if vin_id.is_valid(v)}


def _respelled(fv: FieldValue, typed: set[str], confirmed: set[str]) -> FieldValue:
    number = str(fv.value)
    if fv.source == "text" or number in typed:
        return fv
    readings = vin_id.with_v_for_u(number, fv.raw)
    matches = [t for t in typed if any(vin_id.same_under_ocr(r, t) for r in readings)]
    if not matches:
        matches = [t for t in confirmed if any(_one_character_off(r, t) for r in readings)]
    if len(matches) != 1:
        return fv
    return fv.model_copy(update={"value": matches[0], "raw": fv.raw or number})


def _one_character_off(a: str, b: str) -> bool:
    """One character apart, not counting the characters OCR confuses (`SYJGTZKC3NAS70536` for `5YJGTZKC3NA670536`:
    the S for 5 a look-alike, the S for 6 the one)."""
    return len(a) == len(b) and sum(x != y and not vin_id.same_under_ocr(x, y) for x, y in zip(a, b, strict=True)) == 1


def _read_on(declared: set[str], documents: list[ReadDocument]) -> dict[str, set[int]]:
    """The payer's VINs with the papers (by index) that read them exactly as typed. Where another paper than the
    one at hand does, two hands agree on the VIN, so a scan's reading one character off (`WDBT4VHVXBH744216` for
    `...XRH...`, R and B no typist's slip but a blurred scan's) is a misreading, whichever characters it confused."""
    return {v: {j for j, d in enumerate(documents) if any(str(fv.value) == v for fv in d.fields.vins)}
            for v in declared}


def reconcile_vins(documents: list[ReadDocument], declared: Iterable[str]) -> list[ReadDocument]:
    """The documents with OCR'd VINs respelled as the filing's typed VIN they can only be a misreading of."""
    payer = {v for v in (vin_id.compact(x) for x in declared) if vin_id.is_valid(v)}
    typed = typed_vins(payer, documents)
    if not typed:
        return documents
    read_on = _read_on(payer, documents)
    out = []
    for k, d in enumerate(documents):
        vins: dict[str, FieldValue] = {}
        confirmed = {v for v, papers in read_on.items() if papers - {k}}
        for fv in (_respelled(fv, typed, confirmed) for fv in d.fields.vins):
            kept = vins.get(str(fv.value))
            if kept is None or fv.confidence > kept.confidence:  # a misreading and its re-read now agree
                vins[str(fv.value)] = fv
        fields = d.fields.model_copy(update={"vins": list(vins.values())})
        out.append(d.model_copy(update={"fields": fields}))
    return out


def _one_digit_apart(a: float, b: float) -> bool:
    """The same figure but for one digit in the same place: `28989.8` and `20989.8`, not `2898.98` or `28990`."""
    return _one_character_off(f"{a:.3f}", f"{b:.3f}")


def _respelled_weight(fv: FieldValue | None, file: str, refs: list[tuple[str, FieldValue]],
                      declared: set[float]) -> FieldValue | None:
    if fv is None or fv.source == "text" or float(fv.value) in declared:
        return fv
    value = float(fv.value)
    others = [r for f, r in refs if f != file and (r.source == "text" or r.confidence > fv.confidence)]
    if any(float(r.value) == value for r in others):
        return fv
    matches = {float(r.value) for r in others if _one_digit_apart(value, float(r.value))}
    if len(matches) != 1:
        return fv
    return fv.model_copy(update={"value": matches.pop(), "raw": fv.raw or str(fv.value)})


def reconcile_weights(documents: list[ReadDocument], declared: Iterable[float] = ()) -> list[ReadDocument]:
    """The documents with OCR'd gross and net totals respelled as the one sure total of the filing they can only be
    a one-digit misreading of, unless the payer typed the figure as read."""
    typed = {float(w) for w in declared}
    names = ("gross_weight_kg", "net_weight_kg")
    refs = {name: [(o.file, fv) for o in documents if (fv := getattr(o.fields, name)) is not None
                   and (fv.source == "text" or fv.confidence >= SURE_WEIGHT)] for name in names}
    out = []
    for d in documents:
        update = {name: new for name in names
                  if (new := _respelled_weight(got := getattr(d.fields, name), d.file, refs[name], typed)) is not got}
        out.append(d.model_copy(update={"fields": d.fields.model_copy(update=update)}) if update else d)
    return out
