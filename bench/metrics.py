"""Scoring a report against a filing's truth.json. Pure functions over plain dicts, so they are easy to test."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

FIELD_TYPES = ("hs_codes", "vins", "gross_weight_kg", "net_weight_kg", "dates", "countries", "bins")
CHECKED_DATE_ROLES = {"crossing_date", "registration_date", "release_date", "invoice_date", "valid_until"}


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, truth: set[Any], found: set[Any]) -> None:
        self.tp += len(truth & found)
        self.fp += len(found - truth)
        self.fn += len(truth - found)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    doc_total: int = 0
    doc_correct: int = 0
    bundle_total: int = 0
    bundle_correct: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    fields: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    findings: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    verdict_total: int = 0
    verdict_correct: int = 0
    clean_total: int = 0
    clean_passed: int = 0


def _weight_key(v: Any) -> float | None:
    return None if v is None else round(float(v), 1)


def weights_equal(truth: float, found: float) -> bool:
    """Within 1 kg: a document that prints tonnes to three decimals rounds the truth's kilograms."""
    return abs(truth - found) <= 1.0


def truth_values(fields: dict[str, Any], name: str) -> set[Any]:
    if name in ("gross_weight_kg", "net_weight_kg"):
        v = _weight_key(fields.get(name))
        return set() if v is None else {v}
    if name == "dates":
        return {(d["role"], d["value"]) for d in fields.get("dates", []) if d["role"] in CHECKED_DATE_ROLES}
    if name == "countries":
        return {(c["role"], c["value"]) for c in fields.get("countries", [])}
    return {str(v) for v in fields.get(name, [])}


def found_values(fields: dict[str, Any], name: str) -> set[Any]:
    if name in ("gross_weight_kg", "net_weight_kg"):
        fv = fields.get(name)
        v = _weight_key(fv["value"]) if fv else None
        return set() if v is None else {v}
    if name == "dates":
        return {(d["role"], d["value"]) for d in fields.get("dates", []) if d["role"] in CHECKED_DATE_ROLES}
    if name == "countries":
        return {(c["role"], c["value"]) for c in fields.get("countries", []) if c.get("role")}
    return {str(v["value"]) for v in fields.get(name, [])}


def page_types(docs: list[dict[str, Any]], key: str = "doc_type") -> dict[int, str]:
    out: dict[int, str] = {}
    for d in docs:
        for p in d["pages"]:
            out[p] = d[key]
    return out


def score_filing(truth: dict[str, Any], report: dict[str, Any], scores: dict[str, Scores], *,
                 heldout_only: bool = False) -> None:
    """Adds one filing to `scores`, keyed by degradation ('born_digital', 'scanned') and 'all'."""
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in report.get("documents", []):
        by_file[d["file"]].append(d)
    for name, tf in truth["files"].items():
        group = "born_digital" if tf.get("degradation") == "born_digital" else "scanned"
        groups = [scores[group], scores["all"]]
        if group == "scanned" and not tf.get("unreadable"):
            groups.append(scores["scanned_readable"])  # pages made unreadable on purpose measure no reading
        predicted = by_file.get(name, [])
        for s in groups:
            t_docs = tf.get("documents", [])
            if heldout_only and not any(d.get("heldout") for d in t_docs):
                continue
            s.bundle_total += 1
            if sorted(tuple(d["pages"]) for d in t_docs) == sorted(tuple(d["pages"]) for d in predicted):
                s.bundle_correct += 1
            p_types = page_types(predicted)
            used: set[int] = set()
            for td in t_docs:
                if heldout_only and not td.get("heldout"):
                    continue
                s.doc_total += 1
                got = p_types.get(td["pages"][0], "missing")
                s.confusion[(td["doc_type"], got)] += 1
                if got == td["doc_type"]:
                    s.doc_correct += 1
                k = next((k for k, d in enumerate(predicted) if td["pages"][0] in d["pages"]), None)
                match = predicted[k] if k is not None and k not in used else None
                if k is not None:
                    used.add(k)
                for ft in FIELD_TYPES:
                    tv = truth_values(td.get("fields", {}), ft)
                    fv = found_values(match["fields"], ft) if match else set()
                    if ft.endswith("_weight_kg") and tv and fv and weights_equal(next(iter(tv)), next(iter(fv))):
                        fv = set(tv)
                    s.fields[ft].add(tv, fv)
    expected = {f["code"] for f in truth.get("expected_findings", [])}
    found = {f["code"] for f in report.get("findings", []) if f.get("severity") != "info"}
    for s in (scores["all"],):
        for code in expected | found:
            s.findings[code].add({code} & expected, {code} & found)
        s.verdict_total += 1
        s.verdict_correct += int(report.get("verdict") == truth.get("expected_verdict"))
        if not truth.get("defects"):
            s.clean_total += 1
            s.clean_passed += int(report.get("verdict") == "pass")


def new_scores() -> dict[str, Scores]:
    return {"all": Scores(), "born_digital": Scores(), "scanned": Scores(), "scanned_readable": Scores()}
