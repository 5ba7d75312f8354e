"""Limits and locations for extraction, validated and overridable by DOCSCREEN_* environment variables."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DPI = 300
"""PDF pages are rendered at this resolution for OCR."""


OcrProfile = Literal["accurate", "fast"]


class ExtractSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOCSCREEN_", extra="ignore")

    max_file_bytes: Annotated[int, Field(ge=1)] = 50 * 1024 * 1024
    max_pages: Annotated[int, Field(ge=1)] = 200
    max_image_pixels: Annotated[int, Field(ge=1)] = 120_000_000
    max_page_inches: Annotated[float, Field(gt=0)] = 200.0
    """A PDF made of a phone's photo gives each pixel a point: a 50-megapixel photo's page is 113 inches long, and
    PDF allows 200. Such pages are rendered as A4 sheets; the raster's size is bounded by `max_image_pixels`."""
    ocr_timeout: Annotated[float, Field(ge=1)] = 120.0
    parse_timeout: Annotated[float, Field(ge=1)] = 60.0
    worker_memory_mb: Annotated[int, Field(ge=256)] = 3072
    dpi: Annotated[int, Field(ge=72, le=600)] = DEFAULT_DPI
    workers: Annotated[int, Field(ge=1, le=64)] = max(1, min(os.cpu_count() or 1, 8))
    cache_dir: Path | None = REPO_ROOT / "var" / "cache"
    reread_codes: bool = True
    codeline_model: Path | None = REPO_ROOT / "var" / "models" / "codeline" / "model.pt"
    """The code-line recogniser that re-reads codes beside Tesseract (`extractor.codeline`); built at set-up. None, or
    no file there, leaves the re-read to Tesseract."""
    ocr_profile: OcrProfile = "accurate"
    """`fast` reads a low-resolution scan as it is, without upscaling it to 300 dpi (the code re-reads still upscale
    their crops), trusts the orientation detector without the strip test and skips the re-read of blocks the layout
    analysis missed: 1.4 times bare Tesseract instead of 3.0 in the last bench, for fewer values read
    (docs/benchmarks.md).
    For re-checking an archive when time matters more than the last values; `accurate` is the default."""


@lru_cache(maxsize=1)
def default_settings() -> ExtractSettings:
    return ExtractSettings()
