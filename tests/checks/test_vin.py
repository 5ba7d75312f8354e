from checks.models import Severity
from checks.rules.vin import declared_vin_found, declared_vin_valid, document_vin_declared
from tests.checks.build import VIN_CN, VIN_CN2, app, clean_vehicle_non_eaeu, doc, fv, line, run

NA_VIN = "1M8GDM9AXKP042788"


def _vline(*vins: str):
    return line(hs_code="8703239087", weight_kg=1450.0, country="CN", vins=list(vins))


def test_clean_vehicle_quiet():
    a, docs, files = clean_vehicle_non_eaeu()
    for r in (declared_vin_valid, declared_vin_found, document_vin_declared):
        assert run(r, a, docs, files) == []


def test_one_character_apart_shows_both_values():
    typo = VIN_CN[:-1] + "7"
    dt = doc("dt.pdf", "customs_declaration", vins=[fv(VIN_CN, page=2)])
    [f] = run(declared_vin_found, app(_vline(typo)), [dt])
    assert (f.code, f.severity, f.declared, f.found, f.page) == ("vin_mismatch", Severity.error, typo, VIN_CN, 2)
    assert typo in f.message and VIN_CN in f.message
    # the document's VIN is not also reported as undeclared
    assert run(document_vin_declared, app(_vline(typo)), [dt]) == []


def test_a_scans_one_character_difference_is_an_error_only_when_something_checks_that_character():
    """A known maker checks a VIN's first three characters, nothing else: a photo's `F` read as `P` at 0.9 told
    the payer to correct a right VIN. The check digit, or a second paper read alike, proves the difference."""
    typo = VIN_CN[:-1] + "7"
    scanned = fv(VIN_CN).model_copy(update={"source": "ocr"})
    assert [f.severity for f in run(declared_vin_found, app(_vline(typo)), [doc("pts.jpg", "vehicle_passport", vins=[scanned])])] \
        == [Severity.warning]
    na_typo = NA_VIN[:-1] + ("1" if NA_VIN[-1] != "1" else "2")
    na = fv(NA_VIN).model_copy(update={"source": "ocr"})
    assert [f.severity for f in run(declared_vin_found, app(_vline(na_typo)), [doc("pts.jpg", "vehicle_passport", vins=[na])])] \
        == [Severity.error]
    from tests.checks.build import evidence

    two = [doc("pts.jpg", "vehicle_passport", vins=[scanned]), doc("cmr.jpg", "cmr", vins=[scanned])]
    assert [f.severity for f in run(declared_vin_found, app(_vline(typo)), two, [evidence("pts.jpg"), evidence("cmr.jpg")])] \
        == [Severity.error]


def test_unsure_reading_one_apart_is_warning():
    typo = VIN_CN[:-1] + "7"
    dt = doc("dt.jpg", "customs_declaration", vins=[fv(VIN_CN, conf=0.5)])
    assert [f.severity for f in run(declared_vin_found, app(_vline(typo)), [dt])] == [Severity.warning]


def test_declared_not_found_anywhere():
    dt = doc("dt.pdf", "customs_declaration", vins=[fv(VIN_CN)])
    [f] = run(declared_vin_found, app(_vline(VIN_CN, VIN_CN2)), [dt])
    assert f.declared == VIN_CN2 and f.severity == Severity.warning


def test_document_vin_not_declared():
    cmr = doc("cmr.pdf", "cmr", vins=[fv(VIN_CN), fv(VIN_CN2)])
    [f] = run(document_vin_declared, app(_vline(VIN_CN)), [cmr])
    assert f.found == VIN_CN2 and f.document == "cmr.pdf"


def test_misread_garbage_is_not_a_vin():
    cmr = doc("cmr.pdf", "cmr", vins=[fv("LSGKB54H8JA12")])
    assert run(document_vin_declared, app(_vline(VIN_CN)), [cmr]) == []


def test_check_digit_only_binding_for_north_america():
    assert run(declared_vin_valid, app(_vline(NA_VIN))) == []
    bad_na = NA_VIN[:8] + "1" + NA_VIN[9:]
    [f] = run(declared_vin_valid, app(_vline(bad_na)), lang="en")
    assert (f.code, f.severity) == ("vin_invalid", Severity.error) and "check digit" in f.message
    # a European/Asian VIN whose 9th character is no check digit is fine
    assert run(declared_vin_valid, app(_vline("WVWZZZ1JZXW000001"))) == []


def test_bad_format_is_invalid():
    [f] = run(declared_vin_valid, app(_vline("LSGKB54H8JA12345O")))
    assert f.code == "vin_invalid" and f.declared == "LSGKB54H8JA12345O"


def _tractor(*numbers: str):
    return line(hs_code="8701913500", weight_kg=3900.0, country="BY", vins=list(numbers))


def test_a_machines_serial_number_is_no_malformed_vin():
    """A tractor or harvester is identified by the maker's serial number: on its line a number of no VIN's
    length is sought among the documents' serial numbers, and is not reported invalid."""
    passport = doc("psm.pdf", "vehicle_passport", serial_numbers=[fv("808123456", "serial")])
    a = app(_tractor("808-123456"))
    assert run(declared_vin_valid, a, [passport]) == []
    assert run(declared_vin_found, a, [passport]) == []
    [f] = run(declared_vin_found, app(_tractor("808123457")), [passport], lang="en")
    assert (f.code, f.severity, f.declared) == ("vin_mismatch", Severity.warning, "808123457")
    assert "serial number" in f.message
    # a scan's 8/B slip is no other machine
    scanned = doc("psm.jpg", "vehicle_passport", serial_numbers=[fv("B08123456", "serial").model_copy(update={"source": "ocr"})])
    assert run(declared_vin_found, a, [scanned]) == []


def test_a_cars_short_number_and_a_machines_nonsense_are_still_invalid():
    [f] = run(declared_vin_valid, app(_vline("808123456")))
    assert f.code == "vin_invalid"
    [f] = run(declared_vin_valid, app(_tractor("AB")), lang="en")
    assert f.code == "vin_invalid" and "serial number" in f.message
    # a tractor with a VIN keeps the VIN rules
    [f] = run(declared_vin_found, app(_tractor(VIN_CN)), [doc("psm.pdf", "vehicle_passport")])
    assert f.declared == VIN_CN and "VIN" in f.message


def test_a_scans_misreading_of_a_declared_vin_is_not_another_vehicle() -> None:
    """A 110-dpi photo's CMR reads `WVW6CJ2EARH438566` for the declared `WVWGCJ2EXRH458566` (7373-0034) and shows
    nothing closer: that is its reading of the declared vehicle, not an undeclared one. Where the same paper also
    shows the declared VIN, a reading a few characters off is another vehicle of the batch; a text layer's is
    never a misreading."""
    declared = "WVWGCJ2EXRH458566"
    misread = fv("WVW6CJ2EARH438566").model_copy(update={"source": "ocr"})
    assert run(document_vin_declared, app(_vline(declared)), [doc("cmr.jpg", "cmr", vins=[misread])]) == []
    sibling = doc("cmr.jpg", "cmr", vins=[fv(declared).model_copy(update={"source": "ocr"}), misread])
    assert [f.found for f in run(document_vin_declared, app(_vline(declared)), [sibling])] == [misread.value]
    typed = doc("cmr.pdf", "cmr", vins=[fv("WVW6CJ2EARH438566")])
    assert [f.found for f in run(document_vin_declared, app(_vline(declared)), [typed])] == ["WVW6CJ2EARH438566"]
    far = fv("WVWZZZ1KZ8W123456").model_copy(update={"source": "ocr"})
    assert [f.found for f in run(document_vin_declared, app(_vline(declared)), [doc("cmr.jpg", "cmr", vins=[far])])] \
        == [far.value]
    # a glyph added and the last one lost shift every glyph between: two edits, though thirteen places differ
    # (6262-0141's CMR scan)
    shifted = fv("LRWRS5U0M5N073065").model_copy(update={"source": "ocr"})
    assert run(document_vin_declared, app(_vline("LRWR5U0M5N0730656")), [doc("cmr.tif", "cmr", vins=[shifted])]) == []
