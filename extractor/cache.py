"""On-disk cache of extraction results keyed by file content and pipeline version."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from extractor.models import ExtractedFile


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ExtractCache:
    def __init__(self, root: Path, version: str) -> None:
        self.root = root
        self.version = version
        self.hits = 0
        self.misses = 0

    def _path(self, sha256: str) -> Path:
        return self.root / self.version / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str) -> ExtractedFile | None:
        path = self._path(sha256)
        try:
            result = ExtractedFile.model_validate_json(path.read_bytes())
        except (OSError, ValidationError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, result: ExtractedFile) -> None:
        path = self._path(result.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(result.model_dump_json().encode())
        os.replace(tmp, path)
