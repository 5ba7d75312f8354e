from checks.models import Severity
from checks.rules.bin import applicant_bin_valid, consignee_is_applicant
from extractor.ids import kz_bin
from tests.checks.build import (
    APPLICANT_BIN,
    app,
    clean_general_eaeu,
    clean_vehicle_non_eaeu,
    doc,
    fv,
    line,
    nomenclature,
    run,
)

OTHER_BIN = next(b for b in (f"99034000{n:04d}" for n in range(100)) if kz_bin.is_valid(b))


def test_applicant_bin_fixture_is_valid():
    assert kz_bin.is_valid(APPLICANT_BIN)


def test_clean_filings_quiet():
    for a, docs, files in (clean_general_eaeu(), clean_vehicle_non_eaeu()):
        assert run(applicant_bin_valid, a, docs, files) == []
        assert run(consignee_is_applicant, a, docs, files) == []


def test_bad_check_digit():
    bad = APPLICANT_BIN[:-1] + str((int(APPLICANT_BIN[-1]) + 1) % 10)
    [f] = run(applicant_bin_valid, app(line(), bin=bad))
    assert (f.code, f.severity, f.declared) == ("bin_invalid", Severity.error, bad)


def test_consignee_on_declaration_differs():
    dt = doc("dt.pdf", "customs_declaration", bins=[fv(OTHER_BIN, "consignee")])
    [f] = run(consignee_is_applicant, app(line()), [dt])
    assert (f.code, f.severity, f.found, f.declared) == ("bin_mismatch", Severity.error, OTHER_BIN, APPLICANT_BIN)


def test_consignee_on_invoice_or_cmr_differs_is_warning():
    inv = doc("inv.pdf", "invoice", bins=[fv(OTHER_BIN, "buyer")])
    assert [f.severity for f in run(consignee_is_applicant, app(line()), [inv])] == [Severity.warning]


def test_applicant_in_another_role_is_fine_and_misread_ignored():
    dt = doc("dt.pdf", "customs_declaration", bins=[fv(OTHER_BIN, "consignee"), fv(APPLICANT_BIN, "declarant")])
    assert run(consignee_is_applicant, app(line()), [dt]) == []
    garbled = doc("dt.pdf", "customs_declaration", bins=[fv("180240012340", "consignee")])
    assert run(consignee_is_applicant, app(line()), [garbled]) == []


def test_a_bin_the_reader_placed_in_no_party_box_may_be_the_consignee():
    """The field reader gives a BIN it finds by its `БИН` label the role `bin`: on an invoice naming none but
    another firm's, the moderator is warned; one naming the applicant's anywhere is quiet. A paper about other
    goods (reported as irrelevant) is not looked at for it."""
    other = doc("inv.pdf", "invoice", bins=[fv(OTHER_BIN, "bin")])
    [f] = run(consignee_is_applicant, app(line()), [other])
    assert (f.code, f.severity, f.found) == ("bin_mismatch", Severity.warning, OTHER_BIN)
    both = doc("inv.pdf", "invoice", bins=[fv(OTHER_BIN, "bin"), fv(APPLICANT_BIN, "bin")])
    assert run(consignee_is_applicant, app(line()), [both]) == []
    stranger = doc("inv2.pdf", "invoice", bins=[fv(OTHER_BIN, "bin")], hs_codes=[fv("8517120000")],
                   invoice_numbers=[fv("Z-9")])
    assert run(consignee_is_applicant, app(line()), [stranger]) == []


def test_an_invoice_read_from_its_pdf_naming_another_consignee(tmp_path):
    """The seam between reader and rule: the BIN the reader finds on a real invoice PDF (role `bin`) is compared
    with the applicant's. Before, the rule took only BINs a hand-made test gave a party's role, and a real
    filing never warned."""
    from extractor.pipeline import Extractor
    from extractor.settings import ExtractSettings
    from service.pipeline import InputFile, check_extracted
    from tests.makedocs import text_pdf

    def invoice(bin_: str) -> bytes:
        return text_pdf(["INVOICE № INV-2024/0312 от 12.03.2024", "Покупатель: ТОО «Алатау Импорт»", f"БИН {bin_}",
                         "1 Шины 4011 10 000 3 11980 кг"])

    def bin_findings(bin_: str) -> list[str]:
        with Extractor(ExtractSettings(cache_dir=tmp_path, workers=1)) as ex:
            files = [InputFile(name="invoice.pdf", data=invoice(bin_))]
            extracted = ex.extract_many([(f.name, f.data) for f in files])
        report = check_extracted(app(line()), extracted, lang="en", nom=nomenclature("4011100003"))
        return [f"{f.severity.value} {f.found}" for f in report.findings if f.code == "bin_mismatch"]

    assert bin_findings(OTHER_BIN) == [f"warning {OTHER_BIN}"]
    assert bin_findings(APPLICANT_BIN) == []
