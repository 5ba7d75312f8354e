from datetime import date

from checks.models import Severity
from checks.rules.certificates import certificate_valid
from tests.checks.build import VIN_CN, app, clean_vehicle_non_eaeu, doc, fv, line, run


def _car(import_date: date):
    return line(hs_code="8703239087", weight_kg=1450.0, country="CN", vins=[VIN_CN], import_date=import_date)


def test_clean_quiet():
    a, docs, files = clean_vehicle_non_eaeu()
    assert run(certificate_valid, a, docs, files) == []


def test_expired_before_import():
    otts = doc("otts.pdf", "conformity_certificate", dates=[fv("2024-03-01", "valid_until"), fv("2021-03-01", "issue_date")])
    [f] = run(certificate_valid, app(_car(date(2024, 3, 15))), [otts])
    assert (f.code, f.severity, f.found, f.declared) == ("certificate_expired", Severity.error, "2024-03-01", "2024-03-15")
    assert run(certificate_valid, app(_car(date(2024, 3, 1))), [otts]) == []


def test_unsure_date_is_warning():
    otts = doc("otts.jpg", "conformity_certificate", dates=[fv("2024-03-01", "valid_until", conf=0.3)])
    assert [f.severity for f in run(certificate_valid, app(_car(date(2024, 3, 15))), [otts])] == [Severity.warning]


def test_the_latest_end_decides() -> None:
    """An extended certificate prints its first end and its new one: valid while the latest has not passed."""
    otts = doc("otts.pdf", "conformity_certificate", dates=[fv("2024-03-01", "valid_until"), fv("2029-01-31", "valid_until")])
    assert run(certificate_valid, app(_car(date(2024, 3, 15))), [otts]) == []
