"""An OCR'd VIN that can only be a misreading of one VIN typed elsewhere in the filing takes its spelling."""

from __future__ import annotations

import pytest

from checks.engine import run_checks
from checks.reconcile import reconcile_vins, reconcile_weights
from extractor.field_models import FieldValue
from extractor.ids import vin as vin_id
from tests.checks.build import app, doc, fv, line

TYPED = "X9FC52NV8RC414269"
SCANNED = "X9FCS2NV8RC414269"  # 5 read as S, as Tesseract does at 99% confidence on a 150-dpi scan


def _ocr(value: str, conf: float = 0.8) -> FieldValue:
    return fv(value, conf=conf, verified=False).model_copy(update={"source": "ocr", "raw": value})


def _vins(docs):  # type: ignore[no-untyped-def]
    return [[str(v.value) for v in d.fields.vins] for d in docs]


def test_a_scanned_misreading_of_a_declared_vin_takes_the_typed_spelling_and_keeps_the_raw() -> None:
    [cmr] = reconcile_vins([doc("cmr.jpg", "cmr", vins=[_ocr(SCANNED)])], [TYPED])
    [reading] = cmr.fields.vins
    assert (reading.value, reading.raw, reading.source) == (TYPED, SCANNED, "ocr")


def test_a_text_layer_document_types_the_vin_for_the_scans_of_the_same_filing() -> None:
    invoice = doc("invoice.pdf", "invoice", vins=[fv(TYPED)])
    cmr = doc("cmr.jpg", "cmr", vins=[_ocr("X9FCSZNVERC414269")])  # 5/S, 2/Z and 8/E at once
    assert _vins(reconcile_vins([invoice, cmr], [])) == [[TYPED], [TYPED]]


def test_a_text_layer_reading_is_never_respelled() -> None:
    cmr = doc("cmr.pdf", "cmr", vins=[fv(SCANNED)])
    assert _vins(reconcile_vins([cmr], [TYPED])) == [[SCANNED]]


def test_a_reading_that_fits_two_typed_vins_or_none_is_left_as_read() -> None:
    other = "X9FC5ZNV8RC414269"  # also one look-alike from the scan
    assert _vins(reconcile_vins([doc("cmr.jpg", "cmr", vins=[_ocr("X9FCSZNV8RC414269")])], [TYPED, other])) == [
        ["X9FCSZNV8RC414269"]
    ]
    different = "X9FC52NV8RC414268"  # a different last digit is a different vehicle, not a misreading
    assert _vins(reconcile_vins([doc("cmr.jpg", "cmr", vins=[_ocr(different)])], [TYPED])) == [[different]]


def test_a_misreading_and_its_good_re_read_become_one_value_with_the_better_confidence() -> None:
    cmr = doc("cmr.jpg", "cmr", vins=[_ocr(SCANNED, 0.99), _ocr(TYPED, 0.7)])
    [[reading]] = [d.fields.vins for d in reconcile_vins([cmr], [TYPED])]
    assert (reading.value, reading.confidence) == (TYPED, 0.99)


def test_look_alikes_are_pairs_not_classes() -> None:
    assert vin_id.same_under_ocr("JTMJJ1NDSM6093652", "JTMJJJND5M6093652")  # 1/J and S/5
    assert vin_id.same_under_ocr("1TMJJJND5M6093652", "JTMJJJND5M6093652")
    assert not vin_id.same_under_ocr("JTMJJTND5M6093652", "JTMJJJND5M6093652")  # J and T do not look alike


@pytest.mark.parametrize(("scanned", "typed"), [
    ("1FTUGDGS9NE653D62", "1FTUGDG89NE653062"),  # 8 as S and 0 as D on a 150-dpi scan
    ("XTATERAA8N8672838", "XTA7ERAA8N8672838"),  # a serif 7 as T
])
def test_digit_and_letter_look_alikes_are_misreadings_of_the_typed_vin(scanned: str, typed: str) -> None:
    [cmr] = reconcile_vins([doc("cmr.jpg", "cmr", vins=[_ocr(scanned)])], [typed])
    assert _vins([cmr]) == [[typed]]


def test_a_cyrillic_u_may_stand_for_a_latin_v_but_a_typed_y_is_not_a_v() -> None:
    """The Russian model reads a Latin V as `У`, which the repair turns into Y; a Latin Y read as Y is no V."""
    typed = "XTA0CG6AVPE230224"
    u = _ocr("XTA0C06AYPE230224").model_copy(update={"raw": "ХТАОСОбАУРЕ 230224"})
    assert _vins(reconcile_vins([doc("cmr.jpg", "cmr", vins=[u])], [typed])) == [[typed]]
    y = _ocr("XTA0C06AYPE230224")
    assert _vins(reconcile_vins([doc("cmr.jpg", "cmr", vins=[y])], [typed])) == [["XTA0C06AYPE230224"]]


@pytest.mark.parametrize(("scanned", "typed"), [
    ("WDBBTVSE9ML605911", "WDBBTV9E9ML605911"),  # 9 as S
    ("JTMCNJXNZNG614062", "JTMCNJXNZN0614062"),  # 0 as G
    ("WDBEPS49NN3219227", "WDB6P549NN3219227"),  # 6 as E, 5 as S
    ("JTMJ3JNDSM6093652", "JTMJJJND5M6093652"),  # J as 3
])
def test_a_digit_read_as_a_letter_like_it_is_the_typed_vin(scanned: str, typed: str) -> None:
    """Shapes a 150-dpi scan turns into one another across digits and letters: no typist swaps `9` for `S`."""
    assert _vins(reconcile_vins([doc("cmr.jpg", "cmr", vins=[_ocr(scanned)])], [typed])) == [[typed]]


def test_a_letter_typed_for_another_letter_stays_a_mismatch() -> None:
    """G and S look alike to no one, and a typist may swap one letter for another: that is a different VIN."""
    assert not vin_id.same_under_ocr("JTMX3WASSNA179636", "JTMX3WAGSNA179636")


def test_the_report_shows_the_typed_spelling_and_no_mismatch() -> None:
    application = app(line(hs_code="8703239087", vins=[TYPED]))
    report = run_checks(application, [doc("cmr.jpg", "cmr", vins=[_ocr(SCANNED)])], [])
    assert [str(v.value) for v in report.documents[0].fields.vins] == [TYPED]
    assert not [f for f in report.findings if f.code == "vin_mismatch"]


def _weight(value: float, role: str, conf: float, source: str) -> FieldValue:
    return fv(value, role, conf=conf).model_copy(update={"source": source})


def test_a_scanned_total_one_digit_off_another_papers_takes_its_spelling() -> None:
    """The invoice's scan read `28 989,8` where the packing list's text layer prints `20 989,8`: one digit in the
    same place, so the same total misread. Two digits off, or close to two totals, change nothing; of two scans the
    surer keeps its figure and the less sure one takes it."""
    pl = doc("pl.pdf", "packing_list", gross_weight_kg=_weight(20989.8, "gross", 1.0, "text"),
             net_weight_kg=_weight(20982.6, "net", 1.0, "text"))
    inv = doc("inv.tif", "invoice", gross_weight_kg=_weight(28989.8, "gross", 0.7, "ocr"),
              net_weight_kg=_weight(28982.6, "net", 0.7, "ocr"))
    _, fixed = reconcile_weights([pl, inv])
    assert fixed.fields.gross_weight_kg is not None and fixed.fields.net_weight_kg is not None
    assert (fixed.fields.gross_weight_kg.value, fixed.fields.gross_weight_kg.raw) == (20989.8, "28989.8")
    assert fixed.fields.net_weight_kg.value == 20982.6
    far = doc("inv.tif", "invoice", gross_weight_kg=_weight(28980.8, "gross", 0.7, "ocr"))
    assert reconcile_weights([pl, far])[1].fields.gross_weight_kg.value == 28980.8  # type: ignore[union-attr]
    sure = doc("inv.tif", "invoice", gross_weight_kg=_weight(28989.8, "gross", 0.95, "ocr"))
    unsure_pl = doc("pl.jpg", "packing_list", gross_weight_kg=_weight(20989.8, "gross", 0.7, "ocr"))
    assert reconcile_weights([unsure_pl, sure])[1].fields.gross_weight_kg.value == 28989.8  # type: ignore[union-attr]
    assert reconcile_weights([unsure_pl, sure])[0].fields.gross_weight_kg.value == 28989.8  # type: ignore[union-attr]
    two = [doc("a.pdf", "cmr", gross_weight_kg=_weight(20989.8, "gross", 1.0, "text")),
           doc("b.pdf", "waybill", gross_weight_kg=_weight(28989.9, "gross", 1.0, "text"))]
    assert reconcile_weights([*two, inv])[2].fields.gross_weight_kg.value == 28989.8  # type: ignore[union-attr]


def test_a_mistyped_declared_weight_is_still_reported_against_a_scanned_paper() -> None:
    """The reconciliation looks at the papers only: a declaration a digit off the scanned packing list's total is a
    weight mismatch, not a reason to respell the scan."""
    scan = doc("pl.jpg", "packing_list", net_weight_kg=_weight(11980.0, "net", 0.9, "ocr"),
               gross_weight_kg=_weight(12450.0, "gross", 0.9, "ocr"))
    report = run_checks(app(line(weight_kg=11080.0)), [scan], [])
    assert "weight_mismatch" in [f.code for f in report.findings]


def test_a_scanned_total_the_payer_typed_keeps_its_spelling_against_a_surer_scan() -> None:
    """The packing list's scan reads `39,9` at 0.8, the application's `89.9` at 0.95, and the payer typed 39.9:
    two hands agree on the packing list's figure, so it is not respelled. Without the payer's figure it would be."""
    pl = doc("pl.jpg", "packing_list", net_weight_kg=_weight(39.9, "net", 0.8, "ocr"))
    form = doc("app.jpg", "import_application", net_weight_kg=_weight(89.9, "net", 0.95, "ocr"))
    assert reconcile_weights([pl, form], [39.9])[0].fields.net_weight_kg.value == 39.9  # type: ignore[union-attr]
    assert reconcile_weights([pl, form])[0].fields.net_weight_kg.value == 89.9  # type: ignore[union-attr]
    report = run_checks(app(line(weight_kg=39.9)), [pl, form], [])
    assert [d.fields.net_weight_kg.value for d in report.documents] == [39.9, 89.9]  # type: ignore[union-attr]


def test_a_reading_one_character_off_a_vin_typed_and_read_elsewhere_takes_its_spelling() -> None:
    """R read as B is no look-alike pair a typist could not make, but when the payer typed `...XRH...` and the
    declaration prints it so, the CMR scan's `...XBH...` is a misreading. The payer's spelling alone, or a reading
    one character off two such VINs, is not enough."""
    typed, scanned = "WDBT4VHVXRH744216", "WDBT4VHVXBH744216"
    declaration = doc("dt.pdf", "customs_declaration", vins=[_ocr(typed).model_copy(update={"source": "text"})])
    cmr = doc("cmr.jpg", "cmr", vins=[_ocr(scanned)])
    assert _vins(reconcile_vins([declaration, cmr], [typed])) == [[typed], [typed]]
    assert _vins(reconcile_vins([cmr], [typed])) == [[scanned]]
    # a look-alike besides (the S for 5) does not make it two characters off
    tesla, garbled = "5YJGTZKC3NA670536", "SYJGTZKC3NAS70536"
    invoice = doc("inv.pdf", "invoice", vins=[_ocr(tesla).model_copy(update={"source": "text"})])
    assert _vins(reconcile_vins([invoice, doc("dt.jpg", "customs_declaration", vins=[_ocr(garbled)])], [tesla]))[1] \
        == [tesla]
    assert _vins(reconcile_vins([invoice, doc("dt.jpg", "customs_declaration", vins=[_ocr("SYJGTZKC3NBS70536")])],
                                [tesla]))[1] == ["SYJGTZKC3NBS70536"]
    other = doc("pass.jpg", "vehicle_passport", vins=[_ocr(typed), _ocr("WDBT4VHVXRH744210")])
    twin = "WDBT4VHVXRH744210"
    assert _vins(reconcile_vins([other, doc("cmr.jpg", "cmr", vins=[_ocr("WDBT4VHVXRH744219")])], [typed, twin]))[1] \
        == ["WDBT4VHVXRH744219"]
