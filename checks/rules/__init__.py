"""Every rule of the engine, one module per family, registered in :data:`ALL_RULES`.

Each rule is a :class:`~checks.rules.base.Rule` with the finding code it raises and the
paragraph it cites; the engine runs them all, tests run one.
"""

from __future__ import annotations

from checks.rules import (
    bin,
    certificates,
    completeness,
    country,
    cross_document,
    dates,
    deadline,
    documents,
    hs_code,
    invoice,
    plates,
    vin,
    weight,
)
from checks.rules.base import Rule, rule

ALL_RULES: list[Rule] = [
    *completeness.RULES,
    *documents.RULES,
    *weight.RULES,
    *hs_code.RULES,
    *dates.RULES,
    *country.RULES,
    *vin.RULES,
    *bin.RULES,
    *invoice.RULES,
    *plates.RULES,
    *certificates.RULES,
    *deadline.RULES,
    *cross_document.RULES,
]

__all__ = ["ALL_RULES", "Rule", "rule"]
