from checks.models import Severity
from checks.rules.hs_code import code_exists, code_in_documents, nomenclature_loaded
from tests.checks.build import app, clean_general_eaeu, doc, fv, line, nomenclature, run


def test_code_not_in_nomenclature_is_invalid():
    nom = nomenclature("4011100003")
    assert run(code_exists, app(line()), nomenclature=nom) == []
    [f] = run(code_exists, app(line(hs_code="4011100009")), nomenclature=nom, lang="en")
    assert (f.code, f.severity, f.declared) == ("hs_code_invalid", Severity.error, "4011100009")
    assert "test-2024" in f.message


def test_structure_checked_without_nomenclature():
    assert run(code_exists, app(line())) == []
    [f] = run(code_exists, app(line(hs_code="40111000")))
    assert f.code == "hs_code_invalid"


def test_info_when_no_nomenclature():
    assert [(f.code, f.severity) for f in run(nomenclature_loaded, app(line()))] == [
        ("nomenclature_unavailable", Severity.info)]
    assert run(nomenclature_loaded, app(line()), nomenclature=nomenclature("4011100003")) == []


def test_declared_code_against_declaration_box_33():
    dt = doc("dt.pdf", "customs_declaration", hs_codes=[fv("4011100009", page=3)])
    [f] = run(code_in_documents, app(line(country="CN")), [dt])
    assert (f.code, f.severity, f.declared, f.found, f.page) == (
        "hs_code_mismatch", Severity.error, "4011100003", "4011100009", 3)
    ok = doc("dt.pdf", "customs_declaration", hs_codes=[fv("4011100003")])
    assert run(code_in_documents, app(line(country="CN")), [ok]) == []


def test_unsure_declaration_reading_is_warning():
    dt = doc("dt.pdf", "customs_declaration", hs_codes=[fv("4011100009", conf=0.4)])
    assert [f.severity for f in run(code_in_documents, app(line()), [dt])] == [Severity.warning]


def test_invoice_compared_on_six_digits_and_only_warns():
    a, docs, files = clean_general_eaeu()
    assert run(code_in_documents, a, docs, files) == []
    inv = doc("inv.pdf", "invoice", hs_codes=[fv("85171200")])
    [f] = run(code_in_documents, app(line()), [inv])
    assert f.severity == Severity.warning and f.found == "85171200"


def test_declaration_decides_over_invoice():
    inv = doc("inv.pdf", "invoice", hs_codes=[fv("4011100003")])
    dt = doc("dt.pdf", "customs_declaration", hs_codes=[fv("4011200000")])
    [f] = run(code_in_documents, app(line()), [inv, dt])
    assert f.document == "dt.pdf"


def test_each_line_found_among_many_codes():
    dt = doc("dt.pdf", "customs_declaration", hs_codes=[fv("4011100003"), fv("4011200000")])
    a = app(line(), line(hs_code="4011200000"), line(hs_code="4011800000"))
    [f] = run(code_in_documents, a, [dt])
    assert f.goods_line == 2 and f.severity == Severity.warning  # not on it, rather than misprinted


def test_product_passport_of_one_item_says_nothing_about_the_other_lines():
    pp = doc("pp.png", "product_passport", hs_codes=[fv("8528723001")])
    a = app(line(hs_code="8528723001", country="KZ"), line(hs_code="4818201000", country="KZ"), kind="producer")
    assert run(code_in_documents, a, [pp]) == []


def test_invalid_code_not_repeated_beside_the_mismatch_that_names_the_right_one():
    nom = nomenclature("2710196801")
    dt = doc("dt.pdf", "customs_declaration", hs_codes=[fv("2710196801")])
    a = app(line(hs_code="2710196808", country="CN"))
    assert run(code_exists, a, [dt], nomenclature=nom) == []
    assert [f.code for f in run(code_in_documents, a, [dt], nomenclature=nom)] == ["hs_code_mismatch"]
    assert [f.code for f in run(code_exists, a, [], nomenclature=nom)] == ["hs_code_invalid"]


def test_invoice_for_other_goods_is_not_compared():
    other = doc("ci.pdf", "invoice", hs_codes=[fv("3926200000")], net_weight_kg=fv(777.0, "net"))
    assert run(code_in_documents, app(line()), [other]) == []


def test_producers_release_invoice_and_eaeu_import_application_bind_the_code():
    inv = doc("inv.pdf", "invoice", hs_codes=[fv("4011100009")])
    [f] = run(code_in_documents, app(line(country="KZ"), kind="producer"), [inv])
    assert f.severity == Severity.error
    zayav = doc("z.pdf", "import_application", hs_codes=[fv("4011100009")])
    [f] = run(code_in_documents, app(line(country="RU")), [zayav])
    assert f.severity == Severity.error


def test_a_vehicles_type_approval_shows_its_code() -> None:
    """An EAEU vehicle's code may be on nothing but its type approval (ОТТС): compared on six digits, as an
    invoice's, but a sure reading that differs in them is an error (it classifies the vehicle itself); and a
    declared code that is in no edition is an error even where only such a paper names the right one (the
    invalid-code finding stands aside for the mismatch that names it)."""
    nom = nomenclature("8704439102")
    otts = doc("otts.pdf", "conformity_certificate", hs_codes=[fv("8704439102")])
    assert run(code_in_documents, app(line(hs_code="8704439102", country="RU")), [otts], nomenclature=nom) == []
    a = app(line(hs_code="8704239102", country="RU"))
    [f] = run(code_in_documents, a, [otts], nomenclature=nom)
    assert (f.code, f.severity, f.found, f.document) == ("hs_code_mismatch", Severity.error, "8704439102", "otts.pdf")
    assert run(code_exists, a, [otts], nomenclature=nom) == []
    nom2 = nomenclature("8704439102", "8704239102")
    [f] = run(code_in_documents, a, [otts], nomenclature=nom2)
    assert f.severity == Severity.error, "an existing code of another HS subheading than the type approval's"
    short = doc("otts.pdf", "conformity_certificate", hs_codes=[fv("87044391")])
    same_six = app(line(hs_code="8704439109", country="RU"))
    assert run(code_in_documents, same_six, [short], nomenclature=nom2) == [], "eight digits: the code's heading"
    unsure = doc("otts.jpg", "conformity_certificate", hs_codes=[fv("8704439102", conf=0.5, verified=False)])
    [f] = run(code_in_documents, a, [unsure], nomenclature=nom2)
    assert f.severity == Severity.warning, "a doubtful reading: a moderator looks"
    invoice = doc("inv.pdf", "invoice", hs_codes=[fv("8704439102")])
    [f] = run(code_in_documents, a, [invoice], nomenclature=nom2)
    assert f.severity == Severity.warning, "a seller's code may be its own country's reading"


def test_a_type_approvals_ten_digit_code_is_compared_in_full() -> None:
    """A type approval prints the EAEU TN VED code itself: one of its ten digits past the sixth differing from the
    declared code is the wrong code (8080-0190: 8703608099 approved, 8703605099 declared), unless the nomenclature
    has no such code (a misreading, compared on six digits as before)."""
    nom = nomenclature("8703605099", "8703608099")
    otts = doc("otts.pdf", "conformity_certificate", hs_codes=[fv("8703608099")])
    a = app(line(hs_code="8703605099", country="RU"))
    [f] = run(code_in_documents, a, [otts], nomenclature=nom)
    assert (f.severity, f.found, f.document) == (Severity.error, "8703608099", "otts.pdf")
    assert run(code_in_documents, app(line(hs_code="8703608099", country="RU")), [otts], nomenclature=nom) == []
    misread = doc("otts.jpg", "conformity_certificate", hs_codes=[fv("8703608091", conf=0.6)])
    assert run(code_in_documents, a, [misread], nomenclature=nom) == []
    cmr = doc("cmr.pdf", "cmr", hs_codes=[fv("8703608099")])
    assert run(code_in_documents, a, [cmr], nomenclature=nom) == [], "a carrier's code: six digits"
    # a scan's reading that another paper contradicts by printing the declared code itself: a misread digit
    scanned = doc("sbkts.tif", "conformity_certificate", hs_codes=[fv("8703608099").model_copy(update={"source": "ocr"})])
    declared_on_cmr = doc("cmr.pdf", "cmr", hs_codes=[fv("8703605099")])
    assert run(code_in_documents, a, [scanned, declared_on_cmr], nomenclature=nom) == []
    printed = doc("otts.pdf", "conformity_certificate", hs_codes=[fv("8703608099").model_copy(update={"source": "text"})])
    assert [f.document for f in run(code_in_documents, a, [printed, declared_on_cmr], nomenclature=nom)] == ["otts.pdf"]
