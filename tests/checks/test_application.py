"""The application JSON as payers' tools write it: encodings, and weights and dates typed as text."""

import json
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from checks.models import Application

APP: dict[str, Any] = {
    "applicant": {"name": "ТОО «Алатау Импорт»", "bin": "180240012342", "kind": "importer"},
    "goods": [{"hs_code": "4011 10 000 3", "weight_kg": 11980.0, "import_date": "2024-03-15", "country": "Россия"}],
    "submitted_on": "2024-04-10",
}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251"])
def test_windows_encodings_read(encoding: str) -> None:
    app = Application.from_json(json.dumps(APP, ensure_ascii=False).encode(encoding))
    assert app.applicant.name == "ТОО «Алатау Импорт»"
    assert app.goods[0].country_code == "RU"


def test_a_form_field_with_a_bom_reads() -> None:
    assert Application.from_json("\ufeff" + json.dumps(APP)).goods[0].hs_code == "4011100003"


@pytest.mark.parametrize(("typed", "kg"), [("11 980,5", 11980.5), ("11,980.50 kg", 11980.5), ("11980", 11980.0),
                                           ("12,45 т", 12450.0)])
def test_a_weight_typed_as_text_reads_as_documents_do(typed: str, kg: float) -> None:
    app = Application.from_json(json.dumps({**APP, "goods": [{**APP["goods"][0], "weight_kg": typed}]}))
    assert app.goods[0].weight_kg == pytest.approx(kg)


@pytest.mark.parametrize(("typed", "day"), [("15.03.2024", date(2024, 3, 15)), ("15 марта 2024", date(2024, 3, 15)),
                                            ("2024-03-15", date(2024, 3, 15))])
def test_a_date_typed_day_first_reads(typed: str, day: date) -> None:
    app = Application.from_json(json.dumps({**APP, "goods": [{**APP["goods"][0], "import_date": typed}],
                                            "submitted_on": typed}))
    assert app.goods[0].import_date == day and app.submitted_on == day


@pytest.mark.parametrize("field,typed", [("weight_kg", "12 кг x"), ("weight_kg", "-5"), ("import_date", "15/15/2024"),
                                         ("import_date", "вчера")])
def test_what_is_no_weight_or_date_is_refused_with_its_field(field: str, typed: str) -> None:
    with pytest.raises(ValidationError) as e:
        Application.from_json(json.dumps({**APP, "goods": [{**APP["goods"][0], field: typed}]}))
    assert e.value.errors()[0]["loc"] == ("goods", 0, field)
