"""TN VED (EAEU) commodity codes: 10 digits, the first 6 being the international HS.

Codes are printed as ``8703239087``, ``8703 23 908 7`` or ``8703.23.90.87``.
Without a nomenclature only the structure is checked (10 digits, chapter
01-97); :func:`load_nomenclature` adds the list of codes in force so a checker
can tell an existing code from a typo and suggest the code one edit away.

>>> compact('8703 23 908 7')
'8703239087'
>>> validate('8703.23.90.87')
'8703239087'
>>> validate('870323908')
Traceback (most recent call last):
    ...
extractor.ids.exceptions.InvalidLength: A TN VED code has 10 digits.
>>> validate('9903239087')
Traceback (most recent call last):
    ...
extractor.ids.exceptions.InvalidComponent: Chapter 99 does not exist; chapters run 01-97.
>>> chapter('8703 23 908 7'), heading('8703 23 908 7')
('87', '8703')
>>> is_vehicle('8703239087'), is_vehicle('4011100003')
(True, False)
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.ids.exceptions import InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from extractor.ids.homoglyphs import digit_misreadings

__all__ = [
    "SERIAL_NUMBERED",
    "Nomenclature",
    "VEHICLE_HEADINGS",
    "chapter",
    "compact",
    "default_reference_dir",
    "heading",
    "is_valid",
    "is_vehicle",
    "load_nomenclature",
    "takes_serial_number",
    "validate",
]

# Motor vehicles (8701-8705), motorcycles (8711) and self-propelled machinery
# (8429 bulldozers, graders, excavators; 8433 combine harvesters) carry a VIN
# or serial number per unit and follow the vehicle rules (Rules 763 p.28).
VEHICLE_HEADINGS = frozenset({"8701", "8702", "8703", "8704", "8705", "8711", "8429", "8433"})
SERIAL_NUMBERED = ("8429", "8433", "87011", "87013", "87019")
"""Code prefixes of machinery identified by the maker's serial number rather than a VIN: bulldozers, graders and
excavators, harvesters, and tractors other than road tractors for semi-trailers (8701 20)."""

_NON_DIGITS_RE = re.compile(r"\D+")
_TNVED_FILE_RE = re.compile(r"^tnved-eaeu-(\d{4})\.json$")
REFERENCE_DIR_ENV = "DOCSCREEN_REFERENCE_DIR"


def compact(code: str) -> str:
    """Keep the digits only (spaces, dots and any other separators go)."""
    return _NON_DIGITS_RE.sub("", code)


def validate(code: str) -> str:
    """Return the 10-digit code or raise a typed :class:`ValidationError`."""
    digits = compact(code)
    if not digits:
        raise InvalidFormat("A TN VED code consists of digits.")
    if len(digits) != 10:
        raise InvalidLength("A TN VED code has 10 digits.")
    if not 1 <= int(digits[:2]) <= 97:
        raise InvalidComponent(f"Chapter {digits[:2]} does not exist; chapters run 01-97.")
    return digits


def is_valid(code: str) -> bool:
    """Whether :func:`validate` accepts the code."""
    try:
        return bool(validate(code))
    except ValidationError:
        return False


def chapter(code: str) -> str:
    """The 2-digit chapter of a code (or of any prefix of at least 2 digits)."""
    digits = compact(code)
    if len(digits) < 2:
        raise InvalidLength("A chapter needs at least 2 digits.")
    return digits[:2]


def heading(code: str) -> str:
    """The 4-digit heading of a code (or of any prefix of at least 4 digits)."""
    digits = compact(code)
    if len(digits) < 4:
        raise InvalidLength("A heading needs at least 4 digits.")
    return digits[:4]


def is_vehicle(code: str) -> bool:
    """Whether the code falls under a vehicle or self-propelled machinery heading."""
    digits = compact(code)
    return len(digits) >= 4 and digits[:4] in VEHICLE_HEADINGS


def takes_serial_number(code: str) -> bool:
    """Whether a unit under this code may be identified by a serial number instead of a VIN."""
    return compact(code).startswith(SERIAL_NUMBERED)


@dataclass(frozen=True)
class Nomenclature:
    """The TN VED codes in force (and HS 2022 six-digit codes when available)."""

    edition: str
    names: dict[str, str] = field(repr=False)
    hs6: frozenset[str] = field(default_factory=frozenset, repr=False)
    headings: dict[str, str] = field(default_factory=dict, repr=False)

    def exists(self, code: str) -> bool:
        """Whether the 10-digit code is in this edition."""
        return compact(code) in self.names

    def name(self, code: str) -> str | None:
        """The Russian name of a 10-digit code (or of a 4-digit heading), if it exists."""
        digits = compact(code)
        return self.names.get(digits) or self.headings.get(digits)

    def hs6_exists(self, code: str) -> bool:
        """Whether the first six digits are an HS 2022 subheading.

        Falls back to the TN VED codes when the HS table was not loaded.
        """
        digits = compact(code)[:6]
        if len(digits) != 6:
            return False
        if self.hs6:
            return digits in self.hs6
        return any(c.startswith(digits) for c in self.names)

    def ocr_repair(self, code: str, max_edits: int = 2) -> str | None:
        """The one existing code an OCR'd reading that is not in the edition was misread from, changing the fewest
        confusable digits (`4818201606` for `4818201000`); None when no code, or more than one, is that near."""
        digits = compact(code)
        if len(digits) != 10 or digits in self.names:
            return None
        for edits in range(1, max_edits + 1):
            found = {c for c in digit_misreadings(digits, edits, rarer=True) if c in self.names}
            if found:
                return found.pop() if len(found) == 1 else None
        return None

    def repair_by_name(self, code: str, description: str) -> str | None:
        """The one existing code a digit from an OCR'd reading that is in no edition (`2802409000`) whose heading's
        name shares more word stems with the goods' description on its row (`бумага ... мелованная`) than any
        other such code's: a digit misread as an unlikely look-alike (2 for 4) still names paper, not bran."""
        digits = compact(code)
        if len(digits) != 10 or digits in self.names:
            return None
        said = _stems(description)
        if not said:
            return None
        scored = sorted(((len(said & _stems(self.headings.get(c[:4], ""))), c) for c in self.closest(digits)),
                        reverse=True)
        if not scored or scored[0][0] < 1 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return scored[0][1]

    def closest(self, code: str, max_distance: int = 1) -> list[str]:
        """Existing codes at most ``max_distance`` edits away, nearest first.

        An edit is one digit replaced or two adjacent digits swapped (the usual
        OCR misreads and typing slips); the code itself is not returned.
        """
        digits = compact(code)
        if len(digits) != 10 or max_distance < 1:
            return []
        if max_distance == 1:
            return sorted(c for c in set(_one_edit(digits)) if c in self.names)
        scored = [(d, c) for c in self.names if c != digits and (d := _distance(digits, c)) <= max_distance]
        return [c for _, c in sorted(scored)]


STEM = 5
"""Letters a word keeps to match its inflections (`бумага`, `бумаги`, `бумажные` share none past `бума`)."""
_GENERIC_STEMS = frozenset({"проч", "издел", "товар", "други", "включ", "кроме", "котор", "такие", "также", "после",
                            "полно", "частич", "содер"})
_WORD_RE = re.compile(r"[^\W\d_]{5,}")


def _stems(text: str) -> set[str]:
    """The first letters of a text's longer words, in lower case: what a description and a heading's name share."""
    out = {w.lower().replace("ё", "е")[:STEM] for w in _WORD_RE.findall(text)}
    return {w for w in out if not any(w.startswith(g) for g in _GENERIC_STEMS)}


def _one_edit(digits: str) -> Iterator[str]:
    for i, old in enumerate(digits):
        for new in "0123456789":
            if new != old:
                yield digits[:i] + new + digits[i + 1 :]
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            yield digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]


def _distance(a: str, b: str) -> int:
    """Hamming distance with adjacent transpositions counting as one edit (equal lengths)."""
    i, d = 0, 0
    while i < len(a):
        if a[i] == b[i]:
            i += 1
        elif i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]:
            d, i = d + 1, i + 2
        else:
            d, i = d + 1, i + 1
    return d


def _walk(node: Any) -> Iterable[tuple[str, str, str]]:
    """Yield (kind, code, name) for headings ('goods') and 10-digit codes ('subs')."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        for key in ("groups", "goods", "subs"):
            for child in node.get(key) or ():
                if isinstance(child, dict) and isinstance(child.get("code"), str):
                    yield key, child["code"], str(child.get("naim") or "")
                yield from _walk(child)


def _tnved_file(directory: Path) -> tuple[Path, str] | None:
    found = []
    for path in directory.glob("tnved-eaeu-*.json"):
        match = _TNVED_FILE_RE.match(path.name)
        if match:
            found.append((match.group(1), path))
    if not found:
        return None
    year, path = max(found)
    return path, f"TN VED EAEU {year}"


@functools.lru_cache(maxsize=8)
def _load(directory: Path) -> Nomenclature | None:
    located = _tnved_file(directory)
    if located is None:
        return None
    path, edition = located
    with path.open(encoding="utf-8") as fh:
        tree = json.load(fh)
    names: dict[str, str] = {}
    headings: dict[str, str] = {}
    for kind, code, name in _walk(tree):
        if kind == "subs" and len(code) == 10 and code.isdigit():
            names[code] = name
        elif kind == "goods" and len(code) == 4 and code.isdigit():
            headings[code] = name
    hs6: set[str] = set()
    hs_path = directory / "hs2022.csv"
    if hs_path.is_file():
        with hs_path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                code = (row.get("hscode") or "").strip()
                if len(code) == 6 and code.isdigit():
                    hs6.add(code)
    return Nomenclature(edition=edition, names=names, hs6=frozenset(hs6), headings=headings)


def load_nomenclature(directory: Path | str | None) -> Nomenclature | None:
    """Load the nomenclature from ``directory`` (cached per path), or None when absent.

    Reads ``tnved-eaeu-YYYY.json`` (the latest year present) and, if there,
    ``hs2022.csv``. A malformed file raises ``ValueError`` (``json.JSONDecodeError``).
    """
    if directory is None:
        return None
    path = Path(directory).expanduser().resolve()
    if not path.is_dir():
        return None
    return _load(path)


def default_reference_dir() -> Path | None:
    """Where the reference data lives: ``$DOCSCREEN_REFERENCE_DIR``, else ``../shared/reference``
    beside the repository root (the directory holding ``pyproject.toml``), else None."""
    configured = os.environ.get(REFERENCE_DIR_ENV)
    if configured:
        path = Path(configured).expanduser()
        return path if path.is_dir() else None
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file():
            candidate = parent.parent / "shared" / "reference"
            return candidate if candidate.is_dir() else None
    return None
