"""Schemathesis against the /v1 OpenAPI schema: no operation answers 5xx, and 2xx answers match their schema.

The schema comes from the app itself; the requests go to the app the `client` fixture builds (SQLite in tmp,
Celery eager), in-process. Every /v1 operation runs as admin (who passes the moderator guard the queue,
decisions and audit trail sit behind), with the coverage phase's boundary and negative cases; the operations a
payer may call run again as payer A, fuzzing only. Role refusals themselves are test_roles' business.

Three things make the generated requests reach past the first `if`:

* `contract()` writes into the schema what the service only says in prose: `since`/`until` are dates (with the
  first and last days of the calendar as examples), a box is four numbers, verdicts and finding codes have a
  fixed shape. Negative cases still send everything else.
* Generated path values almost never name a stored application, so each case with an `application_id` is sent
  again with the id of an application payer A filed (an invoice and a packing list, checked), and with that
  invoice's hash; page images once more on page 1, which exists. The fuzzed query and body reach real rows.
* The service types the `application` form part as a plain string, so generated values rarely get past JSON
  parsing. `test_application_part_as_json` types it (and `declared_types`) as JSON of the Application model, so
  schemathesis sends well-formed applications with odd contents; each one /v1/checks accepts is checked again
  with the real invoice and packing list, so the rules compare the odd goods lines with documents that have
  fields.

Every answer must not be a 5xx; 2xx answers must also match their response schema, content type and headers.
The service's own 4xx bodies (a string or {"message", "errors"} detail) are not in the schema, so they are not
schema-checked.

Generation is deterministic (fixed seed, derandomized Hypothesis) and bounded (max_examples; the coverage phase
adds its own fixed set of boundary and negative cases).
"""

from __future__ import annotations

import copy
import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis import checks as st_checks
from schemathesis.python.asgi import ASGIClient

from checks.models import Application
from service.app import create_app
from service.queue import VERDICTS
from service.security import Role, create_token, lookup_token
from tests.service.conftest import (
    BIN_A,
    Tokens,
    application_json,
    invoice_pdf,
    make_settings,
    multipart,
    packing_pdf,
)

SEED = 20240410
BASE_URL = "http://testserver"
HYPOTHESIS = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    # one app per operation and role (function-scoped fixtures), shared by that operation's examples
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
PAGE = "/v1/applications/{application_id}/files/{sha256}/pages/{page}.png"
NUMBER = r"-?[0-9]{1,6}(\.[0-9]{1,3})?"


def service_openapi() -> dict[str, Any]:
    """The app's OpenAPI document, built at collection because parametrize() needs the operations before any
    fixture exists (test_schema_is_the_apps checks that the fixture's app serves the same document)."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(make_settings(Path(tmp), run_migrations=False))
        try:
            return app.openapi()
        finally:
            app.state.runtime.close()


def _param(doc: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    op = next(iter(doc["paths"][path].values()))
    branches = next(p for p in op["parameters"] if p["name"] == name)["schema"].get("anyOf", [])
    return next(b for b in branches if b.get("type") in ("string", "array"))  # type: ignore[no-any-return]


def contract(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of `doc` with the formats the parameter descriptions state written in as schema."""
    doc = copy.deepcopy(doc)
    for name in ("since", "until"):
        # the first and last representable days as explicit examples: Hypothesis's dates() rarely picks them
        _param(doc, "/v1/queue", name).update(format="date", examples=["0001-01-01", "9999-12-31"])
    _param(doc, "/v1/queue", "verdict")["items"]["enum"] = list(VERDICTS)
    _param(doc, "/v1/queue", "code")["items"]["pattern"] = "^[a-z_]{1,40}$"
    _param(doc, PAGE, "box")["pattern"] = f"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$"
    return doc


def json_parts(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of `doc` whose `application` parts are the Application model and `declared_types` a JSON map."""
    doc = copy.deepcopy(doc)
    model = Application.model_json_schema(ref_template="#/components/schemas/In_{model}")
    schemas = doc["components"]["schemas"]
    for name, sub in [*model.pop("$defs", {}).items(), ("Application", model)]:
        if sub.get("type") == "object":
            # extra keys are ignored (test_hostile_input covers them); generating them only costs time
            sub["additionalProperties"] = False
        schemas[f"In_{name}"] = sub
    for path, part, part_schema in [
        ("/v1/checks", "application", {"$ref": "#/components/schemas/In_Application"}),
        ("/v1/applications", "application", {"$ref": "#/components/schemas/In_Application"}),
        (
            "/v1/applications/{application_id}/files",
            "declared_types",
            {"type": "object", "additionalProperties": {"type": "string", "maxLength": 60}},
        ),
    ]:
        content = doc["paths"][path]["post"]["requestBody"]["content"]["multipart/form-data"]
        schemas[content["schema"]["$ref"].rsplit("/", 1)[1]]["properties"][part] = part_schema
        content["encoding"] = {part: {"contentType": "application/json"}}
    return doc


OPENAPI = service_openapi()
CONTRACT = contract(OPENAPI)
schema = schemathesis.openapi.from_dict(
    CONTRACT, config=schemathesis.Config.from_dict({"seed": SEED})
).include(path_regex="^/v1/")
# the payer pass: fuzzing only; the coverage phase's boundary and negative cases already ran as admin, and a
# payer is refused the moderator and admin operations before any of their input is read (test_roles)
payer_schema = (
    schemathesis.openapi.from_dict(
        CONTRACT,
        config=schemathesis.Config.from_dict({"seed": SEED, "phases": {"coverage": {"enabled": False}}}),
    )
    .include(path_regex="^/v1/")
    .exclude(path_regex=r"^/v1/(queue|tokens.*|applications/\{application_id\}/(decision|audit))$")
)
json_schema = schemathesis.openapi.from_dict(
    json_parts(OPENAPI),
    config=schemathesis.Config.from_dict(
        # well-formed parts only (the main pass sends the malformed ones), hence no coverage phase either
        {"seed": SEED, "generation": {"mode": "positive"}, "phases": {"coverage": {"enabled": False}}}
    ),
).include(path_regex=r"^/v1/(checks|applications|applications/\{application_id\}/files)$", method="POST")


def send(case: schemathesis.Case, client: TestClient, headers: dict[str, str]) -> int:
    """Send `case` to the fixture's app in-process (its lifespan is the TestClient's) and check the answer."""
    session = ASGIClient(client.app)  # type: ignore[arg-type]
    response = case.call(session=session, headers=headers, base_url=BASE_URL)
    checks: list[Any] = [st_checks.not_a_server_error]
    if response.status_code < 400:
        # only 2xx: the service's own 4xx (401/403/404/409/413/415, 422 with a message) are not in the schema
        checks += [
            st_checks.response_schema_conformance,
            st_checks.content_type_conformance,
            st_checks.response_headers_conformance,
        ]
    case.validate_response(
        response,
        checks=checks,
        headers=headers,
        transport_kwargs={"session": session, "base_url": BASE_URL, "headers": headers},
    )
    return response.status_code


@pytest.fixture
def filed(client: TestClient, tokens: Tokens) -> Callable[[], dict[str, Any]]:
    """Path values naming payer A's checked application and its invoice; filed on first use."""
    cache: dict[str, Any] = {}

    def get() -> dict[str, Any]:
        if not cache:
            pdf = invoice_pdf()
            r = client.post(
                "/v1/applications",
                headers=tokens.auth("payer_a"),
                **multipart(application_json(), {"invoice.pdf": pdf, "packing.pdf": packing_pdf()}),
            )
            assert r.status_code == 202, r.text
            cache.update(application_id=r.json()["id"], sha256=hashlib.sha256(pdf).hexdigest())
        return cache

    return get


def exercise(
    case: schemathesis.Case,
    role: str,
    client: TestClient,
    tokens: Tokens,
    filed: Callable[[], dict[str, Any]],
) -> None:
    headers = tokens.auth(role)
    token_id = case.path_parameters.get("token_id")
    if token_id is not None:
        with client.app.state.runtime.sessions() as s:  # type: ignore[attr-defined]
            own = lookup_token(s, getattr(tokens, role))
            if own is not None and own.id == token_id:
                # revoking the token the run calls with would turn every later example into a 401
                row, _ = create_token(s, Role.payer, bin=BIN_A, label="to revoke")
                s.commit()
                case.path_parameters["token_id"] = row.id
    send(case, client, headers)
    if "application_id" in case.path_parameters:
        stored = filed()
        case.path_parameters["application_id"] = stored["application_id"]
        if "sha256" in case.path_parameters:
            case.path_parameters["sha256"] = stored["sha256"]
        send(case, client, headers)
        if case.path_parameters.get("page", 1) != 1:
            case.path_parameters["page"] = 1
            send(case, client, headers)


# The role parameter also gives every operation its own node id: under pytest 9.2 schemathesis names
# unparametrized items after the function alone, so pytest-xdist would see 14 copies of one test and run one.
@pytest.mark.parametrize("role", ["admin"])
@schema.parametrize()
@HYPOTHESIS
def test_operation(
    case: schemathesis.Case,
    role: str,
    client: TestClient,
    tokens: Tokens,
    filed: Callable[[], dict[str, Any]],
) -> None:
    exercise(case, role, client, tokens, filed)


@pytest.mark.parametrize("role", ["payer_a"])
@payer_schema.parametrize()
@settings(HYPOTHESIS, max_examples=8)
def test_payer_operation(
    case: schemathesis.Case,
    role: str,
    client: TestClient,
    tokens: Tokens,
    filed: Callable[[], dict[str, Any]],
) -> None:
    exercise(case, role, client, tokens, filed)


@pytest.mark.parametrize("role", ["payer_a"])
@json_schema.parametrize()
@settings(HYPOTHESIS, max_examples=8)
def test_application_part_as_json(
    case: schemathesis.Case,
    role: str,
    client: TestClient,
    tokens: Tokens,
    filed: Callable[[], dict[str, Any]],
) -> None:
    body: dict[str, Any] = case.body if isinstance(case.body, dict) else {}
    app = body.get("application")
    if isinstance(app, dict) and isinstance(app.get("applicant"), dict):
        app["applicant"]["bin"] = BIN_A  # a payer files for its own BIN only (403 otherwise)
    if "application_id" in case.path_parameters:
        case.path_parameters["application_id"] = filed()["application_id"]
    if send(case, client, tokens.auth(role)) < 400 and case.operation.path == "/v1/checks":
        # checked synchronously: the report comes back, so the real documents' findings are schema-checked too
        body["files"] = [invoice_pdf(), packing_pdf()]
        send(case, client, tokens.auth(role))


def test_schema_is_the_apps(client: TestClient) -> None:
    assert client.get("/openapi.json").json() == OPENAPI
    labels = [result.ok().label for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(labels) == 14 and all(" /v1/" in label for label in labels)


def test_times_carry_their_offset(
    client: TestClient, tokens: Tokens, filed: Callable[[], dict[str, Any]]
) -> None:
    """Were naive on SQLite ("2024-04-10T09:30:00"), which is no RFC 3339 date-time; PostgreSQL said +00:00."""
    app_id = filed()["application_id"]
    admin = tokens.auth("admin")
    times = [
        *(
            client.get(f"/v1/applications/{app_id}", headers=admin).json()[k]
            for k in ("created_at", "processed_at")
        ),
        client.get("/v1/queue", headers=admin).json()["items"][0]["created_at"],
        client.get(f"/v1/applications/{app_id}/audit", headers=admin).json()[0]["at"],
        client.get("/v1/tokens", headers=admin).json()[0]["created_at"],
    ]
    assert all(t.endswith("Z") or t.endswith("+00:00") for t in times), times


def test_queue_dates_at_the_ends_of_the_calendar(
    client: TestClient, tokens: Tokens, filed: Callable[[], dict[str, Any]]
) -> None:
    """Was a 500: `until=9999-12-31` became the day after it, which overflows `date`."""
    filed()
    expected = {
        "until=9999-12-31": 1,
        "since=0001-01-01&until=9999-12-31": 1,
        "since=9999-12-31": 0,
        "until=0001-01-01": 0,
    }
    for query, total in expected.items():
        r = client.get(f"/v1/queue?{query}", headers=tokens.auth("moderator"))
        assert r.status_code == 200 and r.json()["total"] == total, (query, r.text)
    r = client.get("/v1/queue?until=10000-01-01", headers=tokens.auth("moderator"))
    assert r.status_code == 422 and "YYYY-MM-DD" in r.json()["detail"]


def test_every_operation_is_a_test_of_its_own(request: pytest.FixtureRequest) -> None:
    ids = [item.nodeid for item in request.session.items if item.path == request.node.path]
    assert len(ids) == len(set(ids)), "duplicate node ids: pytest-xdist would run only one of each"
