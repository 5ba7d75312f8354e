"""Patterns more than one field reader uses: the shapes of codes and figures, and the units a weight is in."""

from __future__ import annotations

import re

_GROUP_SEP = r"(?:[.,] |[ .,-])?"
"""Between a code's groups: a space, a dot, a hyphen (`7010 20-000 0`: a speck read as one between spaced groups), or
OCR's comma for the dot (`3923,30,90.10`, on OCR'd lines only: see read_hs_codes), or a mark with a space OCR set
after it (`3923.40. 90.00`)."""
HS_CODE = (
    rf"(\d{{4}}{_GROUP_SEP}\d{{2}}{_GROUP_SEP}\d{{3}}{_GROUP_SEP}\d|\d{{4}}{_GROUP_SEP}\d{{2}}{_GROUP_SEP}\d{{2}}{_GROUP_SEP}\d{{2}}"
    r"|\d{4}[ .]\d{6}|\d{6}[ .]\d{4}"
    # other hands print the pairs apart (`39 23 10 00 00`); the groups joined with hyphens (`3923-10-000-0`) are
    # the forms above with `_GROUP_SEP`'s hyphen
    r"|\d{2}([ .])\d{2}\2\d{2}\2\d{2}\2\d{2}(?!\2\d\d(?!\d)))(?![\d/]|[.,-]\d)"
)
"""A code's ten digits as printed, in its first group; HS_RE adds that no digit, slash or mark stands before it."""
HS_RE = re.compile(rf"(?<![\d/.,-]){HS_CODE}")
HS_LABEL_RE = re.compile(r"(тн\s*вэд|тнвэд|hs\b|h\.s\.|hs[- ]?code|код\s+товара|tariff|zolltarif|warennummer|customs code|сыныптама|тн\s*сэ[қк]|сэ[қк]\s*тн|(?<![\d.,])33\s)", re.I)
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
VIN_RE = re.compile(r"(?<![A-Z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Z0-9])")
BIN_RE = re.compile(r"(?<!\d)\d{12}(?!\d)")
REG_RE = re.compile(r"(?<!\d)(\d{5}|\d{8})\s?/\s?(\d{6})\s?/\s?(\d(?: ?\d){6})(?!\d)")
"""A declaration's registration number: post / date / serial; OCR splits the serial now and then (`08 18196`)."""
OCR_SPLIT_DECIMAL_RE = re.compile(r"(?<![\d.,])(\d{1,6}(?:[.,] | [.,])\d{1,4})(?![\d])")
NUMBER_RE = re.compile(r"(?<!\d)(?<!\d[.,])(\d{1,3}(?:[ \u00a0'’]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d|[.,]\d)")
"""A figure, grouped in thousands or not; no part of a date (`27.04` of `27.04.2024` under a misread `nw`)."""
TONNE_WORDS = r"т|t|tn|mt|тонн\w*|tonnes?"  # not `тн`: `ТН ВЭД`
KG_WORDS = r"кг|kg|kgs|kgm|килограмм\w*"
UNIT_WORDS = rf"{KG_WORDS}|{TONNE_WORDS}|lbs?|[I1|]bs"
UNIT_RE = re.compile(rf"^\s*({UNIT_WORDS})\b\.?", re.I)
SAYS_UNIT = re.compile(rf"\d\s*(?:{UNIT_WORDS})\.?$", re.I)
"""A figure as read that ends in its unit (`6,5 т`, `1 250 kg`)."""
SAYS_TONNES = re.compile(rf"\d\s*(?:{TONNE_WORDS})\.?$", re.I)
_POUNDS_READ = re.compile(r"^[I1|](?=bs?$)", re.I)
"""OCR's `I`, `1` or `|` for the `l` of a pound (`8,150 Ibs`, a column's `(Ibs)`)."""


def unit_as_printed(unit: str) -> str:
    """A unit as read, spelled as `weight_id.UNITS` has it: OCR's `Ibs` is `lbs`."""
    return _POUNDS_READ.sub("l", unit)


HEADER_UNIT_RE = re.compile(
    r"[(\[]\s*(т|t|tn|mt|тонн\w*|tonnes?|[lI1|]bs?|фунт(?:ов|а)?)\s*[)\]]|,\s*(т|t|mt|[lI1|]bs?)\b|(?<=[^\W\d_])[,.]\s*(\+)(?!\S)(?!\s*[^\W\d_])"
    r"|(?:(?<=нетто)|(?<=брутто))(т)(?![^\W\d_])",
    re.I)
"""A header's unit: in brackets, or after a comma; OCR's `+` for a `т` after the label's comma (`Rec брутто. +` for
`Вес брутто, т` on a soft photo), not one that adds a word (`Net weight, + packaging`); a `т` glued to the label
whose comma and space OCR lost (`Вес неттот`)."""


DECIMAL_FIGURE = re.compile(r"^\d+[.,]\d+$")
ONE_DECIMAL = re.compile(r"\d[.,]\d(?!\d)")
"""A figure's one decimal, as a table of tenths prints it (`4020,8`)."""

_DECIMAL_MARK = re.compile(r"[.,](\d{1,3})(?!\d)")


def decimals_of(figure: str) -> int | None:
    """How many decimals the figure is written with after its (last) mark, OCR's space after it (`5713, 400`) or
    not; None for a figure written without one."""
    marks = _DECIMAL_MARK.findall(figure.replace(" ", ""))
    return len(marks[-1]) if marks else None


def has_mark(figure: str) -> bool:
    """The figure is written with a decimal mark (`decimals_of`)."""
    return decimals_of(figure) is not None


BARE_FIGURE = re.compile(rf"\d{{4,}}(?:\s?(?:{KG_WORDS})\.?)?", re.I)
"""Digits with no mark and no groups, perhaps with their kilograms (`8329 кг` beside `900,3 кг`)."""

