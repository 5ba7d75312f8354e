"""Typed extraction errors, each carrying the report code it becomes (OCRmyPDF's habit)."""

from __future__ import annotations

import zipfile
import zlib

from extractor.models import ErrorCode, ExtractionError


class ExtractError(Exception):
    code: ErrorCode = ErrorCode.corrupt_file

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_model(self) -> ExtractionError:
        return ExtractionError(code=self.code, message=self.message)


class UnsupportedFileError(ExtractError):
    code = ErrorCode.unsupported_file


class EmptyFileError(ExtractError):
    code = ErrorCode.empty_file


class CorruptFileError(ExtractError):
    code = ErrorCode.corrupt_file


class EncryptedFileError(ExtractError):
    code = ErrorCode.encrypted_file


class TooLargeError(ExtractError):
    code = ErrorCode.too_large


class TooManyPagesError(ExtractError):
    code = ErrorCode.too_many_pages


class TooManyPixelsError(ExtractError):
    code = ErrorCode.too_many_pixels


class ExtractTimeoutError(ExtractError):
    code = ErrorCode.timeout


ZIP_ERRORS = (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError, zlib.error)
"""What the zip library raises on a damaged package: besides its own error, a member's version or compression
method it cannot read (`NotImplementedError: zip file version 14.8`) and a truncated or garbled stream."""
