"""Benchmarks write their own sections of docs/benchmarks.md without clobbering each other's."""

from __future__ import annotations

from pathlib import Path

from bench.__main__ import kept_sections, replace_section
from bench.cleanup import truth_values


def test_replace_section_in_place_and_append(tmp_path: Path) -> None:
    doc = tmp_path / "b.md"
    doc.write_text("# Benchmarks\n\n## Speed\n\nfast\n\n## Load\n\nold load\n\n## Tail\n\nx\n", encoding="utf-8")
    replace_section(doc, "## Load", ["## Load", "", "new load"])
    text = doc.read_text(encoding="utf-8")
    assert "new load" in text and "old load" not in text
    assert text.index("## Speed") < text.index("## Load") < text.index("## Tail")
    replace_section(doc, "## Clean-up steps", ["## Clean-up steps", "", "table"])
    assert doc.read_text(encoding="utf-8").rstrip().endswith("table")
    kept = "\n".join(kept_sections(doc))
    assert "new load" in kept and "table" in kept and "fast" not in kept


def test_truth_values_name_each_kind() -> None:
    fields = {"hs_codes": ["3920102800"], "vins": [], "bins": ["021144455152"], "invoice_numbers": ["2298"],
              "gross_weight_kg": 22807.5, "net_weight_kg": None}
    assert truth_values(fields) == {"hs:3920102800", "bin:021144455152", "inv:2298", "gross:22808"}


def test_kept_sections_do_not_gather_blank_lines_run_after_run(tmp_path: Path) -> None:
    doc = tmp_path / "b.md"
    doc.write_text("# Benchmarks\n\n## Speed\n\nfast\n\n## Load\n\nload\n\n\n\n## Clean-up steps\n\ntable\n", encoding="utf-8")
    for _ in range(3):  # what make bench does: its own sections, then the kept ones
        doc.write_text("\n".join(["# Benchmarks", "", "## Speed", "", "fast", *kept_sections(doc)]) + "\n", encoding="utf-8")
    assert "\n\n\n" not in doc.read_text(encoding="utf-8")


def test_other_seeds_keep_a_row_each_and_survive_the_main_run(tmp_path: Path) -> None:
    from bench.__main__ import other_seed_section
    from bench.metrics import Scores, new_scores

    doc = tmp_path / "b.md"
    doc.write_text("# Benchmarks\n\n## Speed\n\nfast\n", encoding="utf-8")

    def scores(vins_found: int) -> dict[str, Scores]:
        s = new_scores()
        s["born_digital"].fields["vins"].tp = 10
        s["scanned_readable"].fields["vins"].tp, s["scanned_readable"].fields["vins"].fn = vins_found, 10 - vins_found
        s["scanned_readable"].doc_total, s["scanned_readable"].doc_correct = 5, 4
        return s

    other_seed_section(doc, 2026, 300, scores(5))
    # a note written under the table about its rows is kept there when a row is added
    doc.write_text(doc.read_text(encoding="utf-8") + "\nSeed 2026 was tuned on.\n", encoding="utf-8")
    other_seed_section(doc, 4242, 300, scores(8))
    other_seed_section(doc, 2026, 300, scores(6))  # the same seed run again replaces its row
    text = doc.read_text(encoding="utf-8")
    assert text.count("Seed 2026 was tuned on.") == 1 and text.index("| 4242") < text.index("Seed 2026 was tuned on.")
    rows = [ln for ln in doc.read_text(encoding="utf-8").splitlines() if ln.startswith("| 2026") or ln.startswith("| 4242")]
    assert len(rows) == 2 and rows[0].startswith("| 2026") and "| 0.750 |" in rows[0] and "| 4/5 |" in rows[0]
    assert "| 0.889 |" in rows[1]
    assert any("4242" in ln for ln in kept_sections(doc))
