"""What only a run over many filings can see, and the summaries of such a run.

Cross-filing findings: the same document (byte-identical, or the same page scanned again) in filings of different
applicants or for different goods, and the same VIN declared in two such filings. A payer re-filing the same goods
(same applicant, same HS codes and import dates) is expected to attach the same papers and is not reported.

Summaries: summary.csv (filing, verdict, codes, ...) and summary.html (verdict and finding-code charts, the
cross-filing findings, the worst filings first), from reports.jsonl plus cross_filing.json.
"""

from __future__ import annotations

import csv
import html
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks.messages import cite, render
from checks.rules.documents import phash_distance
from checks.settings import CheckSettings

RULE = "Rules 763 p.14.2"
PHASH_BANDS = 8  # a hash within distance < 8 of another shares at least one 8-bit band with it (pigeonhole)
MIN_MARKS = 3
MARKS_OVERLAP = 0.6

_VIN_MESSAGE = {
    "ru": "VIN {vin} заявлен также в заявке {other_application}. Модератор проверит, не заявлено ли одно "
          "транспортное средство дважды ({rule}).",
    "kk": "{vin} VIN {other_application} өтінімінде де мәлімделген. Модератор бір көліктің екі рет "
          "мәлімделмегенін тексереді ({rule}).",
    "en": "The VIN {vin} is also declared in application {other_application}. A moderator will check that one "
          "vehicle is not declared twice ({rule}).",
}
_VIN_RULE = "Rules 763 p.28"


@dataclass(frozen=True)
class _Filing:
    id: str
    bin: str
    goods: frozenset[tuple[str, str]]


def _filing(rec: dict[str, Any]) -> _Filing:
    goods = frozenset((str(g.get("hs_code", "")), str(g.get("import_date", ""))) for g in rec.get("goods", []))
    return _Filing(str(rec["filing"]), str(rec.get("applicant_bin", "")), goods)


def unrelated(a: _Filing, b: _Filing) -> bool:
    """Different applicants, or different goods: a shared document or VIN between them is suspicious."""
    return a.bin != b.bin or a.goods != b.goods


def _pair_finding(code: str, a: str, b: str, lang: str, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"code": code, "severity": "warning", "filings": [a, b]}
    out.update({k: v for k, v in extra.items() if v is not None})
    if code == "duplicate_document":
        out["rule"] = RULE
        out["message"] = render("duplicate_document.seen_before", lang, document=extra.get("document"),
                                other_application=a, rule=cite(RULE, lang))
    else:
        out["rule"] = _VIN_RULE
        out["message"] = _VIN_MESSAGE.get(lang, _VIN_MESSAGE["en"]).format(
            vin=extra.get("vin"), other_application=a, rule=cite(_VIN_RULE, lang))
    return out


def _chain(filings: Iterable[str], info: dict[str, _Filing]) -> list[tuple[str, str]]:
    """Each later filing paired with the first earlier one it is unrelated to (n-1 pairs, not n²)."""
    ordered = sorted(set(filings))
    pairs = []
    for k, b in enumerate(ordered):
        first = next((a for a in ordered[:k] if unrelated(info[a], info[b])), None)
        if first is not None:
            pairs.append((first, b))
    return pairs


def cross_filing_findings(records: list[dict[str, Any]], *, lang: str = "ru",
                          max_phash_distance: int | None = None) -> list[dict[str, Any]]:
    """duplicate_document across filings (byte-identical files, the same page image or text) and duplicate_vin."""
    limit = CheckSettings().duplicate_phash_distance if max_phash_distance is None else max_phash_distance
    limit = min(limit, PHASH_BANDS - 1)
    ok = [r for r in records if "error" not in r]
    info = {str(r["filing"]): _filing(r) for r in ok}
    out: list[dict[str, Any]] = []
    reported: set[tuple[str, str, str, str]] = set()

    by_sha: dict[str, dict[str, str]] = defaultdict(dict)
    for rec in ok:
        for f in rec.get("files", []):
            by_sha[f["sha256"]].setdefault(str(rec["filing"]), f["name"])
    for uses in by_sha.values():
        for a, b in _chain(uses, info):
            reported.add((a, b, uses[a], uses[b]))
            out.append(_pair_finding("duplicate_document", a, b, lang, document=uses[b], other_document=uses[a],
                                     how="byte-identical"))

    # pages: (filing, file name, sha, page number, hash, marks)
    pages: list[tuple[str, str, str, int, str | None, frozenset[str]]] = []
    for rec in ok:
        for f in rec.get("files", []):
            for p in f.get("pages", []):
                marks = frozenset(p.get("marks", []))
                if len(marks) >= MIN_MARKS:
                    pages.append((str(rec["filing"]), f["name"], f["sha256"], int(p["number"]), p.get("image_hash"),
                                  marks))
    candidates: set[tuple[int, int]] = set()
    buckets: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, (_f, _n, _s, _p, h, marks) in enumerate(pages):
        if h:
            step = max(1, len(h) // PHASH_BANDS)
            for band in range(PHASH_BANDS):
                buckets[("img", band, h[band * step : (band + 1) * step])].append(i)
        else:
            buckets[("text", marks)].append(i)
    for members in buckets.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                candidates.add((members[x], members[y]))
    for i, j in sorted(candidates):
        fa, na, sa, pa, ha, ma = pages[i]
        fb, nb, sb, pb, hb, mb = pages[j]
        if fa == fb or sa == sb or not unrelated(info[fa], info[fb]):
            continue
        if ha and hb:
            d = phash_distance(ha, hb)
            if d is None or d > limit or len(ma & mb) / len(ma | mb) < MARKS_OVERLAP:
                continue
            how = "same page image"
        elif ha is None and hb is None and ma == mb:
            how = "same page text"
        else:
            continue
        if fa > fb:
            fa, na, pa, fb, nb, pb = fb, nb, pb, fa, na, pa
        key = (fa, fb, na, nb)
        if key in reported:
            continue
        reported.add(key)
        out.append(_pair_finding("duplicate_document", fa, fb, lang, document=nb, page=pb, other_document=na,
                                 other_page=pa, how=how))

    by_vin: dict[str, set[str]] = defaultdict(set)
    for rec in ok:
        for v in rec.get("vins", []):
            by_vin[str(v).upper()].add(str(rec["filing"]))
    for vin, filings in sorted(by_vin.items()):
        for a, b in _chain(filings, info):
            out.append(_pair_finding("duplicate_vin", a, b, lang, vin=vin, how="the same VIN declared twice"))
    return out


# ---------------------------------------------------------------------------------------------------- summaries

_RANK = {"error": 0, "needs_fix": 1, "review": 2, "pass": 3}


@dataclass
class Row:
    filing: str
    verdict: str
    codes: list[str]
    errors: int
    warnings: int
    applicant_bin: str = ""
    problem: str = ""


def summary_rows(records: list[dict[str, Any]], cross: list[dict[str, Any]]) -> list[Row]:
    """One row per filing, its verdict raised to `review` when a cross-filing warning names it."""
    extra: dict[str, list[str]] = defaultdict(list)
    for c in cross:
        for f in c["filings"]:
            extra[f].append(c["code"])
    rows = []
    for rec in records:
        fid = str(rec["filing"])
        if "error" in rec:
            rows.append(Row(fid, "error", [], 0, 0, problem=str(rec["error"])))
            continue
        findings = rec["report"]["findings"]
        sev = Counter(f["severity"] for f in findings)
        codes = [f["code"] for f in findings if f["severity"] != "info"] + extra.get(fid, [])
        verdict = rec["report"]["verdict"]
        if extra.get(fid) and verdict == "pass":
            verdict = "review"
        rows.append(Row(fid, verdict, codes, sev["error"], sev["warning"] + len(extra.get(fid, [])),
                        str(rec.get("applicant_bin", ""))))
    return rows


def write_summaries(jsonl: Path, out: Path, *, lang: str = "ru") -> None:
    records = read_records_sorted(jsonl)
    cross = cross_filing_findings(records, lang=lang)
    (out / "cross_filing.json").write_text(json.dumps(cross, ensure_ascii=False, indent=1), encoding="utf-8")
    rows = summary_rows(records, cross)
    with (out / "summary.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["filing", "verdict", "codes", "errors", "warnings", "applicant_bin", "problem"])
        for r in rows:
            w.writerow([r.filing, r.verdict, " ".join(sorted(set(r.codes))), r.errors, r.warnings, r.applicant_bin,
                        r.problem])
    (out / "summary.html").write_text(summary_html(rows, cross), encoding="utf-8")


def read_records_sorted(jsonl: Path) -> list[dict[str, Any]]:
    from service.recheck import read_records

    return sorted(read_records(jsonl), key=lambda r: str(r["filing"]))


_COLOURS = {"pass": "#3a9a5b", "review": "#d9a53a", "needs_fix": "#c8453b", "error": "#777"}


def _chart(counter: Counter[str], colour: str | dict[str, str], title: str) -> str:
    """A horizontal bar chart as inline SVG (no scripts, opens anywhere)."""
    items = counter.most_common()
    top = max((v for _, v in items), default=1)
    bar_h, label_w, width = 20, 230, 320
    parts = [f'<svg role="img" aria-label="{html.escape(title)}" width="{label_w + width + 60}" '
             f'height="{bar_h * len(items) + 4}" xmlns="http://www.w3.org/2000/svg">']
    for k, (name, v) in enumerate(items):
        y = k * bar_h + 2
        w = max(2, int(width * v / top))
        c = colour.get(name, "#4a7bd0") if isinstance(colour, dict) else colour
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" font-size="13">{html.escape(name)}</text>'
                     f'<rect x="{label_w}" y="{y + 2}" width="{w}" height="{bar_h - 5}" fill="{c}"/>'
                     f'<text x="{label_w + w + 5}" y="{y + 14}" font-size="13">{v}</text>')
    parts.append("</svg>")
    return "".join(parts)


def summary_html(rows: list[Row], cross: list[dict[str, Any]]) -> str:
    verdicts: Counter[str] = Counter(r.verdict for r in rows)
    codes: Counter[str] = Counter(c for r in rows for c in set(r.codes))  # filings per code
    worst = sorted(rows, key=lambda r: (_RANK.get(r.verdict, 9), -r.errors, -r.warnings, r.filing))
    e = html.escape
    body = "".join(
        f'<tr class="{e(r.verdict)}"><td>{e(r.filing)}</td><td>{e(r.verdict)}</td><td>{r.errors}</td>'
        f"<td>{r.warnings}</td><td>{e(' '.join(sorted(set(r.codes))) or r.problem)}</td></tr>"
        for r in worst
    )
    code_rows = "".join(f"<tr><td>{e(k)}</td><td>{v}</td></tr>" for k, v in codes.most_common())
    cross_rows = "".join(
        f"<tr><td>{e(c['code'])}</td><td>{e(' / '.join(c['filings']))}</td>"
        f"<td>{e(str(c.get('vin') or (str(c.get('other_document')) + ' / ' + str(c.get('document')))))}</td>"
        f"<td>{e(c['how'])}</td></tr>"
        for c in cross
    )
    total = len(rows)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>docscreen re-check: {total} filings</title>
<style>body{{font:14px system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}}td,th{{padding:3px 10px;text-align:left}}
h2{{margin-top:1.6em}}table{{border-collapse:collapse}}tr:nth-child(even){{background:#f4f4f4}}
tr.needs_fix td:nth-child(2){{color:#c8453b}}tr.error td:nth-child(2){{color:#777}}tr.review td:nth-child(2){{color:#a07010}}
.counts span{{display:inline-block;margin-right:1.5em;font-size:16px}}</style></head><body>
<h1>Archive re-check: {total} filings</h1>
<p class="counts">{"".join(f'<span id="count-{e(k)}">{e(k)}: <b>{v}</b></span>' for k, v in sorted(verdicts.items()))}</p>
<h2>Verdicts</h2>{_chart(verdicts, _COLOURS, "verdicts")}
<h2>Finding codes</h2>{_chart(codes, "#4a7bd0", "finding codes")}
<table id="codes"><tr><th>code</th><th>filings</th></tr>{code_rows}</table>
<h2>Across filings ({len(cross)})</h2>
<table id="cross"><tr><th>code</th><th>filings</th><th>what</th><th>how</th></tr>{cross_rows}</table>
<h2>Worst filings first</h2>
<table id="filings"><tr><th>filing</th><th>verdict</th><th>errors</th><th>warnings</th><th>codes</th></tr>{body}</table>
</body></html>"""
