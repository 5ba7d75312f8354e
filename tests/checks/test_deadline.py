from datetime import date

from checks.models import Severity
from checks.rules.deadline import deadline, monthly_deadline
from tests.checks.build import app, clean_vehicle_non_eaeu, line, run


def test_deadline_by_size():
    assert deadline(2024, 3, "small") == date(2024, 4, 20)
    assert deadline(2024, 3, "medium") == date(2024, 4, 25)
    assert deadline(2024, 3, "large") == date(2024, 4, 30)
    assert deadline(2024, 1, None) == date(2024, 2, 29)
    assert deadline(2024, 12, "small") == date(2025, 1, 20)


def test_small_business_late():
    [f] = run(monthly_deadline, app(line(), size="small", submitted_on=date(2024, 4, 21)), lang="en")
    assert (f.code, f.severity, f.found) == ("deadline_missed", Severity.warning, "2024-04-20")
    assert "March 2024" in f.message
    assert run(monthly_deadline, app(line(), size="small", submitted_on=date(2024, 4, 20))) == []
    assert run(monthly_deadline, app(line(), size="large", submitted_on=date(2024, 4, 30))) == []


def test_unknown_size_uses_last_day_and_is_info():
    assert run(monthly_deadline, app(line(), size=None, submitted_on=date(2024, 4, 25))) == []
    [f] = run(monthly_deadline, app(line(), size=None, submitted_on=date(2024, 5, 2)), lang="en")
    assert f.severity == Severity.info and "most lenient" in f.message


def test_vehicles_exempt_and_today_used_when_no_filing_date():
    a, docs, files = clean_vehicle_non_eaeu()
    assert run(monthly_deadline, a, docs, files, today=date(2025, 1, 1)) == []
    late = app(line(), submitted_on=None)
    assert len(run(monthly_deadline, late, today=date(2024, 6, 1))) == 1
    assert run(monthly_deadline, late, today=date(2024, 4, 1)) == []
