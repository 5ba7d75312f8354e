"""The examples in the module docstrings are part of the documentation: keep them true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["checkpoint", "country", "dates", "homoglyphs", "hs_code", "kz_bin", "plate", "vin", "weight"]


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    module = importlib.import_module(f"extractor.ids.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no doctest examples"
    assert result.failed == 0
