"""VIN (Vehicle Identification Number, ISO 3779).

A VIN has 17 characters of ``A-Z`` and ``0-9`` without ``I``, ``O`` and ``Q``.
Position 9 is a check digit only where it is mandatory (North America, WMI
first character 1-5); European and Asian VINs often carry none, so a failed
check digit alone is not proof of a typo and :func:`validate` only enforces it
where it applies.

>>> validate('1m8gdm9a#kp042788')
Traceback (most recent call last):
    ...
extractor.ids.exceptions.InvalidFormat: The VIN contains characters other than A-Z and 0-9.
>>> validate('1M8GDM9AXKP042788', check_digit=True)
'1M8GDM9AXKP042788'
>>> validate('1M8GDM9A1KP042788', check_digit=True)
Traceback (most recent call last):
    ...
extractor.ids.exceptions.InvalidChecksum: The VIN check digit (position 9) is wrong.
>>> calc_check_digit('1M8GDM9A0KP042788')
'X'
>>> is_valid('WVWZZZ1JZXW000001')
True
>>> manufacturer_country('XTA210990Y2765432')
'RU'
>>> repair_homoglyphs('хта21О99ОУ2765432')
'XTA210990Y2765432'
>>> candidates('1M8GDM9AXKP04278B')[0]
'1M8GDM9AXKP042788'
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.ids.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

__all__ = [
    "LENGTH",
    "calc_check_digit",
    "candidates",
    "check_digit_applies",
    "compact",
    "has_valid_check_digit",
    "is_valid",
    "manufacturer_country",
    "names_model_year",
    "numbered_serially",
    "region",
    "repair_homoglyphs",
    "same_under_ocr",
    "validate",
    "with_v_for_u",
]

LENGTH = 17
_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
_VALID_RE = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
_SEPARATORS_RE = re.compile(r"[\s\-_.:/\\]+")

# ISO 3779 transliteration of letters to numbers, and position weights.
_TRANSLIT = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)

# Look-alike characters an OCR engine or a typist produces: Cyrillic letters
# that look Latin, and the three letters a VIN never contains.
_HOMOGLYPHS = str.maketrans(
    {
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "0", "Р": "P",
        "С": "C", "Т": "T", "Х": "X", "У": "Y", "З": "3", "Б": "6", "Ь": "B", "І": "1",
        "а": "A", "в": "B", "е": "E", "к": "K", "м": "M", "н": "H", "о": "0", "р": "P",
        "с": "C", "т": "T", "х": "X", "у": "Y", "і": "1",
        "O": "0", "o": "0", "I": "1", "i": "1", "Q": "0", "q": "0",
    }
)  # fmt: skip

_PAIRS = ("8B", "5S", "2Z", "6G", "0D", "1L")
"""Single-character confusions of OCR engines, repaired anywhere in a reading."""
_WMI_PAIRS = ("1T", "1J", "3S", "XC")
"""Thin letters read as 1 and back, a 3 read as S (`YSM` for MAZ's Y3M) and back, an X that lost its right arm read
as C (`CTC` for KAMAZ's XTC): only in the WMI, where the maker table can tell `J1M` from Toyota's JTM; elsewhere
these are too rare a confusion to try."""


def _both_ways(pairs: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for pair in pairs:
        a, b = pair[0], pair[1]
        out[a] = (*out.get(a, ()), b)
        out[b] = (*out.get(b, ()), a)
    return out


_CONFUSIONS = _both_ways(_PAIRS)
_WMI_CONFUSIONS = _both_ways(_WMI_PAIRS)


def confusable(a: str, b: str) -> bool:
    """Whether OCR engines read the one character for the other anywhere in a VIN (`_PAIRS`: `5` and `S`)."""
    return b in _CONFUSIONS.get(a, ())


_NAMES_COUNTRY_LACKS = {
    "Algeria": "DZ", "Andorra": "AD", "Angola": "AO", "Bolivia": "BO", "Bosnia & Herzogovina": "BA",
    "Botswana": "BW", "Colombia": "CO", "Dom. Republic": "DO", "Ecuador": "EC", "Honduras": "HN",
    "Ivory Coast": "CI", "Kenya": "KE", "Laos": "LA", "Lesotho": "LS", "Libya": "LY", "Macedonia": "MK",
    "Madagascar": "MG", "Mauritius": "MU", "Mozambique": "MZ", "Myanmar": "MM", "Namibia": "NA", "Nigeria": "NG",
    "Panama": "PA", "Peru": "PE", "Puerto Rico": "PR", "San Marino": "SM", "Uruguay": "UY", "Venezuela": "VE",
    "Zambia": "ZM", "Zimbabwe": "ZW",
}  # fmt: skip
"""vininfo's region names that `country.to_alpha2` (the documents' countries) does not know."""


@lru_cache(maxsize=1)
def _regions() -> dict[str, str | None]:
    """vininfo's WMI regions (a VIN's first two characters, as SAE allots them now: `RU`-`RW` and `XD`-`XE` to Russia,
    which ISO 3780's first table had left open or given Bulgaria) as ISO alpha-2."""
    from vininfo.dicts.countries import COUNTRIES as REGIONS

    from extractor.ids.country import to_alpha2

    return {prefix: _NAMES_COUNTRY_LACKS.get(name) or to_alpha2(name) for prefix, name in REGIONS.items()}


# The former-USSR block XS-XW was shared by several republics; known non-Russian WMIs.
_WMI_EXCEPTIONS: dict[str, str] = {"XWB": "UZ"}


def compact(number: str) -> str:
    """Strip spaces and separators and upper-case; does not repair look-alikes."""
    return _SEPARATORS_RE.sub("", number).strip().upper()


def calc_check_digit(number: str) -> str:
    """Compute the ISO 3779 check digit (position 9) of a 17-character VIN.

    The character at position 9 is ignored (weight 0), so any placeholder works.
    """
    number = compact(number)
    if len(number) != LENGTH:
        raise InvalidLength("A VIN has 17 characters.")
    try:
        total = sum(_TRANSLIT[c] * w for c, w in zip(number, _WEIGHTS, strict=True) if w)
    except KeyError as exc:
        raise InvalidFormat("The VIN contains characters other than A-Z and 0-9.") from exc
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def check_digit_applies(number: str) -> bool:
    """Whether position 9 must be a check digit: North American WMIs (first character 1-5)."""
    number = compact(number)
    return bool(number) and number[0] in "12345"


def has_valid_check_digit(number: str) -> bool:
    """Whether position 9 holds the correct check digit (regardless of region)."""
    number = compact(number)
    if not _VALID_RE.match(number):
        return False
    return number[8] == calc_check_digit(number)


def validate(number: str, check_digit: bool = False) -> str:
    """Return the compact VIN or raise a typed :class:`ValidationError`.

    With ``check_digit=True`` the check digit is verified where it is mandatory
    (:func:`check_digit_applies`); elsewhere a mismatch is not an error.
    """
    number = compact(number)
    if len(number) != LENGTH:
        raise InvalidLength("A VIN has 17 characters.")
    if not number.isascii() or not number.isalnum():
        raise InvalidFormat("The VIN contains characters other than A-Z and 0-9.")
    if not _VALID_RE.match(number):
        raise InvalidFormat("A VIN never contains the letters I, O or Q.")
    if check_digit and check_digit_applies(number) and number[8] != calc_check_digit(number):
        raise InvalidChecksum("The VIN check digit (position 9) is wrong.")
    return number


def is_valid(number: str, check_digit: bool = False) -> bool:
    """Whether :func:`validate` accepts the number."""
    try:
        return bool(validate(number, check_digit=check_digit))
    except ValidationError:
        return False


def manufacturer_country(number: str) -> str | None:
    """ISO alpha-2 of the country the WMI (first 2-3 characters) is assigned to, where known.

    Returns None for unassigned or unknown ranges rather than guessing.
    """
    number = compact(repair_homoglyphs(number))
    if len(number) < 2:
        return None
    for prefix in (number[:3], number[:2]):
        if prefix in _WMI_EXCEPTIONS:
            return _WMI_EXCEPTIONS[prefix]
    return _regions().get(number[:2])


_MAKERS_VININFO_LACKS = {
    "XTC": "KAMAZ", "XTH": "GAZ", "XTT": "UAZ", "X4X": "Avtotor", "XUU": "Avtotor", "X9F": "Ford (Russia)",
    "Z6F": "Ford (Russia)", "Z8N": "Nissan (Russia)", "Z94": "Hyundai (Russia)", "Y3M": "MAZ", "LB3": "Geely",
    "LVT": "Chery", "LNB": "BAIC",
}
"""Makers common on Kazakhstan's roads whose WMIs vininfo does not list: without them Geely's `LB3…` loses to
Dodge's `1B3…` whenever a swapped first letter passes a North American check digit."""


def manufacturer(number: str) -> str | None:
    """The maker a WMI (the first three characters) is registered to in vininfo's table, else None."""
    from vininfo.dicts import WMI

    wmi = compact(repair_homoglyphs(number))[:3]
    if wmi in _MAKERS_VININFO_LACKS:
        return _MAKERS_VININFO_LACKS[wmi]
    found = WMI.get(wmi) or WMI.get(wmi[:2])
    if found is None:
        return None
    return found if isinstance(found, str) else str(found.manufacturer)


def region(number: str) -> str | None:
    """Alias of :func:`manufacturer_country`."""
    return manufacturer_country(number)


def repair_homoglyphs(number: str) -> str:
    """Upper-case and map look-alikes: O/Q -> 0, I -> 1 and Cyrillic letters to Latin.

    One character for one (separators stay, offsets stay valid); apply
    :func:`compact` as well to get a VIN out of a spaced token.

    >>> repair_homoglyphs('wvw zzz 1jz xw 00000i')
    'WVW ZZZ 1JZ XW 000001'
    """
    upper = "".join(u if len(u := c.upper()) == 1 else c for c in number)
    return upper.translate(_HOMOGLYPHS)


def check_tier(reading: str) -> int:
    """0: passes a mandatory check digit, 1: no check digit applies, 2: fails it."""
    if not check_digit_applies(reading):
        return 1
    try:
        return 0 if reading[8] == calc_check_digit(reading) else 2
    except ValidationError:  # a letter ISO 3779 forbids (I, O, Q): no reading of it can pass
        return 2


_ECHOES = (("S5", 0), ("5S", 1), ("2Z", 0), ("90", 1), ("WWW", 0))
"""Pairs Tesseract prints for one glyph, and which of the two is the echo: a printed 5 comes out `S5` or `5S`, a
printed Z `2Z`, a printed 9 `9O` (the page pass) or `90` (the re-read, which turns O into 0). Of 2,000 random VINs
rendered (six faces, 7 to 13 pt, 200 to 300 dpi, JPEG) and read, 128 came out one character long with one echo: an
S beside a 5 was the echo 43 times of 44, a 2 before a Z 11 times of 14. A census of 2,500 more (eleven faces,
uniform characters) added the 9's: a 0 after a 9 was the echo 24 times of 25, and 13 of 22 on a fresh 2,500 (most
of the rest also held a second misread). Other pairs were too rare or went either way. A wide W beside another
came out three (`WVWWWM63XERJ915881` on a scanned declaration): no VIN is read 18 long, so one of three is dropped."""


def undoubled(reading: str) -> list[str]:
    """The 17-character readings of an 18-character OCR reading that printed one glyph twice, an echo dropped
    (`X9FCS52NV8RC414269` -> `X9FC52NV8RC414269`); [] for any other length.

    >>> undoubled('TMBZZZ12Z2L0123456')
    ['TMBZZZ1Z2L0123456']
    """
    if len(reading) != 18:
        return []
    out: list[str] = []
    for pair, echo in _ECHOES:
        for m in re.finditer(f"(?={pair})", reading):
            at = m.start() + echo
            dropped = reading[:at] + reading[at + 1 :]
            if dropped not in out:
                out.append(dropped)
    return out


def unruled(reading: str) -> list[str]:
    """The 17-character reading of an 18-character OCR reading whose first glyph is a table's rule read as 1 or L
    (`1XTA97Z6EUNA959887`, `L1FTB6FX08NS718503`): only when the rest opens with a maker's WMI and the whole does
    not, or the whole's North American reading fails the check digit it must pass where the rest's does not
    (`1LGWMYY05BRN155230`); [] otherwise. So is a first glyph `V`, the label's left in a re-read of the run after
    `VIN` (`VWBAEG5D5BNT554917`): no maker's WMI opens with a V and goes on with another's.

    >>> unruled('1XTA97Z6EUNA959887'), unruled('L1FTB6FX08NS718503'), unruled('LSVAB2BE5NN123456')
    (['XTA97Z6EUNA959887'], ['1FTB6FX08NS718503'], [])
    >>> unruled('1LGWMYY05BRN155230')
    ['LGWMYY05BRN155230']
    >>> unruled('VWBAEG5D5BNT554917'), unruled('VF1RFB00X671234567')
    (['WBAEG5D5BNT554917'], [])
    """
    if len(reading) != 18 or reading[0] not in "1LV" or not _maker_known(reading[1:4]):
        return []
    if _maker_known(reading[:3]) and not (check_tier(reading[:17]) == 2 and check_tier(reading[1:]) < 2):
        return []
    return [reading[1:]]


def candidates(token: str) -> list[str]:
    """Plausible readings of an OCR'd 17-character VIN token, most plausible first.

    Readings are the homoglyph-repaired token, those one OCR confusion away from it (8/B, 5/S, 2/Z, 6/G,
    0/D, 1/L; 1/T/J and 3/S in the WMI, towards a maker's WMI only) and, when the token fails a mandatory check digit, readings that pass it with the check
    digit and one other character repaired. They are ranked by:
    keeping the token's maker or region (see below), then passing a mandatory check digit, then no check digit
    applying, then failing it; then, unless the token passes its check digit, a WMI registered to a maker (`W0B`
    read for Mercedes-Benz's `WDB`); then fewer letters in the last four positions (ISO 3779 wants digits there),
    then none in position 13 unless a small maker's code stands there; then fewer repairs; then a WMI assigned to
    a country, a valid model year code in position 10, and the earlier repair. Returns [] when no reading is
    well-formed.
    """
    base = compact(repair_homoglyphs(token))
    if len(base) != 17 or not (base.isascii() and base.isalnum()):
        return []  # punctuation inside (`1000000000000000;`): not a VIN, nor one misread
    readings: dict[str, tuple[int, ...]] = {}
    base_tier = check_tier(base)
    # a maker's WMI or a region read as it stands outranks a check digit that only a new WMI passes: Škoda's
    # `TMB…` made Mercury's `1MB…`, Land Rover's `SAL…` made `5AL…` or Hyundai Russia's `Z94…` made `294…` passes
    # a North American check digit one time in eleven. A maker's WMI where the reading has none (`SYJ` for Tesla's
    # `5YJ`) or a region where it has none is evidence of a misread; a mandatory check digit failing is too.
    wmi_kept = base_tier != 2 and _maker_known(base[:3])
    base_country = manufacturer_country(base)

    def moved_wmi(reading: str, country: str | None) -> int:
        if reading[:3] == base[:3] or base_tier == 2:
            return 0
        if wmi_kept:
            return 1
        return int(reading[0] != base[0] and base_country is not None and not _maker_known(reading[:3])
                   and country != base_country)

    def consider(reading: str, edits: int, position: int) -> None:
        if not _VALID_RE.match(reading) or reading in readings:
            return
        tier = check_tier(reading)
        if edits > 1 and tier != 0:
            return
        letters_in_serial = sum(not c.isdigit() for c in reading[13:])
        # a maker numbers its vehicles in the last six positions (49 CFR 565); only one that makes few, its WMI
        # ending in 9, writes its own code in positions 12 to 14, and position 12 may hold a letter at Ford
        letter_in_number = int(reading[12].isalpha() and reading[2] != "9")
        # a maker's WMI counts only against a reading that no check digit vouches for (`J1M` -> Toyota's JTM)
        unknown_maker = int(base_tier != 0 and not _maker_known(reading[:3]))
        country = manufacturer_country(reading)
        bad_year = int(not names_model_year(reading))
        readings[reading] = (moved_wmi(reading, country), tier, unknown_maker, letters_in_serial, letter_in_number, edits,
                             int(country is None), bad_year, position)

    consider(base, 0, -1)
    swaps = [(i, r) for i, char in enumerate(base) for r in _CONFUSIONS.get(char, ())]
    # the thin-letter swaps are for finding a maker's WMI (`J1M` for Toyota's JTM), never for losing one: JTM made
    # 1TM, nobody's, would pass a North American check digit one time in eleven by chance
    swaps += [(i, r) for i, char in enumerate(base[:3]) for r in _WMI_CONFUSIONS.get(char, ())
              if _maker_known((base[:i] + r + base[i + 1 :])[:3])]
    for i, r in swaps:
        consider(base[:i] + r + base[i + 1 :], 1, i)
    if base_tier != 0 and (check_digit_applies(base) or any(i == 0 and check_digit_applies(r) for i, r in swaps)):
        for k, (i, r) in enumerate(swaps):
            once = base[:i] + r + base[i + 1 :]
            for j, r2 in swaps[k + 1 :]:
                if j != i and 8 in (i, j):  # the check digit itself and one other character misread
                    consider(once[:j] + r2 + once[j + 1 :], 2, i)
    return sorted(readings, key=readings.__getitem__)


@lru_cache(maxsize=4096)
def _maker_known(wmi: str) -> bool:
    return manufacturer(wmi) is not None


_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"
"""Position 10's model-year codes, 1980 (A) to 2009 (9); the cycle starts again at A for 2010."""


def model_years(number: str) -> set[int]:
    """The model years position 10 may name, thirty years apart; none for a character that names no year.

    >>> sorted(model_years('KMHW83D7EMM905495')), sorted(model_years('JNVX2023000012345'))
    ([1991, 2021], [])
    """
    k = _YEAR_CODES.find(number[9]) if len(number) >= 10 else -1
    return {1980 + k, 2010 + k} if k >= 0 else set()


def names_model_year(number: str) -> bool:
    """Position 10 holds a character a model year may be (ISO 3779 gives none of 0, U, Z a year).

    >>> names_model_year('XTAG69M3JN0973868'), names_model_year('JNVX2023000012345')
    (True, False)
    """
    return bool(model_years(number))


def numbered_serially(number: str) -> bool:
    """The last four positions are digits, as ISO 3779 has a maker number its vehicles; a small maker (its WMI
    ending in 9) writes its own code in positions 12 to 14, so only the last three must be.

    >>> [numbered_serially(v) for v in ('XTAG69M3JN0973868', 'SK0H0MMYECKHAC003', 'XL9AA18E1AC91B123')]
    [True, False, True]
    """
    return len(number) >= 4 and number[-3:].isdigit() and (number[-4].isdigit() or number[2:3] == "9")


_LOOKALIKES = {frozenset(pair) for pair in (*_PAIRS, *_WMI_PAIRS, "8E", "6E", "9S", "8S", "0G", "3J", "7T")}
"""Pairs a scan at 150 dpi turns into one another (each seen in the benchmark's misreads: 5/S most of all). The
digit and letter pairs after them are too rare to try as a repair, but no evidence of a different VIN either: a
person who mistypes a VIN swaps a digit for a digit or a letter for a letter, never `9` for `S`."""


def same_under_ocr(a: str, b: str) -> bool:
    """True when two VINs differ only in characters OCR confuses (0/D/G, 1/L/J/T, 2/Z, 5/S, 8/B/E/S, 6/G/E, 9/S, 3/J,
    7/T).

    For comparing a scanned reading with a typed VIN: a scan showing ``RUL0DZJY...`` for ``RU10DZJY...`` is no
    evidence of a typo.

    >>> same_under_ocr('RUL0DZJY2R4306977', 'RU10DZJY2R4306977'), same_under_ocr('RU10DZJY2R4306977', 'RU10DZJY2R4306978')
    (True, False)
    """
    a, b = a.upper(), b.upper()
    return len(a) == len(b) and all(x == y or frozenset((x, y)) in _LOOKALIKES for x, y in zip(a, b, strict=True))


def with_v_for_u(reading: str, raw: str | None) -> list[str]:
    """The reading, and where OCR printed a Cyrillic `У` (repaired to Y) the reading with a V there too: the Russian
    model has no V, and gives a Latin V the nearest shape it knows. For comparing with a typed VIN, as
    `same_under_ocr` is; a Y read as a Latin Y stays a Y.

    >>> with_v_for_u('XTA0C06AYPE230224', 'ХТАОСОбАУРЕ 230224'), with_v_for_u('XTA0C06AYPE230224', None)
    (['XTA0C06AYPE230224', 'XTA0C06AVPE230224'], ['XTA0C06AYPE230224'])
    """
    chars = [ch for ch in raw or "" if ch.isalnum()]
    if len(chars) != len(reading) or not any(ch in "Уу" for ch in chars):
        return [reading]
    return [reading, "".join("V" if ch in "Уу" else r for ch, r in zip(chars, reading, strict=True))]
