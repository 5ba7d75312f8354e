from checks.models import Severity
from checks.rules.plates import pass_plates_on_cmr
from tests.checks.build import app, clean_general_eaeu, clean_vehicle_non_eaeu, doc, fv, line, run


def test_clean_quiet_including_spacing_and_cyrillic():
    for a, docs, files in (clean_general_eaeu(), clean_vehicle_non_eaeu()):
        assert run(pass_plates_on_cmr, a, docs, files) == []
    cp = doc("p.jpg", "control_pass", plates=[fv("А123ВС 77")])
    cmr = doc("c.jpg", "cmr", plates=[fv("A123BC77")])
    assert run(pass_plates_on_cmr, app(line()), [cp, cmr]) == []


def test_mismatch_is_for_the_moderator_even_when_read_confidently():
    """Two documents disagreeing (a truck changed on the way, a pass of another trip) is not the payer's error."""
    cp = doc("p.jpg", "control_pass", plates=[fv("123ABC02"), fv("45XYZ02")])
    cmr = doc("c.jpg", "cmr", plates=[fv("777KZA01")])
    [f] = run(pass_plates_on_cmr, app(line()), [cp, cmr])
    assert (f.code, f.severity, f.document, f.other_document) == ("plate_mismatch", Severity.warning, "p.jpg", "c.jpg")
    assert f.declared == "123ABC02, 45XYZ02" and f.found == "777KZA01"


def test_unsure_reading_warning_and_no_cmr_plates_quiet():
    cp = doc("p.jpg", "control_pass", plates=[fv("123ABC02", conf=0.4)])
    cmr = doc("c.jpg", "cmr", plates=[fv("777KZA01")])
    assert [f.severity for f in run(pass_plates_on_cmr, app(line()), [cp, cmr])] == [Severity.warning]
    assert run(pass_plates_on_cmr, app(line()), [cp, doc("c.jpg", "cmr")]) == []


def test_a_scanned_plate_differing_by_look_alike_characters_is_the_same_plate():
    """The pass's photo reads `S8FFV02` for the CMR's `58FFV02`: OCR's 5/S, no other truck. Typed on both sides,
    the same difference is a different plate."""
    scanned = fv("S8FFV02").model_copy(update={"source": "ocr"})
    cmr = doc("c.pdf", "cmr", plates=[fv("58FFV02"), fv("410FZX08")])
    assert run(pass_plates_on_cmr, app(line()), [doc("p.jpg", "control_pass", plates=[scanned]), cmr]) == []
    assert [f.code for f in run(pass_plates_on_cmr, app(line()), [doc("p.pdf", "control_pass", plates=[fv("S8FFV02")]), cmr])] \
        == ["plate_mismatch"]
