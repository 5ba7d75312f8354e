"""Figures as the weight readers take them: numbers in every grouping and decimal convention, with their units, money
and box numbers set aside, and the figures a surer re-read of the page put right."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from extractor.ids import weight as weight_id
from extractor.ids.homoglyphs import script_letters, to_digits
from extractor.models import Word, same_box, union
from extractor.readers.cells import BOX_NUMBER, is_cell, spread, words_apart
from extractor.readers.layout import RULE_MARKS, Line, right_of, segments
from extractor.readers.patterns import (
    DECIMAL_FIGURE,
    KG_WORDS,
    NUMBER_RE,
    OCR_SPLIT_DECIMAL_RE,
    UNIT_RE,
    has_mark,
    unit_as_printed,
)
from extractor.readers.rereads import mended_lines, rereads_by_page
from extractor.readers.vocabulary import Label, find_labels

MOST_KG = 10_000_000.0
"""Ten thousand tonnes: more than a train or a barge carries, so more than any paper of a filing weighs; a figure
beyond it beside a weight label is a number the label was misread beside."""
PAIR_SLACK_KG = 1.0
"""How far a net may read above its gross and still be the same figure: goods sent bare weigh the same both ways,
and a scan's decimals are the digits OCR misreads most (`3520. 960` under box 35's `3520.000`)."""


def plausible(gross: float, net: float) -> bool:
    """A gross and a net that can be one load's: the net at least half the gross, and not above it."""
    return 0.5 * gross <= net <= gross + PAIR_SLACK_KG


def pairs_with(kg: float, role: str | None, other: float) -> bool:
    """`kg`, a weight in `role` (gross or net), makes a load's pair with `other`, the other weight (`plausible`)."""
    return plausible(kg, other) if role == "gross" else plausible(other, kg)


SUM_OF_LINES = "sum of lines"
PER_UNIT_RE = re.compile(
    r"[\s.:]*(?:[(,]?\s*(?:kgs?|кг)\s*\)?\s*)?(?:/|\bper\b|\bpro\b|\bje\b|\beach\b|\bза\b|\bна\b)\s*(?:1\s*)?"
    r"(?:ctns?|cartons?|pcs?|pieces?|units?|box(?:es)?|bags?|pallets?|plts?|pkgs?|packages?|stück|karton|колл?о|"
    r"ед\b|единиц|шт\b|мест|коробк|упаковк|паллет|мешок|орын|дана)",
    re.I,
)
"""After a gross or net label, a weight per carton or piece (`N.W./ctn`, `G.W. per carton`, `брутто за 1 место`):
a figure of the line, not of the shipment, which neither totals nor sums to it."""
MAX_COLUMN_GAP = 6.0
"""Line heights of vertical space after the last value that end a column: the table is over."""
_AMBIGUOUS = re.compile(r"^\d{1,3}([.,])\d{3}$")
_ONE_MARK_MISREAD = re.compile(r"(?P<whole>\d{1,3}(?:(?P<mark>[.,])\d{3})+)(?P=mark)(?P<fraction>\d{1,2})")
"""`1.993.10` on a scan: OCR made one mark of `1,993.10` look like the other; the last one is the decimal mark,
as no grouping ends in two digits."""
_BOX_START = re.compile(r"^\s*(?:0(?=[а-яё]))?[A-Za-zА-Яа-яЁё]{3,}")
"""The next box's title after its number: OCR reads its capital О as a zero (`12 0бъем`)."""


def next_box(text: str) -> int:
    """Where the next box's title starts: a box number before words (`12 Объем`, OCR's `120бъем`), not a unit."""
    for m in BOX_NUMBER.finditer(text):
        if not UNIT_RE.match(text[m.end():]):
            return m.start()
    return len(text)


def _box_number(number: str, after: str) -> bool:
    """One or two digits before words: the next box's number and its title (`12 Umfang in m3`), not a weight."""
    return bool(re.fullmatch(r"\d{1,2}", number)) and bool(_BOX_START.match(after))


def box_number_cell(cell: Line, segs: list[Line]) -> bool:
    """A cell that is the next box's number, split from its title in the cell after it (`Bruttogewicht kg | 13 |
    Umfang in m3`, the title garbled `metry`), not a key-value form's figure."""
    after = right_of(cell, segs)
    return after is not None and _box_number(cell.text.strip(), after.text)


def box_start(text: str, at: int) -> int:
    """Where the box holding `text[at]` starts: the last box number (`11 Gross weight`) at or before it."""
    starts = [m.start() for m in BOX_NUMBER.finditer(text) if m.start() <= at and not UNIT_RE.match(text[m.end():])]
    return starts[-1] if starts else 0


def _cell_numbers(line: Line, text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """(start, figure) of the numbers in a space-grouped figure of `text` (the line's text as `figures_in` reads it)
    that spreads over cells: the words set close together make one number (`2 072`), the whole run when it is
    grouped as a number is, else each word on its own. A speck after the figure reads as a last mark (`360.400.`):
    the number is the text without it."""
    spans = [(a, a + len(text[a:b].rstrip(".,"))) for a, b in line.spans]
    cells = [(w, a, b) for w, (a, b) in zip(line.words, spans, strict=True) if a >= start and b <= end]
    runs: list[list[tuple[Word, int, int]]] = []
    for w, a, b in cells:
        if runs and not words_apart(line, runs[-1][-1][0], w, runs[-1][-1][0].bbox[3] - runs[-1][-1][0].bbox[1]):
            runs[-1].append((w, a, b))
        else:
            runs.append([(w, a, b)])
    for run in runs:
        whole = text[run[0][1] : run[-1][2]]
        if len(run) > 1 and NUMBER_RE.fullmatch(whole):
            yield run[0][1], whole
            continue
        for _, a, b in run:
            if text[a:b].replace(",", "").replace(".", "").isdigit():
                yield a, text[a:b]


def decimal_convention(text: str) -> dict[str, str]:
    """How this document writes numbers, for the ambiguous `453,445` and `493.000`: 'decimal' or 'thousands'.

    Evidence from the document's other numbers wins (`12,450.50`, `25 608 617,40`, `1150.000`, `12,5`); without
    any, Cyrillic documents (customs forms print weights to three decimals) read both marks as decimals, Latin
    ones read the comma as thousands and the dot as decimal.
    """
    votes: dict[str, Counter[str]] = {".": Counter(), ",": Counter()}
    for m in re.finditer(r"(?<![\d.,])\d{1,3}(?:([.,])\d{3})+([.,])\d+", text):
        if m.group(1) != m.group(2):
            votes[m.group(1)]["thousands"] += 1
            votes[m.group(2)]["decimal"] += 1
    for m in re.finditer(r"(?<![\d.,])\d{1,3}(?:([.,])\d{3}){2,}(?![\d.,])", text):
        votes[m.group(1)]["thousands"] += 1
    for m in re.finditer(r"\d \d{3}([.,])\d|(?<![\d.,])\d{4,}([.,])\d{1,3}(?![\d.,])|(?<![\d.,])\d+([.,])\d{1,2}(?![\d.,])", text):
        votes[m.group(1) or m.group(2) or m.group(3)]["decimal"] += 1
    latin, cyr = script_letters(text)
    cyrillic = cyr > latin
    continental = not cyrillic and bool(_CONTINENTAL.search(text))
    out: dict[str, str] = {}
    dot, comma = votes["."], votes[","]
    if not cyrillic and dot["decimal"] > dot["thousands"] and comma["decimal"] > comma["thousands"] and \
            dot["decimal"] != comma["decimal"]:
        # a Latin paper has one decimal mark; the other's few `d.d` are names (`Tiguan 2.0 TDI`, `1.5L`). Customs
        # forms print weights with a dot and sums with a comma (`270.000`, `150 402,84`): both are decimals there
        decimal = "." if dot["decimal"] > comma["decimal"] else ","
        return {decimal: "decimal", ("," if decimal == "." else "."): "thousands"}
    for sep, v in votes.items():
        if v["decimal"] != v["thousands"]:
            out[sep] = "decimal" if v["decimal"] > v["thousands"] else "thousands"
        elif continental:
            out[sep] = "decimal" if sep == "," else "thousands"
        else:
            out[sep] = "decimal" if cyrillic or sep == "." else "thousands"
    return out


_CONTINENTAL = re.compile(
    r"[äöüÄÖÜßğşĞŞ]|(?i:\b(?:gewicht|rechnung|gesamt|menge|anzahl|bezeichnung|lieferschein|ursprungsland|fatura|"
    r"toplam|ağırlık|peso|factura|fattura|totale|poids|facture|waga|faktura|brutto|netto)\b)"
)
"""Words of languages that group thousands with a dot and mark decimals with a comma (German, Turkish, Spanish,
Italian, French, Polish): with no number to say otherwise, `Gewicht netto 11.980 kg` is eleven tonnes."""


def _decimal_for(number: str, convention: dict[str, str] | None) -> str | None:
    """The decimal mark to read an ambiguous `874.700` with, by the document's convention; None otherwise."""
    amb = _AMBIGUOUS.match(number)
    if not amb:
        return None
    sep = amb.group(1)
    if number.startswith("0"):
        return sep  # `0,449 т`: no grouping of thousands opens with a nought
    if not convention:
        return None
    return sep if convention.get(sep) == "decimal" else ("," if sep == "." else ".")


_OCR_GROUP_MARK = re.compile(r"(?<=\d)[:°º](?=\d{3}(?!\d))")
_OCR_DECIMAL_MARK = re.compile(r"(?<=\d{3});(?=\d{1,2}(?!\d))")


_LOOKALIKE_FIGURE = re.compile(r"(?<![^\W\d_])[\dзЗоОі]{1,6}[.,]\d{3}(?![^\W\d_]|\d)")
"""A whole token of digits and a mark with three decimals, some of the digits read as the Cyrillic letters of
their shape (`3з18,800`, `ззі8.800` for 3318,800 on a Kazakh packing list) that `to_digits` turns back."""


def _ocr_marks(text: str) -> str:
    """A scanned figure's marks and digits as printed, the text's length kept: OCR reads a thousands space as a
    colon or, a speck in it, a degree sign (`12°239,8`), and a decimal comma as a semicolon (`11:312;5<кг` for
    `11 312,5 кг`; a time has two digits after its colon), and a digit as a Cyrillic letter of its shape inside a
    figure whose mark and decimals it read (`_LOOKALIKE_FIGURE`)."""
    text = _OCR_DECIMAL_MARK.sub(",", _OCR_GROUP_MARK.sub(" ", text))
    return _LOOKALIKE_FIGURE.sub(lambda m: to_digits(m.group()) if sum(c.isdigit() for c in m.group()) >= 4
                                 else m.group(), text)


_CODE_PREFIX = re.compile(r"[^\W\d_][-/]$")
"""Letters and a hyphen or slash glued before digits: a document's number (`INV-2023/8667`), not a figure."""
_AFTER_NUMBER_SIGN = re.compile(r"(?:№|#|N°|(?<![^\W\d_])(?:No|Nr)\.?)\s?$", re.I)
"""A number sign just before digits: what follows numbers a thing (`Товар № 2`, `Invoice No. 2297`), it weighs
nothing."""


_LOST_GROUP_MARK = re.compile(r"(?<![\d.,])(?P<whole>\d{1,3}(?: \d{3})* \d{3})(?P<fraction>\d{1,2})(?![\d.,])")
"""A figure in groups whose last group has a digit or two too many (`1 9812`): a scan's decimal comma lost before
them (`1 981,2`), as no grouping of thousands ends in four digits."""


def figures_in(seg: Line, start: int = 0, convention: dict[str, str] | None = None) -> list[tuple[float, int, int, bool]]:
    """(kg, start, end, has_unit) for numbers in `seg.text[start:]`; box numbers that open a label are skipped."""
    out = []
    text = _ocr_marks(seg.text) if seg.ocr else seg.text
    if seg.ocr:
        # OCR sets a space after the mark in "1973, 100", or before it in "2060 .500": one number, when the two
        # parts touch
        for m in OCR_SPLIT_DECIMAL_RE.finditer(text, start):
            if spread(seg, m.start(1), m.end(1)):
                continue
            figure = m.group(1).replace(" ", "")
            try:
                kg = weight_id.parse_weight(figure, decimal=_decimal_for(figure, convention))
            except ValueError:
                continue
            out.append((kg, m.start(1), m.end(1), False))
        for m in _LOST_GROUP_MARK.finditer(text, start):
            if spread(seg, m.start(), m.end()) or any(a < m.end() and m.start() < b for _, a, b, _ in out):
                continue
            out.append((weight_id.parse_number(f"{m['whole']},{m['fraction']}"), m.start(), m.end(), False))
    joined = [(a, b) for _, a, b, _ in out]
    for m in NUMBER_RE.finditer(text, start):
        if any(a <= m.start(1) < b for a, b in joined):
            continue
        if " " in m.group(1) and spread(seg, m.start(1), m.end(1)):
            # "1 184" across two table columns: two numbers, not one thousand one hundred; but `3440 3 126 912
            # 150,40` is 3 126 in one cell and 912 150,40 in the next, each grouped within its cell
            for a, figure in _cell_numbers(seg, text, m.start(1), m.end(1)):
                try:
                    kg = weight_id.parse_weight(figure, decimal=_decimal_for(figure, convention))
                except ValueError:
                    continue
                out.append((kg, a, a + len(figure), False))
            continue
        unit = UNIT_RE.match(text[m.end():])
        glued_before = (m.start(1) > 0 and text[m.start(1) - 1].isalpha()) or _CODE_PREFIX.search(text, 0, m.start(1)) \
            or _AFTER_NUMBER_SIGN.search(text, 0, m.start(1))
        glued_after = m.end(1) < len(text) and text[m.end(1)].isalpha() and not unit
        if glued_before or glued_after:
            continue  # "м3", "12Объем", "A428732", "NV-20238667": part of a word or a code
        if not unit and (_MONEY_AFTER.match(text, m.end(1)) or _MONEY_BEFORE.search(text[:m.start(1)])):
            continue  # "Gesamtbetrag netto: 70.400,00 EUR": a price net of tax
        if not unit and ((_HOURS.fullmatch(m.group(1)) and _CLOCK_AFTER.match(text, m.end(1))) or
                         _CLOCK_BEFORE.search(text, 0, m.start(1))):
            continue  # `23:53`: a time of day, its hours or its minutes, no weight (`7,499:00` is a weight)
        if not unit and _box_number(m.group(1), text[m.end():]):
            continue  # "12 Umfang in m3": the number of the next box, not a weight
        number, decimal = m.group(1), _decimal_for(m.group(1), convention)
        if seg.ocr and _LEADING_ZERO.match(number):
            continue  # `TOTAL NW. $0749` for `539,7`: no weight is printed with a zero before its whole kilograms
        misread = _ONE_MARK_MISREAD.fullmatch(number) if seg.ocr else None
        if misread:
            number, decimal = misread["whole"].replace(misread["mark"], "") + "." + misread["fraction"], "."
        try:
            kg = weight_id.parse_weight(number + (" " + unit_as_printed(unit.group(1)) if unit else ""), decimal=decimal)
        except ValueError:
            continue
        out.append((kg, m.start(1), m.end(1) + (unit.end() if unit else 0), unit is not None))
    return sorted(out, key=lambda n: n[1])


_LEADING_ZERO = re.compile(r"0\d")
_CLOCK_AFTER = re.compile(r":[0-5]\d(?!\d)")
_CLOCK_BEFORE = re.compile(r"(?<!\d)[0-2]?\d:$")
_HOURS = re.compile(r"[01]?\d|2[0-3]")


CURRENCY = r"(?<![^\W\d_])(?:EUR|USD|RUB|KZT|CNY|RMB|GBP|JPY|TRY|BYN|UZS|CHF|руб\w*|тенге|теңге|€|₸|¥|₽)(?![^\W\d_])"
"""A currency as a whole word (`eur` inside `Europe` is none)."""
_MONEY_AFTER = re.compile(rf"\s?{CURRENCY}")
_MONEY_BEFORE = re.compile(rf"{CURRENCY}\.?\s?$")
MONEY_FIGURE = re.compile(rf"{CURRENCY}\.?\s?\d|\d\s?{CURRENCY}")
"""A sum of money beside its currency is no weight, whatever label is near (`Gesamtbetrag netto`, `Total net`);
not `KGS`, which is both kilograms and Kyrgyz som, nor `$`, which OCR makes of a 5 or an 8 (`4862 $527`)."""


def cell_segments(lines: list[Line]) -> list[Line]:
    segs: list[Line] = []
    for ln in lines:
        if ln.reread:
            continue
        if ln.words and is_cell(ln.words[0]):
            segs.extend(Line.of(ln.page, [w]) for w in ln.words)  # spreadsheet: every cell its own segment
        else:
            segs.extend(segments(ln))
    return segs


def relabelled(lines: list[Line], segs: list[Line], conv: dict[str, str], dt: str | None) -> list[Line]:
    """Re-read lines that carry a gross or net label with its figure where the page pass read no such label: the
    mixed-script pass read a photo's `TOTAL G.W.: 5,200.00 kg` as `TOTAL © № 5,200.00 kg`."""
    def gross_or_net(text: str) -> list[tuple[Label, int, int]]:
        return [h for h in find_labels(text, "weight", dt) if h[0].role in ("gross", "net")]

    rereads = [ln for ln in lines if ln.reread]
    labelled = [seg for seg in segs if gross_or_net(seg.text)] if rereads else []
    out: list[Line] = []
    for ln in rereads:
        labels = gross_or_net(ln.text)
        if labels and any(n[0] > 0 and _says_weight(ln.text, n) for n in figures_in(ln, labels[0][2], conv)) and \
                not any(seg.page == ln.page and same_box(seg.bbox, ln.bbox) for seg in labelled):
            out.append(ln)
    return out


def _says_weight(text: str, figure: tuple[float, int, int, bool]) -> bool:
    """A re-read figure written as a weight is, with decimals or its unit: a label the re-read alone sees beside a
    bare whole number may be a misread sign (`СЧЕТ-ФАКТУРА № 1900` read `CUET-SAKTYPA NW 1900`)."""
    return figure[3] or has_mark(text[figure[1] : figure[2]])


_FIGURE = re.compile(r"\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d{1,3})?|\d+[.,]\d{1,3}|\d{2,6}")
"""A weight's figure, not a code's: grouped, with decimals, or up to six whole digits (`785`)."""
FIGURE_SURE = 0.8
FIGURE_SPAN = 0.5
"""How much of a re-read figure's width the page pass's words in its box must span to be its reading: a speck
inside it (`2`, 2 px wide, on the line above `96 158,93`) is another line's, which the figure must not join."""
FIGURE_GAIN = 0.1  # over the least sure word it replaces: both passes misread digits, the re-read not less often


def figures_reread(lines: list[Line]) -> list[Line]:
    """The page-pass lines with the decimal marks the re-reads saw restored (see `_marks_restored`) and each
    figure that the Latin-and-digits re-read read whole and surely put in place of the page pass's reading of it
    (see `_figures_replaced`)."""
    lines = mended_lines(lines, rereads_by_page(lines, lambda w: w.confidence >= SIGN_SURE), _signs_read)
    lines = mended_lines(lines, rereads_by_page(lines, lambda w: w.confidence >= MARK_SURE or _mark_needed(w)),
                         _marks_restored)
    figures = rereads_by_page(lines, lambda w: w.confidence >= FIGURE_SURE and bool(_FIGURE.fullmatch(_kg_off(w.text))))
    return mended_lines(lines, figures, _figures_replaced)


_TRAILING_KG = re.compile(rf"\s+(?:{KG_WORDS})\.?$", re.I)


def _kg_off(text: str) -> str:
    """A re-read figure without the kilograms after it (`2 377,2 кг`): the figure is what replaces the page pass's
    reading, and kilograms are what a figure without a unit is read in."""
    return _TRAILING_KG.sub("", text)


def _figures_replaced(words: list[Word], figures: list[Word]) -> list[Word]:
    """`words` with each figure re-read in place of the page pass's reading of it: the mixed-script pass turns a
    weight's `0` into `8` (`16700, 080` for `16700,000`), garbles it past reading (`РА, 7` for `21 147,7`, or
    `2 OWN PAILA Se` for `2 377,2 кг`), drops digits it is unsure of (`255` for `5 255,7`), or splits it in two at a
    speck (`36 02.900`). A re-read that took in anything but the figure (a unit, a code beside it) changes nothing,
    except where it took in the figure's kilograms and the page pass read no figure at all: there is no reading of
    the figure to weigh it against."""
    for read in figures:
        fig = read.model_copy(update={"text": _kg_off(read.text)})
        hit = [w for w in words if same_box(w.bbox, fig.bbox)]
        if hit and _reads_better(fig, hit, unit_taken=fig.text != read.text):
            words = [w for w in words if w not in hit] + [fig.model_copy(update={"line_id": hit[0].line_id})]
    return words


def _reads_better(fig: Word, hit: list[Word], unit_taken: bool = False) -> bool:
    """The re-read `fig` is a better reading of the figure than the page-pass words `hit` in its box; a re-read
    that took in the figure's unit (`unit_taken`) only where the page pass read no figure."""
    span = union([w.bbox for w in hit])
    doubt = min(w.confidence for w in hit)
    read = "".join(w.text for w in hit)
    if not same_box(span, fig.bbox) or span[2] - span[0] < FIGURE_SPAN * (fig.bbox[2] - fig.bbox[0]) or \
            fig.confidence < doubt + FIGURE_GAIN:
        return False
    if unit_taken:
        return _no_figure(" ".join(w.text for w in hit))
    # `36 02.900` split at a speck, which reads as two figures: the re-read's `3602.900` is the same digits, whole
    split = len(hit) > 1 and read == fig.text.replace(" ", "")
    return split or _digits_misread(read, fig.text.replace(" ", "")) or _no_figure(" ".join(w.text for w in hit)) or \
        (doubt < DROPPED_DOUBT and _digits_dropped(read, fig.text))


_DIGIT_SIGNS = "$§"
"""Signs the mixed-script pass reads a digit as (`$566.2` for `5566,2`)."""


SIGN_SURE = 0.5
"""How sure a re-read must be to give its digits to the signs a page pass read in their place (`_signs_read`):
every other digit of the figure must agree as well."""
_SIGNED_FIGURE = re.compile(rf"[\d{_DIGIT_SIGNS}]+(?:[.,]\d+)?")


def _signs_read(words: list[Word], rereads: list[Word]) -> list[Word]:
    """`words` with each figure the page pass read with a sign for a digit (`$086,200` for `5086,200`) given the
    digit a re-read over it reads there. The re-read of such a figure drops its mark as often (`5086200`), so it
    gives only the digits the page pass has no reading of, and only where it reads every other digit alike."""
    out = words
    for rr in rereads:
        for token in rr.text.split():
            if not token.isdigit():
                continue
            for w in out:
                signed = w.text.strip(RULE_MARKS)
                if not same_box(w.bbox, rr.bbox) or not _SIGNED_FIGURE.fullmatch(signed) or \
                        not any(c in _DIGIT_SIGNS for c in signed):
                    continue
                bare = re.sub(r"[.,]", "", signed)
                if len(bare) != len(token) or any(a.isdigit() and a != b for a, b in zip(bare, token, strict=True)):
                    continue
                digits = iter(token)
                text = "".join(c if c in ".," else next(digits) for c in signed)
                out = [x.model_copy(update={"text": text, "confidence": min(x.confidence, rr.confidence)})
                       if x is w else x for x in out]
                break
    return out


MARK_SURE = 0.7
"""How sure a re-read must be to restore a decimal mark to digits the page pass read alike (see `_marks_restored`)."""


def _marks_restored(words: list[Word], rereads: list[Word]) -> list[Word]:
    """`words` with each figure the page pass read without its decimal mark (`31867` for `3186,7`) as a re-read
    over it reads it: the same digits, and a mark, which the mixed-script pass drops as a speck. A re-read of a run
    (`1878 3186,7`) reads each of its words; only the digits that agree are taken, so no misread digit is. A re-read
    that is one figure in groups (`12 091,7`) is also taken whole, over the page pass's `120917`."""
    out = words
    for rr in rereads:
        whole = [rr.text.replace(" ", "")] if " " in rr.text and _FIGURE.fullmatch(rr.text) else []
        for token in (t for t in rr.text.split() + whole if DECIMAL_FIGURE.match(t)):
            digits = re.sub(r"[.,]", "", token)
            lost = [w for w in out if w.text.strip(RULE_MARKS) == digits and same_box(w.bbox, rr.bbox)]
            if lost:
                out = [w.model_copy(update={"text": token, "confidence": min(w.confidence, rr.confidence)})
                       if w in lost else w for w in out]
            else:
                out = _mark_as_space(out, token, rr)
    return out


def _mark_needed(rr: Word) -> bool:
    """A re-read whose figure's digits, read without its mark, weigh more than any paper (`20867.200` over the page
    pass's `20867200`): however unsure the re-read, the page pass's reading cannot stand as a weight, and only the
    very same digits take the mark."""
    return any(DECIMAL_FIGURE.match(t) and float(re.sub(r"[.,]", "", t)) > MOST_KG for t in rr.text.split())


def _mark_as_space(words: list[Word], token: str, rr: Word) -> list[Word]:
    """`words` with a figure the page pass read in two at its mark (`22435 100` for `22435,100`) made one, as the
    re-read `rr` over both reads it, `token`: the same digits each side of the mark."""
    head, _, tail = re.split(r"([.,])", token, maxsplit=1)
    for a, b in zip(words, words[1:], strict=False):
        if a.line_id == b.line_id and a.text == head and b.text == tail and same_box(union([a.bbox, b.bbox]), rr.bbox):
            one = a.model_copy(update={"text": token, "bbox": union([a.bbox, b.bbox]),
                                       "confidence": min(a.confidence, b.confidence, rr.confidence)})
            return [one if w is a else w for w in words if w is not b]
    return words


def _no_figure(read: str) -> bool:
    """The page pass read no figure there at all (`РА, 7` for `21 147,7`): the re-read's is the only reading."""
    return not re.search(r"\d\S?\d", read)


DROPPED_DOUBT = 0.5
"""How unsure the page pass's reading must be for a re-read with more digits to fill in the ones it dropped."""


def _digits_dropped(read: str, figure: str) -> bool:
    """`read` is `figure` with digits dropped (`255` in the box of `5 255,7`): its digits, in order, are among the
    re-read's, which has more. Only over a page-pass reading below `DROPPED_DOUBT`: a sure one and a re-read with
    more digits may be a re-read that took in a neighbour's."""
    mine, theirs = re.sub(r"\D", "", figure), re.sub(r"\D", "", read)
    left = iter(mine)
    return 0 < len(theirs) < len(mine) and all(d in left for d in theirs)


def _digits_misread(read: str, figure: str) -> bool:
    """`read` is `figure` with some digits misread and nothing else changed: same length, the marks in the same
    places (a `.` read as `,` is left to the decimal convention; a re-read that joins two cells is no fix), but for
    one decimal mark read as a digit (`23359` for `233,9`)."""
    read = read.strip(RULE_MARKS)  # a table's rule read with the figure (`|715` for `785`)
    pairs = list(zip(read, figure, strict=False))
    marks_as_digits = sum(a.isdigit() and b in ".," for a, b in pairs)
    return len(read) == len(figure) and read != figure and marks_as_digits <= 1 and all(
        a == b or (b.isdigit() and (a.isdigit() or a.isalpha() or a in _DIGIT_SIGNS)) or (a.isdigit() and b in ".,")
        for a, b in pairs)
