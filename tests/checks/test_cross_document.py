from checks.models import Severity
from checks.rules.cross_document import cmr_before_crossing, weights_between_documents
from tests.checks.build import app, clean_general_eaeu, clean_vehicle_non_eaeu, doc, fv, line, run


def test_clean_filings_quiet():
    for a, docs, files in (clean_general_eaeu(), clean_vehicle_non_eaeu()):
        assert run(weights_between_documents, a, docs, files) == []
        assert run(cmr_before_crossing, a, docs, files) == []


def test_packing_list_and_declaration_disagree_on_net():
    pl = doc("pl.xlsx", "packing_list", net_weight_kg=fv(11980.0, "net"))
    dt = doc("dt.pdf", "customs_declaration", net_weight_kg=fv(12980.0, "net"))
    [f] = run(weights_between_documents, app(line(weight_kg=12500.0)), [pl, dt])
    assert (f.code, f.severity, f.document, f.other_document, f.declared, f.found) == (
        "weight_mismatch", Severity.warning, "pl.xlsx", "dt.pdf", "11980", "12980")


def test_two_documents_of_one_bundle_are_told_apart_by_type_and_page():
    """A scanned bundle holds the packing list on page 1 and the declaration on page 3: `bundle.pdf shows 4895.5
    kg, bundle.pdf shows 15981.15 kg` told the moderator nothing."""
    pl = doc("bundle.pdf", "packing_list", pages=[1], net_weight_kg=fv(11980.0, "net", page=1))
    dt = doc("bundle.pdf", "customs_declaration", pages=[3, 4], net_weight_kg=fv(12980.0, "net", page=3))
    [f] = run(weights_between_documents, app(line(weight_kg=12500.0)), [pl, dt])
    assert "packing list" in f.messages["en"] and "page 1" in f.messages["en"]
    assert "customs declaration (bundle.pdf, page 3)" in f.messages["en"], f.messages["en"]
    assert "стр. 3" in f.messages["ru"] and "3-бет" in f.messages["kk"]


def test_disagreement_between_documents_is_only_noted_once_one_confirms_the_declared_weight():
    """A misread packing list beside a declaration that proves the declared net must not hold up a clean filing."""
    pl = doc("pl.xlsx", "packing_list", net_weight_kg=fv(121.0, "net"))
    dt = doc("dt.pdf", "customs_declaration", net_weight_kg=fv(11980.0, "net"))
    [f] = run(weights_between_documents, app(line()), [pl, dt])
    assert f.severity == Severity.info


def test_gross_compared_with_cmr():
    pl = doc("pl.xlsx", "packing_list", gross_weight_kg=fv(12450.5, "gross"))
    cmr = doc("cmr.jpg", "cmr", gross_weight_kg=fv(12000.0, "gross"))
    assert len(run(weights_between_documents, app(line()), [pl, cmr])) == 1


def test_crossing_before_cmr_is_a_warning():
    cp = doc("p.jpg", "control_pass", dates=[fv("2024-03-10", "crossing_date")])
    cmr = doc("c.jpg", "cmr", dates=[fv("2024-03-12", "cmr_date")])
    [f] = run(cmr_before_crossing, app(line()), [cp, cmr])
    assert (f.code, f.severity, f.declared, f.found) == ("import_date_mismatch", Severity.warning, "2024-03-10", "2024-03-12")
    ok = doc("p.jpg", "control_pass", dates=[fv("2024-03-14", "crossing_date")])
    assert run(cmr_before_crossing, app(line()), [ok, cmr]) == []


def test_several_passes_paired_by_plate():
    cp1 = doc("p1.jpg", "control_pass", dates=[fv("2024-03-14", "crossing_date")], plates=[fv("123ABC02")])
    cp2 = doc("p2.jpg", "control_pass", dates=[fv("2024-01-01", "crossing_date")], plates=[fv("999ZZZ02")])
    cmr = doc("c.jpg", "cmr", dates=[fv("2024-03-12", "cmr_date")], plates=[fv("123 ABC 02")])
    assert run(cmr_before_crossing, app(line()), [cp1, cp2, cmr]) == []


def test_a_scans_figure_that_is_the_others_misread_is_no_disagreement() -> None:
    """A CMR photo's `82369` beside the declaration's 8236.9 (7373-0273), a packing list scan's `87,4` beside the
    CMR's 887.4 (7373-0249): one figure, misread; two figures apart stay a disagreement."""
    for read, printed in ((82369.0, 8236.9), (87.4, 887.4)):
        cmr = doc("cmr.jpg", "cmr", gross_weight_kg=fv(read, "gross").model_copy(update={"source": "ocr"}))
        dt = doc("dt.pdf", "customs_declaration", gross_weight_kg=fv(printed, "gross"))
        assert run(weights_between_documents, app(line(weight_kg=printed)), [cmr, dt]) == [], read
    cmr = doc("cmr.jpg", "cmr", gross_weight_kg=fv(8936.9, "gross").model_copy(update={"source": "ocr"}))
    dt = doc("dt.pdf", "customs_declaration", gross_weight_kg=fv(8236.9, "gross"))
    assert len(run(weights_between_documents, app(line(weight_kg=8236.9)), [cmr, dt])) == 1
