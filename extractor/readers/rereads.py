"""Puts a page pass's words right from the page's re-reads: each reader says which re-reads it trusts and how a
line's words are mended by them."""

from __future__ import annotations

from collections.abc import Callable

from extractor.models import Word
from extractor.readers.layout import Line


def rereads_by_page(lines: list[Line], keep: Callable[[Word], bool]) -> dict[int, list[Word]]:
    """The re-read words `keep` takes, by page (a re-read line is one word: a run read as one)."""
    out: dict[int, list[Word]] = {}
    for ln in lines:
        if ln.reread and len(ln.words) == 1 and keep(ln.words[0]):
            out.setdefault(ln.page, []).append(ln.words[0])
    return out


def mended_lines(lines: list[Line], rereads: dict[int, list[Word]],
                 mend: Callable[[list[Word], list[Word]], list[Word]]) -> list[Line]:
    """The lines with each page-pass line's words as `mend` puts them right from its page's re-reads; `mend`
    returns the very list it was given when it changes nothing, and the line stays as it was."""
    out: list[Line] = []
    for ln in lines:
        words = ln.words if ln.reread or ln.page not in rereads else mend(ln.words, rereads[ln.page])
        out.append(ln if words is ln.words else Line.of(ln.page, words))
    return out
