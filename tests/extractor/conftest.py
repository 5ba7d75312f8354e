"""Fixtures shared by the extractor tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.pipeline import Extractor
from extractor.settings import ExtractSettings


@pytest.fixture(scope="session")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Extractor]:
    cache: Path = tmp_path_factory.mktemp("cache")
    with Extractor(ExtractSettings(cache_dir=cache, workers=2)) as ex:
        yield ex
