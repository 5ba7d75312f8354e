"""python -m bench.cleanup: every clean-up step switched off in turn, on scanned pages of the bench corpus.

For each configuration: seconds a page (two pages at a time, one core each) and how many of the truth's values
the field readers found on the page (HS codes, VINs, BINs, invoice numbers, gross and net weight within 1 kg),
read with the page's true document type so classification does not blur the comparison. A step earns its place
when switching it off loses values; the table goes to docs/benchmarks.md ("Clean-up steps").
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from extractor.cleanup import CleanupOptions
from extractor.settings import REPO_ROOT

SECTION = "## Clean-up steps"
STEPS = [f.name for f in dataclasses.fields(CleanupOptions)]


def truth_values(fields: dict[str, Any]) -> set[str]:
    out = {f"hs:{v}" for v in fields.get("hs_codes", [])} | {f"vin:{v}" for v in fields.get("vins", [])}
    out |= {f"bin:{v}" for v in fields.get("bins", [])} | {f"inv:{v}" for v in fields.get("invoice_numbers", [])}
    for role in ("gross", "net"):
        w = fields.get(f"{role}_weight_kg")
        if w is not None:
            out.add(f"{role}:{float(w):.0f}")
    return out


def found_values(found: Any, truth: set[str]) -> set[str]:
    """The truth's values among what was read; weights count within 1 kg of the truth."""
    got = {f"hs:{v.value}" for v in found.hs_codes} | {f"vin:{v.value}" for v in found.vins}
    got |= {f"bin:{v.value}" for v in found.bins} | {f"inv:{v.value}" for v in found.invoice_numbers}
    for role in ("gross", "net"):
        fv = getattr(found, f"{role}_weight_kg")
        if fv is None:
            continue
        for t in truth:
            if t.startswith(f"{role}:") and abs(float(fv.value) - float(t.split(":")[1])) <= 1.0:
                got.add(t)
    return got & truth


def _one(task: tuple[str, str, str, dict[str, Any]]) -> tuple[str, float, int, int]:
    off, path, doc_type, fields = task
    from classifiers.labels import DocType
    from extractor.jobs import engine_by_name
    from extractor.pages import ocr_page
    from extractor.raster import load_image_frame
    from extractor.readers.fields import read_fields
    from service.pipeline import nomenclature

    options = CleanupOptions(**{off: not getattr(CleanupOptions(), off)}) if off else CleanupOptions()
    rgb, dpi = load_image_frame(Path(path).read_bytes(), 0, 200_000_000)
    t0 = time.perf_counter()
    page = ocr_page(rgb, 1, dpi, engine_by_name("tesseract"), 120, options)
    seconds = time.perf_counter() - t0
    truth = truth_values(fields)
    found = read_fields(DocType(doc_type), [page], nomenclature())
    return off, seconds, len(found_values(found, truth)), len(truth)


def pages(filings: list[Path], limit: int) -> list[tuple[str, str, dict[str, Any]]]:
    """The bench's scanned single-document images that carry at least one value to find."""
    from bench.__main__ import scanned_images

    found = [(str(p), d["doc_type"], d["fields"]) for p, d in scanned_images(filings, len(filings) * 20)
             if truth_values(d.get("fields", {}))]
    return found[:limit]


def write_section(rows: list[dict[str, Any]], n_pages: int) -> Path:
    from bench.__main__ import DOCS, replace_section

    base = rows[0]
    lines = [SECTION, "",
             f"`python -m bench.cleanup` on {date.today().isoformat()}: {n_pages} scanned pages and photos of the "
             "bench corpus, each step switched in turn (off, or on when it is off by default); values are HS codes, VINs, BINs, invoice numbers and "
             "weights of the page's truth that the field readers found.", "",
             "| configuration | s a page | values found | change |", "|---|---|---|---|"]
    for r in rows:
        delta = "" if r is base else f"{r['found'] - base['found']:+d} values, {r['seconds'] - base['seconds']:+.2f} s"
        lines.append(f"| {r['name']} | {r['seconds']:.2f} | {r['found']}/{r['total']} | {delta} |")
    return replace_section(DOCS / "benchmarks.md", SECTION, lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.cleanup", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO_ROOT / "var" / "bench-763-300")
    ap.add_argument("--pages", type=int, default=30, help="10 is too few to tell steps apart")
    args = ap.parse_args(argv)
    filings = sorted(p for p in args.corpus.iterdir() if (p / "truth.json").exists())
    chosen = pages(filings, args.pages)
    configs = ["", *STEPS]
    tasks = [(off, path, dt, fields) for off in configs for path, dt, fields in chosen]
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    totals: dict[str, list[float]] = {c: [0.0, 0, 0] for c in configs}
    with ProcessPoolExecutor(2) as pool:
        for off, seconds, found, total in pool.map(_one, tasks):
            totals[off][0] += seconds
            totals[off][1] += found
            totals[off][2] += total
    default = CleanupOptions()
    rows = [{"name": (f"without {c}" if getattr(default, c) else f"with {c} (off by default)") if c else "default steps",
             "seconds": t[0] / len(chosen), "found": int(t[1]), "total": int(t[2])} for c, t in totals.items()]
    out = write_section(rows, len(chosen))
    print(json.dumps(rows, indent=1))
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
