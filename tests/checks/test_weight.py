from checks.models import Severity
from checks.rules.weight import declared_weight
from checks.settings import CheckSettings
from extractor.field_models import FieldValue
from tests.checks.build import app, clean_general_eaeu, codes, doc, fv, line, run


def test_clean_filing_is_quiet():
    a, docs, files = clean_general_eaeu()
    assert run(declared_weight, a, docs, files) == []


def test_mismatch_against_packing_list_is_error_with_provenance():
    a = app(line(weight_kg=10000.0))
    pl = doc("pl.xlsx", "packing_list", net_weight_kg=fv(11980.0, "net", page=2), gross_weight_kg=fv(12450.5, "gross"))
    [f] = run(declared_weight, a, [pl])
    assert (f.code, f.severity, f.declared, f.found, f.document, f.page) == (
        "weight_mismatch", Severity.error, "10000", "11980", "pl.xlsx", 2)
    assert f.bbox is not None and f.goods_line == 0


def test_within_tolerance_is_quiet_and_tolerance_is_configurable():
    a = app(line(weight_kg=11900.0))
    pl = doc("pl.xlsx", "packing_list", net_weight_kg=fv(11980.0, "net"))
    assert run(declared_weight, a, [pl]) == []
    strict = CheckSettings(weight_tolerance_rel=0.001, weight_tolerance_abs_kg=1.0)
    assert len(run(declared_weight, a, [pl], settings=strict)) == 1


def test_gross_declared_where_net_is_due():
    a = app(line(weight_kg=12450.5))
    pl = doc("pl.xlsx", "packing_list", net_weight_kg=fv(11980.0, "net"), gross_weight_kg=fv(12450.5, "gross"))
    [f] = run(declared_weight, a, [pl], lang="en")
    assert f.found == "11980" and "gross" in f.message


def test_gross_declared_for_a_small_consignment_is_not_hidden_by_the_kilogram_of_tolerance():
    """6.7 kg declared for cans of 6.3 kg net, 6.7 kg gross: within a kilogram of the net, but the gross to the
    tenth. Declared as 6.5, between the two, it is within tolerance of the net and quiet."""
    pl = doc("pl.xlsx", "packing_list", net_weight_kg=fv(6.3, "net"), gross_weight_kg=fv(6.7, "gross"))
    [f] = run(declared_weight, app(line(weight_kg=6.7)), [pl], lang="en")
    assert (f.severity, f.found) == (Severity.error, "6.3") and "gross" in f.message
    assert run(declared_weight, app(line(weight_kg=6.5)), [pl]) == []
    assert run(declared_weight, app(line(weight_kg=6.3)), [pl]) == []
    # a scanned declaration's net read above its gross (`5140.96` for vehicles' 5140.0): a misreading, not a net
    # that proves the payer copied the gross
    dt = doc("dt.jpg", "customs_declaration", net_weight_kg=fv(5140.96, "net", verified=False),
             gross_weight_kg=fv(5140.0, "gross", verified=False))
    assert run(declared_weight, app(line(weight_kg=1620.0), line(weight_kg=3520.0)), [dt]) == []


def test_low_confidence_reading_is_a_warning():
    a = app(line(weight_kg=10000.0))
    pl = doc("pl.jpg", "packing_list", net_weight_kg=fv(11980.0, "net", conf=0.5))
    assert [f.severity for f in run(declared_weight, a, [pl])] == [Severity.warning]
    unverified = doc("pl.jpg", "packing_list", net_weight_kg=fv(11980.0, "net", verified=False))
    assert [f.severity for f in run(declared_weight, a, [unverified])] == [Severity.warning]


def test_summed_over_the_lines_a_document_covers():
    a = app(line(weight_kg=5000.0, hs_code="4011100003"), line(weight_kg=6980.0, hs_code="4011200000"))
    pl = doc("pl.xlsx", "packing_list", net_weight_kg=fv(11980.0, "net"))
    assert run(declared_weight, a, [pl]) == []
    partial = doc("pl2.xlsx", "packing_list", net_weight_kg=fv(5000.0, "net"), hs_codes=[fv("4011100003")])
    assert run(declared_weight, a, [partial]) == []
    wrong = doc("pl3.xlsx", "packing_list", net_weight_kg=fv(4000.0, "net"), hs_codes=[fv("4011100003")])
    [f] = run(declared_weight, a, [wrong])
    assert f.goods_line == 0 and f.declared == "5000"


def test_one_confirming_document_is_enough():
    a = app(line(weight_kg=11980.0))
    dt = doc("dt.pdf", "customs_declaration", net_weight_kg=fv(11980.0, "net"))
    pl = doc("pl.xlsx", "packing_list", net_weight_kg=fv(12980.0, "net"))
    assert run(declared_weight, a, [dt, pl]) == []


def test_cmr_gross_only_flags_declared_above_gross():
    a = app(line(weight_kg=13000.0))
    cmr = doc("cmr.jpg", "cmr", gross_weight_kg=fv(12450.5, "gross"))
    [f] = run(declared_weight, a, [cmr])
    assert f.found == "12450.5"
    assert run(declared_weight, app(line(weight_kg=11980.0)), [cmr]) == []


def test_packaging_line_may_declare_the_packaging_mass_or_the_packaging_products_net():
    """Packaging products (films, cans) are declared by their own net weight; goods in packaging by the
    packaging mass, gross minus net (p.32.1). Either is confirmed; the gross weight is not."""
    pl = doc("pl.xlsx", "packing_list", net_weight_kg=fv(1000.0, "net"), gross_weight_kg=fv(1150.0, "gross"))
    assert run(declared_weight, app(line(category="packaging", weight_kg=150.0)), [pl]) == []
    assert run(declared_weight, app(line(category="packaging", weight_kg=1000.0)), [pl]) == []
    [f] = run(declared_weight, app(line(category="packaging", weight_kg=1150.0)), [pl], lang="en")
    assert f.found == "1000" and "gross" in f.message
    [f] = run(declared_weight, app(line(category="packaging", weight_kg=700.0)), [pl])
    assert f.found == "1000" and f.severity == Severity.error


def test_per_line_weights_summed_when_no_total():
    pl = doc("pl.xlsx", "packing_list", weights=[fv(5000.0, "net"), fv(6980.0, "net")])
    assert run(declared_weight, app(line()), [pl]) == []
    assert run(declared_weight, app(line(weight_kg=5000.0)), [pl]) == []
    assert len(run(declared_weight, app(line(weight_kg=7777.0)), [pl])) == 1


# -- regressions from whole synthetic filings ----------------------------------------------


def test_gross_declared_on_one_line_is_not_hidden_by_the_total_of_all_lines():
    """148.2 + 1824.7 = 1972.9 net in total; line 2 declares its gross 1986.9, within 2 % of that total."""
    a = app(line(weight_kg=148.2, hs_code="7013499900"), line(weight_kg=1986.9, hs_code="4011500001"), kind="producer")
    pp = doc("pp.pdf", "product_passport", net_weight_kg=fv(1972.9, "net"), gross_weight_kg=fv(2151.6, "gross"),
             weights=[fv(148.2, "net"), fv(164.7, "gross"), fv(1824.7, "net"), fv(1986.9, "gross")])
    [f] = run(declared_weight, a, [pp], lang="en")
    assert (f.goods_line, f.found, f.severity) == (1, "1824.7", Severity.error) and "gross" in f.message


def test_total_of_all_lines_confirms_when_codes_link_only_some():
    """A mistyped HS code on line 2 leaves the declaration linked to lines 1 and 3 by code; its total is all three."""
    a = app(line(weight_kg=1000.0, hs_code="4011100003"), line(weight_kg=2000.0, hs_code="4011200000"),
            line(weight_kg=3000.0, hs_code="4011300000"))
    dt = doc("dt.pdf", "customs_declaration", net_weight_kg=fv(6000.0, "net"),
             hs_codes=[fv("4011100003"), fv("4011300000"), fv("4011200001")])
    assert run(declared_weight, a, [dt]) == []


def test_misread_total_equal_to_another_lines_weight_is_no_gross_limit():
    a = app(line(hs_code="8433539000", weight_kg=30400.0, country="RU"),
            line(hs_code="8433510009", weight_kg=35600.0, country="RU"))
    cmr = doc("cmr.pdf", "cmr", gross_weight_kg=fv(30400.0, "gross"))
    assert run(declared_weight, a, [cmr]) == []


def test_vehicle_mass_against_the_cmr_gross():
    a = app(line(hs_code="8703239087", weight_kg=1450.0, country="RU"))
    assert run(declared_weight, a, [doc("cmr.pdf", "cmr", gross_weight_kg=fv(1450.0, "gross"))]) == []
    # the gross weight of vehicles, which travel unpacked, is their mass: read surely, a declared weight below it
    # is the payer's to correct; read unsurely, a moderator looks
    [f] = run(declared_weight, a, [doc("cmr.pdf", "cmr", gross_weight_kg=fv(2350.0, "gross"))])
    assert f.severity == Severity.error and f.found == "2350" and "Исправьте вес" in f.message
    [f] = run(declared_weight, a, [doc("cmr.pdf", "cmr", gross_weight_kg=fv(2350.0, "gross", conf=0.4, verified=False))])
    assert f.severity == Severity.warning
    [f] = run(declared_weight, a, [doc("cmr.pdf", "cmr", gross_weight_kg=fv(1000.0, "gross"))])
    assert f.severity == Severity.error and "over" not in f.message


def test_invoice_weight_binds_a_producer_only():
    inv = doc("inv.pdf", "invoice", net_weight_kg=fv(9276.3, "net"))
    [f] = run(declared_weight, app(line(weight_kg=8000.0, country="KZ"), kind="producer"), [inv])
    assert f.severity == Severity.error
    [f] = run(declared_weight, app(line(weight_kg=8000.0, country="CN")), [inv])
    assert f.severity == Severity.warning


def test_finding_points_at_the_row_that_disagrees_not_the_total():
    a = app(line(weight_kg=276.5, hs_code="7013420000"), line(weight_kg=2843.4, hs_code="4818909001"))
    rows = [fv(1974.1, "net", page=1), fv(276.5, "net", page=1)]  # rows in another order than the goods lines
    pl = doc("pl.pdf", "packing_list", net_weight_kg=fv(2250.6, "net"), weights=rows)
    [f] = run(declared_weight, a, [pl])
    assert (f.goods_line, f.declared, f.found) == (1, "2843.4", "1974.1")
    both_wrong = doc("pl.pdf", "packing_list", net_weight_kg=fv(2250.6, "net"),
                     weights=[fv(1974.1, "net"), fv(300.0, "net")])
    assert {f.found for f in run(declared_weight, a, [both_wrong])} == {"2250.6"}  # no row is its own: the total


def _at(value: FieldValue, y: float) -> FieldValue:
    return value.model_copy(update={"bbox": (10.0, y, 110.0, y + 10.0)})


def test_a_lines_own_row_outranks_the_totals_that_hide_its_error() -> None:
    """Line 1 declares 763.9 kg where the passport's row with its HS code shows 845.3: 10% off, but under 0.4% of
    the whole, so the totals agreed within tolerance and every document 'confirmed' the line."""
    a = app(line(weight_kg=763.9, hs_code="8471800000"), line(weight_kg=19523.1, hs_code="8507102003"),
            line(weight_kg=764.7, hs_code="3917101000"))
    codes = [_at(fv("8471800000"), 153), _at(fv("8507102003"), 175), _at(fv("3917101000"), 197)]
    weights = [_at(fv(845.3, "net"), 153), _at(fv(19523.1, "net"), 175), _at(fv(764.7, "net"), 197)]
    passport = doc("passport.pdf", "product_passport", hs_codes=codes, weights=weights,
                   net_weight_kg=_at(fv(21133.1, "net"), 230))
    invoice = doc("invoice.pdf", "invoice", net_weight_kg=fv(21133.1, "net"))
    [f] = run(declared_weight, a, [invoice, passport])
    assert (f.goods_line, f.declared, f.found, f.document, f.severity) == (0, "763.9", "845.3", "passport.pdf",
                                                                           Severity.error)
    assert f.bbox is not None and f.bbox[1] < 160


def test_a_row_is_the_lines_own_when_every_other_line_has_found_its_row() -> None:
    """Two lines under one HS code: the code cannot tell which row is which, but the rows can: line 2 finds its
    19523.1, so the 845.3 row is line 1's, which declares 763.9 (10% off, within 2% of the total). With fewer rows
    than lines nothing is left over, and the totals decide as before."""
    a = app(line(weight_kg=763.9, hs_code="8471800000"), line(weight_kg=19523.1, hs_code="8471800000"))
    passport = doc("passport.pdf", "product_passport", hs_codes=[_at(fv("8471800000"), 153)],
                   weights=[_at(fv(845.3, "net"), 153), _at(fv(19523.1, "net"), 175)],
                   net_weight_kg=_at(fv(20368.4, "net"), 230))
    [f] = run(declared_weight, a, [passport])
    assert (f.goods_line, f.declared, f.found, f.severity) == (0, "763.9", "845.3", Severity.error)
    one_row = passport.model_copy(update={"fields": passport.fields.model_copy(update={"weights": passport.fields.weights[:1]})})
    assert run(declared_weight, a, [one_row]) == []


def test_a_lines_gross_in_its_own_row_is_not_hidden_by_the_total() -> None:
    """A packaging line declares its row's gross (1533.6 for 1370.8 net): within 2% of the 11 635.3 kg total of
    three lines, but the other two lines find their own rows, so this row is the line's and says gross. The
    packaging mass of that row (gross minus net) is confirmed."""
    lines = [line(weight_kg=1533.6, hs_code="4819300002", category="packaging"),
             line(weight_kg=1015.4, hs_code="7010904300", category="packaging"),
             line(weight_kg=9249.1, hs_code="3920202101", category="packaging")]
    weights = [fv(1370.8, "net"), fv(1533.6, "gross"), fv(1015.4, "net"), fv(1126.3, "gross"), fv(9249.1, "net"),
               fv(10033.5, "gross")]
    pl = doc("pl.pdf", "packing_list", net_weight_kg=fv(11635.3, "net"), gross_weight_kg=fv(12693.4, "gross"),
             weights=weights)
    [f] = run(declared_weight, app(*lines), [pl], lang="en")
    assert (f.goods_line, f.found, f.severity) == (0, "1370.8", Severity.error) and "gross" in f.message
    mass = [line(weight_kg=162.8, hs_code="4819300002", category="packaging"), *lines[1:]]
    assert run(declared_weight, app(*mass), [pl]) == []


def test_an_invoice_agreeing_does_not_silence_a_packing_list_that_proves_otherwise():
    """An importer's invoice proves no net weight: when only it agrees and the packing list, read with confidence,
    shows another figure, a moderator is warned; a document that proves the weight agreeing settles it."""
    a = app(line(weight_kg=11980.0))
    inv = doc("invoice.docx", "invoice", net_weight_kg=fv(11980.0, "net"))
    pl = doc("packing.xlsx", "packing_list", net_weight_kg=fv(12380.0, "net"))
    [f] = run(declared_weight, a, [inv, pl])
    assert (f.code, f.severity, f.document, f.found) == ("weight_mismatch", Severity.warning, "packing.xlsx", "12380")
    unsure = doc("packing.jpg", "packing_list", net_weight_kg=fv(12380.0, "net", conf=0.4))
    assert run(declared_weight, a, [inv, unsure]) == [], "a doubtful reading against an agreeing invoice: quiet"
    declaration = doc("dt.pdf", "customs_declaration", net_weight_kg=fv(11980.0, "net"))
    assert run(declared_weight, a, [inv, pl, declaration]) == [], "the declaration proves the declared figure"
    producer = app(line(weight_kg=11980.0), kind="producer")
    assert run(declared_weight, producer, [inv, pl]) == [], "a producer's own invoice proves it (p.18)"


def test_a_packaging_lines_mismatch_cites_the_packaging_paragraphs():
    """A packaging line's weight is proven by the declaration outside the EAEU (p.30) and by packing lists inside
    it (p.31), not by the general goods' p.17."""
    pl = doc("pl.xlsx", "packing_list", net_weight_kg=fv(11980.0, "net"), gross_weight_kg=fv(12450.5, "gross"))
    rules = {}
    for country in ("CN", "RU"):
        [f] = run(declared_weight, app(line(weight_kg=10000.0, country=country, category="packaging")), [pl])
        rules[country] = f.rule
    [general] = run(declared_weight, app(line(weight_kg=10000.0, country="CN")), [pl])
    assert rules == {"CN": "Rules 763 p.30", "RU": "Rules 763 p.31"} and general.rule == "Rules 763 p.17"


def test_a_bundles_other_page_reading_the_same_weight_makes_it_sure():
    """A scanned bundle's packing list (page 2, in tonnes: `0,041 т`) and import application (page 4, `40,9 кг`)
    read the same net weight on pages OCR read apart, so a declared figure both contradict is the payer's to fix.
    The same page read twice, or a figure a kilogram off, proves nothing."""
    from tests.checks.build import evidence

    a = app(line(weight_kg=45.5))
    pl = doc("scan.pdf", "packing_list", pages=[2], net_weight_kg=fv(41.0, "net", page=2, verified=False))
    za = doc("scan.pdf", "import_application", pages=[4], net_weight_kg=fv(40.9, "net", page=4, verified=False))
    files = [evidence("scan.pdf", pages=4)]
    assert [f.severity for f in run(declared_weight, a, [pl, za], files)] == [Severity.error]
    alone = doc("scan.pdf", "import_application", pages=[2], net_weight_kg=fv(40.9, "net", page=2, verified=False))
    assert [f.severity for f in run(declared_weight, a, [pl, alone], files)] == [Severity.warning]
    apart = doc("scan.pdf", "import_application", pages=[4], net_weight_kg=fv(39.5, "net", page=4, verified=False))
    assert [f.severity for f in run(declared_weight, a, [pl, apart], files)] == [Severity.warning]
    gross = doc("scan.pdf", "cmr", pages=[3], gross_weight_kg=fv(41.0, "gross", page=3, verified=False))
    assert [f.severity for f in run(declared_weight, a, [pl, gross], files)] == [Severity.warning]


def test_a_small_rows_printed_figure_is_not_hidden_by_the_kilogram_of_tolerance() -> None:
    """Line 2 declares 7.9 kg where the packing list's text layer prints 7 kg on its row: 13% over, but within the
    kilogram allowed for misreadings. A printed figure is not misread; only its own rounding is allowed.
    The same row read by OCR keeps the kilogram: a scan's `7,0` may be a misread 7,9."""
    a = app(line(weight_kg=587.1, hs_code="7010904300"), line(weight_kg=7.9, hs_code="7612902000"))
    codes = [_at(fv("7010904300"), 153), _at(fv("7612902000"), 175)]
    rows = [_at(fv(587.1, "net"), 153), _at(fv(7.0, "net"), 175)]
    printed = [r.model_copy(update={"source": "text", "raw": raw}) for r, raw in zip(rows, ("587,1 кг", "7 кг"), strict=True)]
    pl = doc("pl.xlsx", "packing_list", hs_codes=codes, weights=printed, net_weight_kg=_at(fv(594.1, "net"), 230))
    [f] = run(declared_weight, a, [pl])
    assert (f.goods_line, f.declared, f.found) == (1, "7.9", "7")
    scanned = [r.model_copy(update={"source": "ocr"}) for r in rows]
    pl_scan = doc("pl.jpg", "packing_list", hs_codes=codes, weights=scanned, net_weight_kg=_at(fv(594.1, "net"), 230))
    assert run(declared_weight, a, [pl_scan]) == []
    rounded = app(line(weight_kg=587.1, hs_code="7010904300"), line(weight_kg=7.4, hs_code="7612902000"))
    assert run(declared_weight, rounded, [pl]) == []
    # the payer's own rounding to the kilogram: 7 kg declared for a row printed `7,4 кг`
    tenths = [printed[0], printed[1].model_copy(update={"value": 7.4, "raw": "7,4 кг"})]
    pl_tenths = doc("pl.pdf", "packing_list", hs_codes=codes, weights=tenths, net_weight_kg=_at(fv(594.5, "net"), 230))
    whole = app(line(weight_kg=587.1, hs_code="7010904300"), line(weight_kg=7.0, hs_code="7612902000"))
    assert run(declared_weight, whole, [pl_tenths]) == []
    # a declaration's row printed to the gram (`0.400`): 0.6 kg declared is half as much again
    grams = [printed[0], printed[1].model_copy(update={"value": 0.4, "raw": "0.400"})]
    pl_grams = doc("dt.pdf", "customs_declaration", hs_codes=codes, weights=grams, net_weight_kg=_at(fv(587.5, "net"), 230))
    small = app(line(weight_kg=587.1, hs_code="7010904300"), line(weight_kg=0.6, hs_code="7612902000"))
    [f] = run(declared_weight, small, [pl_grams])
    assert (f.goods_line, f.declared, f.found) == (1, "0.6", "0.4")


def test_a_scans_figure_that_is_the_declared_one_misread_cannot_tell() -> None:
    """A scanned product passport's `216,1` for 8 216,1 declared (8080-0008: the leading digit lost), an invoice
    photo's `45048` for 4504.8 (6262-0110: the decimal mark lost): the declared figure's own digits, misread, no
    evidence of another weight. Printed in a text layer, the same figure is the document's word."""
    for declared, read in ((8216.1, 216.1), (4504.8, 45048.0)):
        scanned = fv(read, "net").model_copy(update={"source": "ocr"})
        pp = doc("pp.jpg", "product_passport", net_weight_kg=scanned)
        assert run(declared_weight, app(line(weight_kg=declared)), [pp]) == [], read
        printed = doc("pp.pdf", "product_passport", net_weight_kg=fv(read, "net").model_copy(update={"source": "text"}))
        assert [f.found for f in run(declared_weight, app(line(weight_kg=declared)), [printed])] == [f"{read:g}"]
    other = doc("pp.jpg", "product_passport", net_weight_kg=fv(316.1, "net").model_copy(update={"source": "ocr"}))
    assert [f.code for f in run(declared_weight, app(line(weight_kg=8216.1)), [other])] == ["weight_mismatch"]


def test_each_line_finds_its_own_row_closest_first() -> None:
    """9191-0113: rows of 1833.7, 12421.9 and 2939.5 kg; line 3 declared 1858.2 for its 2939.5, which agrees within
    the tolerance with line 1's 1833.7. Taken in order, line 3 took line 1's row and line 1 was told it
    disagreed with 2939.5 ("Line 1, 3"); closest first, line 1 keeps its row and line 3 alone is told."""
    pl = doc("pl.pdf", "packing_list", net_weight_kg=fv(17195.1, "net"),
             weights=[fv(1833.7, "net"), fv(12421.9, "net"), fv(2939.5, "net"), fv(17195.1, "net")])
    a = app(line(weight_kg=1833.7), line(hs_code="8507108001", weight_kg=12421.9),
            line(hs_code="8528529009", weight_kg=1858.2))
    [f] = run(declared_weight, a, [pl])
    assert (f.goods_line, f.declared, f.found, f.severity) == (2, "1858.2", "2939.5", Severity.error)


def test_a_declarations_net_read_on_fewer_sheets_than_its_gross_is_no_total():
    """A scanned two-sheet declaration: box 35 read on both sheets, box 38 on the first alone (1357-0078). The
    first sheet's net is not the declaration's: summed, it would be set against both goods lines and warn of a
    mismatch that is a lost box. Read on both sheets, the sum is the total and a wrong line is caught."""
    a = app(line(weight_kg=7307.3), line(weight_kg=306.8))
    weights = [fv(8279.9, "gross", verified=False), fv(7307.3, "net", verified=False),
               fv(359.7, "gross", page=2, verified=False)]
    dt = doc("dt.tif", "customs_declaration", pages=[1, 2], weights=weights)
    assert run(declared_weight, a, [dt]) == []
    both = doc("dt.tif", "customs_declaration", pages=[1, 2],
               weights=[*weights, fv(306.8, "net", page=2, verified=False)])
    assert run(declared_weight, a, [both]) == []
    assert codes(run(declared_weight, app(line(weight_kg=7307.3), line(weight_kg=900.0)), [both])) == ["weight_mismatch"]


def test_a_declarations_weights_lost_on_a_sheet_whose_code_was_read_are_no_total():
    """2424-0034: a two-sheet declaration whose second sheet was too faint for boxes 35 and 38, its box 33 code read
    again. The first sheet's 3600 kg is part of the 6200: set against the goods it would warn of a mismatch that
    is a lost sheet. With the second sheet's weights read, the sum is the total and a wrong line is caught."""
    a = app(line(weight_kg=3600.0), line(hs_code="8704513903", weight_kg=2600.0))
    codes_read = [fv("8703604091"), fv("8704513903", page=2)]
    weights = [fv(3600.0, "gross", verified=False), fv(3600.0, "net", verified=False)]
    dt = doc("dt.tif", "customs_declaration", pages=[1, 2], weights=weights, hs_codes=codes_read)
    assert run(declared_weight, a, [dt]) == []
    both = doc("dt.tif", "customs_declaration", pages=[1, 2], hs_codes=codes_read,
               weights=[*weights, fv(2600.0, "gross", page=2, verified=False), fv(2600.0, "net", page=2, verified=False)])
    assert codes(run(declared_weight, app(line(weight_kg=3600.0), line(weight_kg=900.0)), [both])) == ["weight_mismatch"]
