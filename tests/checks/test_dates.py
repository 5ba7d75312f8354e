from datetime import date

from checks.models import Severity
from checks.rules.dates import import_date
from checks.settings import CheckSettings
from tests.checks.build import app, clean_general_eaeu, clean_vehicle_non_eaeu, doc, fv, line, run


def test_clean_filings_quiet():
    for a, docs, files in (clean_general_eaeu(), clean_vehicle_non_eaeu()):
        assert run(import_date, a, docs, files) == []


def test_eaeu_against_crossing_date():
    cp = doc("pass.jpg", "control_pass", dates=[fv("2024-03-17", "crossing_date")])
    [f] = run(import_date, app(line()), [cp], lang="en")
    assert (f.code, f.severity, f.declared, f.found) == ("import_date_mismatch", Severity.error, "2024-03-15", "2024-03-17")
    assert "border crossing" in f.message and f.rule == "Rules 763 p.16"


def test_tolerance_in_days():
    cp = doc("pass.jpg", "control_pass", dates=[fv("2024-03-16", "crossing_date")])
    assert len(run(import_date, app(line()), [cp])) == 1
    assert run(import_date, app(line()), [cp], settings=CheckSettings(date_tolerance_days=1)) == []


def test_non_eaeu_against_release_or_registration():
    dt = doc("dt.pdf", "customs_declaration",
             dates=[fv("2024-03-20", "release_date"), fv("2024-03-15", "registration_date")])
    assert run(import_date, app(line(country="CN")), [dt]) == []
    dt2 = doc("dt.pdf", "customs_declaration", dates=[fv("2024-03-20", "release_date")])
    [f] = run(import_date, app(line(country="CN")), [dt2])
    assert f.found == "2024-03-20" and f.rule == "Rules 763 p.17"


def test_other_dates_do_not_count():
    cp = doc("inv.pdf", "invoice", dates=[fv("2024-03-01", "invoice_date")])
    assert run(import_date, app(line()), [cp]) == []


def test_unsure_reading_is_warning():
    cp = doc("pass.jpg", "control_pass", dates=[fv("2024-03-17", "crossing_date", conf=0.3)])
    assert [f.severity for f in run(import_date, app(line()), [cp])] == [Severity.warning]


def test_eaeu_vehicle_without_pass_compared_with_application_date():
    a = app(line(hs_code="8703239087", vins=["XTA210990Y2765432"]), submitted_on=date(2024, 4, 1))
    [f] = run(import_date, a, [])
    assert (f.severity, f.found) == (Severity.info, "2024-04-01")
    same = app(line(hs_code="8703239087", import_date=date(2024, 4, 1)), submitted_on=date(2024, 4, 1))
    assert run(import_date, same, []) == []


def test_producer_date_against_the_release_invoice():
    inv = doc("inv.pdf", "invoice", dates=[fv("2024-03-18", "invoice_date")])
    later = app(line(country="KZ", import_date=date(2024, 3, 25)), kind="producer")
    [f] = run(import_date, later, [inv])
    assert (f.severity, f.found) == (Severity.error, "2024-03-18")
    earlier = app(line(country="KZ", import_date=date(2024, 3, 11)), kind="producer")
    assert [f.severity for f in run(import_date, earlier, [inv])] == [Severity.warning]
    assert run(import_date, app(line(country="KZ", import_date=date(2024, 3, 18)), kind="producer"), [inv]) == []


def test_non_eaeu_release_after_crossing_is_quiet_without_the_declaration():
    """The customs declaration is missing (reported as such); the control pass alone cannot prove a
    declared release date a few days after the crossing wrong."""
    cp = doc("pass.pdf", "control_pass", dates=[fv("2023-04-20", "crossing_date")])
    a = app(line(hs_code="8703239087", country="CN", import_date=date(2023, 4, 24)))
    assert run(import_date, a, [cp]) == []
    before = app(line(hs_code="8703239087", country="CN", import_date=date(2023, 4, 10)))
    assert len(run(import_date, before, [cp])) == 1


def test_non_eaeu_release_after_crossing_is_quiet_beside_a_declaration_date_read_unsurely():
    """A scanned declaration whose only date read (unverified) was another paper's, taken for its registration
    (seed 9393: the invoice date in box 44): it proves the sure crossing date's release a day later no more wrong
    than a missing declaration does. Read surely, the declaration's date says the declared one is wrong."""
    cp = doc("pass.jpg", "control_pass", dates=[fv("2024-01-21", "crossing_date")])
    a = app(line(hs_code="8703239087", country="DE", import_date=date(2024, 1, 22)))
    unsure = doc("dt.tif", "customs_declaration", dates=[fv("2024-01-11", "registration_date", conf=0.83, verified=False)])
    assert run(import_date, a, [cp, unsure]) == []
    sure = doc("dt.tif", "customs_declaration", dates=[fv("2024-01-11", "registration_date")])
    assert len(run(import_date, a, [cp, sure])) == 1
