"""python -m bench.recheck [--quick]: the archive re-check's speed, cold and warm, and how it grows with size.

Cold: empty page and reading caches, 300 filings of which 10% scanned (so the run stays near 15 minutes on two
cores; a real archive of photographed scans is OCR-bound, about the cold rate of the scanned share alone).
Warm: the same archive again into a fresh output folder (nothing is OCR'd or classified again; the rules run).
Scaling: warm time for 100, 300 and 1000 filings (the 1000 are the 300 repeated, so they are all cached).
Figures are printed and written to var/bench/recheck.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from extractor.settings import REPO_ROOT, ExtractSettings

WORK = REPO_ROOT / "var" / "bench" / "recheck"


def corpus(out: Path, filings: int, seed: int, scanned_share: float) -> Path:
    from fixtures.generate import generate_corpus

    marker = out / f".complete-{filings}-{seed}-{scanned_share}"
    if not marker.exists():
        if out.exists():
            shutil.rmtree(out)
        generate_corpus(out, filings, seed, scanned_share=scanned_share)
        marker.touch()
    return out


def replicated(src: Path, out: Path, filings: int) -> Path:
    """`filings` filings made of copies (hard links) of `src`'s, in rep<k>/ folders: all cached after a run of src.

    Copies are the same applicant filing the same goods, so they are never cross-filing findings; the grouping
    work of the cross-filing checks still grows with them."""
    from service.recheck import find_filings

    if out.exists():
        shutil.rmtree(out)
    folders = find_filings(src)
    for k in range(filings):
        f = folders[k % len(folders)]
        shutil.copytree(f, out / f"rep{k // len(folders)}" / f.name, copy_function=os.link)
    return out


def _cpu() -> float:
    """CPU seconds the whole machine spent busy: the OCR runs in grandchildren (tesseract under the checkers'
    extraction workers) that getrusage never sees. On a shared machine this counts the neighbours too."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:9]]
        user, nice, system, _idle, _iowait, irq, softirq, steal = fields
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(archive: Path, out: Path, cache: Path, refs_limit: int | None = None, lang: str = "ru") -> dict[str, Any]:
    """One re-check into a fresh output folder; wall time, rate, CPU use across all processes."""
    from service.recheck import CheckOptions, archive_refs, recheck

    if out.exists():
        shutil.rmtree(out)
    refs = archive_refs(archive)[:refs_limit]
    options = CheckOptions(lang=lang, extract=ExtractSettings(cache_dir=cache))
    cpu0, t0 = _cpu(), time.perf_counter()
    p = recheck(refs, out, options=options)
    wall = time.perf_counter() - t0
    cpu = _cpu() - cpu0
    return {"filings": len(refs), "seconds": round(wall, 2), "filings_per_s": round(len(refs) / wall, 2),
            "pages_ocred": p.pages_ocred, "cache_hits": p.cache_hits, "errors": p.errors,
            "cpu_seconds": round(cpu, 1), "cores_busy": round(cpu / wall, 2)}


def warm_scaling(arch: Path, work: Path, cache: Path, sizes: list[int], big: int) -> list[dict[str, Any]]:
    """Warm re-checks of the first `sizes` filings, then of `big` filings replicated from the archive."""
    scaling = [run(arch, work / f"out-warm-{n}", cache, n) for n in sizes]
    big_arch = replicated(arch, work / f"corpus-{big}-replicated", big)
    scaling.append(run(big_arch, work / f"out-warm-{big}", cache))
    shutil.rmtree(big_arch, ignore_errors=True)
    for s in scaling:
        s["ms_per_filing"] = round(1000 * s["seconds"] / s["filings"], 1)
    return scaling


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.recheck", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="30 filings cold, 30/60/100 warm: a smoke run")
    ap.add_argument("--keep-cache", action="store_true", help="do not empty the caches before the cold run")
    args = ap.parse_args(argv)
    main_n, sizes, big = (30, [10, 30], 100) if args.quick else (300, [100, 300], 1000)
    work = WORK / ("quick" if args.quick else "full")
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "cache"
    if cache.exists() and not args.keep_cache:
        shutil.rmtree(cache)
    results: dict[str, Any] = {"machine": {"cores": os.cpu_count(), "python": platform.python_version()}}

    arch = corpus(work / f"corpus-{main_n}", main_n, 763, 0.1)
    print(f"cold run: {main_n} filings, 10% scanned ...", file=sys.stderr)
    results["cold"] = run(arch, work / "out-cold", cache)
    print(json.dumps(results["cold"]), file=sys.stderr)
    results["warm"] = run(arch, work / "out-warm", cache)
    print(f"warm run: {json.dumps(results['warm'])}", file=sys.stderr)

    results["warm_scaling"] = warm_scaling(arch, work, cache, sizes, big)
    (WORK / f"recheck{'-quick' if args.quick else ''}.json").write_text(json.dumps(results, indent=1), "utf-8")
    print(json.dumps(results, indent=1))
    warm = results["warm"]["filings_per_s"]
    print(f"warm {warm} filings/s ({'meets' if warm >= 50 else 'BELOW'} the 50/s target)", file=sys.stderr)
    return 0 if warm >= 50 else 1


if __name__ == "__main__":
    raise SystemExit(main())
