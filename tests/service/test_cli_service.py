"""`docscreen tokens create|list|revoke` against a real database chosen by DATABASE_URL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from service.cli_service import register
from service.settings import get_settings


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[typer.Typer]:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/cli.db")
    monkeypatch.setenv("FILE_STORE", str(tmp_path / "files"))
    get_settings.cache_clear()
    app = typer.Typer()
    register(app)
    yield app
    get_settings.cache_clear()


def test_tokens_create_list_revoke(cli: typer.Typer) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["tokens", "create", "--role", "payer", "--bin", "200542904981", "--label", "ТОО"])
    assert r.exit_code == 0, r.output
    secret = r.output.strip().splitlines()[-1]
    assert secret.startswith("dsk_")
    listed = runner.invoke(cli, ["tokens", "list"])
    assert "200542904981" in listed.output and secret not in listed.output and "active" in listed.output
    assert runner.invoke(cli, ["tokens", "revoke", "1"]).exit_code == 0
    assert "revoked" in runner.invoke(cli, ["tokens", "list"]).output
    assert runner.invoke(cli, ["tokens", "revoke", "1"]).exit_code == 1
    bad = runner.invoke(cli, ["tokens", "create", "--role", "payer"])
    assert bad.exit_code == 2
