"""Every rule of the engine, one module per family, registered in :data:`ALL_RULES`.

Each rule is a :class:`~checks.rules.base.Rule` with the finding code it raises and the
paragraph it cites; the engine runs them all, tests run one.
"""

from __future__ import annotations

from checks.rules import completeness, dates, hs_code, weight
from checks.rules.base import Rule, rule

ALL_RULES: list[Rule] = [
    *completeness.RULES,
    *weight.RULES,
    *hs_code.RULES,
    *dates.RULES,
]

__all__ = ["ALL_RULES", "Rule", "rule"]
