"""Rasters of pages: PDF pages rendered by pdfium, image frames opened by Pillow, all as RGB numpy arrays."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageOps

from extractor.cleanup import A4_WIDTH_IN, PAGE_SHORT_SIDE_IN
from extractor.errors import CorruptFileError, TooManyPagesError, TooManyPixelsError
from extractor.textlayer import open_pdf

try:  # HEIC phone photos
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - HEIC is then reported as unsupported by Pillow
    pass


def render_pdf_page(data: bytes, index: int, dpi: int, max_pixels: int) -> np.ndarray:
    """One page (0-based) as RGB at `dpi`, refusing pages whose raster would exceed `max_pixels`.

    A page wider than any paper is a photo whose pixels were taken for points (a phone's 72 dpi: 3024 pixels make
    a 42-inch page): it is rendered as an A4 sheet at `dpi`, not as 42 inches of it, upsampled past the photo's own
    pixels."""
    doc = open_pdf(data)
    try:
        page = doc[index]
        w_pt, h_pt = page.get_size()
        scale = dpi / 72.0
        if min(w_pt, h_pt) / 72.0 > PAGE_SHORT_SIDE_IN[1]:
            scale = A4_WIDTH_IN * dpi / min(w_pt, h_pt)
        if w_pt * h_pt * scale * scale > max_pixels:
            scale = (max_pixels / (w_pt * h_pt)) ** 0.5
            if scale * 72 < 50:
                raise TooManyPixelsError(f"page {index + 1} is {w_pt / 72:.0f} x {h_pt / 72:.0f} inches")
        bitmap = page.render(scale=scale)
        img = bitmap.to_numpy()
        mode = bitmap.mode
        page.close()
    finally:
        doc.close()
    if mode in ("BGRA", "BGRX"):
        return np.ascontiguousarray(img[:, :, 2::-1])
    if mode == "BGR":
        return np.ascontiguousarray(img[:, :, ::-1])
    if img.ndim == 2:
        return np.stack([img] * 3, axis=-1)
    return np.ascontiguousarray(img[:, :, :3])


def image_frame_count(data: bytes, max_pixels: int) -> int:
    with _open_image(data, max_pixels) as im:
        return int(getattr(im, "n_frames", 1))


def load_image_frame(data: bytes, index: int, max_pixels: int) -> tuple[np.ndarray, int | None]:
    """Frame `index` as upright RGB (EXIF orientation applied) and the dpi it claims, if any."""
    with _open_image(data, max_pixels) as im:
        if index:
            im.seek(index)
        dpi = im.info.get("dpi")
        frame = ImageOps.exif_transpose(im) if index == 0 else im
        rgb = frame.convert("RGB")
    claimed = int(round(float(dpi[0]))) if dpi and dpi[0] else None
    return np.asarray(rgb), claimed



def _open_image(data: bytes, max_pixels: int) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        im = Image.open(io.BytesIO(data))
        im.size  # noqa: B018 - forces the header to be read
    except Image.DecompressionBombError as e:
        raise TooManyPixelsError(str(e)) from e
    except Exception as e:  # Pillow raises many kinds on bad bytes
        raise CorruptFileError(f"image cannot be opened: {e}") from e
    w, h = im.size
    if w * h > max_pixels:
        raise TooManyPixelsError(f"image of {w} x {h} pixels exceeds the limit of {max_pixels}")
    frames = int(getattr(im, "n_frames", 1))
    if frames > 1000:
        raise TooManyPagesError(f"image has {frames} frames")
    return im
