"""Typed results of extraction: files, pages, words, with geometry and confidence.

Stored as they are by the cache, the API and the archive, so keep them plain and exportable.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

BBox = tuple[float, float, float, float]
"""x0, y0, x1, y1 in page units (PDF points for text-layer pages, pixels for rasters)."""


def union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def same_box(a: BBox, b: BBox) -> bool:
    """The same box read twice: most of the smaller one lies inside the other (neighbouring lines merely touch)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return False
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h >= 0.5 * max(smaller, 1e-6)


class FileKind(StrEnum):
    pdf = "pdf"
    jpeg = "jpeg"
    png = "png"
    tiff = "tiff"
    webp = "webp"
    heic = "heic"
    xlsx = "xlsx"
    xls = "xls"
    docx = "docx"
    csv = "csv"
    unsupported = "unsupported"


class PageSource(StrEnum):
    text_layer = "text_layer"
    ocr = "ocr"
    spreadsheet = "spreadsheet"
    text = "text"


class ErrorCode(StrEnum):
    unsupported_file = "unsupported_file"
    empty_file = "empty_file"
    corrupt_file = "corrupt_file"
    encrypted_file = "encrypted_file"
    too_large = "too_large"
    too_many_pages = "too_many_pages"
    too_many_pixels = "too_many_pixels"
    timeout = "timeout"


class ExtractionError(BaseModel):
    code: ErrorCode
    message: str


class Word(BaseModel):
    text: str
    bbox: BBox
    confidence: float = Field(ge=0.0, le=1.0)
    line_id: int = 0
    block_id: int = 0
    alternatives: list[str] = Field(
        default_factory=list,
        description="Other readings of the same box (targeted re-read, homoglyph repair), best first.",
    )


class Page(BaseModel):
    number: int = Field(ge=1, description="1-based page number within the file")
    width: float
    height: float
    unit: str = Field(description="'pt' for text-layer pages, 'px' for rasters, 'cell' for spreadsheets")
    source: PageSource
    dpi: int | None = None
    rotation: int = Field(default=0, description="clockwise degrees applied to make the page upright")
    skew: float = 0.0
    languages: str | None = None
    mean_confidence: float = 1.0
    words: list[Word] = Field(default_factory=list)
    image_hash: str | None = Field(default=None, description="perceptual hash of the page image")
    transform: list[float] | None = Field(
        default=None,
        description="row-major 3x3 matrix from the source raster (at `dpi`) to the processed page the boxes refer to",
    )
    rereads: list[Word] = Field(
        default_factory=list,
        description="code-like regions read again with a whitelist (VINs, HS codes, numbers), with their boxes",
    )
    contrast: float | None = Field(
        default=None, description="a raster's grey levels from ink to paper (1st to 99th percentile) as uploaded")
    sharpness: float | None = Field(
        default=None, description="a raster's variance of the Laplacian at 150 dpi or less, as uploaded (blur: ~0)")
    error: ExtractionError | None = None

    def lines(self) -> list[list[Word]]:
        """Words grouped by line id, in reading order."""
        groups: dict[int, list[Word]] = {}
        for w in self.words:
            groups.setdefault(w.line_id, []).append(w)
        ordered = sorted(groups.values(), key=lambda ws: (min(w.bbox[1] for w in ws), min(w.bbox[0] for w in ws)))
        return [sorted(ws, key=lambda w: w.bbox[0]) for ws in ordered]

    @property
    def text(self) -> str:
        return "\n".join(" ".join(w.text for w in line) for line in self.lines())


class ExtractedFile(BaseModel):
    name: str
    sha256: str
    size: int
    kind: FileKind
    pipeline_version: str
    pages: list[Page] = Field(default_factory=list)
    error: ExtractionError | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None
