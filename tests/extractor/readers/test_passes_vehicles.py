"""Control-pass facts (number, checkpoint, time) and vehicle facts (make, model, year): forms of different shapes,
then documents the fixture generator renders, born-digital and scanned."""

from __future__ import annotations

import random

import pypdfium2 as pdfium
import pytest

from classifiers.labels import DocType
from extractor.pipeline import Extractor
from extractor.readers.fields import read_fields
from fixtures import model
from fixtures.render import render_document
from tests.makedocs import add_noise, encode, shipment_for
from tests.makepages import page, scan_page, stacked, values


def test_control_pass_with_inline_labels() -> None:
    p = page([
        (40, 30, "ТАЛОН О ПРОХОЖДЕНИИ ГОСУДАРСТВЕННОГО КОНТРОЛЯ"),
        (200, 50, "№ 004512"),
        (40, 80, "Пункт пропуска: ПП «Нұр жолы»"),
        (40, 100, "Дата и время пересечения: 14.03.2024 10:35"),
        (40, 120, "Гос. номер ТС: 123ABC02"),
    ])
    f = read_fields(DocType.control_pass, [p])
    assert values(f.pass_numbers) == ["004512"]
    assert values(f.checkpoints) == ["Нур Жолы"] and f.checkpoints[0].verified
    assert values(f.crossing_times) == ["10:35"], "the date before the time is not taken for one"
    assert f.checkpoints[0].bbox is not None and f.checkpoints[0].bbox[1] >= 78


def test_a_pass_in_words_and_its_number_beside_a_plate() -> None:
    """`Дата и время: 14.03.2024 в 16 ч. 42 мин.`: the time in words. The pass's own number after its `№`
    (`КТ-0045821`) has a plate's shape but is none; the plates on the vehicle's line are."""
    p = page(stacked([
        "КОНТРОЛЬНЫЙ ТАЛОН № КТ-0045821",
        "Пункт пропуска: Алтынколь",
        "Тягач DAF XF 480 512AKZ02, прицеп KRONE 23ATP02",
        "Дата и время прохождения контроля: 14.03.2024 в 16 ч. 42 мин.",
    ]))
    f = read_fields(DocType.control_pass, [p])
    assert values(f.pass_numbers) == ["КТ-0045821"]
    assert values(f.plates) == ["512AKZ02", "23ATP02"]
    assert values(f.crossing_times) == ["16:42"]
    # a plate written after a number sign on an unlabelled line is still a plate; only the pass's number is not
    f = read_fields(DocType.control_pass, [page([(40, 30, "ТАЛОН № 004512"), (40, 60, "ТС № 512AKZ02")])])
    assert values(f.plates) == ["512AKZ02"] and values(f.pass_numbers) == ["004512"]
    # after a plate label too, a number sign may stand before a plate of a national shape (`Тягач № 512AKZ02`);
    # a waybill's number there is none
    for dt in (DocType.control_pass, DocType.cmr):
        f = read_fields(dt, [page([(40, 60, "Тягач № 512AKZ02, прицеп № 23ATP02, путевой лист № 4471")])])
        assert values(f.plates) == ["512AKZ02", "23ATP02"]


def test_bilingual_labels_with_the_value_in_the_cell_to_the_right() -> None:
    p = page([
        (40, 30, "ТАЛОН / ТАЛОН"),
        (40, 60, "№"), (300, 60, "516629226"),
        (40, 80, "Өткізу пункті / Пункт пропуска"), (300, 80, "Жайсаң"),
        (40, 100, "Күні / Дата"), (300, 100, "12.05.2024"),
        (40, 120, "Уақыты / Время"), (300, 120, "7.05"),
    ])
    f = read_fields(DocType.control_pass, [p])
    assert values(f.checkpoints) == ["Жайсан"]
    assert values(f.crossing_times) == ["07:05"]


def test_a_checkpoint_the_list_lacks_is_kept_as_printed_and_unverified() -> None:
    p = page([(40, 60, "Пункт пропуска: Береке"), (40, 80, "Время: 23:59")])
    f = read_fields(DocType.control_pass, [p])
    assert values(f.checkpoints) == ["Береке"] and not f.checkpoints[0].verified


def test_the_forms_next_row_is_not_taken_for_an_empty_checkpoint() -> None:
    p = page([(40, 60, "Пункт пропуска:"), (40, 80, "Направление: въезд в РК"), (40, 100, "Время: 09:15")])
    f = read_fields(DocType.control_pass, [p])
    assert f.checkpoints == []


def test_the_pass_number_is_not_the_cmr_number_the_pass_cites() -> None:
    p = page([
        (40, 30, "ТАЛОН ПРОХОЖДЕНИЯ ПУНКТА ПРОПУСКА"),
        (40, 60, "Пункт пропуска: «Нур Жолы» (Хоргос), ДГД по области Жетысу"),
        (40, 80, "Дата и время пересечения: 11.03.2024 16:45"),
        (40, 100, "CMR № 0048817 от 04.03.2024"),
        (40, 120, "Талон № 004512"),
    ])
    f = read_fields(DocType.control_pass, [p])
    assert values(f.pass_numbers) == ["004512"]
    assert values(f.checkpoints) == ["Нур Жолы"], "the checkpoint named first, not the town in brackets after it"
    cited_only = page([(40, 30, "ТАЛОН"), (40, 60, "Основание: накладная № 0048817 от 04.03.2024")])
    assert read_fields(DocType.control_pass, [cited_only]).pass_numbers == []


def test_a_kazakh_scan_of_a_bilingual_pass() -> None:
    """Kazakh OCR: the Russian label after the Kazakh one with `№` read as `Ne`, and a plate's F read as `Ғ`."""
    p = scan_page([
        (40, 30, "МЕМЛЕКЕТТІК БАҚЫЛАУДАН ӨТУ ТАЛОНЫ"),
        (40, 60, "Талон нөмірі / Ne талона: 000271456"),
        (40, 80, "Көлік нөмірі / Гос. номер TC: 512АҒG16, 513AFG16"),
    ])
    f = read_fields(DocType.control_pass, [p])
    assert values(f.pass_numbers) == ["000271456"]
    assert sorted(values(f.plates)) == ["512AFG16", "513AFG16"]


def test_checkpoint_named_only_by_the_stamp() -> None:
    p = page([(40, 30, "ТАЛОН"), (300, 400, "Пограничная служба КНБ РК • Хоргос")])
    assert values(read_fields(DocType.control_pass, [p]).checkpoints) == ["Хоргос"]


def test_vehicle_passport_make_model_year_and_the_engine_left_out() -> None:
    p = page([
        (40, 30, "ПАСПОРТ ТРАНСПОРТНОГО СРЕДСТВА"),
        (40, 60, "1. Идентификационный номер (VIN)"), (300, 60, "XTA219170K0123456"),
        (40, 80, "2. Марка, модель ТС"), (300, 80, "LADA GRANTA"),
        (40, 100, "5. Год изготовления ТС"), (300, 100, "2019"),
        (40, 120, "6. Модель, № двигателя"), (300, 120, "VAZ21129 1234567"),
    ])
    f = read_fields(DocType.vehicle_passport, [p])
    assert values(f.makes) == ["LADA"] and values(f.models) == ["GRANTA"] and values(f.years) == ["2019"]


def test_make_and_commercial_name_split_at_the_slash() -> None:
    p = page([(40, 60, "Марка / коммерческое наименование"), (300, 60, "Ford Sollers / Transit")])
    f = read_fields(DocType.conformity_certificate, [p])
    assert values(f.makes) == ["Ford Sollers"] and values(f.models) == ["Transit"]


def test_vehicle_table_values_under_their_headers() -> None:
    p = page([
        (40, 30, "АКТ ПРИЕМА-ПЕРЕДАЧИ"),
        (40, 60, "№"), (80, 60, "Марка, модель"), (260, 60, "VIN"), (440, 60, "Год выпуска"),
        (40, 80, "1"), (80, 80, "KAMAZ 5490"), (260, 80, "XTC549005N2567890"), (440, 80, "2022"),
    ])
    f = read_fields(DocType.acceptance_certificate, [p])
    assert values(f.makes) == ["KAMAZ"] and values(f.models) == ["5490"] and values(f.years) == ["2022"]


def test_bilingual_table_header_reads_the_column_under_all_of_it() -> None:
    """`Марка, модель / Make, model` is one header: the column under it starts under `Марка`, not `Make`."""
    p = page([
        (40, 60, "№"), (70, 60, "Марка, модель / Make, model"), (330, 60, "VIN"), (480, 60, "Год / Year"),
        (40, 80, "1"), (70, 80, "Gomselmash Palesse GS12"), (330, 80, "XKZJSZDHCPK760900"), (480, 80, "2023"),
    ])
    f = read_fields(DocType.acceptance_certificate, [p])
    assert values(f.makes) == ["Gomselmash"] and values(f.models) == ["Palesse GS12"] and values(f.years) == ["2023"]


# ---------------------------------------------------------------- generated documents


def _scan(pdf: bytes, dpi: int = 200) -> bytes:
    doc = pdfium.PdfDocument(pdf)
    try:
        img = doc[0].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()
    return encode(add_noise(img, 10).convert("RGB"), "JPEG", quality=80, dpi=(dpi, dpi))


@pytest.mark.parametrize("template", ["talon_ru", "talon_kk", "talon_form_hand"])
def test_generated_control_pass_born_digital(extractor: Extractor, template: str) -> None:
    d = shipment_for(template)
    pdf = render_document("control_pass", template, d, random.Random(5))
    pages = extractor.extract(f"{template}.pdf", pdf).pages
    f = read_fields(DocType.control_pass, pages)
    assert values(f.pass_numbers) == [d.pass_number]
    assert values(f.checkpoints) == [model.CHECKPOINTS[d.checkpoint][0]]
    assert values(f.crossing_times) == [f"{d.crossing:%H:%M}"]


def test_generated_control_pass_scanned(extractor: Extractor) -> None:
    d = shipment_for("talon_ru")
    pages = extractor.extract("talon.jpg", _scan(render_document("control_pass", "talon_ru", d, random.Random(5)))).pages
    f = read_fields(DocType.control_pass, pages)
    assert values(f.checkpoints) == [model.CHECKPOINTS[d.checkpoint][0]]
    assert values(f.crossing_times) == [f"{d.crossing:%H:%M}"]
    assert values(f.pass_numbers) == [d.pass_number]


@pytest.mark.parametrize(("doc_type", "template"), [
    ("vehicle_passport", "reg_cert_kz"), ("vehicle_passport", "pts_paper"), ("conformity_certificate", "sbkts_ru"),
])
def test_generated_vehicle_documents(extractor: Extractor, doc_type: str, template: str) -> None:
    d = shipment_for(template)
    pdf = render_document(doc_type, template, d, random.Random(5))
    f = read_fields(DocType(doc_type), extractor.extract(f"{template}.pdf", pdf).pages)
    vehicles = [it for it in d.items if it.vins]
    printed = {f"{it.make} {it.model}" for it in vehicles}
    assert f.makes and f.models and f"{f.makes[0].value} {f.models[0].value}" in printed
    assert f.years and int(f.years[0].value) in {it.year for it in vehicles}


SERIAL_PAPERS = [
    (DocType.vehicle_passport, ["ПАСПОРТ САМОХОДНОЙ МАШИНЫ И ДРУГИХ ВИДОВ ТЕХНИКИ", "Заводской № машины (рамы): 808123456",
                                "Двигатель № 1234567", "Машинаның зауыттық нөмірі: 808123456"], ["808123456"]),
    (DocType.invoice, ["INVOICE No. 12", "Combine harvester CLAAS LEXION 760, S/N: C7601234, year 2023"], ["C7601234"]),
    (DocType.customs_declaration, ["31 Грузовые места и описание товаров",
                                   "1) КОМБАЙН ЗЕРНОУБОРОЧНЫЙ ACROS 595, ЗАВОДСКОЙ НОМЕР 012345, 2023 Г.В."], ["012345"]),
    (DocType.invoice, ["INVOICE No. 12", "Serial No.: 2024", "VIN / Serial number: XW8ZZZ61ZDG000001"], []),
]


@pytest.mark.parametrize("make", [page, scan_page])
@pytest.mark.parametrize(("doc_type", "texts", "serials"), SERIAL_PAPERS)
def test_a_machines_serial_number_after_its_label(make, doc_type: DocType, texts: list[str],  # type: ignore[no-untyped-def]
                                                  serials: list[str]) -> None:
    """A machine passport's `Заводской № машины (рамы)`, an invoice's `S/N` and a declaration's goods description
    name the serial number that stands for a tractor's or harvester's VIN; an engine's number, a year or a VIN is
    no serial."""
    p = make(stacked(texts))
    assert values(read_fields(doc_type, [p]).serial_numbers) == serials


def test_a_machine_passport_names_the_kind_then_the_make_and_model() -> None:
    """A ПСМ writes `Машина: трактор Беларус-82.1`: the kind in lower case, then the make and the model's number.
    Its serial's label (`Заводской номер машины`) is not taken for the machine's name."""
    p = page(stacked([
        "ПАСПОРТ САМОХОДНОЙ МАШИНЫ И ДРУГИХ ВИДОВ ТЕХНИКИ",
        "Машина: трактор Беларус-82.1",
        "Заводской номер машины (рамы) 82012345",
        "Год выпуска 2023",
    ]))
    f = read_fields(DocType.vehicle_passport, [p])
    assert values(f.makes) == ["Беларус"] and values(f.models) == ["82.1"]
    assert values(f.serial_numbers) == ["82012345"] and values(f.years) == ["2023"]
    loader = page([(40, 60, "Машина: фронтальный погрузчик SDLG LG936L")])
    f = read_fields(DocType.vehicle_passport, [loader])
    assert values(f.makes) == ["SDLG"] and values(f.models) == ["LG936L"]
