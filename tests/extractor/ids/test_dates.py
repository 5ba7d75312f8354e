"""Dates in Russian, Kazakh, English and German, numeric day-first forms, and declaration numbers."""

from __future__ import annotations

import contextlib
import time
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.ids import dates
from extractor.ids.exceptions import InvalidComponent, InvalidFormat, ValidationError

from .strategies import FAST, noisy_text

MARCH_14 = date(2024, 3, 14)


@pytest.mark.parametrize(
    "text",
    [
        "14.03.2024", "14/03/2024", "2024-03-14", "14 марта 2024 г.", "«14» марта 2024", "March 14, 2024",
        "14 March 2024", "14 наурыз 2024 ж.", "14.03.24", "14-03-2024", "14 марта 2024 года", "14 Mar 2024",
        "14-Mar-2024", "Mar. 14, 2024", "14th March 2024", "14. März 2024", "14 Maerz 2024", "14 МАРТА 2024Г.",
        "“14” марта 2024 г.", "2024 жылғы 14 наурыз", "2024 ж. «14» наурыздағы", "14 март 2024", " 14.03.2024 ",
        "14.3.2024", "2024.03.14", "the 14th of March 2024", "14.03.2024 10:35", "2024-03-14T10:35:00Z",
        "14.03.2024 в 23:59:59", "14 марта 2024 г., 08:15", "14-Mar-24", "14 MAR 24", "14th of March, 2024",
    ],
)  # fmt: skip
def test_parse_date_forms(text: str) -> None:
    assert dates.parse_date(text) == MARCH_14


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("қаңтар", 1), ("каңтар", 1), ("кантар", 1), ("ақпан", 2), ("акпан", 2), ("наурыз", 3), ("сәуір", 4),
        ("сэуір", 4), ("сауир", 4), ("мамыр", 5), ("маусым", 6), ("шілде", 7), ("шiлде", 7), ("тамыз", 8),
        ("қыркүйек", 9), ("кыркуйек", 9), ("қазан", 10), ("казан", 10), ("қараша", 11), ("караша", 11),
        ("желтоқсан", 12), ("желтоксан", 12),
        ("января", 1), ("февраль", 2), ("апреля", 4), ("мая", 5), ("июнь", 6), ("июля", 7), ("августа", 8),
        ("сентября", 9), ("октябрь", 10), ("ноября", 11), ("декабря", 12),
        ("Januar", 1), ("Februar", 2), ("März", 3), ("Mai", 5), ("Juni", 6), ("Juli", 7), ("Oktober", 10),
        ("Dezember", 12), ("Sept.", 9), ("сент.", 9), ("нояб.", 11),
    ],
)  # fmt: skip
def test_month_names(word: str, month: int) -> None:
    assert dates.parse_date(f"5 {word} 2023") == date(2023, month, 5)


@pytest.mark.parametrize(
    ("text", "day"),
    [("14.III.2024", MARCH_14), ("14 III 2024", MARCH_14), ("1/XII/2023", date(2023, 12, 1)),
     ("12 Mart 2024", date(2024, 3, 12)), ("5 ŞUBAT 2024", date(2024, 2, 5)), ("1 Ağustos 2024", date(2024, 8, 1)),
     ("3 Eylül 2024", date(2024, 9, 3)), ("29 EKİM 2024", date(2024, 10, 29)), ("7 Aralık 2024", date(2024, 12, 7))],
)  # fmt: skip
def test_roman_months_and_turkish_month_names(text: str, day: date) -> None:
    """Polish and older Soviet papers write the month in Roman numerals; Turkish exporters write Turkish names."""
    assert dates.parse_date(text) == day
    assert [d for d, *_ in dates.find_dates(f"Fatura tarihi: {text};")] == [day]


def test_a_two_digit_year_after_a_month_name_needs_the_same_separator_and_no_fraction() -> None:
    """`14-Mar-24` is an exporter's system date; `14 Mar, 24 pallets` and `14 May 24.5 kg` are not dates."""
    assert [d for d, *_ in dates.find_dates("Invoice date: 14-Mar-24 Terms")] == [MARCH_14]
    assert dates.find_dates("14 Mar, 24 pallets") == []
    assert dates.find_dates("lot 14 May 24.5 kg") == []


def test_numeric_forms_are_day_first() -> None:
    assert dates.parse_date("03/04/2024") == date(2024, 4, 3)
    assert dates.parse_date("03.04.2024") == date(2024, 4, 3)
    # a US exporter's month first is read only where no day-first reading exists; with dots or dashes it is none
    assert dates.parse_date("04/25/2024") == date(2024, 4, 25)
    with pytest.raises(InvalidComponent):
        dates.parse_date("04.25.2024")


def test_two_digit_years() -> None:
    assert dates.parse_date("14.03.24") == MARCH_14
    assert dates.parse_date("14.03.99") == date(1999, 3, 14)
    with pytest.raises(InvalidComponent):
        dates.parse_date("14.03.75")  # 1975


@pytest.mark.parametrize(
    "text", ["31.02.2024", "14.13.2024", "00.03.2024", "14.03.1989", "14.03.2101", "30 февраля 2024"]
)
def test_impossible_dates(text: str) -> None:
    with pytest.raises(InvalidComponent):
        dates.parse_date(text)


@pytest.mark.parametrize(
    "text", ["", "сегодня", "yesterday", "14.03", "14 марок 2024", "2024", "12.450,50", "abc 2024"]
)
def test_not_dates(text: str) -> None:
    with pytest.raises(InvalidFormat):
        dates.parse_date(text)


def test_common_numeric_forms_are_fast() -> None:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(1000):
            dates.parse_date("14.03.2024")
        best = min(best, (time.perf_counter() - started) / 1000)
    assert best < 0.0002


def test_find_dates() -> None:
    text = "ДТ № 55201/150324/0012345 от 15.03.2024; инвойс от «1» марта 2024 г., CMR 2024 жылғы 3 наурыз; 12.450,50 кг"
    found = dates.find_dates(text)
    assert [(d, raw) for d, raw, _, _ in found] == [
        (date(2024, 3, 15), "15.03.2024"),
        (date(2024, 3, 1), "«1» марта 2024 г."),
        (date(2024, 3, 3), "2024 жылғы 3 наурыз"),
    ]
    assert all(text[s:e] == raw for _, raw, s, e in found)


def test_find_dates_skips_impossible_and_versions() -> None:
    assert dates.find_dates("версия 1.2.3, номер 31.02.2024, сумма 1.234.567") == []


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("55201/150324/0012345", date(2024, 3, 15)),
        ("ДТ № 55201 / 150324 / 0012345", date(2024, 3, 15)),
        ("10702070/010124/0000001", date(2024, 1, 1)),
        ("55201/311299/0012345", date(1999, 12, 31)),
        ("55201/320324/0012345", None),
        ("55201-150324-0012345", None),
        ("", None),
    ],
)
def test_from_registration_number(number: str, expected: date | None) -> None:
    assert dates.from_registration_number(number) == expected


def test_registration_re() -> None:
    m = dates.REGISTRATION_RE.search("Рег. номер 55201/150324/0012345.")
    assert m is not None
    assert (m.group("post"), m.group("date"), m.group("serial")) == ("55201", "150324", "0012345")


RU_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
               "ноября", "декабря"]  # fmt: skip
KK = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша",
      "желтоқсан"]  # fmt: skip
EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December"]  # fmt: skip
DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
      "Dezember"]  # fmt: skip

FORMATS = {
    "dotted": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "slashed": lambda d: f"{d.day}/{d.month}/{d.year}",
    "iso": lambda d: d.isoformat(),
    "dotted_yy": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
    "ru": lambda d: f"{d.day} {RU_GENITIVE[d.month - 1]} {d.year} г.",
    "ru_quoted": lambda d: f"«{d.day:02d}» {RU_GENITIVE[d.month - 1]} {d.year} года",
    "kk": lambda d: f"{d.day} {KK[d.month - 1]} {d.year} ж.",
    "kk_year_first": lambda d: f"{d.year} жылғы {d.day} {KK[d.month - 1]}",
    "en_us": lambda d: f"{EN[d.month - 1]} {d.day}, {d.year}",
    "en": lambda d: f"{d.day} {EN[d.month - 1]} {d.year}",
    "en_short": lambda d: f"{d.day:02d}-{EN[d.month - 1][:3]}-{d.year}",
    "de": lambda d: f"{d.day}. {DE[d.month - 1]} {d.year}",
}

in_range = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@FAST
@given(in_range, st.sampled_from(sorted(FORMATS)))
def test_format_and_parse_round_trip(day: date, fmt: str) -> None:
    if fmt == "dotted_yy" and day.year >= 2070:
        return  # two-digit years 70-99 mean the 1900s
    text = FORMATS[fmt](day)
    assert dates.parse_date(text) == day
    found = dates.find_dates(f"Документ от {text}, подписан.")
    assert [d for d, _, _, _ in found] == [day]


@FAST
@given(
    st.dates(min_value=date(1000, 1, 1), max_value=date(1989, 12, 31)) | st.dates(min_value=date(2101, 1, 1))
)
def test_years_out_of_range_are_rejected(day: date) -> None:
    with pytest.raises(InvalidComponent):
        dates.parse_date(f"{day.day:02d}.{day.month:02d}.{day.year:04d}")


@FAST
@given(noisy_text)
def test_raise_only_typed_errors(text: str) -> None:
    with contextlib.suppress(ValidationError):
        dates.parse_date(text)
    for _, raw, start, end in dates.find_dates(text):
        assert text[start:end] == raw
    reg = dates.from_registration_number(text)
    assert reg is None or isinstance(reg, date)


def _iso(text: str, ocr: bool = True) -> list[str]:
    """The dates found in `text`, as ISO strings, OCR's misreadings repaired if `ocr`."""
    return [d.isoformat() for d, *_ in dates.find_dates(text, ocr=ocr)]


def test_ocr_dates_one_look_alike_digit_off_are_repaired_only_when_one_date_fits() -> None:
    from extractor.ids.dates import find_dates

    assert _iso("от 69.05.2024") == ["2024-05-09"]  # a 0 read as 6
    assert _iso("12.03.2624") == ["2024-03-12"]
    assert _iso("16.17.2023") == ["2023-11-16"]  # 7 for 1
    assert _iso("Datum / Date: 2623-03-21") == ["2023-03-21"], "year first too (a German invoice's scan)"
    assert _iso("12,06.2624") == ["2024-06-12"], "and with a dot read as a comma"
    assert _iso("32.07.2024") == [], "no single look-alike makes it a date"
    assert _iso("69.05.2024", ocr=False) == [], "typed text is never repaired"
    assert find_dates("от 69.05.2024", ocr=True)[0][1] == "69.05.2024", "the raw text is what was read"
    # a day and a month that are neither, each a look-alike off (7373-0133), but no year two slips off
    assert _iso("Datum / Date: 96.65.2024") == ["2024-05-06"]
    assert _iso("Datum / Date: 26.89.2827") == [], "`2027` would be one of many years"
    assert _iso("96.65.2024", ocr=False) == []


def test_a_scanned_year_one_look_alike_off_beside_a_month_in_words() -> None:
    """An invoice's `7 июня 2024 г.` read `7 июня 2624 г.` and a certificate's `30 марта 2025 г.` read `2625`
    (seed 3434): the one look-alike digit that makes a year in range; typed text is read as typed, and a year two
    slips off is none."""
    assert _iso("СЧЕТ-ФАКТУРА № 1120 от 7 июня 2624 г.") == ["2024-06-07"]
    assert _iso("Срок действия до: 30 марта 2625 г.") == ["2025-03-30"]
    assert _iso("7 июня 2624 г.", ocr=False) == []
    assert _iso("12 мая 2724") == []


def test_a_scanned_day_and_year_each_one_look_alike_off_beside_a_month_in_words() -> None:
    """6363-0061: an invoice's `«08» января 2023 г.` read `«68» января 2923 г.`: neither a day nor a year, each one
    look-alike digit from the one date it can be. A day alone that is none is mended too; a day past its month's
    length is no misreading to mend, and typed text is read as typed."""
    assert _iso("от / date «68» января 2923 г.") == ["2023-01-08"]
    assert _iso("от / date «68» января 2023 г.") == ["2023-01-08"]
    assert _iso("30 февраля 2023 г.") == []
    assert _iso("«68» января 2923 г.", ocr=False) == []


def test_a_quoted_day_read_as_letters_on_a_scan() -> None:
    """An invoice's `«11» мая 2023 г.` read `«ll» мая 2023 г.` (2929-0145); typed text is read as typed."""
    from extractor.ids.dates import find_dates

    assert [d.isoformat() for d, *_ in find_dates("ИНВОЙС ot / date «ll» мая 2023 г.", ocr=True)] == ["2023-05-11"]
    assert find_dates("ИНВОЙС ot / date «ll» мая 2023 г.") == []
    assert find_dates("«ab» мая 2023 г.", ocr=True) == []


def test_a_scanned_date_with_one_dot_read_as_a_comma_or_colon() -> None:
    """The release stamp's `12.06.2024 18:12` came out as `12:06.2024 18:12`; typed text is read as typed, and
    with both marks alike it is a number or a time, not a date."""
    assert _iso("12:06.2024 18:12") == ["2024-06-12"]
    assert _iso("г. Усть-Каменогорск 29,07.2023 ВЫПУСК РАЗРЕШЕН") == ["2023-07-29"]
    assert _iso("12.06:2024") == ["2024-06-12"]
    assert _iso("Договор № EX.2023/279 от 27 06.2023") == ["2023-06-27"]
    assert _iso("27 06 2023") == [], "a date without any dot is not told from three numbers"
    assert _iso("12,06.2024", ocr=False) == []
    assert _iso("12,06,2024") == [] and _iso("12:06:2024") == []
    assert _iso("12,06.2024 и 14.06.2024") == ["2024-06-12", "2024-06-14"]


def test_a_scanned_english_date_whose_comma_was_read_as_a_dot() -> None:
    """An invoice's `May 11, 2023` scanned as `May 11. 2023` (5959-0107); typed text is read as typed, and a
    number sign's `No. 11. 2023` names no month."""
    assert _iso("TR-2023-80801 May 11. 2023") == ["2023-05-11"]
    assert _iso("Date: Mar 5: 2024") == ["2024-03-05"]
    assert _iso("May 11. 2023", ocr=False) == []
    assert _iso("No. 11. 2023") == []


def test_a_scanned_month_name_with_a_letter_lost_or_added_is_still_its_month() -> None:
    """OCR read the Kazakh invoice's `30 сәуір 2024 ж.` as `30 сэур 2024 x.`; a word no month name is one letter
    from stays no date, and typed text is read as typed."""
    assert _iso("30 сэур 2024 x.") == ["2024-04-30"]
    assert _iso("5 мамр 2023") == ["2023-05-05"]
    assert _iso("30 сэур 2024", ocr=False) == []
    assert _iso("3 шт 2024") == [] and _iso("12 штук 2024") == []


@pytest.mark.parametrize(("scanned", "repaired"), [
    ("55205/268824/0012345", "55205/260824/0012345"),  # month 88: one 8 was a 0
    ("55205/260824/0012345", None),  # a date already
    ("55205/263824/0012345", None),  # month 38: no single look-alike makes a month of it
])
def test_a_scanned_registration_numbers_date_part_is_repaired_only_when_one_date_fits(scanned: str, repaired: str | None) -> None:
    assert dates.repair_registration_number(scanned) == repaired
