"""Accuracy on layouts the classifier was never tuned on: the fixture generator's held-out templates,
rendered as born-digital PDFs and read back by the extractor."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("fixtures.render")

from classifiers.bundles import split_documents  # noqa: E402
from classifiers.corpus import pdf_pages, render_pages, split_templates  # noqa: E402
from classifiers.labels import DocType  # noqa: E402
from classifiers.pages import classify_page  # noqa: E402
from extractor.models import ExtractedFile, FileKind  # noqa: E402

pytestmark = pytest.mark.usefixtures("rules_only")


def test_page_accuracy_on_heldout_templates_is_at_least_95_percent() -> None:
    _, heldout = split_templates()
    pages = render_pages(heldout, 2, seed=4711)
    assert len({lp.template for lp in pages}) == len(heldout)
    wrong = [(lp.template, classify_page(lp.page).doc_type.value) for lp in pages
             if classify_page(lp.page).doc_type != lp.doc_type]
    assert 1 - len(wrong) / len(pages) >= 0.95, wrong


def test_heldout_bundle_splits_into_its_documents() -> None:
    from fixtures.model import build
    from fixtures.render import REGISTRY, render_bundle

    rng = random.Random(17)
    _, heldout = split_templates()
    pdf_heldout = [n for n in heldout if REGISTRY[n].fmt == "pdf" and REGISTRY[n].doc_type != "other"]
    hits = total = 0
    for k in range(3):
        data = build(rng, "noneaeu_general")
        chosen = rng.sample([n for n in pdf_heldout if REGISTRY[n].suits(data)], 3)
        blob, parts = render_bundle([(REGISTRY[n].doc_type, n, data) for n in chosen], rng)
        f = ExtractedFile(name=f"bundle{k}.pdf", sha256="0" * 64, size=len(blob), kind=FileKind.pdf,
                          pipeline_version="test", pages=pdf_pages(blob))
        got = [(d.doc_type, d.pages) for d in split_documents(f)]
        want = [(DocType(REGISTRY[n].doc_type), pages) for n, (_, pages) in zip(chosen, parts, strict=True)]
        hits += sum(1 for w in want if w in got)
        total += len(want)
    assert hits / total >= 0.9, (hits, total)
