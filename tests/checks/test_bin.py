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
