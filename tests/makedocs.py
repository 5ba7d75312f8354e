"""Real documents made by the tests themselves: PDFs with a Cyrillic text layer, rasters, rotated scans."""

from __future__ import annotations

import io
import random
import re

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from fixtures import model
from fixtures.render import spec

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


_UPRIGHT_AFTER = {90: (1, 0, 90), 180: (1, 1, 180), 270: (0, 1, -90)}
"""Per `/Rotate`: the corner (in page widths, heights) to move the origin to and the turn that draws text upright
on the page as shown."""


def text_pdf(lines: list[str], *, pages: int = 1, password: str | None = None, rotate: int = 0,
             unmapped: str = "") -> bytes:
    """With `rotate`, each page is stored turned, with that `/Rotate` and its text drawn turned, so viewers show
    an upright A4 page (how print drivers and scanners store pages they turned). The letters in `unmapped` are
    drawn but have no Unicode in the font's ToUnicode map (U+FFFD), as in PDFs whose font subsets lost them."""
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=password, pageCompression=0 if unmapped else None)
    stored = (A4[1], A4[0]) if rotate in (90, 270) else A4  # reportlab turns the media box with the page
    for _ in range(pages):
        if rotate:
            c.setPageRotation(rotate)
            dx, dy, turn = _UPRIGHT_AFTER[rotate]
            c.translate(dx * stored[0], dy * stored[1])
            c.rotate(turn)
        c.setFont("DejaVu", 11)
        for i, line in enumerate(lines):
            c.drawString(60, A4[1] - 62 - i * 22, line)
        c.showPage()
    c.save()
    if not unmapped:
        return buf.getvalue()
    # the map's entries are `<glyph> <unicode>` in hex: a same-length edit leaves every offset in the file right
    lost = {f"<{ord(ch):04X}>".encode() for ch in unmapped}
    return re.sub(rb"<[0-9A-F]{4}>", lambda m: b"<FFFD>" if m.group(0) in lost else m.group(0), buf.getvalue())


def sandwich_pdf(img: Image.Image, layer: list[str]) -> bytes:
    """A scan with an OCR tool's invisible text layer over it (render mode 3), as scanners and OCRmyPDF make."""
    from reportlab.lib.utils import ImageReader

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
    text = c.beginText()
    text.setTextRenderMode(3)
    text.setFont("DejaVu", 11)
    for i, line in enumerate(layer):
        text.setTextOrigin(58, A4[1] - 70 - i * 22)
        text.textLine(line)
    c.drawText(text)
    c.showPage()
    c.save()
    return buf.getvalue()


def page_image(lines: list[str], *, dpi: int = 300, size: int = 11) -> Image.Image:
    """An A4 page at `dpi` with the lines printed in `size` pt."""
    w, h = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, int(size * dpi / 72))
    y = int(0.8 * dpi)
    for line in lines:
        draw.text((int(0.8 * dpi), y), line, font=font, fill=0)
        y += int(size * 2.0 * dpi / 72)
    return img


def encode(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


def add_noise(img: Image.Image, amount: float, seed: int = 1) -> Image.Image:
    rng = np.random.default_rng(seed)
    a = np.asarray(img.convert("L")).astype(np.int16)
    a = a + rng.normal(0, amount, a.shape).astype(np.int16)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))




def shipment_for(template: str) -> model.DocData:
    """A shipment the fixture template suits (vehicles for vehicle forms, EAEU for the счёт-фактура, ...)."""
    for k in range(200):
        for case in ["noneaeu_vehicle", "eaeu_vehicle", "noneaeu_general", "eaeu_general", "producer", "eaeu_packaging"]:
            d = model.build(random.Random(k), case)
            if spec(template).suits(d):
                return d
    raise AssertionError(f"no shipment suits {template}")
