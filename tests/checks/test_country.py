from checks.models import Severity
from checks.rules.country import declared_country
from extractor.field_models import FieldValue
from extractor.ids import country as country_id
from tests.checks.build import app, clean_general_eaeu, clean_vehicle_non_eaeu, doc, fv, line, run


def test_clean_filings_quiet():
    for a, docs, files in (clean_general_eaeu(), clean_vehicle_non_eaeu()):
        assert run(declared_country, a, docs, files) == []


def test_declaration_origin_differs():
    dt = doc("dt.pdf", "customs_declaration", countries=[fv("TR", "origin"), fv("TR", "dispatch")])
    [f] = run(declared_country, app(line(country="Китай")), [dt], lang="en")
    assert (f.code, f.severity, f.declared, f.found) == ("country_mismatch", Severity.error, "CN", "TR")
    assert country_id.name("CN", "en") in f.message and country_id.name("TR", "en") in f.message


def test_any_role_agreeing_is_enough():
    dt = doc("dt.pdf", "customs_declaration", countries=[fv("CN", "origin"), fv("DE", "dispatch")])
    cmr = doc("cmr.pdf", "cmr", countries=[fv("DE", "sender")])
    assert run(declared_country, app(line(country="DE")), [dt, cmr]) == []
    assert run(declared_country, app(line(country="CN")), [dt, cmr]) == []


def test_cmr_sender_unsure_is_warning():
    cmr = doc("cmr.jpg", "cmr", countries=[fv("BY", "sender", conf=0.5)])
    [f] = run(declared_country, app(line(country="RU")), [cmr])
    assert f.severity == Severity.warning


def test_unrecognised_country_is_reported():
    [f] = run(declared_country, app(line(country="Атлантида")), [])
    assert f.severity == Severity.warning and f.declared == "Атлантида"


def test_producers_skip():
    dt = doc("dt.pdf", "customs_declaration", countries=[fv("TR", "origin")])
    assert run(declared_country, app(line(country="KZ"), kind="producer"), [dt]) == []


def test_producer_country_from_product_passport():
    pp = doc("pp.pdf", "product_passport", countries=[fv("KZ", "origin")])
    [f] = run(declared_country, app(line(country="BY"), kind="producer"), [pp])
    assert (f.code, f.severity, f.found) == ("country_mismatch", Severity.error, "KZ")
    assert run(declared_country, app(line(country="KZ"), kind="producer"), [pp]) == []


def test_a_finding_carries_its_message_in_every_language():
    """The report is made in the payer's language; a moderator reading in another sees the same finding in theirs,
    with the country names in that language too."""
    dt = doc("dt.pdf", "customs_declaration", countries=[fv("TR", "origin"), fv("TR", "dispatch")])
    [f] = run(declared_country, app(line(country="Китай")), [dt], lang="ru")
    assert set(f.messages) == {"ru", "kk", "en"} and f.messages["ru"] == f.message
    for lang in ("ru", "kk", "en"):
        assert country_id.name("TR", lang) in f.messages[lang]
    assert f.messages["en"] != f.messages["ru"] and country_id.name("TR", "ru") not in f.messages["en"]


def test_an_eu_origin_bears_out_a_member_state():
    """A declaration's box 34 may say `EU` when the member state is unknown: a German line agrees with it, a
    Chinese one does not, and the finding names the European Union."""
    dt = doc("dt.pdf", "customs_declaration", countries=[fv("EU", "origin"), fv("EU", "dispatch")])
    assert run(declared_country, app(line(country="Германия")), [dt]) == []
    [f] = run(declared_country, app(line(country="CN")), [dt], lang="en")
    assert (f.code, f.found) == ("country_mismatch", "EU") and "European Union" in f.message


def test_eaeu_goods_are_checked_against_their_invoice_waybill_and_application():
    """Goods from Kyrgyzstan come with no declaration or CMR: their invoice's origin, the waybill's sender and the
    application's countries say where from, and a line declared from Belarus disagrees (Rules 763 p.16)."""
    inv = doc("CI.pdf", "invoice", countries=[fv("KG", "origin")])
    tn = doc("tn.pdf", "waybill", countries=[fv("KG", "dispatch")])
    zv = doc("z.pdf", "import_application", countries=[fv("KG", "sender"), fv("KG", "origin")])
    [f] = run(declared_country, app(line(country="BY")), [inv, tn, zv])
    assert (f.code, f.severity, f.found, f.document) == ("country_mismatch", Severity.error, "KG", "CI.pdf")
    assert run(declared_country, app(line(country="Кыргызстан")), [inv, tn, zv]) == []
    # an invoice names the seller's country too: only its goods' origin counts
    seller = doc("CI.pdf", "invoice", countries=[fv("DE", "sender"), fv("CN", "origin")])
    assert run(declared_country, app(line(country="CN")), [seller]) == []


def test_the_evidence_is_the_country_on_the_lines_own_row():
    """An invoice's origin column gives a country per row: the finding for the second line points at the second
    row's country, not the first row's, so the moderator sees the box that disagrees."""
    rows = [("3917320001", "BY", 100.0), ("8471702000", "CN", 140.0)]
    inv = doc("invoice.pdf", "invoice",
              hs_codes=[FieldValue(value=c, page=1, bbox=(300, y, 350, y + 8), confidence=0.95) for c, _, y in rows],
              countries=[FieldValue(value=k, page=1, bbox=(700, y, 724, y + 8), confidence=0.95, role="origin")
                         for _, k, y in rows])
    a = app(line(hs_code="3917320001", country="BY"), line(hs_code="8471702000", country="AM"))
    [f] = run(declared_country, a, [inv])
    assert (f.goods_line, f.found, f.bbox) == (1, "CN", (700, 140.0, 724, 148.0))


def test_a_producer_declaring_a_foreign_country_against_a_kazakh_paper_must_fix_it():
    """A Kazakh producer's goods are made in Kazakhstan: a scanned product passport read unsurely as `KZ` bears
    out what the applicant is, so `Ресей` declared is an error; an unsure reading of another country stays a
    warning, and an importer's unsure `KZ` too."""
    pp = doc("pp.jpg", "product_passport", countries=[fv("KZ", "origin", conf=0.5, verified=False)])
    [f] = run(declared_country, app(line(country="Ресей"), kind="producer"), [pp])
    assert (f.severity, f.declared, f.found) == (Severity.error, "RU", "KZ")
    other = doc("pp.jpg", "product_passport", countries=[fv("BY", "origin", conf=0.5, verified=False)])
    [f] = run(declared_country, app(line(country="Ресей"), kind="producer"), [other])
    assert f.severity == Severity.warning
    inv = doc("inv.jpg", "invoice", countries=[fv("KZ", "origin", conf=0.5, verified=False)])
    [f] = run(declared_country, app(line(country="Ресей")), [inv])
    assert f.severity == Severity.warning


def test_a_producer_line_from_abroad_is_wrong_without_a_paper_of_its_own():
    """A producer's goods are made in Kazakhstan (Rules 763 p.18): a line declared from Belarus that no paper of its
    own speaks for contradicts the application. Another line's product passport saying `KZ` is the evidence; with
    no paper read, the finding stands on the applicant's kind alone. An importer's line is left to its papers."""
    pp = doc("pp.pdf", "product_passport", hs_codes=[fv("8528719100")], countries=[fv("KZ", "origin")])
    lines = (line(hs_code="8528719100", country="Қазақстан"), line(hs_code="4802401000", country="BY"))
    [f] = run(declared_country, app(*lines, kind="producer"), [pp], lang="en")
    assert (f.goods_line, f.severity, f.declared, f.found, f.document, f.rule) == (
        1, Severity.error, "BY", "KZ", "pp.pdf", "Rules 763 p.18")
    [f] = run(declared_country, app(line(country="KG"), kind="producer"), [], lang="ru")
    assert (f.severity, f.declared, f.document) == (Severity.error, "KG", None)
    assert country_id.name("KG", "ru") in f.message and "производител" in f.message
    assert run(declared_country, app(line(country="KZ"), kind="producer"), []) == []
    assert run(declared_country, app(line(country="KG")), []) == []
