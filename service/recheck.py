"""Re-checking an archive of past filings: batched for both cores, resumable, one bad filing never stops the run.

Output folder: reports.jsonl (one line per filing, appended as each finishes, so a killed run resumes where it
stopped), summary.csv, summary.html, and cross-filing findings (the same document or VIN in two filings).
"""

from __future__ import annotations

import csv
import html
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks.models import Application
from extractor.pipeline import Extractor
from service.pipeline import InputFile, check_extracted, nomenclature


@dataclass
class Progress:
    total: int
    done: int = 0
    skipped: int = 0
    errors: int = 0
    pages_ocred: int = 0
    cache_hits: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    @property
    def eta(self) -> float:
        left = self.total - self.done - self.skipped
        return left / self.rate if self.rate > 0 else float("inf")


def find_filings(archive: Path) -> list[Path]:
    """Every sub-folder holding an application.json and a files/ folder is one filing."""
    return sorted(p.parent for p in archive.rglob("application.json") if (p.parent / "files").is_dir())


def done_ids(jsonl: Path) -> set[str]:
    ids: set[str] = set()
    if not jsonl.exists():
        return ids
    with jsonl.open(encoding="utf-8") as f:
        for line in f:
            try:
                ids.add(json.loads(line)["filing"])
            except (ValueError, KeyError):
                continue  # a line cut by a crash is redone
    return ids


def filing_id(archive: Path, folder: Path) -> str:
    return folder.relative_to(archive).as_posix()


def _load(folder: Path) -> tuple[Application, list[InputFile]]:
    app = Application.model_validate_json((folder / "application.json").read_bytes())
    files = [InputFile(name=p.name, data=p.read_bytes()) for p in sorted((folder / "files").iterdir()) if p.is_file()]
    return app, files


def check_batch(ex: Extractor, batch: list[tuple[str, Path]], lang: str = "ru") -> Iterator[dict[str, Any]]:
    """Checks several filings with all their files extracted together, so the pool stays full."""
    loaded: list[tuple[str, Application, list[InputFile]] | tuple[str, str]] = []
    for fid, folder in batch:
        try:
            app, files = _load(folder)
            loaded.append((fid, app, files))
        except Exception as e:  # noqa: BLE001 - one bad filing is reported and skipped
            loaded.append((fid, f"{type(e).__name__}: {e}"))
    everything = [(f.name, f.data) for item in loaded if len(item) == 3 for f in item[2]]  # type: ignore[misc]
    extracted = ex.extract_many(everything)
    nom = nomenclature()
    k = 0
    for item in loaded:
        if len(item) == 2:
            yield {"filing": item[0], "error": item[1]}
            continue
        fid, app, files = item  # type: ignore[misc]
        mine = extracted[k : k + len(files)]
        k += len(files)
        try:
            report = check_extracted(app, mine, lang=lang, nom=nom)
        except Exception as e:  # noqa: BLE001
            yield {"filing": fid, "error": f"{type(e).__name__}: {e}"}
            continue
        yield {
            "filing": fid,
            "applicant_bin": app.applicant.bin,
            "hs_codes": [g.hs_code for g in app.goods],
            "vins": [v for g in app.goods for v in g.vins],
            "files": [{"name": e.name, "sha256": e.sha256, "page_hashes": [p.image_hash for p in e.pages if p.image_hash]}
                      for e in mine],
            "report": json.loads(report.model_dump_json()),
        }


def recheck(
    archive: Path,
    out: Path,
    *,
    extractor: Extractor,
    batch_size: int = 4,
    lang: str = "ru",
    on_progress: Callable[[Progress], None] | None = None,
) -> Progress:
    out.mkdir(parents=True, exist_ok=True)
    jsonl = out / "reports.jsonl"
    filings = find_filings(archive)
    finished = done_ids(jsonl)
    todo = [(filing_id(archive, f), f) for f in filings if filing_id(archive, f) not in finished]
    progress = Progress(total=len(filings), skipped=len(filings) - len(todo))
    with jsonl.open("a", encoding="utf-8") as sink:
        for start in range(0, len(todo), batch_size):
            hits0, ocr0 = (extractor.cache.hits if extractor.cache else 0), extractor.pages_ocred
            for record in check_batch(extractor, todo[start : start + batch_size], lang):
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                sink.flush()
                progress.done += 1
                progress.errors += int("error" in record)
            progress.cache_hits += (extractor.cache.hits if extractor.cache else 0) - hits0
            progress.pages_ocred += extractor.pages_ocred - ocr0
            if on_progress:
                on_progress(progress)
    write_summaries(jsonl, out)
    return progress


def read_records(jsonl: Path) -> list[dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    with jsonl.open(encoding="utf-8") as f:
        for line in f:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            records[rec["filing"]] = rec
    return list(records.values())


def cross_filing_findings(records: list[dict[str, Any]], max_phash_distance: int = 4) -> list[dict[str, Any]]:
    """The same document or page image reused across filings of different applicants or goods; a VIN declared twice."""
    import imagehash

    out: list[dict[str, Any]] = []
    by_sha: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    pages: list[tuple[imagehash.ImageHash, str, str, str]] = []
    by_vin: dict[str, list[str]] = defaultdict(list)
    for rec in records:
        if "error" in rec:
            continue
        for f in rec["files"]:
            by_sha[f["sha256"]].append((rec["filing"], f["name"], rec["applicant_bin"]))
            for h in f["page_hashes"][:3]:
                pages.append((imagehash.hex_to_hash(h), rec["filing"], f["name"], f["sha256"]))
        for v in set(rec["vins"]):
            by_vin[v].append(rec["filing"])
    seen_pairs: set[tuple[str, str]] = set()
    for uses in by_sha.values():
        filings = sorted({u[0] for u in uses})
        for a, b in zip(filings, filings[1:], strict=False):
            seen_pairs.add((a, b))
            out.append({"code": "duplicate_document", "severity": "warning", "filings": [a, b],
                        "document": uses[0][1], "how": "byte-identical"})
    pages.sort(key=lambda t: str(t[0]))
    for i, (h1, f1, n1, s1) in enumerate(pages):
        for h2, f2, _n2, s2 in pages[i + 1 :]:
            if f1 == f2 or s1 == s2 or (min(f1, f2), max(f1, f2)) in seen_pairs:
                continue
            if h1 - h2 <= max_phash_distance and str(h1) != "0" * 16:
                seen_pairs.add((min(f1, f2), max(f1, f2)))
                out.append({"code": "duplicate_document", "severity": "warning", "filings": sorted([f1, f2]),
                            "document": n1, "how": "same page image"})
    for vin, filings in by_vin.items():
        uniq = sorted(set(filings))
        if len(uniq) > 1:
            out.append({"code": "vin_mismatch", "severity": "warning", "filings": uniq, "vin": vin,
                        "how": "the same VIN declared in several filings"})
    return out


def write_summaries(jsonl: Path, out: Path) -> None:
    records = read_records(jsonl)
    cross = cross_filing_findings(records)
    (out / "cross_filing.json").write_text(json.dumps(cross, ensure_ascii=False, indent=1), encoding="utf-8")
    verdicts: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    rows = []
    for rec in records:
        if "error" in rec:
            verdicts["error"] += 1
            rows.append((rec["filing"], "error", rec["error"], 99))
            continue
        rep = rec["report"]
        cs = [f["code"] for f in rep["findings"] if f["severity"] != "info"]
        codes.update(cs)
        verdicts[rep["verdict"]] += 1
        errors = sum(1 for f in rep["findings"] if f["severity"] == "error")
        rows.append((rec["filing"], rep["verdict"], " ".join(sorted(set(cs))), errors))
    with (out / "summary.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["filing", "verdict", "codes"])
        for r in sorted(rows):
            w.writerow(r[:3])
    (out / "summary.html").write_text(_html(verdicts, codes, rows, cross), encoding="utf-8")


def _bars(counter: Counter[str], color: str) -> str:
    top = max(counter.values(), default=1)
    items = []
    for k, v in counter.most_common():
        width = int(300 * v / top)
        items.append(f'<tr><td>{html.escape(k)}</td><td><div style="background:{color};width:{width}px;height:14px">'
                     f"</div></td><td>{v}</td></tr>")
    return "<table>" + "".join(items) + "</table>"


def _html(verdicts: Counter[str], codes: Counter[str], rows: list[tuple[str, str, str, int]],
          cross: list[dict[str, Any]]) -> str:
    worst = sorted(rows, key=lambda r: (-r[3], r[0]))[:200]
    body = "".join(f"<tr><td>{html.escape(r[0])}</td><td>{html.escape(r[1])}</td><td>{html.escape(r[2])}</td></tr>"
                   for r in worst)
    cross_rows = "".join(f"<tr><td>{html.escape(c['code'])}</td><td>{html.escape(', '.join(c['filings']))}</td>"
                         f"<td>{html.escape(str(c.get('document') or c.get('vin')))}</td><td>{html.escape(c['how'])}</td></tr>"
                         for c in cross)
    return f"""<!doctype html><html lang="en"><meta charset="utf-8"><title>docscreen re-check</title>
<style>body{{font:14px system-ui,sans-serif;margin:2em;color:#222}}td{{padding:2px 8px}}
h2{{margin-top:1.5em}}table{{border-collapse:collapse}}tr:nth-child(even){{background:#f5f5f5}}</style>
<h1>Archive re-check: {sum(verdicts.values())} filings</h1>
<h2>Verdicts</h2>{_bars(verdicts, "#4a7bd0")}
<h2>Finding codes</h2>{_bars(codes, "#d0704a")}
<h2>Across filings</h2><table><tr><th>code</th><th>filings</th><th>what</th><th>how</th></tr>{cross_rows}</table>
<h2>Worst filings first</h2><table><tr><th>filing</th><th>verdict</th><th>codes</th></tr>{body}</table></html>"""
