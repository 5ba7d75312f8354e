"""The extraction pipeline on real files, OCR'd by the real Tesseract."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import openpyxl
import pytest

from classifiers.labels import DocType
from extractor.ids.hs_code import default_reference_dir, load_nomenclature
from extractor.models import ErrorCode, FileKind, PageSource, Word
from extractor.ocr import NullEngine
from extractor.pipeline import Extractor
from extractor.readers.fields import read_fields
from tests.makedocs import add_noise, encode, page_image, sandwich_pdf, text_pdf

LINES = [
    "УПАКОВОЧНЫЙ ЛИСТ № 118",
    "Грузоотправитель: Shanghai Tyre Co., Ltd",
    "Вес брутто 12 450,5 кг",
    "Вес нетто 11 980,0 кг",
    "Код ТН ВЭД 4011 10 000 3",
    "VIN XW8ZZZ61ZJG012345",
]


def words(ex_page) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.text for w in ex_page.words]


def test_born_digital_pdf_uses_the_text_layer_with_boxes_in_points(extractor: Extractor) -> None:
    result = extractor.extract("pl.pdf", text_pdf(LINES, pages=2))
    assert result.error is None and result.kind is FileKind.pdf
    assert [p.source for p in result.pages] == [PageSource.text_layer, PageSource.text_layer]
    page = result.pages[0]
    assert "УПАКОВОЧНЫЙ" in words(page) and "XW8ZZZ61ZJG012345" in words(page)
    title = next(w for w in page.words if w.text == "УПАКОВОЧНЫЙ")
    # drawn at x=60 pt, baseline 780 pt from the bottom of an 842 pt page
    assert 55 < title.bbox[0] < 65 and 50 < title.bbox[1] < 70
    assert page.unit == "pt" and page.width == pytest.approx(595.27, abs=1)


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_page_stored_turned_is_read_from_its_text_layer_as_shown(extractor: Extractor, rotate: int) -> None:
    """A page stored turned, with `/Rotate` and its text drawn turned: read in the page's own space, each
    character was a word of its own and the page went to OCR."""
    result = extractor.extract("pl.pdf", text_pdf(LINES, rotate=rotate))
    [page] = result.pages
    assert page.source is PageSource.text_layer
    assert "УПАКОВОЧНЫЙ" in words(page) and "XW8ZZZ61ZJG012345" in words(page)
    title = next(w for w in page.words if w.text == "УПАКОВОЧНЫЙ")
    vin = next(w for w in page.words if w.text == "XW8ZZZ61ZJG012345")
    # the boxes are on the page as shown: the title 60 pt from its left edge on the top line, the VIN five lines down
    assert 55 < title.bbox[0] < 65 and 50 < title.bbox[1] < 70, title.bbox
    assert 75 < vin.bbox[0] < 90 and vin.bbox[1] == pytest.approx(title.bbox[1] + 5 * 22, abs=2)  # after `VIN `
    assert (page.width, page.height) == pytest.approx((595, 842), abs=1)
    f = read_fields(DocType.packing_list, result.pages, None)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 12450.5


def test_scan_is_ocred_with_codes_read_back_exactly(extractor: Extractor) -> None:
    img = add_noise(page_image(LINES, dpi=200), 12)
    result = extractor.extract("scan.jpg", encode(img.convert("RGB"), "JPEG", quality=70, dpi=(200, 200)))
    page = result.pages[0]
    assert page.source is PageSource.ocr and page.error is None
    text = page.text
    assert "УПАКОВОЧНЫЙ" in text and "брутто" in text
    codes = " ".join(w.text for w in page.rereads).replace(" ", "")
    assert "XW8ZZZ61ZJG012345" in codes
    assert "4011100003" in codes
    assert page.dpi is not None and page.dpi >= 250, "a 200 dpi scan is upscaled before OCR"
    assert page.mean_confidence > 0.7
    # a sparse page's 1st percentile is still paper, so its contrast reads low: its sharp letters tell it legible
    assert page.contrast is not None and page.sharpness is not None and page.sharpness > 60


def test_a_cameras_default_dpi_is_not_taken_for_the_scans_resolution(extractor: Extractor) -> None:
    """Phones and editors write 72 or 96 dpi into full-resolution pictures: believed, a 300 dpi page would be
    enlarged to 600 dpi and read slowly, its letters too big for Tesseract's liking."""
    from extractor.cleanup import estimate_dpi

    img = add_noise(page_image(LINES, dpi=300), 12)
    page = extractor.extract("photo.jpg", encode(img.convert("RGB"), "JPEG", quality=80, dpi=(72, 72))).pages[0]
    assert page.dpi is not None and 280 <= page.dpi <= 320 and page.width == img.width, "read at its own size"
    codes = " ".join(w.text for w in page.rereads).replace(" ", "")
    assert "УПАКОВОЧНЫЙ" in page.text and "4011100003" in codes
    assert estimate_dpi(np.zeros((4032, 3024), np.uint8), 72) == round(3024 / 8.27), "a 12-megapixel photo"
    assert estimate_dpi(np.zeros((1754, 1240), np.uint8), 150) == 150, "a plausible claim is kept"
    assert estimate_dpi(np.zeros((600, 400), np.uint8), 100) == 100, "a slip of 4 inches"


def test_a_600_dpi_scan_is_read_at_300(extractor: Extractor) -> None:
    """Finer pages hold no letter that 300 dpi loses and cost Tesseract several times as long; the boxes still map
    back onto the upload through the page's transform."""
    img = add_noise(page_image(LINES, dpi=600), 12)
    page = extractor.extract("scan.png", encode(img, "PNG", dpi=(600, 600))).pages[0]
    assert page.dpi == 300 and abs(page.width - img.width / 2) <= 1
    assert page.transform is not None and abs(page.transform[0] - 0.5) < 1e-6
    assert "УПАКОВОЧНЫЙ" in page.text
    assert "4011100003" in " ".join(w.text for w in page.rereads).replace(" ", "")


@pytest.mark.parametrize("photo_dpi", [300, 560])
def test_a_pdf_of_a_photo_whose_pixels_became_points_is_read_as_a_sheet(extractor: Extractor, photo_dpi: int) -> None:
    """Photo-to-PDF apps make a 72 dpi photo a 34 x 48 inch page: rendered at 300 dpi that is 150 megapixels,
    upsampled four times past the photo's own pixels. A 50-megapixel phone's makes a page 91 inches long."""
    img = add_noise(page_image(LINES, dpi=photo_dpi), 12).convert("RGB")
    buf = io.BytesIO()
    img.save(buf, format="PDF", resolution=72)
    page = extractor.extract("photo.pdf", buf.getvalue()).pages[0]
    assert page.source is PageSource.ocr and page.error is None
    assert page.dpi == 300 and abs(page.width - 2481) <= 2, "rendered as an A4 sheet at 300 dpi"
    assert "УПАКОВОЧНЫЙ" in page.text
    assert "4011100003" in " ".join(w.text for w in page.rereads).replace(" ", "")


def test_legibility_is_measured_on_the_upload_as_a_person_sees_it() -> None:
    """Washed-out, dark and blurred scans measure low contrast or sharpness; the clean-up that would hide it comes
    after the measurement."""
    import numpy as np
    from PIL import ImageFilter

    from extractor.cleanup import legibility

    page = page_image(LINES * 4, dpi=150)
    gray = np.asarray(page)
    crisp = legibility(gray, 150)
    faint = legibility((245 + (gray.astype(np.float32) / 255.0) * 8).astype(np.uint8), 150)
    dark = legibility((20 + (gray.astype(np.float32) / 255.0) * 18).astype(np.uint8), 150)
    blurred = legibility(np.asarray(page.filter(ImageFilter.GaussianBlur(6))), 150)
    assert crisp[0] > 200 and crisp[1] > 1000
    assert faint[0] < 10 and dark[0] < 20 and faint[1] < 20
    assert blurred[1] < 4 < crisp[1], "blur takes the edges"
    at_300 = legibility(np.asarray(page_image(LINES * 4, dpi=300)), 300)
    assert at_300[1] > 1000, "sharpness is measured at 150 dpi: a finer scan is no blurrier"


def test_fast_profile_reads_a_scan_at_its_own_resolution(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """DOCSCREEN_OCR_PROFILE=fast: the page is not upscaled (only the code crops are), and its results are cached
    apart from the accurate profile's."""
    from extractor.cache import content_hash
    from extractor.settings import ExtractSettings

    img = add_noise(page_image(LINES, dpi=200), 12)
    data = encode(img.convert("RGB"), "JPEG", quality=70, dpi=(200, 200))
    with Extractor(ExtractSettings(cache_dir=tmp_path, workers=1, ocr_profile="fast")) as fast:
        page = fast.extract("scan.jpg", data).pages[0]
        assert fast.cache is not None and "-fast-" in fast.cache.version
    assert page.dpi == 200 and page.width == img.width, "the page is read as it came"
    assert "УПАКОВОЧНЫЙ" in page.text
    codes = " ".join(w.text for w in page.rereads).replace(" ", "")
    assert "XW8ZZZ61ZJG012345" in codes and "4011100003" in codes
    with Extractor(ExtractSettings(cache_dir=tmp_path, workers=1)) as accurate:
        assert accurate.cache is not None and accurate.cache.get(content_hash(data)) is None


def test_settings_that_change_readings_have_their_own_cache() -> None:
    """A cache filled with PDFs rendered at 150 dpi, or without code re-reads, never answers a default run."""
    from extractor.pipeline import cache_version
    from extractor.settings import ExtractSettings

    default = cache_version(ExtractSettings(), "tesseract")
    others = {
        cache_version(ExtractSettings(dpi=150), "tesseract"),
        cache_version(ExtractSettings(reread_codes=False), "tesseract"),
        cache_version(ExtractSettings(ocr_profile="fast"), "tesseract"),
        cache_version(ExtractSettings(), "null"),
    }
    assert default not in others and len(others) == 4
    assert cache_version(ExtractSettings(workers=1, ocr_timeout=30), "tesseract") == default


@pytest.mark.parametrize("turn", [90, 180])
def test_rotated_scans_are_turned_upright(extractor: Extractor, turn: int) -> None:
    img = page_image(LINES * 3, dpi=200).rotate(-turn, expand=True)  # PIL rotates counter-clockwise
    result = extractor.extract(f"rot{turn}.png", encode(img, "PNG"))
    page = result.pages[0]
    assert (page.rotation + turn) % 360 == 0
    assert "УПАКОВОЧНЫЙ" in page.text


def test_fast_profile_still_turns_an_upside_down_scan(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The fast profile asks the orientation detector only about pages that read very badly: a page read upside
    down is one of them."""
    from extractor.settings import ExtractSettings

    img = add_noise(page_image(LINES * 3, dpi=150), 12).rotate(180)
    with Extractor(ExtractSettings(cache_dir=None, workers=1, ocr_profile="fast")) as fast:
        page = fast.extract("turned.jpg", encode(img.convert("RGB"), "JPEG", quality=70, dpi=(150, 150))).pages[0]
    assert page.rotation == 180 and "УПАКОВОЧНЫЙ" in page.text


def test_skewed_scan_is_deskewed(extractor: Extractor) -> None:
    img = page_image(LINES * 3, dpi=200).rotate(4, expand=True, fillcolor=255)
    page = extractor.extract("skew.png", encode(img, "PNG")).pages[0]
    # PIL turned the page 4° counter-clockwise; the correction is 4° the other way
    assert abs(page.skew + 4) < 1.0
    assert "брутто" in page.text


def test_kazakh_page_is_read_with_kazakh_data(extractor: Extractor) -> None:
    kz = [
        "МЕМЛЕКЕТТІК БАҚЫЛАУДАН ӨТУ ТАЛОНЫ",
        "Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің Шекара қызметі",
        "Өткізу пункті: Жайсан",
        "Шекарадан өткен күні мен уақыты: 14.03.2024 10:35",
        "Көлік құралының мемлекеттік нөмірі: 123ABC02",
    ]
    page = extractor.extract("kz.png", encode(page_image(kz, dpi=200), "PNG")).pages[0]
    assert page.languages is not None and page.languages.startswith("kaz")
    assert "Жайсан" in page.text


KAZAKH_INVOICE = [
    "ШОТ-ФАКТУРА № 77",
    "2024 жылғы 15 наурыз",
    "Жөнелтуші: «Tashkent Plast» ЖШС, Өзбекстан, Ташкент қ.",
    "Тауар атауы: Пластик құбырлар, ЕАЭО СЭҚ ТН коды 3917 23 100 1",
    "Брутто салмағы: 2 310 кг",
    "Нетто салмағы: 2 150,5 кг",
    "Шығарылған елі: Өзбекстан",
]


def test_a_text_layer_that_lost_its_kazakh_letters_is_read_from_the_rendered_page(extractor: Extractor) -> None:
    """A font subset whose ToUnicode map lacks the Kazakh letters gives `салма�ы` and `�збекстан`: no label, date
    or country is found in it, though the page shows every letter. The page is read by OCR instead; a Russian
    page with one Kazakh name unmapped keeps its text layer."""
    whole = extractor.extract("inv.pdf", text_pdf(KAZAKH_INVOICE))
    lost = extractor.extract("inv_lost.pdf", text_pdf(KAZAKH_INVOICE, unmapped="әғқңөұүһӘҒҚҢӨҰҮҺ"))
    assert whole.pages[0].source is PageSource.text_layer and "салмағы:" in words(whole.pages[0])
    assert lost.pages[0].source is PageSource.ocr
    f = read_fields(DocType.invoice, lost.pages, None)
    assert ("invoice_date", "2024-03-15") in {(d.role, d.value) for d in f.dates}
    assert ("origin", "UZ") in {(c.role, c.value) for c in f.countries}
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 2150.5
    named = extractor.extract("pl.pdf", text_pdf([*LINES, "Получатель: ТОО «Сарыарқа Импорт»"], unmapped="қ"))
    assert named.pages[0].source is PageSource.text_layer and "«Сарыар\ufffdа" in words(named.pages[0])


def test_scanned_pdf_without_text_is_ocred(extractor: Extractor) -> None:
    img = page_image(LINES, dpi=150).convert("RGB")
    buf = io.BytesIO()
    img.save(buf, format="PDF", resolution=150)
    result = extractor.extract("scan.pdf", buf.getvalue())
    assert result.pages[0].source is PageSource.ocr
    assert "брутто" in result.pages[0].text


def test_a_scans_invisible_ocr_layer_is_read_again_by_our_ocr(extractor: Extractor) -> None:
    """A scanner's OCR layer holds its misreads (here a wrong code) and would pass for typed text; the page is
    read from its image instead, with OCR's confidences."""
    layer = [line.replace("4011 10 000 3", "4011 18 000 3") for line in LINES]
    assert layer != LINES
    result = extractor.extract("sandwich.pdf", sandwich_pdf(page_image(LINES, dpi=150).convert("RGB"), layer))
    page = result.pages[0]
    assert page.source is PageSource.ocr
    assert "4011 10 000 3" in " ".join(w.text for w in page.rereads) + page.text
    assert "18 000" not in page.text


def test_xlsx_cells_become_words_at_cell_positions(extractor: Extractor) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Наименование", "Брутто, кг", "Нетто, кг"])
    ws.append(["Шины 315/80 R22.5", 12450.5, 11980])
    buf = io.BytesIO()
    wb.save(buf)
    result = extractor.extract("packing.xlsx", buf.getvalue())
    assert result.kind is FileKind.xlsx
    page = result.pages[0]
    assert page.source is PageSource.spreadsheet and page.unit == "cell"
    cell = next(w for w in page.words if w.text == "12450.5")
    assert cell.bbox == (1.0, 1.0, 2.0, 2.0)
    assert next(w for w in page.words if w.text == "11980").bbox[0] == 2.0


def test_second_extraction_comes_from_the_cache(extractor: Extractor) -> None:
    data = text_pdf(["Инвойс № 42 от 14.03.2024"] * 3)
    extractor.extract("a.pdf", data)
    hits = extractor.cache.hits if extractor.cache else 0
    again = extractor.extract("renamed.pdf", data)
    assert extractor.cache is not None and extractor.cache.hits == hits + 1
    assert again.name == "renamed.pdf"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", ErrorCode.empty_file),
        (b"MZ\x90\x00" + b"\x00" * 64, ErrorCode.unsupported_file),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n", ErrorCode.corrupt_file),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, ErrorCode.corrupt_file),
    ],
)
def test_bad_files_give_a_clear_error(extractor: Extractor, data: bytes, code: ErrorCode) -> None:
    result = extractor.extract("bad", data)
    assert result.error is not None and result.error.code is code
    assert result.error.message


def test_encrypted_pdf_is_reported_as_encrypted(extractor: Extractor) -> None:
    result = extractor.extract("locked.pdf", text_pdf(LINES, password="secret"))
    assert result.error is not None and result.error.code is ErrorCode.encrypted_file


def test_truncated_pdf_does_not_crash(extractor: Extractor) -> None:
    data = text_pdf(LINES)
    result = extractor.extract("cut.pdf", data[: len(data) // 2])
    assert result.error is not None or all(p.error is None for p in result.pages)


def test_xlsx_zip_bomb_is_refused(extractor: Extractor) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "<a>" + "0" * (300 * 1024 * 1024) + "</a>")
    result = extractor.extract("bomb.xlsx", buf.getvalue())
    assert result.error is not None and result.error.code is ErrorCode.too_large


@pytest.mark.parametrize("part", ["xl/workbook.xml", "word/document.xml"])
def test_a_package_in_a_zip_version_the_library_cannot_read_is_corrupt(extractor: Extractor, part: str) -> None:
    """A damaged central directory can claim a member needs zip version 14.8: the zip library raises
    NotImplementedError, which once escaped the sniffer and took the whole batch down."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(part, "<a/>")
    data = bytearray(buf.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 6 : central + 8] = (148).to_bytes(2, "little")  # version needed to extract
    result = extractor.extract("damaged.xlsx", bytes(data))
    assert result.error is not None and result.error.code in {ErrorCode.corrupt_file, ErrorCode.unsupported_file}
    assert result.error.message


class CountingEngine(NullEngine):
    """Reads nothing, and counts the page reads asked of it."""

    calls = 0

    def read_page(self, gray: np.ndarray, langs: str, timeout: float, psm: int | None = None) -> list[Word]:
        self.calls += 1
        return []


def test_a_page_without_ink_costs_no_ocr() -> None:
    import numpy as np

    from extractor.pages import ocr_page

    ghost = 255 - (255 - np.asarray(page_image(LINES, dpi=150), dtype=np.float32)) * 0.015  # 4 grey levels
    engine = CountingEngine()
    page = ocr_page(np.stack([ghost.astype(np.uint8)] * 3, axis=-1), 1, 150, engine, 30)
    assert engine.calls == 0 and page.words == [] and page.rereads == []
    readable = np.asarray(page_image(LINES, dpi=150).convert("RGB"))
    ocr_page(readable, 1, 150, engine, 30)
    assert engine.calls >= 1


@pytest.mark.parametrize("sheet", ["specks", "grey photo"])
def test_a_blank_sheet_with_dust_or_shade_costs_no_ocr(sheet: str) -> None:
    """A duplex scan's blank back with a few specks, or a phone photo of grey paper: Tesseract's threshold found
    'ink' in the grain, and the page came back as hundreds of words of noise, reported as an illegible page."""
    import numpy as np
    from PIL import Image

    from extractor.cleanup import BLANK_INK_SHARE, ink_share
    from extractor.pages import ocr_page

    rng = np.random.default_rng(7)
    h, w = 1754, 1240
    if sheet == "specks":
        paper = 250 + rng.normal(0, 2, (h, w))
        paper[rng.integers(0, h, 60), rng.integers(0, w, 60)] = 40
    else:
        paper = 215 + rng.normal(0, 4, (h, w)) + np.linspace(-15, 15, w)[None, :]
    jpeg = encode(Image.fromarray(np.clip(paper, 0, 255).astype(np.uint8)), "JPEG", quality=75)  # smears the specks
    gray = np.asarray(Image.open(io.BytesIO(jpeg)).convert("L"))
    engine = CountingEngine()
    page = ocr_page(np.stack([gray] * 3, axis=-1), 2, 150, engine, 30)
    assert engine.calls == 0 and page.words == []
    # the faintest legible page keeps its ink: text ten grey levels under clean paper
    faint = (253 - (255 - np.asarray(page_image(LINES, dpi=150), dtype=np.float32)) * 0.04).astype(np.uint8)
    assert ink_share(gray, 150) < BLANK_INK_SHARE < ink_share(faint, 150)


@pytest.mark.parametrize("flip", ["long edge", "short edge"])
def test_a_blank_back_with_the_front_showing_through_is_blank(flip: str) -> None:
    """A duplex scan's blank back shows the front's print, mirrored and faint: read as it was, it gave words of
    noise and an 'illegible page' error. A faded page of the same faintness, the right way round, is still read."""
    import numpy as np

    from extractor.ocr import TesseractEngine
    from extractor.pages import ocr_page

    ink = 255 - np.asarray(page_image(LINES, dpi=150), dtype=np.float32)
    mirrored = ink[:, ::-1] if flip == "long edge" else ink[::-1, :]
    rng = np.random.default_rng(3)
    back = np.clip(248 + rng.normal(0, 2, ink.shape) - mirrored * 0.08, 0, 255).astype(np.uint8)
    engine = TesseractEngine()
    assert ocr_page(np.stack([back] * 3, axis=-1), 2, 150, engine, 60).words == []
    faded = np.clip(248 + rng.normal(0, 2, ink.shape) - ink * 0.08, 0, 255).astype(np.uint8)
    assert "УПАКОВОЧНЫЙ" in ocr_page(np.stack([faded] * 3, axis=-1), 1, 150, engine, 60).text


@pytest.mark.parametrize("kind", ["faded toner", "dark photo"])
def test_faded_and_dark_pages_are_stretched_and_read(kind: str) -> None:
    import numpy as np

    from extractor.cleanup import clean_page
    from extractor.ocr import TesseractEngine
    from extractor.pages import ocr_page

    ink = 255 - np.asarray(page_image(LINES, dpi=150), dtype=np.float32)
    gray = 253 - ink * 0.04 if kind == "faded toner" else 45 - ink * 0.15  # about 10 and 38 grey levels of text
    rgb = np.stack([gray.astype(np.uint8)] * 3, axis=-1)
    assert any(step.startswith("stretch") for step in clean_page(rgb, 150).steps)
    page = ocr_page(rgb, 1, 150, TesseractEngine(), 60)
    assert "УПАКОВОЧНЫЙ" in page.text and "брутто" in page.text


def test_turns_worth_a_second_reading_are_told_from_one_strip() -> None:
    """Upside down: the half turn; upright: none; turned a quarter by the strips: the half turn of that, in case it
    went the wrong way round; still lying on its side: both quarter turns."""
    import numpy as np

    from extractor.cleanup import Cleaned
    from extractor.ocr import TesseractEngine
    from extractor.pages import turns_to_try

    upright = np.asarray(page_image(LINES * 3, dpi=300))
    engine = TesseractEngine()

    def turns(image: np.ndarray, rotation: int = 0) -> list[int]:
        return turns_to_try(Cleaned(np.ascontiguousarray(image), rotation=rotation), 0, engine, "rus+eng", 60)

    assert turns(upright[::-1, ::-1]) == [180]
    assert turns(upright) == []
    assert turns(upright, rotation=90) == [180]
    assert turns(np.rot90(upright)) == [90, 270]


def test_an_upside_down_page_whose_ink_looks_sideways_is_also_tried_half_round(monkeypatch: pytest.MonkeyPatch) -> None:
    """An upside-down packing list's column rules made its ink look sideways: both quarter turns were tried and
    read worse, and the half turn that reads it was never tried. Now it is, when its strip reads better so."""
    import numpy as np

    from extractor import pages
    from extractor.cleanup import Cleaned
    from extractor.ocr import TesseractEngine

    upright = np.asarray(page_image(LINES * 3, dpi=300))
    monkeypatch.setattr(pages, "is_sideways", lambda image: True)

    def turns(image: np.ndarray) -> list[int]:
        return pages.turns_to_try(Cleaned(np.ascontiguousarray(image)), 0, TesseractEngine(), "rus+eng", 60)

    assert turns(upright[::-1, ::-1]) == [90, 270, 180]
    assert turns(upright) == [90, 270]


def test_leptonica_is_quiet_in_workers() -> None:
    """Tesseract's harmless `Error in boxClipToRectangle` lines would bury real errors in the worker logs."""
    import ctypes

    from extractor.ocr import LEPTONICA_SEVERITY_NONE, leptonica_libraries

    libs = leptonica_libraries()
    assert libs, "tesserocr's Leptonica was not found"
    # setMsgSeverity returns the severity it replaces: the import has already set it to none
    assert ctypes.CDLL(libs[0]).setMsgSeverity(LEPTONICA_SEVERITY_NONE) == LEPTONICA_SEVERITY_NONE


def test_a_low_resolution_photo_is_enlarged_at_most_twice() -> None:
    """A 94-dpi photo would need 3.2 times to reach 300 dpi, and its blur would grow with it: twice at most."""
    import cv2
    import numpy as np

    from extractor.cleanup import clean_page

    gray = np.full((1100, 780), 255, np.uint8)
    for k in range(12):
        cv2.putText(gray, f"Gross weight 12 450,5 kg line {k}", (40, 80 + 70 * k), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 0, 1)
    cleaned = clean_page(cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB), None)
    assert "upscale x2.00" in cleaned.steps
    assert cleaned.image.shape[1] <= 2 * 780 + 20


def test_a_kazakh_packing_list_read_with_russian_data_is_seen_to_be_kazakh() -> None:
    """rus+eng turns ғ, қ, ң, і into look-alikes (`салмагы`, `Шы+арылхан ел!`); the trade words that remain say the
    page is Kazakh, so it is read again with kaz. A Russian packing list has none of them."""
    from extractor.ocr import kazakh_score
    from extractor.pages import KAZAKH_THRESHOLD

    kazakh = ("OPAM ПАРАЕЫ / УПАКОВОЧНЫЙ ЛИСТ № 77 Кунг: 2024 жылгеы 15 тамыз Сатып алушы: «Дала Агро» ЖШС, BCH "
              "180940012348 Шы+арылхан ел!: Кытай Халык Республикасы № Тауардын атауы Саны Таза салмагы, кг Жалпы "
              "салматы, кг 1 Жук шиналары 315/80R22.5 120 7 320,0 7 560,0 Барлыгы: 180 9 630,5 9 962,0")
    russian = ("УПАКОВОЧНЫЙ ЛИСТ № 45-Т от 12.09.2024 Грузополучатель: ТОО «Костанай Строй», БИН 180940012348 "
               "Страна происхождения: Россия № Наименование Кол-во мест Вес нетто, т Вес брутто, т 1 Трубы стальные "
               "бесшовные 12 18,450 18,912 ИТОГО 20 29,650 30,392")
    assert kazakh_score(kazakh) >= KAZAKH_THRESHOLD > kazakh_score(russian)


def test_a_dithered_fax_of_a_grey_page_is_read(extractor: Extractor) -> None:
    """A 1-bit scan of grey paper turns paper and letters alike into dots (Floyd-Steinberg dithering); read as it
    is, it gave nothing. Blurred back into grey, its code is read."""
    from PIL import Image

    page = page_image(LINES, dpi=150)
    grey = Image.eval(page, lambda v: 200 if v > 128 else 60)  # grey paper, dark grey print
    dithered = grey.convert("1")  # PIL dithers by default
    result = extractor.extract("fax.tif", encode(dithered, "TIFF", compression="group4", dpi=(150, 150)))
    assert result.pages[0].source is PageSource.ocr
    fields = read_fields(DocType.packing_list, result.pages, load_nomenclature(default_reference_dir()))
    assert [v.value for v in fields.hs_codes] == ["4011100003"]
