"""Countries: ISO 3166 alpha-2 from codes and names in Russian, Kazakh and English.

Documents name a country in whatever grammatical form the sentence needs
("из Российской Федерации", "Ресейден", "Made in P.R. China"). Names are
matched word by word against :mod:`extractor.ids.country_names`: Russian case
endings are derived from each word's nominative ending, Kazakh suffixes are
allowed after the whole word, Kazakh letters fold to their Russian look-alikes
(so OCR output without Kazakh letters still matches) and stray Latin look-alike
letters inside Cyrillic words are folded to Cyrillic. rapidfuzz is only a last
resort for a whole value that nearly equals a single name.

>>> to_alpha2('из Российской Федерации'), to_alpha2('Ресейден'), to_alpha2('КНР')
('RU', 'RU', 'CN')
>>> to_alpha2('deu'), to_alpha2('Türkiye'), to_alpha2('Кыргызстана'), to_alpha2('Марс')
('DE', 'TR', 'KG', None)
>>> find_in_text('Страна происхождения: Китай, отправления: RU')
[('CN', 22, 27), ('RU', 42, 44)]
>>> is_eaeu('kz'), name('DE', 'kk')
(True, 'Германия')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

import pycountry
from rapidfuzz.distance import Hamming

from extractor.ids.country_names import COUNTRIES, EAEU, EU_MEMBERS
from extractor.ids.homoglyphs import fold_kazakh, to_latin

__all__ = ["EAEU", "EU_MEMBERS", "agrees", "beside_numeric", "find_in_text", "is_eaeu", "name", "to_alpha2"]

_ALPHA3 = {v.alpha3: k for k, v in COUNTRIES.items() if v.alpha3}
_WORD_RE = re.compile(r"[^\W\d_]+")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")

_LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxYyIi", "АаВСсЕеНКМОоРрТХхУуІі")

# Russian case endings, chosen by how the nominative word ends (longest first).
_RU_DECLENSION: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ия", ("ия", "ии", "ию", "ией", "иею", "ие")),
    ("ая", ("ая", "ой", "ую", "ою")),
    ("ое", ("ое", "ого", "ому", "ым", "ом")),
    ("ые", ("ые", "ых", "ым", "ыми")),
    ("ий", ("ий", "ого", "ому", "им", "ом")),
    ("а", ("а", "ы", "и", "е", "у", "ой", "ою")),
    ("я", ("я", "и", "е", "ю", "ей", "ею")),
    ("ы", ("ы", "ов", "ам", "ах", "ами")),
    ("ь", ("ь", "и", "ью", "я", "ю", "е", "ем")),
    ("й", ("й", "я", "ю", "е", "ем")),
)
_RU_CONSONANT_ENDINGS = ("", "а", "у", "е", "ом")
_RU_VOWELS = "аеиоуыэюя"
# Kazakh case suffixes after the whole word (already folded: ғ->г, қ->к, ң->н, і->и).
_KK_SUFFIXES = (
    "дан", "ден", "тан", "тен", "нан", "нен", "га", "ге", "ка", "ке", "на", "не", "а", "е",
    "да", "де", "та", "те", "нда", "нде", "нын", "нин", "дын", "дин", "тын", "тин",
    "ды", "ди", "ты", "ти", "ны", "ни", "н", "мен", "бен", "пен",
    "дагы", "деги", "тагы", "теги", "ндагы", "ндеги",
)  # fmt: skip

# Words dropped before matching a whole value ("страна происхождения: Китай").
_STOP_WORDS = frozenset(
    re.findall(
        r"\S+",
        "из в во от с со до на по и страна страны происхождения отправления назначения производства "
        "производитель made in from of the country origin елі шыккан",
    )
)


def _fold_word(word: str) -> str:
    """Lower-case one word; Latin look-alikes inside Cyrillic words become Cyrillic."""
    if _CYRILLIC_RE.search(word):
        word = word.translate(_LATIN_TO_CYRILLIC)
        return fold_kazakh(word)
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")


def _word_forms(word: str) -> frozenset[str]:
    """All forms of a folded nominative word a document may print."""
    forms = {word}
    if _CYRILLIC_RE.search(word):
        endings: tuple[str, ...] = _RU_CONSONANT_ENDINGS
        stem = word
        if word[-1] in _RU_VOWELS + "ьй":
            stem, endings = word, ("",)
            for ending, case_endings in _RU_DECLENSION:
                if word.endswith(ending):
                    stem, endings = word[: -len(ending)], case_endings
                    break
        if len(stem) >= 3:
            forms.update(stem + e for e in endings)
        forms.update(word + s for s in _KK_SUFFIXES)
    return frozenset(forms)


class _Alias:
    __slots__ = ("code", "forms", "upper_only", "words")

    def __init__(self, code: str, text: str) -> None:
        self.code = code
        self.words = tuple(_fold_word(w) for w in _WORD_RE.findall(text))
        # Abbreviations (РФ, КНР, USA) count in free text only when printed in capitals.
        self.upper_only = len(self.words) == 1 and text.isupper() and len(text) <= 5
        self.forms = tuple(_word_forms(w) if len(w) > 3 else frozenset({w}) for w in self.words)


@functools.cache
def _aliases() -> tuple[dict[str, list[_Alias]], dict[str, str]]:
    """Aliases indexed by the first three letters of their first word, and exact phrases."""
    index: dict[str, list[_Alias]] = defaultdict(list)
    exact: dict[str, str] = {}
    for code, entry in COUNTRIES.items():
        for text in (entry.ru, entry.kk, entry.en, *entry.aliases):
            alias = _Alias(code, text)
            if not alias.words:
                continue
            index[alias.words[0][:3]].append(alias)
            exact.setdefault(" ".join(alias.words), code)
    for aliases in index.values():
        aliases.sort(key=lambda a: -len(a.words))
    return dict(index), exact


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(raw, folded, start, end) for each run of letters."""
    return [(m.group(), _fold_word(m.group()), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def _match_names(tokens: list[tuple[str, str, int, int]]) -> Iterable[tuple[str, int, int]]:
    """(alpha-2, first token, past-last token) for names, longest alias first, no overlaps."""
    index, _ = _aliases()
    i = 0
    while i < len(tokens):
        found = None
        for alias in index.get(tokens[i][1][:3], ()):
            n = len(alias.words)
            window = tokens[i : i + n]
            if len(window) < n:
                continue
            if alias.upper_only and not window[0][0].isupper():
                continue
            if all(tok[1] in forms for tok, forms in zip(window, alias.forms, strict=True)):
                found = (alias.code, i, i + n)
                break
        if found:
            yield found
            i = found[2]
        else:
            i += 1


# Codes that are also common words or units in upper-case text; never taken from free text.
_AMBIGUOUS_CODES = frozenset(
    re.findall(
        r"\S+",
        "IN AT IT NO BE ME IS AS AM BY TO OR ON DO GO SO US MY AN AD PA ST TV ID NE SE CA HK MT TN MA "
        "AND ARE CAN PER MAR BEL FIN NOR TUN OMN",
    )
)
_CODE_RE = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2,3})(?![A-Za-z0-9])")


_NUMERIC_AFTER = re.compile(r"\s*\d{3}(?!\d)")
_NUMERIC_BEFORE = re.compile(r"(?<![\d.,])\d{3}\s*$")


def beside_numeric(text: str, start: int, end: int) -> bool:
    """A three-digit ISO numeric code right after or before the letter code at text[start:end] (`US 840`,
    `840 US`), as customs boxes print it."""
    return bool(_NUMERIC_AFTER.match(text, end) or _NUMERIC_BEFORE.search(text, 0, start))


def find_in_text(text: str) -> list[tuple[str, int, int]]:
    """Countries named in free text: (alpha-2, start, end), in reading order.

    ISO codes count only as whole upper-case tokens and not when they are
    also common words (``IN``, ``BY``, ``AM``...) unless their numeric code
    stands beside them (``US 840``); use :func:`to_alpha2` for a field that
    is known to hold a country.
    """
    tokens = _tokens(text)
    found = [(code, tokens[a][2], tokens[b - 1][3]) for code, a, b in _match_names(tokens)]
    taken = [(s, e) for _, s, e in found]
    for m in _CODE_RE.finditer(text):
        token = m.group(1)
        ambiguous = token in _AMBIGUOUS_CODES and not beside_numeric(text, m.start(), m.end())
        if ambiguous or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        code = token if len(token) == 2 and token in COUNTRIES else _ALPHA3.get(token)
        if code:
            found.append((code, m.start(), m.end()))
    for m in _LETTERS_BESIDE_NUMERIC.finditer(text):
        code = _by_numeric(m.group(2))
        letters = to_latin(m.group(1))
        if code is not None and m.group(1).isupper() and letters.isascii() and Hamming.distance(letters, code) == 1 and \
                not any(s < m.end() and m.start() < e for _, s, e in found):
            found.append((code, m.start(), m.end()))  # `СМ 156`: China's numeric code, its letters misread
    return sorted(found, key=lambda f: f[1])


_LETTERS_BESIDE_NUMERIC = re.compile(r"(?<![^\W\d_])([^\W\d_]{2})\s?(\d{3})(?![\d.,])")
"""A customs box's letter code and numeric code (`CN 156`) as a scan reads them: a letter may be misread, in
Cyrillic look-alikes or not (`СМ 156`, `КВ 410`); the digits, which OCR reads better, say which it is."""


@functools.cache
def _by_numeric(numeric: str) -> str | None:
    """The alpha-2 of an ISO 3166 numeric code, for a country the documents name."""
    entry = pycountry.countries.get(numeric=numeric)
    return entry.alpha_2 if entry is not None and entry.alpha_2 in COUNTRIES else None


def _fuzzy(folded: str) -> str | None:
    """A careful fallback: one name nearly equal to the whole value (typos, OCR slips)."""
    if len(folded) < 6:
        return None
    from rapidfuzz import fuzz, process

    _, exact = _aliases()
    best = process.extract(folded, list(exact), scorer=fuzz.ratio, limit=3, score_cutoff=88)
    codes = {exact[choice] for choice, score, _ in best if score >= best[0][1] - 4} if best else set()
    return codes.pop() if len(codes) == 1 else None


def to_alpha2(value: str) -> str | None:
    """ISO alpha-2 for an ISO alpha-2/alpha-3 code or a country name in any form; None if unknown."""
    if not value:
        return None
    stripped = value.strip().strip(".,;:()[]\"'«»")
    upper = stripped.upper()
    if upper.isascii() and upper.isalpha():
        if len(upper) == 2 and upper in COUNTRIES:
            return upper
        if len(upper) == 3 and upper in _ALPHA3:
            return _ALPHA3[upper]
    tokens = [t for t in _tokens(stripped) if t[1] not in _STOP_WORDS]
    if not tokens:
        return None
    _, exact = _aliases()
    folded = " ".join(t[1] for t in tokens)
    if folded in exact:
        return exact[folded]
    # Case-insensitive here: the whole value is known to be a country.
    lifted = [(t[0].upper(), t[1], t[2], t[3]) for t in tokens]
    codes = {code for code, _, _ in _match_names(lifted)}
    if len(codes) == 1:
        return codes.pop()
    if codes:
        return None
    return _fuzzy(folded)


def is_eaeu(code: str) -> bool:
    """Whether the country (code or name) is an EAEU member: AM, BY, KZ, KG, RU."""
    alpha2 = to_alpha2(code)
    return alpha2 in EAEU


def agrees(declared: str | None, found: str) -> bool:
    """Whether a document's country bears out the declared one: the same country, or `EU` for a member state
    (a declaration's origin `EU` when the member state is unknown)."""
    d, f = to_alpha2(declared or ""), to_alpha2(found)
    return d is not None and (d == f or (f == "EU" and d in EU_MEMBERS) or (d == "EU" and f in EU_MEMBERS))


def name(code: str, lang: str = "ru") -> str:
    """The country's name for messages in ``ru``, ``kk`` or ``en``; the code itself if unknown."""
    alpha2 = to_alpha2(code) or code
    entry = COUNTRIES.get(alpha2)
    if entry is None:
        return code
    if lang == "kk":
        return entry.kk
    if lang == "en":
        return entry.en
    return entry.ru
