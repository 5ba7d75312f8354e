"""Builds the text model from the fixture templates (never the held-out ones) and fits the calibration.

    python -m classifiers.train [--out DIR] [--docs-per-template 24] [--seed 763]

Pages are rendered as born-digital PDFs and read back by the extractor; each text is also added with OCR-like
noise (dropped characters, Latin look-alikes for Cyrillic). The rule/model pooling weight and the rule
temperature are fitted on templates the fold's model did not see, so the confidence reflects unseen layouts.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

from classifiers.corpus import LabelledPage, render_pages, split_templates
from classifiers.labels import DocType
from classifiers.learned import build_pipeline, save_learned
from classifiers.rules import rule_probabilities, score_page
from classifiers.textmodel import Calibration, model_dir

_TWINS = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "А": "A", "В": "B", "Е": "E",
          "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X"}
_KAZAKH = {"қ": "к", "ә": "а", "ө": "о", "ү": "у", "ұ": "у", "і": "i", "ң": "н", "ғ": "г"}


def ocr_noise(text: str, rng: random.Random, rate: float = 0.08) -> str:
    """The text as a poor scan might read."""
    out: list[str] = []
    for ch in text:
        r = rng.random()
        if r < rate / 3:
            continue
        if r < rate and ch in _TWINS:
            out.append(_TWINS[ch])
        elif ch in _KAZAKH and r < 0.5:
            out.append(_KAZAKH[ch])
        else:
            out.append(ch)
    return "".join(out)


def _xy(pages: list[LabelledPage], rng: random.Random) -> tuple[list[str], list[str]]:
    xs: list[str] = []
    ys: list[str] = []
    for lp in pages:
        text = lp.page.text
        if not text.strip():
            continue
        xs += [text, ocr_noise(text, rng)]
        ys += [lp.doc_type.value, lp.doc_type.value]
    return xs, ys


def fit_calibration(pages: list[LabelledPage], folds: int, rng: random.Random) -> Calibration:
    """Rule temperature, no-evidence floor and pooling weight minimising log loss on unseen templates."""
    templates = sorted({lp.template for lp in pages})
    rng.shuffle(templates)
    rows: list[tuple[dict[DocType, float], dict[DocType, float], DocType]] = []
    for k in range(folds):
        held = set(templates[k::folds])
        xs, ys = _xy([lp for lp in pages if lp.template not in held], rng)
        if len(set(ys)) < 2:
            continue
        pipe = build_pipeline().fit(xs, ys)
        test = [lp for lp in pages if lp.template in held and lp.page.text.strip()]
        if not test:
            continue
        probs = pipe.predict_proba([lp.page.text for lp in test])
        classes = [DocType(c) for c in pipe.classes_]
        for lp, pr in zip(test, probs, strict=True):
            pm = {t: 0.0 for t in DocType} | {t: float(p) for t, p in zip(classes, pr, strict=True)}
            rows.append((score_page(lp.page).scores, pm, lp.doc_type))
    best = (math.inf, Calibration())
    for temp in (0.5, 0.75, 1.0, 1.5, 2.0, 3.0):
        for floor in (1.0, 2.0, 3.0):
            for w in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0):
                loss = 0.0
                for scores, pm, truth in rows:
                    pr = rule_probabilities(scores, temp, floor)
                    loss -= math.log(max(1e-6, w * pr[truth] + (1 - w) * pm[truth]))
                if loss < best[0]:
                    best = (loss, Calibration(temperature=temp, floor=floor, rule_weight=w))
    return best[1]


def train(out: Path, docs_per_template: int, seed: int, folds: int = 3) -> Calibration:
    rng = random.Random(seed)
    train_templates, heldout = split_templates()
    t0 = time.perf_counter()
    pages = render_pages(train_templates, docs_per_template, seed)
    t1 = time.perf_counter()
    cal = fit_calibration(pages, folds, rng)
    xs, ys = _xy(pages, rng)
    pipe = build_pipeline().fit(xs, ys)
    save_learned(out, pipe, cal, {"templates": train_templates, "heldout_excluded": heldout, "pages": len(pages),
                                  "seed": seed, "render_seconds": round(t1 - t0, 1),
                                  "fit_seconds": round(time.perf_counter() - t1, 1)})
    return cal


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--docs-per-template", type=int, default=24)
    ap.add_argument("--seed", type=int, default=763)
    args = ap.parse_args(argv)
    out = args.out or model_dir()
    cal = train(out, args.docs_per_template, args.seed)
    print(f"model written to {out}; calibration {cal}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
