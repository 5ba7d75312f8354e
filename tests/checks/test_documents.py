from checks.models import Severity
from checks.rules.documents import (
    concerns_the_goods,
    declared_type_matches,
    duplicates,
    file_readable,
    file_supported,
    phash_distance,
)
from checks.settings import CheckSettings
from tests.checks.build import (
    app,
    clean_general_eaeu,
    clean_vehicle_non_eaeu,
    codes,
    doc,
    evidence,
    fv,
    line,
    run,
)

RULES = (file_supported, file_readable, duplicates, declared_type_matches, concerns_the_goods)


def test_clean_filings_quiet():
    for a, docs, files in (clean_general_eaeu(), clean_vehicle_non_eaeu()):
        for r in RULES:
            assert run(r, a, docs, files) == [], r.name


def test_unsupported_and_too_large():
    files = [evidence("a.docx", error="unsupported_file"), evidence("b.pdf", error="too_large")]
    found = run(file_supported, app(line()), [], files, lang="en")
    assert [(f.code, f.severity, f.document) for f in found] == [
        ("unsupported_file", Severity.error, "a.docx"), ("unsupported_file", Severity.error, "b.pdf")]
    assert "PDF" in found[0].message and "too large" in found[1].message


def test_corrupt_encrypted_empty_are_unreadable_errors_and_timeout_a_warning():
    files = [evidence("a.pdf", error="corrupt_file"), evidence("b.pdf", error="encrypted_file"),
             evidence("c.pdf", error="empty_file"), evidence("d.pdf", error="timeout")]
    found = run(file_readable, app(line()), [], files, lang="en")
    assert [(f.document, f.severity) for f in found] == [
        ("a.pdf", Severity.error), ("b.pdf", Severity.error), ("c.pdf", Severity.error), ("d.pdf", Severity.warning)]
    assert all(f.code == "unreadable_document" for f in found)
    assert "Re-upload it as a PDF" in found[0].message
    assert "password" in found[1].message and "password" not in found[0].message, "the payer is told what to fix"
    assert "empty" in found[2].message


def test_poor_and_blank_pages():
    whole = evidence("scan.jpg", conf=0.2)
    [f] = run(file_readable, app(line()), [], [whole])
    assert (f.code, f.severity, f.page) == ("unreadable_document", Severity.warning, 1)
    mixed = evidence("two.pdf", pages=3)
    mixed.pages[1].mean_confidence = 0.3
    mixed.pages[2].word_count = 0
    found = run(file_readable, app(line()), [], [mixed])
    assert [(f.page, f.severity) for f in found] == [(2, Severity.warning), (3, Severity.info)]


def test_a_scan_too_faint_dark_or_blurred_for_anyone_is_the_payers_to_rescan():
    """OCR failing is the moderator's to judge (a photo a person reads may defeat OCR); pixels washed out, dark or
    blurred past a person's reading are the payer's to fix, whatever OCR made of them."""
    faint = evidence("faint.jpg", conf=0.2)
    faint.pages[0].contrast, faint.pages[0].sharpness = 6.0, 0.6
    [f] = run(file_readable, app(line()), [], [faint], lang="en")
    assert (f.code, f.severity, f.page) == ("unreadable_document", Severity.error, 1) and "faint" in f.message
    soft_photo = evidence("photo.jpg", conf=0.2)
    soft_photo.pages[0].contrast, soft_photo.pages[0].sharpness = 180.0, 24.0
    assert [f.severity for f in run(file_readable, app(line()), [], [soft_photo])] == [Severity.warning]
    crisp_fax = evidence("fax.tif", conf=0.2)
    crisp_fax.pages[0].contrast, crisp_fax.pages[0].sharpness = 0.0, 900.0
    assert [f.severity for f in run(file_readable, app(line()), [], [crisp_fax])] == [Severity.warning]
    two = evidence("two.pdf", pages=2)
    two.pages[1].mean_confidence, two.pages[1].contrast, two.pages[1].sharpness = 0.3, 120.0, 1.0
    assert [(f.page, f.severity) for f in run(file_readable, app(line()), [], [two])] == [(2, Severity.error)]
    # OCR reads a dark scan stretched to full contrast; the moderator and the payer see the upload
    dark = evidence("dark.pdf")
    dark.pages[0].contrast, dark.pages[0].sharpness = 14.0, 3.8
    [f] = run(file_readable, app(line()), [], [dark])
    assert (f.code, f.severity) == ("unreadable_document", Severity.error), "read well by OCR, still no evidence"
    crisp_fax.pages[0].mean_confidence = 0.9
    assert run(file_readable, app(line()), [], [crisp_fax]) == [], "faint but sharp: a person reads it"


def test_an_illegible_scan_declared_as_other_is_still_the_payers_to_rescan():
    """A dark scan of the acceptance certificate filed as `other`: no one can read it, so the payer rescans it, and
    whether it belongs cannot be told; a sharp photo declared `other` that OCR reads nothing in stays the
    irrelevance rule's call."""
    dark = evidence("scan5541.pdf", declared="other", conf=0.25)
    dark.pages[0].contrast, dark.pages[0].sharpness = 13.0, 4.7
    a = app(line(), files={"scan5541.pdf": "other"})
    [f] = run(file_readable, a, [], [dark])
    assert (f.code, f.severity, f.document) == ("unreadable_document", Severity.error, "scan5541.pdf")
    assert run(concerns_the_goods, a, [doc("scan5541.pdf", "other", conf=0.9)], [dark]) == []
    truck = evidence("truck.jpg", declared="other", conf=0.2)
    truck.pages[0].contrast, truck.pages[0].sharpness = 180.0, 300.0
    b = app(line(), files={"truck.jpg": "other"})
    assert run(file_readable, b, [], [truck]) == []
    assert codes(run(concerns_the_goods, b, [doc("truck.jpg", "other", conf=0.9)], [truck])) == ["irrelevant_document"]


def test_digital_pages_are_never_unreadable_by_confidence():
    sheet = evidence("pl.xlsx", source="spreadsheet", conf=0.0, words=0)
    assert run(file_readable, app(line()), [], [sheet]) == []


def test_byte_identical_duplicate():
    files = [evidence("a.pdf", sha="abc"), evidence("b.pdf", sha="abc"), evidence("c.pdf", sha="def")]
    [f] = run(duplicates, app(line()), [], files)
    assert (f.code, f.severity, f.document, f.other_document) == ("duplicate_document", Severity.warning, "b.pdf", "a.pdf")


def test_same_page_image_by_perceptual_hash():
    assert phash_distance("ff00", "ff01") == 1 and phash_distance("ff", "ff00") is None
    a = evidence("a.jpg", hashes=["c3c3e1e1f0f0f8f8"])
    b = evidence("b.pdf", pages=2, hashes=["0000000000000000", "c3c3e1e1f0f0f8f9"])
    [f] = run(duplicates, app(line()), [], [a, b])
    assert (f.document, f.page, f.other_document) == ("b.pdf", 2, "a.jpg")
    assert run(duplicates, app(line()), [], [a, b], settings=CheckSettings(duplicate_phash_distance=0)) == []


def test_blank_pages_do_not_count_as_duplicates():
    a = evidence("a.jpg", hashes=["0000000000000000"], words=0)
    b = evidence("b.jpg", hashes=["0000000000000000"], words=0)
    assert run(duplicates, app(line()), [], [a, b]) == []


def test_file_seen_in_another_application():
    f = evidence("a.pdf")
    f.seen_in = ["APP-2024-17"]
    [x] = run(duplicates, app(line()), [], [f])
    assert x.found == "APP-2024-17" and x.severity == Severity.warning


def test_type_mismatch_only_when_confident():
    a = app(line(), files={"x.pdf": "invoiceimp"})
    pl = doc("x.pdf", "packing_list", conf=0.95)
    [f] = run(declared_type_matches, a, [pl], lang="en")
    assert (f.code, f.severity, f.declared, f.found) == ("document_type_mismatch", Severity.error, "invoiceimp", "packing_list")
    assert "invoice" in f.message and "packing list" in f.message
    assert run(declared_type_matches, a, [doc("x.pdf", "packing_list", conf=0.5)]) == []


def test_type_mismatch_tolerates_bundles_and_waybill_family():
    a = app(line(), files={"x.pdf": "invoiceimp", "y.pdf": "trdocs"})
    docs = [doc("x.pdf", "invoice"), doc("x.pdf", "packing_list", pages=[2]), doc("y.pdf", "cmr")]
    assert run(declared_type_matches, a, docs) == []


def test_irrelevant_by_facts():
    a = app(line())
    stranger = doc("inv2.pdf", "invoice", hs_codes=[fv("8517120000")], invoice_numbers=[fv("Z-9")])
    [f] = run(concerns_the_goods, a, [stranger])
    assert (f.code, f.severity, f.document) == ("irrelevant_document", Severity.warning, "inv2.pdf")
    related = doc("inv3.pdf", "invoice", hs_codes=[fv("8517120000")], invoice_numbers=[fv("INV-2024/0312")])
    factless = doc("inv4.pdf", "invoice")
    assert run(concerns_the_goods, a, [related, factless]) == []
    # a scan's invoice number OCR misread in a character (a doubled letter, a Cyrillic look-alike) still ties the
    # document to the line; a different number does not
    for misread in ("INV-2024/03l2", "ІNV-2024/0312", "INVV-2024/0312"):
        scanned = doc("pl.jpg", "packing_list", invoice_numbers=[fv(misread)], weights=[fv(60.0, "gross")])
        assert run(concerns_the_goods, a, [scanned]) == [], misread
    other = doc("pl.jpg", "packing_list", invoice_numbers=[fv("INV-2023/9811")], weights=[fv(60.0, "gross")])
    assert len(run(concerns_the_goods, a, [other])) == 1


def test_other_documents():
    a = app(line(), files={"dov.pdf": "dover", "x.pdf": "other", "y.pdf": "other"})
    docs = [doc("dov.pdf", "other"), doc("x.pdf", "other", conf=0.9), doc("y.pdf", "other", conf=0.3)]
    found = run(concerns_the_goods, a, docs)
    assert [(f.document, f.severity) for f in found] == [("x.pdf", Severity.warning), ("y.pdf", Severity.info)]


# -- regressions from whole synthetic filings ----------------------------------------------


def test_unreadable_scan_is_not_also_irrelevant():
    """A blurred CMR scan: OCR reads noise (57 words at 0.53), the classifier finds nothing, so 'other'.
    A warning: photos people read fine give OCR as little (moderator's call, not a rejection)."""
    a = app(line(), files={"scan1910.jpg": "intgoods"})
    noise = doc("scan1910.jpg", "other", invoice_numbers=[fv("1915", conf=0.3, verified=False)])
    files = [evidence("scan1910.jpg", declared="intgoods", conf=0.53, words=57)]
    assert [(f.code, f.severity) for f in run(file_readable, a, [noise], files)] == [
        ("unreadable_document", Severity.warning)]
    assert run(concerns_the_goods, a, [noise], files) == []


def test_photo_whose_text_reads_in_places_is_not_unreadable():
    """A phone photo: shadows and specks drag the mean confidence to 0.4, yet OCR read dozens of words surely;
    a scan that gave a handful of sure words is still one to attach again."""
    a = app(line(), files={"IMG_1.jpg": "intgoods"})
    photo = [evidence("IMG_1.jpg", declared="intgoods", conf=0.4, words=180, sure=25)]
    assert run(file_readable, a, [doc("IMG_1.jpg", "cmr")], photo) == []
    assert run(file_readable, a, [doc("IMG_1.jpg", "other")], photo) == [], "nor unrecognised: it is read"
    blurred = [evidence("IMG_1.jpg", declared="intgoods", conf=0.4, words=180, sure=4)]
    assert [f.code for f in run(file_readable, a, [doc("IMG_1.jpg", "cmr")], blurred)] == ["unreadable_document"]


def test_a_poor_photo_of_a_document_whose_facts_were_read_is_not_unreadable():
    """A 110-dpi phone photo of a railway waybill: OCR's mean confidence is 0.33 with three sure words, yet its title
    typed it and its date and gross weight were read, and are checked. Typed but with no fact read (a control
    pass's crossing date lost), or typed unsurely, it is still the moderator's to read."""
    a = app(line(), files={"IMG_2.jpg": "trdocs"})
    photo = [evidence("IMG_2.jpg", declared="trdocs", conf=0.33, words=98, sure=3)]
    read = doc("IMG_2.jpg", "waybill", dates=[fv("2024-05-07", "document_date")], gross_weight_kg=fv(22357.4, "gross"))
    assert run(file_readable, a, [read], photo) == []
    assert [f.code for f in run(file_readable, a, [doc("IMG_2.jpg", "waybill")], photo)] == ["unreadable_document"]
    unsure = read.model_copy(update={"confidence": 0.6})
    assert [f.code for f in run(file_readable, a, [unsure], photo)] == ["unreadable_document"]
    elsewhere = doc("IMG_2.jpg", "waybill", dates=[fv("2024-05-07", "document_date", page=2)])
    assert [f.code for f in run(file_readable, a, [elsewhere], photo)] == ["unreadable_document"]


def test_recognised_scan_of_middling_quality_is_not_unreadable():
    a = app(line(), files={"cmr.jpg": "intgoods"})
    files = [evidence("cmr.jpg", declared="intgoods", conf=0.55, words=200)]
    assert run(file_readable, a, [doc("cmr.jpg", "cmr")], files) == []


def test_photo_declared_other_is_irrelevant_not_unreadable():
    a = app(line(), files={"IMG_0001.jpg": "other"})
    files = [evidence("IMG_0001.jpg", declared="other", conf=0.3, words=1)]
    photo = doc("IMG_0001.jpg", "other")
    assert run(file_readable, a, [photo], files) == []
    assert [f.code for f in run(concerns_the_goods, a, [photo], files)] == ["irrelevant_document"]


def test_a_power_of_attorney_uploaded_as_other_is_not_irrelevant_and_a_letter_is():
    a = app(line(), files={"doc.pdf": "other"})
    attorney = doc("doc.pdf", "other").model_copy(update={"kind": "power_of_attorney"})
    assert run(concerns_the_goods, a, [attorney]) == []
    assert [f.code for f in run(concerns_the_goods, a, [doc("doc.pdf", "other")])] == ["irrelevant_document"]


def test_cmr_naming_the_invoice_within_a_longer_reference_is_relevant():
    cmr = doc("cmr.pdf", "cmr", invoice_numbers=[fv("Invoice INV-2024/0312 of 11.03.2024")],
              gross_weight_kg=fv(99999.0, "gross"))
    assert run(concerns_the_goods, app(line()), [cmr]) == []


def test_cmr_gross_plausibly_above_the_declared_net_is_relevant():
    cmr = doc("cmr.pdf", "cmr", gross_weight_kg=fv(11980.0 * 1.2, "gross"), invoice_numbers=[fv("X-77")])
    assert run(concerns_the_goods, app(line()), [cmr]) == []
    far = doc("cmr.pdf", "cmr", gross_weight_kg=fv(11980.0 * 2, "gross"), invoice_numbers=[fv("X-77")])
    assert [f.code for f in run(concerns_the_goods, app(line()), [far])] == ["irrelevant_document"]


def test_another_shipments_invoice_is_irrelevant_though_its_gross_is_near():
    """An invoice whose every verified HS code is other goods': its gross weight a packaging share above the
    declared net is chance (F763-0032), not a tie to the line; a code OCR could not verify does not decide."""
    stranger = doc("inv.pdf", "invoice", hs_codes=[fv("4011700000", verified=True)],
                   gross_weight_kg=fv(11980.0 * 1.2, "gross"), net_weight_kg=fv(11980.0 * 1.1, "net"))
    assert [f.code for f in run(concerns_the_goods, app(line()), [stranger])] == ["irrelevant_document"]
    misread = doc("inv.pdf", "invoice", hs_codes=[fv("4011700099", verified=False)],
                  gross_weight_kg=fv(11980.0 * 1.2, "gross"), net_weight_kg=fv(11980.0 * 1.1, "net"))
    assert run(concerns_the_goods, app(line()), [misread]) == []
