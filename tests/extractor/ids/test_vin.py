"""VIN: format, check digit, WMI country, homoglyph repair and OCR candidates."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from extractor.ids import vin
from extractor.ids.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from .strategies import FAST, VIN_CHARS, noisy_text

# Published example VINs whose position 9 is a correct check digit.
NORTH_AMERICAN = ["1M8GDM9AXKP042788", "1HGCM82633A004352"]


@pytest.mark.parametrize("number", NORTH_AMERICAN)
def test_published_north_american_vins_pass_the_check_digit(number: str) -> None:
    assert vin.validate(number, check_digit=True) == number
    assert vin.has_valid_check_digit(number)
    assert vin.check_digit_applies(number)


def test_check_digit_by_hand() -> None:
    # 1M8GDM9A?KP042788: transliterated 1,4,8,7,4,4,9,1,-,2,7,0,4,2,7,8,8 with weights
    # 8,7,6,5,4,3,2,10,0,9,8,7,6,5,4,3,2 sum to 351; 351 mod 11 = 10 -> 'X'.
    assert vin.calc_check_digit("1M8GDM9A0KP042788") == "X"


def test_compact_strips_separators_and_upper_cases() -> None:
    assert vin.compact(" wvw-zzz 1jz.xw000001 ") == "WVWZZZ1JZXW000001"


def test_wrong_length() -> None:
    with pytest.raises(InvalidLength):
        vin.validate("1M8GDM9AXKP04278")
    with pytest.raises(InvalidLength):
        vin.validate("1M8GDM9AXKP0427881")


@pytest.mark.parametrize(
    "number", ["1M8GDM9AXKP04278O", "IM8GDM9AXKP042788", "1M8GDM9AXKQ042788", "1M8GDM9AXKP04278#"]
)
def test_forbidden_characters(number: str) -> None:
    with pytest.raises(InvalidFormat):
        vin.validate(number)
    assert not vin.is_valid(number)


def test_north_american_check_digit_enforced_only_when_asked() -> None:
    wrong = "1M8GDM9A1KP042788"
    assert vin.validate(wrong) == wrong
    with pytest.raises(InvalidChecksum):
        vin.validate(wrong, check_digit=True)
    assert not vin.is_valid(wrong, check_digit=True)


def test_european_vin_without_check_digit_is_valid_even_when_asked() -> None:
    number = "WVWZZZ1JZXW000001"  # position 9 'Z' is no check digit
    assert not vin.check_digit_applies(number)
    assert not vin.has_valid_check_digit(number)
    assert vin.validate(number, check_digit=True) == number


@pytest.mark.parametrize(
    ("wmi", "country"),
    [
        ("JHM", "JP"), ("KMH", "KR"), ("LSV", "CN"), ("WVW", "DE"), ("WBA", "DE"), ("XTA", "RU"),
        ("XW8", "RU"), ("X7L", "RU"), ("Z94", "RU"), ("ZFA", "IT"), ("VF1", "FR"), ("VSS", "ES"),
        ("SAL", "GB"), ("YV1", "SE"), ("YS2", "SE"), ("1HG", "US"), ("4T1", "US"), ("5YJ", "US"),
        ("2HG", "CA"), ("3VW", "MX"), ("XWB", "UZ"), ("Y3M", "BY"), ("TMB", "CZ"), ("SUU", "PL"),
        ("NMT", "TR"), ("VNK", "FR"), ("TMA", "CZ"), ("RU1", "RU"), ("X9F", "RU"),
    ],
)  # fmt: skip
def test_manufacturer_country(wmi: str, country: str) -> None:
    assert vin.manufacturer_country(wmi + "00000000000000") == country
    assert vin.region(wmi + "00000000000000") == country


@pytest.mark.parametrize("number", ["", "Q", "0A000000000000000", "*A000000000000000"])
def test_manufacturer_country_unknown(number: str) -> None:
    assert vin.manufacturer_country(number) is None


def test_repair_homoglyphs_makes_an_ocr_vin_valid() -> None:
    ocr = "ХТА21О99ОУ2765432"  # Cyrillic Х Т А У and letter O for zero
    assert not vin.is_valid(ocr)
    repaired = vin.repair_homoglyphs(ocr)
    assert repaired == "XTA210990Y2765432"
    assert vin.is_valid(repaired)


def test_repair_homoglyphs_keeps_offsets() -> None:
    line = "VIN: хта21о99оу2765432, год 2020"
    assert len(vin.repair_homoglyphs(line)) == len(line)


def test_candidates_put_check_digit_passing_reading_first() -> None:
    # '8' at position 3 read as 'B': only the reading with '8' passes the check digit.
    assert vin.candidates("1MBGDM9AXKP042788")[0] == "1M8GDM9AXKP042788"
    # Position 17 read as 'B'.
    assert vin.candidates("1M8GDM9AXKP04278B")[0] == "1M8GDM9AXKP042788"


def test_candidates_for_european_vin_start_with_the_repaired_reading() -> None:
    result = vin.candidates("wvwzzz1jzxw0000o1")
    assert result[0] == "WVWZZZ1JZXW000001"
    assert "WVWZZZ1JZXW0000D1" in result  # one OCR confusion away (0/D)
    assert all(vin.is_valid(c) for c in result)


def test_candidates_prefer_digits_in_the_serial_part() -> None:
    result = vin.candidates("WVWZZZ1JZXW00S001")
    assert result[0] == "WVWZZZ1JZXW005001"


@pytest.mark.parametrize("token", ["", "WVWZZZ1JZ", "WVWZZZ1JZXW0000011", "###############!!"])
def test_candidates_need_seventeen_characters(token: str) -> None:
    assert vin.candidates(token) == []


@st.composite
def valid_vins(draw: st.DrawFn, north_american: bool | None = None) -> str:
    first = draw(st.sampled_from("12345" if north_american else VIN_CHARS))
    rest = draw(st.text(alphabet=VIN_CHARS, min_size=16, max_size=16))
    number = first + rest
    if north_american or draw(st.booleans()):
        number = number[:8] + vin.calc_check_digit(number) + number[9:]
    return number


@FAST
@given(valid_vins())
def test_generated_vins_round_trip(number: str) -> None:
    assert vin.validate(number) == number
    if vin.has_valid_check_digit(number) or not vin.check_digit_applies(number):
        assert vin.validate(vin.compact(number), check_digit=True) == number
    else:
        with pytest.raises(InvalidChecksum):
            vin.validate(number, check_digit=True)
    spaced = " ".join([number[:3], number[3:9].lower(), number[9:]])
    assert vin.validate(spaced) == number


@FAST
@given(valid_vins(north_american=True))
def test_generated_north_american_vins_pass_the_check_digit(number: str) -> None:
    assert vin.validate(number, check_digit=True) == number
    assert vin.candidates(number)[0] == number


CONFUSABLE = {"8": "B", "5": "S", "2": "Z", "6": "G", "0": "D", "1": "L"}


@FAST
@given(valid_vins(north_american=True), st.data())
def test_single_ocr_confusion_is_repaired(number: str, data: st.DataObject) -> None:
    positions = [i for i, c in enumerate(number) if c in CONFUSABLE and i != 8]
    assume(positions)
    position = data.draw(st.sampled_from(positions))
    misread = number[:position] + CONFUSABLE[number[position]] + number[position + 1 :]
    result = vin.candidates(misread)
    assert number in result
    as_read = vin.manufacturer(misread) is not None or (
        vin.manufacturer_country(misread) is not None and vin.manufacturer(number) is None)
    if position == 0 and as_read:
        return  # another maker's or region's VIN as read, as likely as ours misread: see the test below
    passing = [c for c in result if vin.check_digit_applies(c) and vin.has_valid_check_digit(c)]
    assert result[: len(passing)] == passing


@pytest.mark.parametrize("number", [
    "TMBWP4A6XPS128062",  # Škoda; 1MB… (Mercury) passes the check digit
    "SAL2K0JS1NN881473",  # Land Rover; 5AL… passes it
    "Z94YAZY0SLM879481",  # Hyundai's Russian plant; 294… (Canada) passes it
    "LB3E528VSRG890665",  # Geely, a WMI vininfo lacks; Dodge's 1B3… passes it
    "JN1KJVZHLNU592085",  # Nissan; 1N1… passes it with the year's L read as 1
])
def test_a_vin_read_right_keeps_its_maker_and_region_against_a_chance_check_digit(number: str) -> None:
    """One first letter swapped for a digit makes a North American VIN whose check digit passes one time in
    eleven: no evidence against a WMI that reads as a maker's or a region's."""
    assert vin.candidates(number)[0] == number


def test_a_misread_first_character_is_repaired_towards_a_makers_wmi() -> None:
    assert vin.candidates("SYJ3E1EA5KF123456")[0][:3] == "SYJ", "no maker either way: as read"
    tesla = "5YJ3E1EA" + vin.calc_check_digit("5YJ3E1EA0KF123456") + "KF123456"
    assert vin.candidates("S" + tesla[1:])[0] == tesla, "Tesla's 5YJ, not nobody's SYJ"


@FAST
@given(noisy_text)
def test_parsers_raise_only_typed_errors(text: str) -> None:
    for call in (vin.validate, vin.calc_check_digit, lambda t: vin.validate(t, check_digit=True)):
        with contextlib.suppress(ValidationError):
            call(text)
    assert isinstance(vin.is_valid(text), bool)
    assert isinstance(vin.has_valid_check_digit(text), bool)
    assert all(vin.is_valid(c) for c in vin.candidates(text))
    country = vin.manufacturer_country(text)
    assert country is None or (len(country) == 2 and country.isupper())


@FAST
@given(noisy_text)
def test_compact_is_idempotent(text: str) -> None:
    assert vin.compact(vin.compact(text)) == vin.compact(text)
    assert len(vin.repair_homoglyphs(text)) == len(text)


def test_candidates_repair_two_confusions_when_the_check_digit_then_passes() -> None:
    # a Tesla VIN whose leading 5 and check-digit 5 were both read as S
    assert vin.candidates("SYJU7T3TSMZ687809")[0] == "5YJU7T3T5MZ687809"


def test_candidates_keep_a_reading_that_passes_its_check_digit() -> None:
    assert vin.candidates("5YJU7T3T5MZ687809")[0] == "5YJU7T3T5MZ687809"


def test_manufacturer_comes_from_the_wmi_table() -> None:
    assert vin.manufacturer("WDBXBHFN3MR020448") == "Mercedes-Benz"
    assert vin.manufacturer("W0BXBHFN3MR020448") is None


@pytest.mark.parametrize(("read", "meant"), [
    ("W0BXBHFN3MR020448", "WDBXBHFN3MR020448"),  # D read as 0 in Mercedes-Benz's WMI
    ("J1MYNECJ2M4992775", "JTMYNECJ2M4992775"),  # T read as 1 in Toyota's
    ("YSMJDYW76NL364609", "Y3MJDYW76NL364609"),  # 3 read as S in MAZ's
    ("CTCFGK4Y1RL018201", "XTCFGK4Y1RL018201"),  # X read as C in KAMAZ's
])
def test_candidates_repair_a_wmi_to_a_known_maker(read: str, meant: str) -> None:
    assert vin.candidates(read)[0] == meant


def test_candidates_leave_a_known_makers_vin_alone() -> None:
    assert vin.candidates("XTAUDU705MY526403")[0] == "XTAUDU705MY526403"
    assert vin.candidates("CL9UDU705MY526403")[0] == "CL9UDU705MY526403", "nor turn one maker's C into another's X"


def test_candidates_of_a_token_with_punctuation_inside_are_none() -> None:
    """Found by the property test above: `;` survived into the check-digit sum and raised."""
    assert vin.candidates("1000000000000000;") == []
    assert all(vin.is_valid(c) for c in vin.candidates("1000000000000000Q"))


@pytest.mark.parametrize(("reading", "expected"), [
    ("X9FCS52NV8RC414269", ["X9FC52NV8RC414269"]),
    ("X9FC5S2NV8RC414269", ["X9FC52NV8RC414269"]),
    ("2Z94K241CBLR123456", ["Z94K241CBLR123456"]),
    ("TMBZZZ12Z2L0123456", ["TMBZZZ1Z2L0123456"]),
    ("XKZR90FDJHRE749040", ["XKZR9FDJHRE749040", "XKZR90FDJHRE74940"]),  # a 9 printed `90`; each 90 in turn
    ("WS5ZZ2ZK1234567891", ["W5ZZ2ZK1234567891", "WS5ZZZK1234567891"]),  # two pairs: each dropped in turn
    ("WVWWWM63XERJ915881", ["WVWWM63XERJ915881"]),  # a W beside a W read three times
    ("WVWWM63XERJ9158812", []),  # W twice is two W's
    ("X9FCA52NV8RC414269", []),  # no echo pair: another misread, left alone
    ("X9FCS52NV8RC41426", []),  # 17 characters: nothing to drop
])
def test_undoubled_drops_the_echo_of_a_glyph_printed_twice(reading: str, expected: list[str]) -> None:
    assert vin.undoubled(reading) == expected


def test_candidates_prefer_a_digit_in_position_13_unless_a_small_maker_codes_there() -> None:
    """AvtoVAZ numbers its cars in positions 12 to 17: `XTA97Z6EUNA1S9887` is a 5 read as S. A maker of few
    vehicles (WMI ending in 9) writes its own code in positions 12 to 14, where a letter is no misread."""
    assert vin.candidates("XTA97Z6EUNA1S9887")[0] == "XTA97Z6EUNA159887"
    assert vin.candidates("XL9AB12C3PLAB5123")[0] == "XL9AB12C3PLAB5123"


@pytest.mark.parametrize(("reading", "expected"), [
    ("1XTA97Z6EUNA959887", ["XTA97Z6EUNA959887"]),  # a rule before AvtoVAZ's WMI read as 1
    ("1Y3MB81UK4M9318377", ["Y3MB81UK4M9318377"]),  # before MAZ's
    ("L1FTB6FX08NS718503", ["1FTB6FX08NS718503"]),  # a rule read as L, before Ford's
    ("LSVAB2BE5NN1234567", []),  # LSV is SAIC-Volkswagen's: an L that opens a maker's WMI is no rule
    ("1XKZ8A0PM8PV893416", []),  # 1XK is Kenworth's: the whole may be a VIN with a glyph too many elsewhere
    # 1LG is a maker's too, but its North American reading fails the check digit it must pass; Great Wall's has none
    ("1LGWMYY05BRN155230", ["LGWMYY05BRN155230"]),
    ("1LGWMYY04BRN155230", []),  # its first 17 pass the check digit: the 1 may open a VIN
    ("1ZZZ97Z6EUNA959887", []),  # no maker's WMI after the 1
    ("XTA97Z6EUNA959887", []),  # 17 characters: nothing to drop
])
def test_unruled_drops_a_rule_read_as_1_or_l_before_a_makers_wmi(reading: str, expected: list[str]) -> None:
    assert vin.unruled(reading) == expected


@pytest.mark.parametrize(("code", "years"), [("A", {1980, 2010}), ("H", {1987, 2017}), ("M", {1991, 2021}),
                                              ("Y", {2000, 2030}), ("1", {2001, 2031}), ("9", {2009, 2039})])
def test_model_year_codes_run_in_thirty_year_cycles(code: str, years: set[int]) -> None:
    assert vin.model_years(f"KMHW83D7E{code}M905495") == years


@pytest.mark.parametrize("code", ["0", "I", "O", "Q", "U", "Z"])
def test_characters_that_name_no_model_year(code: str) -> None:
    assert vin.model_years(f"KMHW83D7E{code}M905495") == set()
