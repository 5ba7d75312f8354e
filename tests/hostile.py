"""Hostile files, built by code so nothing large is committed. Each says what it is."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def raw_pdf(objects: list[str], root: int = 1) -> bytes:
    """A PDF assembled by hand with a correct xref, for page trees no library would write."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer << /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def many_pages_pdf(pages: int) -> bytes:
    """`pages` empty pages: a page tree far over the page limit."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>"]
    objs += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * pages
    return raw_pdf(objs)


def huge_page_pdf(inches: int = 250) -> bytes:
    """One page of `inches` x `inches`: rendering it at 300 dpi would need 5.6 gigapixels, and PDF allows 200 inches."""
    side = inches * 72
    return raw_pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side} {side}] >>",
    ])


def recursive_pdf() -> bytes:
    """A page tree whose node lists itself as its own kid."""
    return raw_pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ])


def broken_xref_pdf() -> bytes:
    """A valid-looking PDF whose xref points at the wrong offsets."""
    good = huge_page_pdf(8)
    return good.replace(b"0000000009 00000 n", b"0000099999 00000 n")


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG header claiming 10 gigapixels over a few bytes of data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def many_frames_tiff(frames: int = 1000) -> bytes:
    """A TIFF with `frames` tiny frames."""
    imgs = [Image.new("L", (8, 8), 255) for _ in range(frames)]
    buf = io.BytesIO()
    imgs[0].save(buf, format="TIFF", save_all=True, append_images=imgs[1:])
    return buf.getvalue()
