"""What the pipeline knows about each uploaded file beyond the documents read from it.

The rules on duplicates, unreadable scans and files that would not open need the file
itself (hash, extraction error, per-page OCR quality, page images), not the documents
found in it: a file that failed extraction yields no documents at all.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from extractor.models import ExtractedFile

SURE_WORD = 0.9
"""OCR confidence at which a word is taken as read: on the bench's deliberately unreadable scans OCR reads at most
five such words a page, on hard but readable photos dozens."""


class PageEvidence(BaseModel):
    number: int = Field(ge=1)
    source: str = Field(default="ocr", description="text_layer, ocr, spreadsheet or text (extractor PageSource)")
    mean_confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    word_count: int = Field(default=0, ge=0)
    sure_words: int = Field(
        default=0, ge=0, description="words of three or more characters OCR read with 0.9 confidence or more")
    image_hash: str | None = Field(default=None, description="imagehash hex string of the page image")
    contrast: float | None = Field(default=None, description="the raster's ink-to-paper grey levels as uploaded")
    sharpness: float | None = Field(default=None, description="the raster's Laplacian variance as uploaded")


class FileEvidence(BaseModel):
    name: str
    sha256: str = ""
    declared_type: str | None = None
    error_code: str | None = Field(
        default=None,
        description="extraction error: unsupported_file, empty_file, corrupt_file, encrypted_file, too_large, "
        "too_many_pages, too_many_pixels, timeout",
    )
    error_message: str | None = None
    page_count: int = Field(default=0, ge=0)
    pages: list[PageEvidence] = Field(default_factory=list)
    seen_in: list[str] = Field(
        default_factory=list,
        description="other applications in which the same file (hash) was already filed, when the service knows",
    )

    def page(self, number: int) -> PageEvidence | None:
        return next((p for p in self.pages if p.number == number), None)

    @classmethod
    def from_extracted(cls, extracted: ExtractedFile, declared_type: str | None = None) -> FileEvidence:
        """Evidence of a file as the extractor left it."""
        return cls(
            name=extracted.name,
            sha256=extracted.sha256,
            declared_type=declared_type,
            error_code=str(extracted.error.code) if extracted.error else None,
            error_message=extracted.error.message if extracted.error else None,
            page_count=len(extracted.pages),
            pages=[
                PageEvidence(
                    number=p.number,
                    source=str(p.source),
                    mean_confidence=p.mean_confidence,
                    word_count=len(p.words),
                    sure_words=sum(1 for w in p.words if len(w.text) >= 3 and w.confidence >= SURE_WORD),
                    image_hash=p.image_hash,
                    contrast=p.contrast,
                    sharpness=p.sharpness,
                )
                for p in extracted.pages
            ],
        )
