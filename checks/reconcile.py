"""One spelling per vehicle across a filing, before the rules compare anything.

A scan at 150 dpi turns a VIN's `5` into `S` at 99% confidence, and no check digit catches it where none applies.
When the same filing types that VIN (the payer's goods lines, or a text-layer document), an OCR reading that
differs from exactly one typed VIN only by look-alike characters is that VIN: the report shows the typed spelling
and keeps what the scan said in `raw`. A reading close to two typed VINs, or to none, is left as read.
"""

from __future__ import annotations

from collections.abc import Iterable

from extractor.field_models import FieldValue, ReadDocument
from extractor.ids import vin as vin_id


def typed_vins(declared: Iterable[str], documents: Iterable[ReadDocument]) -> set[str]:
    """VINs typed by a person or printed in a text layer: the goods lines' and the born-digital documents'."""
    out = {vin_id.compact(v) for v in declared}
    out |= {str(fv.value) for d in documents for fv in d.fields.vins if fv.source == "text"}
    return {v for v in out if vin_id.is_valid(v)}


def _respelled(fv: FieldValue, typed: set[str]) -> FieldValue:
    number = str(fv.value)
    if fv.source == "text" or number in typed:
        return fv
    matches = [t for t in typed if vin_id.same_under_ocr(number, t)]
    if len(matches) != 1:
        return fv
    return fv.model_copy(update={"value": matches[0], "raw": fv.raw or number})


def reconcile_vins(documents: list[ReadDocument], declared: Iterable[str]) -> list[ReadDocument]:
    """The documents with OCR'd VINs respelled as the filing's typed VIN they can only be a misreading of."""
    typed = typed_vins(declared, documents)
    if not typed:
        return documents
    out = []
    for d in documents:
        vins: dict[str, FieldValue] = {}
        for fv in (_respelled(fv, typed) for fv in d.fields.vins):
            kept = vins.get(str(fv.value))
            if kept is None or fv.confidence > kept.confidence:  # a misreading and its re-read now agree
                vins[str(fv.value)] = fv
        fields = d.fields.model_copy(update={"vins": list(vins.values())})
        out.append(d.model_copy(update={"fields": fields}))
    return out
