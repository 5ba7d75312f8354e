from datetime import date

import pytest

from checks.engine import run_checks, verdict_of
from checks.models import Finding, Severity, Verdict
from checks.rules import ALL_RULES
from checks.rules.base import rule
from tests.checks.build import app, clean_general_eaeu, clean_vehicle_non_eaeu, doc, line, nomenclature

NOM = nomenclature("4011100003", "8703239087")


def _f(severity: Severity) -> Finding:
    return Finding(code="x", severity=severity, message="m")


def test_verdict_logic():
    assert verdict_of([]) == Verdict.passed
    assert verdict_of([_f(Severity.info)]) == Verdict.passed
    assert verdict_of([_f(Severity.info), _f(Severity.warning)]) == Verdict.review
    assert verdict_of([_f(Severity.warning), _f(Severity.error)]) == Verdict.needs_fix


def test_clean_general_eaeu_filing_passes():
    a, docs, files = clean_general_eaeu()
    report = run_checks(a, docs, files, nomenclature=NOM, today=date(2024, 4, 10))
    assert [f for f in report.findings if f.severity != Severity.info] == []
    assert report.verdict == Verdict.passed
    assert report.nomenclature == "test-2024"
    assert [d.file for d in report.documents] == [d.file for d in docs]
    assert report.documents[1].declared_type == "packlist"


def test_a_power_of_attorney_passes_and_the_report_names_its_kind():
    a, docs, files = clean_general_eaeu()
    a = a.model_copy(update={"files": {**a.files, "doc.pdf": a.files[docs[0].file].model_copy(
        update={"declared_type": "other"})}})
    attorney = doc("doc.pdf", "other").model_copy(update={"kind": "power_of_attorney"})
    report = run_checks(a, [*docs, attorney], files, nomenclature=NOM, today=date(2024, 4, 10))
    assert report.verdict == Verdict.passed
    assert [d.kind for d in report.documents if d.file == "doc.pdf"] == ["power_of_attorney"]


@pytest.mark.parametrize(("kind", "flagged"), [("contract", False), ("payment_order", True)])
def test_a_supply_contract_belongs_to_the_filing_and_a_payment_order_does_not(kind: str, flagged: bool):
    a, docs, files = clean_general_eaeu()
    a = a.model_copy(update={"files": {**a.files, "doc.pdf": a.files[docs[0].file].model_copy(
        update={"declared_type": "other"})}})
    paper = doc("doc.pdf", "other").model_copy(update={"kind": kind})
    report = run_checks(a, [*docs, paper], files, nomenclature=NOM, today=date(2024, 4, 10))
    assert any(f.code == "irrelevant_document" and f.severity == Severity.warning for f in report.findings) == flagged


def test_clean_vehicle_filing_passes():
    a, docs, files = clean_vehicle_non_eaeu()
    report = run_checks(a, docs, files, nomenclature=NOM, lang="en", today=date(2024, 7, 1))
    assert [f for f in report.findings if f.severity != Severity.info] == []
    assert report.verdict == Verdict.passed
    assert report.language == "en"


def test_without_nomenclature_an_info_says_so_and_report_names_none():
    a, docs, files = clean_general_eaeu()
    report = run_checks(a, docs, files, today=date(2024, 4, 10))
    assert report.nomenclature is None
    assert "nomenclature_unavailable" in [f.code for f in report.findings]
    assert report.verdict == Verdict.passed


def test_defects_give_needs_fix_errors_first():
    a, docs, files = clean_general_eaeu()
    a.goods[0] = line(weight_kg=9000.0)
    report = run_checks(a, docs, files, nomenclature=NOM)
    assert report.verdict == Verdict.needs_fix
    assert report.findings[0].severity == Severity.error
    assert "weight_mismatch" in [f.code for f in report.findings]


def test_a_crashing_rule_becomes_a_warning():
    @rule("boom", "Rules 763 p.15")
    def broken(ctx, r):
        raise RuntimeError("bug")

    report = run_checks(app(line()), [], [], rules=[broken])
    assert [(f.code, f.severity) for f in report.findings] == [("check_failed", Severity.warning)]
    assert report.verdict == Verdict.review


def test_rules_are_named_and_cite():
    names = [r.name for r in ALL_RULES]
    assert len(names) == len(set(names))
    for r in ALL_RULES:
        assert r.code
        assert r.cites == "" or r.cites.startswith(("Rules 763 p.", "portal guide"))


def _messy():
    a, docs, files = clean_general_eaeu()
    a.goods[0] = line(weight_kg=12450.5, country="CN", hs_code="4011100009", invoice_number="INV-1")
    docs[3] = docs[3].model_copy(update={"doc_type": "control_pass"})
    del docs[4]  # the import application, which the documents' Russian origin requires
    files.append(files[0].model_copy(update={"name": "invoice copy.pdf"}))
    files.append(files[0].model_copy(update={"name": "photo.heic", "sha256": "other", "error_code": "unsupported_file"}))
    return a, docs, files


def test_messy_filing_renders_every_message_in_every_language():
    a, docs, files = _messy()
    for lang in ("ru", "kk", "en"):
        report = run_checks(a, docs, files, nomenclature=NOM, lang=lang, today=date(2024, 6, 1))
        found = {f.code for f in report.findings}
        assert {"weight_mismatch", "hs_code_invalid", "missing_document", "duplicate_document",
                "unsupported_file", "invoice_number_mismatch", "country_mismatch"} <= found
        assert report.verdict == Verdict.needs_fix
        for f in report.findings:
            assert f.message and "{" not in f.message and "()" not in f.message, f
