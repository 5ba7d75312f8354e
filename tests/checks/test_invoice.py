from checks.models import Severity
from checks.rules.invoice import invoice_number
from tests.checks.build import app, clean_general_eaeu, doc, fv, line, run


def test_clean_quiet_and_separators_ignored():
    a, docs, files = clean_general_eaeu()
    assert run(invoice_number, a, docs, files) == []
    inv = doc("inv.pdf", "invoice", invoice_numbers=[fv("№ INV 2024-0312")])
    assert run(invoice_number, app(line()), [inv]) == []


def test_mismatch_shows_closest_number():
    inv = doc("inv.pdf", "invoice", invoice_numbers=[fv("INV-2024/0313"), fv("77")])
    [f] = run(invoice_number, app(line()), [inv])
    assert (f.code, f.severity, f.declared, f.found) == (
        "invoice_number_mismatch", Severity.error, "INV-2024/0312", "INV-2024/0313")


def test_unverified_reading_is_warning_and_no_invoice_is_quiet():
    inv = doc("inv.jpg", "invoice", invoice_numbers=[fv("INV-2024/0313", verified=False)])
    assert [f.severity for f in run(invoice_number, app(line()), [inv])] == [Severity.warning]
    other = doc("pl.pdf", "packing_list", invoice_numbers=[fv("X-1")])
    assert run(invoice_number, app(line()), [other]) == []


def test_invoice_for_other_goods_is_not_compared():
    other = doc("ci.pdf", "invoice", invoice_numbers=[fv("RE24199802")], hs_codes=[fv("3926200000")],
                net_weight_kg=fv(777.0, "net"))
    assert run(invoice_number, app(line()), [other]) == []


def test_a_number_in_the_other_scripts_look_alike_letters_is_the_same_number():
    """A scan reads `ТМ-2024/0312` in Cyrillic letters that look Latin, or an `O` for a `0`; a payer may type
    Cyrillic `С` for a Latin `C`. Neither is a different number; a different letter or digit still is."""
    for read in ("ТМ-2024/0312", "TM-2024/O312", "ТМ-2О24/0312"):
        inv = doc("inv.jpg", "invoice", invoice_numbers=[fv(read)])
        assert run(invoice_number, app(line(invoice_number="TM-2024/0312")), [inv]) == [], read
    inv = doc("inv.pdf", "invoice", invoice_numbers=[fv("CF-17")])
    assert run(invoice_number, app(line(invoice_number="СF-17")), [inv]) == []
    [f] = run(invoice_number, app(line(invoice_number="TM-2024/0312")), [doc("i.jpg", "invoice", invoice_numbers=[fv("TM-2024/0313")])])
    assert f.found == "TM-2024/0313"
    for read in ("15-24-0211", "LS-24-O2I1", "L5-Z4-0211"):  # OCR's digits for the letters they look like
        inv = doc("inv.jpg", "invoice", invoice_numbers=[fv(read)])
        assert run(invoice_number, app(line(invoice_number="LS-24-0211")), [inv]) == [], read
    [f] = run(invoice_number, app(line(invoice_number="LS-24-0211")), [doc("i.jpg", "invoice", invoice_numbers=[fv("LS-24-0217")])])
    assert f.found == "LS-24-0217"
    inv = doc("inv.jpg", "invoice", invoice_numbers=[fv("2.3202309419")])  # a photo's `ZJ`, a speck between
    assert run(invoice_number, app(line(invoice_number="ZJ202309419")), [inv]) == []


def test_two_separately_read_papers_agreeing_make_a_reading_sure():
    """An invoice number read from a scan proves nothing alone (a warning); the CMR's scan reading the same number
    makes it an error, as two scans' OCR seldom misreads alike. A copy of the same file is no second reading."""
    from tests.checks.build import evidence

    scan = doc("inv.jpg", "invoice", invoice_numbers=[fv("INV-2024/0313", verified=False)])
    cmr = doc("cmr.jpg", "cmr", invoice_numbers=[fv("INV 2024/0313", verified=False)])
    files = [evidence("inv.jpg"), evidence("cmr.jpg")]
    assert [f.severity for f in run(invoice_number, app(line()), [scan, cmr], files)] == [Severity.error]
    copy = [evidence("inv.jpg", sha="same"), evidence("cmr.jpg", sha="same")]
    assert [f.severity for f in run(invoice_number, app(line()), [scan, cmr], copy)] == [Severity.warning]
    unsure = doc("cmr.jpg", "cmr", invoice_numbers=[fv("INV-2024/0313", verified=False, conf=0.4)])
    assert [f.severity for f in run(invoice_number, app(line()), [scan, unsure], files)] == [Severity.warning]


def test_an_invoice_whose_number_was_not_read_is_checked_against_the_number_other_papers_cite():
    """A poor scan of the invoice gives no number; the CMR and the declaration cite it. Two papers agreeing on a
    number the line does not declare are the payer's to fix; one is a moderator's call; a cited number that is the
    declared one, or no invoice attached at all, is quiet."""
    from tests.checks.build import evidence

    inv = doc("inv.tif", "invoice")
    cmr = doc("cmr.jpg", "cmr", invoice_numbers=[fv("INV-2024/0313", verified=False)])
    dt = doc("dt.jpg", "customs_declaration", invoice_numbers=[fv("INV-2024/0313", verified=False)])
    files = [evidence(n) for n in ("inv.tif", "cmr.jpg", "dt.jpg")]
    [f] = run(invoice_number, app(line()), [inv, cmr, dt], files)
    assert (f.code, f.severity, f.found, f.document) == ("invoice_number_mismatch", Severity.error, "INV-2024/0313",
                                                         "cmr.jpg")
    assert "could not be read" in f.messages["en"]
    assert [f.severity for f in run(invoice_number, app(line()), [inv, cmr], files)] == [Severity.warning]
    same = doc("cmr.jpg", "cmr", invoice_numbers=[fv("INV-2024/0312")])
    assert run(invoice_number, app(line()), [inv, same], files) == []
    assert run(invoice_number, app(line()), [cmr, dt], files) == []


def test_a_scanned_invoices_misreading_is_set_against_the_number_other_papers_cite():
    """A scan's OCR misread the invoice's number (`2202405008` for `ZJ202405008`) while the waybill cites the
    declared one: the invoice's reading is the misread one, and nothing is reported. A born-digital invoice with
    another number is the authority whatever the CMR cites."""
    from tests.checks.build import evidence

    a = app(line(invoice_number="ZJ202405008"))
    waybill = doc("waybill.pdf", "waybill", invoice_numbers=[fv("ZJ202405008")])
    scan = doc("inv.jpg", "invoice", invoice_numbers=[fv("2202405008", verified=False, conf=0.69)])
    files = [evidence("inv.jpg"), evidence("waybill.pdf")]
    assert run(invoice_number, a, [scan, waybill], files) == []
    typed = doc("inv.pdf", "invoice", invoice_numbers=[fv("ZJ202405009")])
    [f] = run(invoice_number, a, [typed, waybill], [evidence("inv.pdf"), evidence("waybill.pdf")])
    assert (f.severity, f.found) == (Severity.error, "ZJ202405009")


def test_two_papers_citing_the_invoices_other_number_make_its_garbled_reading_the_payers_to_fix():
    """A photo reads the invoice's `INV-2023/7614` as `ТМУ-2023/7614`; the declaration and the CMR both cite
    `INV-2023/7614`, and the line declares `INV-2023/76146`: the number is proven, so the finding is an error and
    says the number the papers agree on. One paper citing it proves nothing (a warning)."""
    from tests.checks.build import evidence

    a = app(line(invoice_number="INV-2023/76146"))
    photo = doc("inv.jpg", "invoice", invoice_numbers=[fv("ТМУ-2023/7614", verified=False, conf=0.86)])
    dt = doc("dt.pdf", "customs_declaration", invoice_numbers=[fv("INV-2023/7614", verified=False)])
    cmr = doc("cmr.jpg", "cmr", invoice_numbers=[fv("INV-2023/7614", verified=False)])
    files = [evidence("inv.jpg"), evidence("dt.pdf"), evidence("cmr.jpg")]
    [f] = run(invoice_number, a, [photo, dt, cmr], files)
    assert (f.severity, f.document, f.found) == (Severity.error, "inv.jpg", "INV-2023/7614")
    [f] = run(invoice_number, a, [photo, cmr], [evidence("inv.jpg"), evidence("cmr.jpg")])
    assert (f.severity, f.found) == (Severity.warning, "ТМУ-2023/7614")
