"""Reads typed facts from a document's pages: patterns find candidates, labels give roles, validation decides.

Nothing here knows a template's coordinates: values are found next to or under their labels (in any of the
languages of labels.json), or by their own shape (a 10-digit code that exists in the TN VED, a 17-character VIN,
a 12-digit BIN with a valid check digit), so documents laid out by other hands read the same way.
"""

from __future__ import annotations

from classifiers.labels import DocType
from extractor.field_models import DocumentFields, sheets_unweighed
from extractor.ids import hs_code as hs_id
from extractor.models import Page, PageSource
from extractor.readers.cells import same_place
from extractor.readers.codes import (
    PRINTS_SHORT_CODES,
    not_part_of,
    read_bins,
    read_hs_codes,
    read_registration_numbers,
    read_short_codes,
)
from extractor.readers.countries import read_countries
from extractor.readers.dates import read_dates
from extractor.readers.invoice_numbers import read_invoice_numbers
from extractor.readers.layout import Line, page_lines, reread_lines
from extractor.readers.passes_vehicles import (
    VEHICLE_DOCS,
    read_checkpoints,
    read_crossing_times,
    read_pass_numbers,
    read_vehicle_facts,
)
from extractor.readers.plates import read_plates
from extractor.readers.vins import read_vins
from extractor.readers.vocabulary import ocr_labels
from extractor.readers.weights import read_weights


def _code_glued(vin: str, nomenclature: hs_id.Nomenclature | None) -> bool:
    """A VIN whose last ten characters are a TN VED code is a code run into the word before it (`картона 4819300002`
    re-read `KJDT0W34819300002`): a VIN's last ten are all digits only for a model year of 2001-2009 or 2031-2039
    and a plant numbered, and then one time in a million a code."""
    tail = vin[-10:]
    return nomenclature is not None and tail.isdigit() and nomenclature.exists(tail)


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
    fields = DocumentFields(
        hs_codes=full_codes + (not_part_of(read_short_codes(lines, nomenclature), full_codes)
                               if doc_type in PRINTS_SHORT_CODES else []),
        # a control pass names plates, never VINs: what reads as one there is handwriting or plates run together
        vins=[] if is_pass else [v for v in read_vins(lines) if not _code_glued(str(v.value), nomenclature)],
        bins=read_bins(lines),
        registration_numbers=regs,
        dates=read_dates(lines, doc_type, regs),
        weights=weights,
        gross_weight_kg=gross,
        net_weight_kg=net,
        countries=read_countries(lines, doc_type.value),
        invoice_numbers=read_invoice_numbers(lines, doc_type),
        # `ТАЛОН № КТ-0045821`: the pass's own number has a plate's shape
        plates=[v for v in read_plates(lines, doc_type) if not any(same_place(v, n) for n in passes)],
        pass_numbers=passes,
        checkpoints=read_checkpoints(lines) if is_pass else [],
        crossing_times=read_crossing_times(lines) if is_pass else [],
        makes=vehicle.makes if vehicle else [],
        models=vehicle.models if vehicle else [],
        years=vehicle.years if vehicle else [],
        serial_numbers=vehicle.serials if vehicle else [],
    )
    if doc_type is DocType.customs_declaration and sheets_unweighed(fields):
        return fields.model_copy(update={"gross_weight_kg": None, "net_weight_kg": None})
    return fields
