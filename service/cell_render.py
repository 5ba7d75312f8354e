"""Evidence images for pages made of cells (XLSX, XLS, CSV, DOCX), which have no picture of their own: the rows
around a value drawn as a small table with its cell framed, and the sheet's column letters and row numbers, so a
moderator sees the figure among its neighbours and can find it in the file."""

from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from extractor.models import Page, PageSource

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
MAX_CHARS = 40
"""A cell's text is cut after this many characters: a description column must not push the figures off the image."""
MAX_SPILL_CHARS = 100
"""A row's last text, which runs on over empty cells (a title), is cut only after this many."""
AROUND = 6
"""Rows shown above and below the framed cell in a thumbnail."""
MAX_ROWS = 60
"""Rows shown in a full view: the framed one near the middle, or the sheet's first ones."""

_BOX = (220, 30, 30)
_HIGHLIGHT = (255, 243, 176)
_GRID = (200, 200, 200)
_HEADER = (238, 238, 238)


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the spreadsheet's own column names."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_cell_page_png(
    page: Page, *, box: tuple[float, float, float, float] | None = None, dpi: int = 100, crop: bool = False
) -> bytes:
    size = max(8, round(11 * dpi / 100))
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont = (
        ImageFont.truetype(str(FONT), size) if FONT.exists() else ImageFont.load_default()
    )
    cells = {(int(w.bbox[1]), int(w.bbox[0])): w.text for w in page.words}
    n_rows = max([r + 1 for r, _ in cells] + [1])
    framed = None
    if box is not None:
        x0, y0, x1, y1 = box
        framed = (max(0, int(x0)), max(0, int(y0)), max(int(x0) + 1, math.ceil(x1)), max(int(y0) + 1, math.ceil(y1)))
    if framed is not None and crop:
        first, last = max(0, framed[1] - AROUND), min(n_rows, framed[3] + AROUND)
    elif framed is not None:
        first = max(0, min(framed[1] - MAX_ROWS // 2, n_rows - MAX_ROWS))
        last = min(n_rows, first + MAX_ROWS)
    else:
        first, last = 0, min(n_rows, MAX_ROWS)
    shown = sorted({c for (r, c) in cells if first <= r < last} | set(range(framed[0], framed[2]) if framed else ()))
    labelled = page.source is PageSource.spreadsheet  # a Word document's rows and columns have no names
    pad, line_h = size // 2, size + size // 2 + 4
    last_col = {r: max(c for (rr, c) in cells if rr == r) for r in range(first, last) if any(rr == r for rr, _ in cells)}
    # a row's last text runs on over the empty cells to its right, as a spreadsheet shows it (a title, a
    # `Грузоотправитель: ...` line), instead of widening its column for every row
    spills = {(r, c) for r, c in cells if first <= r < last and c == last_col[r] and c != shown[-1]}
    cells = {rc: _clip(t, MAX_SPILL_CHARS if rc in spills else MAX_CHARS) for rc, t in cells.items()}
    widths = {c: max([font.getlength(t) for (r, cc), t in cells.items()
                      if cc == c and first <= r < last and (r, cc) not in spills] + [2 * size]) + 2 * pad
              for c in shown}
    label_w = font.getlength(str(last)) + 2 * pad if labelled else 0
    x_of: dict[int, float] = {}
    x = label_w
    for c in shown:
        x_of[c] = x
        x += widths[c]
    top = line_h if labelled else 0
    x = max([x] + [x_of[c] + font.getlength(cells[(r, c)]) + 2 * pad for r, c in spills])
    img = Image.new("RGB", (max(1, int(x) + 1), max(1, top + (last - first) * line_h + 1)), "white")
    draw = ImageDraw.Draw(img)

    def y_of(r: int) -> int:
        return top + (r - first) * line_h

    if framed is not None:
        for r in range(max(first, framed[1]), min(last, framed[3])):
            for c in range(framed[0], framed[2]):
                if c in x_of:
                    draw.rectangle((x_of[c], y_of(r), x_of[c] + widths[c], y_of(r) + line_h), fill=_HIGHLIGHT)
    if labelled:
        draw.rectangle((0, 0, img.width, top), fill=_HEADER)
        draw.rectangle((0, 0, label_w, img.height), fill=_HEADER)
        for c in shown:
            draw.text((x_of[c] + pad, 2), column_letters(c), fill="black", font=font)
    for c in shown:
        draw.line((x_of[c], 0, x_of[c], img.height), fill=_GRID)
    for r in range(first, last):
        if labelled:
            draw.text((pad, y_of(r) + 2), str(r + 1), fill="black", font=font)
        draw.line((0, y_of(r) + line_h, img.width, y_of(r) + line_h), fill=_GRID)
        for c in shown:
            if (t := cells.get((r, c))) is not None:
                if (r, c) in spills:  # over the grid of the empty cells it runs on into
                    draw.rectangle((x_of[c] + 1, y_of(r) + 1, x_of[c] + font.getlength(t) + 2 * pad,
                                    y_of(r) + line_h - 1), fill="white")
                draw.text((x_of[c] + pad, y_of(r) + 2), t, fill="black", font=font)
    if framed is not None and framed[0] in x_of:
        right = max(x_of[c] + widths[c] for c in range(framed[0], framed[2]) if c in x_of)
        rows = (max(first, framed[1]), min(last, framed[3]))
        if rows[0] < rows[1]:
            draw.rectangle((x_of[framed[0]], y_of(rows[0]), right, y_of(rows[1])), outline=_BOX, width=max(2, size // 5))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()
