"""A fresh service per test: database (SQLite, or PostgreSQL where a module asks), file store in tmp, Celery eager
(routing tests only), one token per role."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.security import Role, create_token
from service.settings import Settings
from tests.makedocs import text_pdf
from tests.service.pgcluster import Cluster, find_initdb

BIN_A = "200542904981"
# storage modules parametrise `database_url` over these: pytest.mark.parametrize("database_url", BACKENDS, indirect=True)
BACKENDS = ["sqlite", "postgresql"]
BIN_B = "210940610308"


@dataclass
class Tokens:
    payer_a: str
    payer_b: str
    moderator: str
    admin: str

    def auth(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {getattr(self, name)}"}


def make_settings(tmp: Path, **over: Any) -> Settings:
    base: dict[str, Any] = {
        "database_url": f"sqlite:///{tmp}/docscreen.db",
        "file_store": tmp / "files",
        "celery_broker_url": f"sqla+sqlite:///{tmp}/broker.sqlite",
        "celery_result_backend": f"db+sqlite:///{tmp}/results.sqlite",
        "celery_eager": True,
        "environment": "test",
    }
    base.update(over)
    return Settings(**base)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One PostgreSQL cluster per test session (per xdist worker); every test gets its own database in it."""
    if find_initdb() is None:
        pytest.skip("PostgreSQL's initdb is not installed (apt-get install postgresql)")
    cluster = Cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """SQLite in tmp unless parametrised indirectly with "postgresql"."""
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        return f"sqlite:///{tmp_path}/docscreen.db"
    if backend == "postgresql":
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        return cluster.new_database()
    raise ValueError(backend)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url=database_url)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def tokens(client: TestClient) -> Tokens:
    rt = client.app.state.runtime  # type: ignore[attr-defined]
    with rt.sessions() as s:
        _, a = create_token(s, Role.payer, bin=BIN_A, label="payer A")
        _, b = create_token(s, Role.payer, bin=BIN_B, label="payer B")
        _, m = create_token(s, Role.moderator, label="moderator")
        _, ad = create_token(s, Role.admin, label="admin")
        s.commit()
    return Tokens(a, b, m, ad)


def application_json(bin_: str = BIN_A, **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "applicant": {"name": "ТОО «Алатау Импорт»", "bin": bin_, "kind": "importer"},
        "goods": [
            {
                "hs_code": "4011100003",
                "weight_kg": 11980.0,
                "import_date": "2024-03-15",
                "country": "RU",
                "invoice_number": "INV-2024/0312",
            }
        ],
        "files": {"invoice.pdf": {"declared_type": "invoiceimp"}},
        "submitted_on": "2024-04-10",
    }
    data.update(over)
    return data


def invoice_pdf(weight: str = "11980") -> bytes:
    return text_pdf(
        [
            "ИНВОЙС / INVOICE № INV-2024/0312 от 12.03.2024",
            "Продавец: ООО «Шины Урала», Россия",
            f"Покупатель: ТОО «Алатау Импорт», БИН {BIN_A}",
            "Шины пневматические для легковых автомобилей, код ТН ВЭД 4011 10 000 3",
            f"Вес нетто: {weight} кг   Вес брутто: 12450 кг",
            "Страна происхождения: Россия",
        ]
    )


def packing_pdf(net: str = "12450") -> bytes:
    """A packing list whose net weight differs from the declared 11980 kg: a weight_mismatch with a box."""
    return text_pdf(
        [
            "УПАКОВОЧНЫЙ ЛИСТ / PACKING LIST № PL-0312 от 12.03.2024",
            f"Грузополучатель: ТОО «Алатау Импорт», БИН {BIN_A}",
            "Шины пневматические, код ТН ВЭД 4011 10 000 3",
            "Мест: 40",
            f"Вес нетто: {net} кг",
            "Вес брутто: 12900 кг",
        ]
    )


def multipart(app_data: dict[str, Any] | str, files: dict[str, bytes]) -> dict[str, Any]:
    """httpx keyword arguments for the application part plus file parts."""
    text = app_data if isinstance(app_data, str) else json.dumps(app_data, ensure_ascii=False)
    return {
        "data": {"application": text},
        "files": [("files", (name, data, "application/octet-stream")) for name, data in files.items()],
    }
