"""Tolerances and thresholds of the rules, as validated settings."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class CheckSettings(BaseModel):
    """Knobs of the rules engine; defaults lean towards not rejecting a valid filing."""

    model_config = ConfigDict(frozen=True)

    weight_tolerance_rel: Annotated[float, Field(ge=0, le=1)] = 0.02
    """Declared and documented weights agree when within this share of the larger..."""
    weight_tolerance_abs_kg: Annotated[float, Field(ge=0)] = 1.0
    """...or within this many kilograms, whichever is larger."""
    gross_slack: Annotated[float, Field(ge=0)] = 0.3
    """A gross weight up to this share above a declared net weight still points at the same goods."""
    date_tolerance_days: Annotated[int, Field(ge=0, le=366)] = 0
    confident_reading: Annotated[float, Field(ge=0, le=1)] = 0.6
    """A reading below this confidence that disagrees is a warning for the moderator, never an error."""
    require_verified: bool = True
    """An OCR reading must also have passed a checksum or look-up (`FieldValue.verified`) to ground an error."""
    trust_digital_text: bool = True
    """Values read from a PDF text layer or a spreadsheet count as verified: they were not guessed from pixels."""
    classifier_confident: Annotated[float, Field(ge=0, le=1)] = 0.8
    """Below this the document type is not trusted enough to tell the payer the type is wrong."""
    unreadable_page_confidence: Annotated[float, Field(ge=0, le=1)] = 0.5
    """Mean OCR word confidence of a page below which it is asked to be re-scanned."""
    unrecognised_scan_confidence: Annotated[float, Field(ge=0, le=1)] = 0.6
    """A scan declared as a document, in which none is recognised and whose every page's mean OCR
    confidence is below this, is taken as unreadable (a blurred or faint scan: OCR reads noise)."""
    blank_page_words: Annotated[int, Field(ge=0)] = 3
    """An OCR page with fewer words than this is blank or unreadable."""
    readable_page_sure_words: Annotated[int, Field(ge=1)] = 10
    """An OCR page with this many words read surely is not unreadable, however low its mean confidence: a
    phone photo's shadows and specks drag the mean down while its text reads (a person reads it too)."""
    illegible_contrast: Annotated[float, Field(ge=0, le=255)] = 50.0
    illegible_sharpness: Annotated[float, Field(ge=0)] = 60.0
    """A raster with less contrast than this (grey levels, ink to paper) and less sharpness (Laplacian variance at
    150 dpi) is washed out, dark or blurred past a person's reading: the payer must scan it again (an error, not the
    moderator's warning), even where OCR read it stretched to full contrast. On the bench's 240 scans and photos
    the pages made unreadable on purpose measure 0-40 and 0.3-52; the readable ones with so little contrast are
    sharp (sparse bilevel faxes, faint but crisp print: 100 and more), and the readable ones so soft have 120
    levels or more."""
    blurred_sharpness: Annotated[float, Field(ge=0)] = 4.0
    """Sharpness below which a raster is blurred past reading whatever its contrast (the bench's blurred pages:
    0.3-5; its softest readable phone photos: 11 and more)."""
    duplicate_phash_distance: Annotated[int, Field(ge=0, le=64)] = 4
    """Two page images at most this Hamming distance apart (imagehash) are the same scan."""
