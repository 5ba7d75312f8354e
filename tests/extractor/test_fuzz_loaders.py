"""A short fuzz of the sniffer and loaders in the suite; `python -m bench.fuzz` runs the long one."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz import check, mutate, seeds
from extractor.models import FileKind
from extractor.pipeline import Extractor
from extractor.settings import ExtractSettings
from extractor.sniff import sniff

SEEDS = seeds()


@given(st.binary(max_size=4096))
@settings(max_examples=300, deadline=None)
def test_sniff_takes_any_bytes(data: bytes) -> None:
    assert isinstance(sniff(data), FileKind)


@given(st.integers(min_value=0, max_value=2**32 - 1))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_files_come_back_as_results(seed: int) -> None:
    rng = random.Random(seed)
    batch = [mutate(rng.choice(SEEDS), rng) for _ in range(4)]
    with Extractor(ExtractSettings(cache_dir=None, workers=1, parse_timeout=20, ocr_timeout=20), engine="null") as ex:
        results = ex.extract_many([(f"f{k}", d) for k, d in enumerate(batch)])
    assert len(results) == len(batch)
    for r in results:
        check(r)
