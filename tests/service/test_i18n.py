"""Every finding a rule can raise has a short label in every UI language (the queue shows it, not the raw code)."""

from __future__ import annotations

import pytest

from checks.rules import ALL_RULES
from service.i18n import LANGUAGES, strings


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_code_has_a_label(lang: str) -> None:
    labels = strings(lang)
    missing = sorted({r.code for r in ALL_RULES} - {k.removeprefix("code.") for k in labels if k.startswith("code.")})
    assert missing == []


def test_languages_have_the_same_keys() -> None:
    keys = {lang: set(strings(lang)) for lang in LANGUAGES}
    assert keys["kk"] == keys["ru"] == keys["en"]
