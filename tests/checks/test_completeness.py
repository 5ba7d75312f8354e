from checks.models import Severity
from checks.rules.completeness import application_form, required_documents
from tests.checks.build import (
    app,
    clean_general_eaeu,
    clean_vehicle_non_eaeu,
    doc,
    evidence,
    fv,
    line,
    run,
)


def _missing(findings):
    return {f.doc_type: f.severity for f in findings if f.code == "missing_document"}


def test_clean_general_eaeu_needs_nothing_more():
    a, docs, files = clean_general_eaeu()
    assert run(required_documents, a, docs, files) == []


def test_clean_vehicle_needs_nothing_more():
    a, docs, files = clean_vehicle_non_eaeu()
    assert run(required_documents, a, docs, files) == []


def test_general_non_eaeu_requires_declaration_and_p15_set():
    a = app(line(country="CN"))
    missing = _missing(run(required_documents, a, []))
    assert missing == {
        "packing_list": Severity.error,
        "waybill": Severity.error,
        "invoice": Severity.error,
        "customs_declaration": Severity.error,
    }


def test_general_eaeu_control_pass_is_if_any_and_import_application_required():
    a = app(line(country="BY"))
    missing = _missing(run(required_documents, a, []))
    assert missing["control_pass"] == Severity.warning
    assert missing["import_application"] == Severity.error
    assert "customs_declaration" not in missing


def test_alternatives_satisfy_requirement():
    a = app(line(country="CN"))
    docs = [doc("a", "product_passport"), doc("b", "waybill"), doc("c", "invoice"), doc("d", "customs_declaration")]
    assert run(required_documents, a, docs) == []


def test_vehicle_non_eaeu_set():
    a = app(line(hs_code="8703239087", country="JP", vins=["JT2BF22K1Y0123456"]))
    assert _missing(run(required_documents, a, [])) == {
        "customs_declaration": Severity.error,
        "control_pass": Severity.error,
        "conformity_certificate": Severity.error,
    }


def test_vehicle_eaeu_set_with_if_any_documents():
    a = app(line(hs_code="8703239087", country="RU", vins=["XTA210990Y2765432"]))
    assert _missing(run(required_documents, a, [])) == {
        "control_pass": Severity.warning,
        "vehicle_passport": Severity.error,
        "conformity_certificate": Severity.error,
        "acceptance_certificate": Severity.warning,
        "waybill": Severity.warning,
    }


def test_packaging_eaeu_and_non_eaeu():
    eaeu = run(required_documents, app(line(category="packaging", country="KG")), [])
    assert sorted((f.doc_type, f.severity, f.rule) for f in eaeu) == [
        ("packing_list", Severity.error, "Rules 763 p.31"),
        ("packing_list", Severity.warning, "Rules 763 p.32"),
        ("waybill", Severity.error, "Rules 763 p.31"),
    ]
    other = _missing(run(required_documents, app(line(category="packaging", country="TR")), []))
    assert other == {"customs_declaration": Severity.error, "packing_list": Severity.warning}


def test_producer_needs_the_release_note_the_e_invoice_and_product_passport_if_any():
    """p.18: the invoice for the release of stocks (form З-2, typed a waybill) and the electronic invoice, both."""
    a = app(line(country="KZ"), kind="producer")
    assert _missing(run(required_documents, a, [])) == {
        "invoice": Severity.error, "waybill": Severity.error, "product_passport": Severity.warning}
    [f] = run(required_documents, a, [doc("a", "invoice"), doc("b", "product_passport")])
    assert f.doc_type == "waybill" and "З-2" in f.messages["ru"] and "release of stocks" in f.messages["en"]
    both = run(required_documents, a, [doc("a", "invoice"), doc("b", "waybill")])
    assert [(f.doc_type, f.severity) for f in both] == [("product_passport", Severity.warning)]


def test_unreadable_file_declared_as_the_required_type_is_not_also_missing():
    a = app(line(country="CN"), files={"dt.pdf": "customdec"})
    docs = [doc("a", "packing_list"), doc("b", "cmr"), doc("c", "invoice")]
    for error in ("corrupt_file", "unsupported_file"):
        files = [evidence("dt.pdf", declared="customdec", error=error)]
        assert run(required_documents, a, docs, files) == []
    blank = [evidence("dt.pdf", declared="customdec", words=0)]
    assert run(required_documents, a, docs, blank) == []


def test_declared_file_of_unsure_type_goes_to_moderator():
    a = app(line(country="CN"), files={"dt.pdf": "customdec"})
    docs = [doc("a", "packing_list"), doc("b", "cmr"), doc("c", "invoice"), doc("dt.pdf", "waybill", conf=0.5)]
    found = run(required_documents, a, docs, [evidence("dt.pdf", declared="customdec")])
    assert [(f.code, f.severity, f.document) for f in found] == [("missing_document", Severity.warning, "dt.pdf")]


def test_missing_lists_each_line_once():
    a = app(line(country="CN"), line(country="CN", hs_code="4011200000"))
    found = [f for f in run(required_documents, a, []) if f.doc_type == "customs_declaration"]
    assert len(found) == 1
    assert found[0].goods_line == 0
    assert "1, 2" in found[0].message


def test_message_names_the_document_in_the_language():
    a = app(line(country="CN"))
    en = {f.doc_type: f.message for f in run(required_documents, a, [], lang="en")}
    ru = {f.doc_type: f.message for f in run(required_documents, a, [], lang="ru")}
    assert "customs declaration" in en["customs_declaration"] and "Rules 763 p.17" in en["customs_declaration"]
    assert "декларация на товары" in ru["customs_declaration"] and "п.17" in ru["customs_declaration"]


def test_application_form_info_only_when_absent():
    a, docs, files = clean_general_eaeu()
    assert run(application_form, a, docs, files) == []
    found = run(application_form, app(line()), [])
    assert [(f.code, f.severity) for f in found] == [("missing_document", Severity.info)]


def test_requirements_follow_the_documented_origin_when_the_declared_country_is_wrong():
    """Goods declared from Belarus with a Chinese customs declaration: the country is wrong, the DT is no extra
    (and no import application or control pass is missing)."""
    a = app(line(country="BY"))
    docs = [doc("pl", "packing_list"), doc("cmr", "cmr", countries=[fv("CN", "sender")]), doc("inv", "invoice"),
            doc("dt", "customs_declaration", countries=[fv("CN", "origin")])]
    assert run(required_documents, a, docs) == []


def test_goods_of_foreign_origin_shipped_on_from_an_eaeu_state_need_the_non_eaeu_set():
    """A payer enters KZ, the importing country; the declaration gives Germany as origin and Russia as the country
    of dispatch. The documents disagree on the side, so their origin decides: the non-EAEU list applies, and no
    import application (an EAEU paper) is asked for."""
    a = app(line(country="KZ"))
    docs = [doc("pl", "packing_list"), doc("inv", "invoice"), doc("waybill", "waybill", countries=[fv("RU", "dispatch")]),
            doc("dt", "customs_declaration", countries=[fv("RU", "dispatch"), fv("DE", "origin")])]
    assert run(required_documents, a, docs) == []
