"""Typed validation errors shared by every identifier module (python-stdnum style).

Callers catch :class:`ValidationError` (a ``ValueError``) and may inspect the
subclass to tell a wrong length from a bad check digit.
"""

from __future__ import annotations


class ValidationError(ValueError):
    """The value is not a valid identifier or value of the expected kind."""

    message = "The value is invalid."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class InvalidLength(ValidationError):
    """The compacted value has the wrong number of characters."""

    message = "The value has an invalid length."


class InvalidFormat(ValidationError):
    """The value contains characters or a layout that cannot occur."""

    message = "The value has an invalid format."


class InvalidChecksum(ValidationError):
    """The check digit does not match the rest of the value."""

    message = "The value's check digit or checksum is invalid."


class InvalidComponent(ValidationError):
    """A part of the value (chapter, month, country prefix...) is out of range."""

    message = "One of the parts of the value is invalid."
