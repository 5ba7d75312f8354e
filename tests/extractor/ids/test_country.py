"""Country names and codes in Russian, Kazakh and English, in the forms documents use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.ids import country
from extractor.ids.country_names import COUNTRIES

from .strategies import FAST, noisy_text

FORMS = {
    "RU": ["Российская Федерация", "из Российской Федерации", "России", "Ресей", "Ресейден", "РФ", "Russia",
           "Russian Federation", "ru", "RUS", "Ресей Федерациясынан", "в России", "Россией"],
    "CN": ["Китай", "КНР", "Қытай", "Китайская Народная Республика", "China", "PRC", "из Китая", "в Китае",
           "Кытайдан", "Made in P.R. China", "People's Republic of China", "Қытай Халық Республикасы", "CHN", "Xitoy"],
    "DE": ["Германия", "Germany", "Deutschland", "из Германии", "ФРГ", "DEU"],
    "TR": ["Турция", "Türkiye", "Turkiye", "Turkey", "Түркия", "из Турции", "Түркиядан"],
    "BY": ["Беларусь", "Республика Беларусь", "Belarus", "из Беларуси", "Белоруссия", "Республики Беларусь"],
    "KG": ["Кыргызстан", "Киргизия", "Kyrgyzstan", "Кыргызской Республики", "Қырғызстан", "Қырғызстаннан"],
    "AM": ["Армения", "Armenia", "из Армении", "Республика Армения"],
    "KZ": ["Казахстан", "Қазақстан", "Kazakhstan", "Республики Казахстан", "Қазақстан Республикасы", "Qozog'iston"],
    "UZ": ["Uzbekistan", "Узбекистан", "Өзбекстан", "из Узбекистана", "O'zbekiston", "Oʻzbekiston", "Ўзбекистон"],
    "JP": ["Japan", "Япония", "из Японии", "Жапония"],
    "KR": ["Korea", "Южная Корея", "Республика Корея", "South Korea", "из Кореи", "Оңтүстік Корея"],
    "US": ["USA", "США", "United States of America", "Соединенные Штаты Америки", "из Соединённых Штатов Америки",
           "АҚШ"],
    "IT": ["Italy", "Италия", "из Италии"],
    "FR": ["France", "Франция", "Францией"],
    "PL": ["Poland", "Польша", "из Польши", "Polska"],
    "LT": ["Lithuania", "Литва", "из Литвы"],
    "AE": ["UAE", "ОАЭ", "Объединённые Арабские Эмираты", "United Arab Emirates", "из Объединенных Арабских Эмиратов"],
    "IN": ["India", "Индия", "из Индии", "Үндістан"],
    "IR": ["Iran", "Иран", "из Ирана"],
    "CZ": ["Czech Republic", "Чехия", "Чешская Республика", "Czechia", "из Чехии"],
    "NL": ["Netherlands", "Нидерланды", "из Нидерландов", "Holland", "The Netherlands"],
    "SE": ["Sweden", "Швеция", "из Швеции"],
    "GB": ["UK", "United Kingdom", "Великобритания", "из Великобритании", "Great Britain", "Ұлыбритания"],
    "KP": ["КНДР", "Северная Корея", "North Korea"],
    "AT": ["Австрия", "Austria", "Österreich"],
    "AU": ["Австралия", "Australia"],
}  # fmt: skip


@pytest.mark.parametrize(("code", "form"), [(c, f) for c, forms in FORMS.items() for f in forms])
def test_to_alpha2(code: str, form: str) -> None:
    assert country.to_alpha2(form) == code


def test_ocr_forms() -> None:
    assert country.to_alpha2("Kитай") == "CN"  # Latin K inside a Cyrillic word
    assert country.to_alpha2("ГЕРМAНИЯ") == "DE"  # Latin A
    assert country.to_alpha2("Казахстн") == "KZ"  # a dropped letter, caught by the fuzzy fallback
    assert country.to_alpha2("Страна происхождения: Китай") == "CN"


@pytest.mark.parametrize(
    "value",
    ["", "Марс", "германий", "груз", "KGS", "ABC", "XX", "из России в Казахстан", "12345", "Китайский"],
)
def test_to_alpha2_unknown_or_ambiguous(value: str) -> None:
    assert country.to_alpha2(value) is None


def test_no_alias_is_shared_by_two_countries() -> None:
    seen: dict[str, str] = {}
    for code, entry in COUNTRIES.items():
        for text in {entry.ru, entry.kk, entry.en, *entry.aliases}:
            key = " ".join(country._fold_word(w) for w in country._WORD_RE.findall(text))
            assert seen.setdefault(key, code) == code, f"{text!r} names {seen[key]} and {code}"


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_names_and_codes_round_trip(code: str) -> None:
    entry = COUNTRIES[code]
    assert country.to_alpha2(code) == code
    assert country.to_alpha2(code.lower()) == code
    if entry.alpha3:  # the EU has none
        assert country.to_alpha2(entry.alpha3) == code
    for lang in ("ru", "kk", "en"):
        assert country.to_alpha2(country.name(code, lang)) == code
    for alias in entry.aliases:
        assert country.to_alpha2(alias) == code


def test_name() -> None:
    assert country.name("RU") == "Россия"
    assert country.name("ru", "kk") == "Ресей"
    assert country.name("CN", "en") == "China"
    assert country.name("QQ") == "QQ"


def test_eaeu() -> None:
    assert {"AM", "BY", "KZ", "KG", "RU"} == country.EAEU
    assert all(country.is_eaeu(c) for c in ("AM", "by", "Казахстан", "Кыргызстан", "Ресей"))
    assert not any(country.is_eaeu(c) for c in ("CN", "UZ", "Germany", "", "QQ"))


def test_find_in_text() -> None:
    text = "Страна отправления: Российская Федерация. Товар произведён в Китае (CN), доставка из Германии."
    found = country.find_in_text(text)
    assert [c for c, _, _ in found] == ["RU", "CN", "CN", "DE"]
    assert [text[s:e] for _, s, e in found] == ["Российская Федерация", "Китае", "CN", "Германии"]


def test_find_in_text_kazakh() -> None:
    text = "Тауар Ресейден әкелінді, шыққан елі — Қытай Халық Республикасы"
    assert [(c, text[s:e]) for c, s, e in country.find_in_text(text)] == [
        ("RU", "Ресейден"),
        ("CN", "Қытай Халық Республикасы"),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("34 Страна происхождения СМ 156", ["CN"]),  # `CN` read in Cyrillic with its N as М: Cameroon's letters
    ("16 КВ 410", ["KR"]),  # the R read as В
    ("Вес брутто, кг 410.000", []),  # a unit before a weight is no letter code
    ("СМ 120", []),  # Cameroon's own numeric code: no letter misread, and no code alone
    ("КТ 156", []),  # two letters off the numeric's: no code of it
])
def test_a_letter_code_misread_beside_its_numeric_code(text: str, expected: list[str]) -> None:
    """A customs box prints a country's letter code and numeric code side by side; OCR misreads letters more often
    than digits, so a letter pair one letter off the numeric's code is that country."""
    assert [c for c, _, _ in country.find_in_text(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Груз отправлен грузовиком",  # Грузия
        "MADE IN BY ROAD TO IT",  # English words that are also codes
        "Сумма 1200 CNY, 500 RUB, 300 KZT",  # currencies
        "ARTICLE NO. 123; KGS 12450",  # unit KGS
        "российский рубль, китайский юань",  # adjectives
        "германий, индий",  # elements
        "cn ru de",  # codes count only in capitals
        "RUSSIAN",  # a code inside a word
    ],
)
def test_find_in_text_without_false_hits(text: str) -> None:
    assert country.find_in_text(text) == []


@FAST
@given(noisy_text)
def test_never_raises_on_arbitrary_text(text: str) -> None:
    code = country.to_alpha2(text)
    assert code is None or code in COUNTRIES
    for found, start, end in country.find_in_text(text):
        assert found in COUNTRIES
        assert 0 <= start < end <= len(text)


@FAST
@given(
    st.sampled_from(sorted(COUNTRIES)),
    st.sampled_from(["ru", "kk", "en"]),
    st.sampled_from(["Страна: {}.", "{}", "Made in {}", "из «{}»", "{}, далее"]),
)
def test_find_in_text_finds_every_name(code: str, lang: str, template: str) -> None:
    name = country.name(code, lang)
    text = template.format(name)
    found = country.find_in_text(text)
    assert (code, text.index(name), text.index(name) + len(name)) in found


def test_the_european_union_as_an_origin() -> None:
    """EAEU declarations accept `EU` as the origin when the member state is unknown, and payers' papers write
    `Made in EU`, `ЕС`, `из Европейского союза`: a member state's declared origin agrees with it, no other does,
    and it is outside the EAEU."""
    assert [c for c, _, _ in country.find_in_text("Страна происхождения: ЕС")] == ["EU"]
    assert [c for c, _, _ in country.find_in_text("товар из Европейского союза")] == ["EU"]
    assert [c for c, _, _ in country.find_in_text("Еуропалық одақтан әкелінген")] == ["EU"]
    assert country.find_in_text("EUR 100, ЕСФ 12") == []
    assert country.agrees("DE", "EU") and country.agrees("EU", "PL") and country.agrees("CN", "Китай")
    assert not country.agrees("CN", "EU") and not country.agrees("RU", "EU")
    assert not country.is_eaeu("EU") and country.name("EU", "en") == "European Union"
