"""Reads VINs: 17-character runs, labelled or not, repaired from OCR's slips and chosen by the check digit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import product

from rapidfuzz.distance import Levenshtein

from extractor.field_models import FieldValue
from extractor.ids import kz_bin
from extractor.ids import plate as plate_id
from extractor.ids import vin as vin_id
from extractor.ids.homoglyphs import cyrillic_print, to_latin
from extractor.models import BBox, same_box
from extractor.readers.cells import center, same_place
from extractor.readers.codes import prefer_verified
from extractor.readers.layout import Line
from extractor.readers.values import dedupe, field_value
from extractor.readers.vocabulary import find_labels

_LOWER_RUN = re.compile(r"[a-zа-яё]{4,}")
LOWER_LETTERS = 3
"""Lower-case letters that, outnumbering the capitals, make a token no VIN: VINs are printed in capitals, and a
hexadecimal serial is not (`Серийный номер сертификата: 281ee6bad1bc0432`, an e-signature's, 17 characters once
OCR added an `l`)."""


def _lower_case(token: str) -> bool:
    lower = sum(ch.islower() for ch in token)
    return bool(_LOWER_RUN.search(token)) or (lower >= LOWER_LETTERS and lower > sum(ch.isupper() for ch in token))


_INNER_PUNCT = re.compile(r"[0-9A-Za-zА-Яа-я][./\-][.,/\-]*[0-9A-Za-zА-Яа-я]")
_INNER_COMMA = re.compile(r"[0-9A-Za-zА-Яа-я],[0-9A-Za-zА-Яа-я]")
_NUMBER_SIGNS = ("№", "#", "N°", "No.", "Nr.")


_VIN_LABEL = re.compile(r"\bVIN\b|\bFIN\b|идентификационн\w* номер|chassis|шасси|кузов|fahrgestell", re.I)
_LABEL_AS_READ = r"V[1ILE]?N"
"""The label `VIN` as OCR reads it: its I as 1, l or E, or lost."""
_GLUED_VIN_LABEL = re.compile(rf"{_LABEL_AS_READ}(?=[0-9A-Z]{{17,18}}$)")
"""`VIN` (its I already turned to 1 by the homoglyph repair, or read as E) or OCR's `VN`, glued to the number
after it, and perhaps to the model before it in a re-read run (`RAV4VN2T3P1RFVXPW000001`); 18 characters after it
may hold a glyph OCR printed twice."""


_GLUED_LABEL_REMNANTS = ("VN", "V1N")
_J_AS_MARK = re.compile(r"(?<=[0-9A-Z])\.?[)\]](?=[0-9A-Z])")
_HOOK_COMMA = re.compile(r"(?<=[0-9A-Z]),(?=J)", re.I)
_AT_AS_ZERO = re.compile(r"(?<=[0-9A-Z])@(?=[0-9A-Z])")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-zА-Яа-я]")


def _j_hooks(token: str) -> tuple[str, int, bool]:
    """The token with each J restored whose hook OCR read as a mark, how many were, and whether its comma is such a
    hook: a `)` for the J (`LWB429189M)500605`), its dot too (`SY.)672RTIM6315928`), or a comma before it
    (`XKZ76NAA2P,J581341`), the hook reaching left under the line, where the token's one comma leaves 17
    characters: no list's items. An `@` between capitals and digits is a 0 OCR read as one (`JYA@1JSG7PE397220`),
    counted with them."""
    token, hooks = _J_AS_MARK.subn("J", token)
    token, ats = _AT_AS_ZERO.subn("0", token)
    hooks += ats
    comma = token.count(",") == 1 and bool(_HOOK_COMMA.search(token)) and len(_NOT_ALNUM.sub("", token)) == 17
    return token, hooks + comma, comma


_LABEL_WORD = re.compile(rf"(?:{_LABEL_AS_READ}|FIN)[:.№#]?", re.I)
"""The VIN label standing as its own word, as OCR reads it (`VIN`, `V1N`, `VN`): a label, never a VIN's first
group (`VIN 1FTKWH3H9M1756` is a label and a VIN that lost three glyphs, not `V1N1FTKWH3H9M1756`)."""
_GLUED_LABEL_TOKEN = re.compile(r"((?:VIN|FIN)\s?[:№#\-/.]+)(?=[0-9A-Z]{17}(?:\W|$))")
_GLUED_NEXT = re.compile(r"[0-9A-Z]{17}(?=\.[0-9A-Za-zА-Яа-я])")
"""A scanned VIN and the next item of its line glued where OCR read the comma after it as a dot and lost the space
(`LWB9R3DR8N1633477.202218.` for `LWB9R3DR8N1633477, 2022 г.в.`): seventeen letters and digits up to the dot. A
comma read as itself makes a list (see `_INNER_COMMA`)."""


def _vin_tokens(line: Line, digital: bool) -> Iterable[tuple[str, int, int, int, bool]]:
    """17-character candidates with the number of characters repaired, and whether one was dropped to make 17.

    Single tokens everywhere; on OCR'd lines also up to three adjacent tokens joined, because OCR splits codes,
    but only tokens set close together. Words with lower-case runs are prose, tokens with inner punctuation
    (`E-CN.AH04.61086`) are document numbers and a BIN label is a label: none is ever part of a VIN.
    """
    # tokens, not words: a re-read word holds the run's groups with spaces (`VN X9FC52NV8RC414269`)
    tokens = []
    for m in re.finditer(r"\S+", line.text):
        glued = _GLUED_LABEL_TOKEN.match(m.group())
        if glued:  # `VIN-JTNB11HK5P3001234`, `VIN:…`: the label and the number are two tokens
            tokens.append((m.start(), m.start() + glued.end(1)))
        start = m.start() + (glued.end(1) if glued else 0)
        after = None if digital else _GLUED_NEXT.match(line.text, start)
        if after:
            tokens.append((start, after.end()))
            start = after.end()
        tokens.append((start, m.end()))
    words = [line.text[a:b] for a, b in tokens]
    boxes = [line.box_of(a, b) for a, b in tokens]
    # after a VIN label, typed text too may print the VIN in groups (`1FT EW1EP 5PFA12345`, `1FTEW1EP5-PFA12345`,
    # Volkswagen's six `WVW ZZZ 1K Z 6W 123456`)
    labelled = bool(_VIN_LABEL.search(line.text))
    for i in range(len(words)):
        joined, hooks = "", 0
        for j in range(i, min(i + (6 if labelled else 3 if not digital else 1), len(words))):
            token, hooked, hook_comma = _j_hooks(words[j])
            punct = _INNER_PUNCT.search(token.replace("-", "") if labelled else token)
            if punct and not digital and _speck_dot(token):
                punct, hooked = None, hooked + 1  # `XTAG69M3.JNO973868`: a speck read as a dot inside a VIN
            listed = bool(_INNER_COMMA.search(token)) and not hook_comma
            if _lower_case(token) or punct or _bin_label(token) or (token.endswith(":") and len(token) > 2) or \
                    token in _NUMBER_SIGNS or (listed and j > i) or _LABEL_WORD.fullmatch(token):
                # `БСН 33 160141343598` is a BIN and its label (Б, С, Н read as 6, C, H), not a VIN; a word ending
                # in a colon is a label (`TOTAL PACKAGES: 1320` is 17 characters too), and so is a number sign
                # (`INVOICE № RE23349237`)
                break
            if j > i and words[j - 1].endswith((",", ";")):
                break  # a list's separator (`X5 XDF1V0401, MY 2024,`): no VIN runs on past it
            if j > i and not line.reread:  # a re-read run's spaces are its own: the page pass's gaps made it
                prev, cur = boxes[j - 1], boxes[j]
                # against the taller of the two: a word box of digits alone, or one a speck stretched, is no
                # measure of the face (`WVWIMGOY VME223475`, one VIN Tesseract cut a word space apart)
                if cur[0] - prev[2] > 0.6 * max(1.0, cur[3] - cur[1], prev[3] - prev[1]):
                    break
                if _whole_plate(words[j - 1]) or _whole_plate(token):
                    break  # a truck's and a trailer's plate side by side (`Н182ЕВ102 ХА182777`) make 17 too
            hooks += hooked
            joined += _NOT_ALNUM.sub("", token)
            upper = joined.upper()
            cand = vin_id.repair_homoglyphs(upper)
            # a Cyrillic letter for the Latin one of its shape (`ХТС…` for `XTC…`) is the Russian model's script, not
            # a misread glyph; `О` for `0`, `З` for `3` are
            repaired = hooks + sum(1 for a, b in zip(upper, cand, strict=False) if a != b and to_latin(a) != b)
            start, end = tokens[i][0], tokens[j][1]
            # `29,BUH050842730193`: a list's items, never one VIN; `VNFTGPBYCXN9071467`: OCR's `VN` for the label
            # glued to a VIN that lost a character, not a VIN that printed one twice
            if not listed and not (len(cand) == 18 and cand.startswith(_GLUED_LABEL_REMNANTS)):
                yield from _vin_readings(cand, start, end, repaired, digital)
            if len(cand) >= 17 or listed:
                if len(cand) > 17 and j == i:
                    # a label glued in front (`VIN:XW8...`, OCR's `VNXW8...`) or a list without spaces (`A,B`),
                    # an item of which may have printed a glyph twice (`A,WVWWWLZ...`)
                    for m in re.finditer(r"[0-9A-Z]+", vin_id.repair_homoglyphs(token.upper())):
                        label = _GLUED_VIN_LABEL.search(m.group()) if len(m.group()) > 17 else None
                        a = m.start() + (label.end() if label else 0)
                        echo = listed and m.end() - a == 18 and not m.group().startswith(_GLUED_LABEL_REMNANTS)
                        if m.end() - a == 17 or label or echo:
                            yield from _vin_readings(m.string[a : m.end()], start + a, start + m.end(), repaired, digital)
                break


def _speck_dot(token: str) -> bool:
    """One dot inside a scanned token of 17 letters and digits, and no other mark: a speck OCR read as a dot in a
    VIN, not a document's number (`E-CN.AH04.61086`, `INV-2023.7`), which has more marks or another length. The VIN
    it gives must prove itself (see `read_vins`)."""
    inner = token.strip(".,;:")
    return inner.count(".") == 1 and not re.search(r"[^\w.]", inner) and len(_NOT_ALNUM.sub("", inner)) == 17


def _vin_readings(cand: str, start: int, end: int, repaired: int, digital: bool
                  ) -> Iterator[tuple[str, int, int, int, bool]]:
    """A 17-character candidate as it stands; an OCR'd 18-character one that printed a glyph twice
    (`X9FCS52NV8RC414269`) with the echo dropped, one more character repaired."""
    if len(cand) == 17:
        yield cand, start, end, repaired, False
    elif len(cand) == 18 and not digital:
        yield from ((u, start, end, repaired + 1, True) for u in vin_id.undoubled(cand) + vin_id.unruled(cand))


def _bin_label(token: str) -> bool:
    # labels are short and hold no digit: the look-up is skipped for the code-like tokens it is asked about
    return len(token) <= 8 and not any(ch.isdigit() for ch in token) and bool(find_labels(token, "bin"))


def _labelled_bin(reading: str) -> bool:
    """A tax number run into its label where OCR garbled the label past knowing (`БСН/БИН 170844160816` read
    `6CH6H170844160816`, `БИН` read `6V9H4`): twelve digits that make a legal entity's BIN, after a head holding the
    Н every BIN label ends in. A VIN ending so is rare enough (none in the bench corpora's truth) that only a VIN
    label on its row keeps it."""
    tail = reading[-12:]
    return "H" in reading[:5] and kz_bin.kind(tail) == "bin" and kz_bin.plausible(tail)


def _vin_row(ln: Line, box: BBox, plain: list[Line]) -> bool:
    """Whether a VIN label stands on the page pass's row of a reading (its own line, or the lines a re-read's box
    lies across)."""
    mid = (box[1] + box[3]) / 2
    return any(_VIN_LABEL.search(o.text) for o in plain
               if o is ln or (ln.reread and o.page == ln.page and o.bbox[1] <= mid <= o.bbox[3]))


def _whole_plate(token: str) -> bool:
    token = token.strip(",;")
    return [(s, e) for _, s, e in plate_id.find_in_text(token)] == [(0, len(token))]


PLATE_ZEROS = 4
"""Zeros of a plate-long part of a reading each tried as the letter O, and eights as the letter В: a plate's own
digits may hold them too."""


def _plate_readings(part: str) -> Iterator[str]:
    """The part with any Latin V read as the Cyrillic У a Russian plate holds (`V797TH102` for `У797ТН102`; no plate's
    letters hold a V) and any R as its Р (`PR546996` for `РР5469 96`), as read and with each of its zeros (the first `PLATE_ZEROS`) a VIN's `0` for a plate's `O`, and
    each of its eights (as many) OCR's `8` for a plate's `В` (`A896Y8102` for `А896УВ102`)."""
    base = part.replace("V", "Y").replace("R", "P")
    swaps = [(i, "O") for i, ch in enumerate(base) if ch == "0"][:PLATE_ZEROS] + \
        [(i, "B") for i, ch in enumerate(base) if ch == "8"][:PLATE_ZEROS]
    for turned in product((False, True), repeat=len(swaps)):
        chars = list(base)
        for (i, letter), turn in zip(swaps, turned, strict=True):
            if turn:
                chars[i] = letter
        yield "".join(chars)


def _two_plates(cand: str) -> bool:
    """17 characters that are a truck's plate and its trailer's, one after the other (`A779EB174KB926178`); a VIN
    has no `O`, so a plate's reads as `0` in it (`K609TA174A0658577` for `K609TA174 / AO6585 77`), and the plate's
    digits beside it stay digits (`Y30400961ME597796` for `У304ОО96 / МЕ5977 96`, the slash read as 1)."""
    def plate(part: str) -> bool:
        return any(map(_whole_plate, _plate_readings(part)))

    # or with the slash between them read as a stroke (`B552KH174JHY199078` for `В552КН174/НУ1990 78`), a run of
    # 18 a VIN's reader takes for one that printed a glyph twice
    return any(plate(cand[:k]) and (plate(cand[k:]) or (cand[k] in _SLASH_READINGS and plate(cand[k + 1 :])))
               for k in range(6, 12))


_SLASH_READINGS = "1IJL"
"""What a slash between two plates is read as, once the run is letters and digits only."""


def _words_under(ln: Line, box: BBox, plain: list[Line]) -> list[str]:
    """The page pass's words whose middles a re-read's box covers, left to right."""
    hits = [w for o in plain if o.page == ln.page for w in o.words
            if box[0] <= center(w.bbox) <= box[2] and box[1] <= (w.bbox[1] + w.bbox[3]) / 2 <= box[3]]
    return [w.text for w in sorted(hits, key=lambda w: w.bbox[0])]


_DIGIT_AMID_LETTERS = re.compile(r"[^\W\d_]\d+[^\W\d_]")


def _cyrillic_run(words: list[str]) -> bool:
    """The Latin re-read of a Cyrillic title and its number (`ЖҮКҚҰЖАТ № 30518842` re-read `KYKKYKAT N30518842`):
    17 characters from a word the page pass read in Cyrillic, or across a number sign it read inside the run after a
    word. A long word with digits amid its letters is no title but the code itself, which the page pass read in
    Cyrillic shapes (`ктлыле6уама349229` for `XTALUP6V2M4349229` in a typewriter face)."""
    def title(w: str) -> bool:
        return cyrillic_print(w) and not (len(_NOT_ALNUM.sub("", w)) >= 12 and _DIGIT_AMID_LETTERS.search(w))

    # a sign after a code's digits is a misread glyph of the code (`Х9ЕР38 2028 №588761` for `X9FPJ8JD2RN588761`)
    return any(map(title, words)) or any("№" in w and not any(map(str.isdigit, before))
                                         for before, w in zip(words, words[1:], strict=False))


REREAD_DOUBT = 0.1
"""A re-read run Tesseract gave less confidence than this loses the re-read's precedence over the page pass's
reading of the same box (`JTMX3WASSNA179636, //622` at 0 against the page pass's `JTMX3WAGSNA179636` at 0.68);
alone, it is kept: such re-reads were right where the page pass read no VIN at all."""


MERGE_SPAN = 3
"""At most this many characters in which two readings of one re-read run differ are chosen between by the check
digit: eight ways at most, of which one alone must pass."""
MERGE_GAPS = 3
"""At most this many characters one reading holds and the other lacks (a glued `VN`, a glyph lost) beside them."""
_RUN = re.compile(r"[0-9A-Z]{17,19}")
_OTHER_RUN = re.compile(r"[0-9A-Z]{15,19}")


def _runs(text: str) -> list[tuple[str, int, int]]:
    """VIN-long runs of a re-read, each as its last 17 characters: a label glued before it (`VN`, `VIN`) is cut."""
    return [(m.group(0)[-17:], m.end() - 17, m.end()) for m in _RUN.finditer(text)]


def _merged_readings(ln: Line) -> Iterator[tuple[str, int, int]]:
    """A re-read run that Tesseract and the recogniser read differently in a few characters, each perhaps right
    where the other is wrong (`TET72NXM1P8121062` and `1FT72NCM1P8121062`, or `1FT72NXM1P812162` a glyph short),
    as the one way of taking each such character from either that passes a North American check digit under a
    known maker's WMI (`1FT72NXM1P8121062`). Other VINs carry no check digit, and no reading of them is chosen
    this way."""
    if not ln.reread or len(ln.words) != 1 or not ln.words[0].alternatives:
        return
    theirs = [m.group() for alt in ln.words[0].alternatives for m in _OTHER_RUN.finditer(alt)]
    for run, start, end in _runs(ln.text):
        for other in theirs:
            if (merged := _merged(run, other)) is not None:
                yield merged, start, end


def _merged(run: str, other: str) -> str | None:
    """The one combination of a 17-character reading and another, aligned, that differ in 1 to `MERGE_SPAN` places
    (beside up to `MERGE_GAPS` characters one of them lacks) and is a VIN proved by its check digit and a known
    maker; else None."""
    ops = Levenshtein.editops(run, other)
    diff = [(op.src_pos, other[op.dest_pos]) for op in ops if op.tag == "replace"]
    if not 0 < len(diff) <= MERGE_SPAN or len(ops) - len(diff) > MERGE_GAPS:
        return None
    passing = set()
    for picks in product((False, True), repeat=len(diff)):
        chars = list(run)
        for (i, theirs), take in zip(diff, picks, strict=True):
            if take:
                chars[i] = theirs
        merged = "".join(chars)
        if vin_id.is_valid(merged) and vin_id.check_tier(merged) == 0 and vin_id.manufacturer(merged) is not None \
                and vin_id.numbered_serially(merged):
            passing.add(merged)
    return passing.pop() if len(passing) == 1 else None


OTHER_READING_CONFIDENCE = 0.3
"""The confidence given a re-read run's other reading: one guess, as sure as the recogniser must be to stand."""
_SHORT_RUN = re.compile(r"[0-9A-Z]{14,16}")


def _other_readings(lines: list[Line]) -> list[tuple[Line, str]]:
    """Each re-read run's other readings (Tesseract's where the recogniser's stands, or the recogniser's) as lines of
    their own over the run's box, each with the reading that stands."""
    out: list[tuple[Line, str]] = []
    for ln in lines:
        if ln.reread and len(ln.words) == 1:
            w = ln.words[0]
            conf = min(w.confidence, OTHER_READING_CONFIDENCE)
            out += [(Line.of(ln.page, [w.model_copy(update={"text": alt, "alternatives": [], "confidence": conf})],
                             reread=True), ln.text) for alt in w.alternatives]
    return out


def _one_glyph_short(cand: str, standing: str) -> bool:
    """The reading that stands holds the VIN a few glyphs short (`WWWLZVMHPT115274` for `WVWWLZVMHPT115274`): it
    lost a glyph the other reading kept. A run it read as something else (a type approval's `E-CN.MU01.16809`, which
    Tesseract read as 17 characters) holds no VIN however the other reads it."""
    return any(Levenshtein.distance(cand, m.group()) <= MISREAD_SPAN for m in _SHORT_RUN.finditer(standing))


def _engine_spans(ln: Line) -> list[tuple[int, int]]:
    """The stretches of a line that follow an engine label up to the next VIN label (or the line's end): what
    stands there is the engine's model and number."""
    vin_labels = [m.start() for m in _VIN_LABEL.finditer(ln.text)]
    return [(e, min([v for v in vin_labels if v >= e], default=len(ln.text)))
            for lab, _, e in find_labels(ln.text, "vehicle") if lab.role == "engine"]


def read_vins(lines: list[Line]) -> list[FieldValue]:
    out: list[FieldValue] = []
    unsure: set[int] = set()
    echoed: list[FieldValue] = []
    verbatim: list[FieldValue] = []
    printed: list[FieldValue] = []  # by either pass, as printed, no character repaired, and a maker's
    read_at: dict[int, float] = {}
    # `Двигатель № GW4B15A 2405123456`: an engine's model and number make 17 characters too, on the page pass's
    # line and in the re-read of its box
    spans = {id(ln): _engine_spans(ln) for ln in lines if not ln.reread}
    engines = [(ln.page, ln.box_of(a, b)) for ln in lines if not ln.reread for a, b in spans[id(ln)] if b > a]
    # a re-read run that took in a tax number's label (`БИН 070641558290` re-read `1SHTH070641858290`, 17 characters
    # that even pass a check digit) is no VIN
    bin_labels = [(ln.page, w.bbox) for ln in lines if not ln.reread and ln.ocr for w in ln.words if _bin_label(w.text)]
    plain = [ln for ln in lines if not ln.reread]
    # a re-read run's other reading (Tesseract's, where the recogniser's stands) may hold a VIN the one that stands
    # read a glyph short: a fallback, kept where no reading of any pass stands
    fallback: list[FieldValue] = []
    # and where the page pass's reading stands only as a guess at its echo (`WVWHYI8PNMPS5S7 382`, 18 characters),
    # the other reading's 17 read as printed, a maker's (`WVWHY3BFNMP557382`), outrank it
    guessed: list[FieldValue] = []
    rivals: list[FieldValue] = []
    standing: str | None  # for another reading, the reading of its run that stands
    for ln, standing in [(ln, None) for ln in lines] + _other_readings(lines):
        mid = (center(ln.bbox), (ln.bbox[1] + ln.bbox[3]) / 2)
        if ln.reread and any(p == ln.page and box[0] <= mid[0] <= box[2] and box[1] <= mid[1] <= box[3]
                             for p, box in engines):
            continue
        for cand, start, end, repaired, dropped in _vin_tokens(ln, not ln.ocr):
            if repaired > (3 if ln.ocr else 0):
                continue
            if any(a <= start < b for a, b in spans.get(id(ln), [])):
                continue
            if not vin_id.is_valid(cand):
                continue
            digits = sum(c.isdigit() for c in cand)
            if digits < 3 or 17 - digits < 2 or not cand[-3:].isdigit():
                continue
            as_read = cand
            # an OCR reading: the most plausible of its readings (check digit, WMI, serial); of any reading, one whose
            # serial is numbered as ISO 3779 has it: a letter that makes a check digit pass by chance (`...40940D`
            # for `...409400`) is no better a reading than the one that fails it, and a run with letters among its
            # last four whichever way it is read is words run together
            readings = (vin_id.candidates(cand) or [cand]) if ln.ocr else [cand]
            cand = next((r for r in readings if vin_id.numbered_serially(r)), "")
            if not cand:
                continue
            if ln.ocr and cand[0] == "0":
                continue  # ISO 3779 gives no region a WMI opening with 0: OCR glued a code and a number together
            checked = vin_id.check_digit_applies(cand)
            good_check = vin_id.has_valid_check_digit(cand)
            known = vin_id.manufacturer_country(cand) is not None
            verified = (checked and good_check) or (not checked and known)
            if ln.ocr and " " in ln.text[start:end] and not (verified and (
                    checked or vin_id.manufacturer(cand) is not None or _vin_row(ln, ln.box_of(start, end), plain))):
                # words OCR set side by side make 17 characters easily: joined, they must prove a VIN, by a check
                # digit, or by a maker's WMI or a VIN label beside a region's (nearly every region is allotted:
                # `RAED 2018TOF032075`, a declaration's re-read scrawl, names the Emirates)
                continue
            if ln.reread and any(p == ln.page and same_box(box, ln.box_of(start, end)) for p, box in bin_labels):
                continue
            if ln.ocr and _labelled_bin(as_read) and not _vin_row(ln, ln.box_of(start, end), plain):
                continue
            under = _words_under(ln, ln.box_of(start, end), plain) if ln.reread else []
            if _cyrillic_run(under):
                continue
            if not (checked and good_check) and (_two_plates(cand) or _two_plates(as_read) or
                                                  (dropped and _two_plates(vin_id.repair_homoglyphs(
                                                      _NOT_ALNUM.sub("", ln.text[start:end]).upper())))):
                continue  # a CMR's two plates run together, by the re-read or the page pass, as read or as a maker's
                # WMI made of them (`K179BX102 XE827578`, GM Korea's `KL7...`): only a check digit proves a VIN there
            if (cand != as_read or not (checked and good_check)) and any(map(_whole_plate, under)):
                continue  # and a plate the page pass read whole (`H792KO102 ТАЯ75477`) where the re-read took its H
                # for a 1: the check digit a repair made pass (`1792K01D2TA975477`) proves nothing, and without one
                # the re-read's own misreading of the plate (`K447EJ771MH317296` over `K447EO77 / MH317296`) none
            if ln.ocr and "." in ln.text[start:end].strip(".,;:") and not (verified and vin_id.names_model_year(cand)):
                continue  # so must a token with a dot inside, and name a model year too (not `INVX2023.000012345`)
            conf = None if not repaired else max(0.3, ln.confidence_of(start, end) - 0.1 * repaired)
            fv = field_value(cand, ln, start, end, verified=verified, confidence=conf)
            read_at[id(fv)] = ln.confidence_of(start, end)
            if standing is not None:
                if verified and _one_glyph_short(cand, standing):
                    fallback.append(fv)
                elif verified and not repaired and cand == as_read and vin_id.manufacturer(cand) is not None:
                    rivals.append(fv)
                continue
            if dropped and not (checked and good_check):  # an echo guessed, no check digit to vouch for it
                (echoed if ln.reread else guessed).append(fv)
            if ln.reread and ln.confidence_of(start, end) < REREAD_DOUBT:
                unsure.add(id(fv))
            as_printed = not repaired and cand == as_read
            if as_printed and not ln.reread:
                verbatim.append(fv)
            if as_printed and vin_id.manufacturer(cand) is not None:
                printed.append(fv)
            out.append(fv)
        for merged, start, end in _merged_readings(ln):
            fv = field_value(merged, ln, start, end, verified=True)
            read_at[id(fv)] = ln.confidence_of(start, end)
            out.append(fv)
    out += [f for f in fallback if not any(same_place(f, v) for v in out)]
    for r in rivals:
        here = [g for g in guessed if same_place(r, g)]
        if any(Levenshtein.distance(str(r.value), str(g.value)) <= MISREAD_SPAN for g in here) and \
                not any(same_place(r, v) for v in out if v not in here):
            out.append(r)
            unsure.update(map(id, here))
    # two readings of three agree: the page pass's VIN read verbatim, and the re-read run's other reading of it, outrank
    # the reading that stands where it differs in a few glyphs (`WBABBRWUMRK324844` where both read
    # `WBABBPWUMPK824844`; a European VIN has no check digit to choose by)
    seconded = [v for v in verbatim if any(r.value == v.value and same_place(r, v) for r in rivals)]
    unsure |= _misreadings_of(out, seconded)
    # a re-read whose WMI names no maker where the page pass read the same VIN, a few glyphs apart, with one that
    # does (`L7W5N0GPYMH089316` for `LZWSNOGPXMH089316`, SAIC-GM-Wuling) misread the maker's code: the page pass's
    # reading outranks it
    makers = [v for v in out if v.source != "reread" and vin_id.manufacturer(str(v.value)) is not None]
    unsure |= _misreadings_of([v for v in out if vin_id.manufacturer(str(v.value)) is None], makers)
    # a re-read of 18 characters is one guess short of a VIN (`Y3MUFEMS90R7614130`, its `90` taken for a 9's echo
    # where the S was): unless a check digit vouches for it, the page pass's 17 read as printed, no character
    # repaired, outrank it
    unsure.update(id(e) for e in echoed if any(same_place(e, v) for v in verbatim))
    # and an echo guessed whose WMI names no maker, over a 17 of the same run read as printed whose WMI does: the
    # 18th character was a neighbour's (`7 LGWWHJ908R7322315`, a row's digit before Great Wall's VIN, made
    # `7LGWWHJ98R7322315` by dropping the 9's echo)
    unsure.update(id(e) for e in echoed + guessed if vin_id.manufacturer(str(e.value)) is None
                  and any(same_place(e, v) and v.source == e.source for v in printed))
    # a page pass's 17 read as printed and surely outrank the re-read of its box a few glyphs off (`LZWWT4RRXMH603752`
    # at 0.88 re-read `LZWWT4RRCMH603752`): where both were valid VINs on the bench's scans and disagreed, the page
    # pass read at PAGE_SURE or more was right three times as often; a check digit the re-read alone passes still
    # outranks (`prefer_verified`)
    # So does one read far surer than the re-read (`XTCZ7LMSMMA895722` at 0.81 re-read `XTCZ7LMSHMA895722` at 0.37:
    # the recogniser takes a blurred M for an H)
    unsure |= {id(r) for r in out for v in verbatim if read_at[id(v)] >= min(PAGE_SURE, read_at[id(r)] + PAGE_SURER)
               and id(r) in _misreadings_of([r], [v]) and not _digits_for_letters(r, verbatim)}
    unsure |= _off_the_year(out, plain)
    kept = dedupe(prefer_verified(out, frozenset(unsure), lambda v: -vin_id.check_tier(str(v.value))))
    return _one_vehicle(kept, read_at)


_MODEL_YEAR = re.compile(r"(?i)(?:(?<![^\W\d_])(?:MY|model\s+year|год\s+выпуска|г\.?\s?в\.?)\W{0,3}((?:19|20)\d\d)"
                         r"|((?:19|20)\d\d)\s?г\.?\s?в(?![^\W\d_]))(?!\d)")
"""A model year as a goods row prints it beside the VIN: `MY 2021`, `2021 г.в.`, `год выпуска 2021`."""
YEAR_LINES = 3
"""Line heights above a VIN within which its row's description prints the model year."""


def _stated_years(v: FieldValue, plain: list[Line]) -> set[int]:
    """Model years printed on the VIN's line or just above it, on its page."""
    if v.bbox is None:
        return set()
    top, bottom = v.bbox[1], v.bbox[3]
    reach = YEAR_LINES * max(1.0, bottom - top)
    return {int(m.group(1) or m.group(2)) for ln in plain
            if ln.page == v.page and top - reach <= (ln.bbox[1] + ln.bbox[3]) / 2 <= bottom
            for m in _MODEL_YEAR.finditer(ln.text)}


def _off_the_year(values: list[FieldValue], plain: list[Line]) -> set[int]:
    """Readings (by `id`) whose year code (position 10) is not the model year printed beside the VIN, where another
    reading of the same place, a few glyphs apart, has it: `Hyundai Accent, MY 2021` over `KMHW83D7EMM905495`,
    re-read `KMHW83D7EHH905495` (an H, 2017: the recogniser takes a blurred M for an H)."""
    off: set[int] = set()
    for a in values:
        years = _stated_years(a, plain) & vin_id.model_years(str(a.value))
        if years:
            off |= {id(b) for b in values if b is not a and same_place(a, b)
                    and not years & vin_id.model_years(str(b.value))
                    and 0 < Levenshtein.distance(str(a.value), str(b.value)) <= MISREAD_SPAN}
    return off


def _digits_for_letters(reread: FieldValue, verbatim: list[FieldValue]) -> bool:
    """The re-read differs from the page pass's reading of its box only where the page pass read a letter a digit
    may look like (`XTASKSGP1...` re-read `XTASK5GP1...`): the slip of the page pass's mixed scripts, which the
    whitelisted re-read does not make."""
    for v in verbatim:
        a, b = str(v.value), str(reread.value)
        if same_place(v, reread) and len(a) == len(b) and a != b:
            return all(x == y or (x.isalpha() and y.isdigit() and vin_id.confusable(x, y))
                       for x, y in zip(a, b, strict=True))
    return False


def _misreadings_of(values: list[FieldValue], surer: list[FieldValue]) -> set[int]:
    """The re-reads among `values` (by `id`) that read one of the `surer` readings in its place, a few glyphs off."""
    return {id(v) for v in values if v.source == "reread" for s in surer if same_place(v, s) and
            0 < Levenshtein.distance(str(v.value), str(s.value)) <= MISREAD_SPAN}


SAME_VEHICLE_SPAN = 11
"""VIN positions (from the first) in which two vehicles of one filing never differ alone: maker, model, check digit,
year and plant. A fleet's VINs differ in the serial after them."""


PAGE_SURE = 0.85
"""The page pass's confidence in a VIN it read as printed at which it outranks a re-read differing in a few glyphs."""
PAGE_SURER = 0.3
"""How much surer than a re-read differing in a few glyphs the page pass's VIN read as printed must be to outrank it
below `PAGE_SURE`: on the cached scans of four seeds, 0.3 put right two readings (an M the recogniser took for an
H) and lost none; 0.1 and 0.2 put right more and lost some (a 5 Tesseract took for an S)."""
MISREAD_SPAN = 3
"""Characters a misreading of a VIN may differ in from a surer reading of the same vehicle on the same document."""


def _one_vehicle(values: list[FieldValue], read_at: dict[int, float]) -> list[FieldValue]:
    """Drops a scanned reading that has another of the document's VINs' serial but differs before it, in up to three
    characters: the same vehicle misread (`WDBT4VHVXBH744216` at 0.21 beside `WDBT4VHVXRH744216` at 0.89;
    `XTCM3E84CB3716442` at 0 beside `XTCM3F84CRJ716442` at 0.88), not a second one. The reading kept passes a
    mandatory check digit where the other fails it, else was read with more confidence."""
    def rank(v: FieldValue) -> tuple[int, float]:
        return -vin_id.check_tier(str(v.value)), read_at[id(v)]

    dropped: set[int] = set()
    for a in values:
        for b in values:
            va, vb = str(a.value), str(b.value)
            if a is b or b.source == "text" or id(a) in dropped or len(va) != len(vb):
                continue
            diff = [k for k, (x, y) in enumerate(zip(va, vb, strict=True)) if x != y]
            if 0 < len(diff) <= MISREAD_SPAN and max(diff) < SAME_VEHICLE_SPAN and rank(b) < rank(a):
                dropped.add(id(b))
    return [v for v in values if id(v) not in dropped]
