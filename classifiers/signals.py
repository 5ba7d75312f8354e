"""Per-type knowledge (titles, box labels, patterns) loaded from ``signals.json`` and checked against a schema.

The data file, not the code, says what an invoice or a CMR looks like, so adding a title in a new language is a
data change. A malformed file raises ``SignalsError`` naming the problem, never an ``assert``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from classifiers.labels import DocType
from classifiers.normalize import fold, squash

DEFAULT_PATH = Path(__file__).with_name("signals.json")


class SignalsError(ValueError):
    """The signals file is missing, not JSON, or does not follow the schema."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compile(value: str) -> str:
    try:
        re.compile(value)
    except re.error as e:
        raise ValueError(f"bad regular expression {value!r}: {e}") from e
    return value


class Phrase(_Strict):
    text: Annotated[str, Field(min_length=1)]
    weight: Annotated[float, Field(gt=0, le=5)] = 1.0
    kind: str | None = None
    """What an `other` document under this title is (`power_of_attorney`): papers an application may rightly carry."""
    continues: bool = False
    """A continuation sheet's title (`добавочный лист`): it types its page but never opens a document."""

    @field_validator("text")
    @classmethod
    def _foldable(cls, v: str) -> str:
        if not fold(v):
            raise ValueError(f"phrase {v!r} has no letters or digits")
        return v

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def squashed(self) -> str:
        return squash(self.text)


class Pattern(_Strict):
    regex: str
    weight: Annotated[float, Field(gt=0, le=5)] = 1.0

    _check = field_validator("regex")(lambda cls, v: _compile(v))

    @property
    def compiled(self) -> re.Pattern[str]:
        return compiled_regex(self.regex)


class TypeSignals(_Strict):
    titles: list[Phrase] = Field(min_length=1)
    keywords: list[Phrase] = Field(default_factory=list)
    patterns: list[Pattern] = Field(default_factory=list)

    @field_validator("titles", "keywords", mode="before")
    @classmethod
    def _plain_strings(cls, v: object) -> object:
        """A bare string is a phrase of weight 1."""
        if isinstance(v, list):
            return [{"text": x} if isinstance(x, str) else x for x in v]
        return v


class Weights(_Strict):
    title: Annotated[float, Field(gt=0)] = 4.0
    keyword: Annotated[float, Field(gt=0)] = 0.6
    keyword_cap: Annotated[float, Field(gt=0)] = 3.0
    keyword_excess: Annotated[float, Field(ge=0, le=1)] = 0.1
    """What keywords beyond the cap still add, per unit of their weight: a declaration's scan naming fourteen of its
    box titles and an invoice's five price words no longer tie when OCR lost the title."""
    pattern: Annotated[float, Field(gt=0)] = 2.0


class PageMarkers(_Strict):
    of_total: str
    single: str

    _check = field_validator("of_total", "single")(lambda cls, v: _compile(v))


class Identifiers(_Strict):
    registration: str
    document_number: str

    _check = field_validator("registration", "document_number")(lambda cls, v: _compile(v))


class SpreadsheetRule(_Strict):
    """A spreadsheet whose cells hold one phrase of every group is of ``doc_type`` (gross and net columns)."""

    doc_type: DocType
    weight: Annotated[float, Field(gt=0)] = 4.0
    all_of: list[list[Annotated[str, Field(min_length=1)]]] = Field(min_length=1)


class Signals(_Strict):
    version: int = Field(ge=1, le=1)
    weights: Weights = Weights()
    types: dict[DocType, TypeSignals]
    page_markers: PageMarkers
    identifiers: Identifiers
    spreadsheet: list[SpreadsheetRule] = Field(default_factory=list)
    references: list[Phrase] = Field(default_factory=list)
    """Words that name another document (`к инвойсу №`): a title phrase on their line is that document's."""
    attachment_labels: list[Phrase] = Field(default_factory=list)
    """Box labels over a list of other documents (a CMR's `Documents attached`): title phrases on their line and
    on the two lines after are those documents'."""

    @field_validator("types")
    @classmethod
    def _every_type(cls, v: dict[DocType, TypeSignals]) -> dict[DocType, TypeSignals]:
        missing = [t.value for t in DocType if t not in v]
        if missing:
            raise ValueError(f"no signals for {', '.join(missing)}")
        return v


@cache
def compiled_regex(value: str) -> re.Pattern[str]:
    return re.compile(value)


def parse_signals(data: object, source: str = "<data>") -> Signals:
    """Validated signals from already-parsed JSON."""
    try:
        return Signals.model_validate(data)
    except ValidationError as e:
        raise SignalsError(f"{source}: {e}") from e


def load_signals(path: Path | str | None = None) -> Signals:
    """Signals from a JSON file (the packaged ``signals.json`` by default)."""
    p = Path(path) if path is not None else DEFAULT_PATH
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise SignalsError(f"{p}: cannot read: {e}") from e
    except json.JSONDecodeError as e:
        raise SignalsError(f"{p}: not JSON: {e}") from e
    return parse_signals(data, str(p))


@cache
def default_signals() -> Signals:
    return load_signals()
