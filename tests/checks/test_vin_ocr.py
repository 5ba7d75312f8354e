"""Regression: a scanned VIN read with 1/L or 0/D slips is not a mismatch with the typed one."""

from __future__ import annotations

from checks.rules.vin import declared_vin_found, document_vin_declared
from extractor.ids import vin as vin_id
from tests.checks.build import app, doc, fv, line, run

TYPED = "RU10DZJY2R4306977"
SCANNED = "RUL0DZJY2R4306977"


def _vline(*vins: str):  # type: ignore[no-untyped-def]
    return line(hs_code="8433300000", weight_kg=12000.0, country="RU", vins=list(vins))


def test_ocr_confusions_are_equivalent_but_real_differences_are_not() -> None:
    assert vin_id.same_under_ocr(SCANNED, TYPED)
    assert not vin_id.same_under_ocr("RU10DZJY2R4306978", TYPED)
    assert not vin_id.same_under_ocr(TYPED[:-1], TYPED)


def test_scanned_slip_is_no_finding() -> None:
    reading = fv(SCANNED, verified=False).model_copy(update={"source": "ocr"})
    cmr = doc("cmr.jpg", "cmr", vins=[reading])
    assert run(declared_vin_found, app(_vline(TYPED)), [cmr]) == []
    assert run(document_vin_declared, app(_vline(TYPED)), [cmr]) == []


def test_the_same_slip_in_a_text_layer_is_still_a_mismatch() -> None:
    cmr = doc("cmr.pdf", "cmr", vins=[fv(SCANNED)])
    [f] = run(declared_vin_found, app(_vline(TYPED)), [cmr])
    assert (f.code, f.declared, f.found) == ("vin_mismatch", TYPED, SCANNED)
