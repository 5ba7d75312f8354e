"""Labelled pages rendered from the fixture templates, for training the text model and measuring accuracy.

Born-digital PDFs are read back by the extractor's text-layer reader, spreadsheets with
the extractor's reader. Templates are named explicitly, so training can keep the held-out ones out.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from classifiers.labels import DocType
from extractor.models import Page, PageSource
from extractor.spreadsheet import read_xlsx
from extractor.textlayer import open_pdf, read_words, to_words

CASES = ["eaeu_general", "eaeu_vehicle", "eaeu_packaging", "noneaeu_general", "noneaeu_vehicle",
         "noneaeu_packaging", "producer"]


@dataclass(frozen=True)
class LabelledPage:
    page: Page
    doc_type: DocType
    template: str
    document: int
    """Serial number of the rendered document the page belongs to."""


def pdf_pages(data: bytes) -> list[Page]:
    pages: list[Page] = []
    doc = open_pdf(data)
    try:
        for k in range(len(doc)):
            pg = doc[k]
            w, h = pg.get_size()
            pages.append(Page(number=k + 1, width=w, height=h, unit="pt", source=PageSource.text_layer,
                              words=to_words(read_words(pg))))
            pg.close()
    finally:
        doc.close()
    return pages


def render_pages(templates: Iterable[str], per_template: int, seed: int) -> list[LabelledPage]:
    """``per_template`` documents of each template, each drawn for a shipment the template suits."""
    from fixtures.model import build
    from fixtures.render import REGISTRY, render_with_fields

    rng = random.Random(seed)
    out: list[LabelledPage] = []
    serial = 0
    for name in templates:
        spec = REGISTRY[name]
        for _ in range(per_template):
            data = None
            for _try in range(30):
                candidate = build(rng, rng.choice(CASES))
                if spec.suits(candidate):
                    data = candidate
                    break
            if data is None:
                continue
            blob, _printed, _n = render_with_fields(spec.doc_type, name, data, rng)
            pages = read_xlsx(blob, 10) if spec.fmt == "xlsx" else pdf_pages(blob)
            serial += 1
            out += [LabelledPage(p, DocType(spec.doc_type), name, serial) for p in pages]
    return out


def split_templates() -> tuple[list[str], list[str]]:
    """(training, held-out) template names."""
    from fixtures.render import HELDOUT_TEMPLATES, REGISTRY

    names = sorted(REGISTRY)
    return [n for n in names if n not in HELDOUT_TEMPLATES], [n for n in names if n in HELDOUT_TEMPLATES]
