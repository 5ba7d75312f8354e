from bench.metrics import PRF, new_scores, score_filing

TRUTH = {
    "defects": [],
    "expected_verdict": "pass",
    "expected_findings": [],
    "files": {
        "bundle.pdf": {"degradation": "born_digital", "documents": [
            {"pages": [1], "doc_type": "invoice", "heldout": True,
             "fields": {"hs_codes": ["4011100003"], "vins": [], "gross_weight_kg": 100.0, "net_weight_kg": 90.0,
                        "dates": [{"role": "invoice_date", "value": "2024-03-14"}], "countries": [], "bins": []}},
            {"pages": [2, 3], "doc_type": "cmr", "heldout": False, "fields": {}},
        ]},
    },
}


def fv(v):  # type: ignore[no-untyped-def]
    return {"value": v}


def test_a_perfect_report_scores_perfectly() -> None:
    report = {"verdict": "pass", "findings": [], "documents": [
        {"file": "bundle.pdf", "pages": [1], "doc_type": "invoice",
         "fields": {"hs_codes": [fv("4011100003")], "gross_weight_kg": fv(100.0), "net_weight_kg": fv(90.0),
                    "dates": [{"role": "invoice_date", "value": "2024-03-14"}]}},
        {"file": "bundle.pdf", "pages": [2, 3], "doc_type": "cmr", "fields": {}},
    ]}
    s = new_scores()
    score_filing(TRUTH, report, s)
    a = s["all"]
    assert (a.doc_correct, a.doc_total, a.bundle_correct, a.bundle_total) == (2, 2, 1, 1)
    assert a.fields["hs_codes"].f1 == 1.0 and a.fields["dates"].f1 == 1.0
    assert a.clean_passed == 1 and a.verdict_correct == 1


def test_a_wrong_split_and_a_misread_weight_count_against() -> None:
    report = {"verdict": "needs_fix", "findings": [{"code": "weight_mismatch", "severity": "error"}], "documents": [
        {"file": "bundle.pdf", "pages": [1, 2, 3], "doc_type": "invoice",
         "fields": {"hs_codes": [fv("4011100003")], "gross_weight_kg": fv(1000.0)}},
    ]}
    s = new_scores()
    score_filing(TRUTH, report, s)
    a = s["all"]
    assert a.bundle_correct == 0 and a.doc_correct == 1
    assert a.fields["gross_weight_kg"].fp == 1 and a.fields["gross_weight_kg"].fn == 1
    assert a.findings["weight_mismatch"].fp == 1
    assert a.clean_passed == 0


def test_held_out_scoring_skips_tuned_templates() -> None:
    s = new_scores()
    score_filing(TRUTH, {"verdict": "pass", "findings": [], "documents": []}, s, heldout_only=True)
    assert s["all"].doc_total == 1


def test_prf_with_nothing_to_find_is_perfect() -> None:
    p = PRF()
    p.add(set(), set())
    assert p.precision == 1.0 and p.recall == 1.0


def test_a_page_made_unreadable_on_purpose_counts_in_scanned_but_not_in_readable_scans() -> None:
    scans = {"scan.jpg": {"degradation": "scan", "pages_meta": [{"dpi": 150}], "documents": [TRUTH["files"]["bundle.pdf"]["documents"][0]]},
             "blur.jpg": {"degradation": "scan", "pages_meta": [{"unreadable": "blur"}], "unreadable": True,
                          "documents": [TRUTH["files"]["bundle.pdf"]["documents"][0]]}}
    truth = {**TRUTH, "files": scans}
    s = new_scores()
    score_filing(truth, {"verdict": "pass", "findings": [], "documents": []}, s)
    assert s["scanned"].fields["hs_codes"].fn == 2
    assert s["scanned_readable"].fields["hs_codes"].fn == 1
    assert s["born_digital"].fields["hs_codes"].fn == 0
