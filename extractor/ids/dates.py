"""Dates as documents print them, in Russian, Kazakh, English and German.

Dotted, slashed and dashed numeric dates are day first (``03/04/2024`` is
3 April); a slashed date that has no day-first reading is an American exporter's
month first (``04/25/2024``); ISO ``2024-03-14`` is year first. Two-digit years are 2000-2069 for
00-69 and 1900s otherwise, and any year outside 1990-2100 is rejected. Month
names are matched after folding Kazakh letters to their Russian look-alikes and
stray Latin letters inside Cyrillic words to Cyrillic, so OCR output without
Kazakh letters (``каңтар`` -> ``кантар``, ``шiлде``) still parses. The common
forms are parsed by precompiled expressions; ``dateparser`` is the fallback
for anything else that has a four-digit year.

>>> parse_date('14.03.2024'), parse_date('14/03/24'), parse_date('2024-03-14')
(datetime.date(2024, 3, 14), datetime.date(2024, 3, 14), datetime.date(2024, 3, 14))
>>> parse_date('«14» марта 2024 г.'), parse_date('March 14, 2024'), parse_date('14 наурыз 2024 ж.')
(datetime.date(2024, 3, 14), datetime.date(2024, 3, 14), datetime.date(2024, 3, 14))
>>> parse_date('2024 жылғы 5 қаңтардағы')
datetime.date(2024, 1, 5)
>>> parse_date('31.02.2024')
Traceback (most recent call last):
    ...
extractor.ids.exceptions.InvalidComponent: No such day: 31.02.2024
>>> from_registration_number('55201/150324/0012345')
datetime.date(2024, 3, 15)
>>> find_dates('ДТ от 15.03.2024, инвойс от 1 марта 2024 г.')
[(datetime.date(2024, 3, 15), '15.03.2024', 6, 16), (datetime.date(2024, 3, 1), '1 марта 2024 г.', 28, 43)]
"""

from __future__ import annotations

import re
from datetime import date
from itertools import product

from rapidfuzz.distance import Levenshtein

from extractor.ids.exceptions import InvalidComponent, InvalidFormat, ValidationError
from extractor.ids.homoglyphs import digit_misreadings, script_letters, to_digits

__all__ = [
    "MONTHS", "REGISTRATION_RE", "cut_short", "find_dates", "from_registration_number", "month_first", "parse_date",
    "slashes_month_first",
]

MIN_YEAR, MAX_YEAR = 1990, 2100

# Folded month words (lower case, Kazakh letters folded, diacritics dropped) -> month; Turkish too, as Turkish
# exporters write them (`12 Mart 2024`, `5 Şubat 2024`).
_MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("январь", "января", "янв", "кантар", "january", "jan", "januar", "janner", "ocak"),
    2: ("февраль", "февраля", "фев", "февр", "акпан", "february", "feb", "februar", "subat"),
    3: ("март", "марта", "мар", "наурыз", "march", "mar", "marz", "maerz", "mart"),
    4: ("апрель", "апреля", "апр", "сауир", "сэуир", "april", "apr", "nisan"),
    5: ("май", "мая", "мамыр", "may", "mai", "mayis"),
    6: ("июнь", "июня", "июн", "маусым", "june", "jun", "juni", "haziran"),
    7: ("июль", "июля", "июл", "шилде", "july", "jul", "juli", "temmuz"),
    8: ("август", "августа", "авг", "тамыз", "august", "aug", "agustos"),
    9: ("сентябрь", "сентября", "сен", "сент", "кыркуйек", "september", "sep", "sept", "eylul"),
    10: ("октябрь", "октября", "окт", "казан", "october", "oct", "oktober", "okt", "ekim"),
    11: ("ноябрь", "ноября", "ноя", "нояб", "караша", "november", "nov", "kasim"),
    12: ("декабрь", "декабря", "дек", "желтоксан", "december", "dec", "dezember", "dez", "aralik"),
}
MONTHS: dict[str, int] = {word: month for month, words in _MONTH_WORDS.items() for word in words}
# Full names may carry a Kazakh case suffix ("наурыздағы"); abbreviations may not.
_SUFFIXABLE = sorted((w for w in MONTHS if len(w) >= 5), key=len, reverse=True)

_FOLD = str.maketrans(
    "әғқңөұүһіёäöüéèáàóúñçÄÖÜşğıŞĞİ",
    "агкноууhиеaoueeaaouncaousgisgi".replace("h", "х"),
)
_LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxYyIi", "АаВСсЕеНКМОоРрТХхУуІі")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_WORD_RE = re.compile(r"[^\W\d_]+")


def _fold(text: str) -> str:
    """Fold letters for matching, one character for one (offsets stay valid)."""

    def word(m: re.Match[str]) -> str:
        w = m.group()
        if _CYRILLIC_RE.search(w):
            w = w.translate(_LATIN_TO_CYRILLIC)
        lowered = "".join(low if len(low := c.lower()) == 1 else c for c in w)
        return lowered.translate(_FOLD)

    return _WORD_RE.sub(word, text)


def _month(word: str) -> int | None:
    word = word.rstrip(".")
    if word in MONTHS:
        return MONTHS[word]
    for full in _SUFFIXABLE:
        if word.startswith(full) and len(word) - len(full) <= 5:
            return MONTHS[full]
    return None


_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_MON = rf"(?P<mon>(?:{_MONTH_ALT})[^\W\d_]{{0,5}}\.?)"
_TAIL = r"(?:\s*(?:г\.|г(?![^\W\d_])|года|ж\.|ж(?![^\W\d_])|жыл[^\W\d_]*\.?|year))?"
_OPEN, _CLOSE = r"[«\"“„']?", r"[»\"”']?"

_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # 14.03.2024, 14/03/24, 14-03-2024 (day first; the same separator twice)
        r"(?<![\d.,/-])(?P<d>\d{1,2})\s?(?P<sep>[./-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4}|\d{2})(?![\d])"
        + _TAIL,
        # 14.III.2024, 14 III 2024: a Roman month, as Polish and older Soviet papers write it
        r"(?<![\d.,/-])(?P<d>\d{1,2})\s?(?P<sep>[./ -])\s?(?P<rom>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)\s?(?P=sep)\s?"
        r"(?P<y>\d{4})(?![\d])" + _TAIL,
        # 2024-03-14, 2024.03.14
        r"(?<![\d.,/-])(?P<y>\d{4})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d])",
        # 2024 жылғы «14» наурыз
        rf"(?<!\d)(?P<y>\d{{4}})\s*(?:ж\.|жыл[^\W\d_]*)\s*{_OPEN}(?P<d>\d{{1,2}}){_CLOSE}\s*{_MON}(?![^\W\d_])",
        # «14» марта 2024 г., 14 March 2024, 14. März 2024, 14-Mar-2024, 14th March 2024, 14th of March, 2024
        rf"(?<![\d.])(?:{_OPEN})(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:{_CLOSE})\.?[\s/-]*(?:of\s+)?{_MON}(?![^\W\d_])"
        rf"[\s,./-]*(?P<y>\d{{4}})(?!\d)" + _TAIL,
        # 14-Mar-24, 14 MAR 24: an exporter's system date, the year in two digits after the same separator
        rf"(?<![\d.])(?P<d>\d{{1,2}})(?P<sep>[ -]){_MON}(?![^\W\d_])(?P=sep)(?P<y>\d{{2}})(?![\d]|[.,]\d)",
        # March 14, 2024; Mar 14th 2024
        rf"(?<![^\W\d_]){_MON}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)",
    )
)

_OCR_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 30 сэур 2024: a day, a word and a year, the word perhaps a month name OCR dropped or added a letter in
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\s+(?P<word>[^\W\d_]{3,12})\.?,?\s+(?P<y>\d{4})(?!\d)"),
    # 12,06.2024, 12:06.2024, 27 06.2023: one of the dots read as a comma or colon, or lost (both so read, it is
    # no date but a number or a time)
    re.compile(r"(?<![\d.,/:-])(?=\d{1,2}(?:\.\d{1,2}[,: ]|[,: ]\d{1,2}\.)\d{4})"
               r"(?P<d>\d{1,2})[.,: ](?P<m>\d{1,2})[.,: ](?P<y>\d{4})(?![\d.,:])"),
    # «ll» мая 2023 г.: a quoted day whose digits OCR read as the letters they look like
    re.compile(rf"[«\"“„'](?P<d>[\dIlOoОо|]{{1,2}})[»\"”']\s*{_MON}(?![^\W\d_])[\s,./-]*(?P<y>\d{{4}})(?!\d)" + _TAIL,
               re.IGNORECASE),
    # May 11. 2023: the comma after an English date's day read as a dot or a colon
    re.compile(rf"(?<![^\W\d_]){_MON}\s*(?P<d>\d{{1,2}})[.:;]\s+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE),
)
"""Dates only a scan writes so, tried on OCR'd text after the patterns above."""

_CUT_SHORT = re.compile(r"^\d{1,2}[.,-]\d{1,2}[.,-]\d{1,3}[.,]?$")


def cut_short(token: str) -> bool:
    """A scanned day-first date whose year lost its last digits at a cell's edge or to the page pass's word box
    (`14.03-202`, `09.04.2`).

    >>> cut_short('14.03-202'), cut_short('14.03.2023'), cut_short('12.5')
    (True, False, False)
    """
    return bool(_CUT_SHORT.match(token.strip("|[]()")))


REGISTRATION_RE = re.compile(
    r"(?<![\d/])(?P<post>\d{5,8})\s?/\s?(?P<date>\d{6})\s?/\s?(?P<serial>[A-ZА-Я]?\d{5,7})(?![\d/])"
)


def _year(raw: str) -> int:
    year = int(raw)
    if len(raw) == 2:
        year += 2000 if year <= 69 else 1900
    return year


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _build(m: re.Match[str], raw: str, year_digits: str | None = None, day_digits: str | None = None) -> date:
    """The date a pattern matched (its year's and day's digits as `year_digits` and `day_digits` say, if given), or
    a typed error."""
    groups = {**m.groupdict(), **({"y": year_digits} if year_digits is not None else {}),
              **({"d": day_digits} if day_digits is not None else {})}
    month: int | None
    if groups.get("rom"):
        month = _ROMAN.index(groups["rom"].upper()) + 1
    elif groups.get("mon"):
        month = _month(groups["mon"].lower())
    elif groups.get("word"):
        month = _month_misread(groups["word"])
    else:
        month = int(groups["m"])
    if month is None:
        raise InvalidFormat(f"Unknown month in {raw[:40]!r}")
    if not (digits := to_digits(groups["d"])).isdigit():
        raise InvalidFormat(f"No day in {raw[:40]!r}")
    day = int(digits)
    if groups.get("sep") == "/" and month > 12 >= day and m.start("d") < m.start("m"):
        day, month = month, day  # 08/15/2024: an American exporter's month first, when no other reading exists
    year = _year(groups["y"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidComponent(f"Year {year} outside {MIN_YEAR}-{MAX_YEAR}: {raw[:40]}")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InvalidComponent(f"No such day: {raw[:40]}") from exc


_SLASHED = re.compile(r"(?<![\d./-])(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?(?:\d{4}|\d{2})(?!\d)")


_AMERICAN = re.compile(r"\b(?:USA|U\.S\.A\.|United States(?: of America)?)\b")


def slashes_month_first(text: str, american_hand: bool = True) -> bool:
    """Whether a document writes its slashed dates month first: some slashed date can only be read so
    (`03/15/2024`) and none only day first (`15/03/2024`); with neither, an English paper from the USA, where
    `american_hand` says an American may have written it (a seller's invoice, not a CMR that a carrier in Europe
    or Asia filled in for an American sender).

    >>> slashes_month_first('Invoice date: 03/12/2024  Ship date: 03/15/2024'), slashes_month_first('03/12/2024')
    (True, False)
    >>> text = 'Midwest Auto Export LLC, Chicago, IL, USA  Invoice date: 03/05/2024'
    >>> slashes_month_first(text), slashes_month_first(text, american_hand=False)
    (True, False)
    """
    firsts = [(int(a), int(b)) for a, b in _SLASHED.findall(text)]
    if any(a > 12 >= b for a, b in firsts):
        return False
    if any(b > 12 >= a for a, b in firsts):
        return True
    # no date settles it: an American paper in English writes month first (auction and dealer invoices)
    latin, cyrillic = script_letters(text)
    return american_hand and bool(firsts) and latin > 2 * cyrillic and bool(_AMERICAN.search(text))


def month_first(d: date, raw: str) -> date:
    """A slashed date that could be read either way (`03/12/2024`), read month first as its document writes
    them; any other date as it was read."""
    m = _SLASHED.fullmatch(raw.strip())
    if m is None or int(m.group(1)) > 12 or int(m.group(2)) > 12:
        return d
    return d.replace(month=d.day, day=d.month)


_FALLBACK_RE = re.compile(r"(?<!\d)(19|20|21)\d\d(?!\d)")


def _dateparser_fallback(text: str) -> date:
    if len(text) > 60 or not _FALLBACK_RE.search(text) or not re.search(r"[^\W\d_]", text):
        raise InvalidFormat(f"Not a date: {text[:40]!r}")
    try:
        import dateparser

        parsed = dateparser.parse(
            text,
            languages=["ru", "kk", "en", "de"],
            settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True, "PARSERS": ["absolute-time"]},
        )
    except Exception as exc:  # dateparser raises assorted errors on odd input
        raise InvalidFormat(f"Not a date: {text[:40]!r}") from exc
    if parsed is None:
        raise InvalidFormat(f"Not a date: {text[:40]!r}")
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise InvalidComponent(f"Year {parsed.year} outside {MIN_YEAR}-{MAX_YEAR}")
    return parsed.date()


# A time of day after the date ("14.03.2024 10:35", "2024-03-14T10:35:00Z") is ignored.
_TIME_TAIL_RE = re.compile(
    r"(?:[ ,T]+|\s+в\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?\s*$"
)


def parse_date(s: str) -> date:
    """Parse one date (the whole string, a trailing time of day allowed) or raise
    InvalidFormat / InvalidComponent."""
    text = _TIME_TAIL_RE.sub("", s.strip()).strip().rstrip(",;")
    folded = _fold(text)
    for pattern in _PATTERNS:
        m = pattern.fullmatch(folded)
        if m:
            return _build(m, text)
    return _dateparser_fallback(text)


def find_dates(text: str, ocr: bool = False) -> list[tuple[date, str, int, int]]:
    """Dates in free text: (date, raw text, start, end), in reading order, without overlaps.

    With `ocr`, an all-digit date that is no date (`69.05.2024`, `12.03.2624`, `2623-03-21`) is read as the one
    date a single look-alike digit away (`09.05.2024`), when exactly one is."""
    folded = _fold(text)
    found: list[tuple[date, str, int, int]] = []
    for pattern in _PATTERNS + _OCR_PATTERNS if ocr else _PATTERNS:
        for m in pattern.finditer(folded):
            start, end = m.span()
            if any(s < end and start < e for _, _, s, e in found):
                continue
            try:
                found.append((_build(m, text[start:end]), text[start:end], start, end))
            except ValidationError:
                repaired = None if not ocr else _ocr_repair(m) if "m" in pattern.groupindex \
                    else _words_repair(m, text[start:end])
                if repaired is not None:
                    found.append((repaired, text[start:end], start, end))
    return sorted(found, key=lambda f: f[2])


def _month_misread(word: str) -> int | None:
    """The one month whose full name (five letters or more) `word` is with a letter dropped, added or changed."""
    months = {MONTHS[full] for full in _SUFFIXABLE if Levenshtein.distance(word, full, score_cutoff=1) <= 1}
    return months.pop() if len(months) == 1 else None


def _ocr_repair(m: re.Match[str]) -> date | None:
    """The one valid date a day-month-year match becomes with one digit read as its look-alike, or, where no one
    digit makes a date, two in its day and month (`96.65.2024` for 06.05.2024: neither a day nor a month), its year
    as read: two slips in a year make any year of the century (`26.89.2827` is no 2027)."""
    d, mo = len(m.group("d")), len(m.group("m"))
    for edits in (1, 2):
        out: set[date] = set()
        for s in digit_misreadings(m.group("d") + m.group("m") + m.group("y"), edits):
            year = _year(s[d + mo :])
            if edits == 2 and s[d + mo :] != m.group("y"):
                continue
            try:
                if MIN_YEAR <= year <= MAX_YEAR:
                    out.add(date(year, int(s[d : d + mo]), int(s[:d])))
            except ValueError:
                continue
        if out:
            return out.pop() if len(out) == 1 else None
    return None


def _words_repair(m: re.Match[str], raw: str) -> date | None:
    """A date with its month in words whose year is none (`7 июня 2624 г.`), or whose day and year are none
    (`«68» января 2923 г.`), read with one look-alike digit in each that fails (2024; 08 and 2023), when exactly one
    date results. A day and a year in range that fail are a month's length that fails: nothing to mend."""
    day, year = to_digits(m.group("d")), m.group("y")
    if not day.isdigit():
        return None
    days = [day] if 1 <= int(day) <= 31 else [d for d in digit_misreadings(day, 1) if 1 <= int(d) <= 31]
    years = [year] if MIN_YEAR <= _year(year) <= MAX_YEAR else \
        [y for y in digit_misreadings(year, 1) if MIN_YEAR <= _year(y) <= MAX_YEAR]
    if days == [day] and years == [year]:
        return None
    out: set[date] = set()
    for d, y in product(days, years):
        try:
            out.add(_build(m, raw, y, d))
        except ValidationError:
            continue
    return out.pop() if len(out) == 1 else None


def from_registration_number(reg: str) -> date | None:
    """The registration date inside a customs declaration number ``CCCCC/DDMMYY/NNNNNNN``."""
    m = REGISTRATION_RE.search(reg or "")
    if not m:
        return None
    digits = m.group("date")
    try:
        return date(_year(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        return None


def repair_registration_number(reg: str) -> str | None:
    """A scanned declaration number whose date part is no date (`55205/268824/0012345`), with the one look-alike
    digit that makes it one (`260824`); None when it is a date already, or when no single repair fits."""
    m = REGISTRATION_RE.search(reg or "")
    if not m or from_registration_number(reg) is not None:
        return None
    readings = {reg[: m.start("date")] + s + reg[m.end("date") :] for s in digit_misreadings(m.group("date"))}
    found = [r for r in readings if (d := from_registration_number(r)) is not None and MIN_YEAR <= d.year <= MAX_YEAR]
    return found[0] if len(found) == 1 else None
