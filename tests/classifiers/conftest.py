from __future__ import annotations

import pytest

from classifiers.textmodel import ENV_DIR


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Classify without the learned model, whether or not one was built on this machine."""
    monkeypatch.setenv(ENV_DIR, "off")
