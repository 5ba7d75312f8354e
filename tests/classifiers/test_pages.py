from __future__ import annotations

import pytest

from classifiers.labels import DocType
from classifiers.pages import MIN_CONFIDENCE, RULES_ONLY_CAP, classify_page
from extractor.models import PageSource
from tests.classifiers.build import body, ocr_noise, page
from tests.classifiers.samples import SAMPLES, sample

CASES = sorted(SAMPLES, key=lambda k: (k[0].value, k[1]))


@pytest.mark.usefixtures("rules_only")
@pytest.mark.parametrize(("doc_type", "lang"), CASES, ids=[f"{t.value}-{lang}" for t, lang in CASES])
def test_each_type_and_language_is_recognised(doc_type: DocType, lang: str) -> None:
    label = classify_page(sample(doc_type, lang))
    assert label.doc_type == doc_type, label.reason
    assert label.confidence >= 0.8
    assert label.reason


@pytest.mark.usefixtures("rules_only")
@pytest.mark.parametrize(("doc_type", "lang"), CASES, ids=[f"{t.value}-{lang}" for t, lang in CASES])
@pytest.mark.parametrize("seed", [1, 2])
def test_noisy_ocr_reading_is_still_recognised(doc_type: DocType, lang: str, seed: int) -> None:
    label = classify_page(ocr_noise(sample(doc_type, lang), seed=seed, rate=0.25))
    assert label.doc_type == doc_type, label.reason


@pytest.mark.usefixtures("rules_only")
def test_cmr_read_as_cyrillic_smv_with_broken_title() -> None:
    p = page([(40, "СМВ", 14), (60, "МЕЖДУНАРОДНАЯ ТОВАРНО-ТРАНСПОРТ НАЯ НАКЛАДН АЯ", 8)] + body([
        "1 Отправитель (наименование, адрес, страна)   2 Получатель",
        "4 Место и дата погрузки груза   11 Вес брутто, кг  11 980"]))
    label = classify_page(p)
    assert label.doc_type == DocType.cmr


@pytest.mark.usefixtures("rules_only")
def test_title_at_top_outweighs_a_reference_lower_down() -> None:
    """A packing list names its invoice; the large title at the top decides."""
    p = page([(70, "PACKING LIST", 16)] + body([
        "Invoice No.: INV-2024/0312   Commercial invoice dated 12.03.2024",
        "No. Description Packages Net weight kg Gross weight kg"]))
    assert classify_page(p).doc_type == DocType.packing_list


@pytest.mark.usefixtures("rules_only")
def test_a_control_pass_citing_its_cmr_is_a_control_pass() -> None:
    """A pass titled in words of its own (`талон прохождения`, not `талон о прохождении государственного
    контроля`) ends by citing the CMR it was issued on, in type as large as its body: the CMR is not its title."""
    p = page([(50, "ТАЛОН ПРОХОЖДЕНИЯ ПУНКТА ПРОПУСКА", 11)] + body([
        "Пункт пропуска: «Нур Жолы», ДГД по области Жетысу",
        "Регистрационный номер: 70102/110324/П004512",
        "Дата и время пересечения: 11.03.2024 16:45",
        "Тягач: 777ABC02   Полуприцеп: 12XYZ02",
        "Перевозчик: ТОО «Trans-Kaz Logistics»",
        "CMR № 0048817 от 04.03.2024"], start=90.0, step=16.0), source=PageSource.ocr)
    label = classify_page(p)
    assert label.doc_type == DocType.control_pass, label.reason


@pytest.mark.usefixtures("rules_only")
def test_a_universal_transfer_document_whose_invoice_title_ocr_garbled_is_an_invoice() -> None:
    """A Russian УПД prints `Универсальный передаточный документ` beside `Счет-фактура № 1184`; OCR ran the two
    together (`докуйанет-фактура`), and with no title left the page was `other`."""
    p = page([(30, "Универсальный передаточный докуйанет-фактура № 1184 от 11 апреля 2024 г.", 10)] + body([
        "Статус: 1 Исправление № -- от --", "Продавец: ООО «ПолиТара»", "ИНН/КПП продавца: 5260123456/526001001",
        "Грузоотправитель и его адрес: он же", "Покупатель: ТОО «Тара-Азия»",
        "№ Наименование товара Код вида товара Ед. изм. Кол-во Цена Стоимость без НДС НДС",
        "1 Ящик пластиковый 600x400 3923100000 796 шт 4 000 350,00 1 400 000,00 0%"], start=60.0), source=PageSource.ocr)
    label = classify_page(p)
    assert label.doc_type == DocType.invoice, label.reason


@pytest.mark.usefixtures("rules_only")
def test_documents_a_cmr_lists_as_attached_are_not_its_title() -> None:
    """The CMR's title was lost to the scan; box 5 names an invoice and a packing list under its label (wrapped
    onto two lines). The names in the list are no title: its box labels make it a CMR, or (rules alone being
    weak evidence) leave it `other`; it is never the packing list it names."""
    p = page(body([
        "Absender (Name, Anschrift, Land) / Sender / Expediteur",
        "Empfanger (Name, Anschrift, Land) / Consignee / Destinataire   Frachtfuhrer / Carrier",
        "Auslieferungsort des Gutes / Place of delivery   Nachfolgende Frachtfuhrer / Successive carriers",
        "Ort und Tag der Ubernahme des Gutes / Place and date of taking over   Vorbehalte / Reservations",
        "Dokumente / Documents attached",
        "Beigefugte",
        "Invoice INV-2024/3540, Packing list",
        "Anweisungen des Absenders / Sender's instructions   Besondere Vereinbarungen / Special agreements",
    ], start=120.0), source=PageSource.ocr)
    label = classify_page(p)
    assert label.doc_type in (DocType.cmr, DocType.other), label.reason
    assert "title" not in label.reason and "best guess cmr" in label.reason


@pytest.mark.usefixtures("rules_only")
def test_a_long_title_with_one_word_garbled_is_still_the_title() -> None:
    """A phone photo of a registration certificate: one word of the title OCR'd past fuzzy matching."""
    p = page([(70, "СВИДЕТЕЛЬСТВО О РЕГИСТРАЦИИ ТРАкиклеттклоо СРЕДСТВА", 14)] + body([
        "Марка, модель Ford Sollers Transit", "VIN X9FCS2NV8RC414269", "Дата выдачи 08.04.2024"]),
        source=PageSource.ocr)
    label = classify_page(p)
    assert label.doc_type == DocType.vehicle_passport and "title" in label.reason
    lead_lost = page([(70, "СВИДЕКЕЛЬСТКОО О РЕГИСТРАЦИИ ТРАНСПОРТНОГО", 14)] + body(["Марка Ford"]),
                     source=PageSource.ocr)
    assert "title" not in classify_page(lead_lost).reason, "the phrase's first word must stand"


@pytest.mark.usefixtures("rules_only")
def test_an_import_application_whose_title_kept_only_its_tail_is_still_titled() -> None:
    """A phone photo of form 328: `ЗАЯВЛЕНИЕ о ввозе товаров` lost to OCR (`© sane 108208`), its title's tail
    `и уплате косвенных налогов` read, the rest of the page garbled (seed 3434)."""
    p = page([(70, "© sane 108208 и уплате косвенных налогов", 14)] + body([
        "& 667 от «04» ожтебре 2023 г.", "Раздея 1. (ведение © калоговлательциие", "бин. 180141097482"]),
        source=PageSource.ocr)
    label = classify_page(p)
    assert label.doc_type == DocType.import_application and "title" in label.reason, label.reason


@pytest.mark.usefixtures("rules_only")
@pytest.mark.parametrize("number", ["55218/260724/997659", "55211/31023/7195682", "55209 160424 1094415",
                                    "55209:180823/8278658"])
def test_a_declaration_photo_is_known_by_its_registration_number_as_ocr_garbled_it(number: str) -> None:
    """Phone photos of declarations whose boxes OCR garbled past their titles (seeds 4646, 6868): the registration
    number still stands, a digit lost, its slashes read as colons or spaces; a run of figures that is no such number
    (no date in its middle) is no evidence."""
    def label(text: str) -> DocType:
        return classify_page(page(body(["mm © " + text + " |", "nome 6 — <= / i ome", "и ВЫПУСК РАЗРЕШЕН"]),
                                  source=PageSource.ocr)).doc_type

    assert label(number) == DocType.customs_declaration
    assert label("12345 123456 1234567") == DocType.other


@pytest.mark.usefixtures("rules_only")
def test_papers_a_cmr_lists_are_no_title_even_with_their_label_lost() -> None:
    """A scanned CMR whose `Documents attached` label OCR garbled: the line `Invoice INV-2023/3086, Packing list`
    names two papers, the first by its number, and titles neither (seed 3434). A paper titled with both names and
    no number between them is still titled."""
    listed = page([(60, "INTERNATIONALER FRACHTBRIEF", 9), (120, "Polska Opakowania Sp. z o.o., 62-800 Kalisz"),
                   (250, "Invoice INV-2023/3086, Packing list", 14), (270, "Kalisz, Poland 12.10.2023")],
                  source=PageSource.ocr)
    label = classify_page(listed)
    assert label.doc_type is DocType.cmr and "packing list" not in label.reason, label.reason
    both = page([(40, "INVOICE / PACKING LIST", 14)] + body(["Seller: Polska Opakowania", "Total: 12 cartons"]),
                source=PageSource.ocr)
    assert "title" in classify_page(both).reason


@pytest.mark.usefixtures("rules_only")
def test_a_title_a_tilted_photo_broke_in_two_is_read_in_either_order() -> None:
    """A phone photo of a vehicle passport, tilted: the title's end stands higher than its start, so OCR gives
    `НОГО СРЕДСТВА` first and `ПАСПОРТ ТРАНСПОРТ` below it (seed 3434)."""
    p = page([(60, "НОГО СРЕДСТВА", 12), (70, "ПАСПОРТ ТРАНСПОРТ", 12)] + body(["Марка, модель Ford", "Категория N1"]),
             source=PageSource.ocr)
    label = classify_page(p)
    assert label.doc_type is DocType.vehicle_passport and "title" in label.reason, label.reason


@pytest.mark.usefixtures("rules_only")
def test_rules_alone_cap_the_confidence() -> None:
    label = classify_page(sample(DocType.invoice, "en"))
    assert label.confidence <= RULES_ONLY_CAP
    assert "rules" in label.reason


@pytest.mark.usefixtures("rules_only")
def test_page_without_evidence_is_other_with_reason() -> None:
    p = page(body(["Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                   "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."]))
    label = classify_page(p)
    assert label.doc_type == DocType.other
    assert "no clear evidence" in label.reason


@pytest.mark.usefixtures("rules_only")
def test_weak_evidence_is_not_forced_into_a_type() -> None:
    """One label word shared by several forms is not enough to call the page a type."""
    p = page(body(["Получатель: ТОО «Алатау Импорт»", "г. Алматы, 12.03.2024"]))
    label = classify_page(p)
    assert label.doc_type == DocType.other
    assert label.confidence >= 1 - MIN_CONFIDENCE


@pytest.mark.parametrize("title", ["ДОВЕРЕННОСТЬ № 12", "СЕНІМХАТ / ДОВЕРЕННОСТЬ", "POWER OF ATTORNEY"])
def test_a_power_of_attorney_is_other_of_its_kind(title: str) -> None:
    p = page([(60, title, 14), *body(["ТОО «Алатау Импорт» настоящей доверенностью уполномочивает Серикбаева А.",
                                      "представлять документы оператору РОП."])])
    label = classify_page(p)
    assert (label.doc_type, label.kind) == (DocType.other, "power_of_attorney")


@pytest.mark.parametrize(("title", "kind"), [("ДОГОВОР ПОСТАВКИ № 15/2024", "contract"), ("SALES CONTRACT No. HY-KZ-07", "contract"),
                                           ("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 341", "payment_order")])
def test_a_contract_or_payment_order_is_other_of_its_kind_not_an_invoice(title: str, kind: str) -> None:
    """Their buyer, seller, price and sum are an invoice's words too; the title says what they are."""
    p = page([(60, title, 14), *body(["Продавец ООО «ЛиуГонг Рус» и Покупатель ТОО «Steppe Motors» (БИН 180940012348).",
                                      "Цена: 41 500,00 USD. Сумма: 83 000,00 USD. Стоимость включает доставку."])])
    label = classify_page(p)
    assert (label.doc_type, label.kind) == (DocType.other, kind)


@pytest.mark.parametrize("title", ["СПЕЦИФИКАЦИЯ № 3", "SPECIFICATION No. 3"])
def test_a_specification_listing_net_weights_is_a_packing_list_not_an_invoice(title: str) -> None:
    """A contract's specification lists the goods with their net weights, prices and sums: the moderators take it
    as the proof of the net weight, as a packing list is; its seller, buyer and sums had made it an invoice."""
    p = page([(60, title, 14), (80, "к Контракту № HX-KZ/22 от 15.01.2023 г.", 10), *body([
        "Продавец: SHANDONG HUAXIN PLASTIC CO., LTD. Покупатель: ТОО «Алатау Пак»",
        "№ Наименование товара Код ТН ВЭД Кол-во Вес нетто, кг Цена, USD Сумма, USD",
        "1 Пленка ПЭ 3920102500 24 11 980,0 3,21 38 455,80", "Итого: 11 980,0 38 455,80"])])
    assert classify_page(p).doc_type == DocType.packing_list


def test_a_letter_is_other_of_no_kind() -> None:
    p = page([(60, "ПИСЬМО", 14), *body(["Настоящим сообщаем, что оригиналы документов будут представлены по запросу.",
                                         "С уважением, директор"])])
    label = classify_page(p)
    assert (label.doc_type, label.kind) == (DocType.other, None)


@pytest.mark.usefixtures("rules_only")
def test_blank_page_is_other() -> None:
    label = classify_page(page([(800, "2", 8)]))
    assert label.doc_type == DocType.other
    assert "blank" in label.reason
    assert classify_page(page([])).doc_type == DocType.other


@pytest.mark.usefixtures("rules_only")
def test_spreadsheet_with_gross_and_net_columns_is_a_packing_list() -> None:
    p = page([(1, "Item Description Qty Net kg Gross kg"), (2, "1 Tyres 205/55R16 1200 10880 11980"),
              (3, "Total 1200 10880 11980")], source=PageSource.spreadsheet)
    label = classify_page(p)
    assert label.doc_type == DocType.packing_list
    assert "spreadsheet" in label.reason


@pytest.mark.usefixtures("rules_only")
def test_spreadsheet_without_weights_is_not_a_packing_list() -> None:
    p = page([(1, "Name Phone City"), (2, "Ivanov 7012345678 Almaty")], source=PageSource.spreadsheet)
    assert classify_page(p).doc_type == DocType.other


@pytest.mark.usefixtures("rules_only")
def test_registration_number_alone_points_to_a_declaration() -> None:
    p = page(body(["Справочный номер 55201/120324/0012345", "Декларант ТОО «Алатау Импорт»",
                   "33 Код товара 4011100003  Таможенная стоимость 19 132 512,00"]))
    assert classify_page(p).doc_type == DocType.customs_declaration


@pytest.mark.usefixtures("rules_only")
@pytest.mark.parametrize("title", ["DELIVERY NOTE No. 4471", "LIEFERSCHEIN Nr. 4471", "DISPATCH NOTE 4471"])
def test_a_delivery_note_is_a_waybill(title: str) -> None:
    """The German or English paper that goes with the goods is what Russian calls a товарная накладная; read by its
    weight labels alone it passed for a packing list, or for nothing (`Lieferschein`)."""
    p = page([(40, title, 16)] + body(["Datum / Date 05.03.2024", "Artikel Menge Nettogewicht Bruttogewicht",
                                       "Summe / Total 3190 3350"]))
    label = classify_page(p)
    assert label.doc_type == DocType.waybill, label.reason


@pytest.mark.usefixtures("rules_only")
def test_a_road_waybill_whose_title_lost_its_last_word_is_known_by_its_form() -> None:
    """A scanned ТТН whose title OCR read `ТОВАРНО-ТРАНСПОРТНАЯ № 6720`, `НАКЛАДНАЯ` lost, with prices and sums in its
    table and an `инвойс` named at its foot (3737-0019): the form's name over the title, `Типовая межотраслевая
    форма № 1-Т`, and what is left of the title make it a waybill, not an invoice."""
    rows = ["17.12.2023", "Грузоотправитель Rheinland Fahrzeughandel GmbH", "Грузополучатель ТОО «Шыгыс Агро Техника»",
            "Плательщик ТОО «Шыгыс Агро Техника»", "1. ТОВАРНЫЙ РАЗДЕЛ",
            "№ Наименование Ед. Кол-во Цена Вид упаковки Мест Масса нетто, т Масса брутто, т Сумма",
            "Итого 3525 99 5,616 6,278 1 206 343,37", "Приложение: инвойс № ВЕ236634Я"]
    p = page([(30, "Типовая межотраслевая форма № 1-Т", 9), (50, "ТОВАРНО-ТРАНСПОРТНАЯ № 6720", 16)] + body(rows),
             source=PageSource.ocr)
    label = classify_page(p)
    assert label.doc_type == DocType.waybill and "title" in label.reason, label.reason


@pytest.mark.usefixtures("rules_only")
def test_an_invoice_citing_its_delivery_note_stays_an_invoice() -> None:
    p = page([(40, "COMMERCIAL INVOICE No. 77", 16)] + body([
        "Date: 05.03.2024", "Delivery note No.: DN-4471", "Seller: Hamburg Trading GmbH", "Buyer: TOO Alatau",
        "Description Qty Unit price Amount", "Total USD 1200.00"]))
    assert classify_page(p).doc_type == DocType.invoice


@pytest.mark.usefixtures("rules_only")
def test_a_dealers_invoice_certificate_for_a_vehicle_is_an_invoice() -> None:
    """A `СЧЕТ-СПРАВКА` (the dealer's invoice a vehicle is registered with) lists the VIN, make, model and year
    as a vehicle passport does; its title makes it the invoice the payer uploaded it as."""
    p = page([(60, "СЧЕТ-СПРАВКА № 0071234", 16)] + body([
        "Дата выдачи: 02.05.2024",
        "Марка, модель ТС HAVAL JOLION",
        "Идентификационный номер (VIN) LGWEF6A75RH512345",
        "Номер кузова (кабины, прицепа) LGWEF6A75RH512345",
        "Год изготовления 2024   Двигатель № GW4B15A 2405123456",
        "Продавец: Great Wall Motor Sales Co., Ltd."]))
    assert classify_page(p).doc_type == DocType.invoice


def test_a_declaration_whose_title_ocr_lost_outweighs_the_price_words_it_shares_with_an_invoice() -> None:
    """A scanned declaration's box titles (`Декларант`, `Код товара`, `Выпуск разрешен`...) and the price words any
    invoice has (`Цена`, `Стоимость`, `Валюта`...) both filled the keyword cap, and the tie left the page to the
    model's guess. Fourteen titles now outweigh five price words."""
    from classifiers.rules import score_page

    p = page([(40, "ДЕКЛАРАЦИЯ А", 10)] + body([
        "Отправитель/Экспортер   ИМ 40",
        "Декларант   Общая таможенная стоимость   Страна отправления",
        "Условия поставки   Валюта и общая сумма по счету",
        "Код товара   Вес брутто (кг)   Вес нетто (кг)   Цена товара   Стоимость   Сумма",
        "Исчисление платежей   ВЫПУСК РАЗРЕШЕН",
    ]))
    scores = score_page(p).scores
    assert scores[DocType.customs_declaration] > scores[DocType.invoice] >= 3.0


def test_an_invoice_named_after_a_date_under_a_packing_lists_title_is_no_title() -> None:
    """A photographed bilingual packing list: its second line `Күн / Дата: 28.07.2023 Инвойс № 32` refers to its
    invoice, and the title word there had tied with the packing list's own title."""
    p = page([(60, "КАПТАМА ПАРАРЫ / УПАКОВОЧНЫЙ ЛИСТ / PACKING LIST"), (80, "Кун / Дата: 28.07.2023 Инвойс № 32")]
             + body(["Leo Ores Dre Daye", "ООО -ТекноПласт» TOO «Шьыгью Агро Техника»",
                     "г. Екатеринбург, уп. Монтажников, 4 г. Усть-Каменогорск, уп. Бажова, 333", "БСН 100244017350",
                     "№ — Атзуы | Наименование 'Орым саны/ Tass салмак / Нео Жалпы canmax / Брутто", "Мест",
                     "' USveex TEMA THNOCOND DEORE новые 379 20549, 100 кг 20699, 100 «г",
                     "Sapmery / Итого 379 20549.100 г 20699. 100 кг", "Колы / Подлись Ww"]),
             source=PageSource.ocr)  # the page pass's reading of the photo, as read
    assert classify_page(p).doc_type == DocType.packing_list
    worded = page([(60, "КАПТАМА ПАРАРЫ / УПАКОВОЧНЫЙ ЛИСТ / PACKING LIST"),
                   (80, "Кун! / Дата: 26 мамыр 2023 x. Инвойс № 1885"), (160, "БСН 161244189714"),
                   (240, "Атауы Наименовамие саны/ Taos салмах / Нето Kanne canuax, / Брутто"),
                   (300, "Барлыгы / Итого 1712.900 кг 1786.100 «г")], source=PageSource.ocr)
    assert classify_page(worded).doc_type == DocType.packing_list, "a date in words (a seed-4545 photo) is a date too"
    invoice = page([(60, "ИНВОЙС № 32 от 28.07.2023")] + body(["Продавец: ООО «ТехноПласт»", "Итого к оплате 1200,00"]),
                   source=PageSource.ocr)
    assert classify_page(invoice).doc_type == DocType.invoice, "a title with its number and date after it stays one"
