"""python -m bench [--quick]: accuracy and speed on a generated corpus; figures go to docs/benchmarks.md."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import pickle
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.metrics import FIELD_TYPES, Scores, new_scores, score_filing
from bench.plots import plot_confusion, plot_field_f1
from extractor.settings import REPO_ROOT, ExtractSettings, OcrProfile

DOCS = REPO_ROOT / "docs"


def _fixtures_digest() -> str:
    """Changes with the generator's code, so a corpus made by an older generator is made again, never scored."""
    digest = hashlib.sha256()
    for path in sorted((REPO_ROOT / "fixtures").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def corpus(out: Path, filings: int, seed: int, scanned_share: float) -> list[Path]:
    from fixtures.generate import generate_corpus

    marker = out / f".complete-{filings}-{seed}-{scanned_share}-{_fixtures_digest()}"
    if marker.exists():
        return sorted(p for p in out.iterdir() if (p / "truth.json").exists())
    if out.exists():
        shutil.rmtree(out)
    paths = generate_corpus(out, filings, seed, scanned_share=scanned_share)
    marker.touch()
    return paths


def accuracy(archive: Path, filings: list[Path], work: Path) -> dict[str, Any]:
    """A cold re-check of the corpus (checker processes on every core), each report scored against its truth.

    The same run gives the archive's cold rate; a filing's own wall time inside it is its end-to-end latency."""
    from bench.recheck import run
    from service.recheck import REPORTS, filing_id, read_records

    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    cold = run(archive, work / "out-cold", cache, lang="en")
    records = {str(r["filing"]): r for r in read_records(work / "out-cold" / REPORTS)}
    scores, held = new_scores(), new_scores()
    latencies: list[float] = []
    errors = 0
    for folder in filings:
        rec = records.get(filing_id(archive.resolve(), folder.resolve()))
        if rec is None or "error" in rec:  # a crash is a finding of the benchmark, not its end
            errors += 1
            print(f"  ! {folder.name}: {rec.get('error') if rec else 'no report'}")
            continue
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        latencies.append(float(rec.get("seconds", 0.0)))
        score_filing(truth, rec["report"], scores)
        score_filing(truth, rec["report"], held, heldout_only=True)
    return {"scores": scores, "held": held, "latencies": latencies, "errors": errors, "cold": cold}


def archive_speed(archive: Path, work: Path, quick: bool) -> dict[str, Any]:
    """Warm re-checks on the cache the accuracy run filled: the whole corpus, then 100 / 300 / 1000 filings."""
    from bench.recheck import run, warm_scaling

    warm = run(archive, work / "out-warm", work / "cache", lang="en")
    sizes, big = ([5, 10], 30) if quick else ([100, 300], 1000)
    return {"warm": warm, "scaling": warm_scaling(archive, work, work / "cache", sizes, big)}


def scanned_images(filings: list[Path], limit: int) -> list[tuple[Path, dict[str, Any]]]:
    """Single-page scanned image files with the truth of the one document on them (its type and fields); pages
    made unreadable on purpose are left out: they measure nothing about reading."""
    out = []
    for folder in filings:
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        for name, tf in truth["files"].items():
            if (tf.get("degradation") in ("scan", "photo") and tf.get("format") in ("jpeg", "png")
                    and not tf.get("unreadable")):
                docs = tf.get("documents", [])
                if len(docs) == 1:
                    out.append((folder / "files" / name, docs[0]))
        if len(out) >= limit:
            break
    return out[:limit]


def codes_in(fields: dict[str, Any]) -> set[str]:
    return {str(v) for v in fields.get("vins", [])} | {str(v) for v in fields.get("hs_codes", [])}


def speed_scanned(scans: list[tuple[Path, dict[str, Any]]], tmp: Path) -> dict[str, Any]:
    """Our pipeline (one worker) against bare `tesseract` on the same images, languages and thread limit."""
    images = [(path, doc.get("fields", {})) for path, doc in scans]
    from classifiers.bundles import split_documents
    from extractor.pipeline import Extractor
    from extractor.readers.fields import read_fields
    from service.pipeline import nomenclature

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    nom = nomenclature()
    seconds = {"bare": 0.0, "accurate": 0.0, "fast": 0.0}
    hits = dict.fromkeys(seconds, 0)
    total = 0
    profiles: tuple[OcrProfile, ...] = ("accurate", "fast")
    with contextlib.ExitStack() as stack:
        extractors = {p: stack.enter_context(Extractor(ExtractSettings(cache_dir=None, workers=1, ocr_profile=p)))
                      for p in profiles}
        for ex in extractors.values():
            ex.extract("warm-up.png", images[0][0].read_bytes())
        # each image read by all three in turn, so a change in the machine's speed during the run (it varies by a
        # third here) weighs on all of them alike
        for path, fields in images:
            codes = codes_in(fields)
            total += len(codes)
            t0 = time.perf_counter()
            txt = subprocess.run(["tesseract", str(path), "-", "-l", "rus+eng"], capture_output=True, env=env,
                                 timeout=300).stdout
            seconds["bare"] += time.perf_counter() - t0
            flat = txt.decode("utf-8", "replace").replace(" ", "")
            hits["bare"] += sum(1 for c in codes if c in flat)
            for p, ex in extractors.items():
                t0 = time.perf_counter()
                ef = ex.extract(path.name, path.read_bytes())
                seconds[p] += time.perf_counter() - t0
                found: set[str] = set()
                for d in split_documents(ef):
                    f = read_fields(d.doc_type, [pg for pg in ef.pages if pg.number in d.pages], nom)
                    found |= {str(v.value) for v in f.vins} | {str(v.value) for v in f.hs_codes}
                hits[p] += len(codes & found)
    bare_t = seconds["bare"]
    result: dict[str, Any] = {
        "pages": len(images),
        "bare_s_per_page": bare_t / len(images),
        "ours_s_per_page": seconds["accurate"] / len(images),
        "ratio": seconds["accurate"] / bare_t if bare_t else float("nan"),
        "fast_s_per_page": seconds["fast"] / len(images),
        "fast_ratio": seconds["fast"] / bare_t if bare_t else float("nan"),
        "codes": total,
        "bare_code_recall": hits["bare"] / total if total else float("nan"),
        "ours_code_recall": hits["accurate"] / total if total else float("nan"),
        "fast_code_recall": hits["fast"] / total if total else float("nan"),
    }
    ocrmypdf = shutil.which("ocrmypdf") or str(Path(sys.executable).parent / "ocrmypdf")
    if Path(ocrmypdf).exists():
        omp_t, omp_hits = 0.0, 0
        sample = images[:12]  # OCRmyPDF takes 3-4 s a page: a dozen pages tell its speed and recall
        for k, (path, fields) in enumerate(sample):
            side = tmp / f"side{k}.txt"
            t0 = time.perf_counter()
            subprocess.run([ocrmypdf, "-q", "-l", "rus+eng", "--sidecar", str(side), "--output-type", "pdf",
                            "--image-dpi", "300", str(path), str(tmp / f"o{k}.pdf")], capture_output=True, env=env, timeout=600)
            omp_t += time.perf_counter() - t0
            flat = side.read_text(errors="replace").replace(" ", "") if side.exists() else ""
            omp_hits += sum(1 for c in codes_in(fields) if c in flat)
        sample_codes = sum(len(codes_in(fields)) for _, fields in sample)
        result["ocrmypdf_pages"] = len(sample)
        result["ocrmypdf_s_per_page"] = omp_t / len(sample)
        result["ocrmypdf_code_recall"] = omp_hits / sample_codes if sample_codes else float("nan")
    return result


def speed_text(filings: list[Path]) -> dict[str, Any]:
    from extractor.pipeline import Extractor

    pdfs = []
    for folder in filings:
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        pdfs += [folder / "files" / n for n, tf in truth["files"].items()
                 if tf.get("degradation") == "born_digital" and tf.get("format") == "pdf"]
    with Extractor(ExtractSettings(cache_dir=None, workers=1)) as ex:
        ex.extract("warm.pdf", pdfs[0].read_bytes())
        t0 = time.perf_counter()
        pages = sum(len(ex.extract(p.name, p.read_bytes()).pages) for p in pdfs)
        elapsed = time.perf_counter() - t0
    return {"files": len(pdfs), "pages": pages, "pages_per_s_one_core": pages / elapsed if elapsed else 0.0}


def big_scan(images: list[tuple[Path, dict[str, Any]]], tmp: Path, pages: int = 50) -> dict[str, Any]:
    """A 50-page scanned PDF through the pool: wall time and the peak memory of the worker processes."""
    from PIL import Image

    from extractor.pipeline import Extractor

    frames = [Image.open(p).convert("RGB") for p, _ in images[:5]]
    seq = [frames[i % len(frames)] for i in range(pages)]
    pdf = tmp / "fifty.pdf"
    seq[0].save(pdf, save_all=True, append_images=seq[1:], resolution=200)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with Extractor(ExtractSettings(cache_dir=None)) as ex:
        t0 = time.perf_counter()
        result = ex.extract("fifty.pdf", pdf.read_bytes())
        wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    langs: dict[str, int] = {}
    for p in result.pages:
        langs[p.languages or "?"] = langs.get(p.languages or "?", 0) + 1
    return {"pages": len(result.pages), "wall_s": wall, "peak_child_mb": max(peak, before) / 1024,
            "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "languages": langs}


def fmt(x: float) -> str:
    return f"{x:.3f}"


def write_report(args: argparse.Namespace, n: int, acc: dict[str, Any], speed: dict[str, Any], wall: float) -> Path:
    scores: dict[str, Scores] = acc["scores"]
    held: dict[str, Scores] = acc["held"]
    lat: list[float] = acc["latencies"]
    errors: int = acc["errors"]
    text, scan, big = speed["text"], speed["scan"], speed["big"]
    mem = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    a = scores["all"]
    lines = [
        "# Benchmarks",
        "",
        f"Made by `make bench{' --quick' if args.quick else ''}` on {date.today().isoformat()}; machine: "
        f"{os.cpu_count()} cores, {_mem_gb():.0f} GB, {platform.machine()}, Python {platform.python_version()}; "
        f"corpus: seed {args.seed}, {n} filings (scanned share {args.scanned}), generated by `fixtures/`. "
        f"Whole run {wall / 60:.1f} min; {errors} filing(s) crashed.",
        "",
        "## Classification and bundles",
        "",
        "| split | documents typed | bundles split |",
        "|---|---|---|",
    ]
    for name, s in (("all templates", a), ("held-out templates", held["all"]),
                    ("born-digital", scores["born_digital"]), ("scanned", scores["scanned"])):
        lines.append(f"| {name} | {_ratio(s.doc_correct, s.doc_total)} | {_ratio(s.bundle_correct, s.bundle_total)} |")
    lines += ["", "![confusion matrix](bench-confusion.png)", "", "## Fields (precision / recall / F1)", "",
              "| field | born-digital | scanned | scanned, readable | held-out, all |", "|---|---|---|---|---|"]
    for ft in FIELD_TYPES:
        cells = []
        for s in (scores["born_digital"], scores["scanned"], scores["scanned_readable"], held["all"]):
            p = s.fields[ft]
            cells.append(f"{fmt(p.precision)} / {fmt(p.recall)} / **{fmt(p.f1)}** (n={p.tp + p.fn})")
        lines.append(f"| {ft} | " + " | ".join(cells) + " |")
    lines += ["", "_scanned, readable_ leaves out the files with a page made unreadable on purpose (blurred, faint or dark "
              "past reading), which the checks must flag rather than read; _scanned_ counts them.", "",
              "![field F1](bench-field-f1.png)", "", "## Findings", "",
              f"Verdict accuracy {_ratio(a.verdict_correct, a.verdict_total)}; clean filings that pass "
              f"{_ratio(a.clean_passed, a.clean_total)}.", "", "| code | precision | recall | expected |", "|---|---|---|---|"]
    for code, p in sorted(a.findings.items()):
        lines.append(f"| {code} | {fmt(p.precision)} | {fmt(p.recall)} | {p.tp + p.fn} |")
    lines += ["", "## Speed", "",
              f"- text-layer pages: {text['pages_per_s_one_core']:.1f} pages/s on one core ({text['pages']} pages)",
              f"- scanned pages ({scan['pages']} single-page scans and photos, one worker): ours "
              f"{scan['ours_s_per_page']:.2f} s/page, bare `tesseract -l rus+eng` {scan['bare_s_per_page']:.2f} s/page, "
              f"ratio **{scan['ratio']:.2f}**",
              f"- the same pages with `DOCSCREEN_OCR_PROFILE=fast` (no upscaling of the page, no strip test of the "
              f"half turn, no re-read of skipped blocks or cells): {scan['fast_s_per_page']:.2f} s/page, ratio "
              f"**{scan['fast_ratio']:.2f}**",
              f"- printed VINs and HS codes found verbatim on those pages: ours {scan['ours_code_recall']:.1%} "
              f"(fast profile {scan['fast_code_recall']:.1%}), bare Tesseract {scan['bare_code_recall']:.1%} "
              f"({scan['codes']} codes)"]
    if "ocrmypdf_s_per_page" in scan:
        lines.append(f"- OCRmyPDF on the first {scan['ocrmypdf_pages']} of those pages: {scan['ocrmypdf_s_per_page']:.2f} "
                     f"s/page, codes verbatim {scan['ocrmypdf_code_recall']:.1%}")
    else:
        lines.append("- OCRmyPDF: not installed on this machine, not compared (`pip install ocrmypdf` and ghostscript to add it)")
    if lat:
        q = statistics.quantiles(lat, n=20) if len(lat) >= 20 else [max(lat)] * 19
        lines.append(f"- a filing end to end, cold cache (one of two checker processes side by side): median "
                     f"{statistics.median(lat):.2f} s, p95 {q[18]:.2f} s, worst {max(lat):.1f} s")
    lines.append(f"- a {big['pages']}-page scanned PDF, two workers: {big['wall_s']:.0f} s "
                 f"({big['wall_s'] / max(1, big['pages']):.2f} s a page); peak memory of a worker "
                 f"{big['peak_child_mb']:.0f} MB, of the parent {big['parent_mb']:.0f} MB")
    lines.append(f"- languages chosen per scanned page: {big['languages']} (Kazakh pages are re-read with kaz)")
    lines.append(f"- peak memory (largest process over the whole run): {mem / 1024:.0f} MB")
    lines += archive_lines(acc)
    out = DOCS / "benchmarks.md"
    lines += kept_sections(out)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plot_confusion(a.confusion, DOCS / "bench-confusion.png")
    plot_field_f1({g: scores[g] for g in ("born_digital", "scanned", "scanned_readable")}, DOCS / "bench-field-f1.png")
    return out


def archive_lines(acc: dict[str, Any]) -> list[str]:
    cold, warm, scaling = acc["cold"], acc["archive"]["warm"], acc["archive"]["scaling"]
    lines = ["", "## Archive re-check (`docscreen recheck`)", "",
             f"- cold (empty caches, the corpus above): {cold['filings']} filings in {cold['seconds'] / 60:.1f} min, "
             f"**{cold['filings_per_s']:.2f} filings/s**, {cold['pages_ocred']} pages OCR'd, "
             f"the machine's cores {cold['cores_busy'] / (os.cpu_count() or 1):.0%} busy on average, {cold['errors']} errors",
             f"- warm (readings cached by content and code version; the rules run again): {warm['filings']} filings "
             f"in {warm['seconds']:.1f} s, **{warm['filings_per_s']:.0f} filings/s** "
             f"({'meets' if warm['filings_per_s'] >= 50 else 'below'} the 50/s target)",
             "", "| filings (warm) | seconds | filings/s | ms a filing |", "|---|---|---|---|"]
    for s in scaling:
        lines.append(f"| {s['filings']} | {s['seconds']:.1f} | {s['filings_per_s']:.0f} | {s['ms_per_filing']:.1f} |")
    lines += ["", "The largest size repeats the corpus (hard links), so every filing is cached; the cross-filing "
              "checks still group them all."]
    return lines


KEPT = ("## Load", "## Clean-up steps", "## Other seeds")
"""Sections other benchmarks write into docs/benchmarks.md (bench.load, bench.cleanup, runs on other seeds); kept on
a rewrite."""
DEFAULT_SEED = 763
SEED_FIELDS = ("hs_codes", "vins", "gross_weight_kg", "net_weight_kg", "dates", "bins")
OTHER_SEEDS = "## Other seeds"


def other_seed_section(path: Path, seed: int, filings: int, scores: dict[str, Scores]) -> Path:
    """A row in docs/benchmarks.md for a corpus from another seed than the one the readers were tuned on: the same
    generator and templates, other values, degradations and layouts drawn. Rows of other seeds are kept."""
    row_start = f"| {seed} |"
    old = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    rows: list[str] = []
    notes: list[str] = []  # what was written under the table, about its rows: kept below it
    inside = tabled = False
    for line in old:
        if line.startswith("## "):
            inside = line.startswith(OTHER_SEEDS)
        elif inside and line.startswith("|"):
            tabled = True
            if line[2:3].isdigit() and not line.startswith(row_start):
                rows.append(line)
        elif inside and tabled:
            notes.append(line)
    born, readable, everything = scores["born_digital"], scores["scanned_readable"], scores["all"]

    def f1(s: Scores, name: str) -> str:
        return f"{s.fields[name].f1:.3f}" if name in s.fields else "n/a"

    rows.append(" | ".join([
        f"| {seed}", str(filings), date.today().isoformat(), f"{min(v.f1 for v in born.fields.values()):.3f}",
        *(f1(readable, name) for name in SEED_FIELDS), f"{readable.doc_correct}/{readable.doc_total}",
        f"{everything.verdict_correct}/{everything.verdict_total} |"]))
    rows.sort(key=lambda r: int(r[2:].split(" ", 1)[0]))
    lines = [OTHER_SEEDS, "",
             f"The readers were first tuned on seed {DEFAULT_SEED}'s corpus. `make bench BENCH_ARGS=\"--seed N "
             "--part accuracy\"` scores a corpus from another seed (the same generator: other values, degradations "
             "and layouts drawn) and puts its row here. Scan columns are F1 on readable scans. A row is a held-out "
             "measure only if no reader was changed for its seed before the run; the commit messages and the "
             "closing notes say which were.", "",
             "| seed | filings | run on | born-digital F1 (lowest field) | HS | VINs | gross | net | dates | BINs | "
             "readable scans typed | verdicts |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|", *rows]
    if any(n.strip() for n in notes):
        lines += ["", *"\n".join(notes).strip("\n").splitlines()]
    return replace_section(path, OTHER_SEEDS, lines)


def replace_section(path: Path, heading: str, lines: list[str]) -> Path:
    """Puts `lines` (starting with `heading`) in place of that section of the file, or at its end."""
    old = path.read_text(encoding="utf-8").splitlines() if path.exists() else ["# Benchmarks"]
    out: list[str] = []
    skipping = placed = False
    for line in old:
        if line.startswith("## "):
            skipping = line.startswith(heading)
            if skipping and not placed:
                out += lines + [""]
                placed = True
        if not skipping:
            out.append(line)
    if not placed:
        out += ["", *lines]
    path.write_text("\n".join(out).rstrip() + "\n", encoding="utf-8")
    return path


def kept_sections(path: Path) -> list[str]:
    if not path.exists():
        return []
    out: list[str] = []
    keep = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keep = line.startswith(KEPT)
            if keep:
                while out and not out[-1]:  # one blank line between sections, however many the file had
                    out.pop()
                out.append("")
        if keep:
            out.append(line)
    return out


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.1%} ({a}/{b})" if b else "n/a"


def _mem_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (ValueError, OSError):
        return 0.0


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("--quick", action="store_true", help="a small corpus, under 3 minutes")
    ap.add_argument("--filings", type=int, default=None)
    ap.add_argument("--seed", type=int, default=763)
    ap.add_argument("--scanned", type=float, default=None, help="share of scanned filings")
    ap.add_argument("--part", choices=("all", "accuracy", "speed"), default="all",
                    help="run one half; the other half's last results are reused from var/")
    args = ap.parse_args()
    filings_n = args.filings or (12 if args.quick else 300)
    # a fifth scanned keeps the default run under 30 minutes on two cores; OCR is nearly all of its time
    args.scanned = args.scanned if args.scanned is not None else 0.2
    folder = REPO_ROOT / "var" / f"bench-{args.seed}-{filings_n}"
    work = REPO_ROOT / "var" / "bench" / f"main-{args.seed}-{filings_n}"
    saved = work / "parts.pickle"
    print(f"corpus: {filings_n} filings, seed {args.seed} -> {folder}")
    filings = corpus(folder, filings_n, args.seed, args.scanned)
    work.mkdir(parents=True, exist_ok=True)
    parts: dict[str, Any] = {}
    if saved.exists():
        try:
            parts = pickle.loads(saved.read_bytes())
        except Exception:  # noqa: BLE001 - a stale or foreign pickle is just not reused
            parts = {}
    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        if args.part in ("all", "accuracy"):
            print(f"accuracy: a cold re-check of {len(filings)} filings ...")
            t0 = time.perf_counter()
            acc = accuracy(folder, filings, work)
            print("archive: warm re-checks ...")
            acc["archive"] = archive_speed(folder, work, args.quick)
            acc["seconds"] = time.perf_counter() - t0
            parts["accuracy"] = acc
        if args.part in ("all", "speed"):
            t0 = time.perf_counter()
            print("speed: text layer ...")
            text = speed_text(filings)
            print("speed: scanned pages against bare tesseract ...")
            # 24 pages: with 12 the ratio moved by a tenth between runs on this machine
            images = scanned_images(filings, 4 if args.quick else 24)
            scan = speed_scanned(images, Path(tmp))
            print("memory: a 50-page scanned PDF ...")
            big = big_scan(images, Path(tmp), 10 if args.quick else 50)
            parts["speed"] = {"text": text, "scan": scan, "big": big, "seconds": time.perf_counter() - t0}
    saved.write_bytes(pickle.dumps(parts))
    if args.seed != DEFAULT_SEED and args.part == "accuracy" and not args.quick:
        out = other_seed_section(DOCS / "benchmarks.md", args.seed, len(filings), parts["accuracy"]["scores"])
        print(f"seed {args.seed}: its row is in {out}")
        return
    if "accuracy" not in parts or "speed" not in parts:
        print(f"saved the {args.part} part; run the other part to write the report")
        return
    wall = time.perf_counter() - t_all if args.part == "all" else parts["accuracy"]["seconds"] + parts["speed"]["seconds"]
    out = write_report(args, len(filings), parts["accuracy"], parts["speed"], wall)
    print(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
