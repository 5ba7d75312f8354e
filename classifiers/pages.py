"""Page typing: rule evidence and, when a trained model is available, its probabilities, as one calibrated label.

Rules alone give a lower ceiling of confidence; a page with no clear evidence is ``other`` with the reason and
the best guess, never a forced type.
"""

from __future__ import annotations

from classifiers.labels import DocType
from classifiers.models import PageLabel
from classifiers.rules import RuleEvidence, rule_probabilities, score_page
from classifiers.textmodel import Calibration, TextModel, default_model
from extractor.models import Page

MIN_CONFIDENCE = 0.5
"""Below this the page is ``other``: a moderator looks rather than the payer being told a wrong type."""
RULES_ONLY_CAP = 0.9
BLANK_CONFIDENCE = 0.9
DEFAULT_CALIBRATION = Calibration()


def probabilities(ev: RuleEvidence, model: TextModel | None) -> tuple[dict[DocType, float], bool]:
    """Combined distribution over types, and whether a model took part."""
    cal = model.calibration if model is not None else DEFAULT_CALIBRATION
    p_rule = rule_probabilities(ev.scores, cal.temperature, cal.floor)
    if model is None or not ev.text.strip():
        return p_rule, False
    p_model = model.predict(ev.text)
    w = cal.rule_weight
    return {t: w * p_rule.get(t, 0.0) + (1 - w) * p_model.get(t, 0.0) for t in DocType}, True


DECLARED_MIN = 0.25
"""A weak page whose best guess is the declared type, at least this probable, takes the declared type."""


def label_from_evidence(number: int, ev: RuleEvidence, model: TextModel | None,
                        declared: DocType | None = None) -> PageLabel:
    starts = ev.opening_title() is not None or ev.page_n == 1
    if ev.blank:
        return PageLabel(page=number, doc_type=DocType.other, confidence=BLANK_CONFIDENCE,
                         reason="blank page: no text", starts_document=False)
    p, used_model = probabilities(ev, model)
    best = max(p, key=lambda t: p[t])
    conf = p[best] if used_model else min(RULES_ONLY_CAP, p[best])
    source = "rules+model" if used_model else "rules"
    if best == DocType.other or conf < MIN_CONFIDENCE:
        guess = max((t for t in p if t != DocType.other), key=lambda t: p[t])
        if declared is not None and declared == guess and p[guess] >= DECLARED_MIN and ev.scores[guess] > 0:
            return PageLabel(page=number, doc_type=guess, confidence=round(p[guess], 4),
                             reason=f"weak evidence agreeing with the declared type: {ev.reason(guess)} ({source})",
                             starts_document=starts)
        guess = max((t for t in p if t != DocType.other), key=lambda t: p[t])
        said = best == DocType.other and ev.reason(DocType.other)
        why = ev.reason(DocType.other) if said else "no clear evidence"
        title = ev.titles.get(DocType.other) if said else None
        return PageLabel(page=number, doc_type=DocType.other, confidence=round(max(p[DocType.other], 1 - p[guess]), 4),
                         reason=f"{why} ({source}; best guess {guess.value} at {p[guess]:.2f})",
                         starts_document=starts, kind=title.kind if title else None)
    why = ev.reason(best) or "text resembles training pages"
    return PageLabel(page=number, doc_type=best, confidence=round(conf, 4), reason=f"{why} ({source})",
                     starts_document=starts)


def classify_page(page: Page) -> PageLabel:
    """The page's document type with a calibrated confidence and the reason."""
    return label_from_evidence(page.number, score_page(page), default_model())
