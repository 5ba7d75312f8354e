"""OpenCV clean-up of a page raster before OCR.

Every geometric step is recorded in one 3x3 matrix from the source raster to the cleaned page, so evidence boxes
found on the cleaned page can be drawn on a re-rendered page without running OCR again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
import numpy.typing as npt

TARGET_DPI = 300
A4_WIDTH_IN = 8.27
PAGE_SHORT_SIDE_IN = (3.5, 17.0)
"""Short sides a paper can have, a slip to past A3. A claimed dpi that puts the raster's short side outside them is
a camera's or an editor's default (phones write 72 into a 12-megapixel photo), not the scan's resolution."""


@dataclass
class Cleaned:
    image: np.ndarray  # grayscale uint8, upright, deskewed
    matrix: np.ndarray = field(default_factory=lambda: np.eye(3))
    rotation: int = 0
    skew: float = 0.0
    dpi: int = TARGET_DPI
    steps: list[str] = field(default_factory=list)
    spread: float = 255.0
    """Grey levels between paper and the darkest ink as uploaded, before any stretch; 0 for a blank page."""
    cells: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Boxes closed on all four sides by the rules `remove_ruling` whitened: a ruled table's cells, a form's boxes."""
    legibility: tuple[float, float] | None = None
    """The upload's own contrast and sharpness (`legibility`), before any clean-up improved them."""


@dataclass(frozen=True)
class CleanupOptions:
    perspective: bool = True
    flatten: bool = True
    stretch: bool = True
    upscale: bool = True
    orientation: bool = True
    deskew: bool = True
    denoise: bool = False
    """Off: in two 30-page ablations (docs/benchmarks.md) it found no value the others missed and cost 0.2 s a page."""
    remove_lines: bool = True
    bed: bool = False
    """Paint a scanner bed's black wedges and the deskew's corners in the paper's grey (clear_bed): a second try
    for a page that read as next to nothing, not a default (on the bench it moved as many values out as in)."""


def to_gray(rgb: np.ndarray) -> np.ndarray:
    return rgb if rgb.ndim == 2 else cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def estimate_dpi(gray: np.ndarray, claimed: int | None) -> int:
    """The claimed dpi when plausible, else one guessed from the short side being an A4 width."""
    short = min(gray.shape[:2])
    if claimed and 70 <= claimed <= 1200 and PAGE_SHORT_SIDE_IN[0] <= short / claimed <= PAGE_SHORT_SIDE_IN[1]:
        return claimed
    return max(50, int(round(short / A4_WIDTH_IN)))


def find_sheet(gray: np.ndarray) -> np.ndarray | None:
    """Corners of a paper sheet photographed on a darker background, or None when the sheet fills the frame.

    Two outlines are tried: the bright region (Otsu), and the strongest edges. A shadow across the sheet puts its
    darker part on the background's side of any one threshold, and the bright region was then half the sheet;
    the sheet's border stays a sharp edge however the light falls. The edge outline wins when clearly larger.
    """
    h, w = gray.shape
    scale = 800.0 / max(h, w)
    small = cv2.resize(gray, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    edges = cv2.dilate(cv2.Canny(blur, 30, 90), np.ones((3, 3), np.uint8))
    lit, outline = _sheet_quad(small, bright), _sheet_quad(small, edges)
    best = lit
    if outline is not None and (lit is None or cv2.contourArea(outline) > EDGE_GAIN * cv2.contourArea(lit)
                                or (edge_support(lit, edges) < LOOSE_SIDE and edge_support(outline, edges) >= SHARP_SIDE)):
        best = outline
    return None if best is None else _order_corners(best.reshape(4, 2).astype(np.float32) / scale)


EDGE_GAIN = 1.05
"""How much larger the edge outline must be to replace the bright region's: where the two agree, the bright
region's outline (which hugs the paper, not the edge's blur around it) is kept."""

LOOSE_SIDE, SHARP_SIDE = 0.5, 0.8
SIDE_SLACK = 9  # pixels of the 800-pixel copy
"""A bright region with a side that mostly runs along no edge has taken in a light patch of the background (a
corner of the quad out at the frame's corner); the edge outline, every side of it on an edge, replaces it."""


def edge_support(quad: np.ndarray, edges: np.ndarray) -> float:
    """The share of the weakest side's points that lie on or near an edge (the bright region's outline runs a few
    pixels inside the edge's); points along the frame's border do not count (a sheet the photo clips has no edge
    there)."""
    edges = cv2.dilate(edges, np.ones((SIDE_SLACK, SIDE_SLACK), np.uint8))
    h, w = edges.shape
    pts = quad.reshape(4, 2).astype(np.float64)
    worst = 1.0
    for a, b in zip(pts, np.roll(pts, -1, axis=0), strict=True):
        n = max(2, int(np.linalg.norm(b - a) / 2))
        xs, ys = np.linspace(a[0], b[0], n).round().astype(int), np.linspace(a[1], b[1], n).round().astype(int)
        inner = (xs > 2) & (xs < w - 3) & (ys > 2) & (ys < h - 3)
        if inner.sum() >= n // 2:
            worst = min(worst, float((edges[ys[inner], xs[inner]] > 0).mean()))
    return worst


def _sheet_quad(small: np.ndarray, mask: np.ndarray) -> np.ndarray | None:
    """The four-cornered outline of the largest shape in `mask`, when it is sheet-sized and darker around."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    hull = max((cv2.convexHull(c) for c in contours), key=cv2.contourArea)
    total = small.shape[0] * small.shape[1]
    if not 0.25 * total < cv2.contourArea(hull) < 0.93 * total:
        return None
    approx = None
    for eps in (0.02, 0.03, 0.04, 0.06, 0.08):  # a shadowed or clipped corner adds a vertex or two
        cand = cv2.approxPolyDP(hull, eps * cv2.arcLength(hull, True), True)
        if len(cand) == 4 and cv2.isContourConvex(cand):
            approx = cand
            break
    if approx is None:
        return None
    # the background must be clearly darker than the sheet
    inside = cv2.drawContours(np.zeros_like(small), [approx], -1, 255, -1)
    if small[inside == 0].size == 0 or small[inside > 0].mean() - small[inside == 0].mean() < 40:
        return None
    return approx


def _order_corners(pts: np.ndarray) -> np.ndarray:
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], dtype=np.float32)


def correct_perspective(c: Cleaned) -> Cleaned:
    corners = find_sheet(c.image)
    if corners is None:
        return c
    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    if width < 200 or height < 200:
        return c
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(corners, dst)
    warped = cv2.warpPerspective(c.image, m, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)
    dpi = max(50, int(round(min(width, height) / A4_WIDTH_IN)))
    return Cleaned(warped, m @ c.matrix, c.rotation, c.skew, dpi, [*c.steps, "perspective"])


def flatten_illumination(c: Cleaned) -> Cleaned:
    """Divides by a smooth background estimate so shadows and faint corners stop hiding text."""
    g = c.image
    h, w = g.shape
    small = cv2.resize(g, (max(8, w // 8), max(8, h // 8)), interpolation=cv2.INTER_AREA)
    bg_small = cv2.medianBlur(cv2.dilate(small, np.ones((7, 7), np.uint8)), 21)
    spread = float(np.percentile(bg_small, 95) - np.percentile(bg_small, 5))
    if spread < 25:
        return c
    bg = cv2.resize(bg_small, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    flat = np.clip(g.astype(np.float32) / np.maximum(bg, 1.0) * 255.0, 0, 255).astype(np.uint8)
    return Cleaned(flat, c.matrix, c.rotation, c.skew, c.dpi, [*c.steps, "flatten"])


def legibility(gray: np.ndarray, dpi: int) -> tuple[float, float]:
    """How a person would find the page as uploaded: its contrast (grey levels between the 1st and 99th percentile of
    the page, ink to paper; a washed-out or dark scan has a few dozen) and its sharpness (variance of the Laplacian
    at 150 dpi or less; a blurred one has almost none). Measured on the upload, before the clean-up hides both.
    A sparse page (a fax, a few lines) has under 1% ink, so its contrast reads low too: only both low is illegible."""
    low, high = grey_quantiles(gray, 0.01, 0.99)
    scale = min(1.0, LEGIBILITY_DPI / max(1, dpi))
    small = gray if scale >= 1.0 else cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return high - low, float(cv2.Laplacian(small, cv2.CV_32F).var())


LEGIBILITY_DPI = 150


FAINT_SPREAD = (6.0, 160.0)
"""Paper-to-darkest-ink spreads (grey levels) that get stretched: below, JPEG noise on blank paper; above, fine."""


GREY_INK = 100.0
"""The grey of a page's body text (the median of its ink, `body_ink`) from which a page is stretched to its paper,
though a few darker strokes (a bold heading, a stamp, the rules) give it a wide spread: Tesseract reads thin light
print on grey paper (a packing list's table in a typewriter face) as nothing until its strokes are dark."""
INK_MARGIN = 40.0
"""Grey levels under the paper's median from which a pixel counts as ink for `body_ink`."""


def body_ink(gray: np.ndarray, paper: float) -> float:
    """The median grey of the pixels darker than the paper by `INK_MARGIN`, from the histogram; 0 with none."""
    cut = int(paper - INK_MARGIN)
    if cut <= 0:
        return 0.0
    cum = np.cumsum(cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()[:cut])
    return float(np.searchsorted(cum, cum[-1] / 2)) if cum[-1] else 0.0


def _photographed(c: Cleaned) -> bool:
    """A phone photo's page: its sheet found in the picture, or its light evened out. A photo's strokes are blurred
    grey, not printed grey: stretching them from their median (`GREY_INK`) read 1212's photos worse, weights most."""
    return any(step.startswith(("perspective", "flatten")) for step in c.steps)


BLANK_INK_SHARE = 0.00005
"""Share of a page's pixels in letter-high strokes of ink, under which the page is blank: a page holding the one word
`VIN` has 0.009%, and on the bench's 262 scanned pages even those made illegible on purpose have 0.09% or more; a
blank sheet with JPEG-smeared dust, or a phone photo of grey paper, has none."""
BLANK_MEASURE_DPI = 150.0
INK_STROKE_HEIGHT = 7
"""Pixels a stroke of ink stands at the least, at 150 dpi (a small letter of 8-point type)."""


def ink_share(gray: np.ndarray, dpi: int) -> float:
    """The share of pixels in letter-high strokes darker than the paper around them: ink, not dust, grain or shade.

    The paper is the page closed over a letter's width (each pixel's neighbourhood with the strokes filled in), so a
    photo's shading is paper too. A blob darker than the paper's grain counts by its stroke, the pixels at least half
    as dark as its darkest: a JPEG-smeared speck is a dot in a halo of ringing, a letter's stroke stands tall.
    Tesseract's Otsu threshold finds 'ink' in any page's grain: a blank sheet with a few specks came back as 1 400
    words of noise."""
    scale = min(1.0, BLANK_MEASURE_DPI / max(1, dpi))
    small = gray if scale >= 1.0 else cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    diff = cv2.subtract(paper, small)
    usual = grey_quantiles(diff, 0.5, 0.5)[0]
    grain = 1.4826 * grey_quantiles(cv2.absdiff(diff, np.full_like(diff, int(usual))), 0.5, 0.5)[0]
    blobs = diff > usual + max(5.0, 6.0 * grain)
    n, labels = cv2.connectedComponents(blobs.astype(np.uint8), connectivity=8)
    if n <= 1:
        return 0.0
    inside: npt.NDArray[np.intp] = labels[blobs].astype(np.intp)
    peak = np.zeros(n, dtype=np.float32)
    np.maximum.at(peak, inside, diff[blobs].astype(np.float32))
    stroke = blobs & (diff >= usual + 0.5 * (peak[labels] - usual))
    _, _, stats, _ = cv2.connectedComponentsWithStats(stroke.astype(np.uint8), connectivity=8)
    tall = stats[1:, cv2.CC_STAT_HEIGHT] >= INK_STROKE_HEIGHT * min(dpi, BLANK_MEASURE_DPI) / BLANK_MEASURE_DPI
    return float(stats[1:, cv2.CC_STAT_AREA][tall].sum()) / blobs.size


def ink_levels(gray: np.ndarray) -> tuple[float, float]:
    """The darkest ink and the paper (the median) in grey levels: text can be a hundredth of a sparse page."""
    return grey_quantiles(gray, 0.0001, 0.5)


def grey_quantiles(gray: np.ndarray, low: float, high: float) -> tuple[float, float]:
    """Two quantiles of a raster's grey levels, from its histogram: a percentile of the whole raster sorts millions
    of pixels, 30 times slower."""
    cum = np.cumsum(cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel())
    a, b = np.searchsorted(cum, cum[-1] * np.array([low, high]))
    return float(a), float(b)


BRIGHT_SURROUND = 0.05
"""The share of a page brighter than its paper above which the sheet lies on something whiter (a grey sheet scanned
on a white lid, or copied onto white paper): Otsu's threshold then falls between the sheet and its surround, the
whole sheet counts as ink, no rule is found and Tesseract reads the table's grey print as nothing."""
SURROUND_STEP = 20.0
"""Grey levels above the paper's median that count as brighter than the paper (its grain stays within)."""


def brighter_than_paper(gray: np.ndarray, paper: float) -> float:
    """The share of the raster brighter than its paper (see BRIGHT_SURROUND), from the histogram."""
    hist = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()
    return float(hist[min(256, int(paper + SURROUND_STEP) + 1):].sum() / max(1.0, hist.sum()))


def stretch_contrast(c: Cleaned, darkest: float, paper: float) -> Cleaned:
    """Maps the darkest ink to black and the paper to white: faded toner and dark phone photos otherwise
    defeat Tesseract's own thresholding and come back as empty pages."""
    spread = paper - darkest
    lut = np.clip((np.arange(256, dtype=np.float32) - darkest) * (255.0 / spread), 0, 255).astype(np.uint8)
    return Cleaned(cv2.LUT(c.image, lut), c.matrix, c.rotation, c.skew, c.dpi, [*c.steps, f"stretch x{255 / spread:.1f}"])


MAX_UPSCALE = 2.0
"""Enlarging more magnifies a phone photo's blur along with its letters: on 60 bench photos (90-130 dpi) a cap of
2 found 100 of 197 values, 3.19 (the old cap of 4) 92, 2.5 97, 1.5 94; 150-dpi scans are enlarged 2 anyway."""


def upscale_factor(dpi: int) -> float:
    """How much a page (or a crop of it) at `dpi` is enlarged to read it at about 300 dpi, at most MAX_UPSCALE
    times; 1 from 250 dpi up."""
    return 1.0 if dpi >= 250 else min(TARGET_DPI / dpi, MAX_UPSCALE)


def upscale(c: Cleaned) -> Cleaned:
    return _resized(c, upscale_factor(c.dpi), "upscale")


MAX_DPI = 450
"""Finer pages are shrunk to TARGET_DPI before any other step: a 600 dpi scan or a 50-megapixel phone photo
(about 740 dpi over an A4 sheet) holds no letter that 300 dpi loses, and costs Tesseract two to six times as long."""


def downscale(c: Cleaned) -> Cleaned:
    return _resized(c, TARGET_DPI / c.dpi if c.dpi > MAX_DPI else 1.0, "downscale")


def _resized(c: Cleaned, f: float, step: str) -> Cleaned:
    if f == 1.0:
        return c
    g = cv2.resize(c.image, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA)
    m = np.array([[f, 0, 0], [0, f, 0], [0, 0, 1]], dtype=np.float64)
    return Cleaned(g, m @ c.matrix, c.rotation, c.skew, int(round(c.dpi * f)), [*c.steps, f"{step} x{f:.2f}"])


UNTURNED = "sideways, unturned"
"""The step of a page whose ink lines run down it that the orientation test left as it was: no way round read
clearly better (a blurred phone photo's small print), or it is no page on its side (a table's rules)."""


def rotate_quadrant(c: Cleaned, degrees: int) -> Cleaned:
    """Rotates clockwise by a multiple of 90 degrees."""
    degrees %= 360
    if not degrees:
        return c
    h, w = c.image.shape
    code = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}[degrees]
    g = cv2.rotate(c.image, code)
    if degrees == 90:
        m = np.array([[0, -1, h - 1], [1, 0, 0], [0, 0, 1]], dtype=np.float64)
    elif degrees == 180:
        m = np.array([[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]], dtype=np.float64)
    else:
        m = np.array([[0, 1, 0], [-1, 0, w - 1], [0, 0, 1]], dtype=np.float64)
    cells = [_turned_box(m, box) for box in c.cells]
    return Cleaned(g, m @ c.matrix, (c.rotation + degrees) % 360, c.skew, c.dpi, [*c.steps, f"rotate {degrees}"],
                   cells=cells)


def _turned_box(m: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    corners = m @ np.array([[x0, x1], [y0, y1], [1, 1]], dtype=np.float64)
    xs, ys = sorted(corners[0]), sorted(corners[1])
    return int(round(xs[0])), int(round(ys[0])), int(round(xs[1])), int(round(ys[1]))


def shrink(gray: np.ndarray, side: float) -> np.ndarray:
    """The image with its longer side at most `side` pixels: page-wide measurements need no more."""
    h, w = gray.shape
    scale = min(1.0, side / max(h, w))
    return cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0."""
    _, inv = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return inv


def text_line_score(ink: np.ndarray) -> float:
    """How strongly ink forms horizontal lines: variance of the row profile, normalised."""
    rows = ink.sum(axis=1, dtype=np.float64)
    if rows.mean() == 0:
        return 0.0
    return float(rows.var() / (rows.mean() ** 2 + 1e-9))


SIDEWAYS_TILTS = np.arange(-16.0, 16.01, 2.0)
"""Tilts at which both ways of a page's lines are measured: a page scanned sideways and askew has neither rows nor
columns of ink until it is turned straight (the deskew that would do so comes after the quarter turn)."""


def is_sideways(gray: np.ndarray) -> bool:
    """True when ink lines run vertically: the page lies on its side and needs a quarter turn. Ink that touches the
    image's edge is left out: a sheet laid off-square on the scanner leaves the bed's dark strips down its sides,
    long vertical lines that outweighed a sparse upright page's few lines of text (a quality certificate, its text
    at the top, was turned a quarter and read as noise), and a photo's surround is no text either."""
    ink = _inside(binarize(shrink(gray, 800.0)))
    if ink.mean() < 0.5:
        return False
    return _straightest(np.ascontiguousarray(ink.T), SIDEWAYS_TILTS)[1] > 1.3 * _straightest(ink, SIDEWAYS_TILTS)[1]


def _inside(ink: np.ndarray) -> np.ndarray:
    """`ink` without the blobs that touch the image's edge."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    x, y, w, h = stats[:, 0], stats[:, 1], stats[:, 2], stats[:, 3]
    edge = (x == 0) | (y == 0) | (x + w >= ink.shape[1]) | (y + h >= ink.shape[0])
    edge[0] = False  # the background
    return np.where(edge[labels], 0, ink).astype(ink.dtype) if edge.any() else ink


def find_skew(gray: np.ndarray, max_angle: float = 15.0) -> float:
    """Angle in degrees (counter-clockwise positive) that makes text lines horizontal, by projection profiles."""
    ink = binarize(shrink(gray, 1000.0))
    if ink.mean() < 0.5:
        return 0.0
    # whole degrees on a half-size raster (a quarter of the pixels to turn 31 times), then fifths at full size
    best, _ = _straightest(binarize(shrink(gray, 500.0)), np.arange(-max_angle, max_angle + 0.01, 1.0))
    return float(round(_straightest(ink, np.arange(best - 1.0, best + 1.01, 0.2))[0], 2))


def _straightest(ink: np.ndarray, angles: np.ndarray) -> tuple[float, float]:
    """The angle among `angles` that turns the ink's text lines most nearly horizontal, and how strongly they
    then form lines."""
    h, w = ink.shape
    center = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        return text_line_score(cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST))

    scored = [(float(a), score(float(a))) for a in angles]
    return max(scored, key=lambda s: s[1])


def deskew(c: Cleaned, max_angle: float = 15.0, fill: float = 255.0) -> Cleaned:
    """Turns the text lines level; the corners turned in take `fill` (white, or a grey page's paper: white corners
    on a grey page are what Tesseract's global threshold splits off, the grey paper and its ink then together)."""
    angle = find_skew(c.image, max_angle)
    if abs(angle) < 0.3:
        return c
    h, w = c.image.shape
    rad = np.deg2rad(abs(angle))
    nw, nh = int(w * np.cos(rad) + h * np.sin(rad)), int(h * np.cos(rad) + w * np.sin(rad))
    m2 = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    m2[0, 2] += (nw - w) / 2
    m2[1, 2] += (nh - h) / 2
    g = cv2.warpAffine(c.image, m2, (nw, nh), flags=cv2.INTER_CUBIC, borderValue=fill)
    m = np.vstack([m2, [0, 0, 1]])
    return Cleaned(g, m @ c.matrix, c.rotation, angle, c.dpi, [*c.steps, f"deskew {angle:+.1f}"])


BED_MIN_AREA = 0.002
"""A black mass touching the edge and covering this share of the page is the scanner's lid or bed, not print."""
BED_DARKNESS = 0.4
"""Black: below this share of the paper's grey level (the bench's beds are under 0.2, grey lids over 0.75)."""


BED_SHIFT = 25.0
"""Grey levels by which a scanner bed's black wedges pull Otsu's threshold down, from where the sheet alone puts it,
above which the bed is cleared on the first reading: the bed, not the print, then decides where ink ends, and a
form's grey rows and rules fall on the paper's side (an application's table read as specks, no cell found). On
black print the bed moves it a few levels, and is left: clearing every bed moved as many values out as in."""


def otsu_level(gray: np.ndarray) -> float:
    """The grey level Otsu's method splits the raster at, as Tesseract's own thresholding does."""
    return float(cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[0])


def clear_bed(c: Cleaned, paper: float) -> Cleaned:
    """Paints the scanner bed's black wedges round a skewed sheet in the paper's grey. Left there they are the
    darkest thing on the page: Tesseract's global threshold separates them from everything else, so grey print
    on grey paper can fall on the paper's side, and a legible CMR read as its title alone."""
    h, w = c.image.shape
    k = max(5, min(h, w) // 100)
    # black, not merely darker than the sheet: a grey lid round a small white pass is where its print is read
    dark = paper * BED_DARKNESS
    g = c.image
    if not ((g[0] < dark).any() or (g[-1] < dark).any() or (g[:, 0] < dark).any() or (g[:, -1] < dark).any()):
        return c  # a bed reaches the raster's edge: with no black there (most pages), no morphology is needed
    black = (g < dark).astype(np.uint8)
    solid = cv2.morphologyEx(black, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    bed = [i for i in range(1, n)
           if (stats[i, 0] == 0 or stats[i, 1] == 0 or stats[i, 0] + stats[i, 2] >= w or stats[i, 1] + stats[i, 3] >= h)
           and stats[i, 4] > BED_MIN_AREA * h * w]
    if not bed:
        return c
    mask = cv2.dilate(np.isin(labels, bed).astype(np.uint8), np.ones((k, k), np.uint8))
    g = g.copy()
    g[mask > 0] = paper
    return Cleaned(g, c.matrix, c.rotation, c.skew, c.dpi, [*c.steps, "bed"])


def noise_level(gray: np.ndarray) -> float:
    """Share of isolated dark specks: salt-and-pepper noise that median filtering removes."""
    ink = binarize(gray)
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    return float((ink > 0).mean() - (opened > 0).mean())


def denoise(c: Cleaned) -> Cleaned:
    if noise_level(c.image) < 0.004:
        return c
    g = cv2.medianBlur(c.image, 3)
    return Cleaned(g, c.matrix, c.rotation, c.skew, c.dpi, [*c.steps, "denoise"])


def _thin_runs(mask: np.ndarray, ink: np.ndarray, horizontal: bool, max_thickness: int, min_length: int) -> np.ndarray:
    """Keeps components of `mask` that are long and thin and have paper along a side: ruling lines, not words
    whose blurred letters merged. Contours rather than labelled components: a few milliseconds instead of twenty
    on a 2.5-megapixel page."""
    found, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    # every component's outer boundary, also of those inside another's hole (a rule on a photo's dark margin)
    contours = [c for c, link in zip(found, hierarchy[0] if hierarchy is not None else [], strict=True) if link[3] < 0]
    rects = [cv2.boundingRect(c) for c in contours]
    keep = [
        (w if horizontal else h) >= min_length
        and (h if horizontal else w) <= max_thickness
        and not _inside_ink(ink, (x, y, w, h), horizontal)
        for x, y, w, h in rects
    ]
    if all(keep):
        return mask
    kept = np.zeros_like(mask)
    cv2.drawContours(kept, [c for c, k in zip(contours, keep, strict=True) if k], -1, 255, cv2.FILLED)
    return cv2.bitwise_and(kept, mask)


RULE_SIDE = 3
"""Pixels beside a candidate rule in which `_inside_ink` measures ink."""
INSIDE_INK = 0.7
"""Share of ink on both sides above which a candidate rule is the core of a blurred text line, not a rule."""


def _inside_ink(ink: np.ndarray, rect: tuple[int, int, int, int], horizontal: bool) -> bool:
    """True when ink runs along both sides of a thin run: on a blurred photo the middle rows of a text line merge
    into a long thin run, and whitening it struck the line through (a BIN, a company name) as if crossed out."""
    x, y, w, h = rect
    if horizontal:
        sides = ink[max(0, y - RULE_SIDE) : y, x : x + w], ink[y + h : y + h + RULE_SIDE, x : x + w]
    else:
        sides = ink[y : y + h, max(0, x - RULE_SIDE) : x], ink[y : y + h, x + w : x + w + RULE_SIDE]
    return all(side.size and float((side > 0).mean()) > INSIDE_INK for side in sides)


def _runs(ink: np.ndarray, length: int, thick: int, horizontal: bool, join: int = 0) -> np.ndarray:
    """Horizontal (or vertical) rules `length` or longer, at most `thick` across. `join` pixels across are bridged
    first: a rule that was tilted on a bilevel scan is a staircase once deskewed, steps a few pixels apart, and none
    of its rows alone is long enough."""
    grown = cv2.dilate(ink, np.ones((2 * join + 1, 1) if horizontal else (1, 2 * join + 1), np.uint8)) if join else ink
    line = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    found = _thin_runs(cv2.morphologyEx(grown, cv2.MORPH_OPEN, line), grown, horizontal, thick + 2 * join, length)
    return cv2.bitwise_and(found, ink) if join else found


def _rules(ink: np.ndarray, long: int, tall: int, thick: int, join: int = 0) -> np.ndarray:
    """Horizontal rules `long` or longer and vertical ones `tall` or taller, at most `thick` across (`_runs`)."""
    return cv2.bitwise_or(_runs(ink, long, thick, True, join), _runs(ink, tall, thick, False, join))


def whiten(gray: np.ndarray, rules: np.ndarray) -> np.ndarray:
    """A copy of `gray` with the rules painted paper-white, a pixel wider so their blurred edges go too."""
    out = gray.copy()
    out[cv2.dilate(rules, np.ones((3, 3), np.uint8)) > 0] = 255
    return out


RULE_TALL = 20
"""Vertical rules a twentieth of the page high are whitened."""


def _page_runs(ink: np.ndarray, dpi: int, join: int, horizontal: bool, tall: int = RULE_TALL) -> np.ndarray:
    """A page's long thin horizontal rules, or its vertical ones at least a `tall`-th of the page high."""
    h, w = ink.shape
    # rules are a few pixels thick even blurred; merged letters are a whole x-height
    return _runs(ink, max(60, w // 12) if horizontal else max(60, h // tall), max(5, dpi // 25), horizontal, join)


def page_rules(ink: np.ndarray, dpi: int, join: int = 0) -> np.ndarray:
    """A page's long thin horizontal and vertical rules (CMR and declaration grids), as a mask of its `ink`."""
    return cv2.bitwise_or(_page_runs(ink, dpi, join, True), _page_runs(ink, dpi, join, False))


JOIN_BILEVEL = 1
"""Pixels bridged across a rule of a deskewed bilevel page."""


def is_bilevel(gray: np.ndarray) -> bool:
    """Only black and white: a fax-style scan, whose tilted rules are staircases."""
    return not bool(((gray > 0) & (gray < 255)).any())


DITHER_SHARE = 0.4
"""The share of a bilevel page's ink in specks of at most 4 pixels above which the page is dithered (a grey paper
or grey text turned into dots by a fax or a 1-bit scanner): on a thresholded scan it is under a tenth."""
DESCREEN_SIGMA = 1.2
DESCREEN_DENSE = 3.0
"""The blur, in pixels at 150 dpi, that turns a light paper's sparse dots back into grey, and how much more it takes
for each unit of dot density past 0.08 (a darker paper's dense dots): more than needed loses small print's strokes."""


def is_dithered(gray: np.ndarray) -> bool:
    ink = (gray < 128).astype(np.uint8)
    total = int(ink.sum())
    if total == 0:
        return False
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    return float(areas[areas <= 4].sum()) / total > DITHER_SHARE


def descreen(c: Cleaned) -> Cleaned:
    """A dithered page as grey again: blurred, then stretched from its darkest ink to its paper. Tesseract reads a
    dithered page's dotted letters as nothing."""
    density = float((c.image < 128).mean())
    sigma = (DESCREEN_SIGMA + DESCREEN_DENSE * max(0.0, density - 0.08)) * c.dpi / 150
    blurred = cv2.GaussianBlur(c.image, (0, 0), sigma).astype(np.float32)
    # the paper is the lighter part of the blurred dots: its texture maps to white
    lo, paper = float(np.percentile(blurred, 1)), float(np.percentile(blurred, 90))
    grey = np.clip((blurred - lo) * (255.0 / max(1.0, paper - lo)), 0, 255).astype(np.uint8)
    return Cleaned(grey, c.matrix, c.rotation, c.skew, c.dpi, [*c.steps, "descreen"])


def remove_ruling(c: Cleaned, join: int = 0) -> Cleaned:
    """Whitens long thin horizontal and vertical rules (CMR and declaration grids) so box text stands alone, and
    keeps the boxes they closed (`ruled_cells`)."""
    ink = binarize(c.image)
    across = _page_runs(ink, c.dpi, join, True)  # found once: the whitened rules and the cells' walls share them
    rules = cv2.bitwise_or(across, _page_runs(ink, c.dpi, join, False))
    if rules.mean() < 0.2:
        return c
    # a one-row table's column rules are shorter than the whitened ones: they still close its cells
    walls = cv2.bitwise_or(across, _page_runs(ink, c.dpi, join, False, CELL_RULE_TALL))
    return Cleaned(whiten(c.image, rules), c.matrix, c.rotation, c.skew, c.dpi, [*c.steps, "remove lines"],
                   cells=ruled_cells(walls, c.dpi))


CELL_RULE_TALL = 40
"""Vertical rules a fortieth of the page high close cells, where the whitened ones reach a twentieth: a table of a
header and one row is half an inch high."""


CELL_MAX_SHARE = 0.2
"""A closed box larger than this share of the page is the page's frame or a whole form, not a cell."""


def ruled_cells(rules: np.ndarray, dpi: int) -> list[tuple[int, int, int, int]]:
    """Regions the rules close on every side, at least a line of text high: a rectangle's worth of paper (the
    space around a table, or between two rules that do not meet, is no rectangle)."""
    h, w = rules.shape
    walls = cv2.dilate(rules, np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats((walls == 0).astype(np.uint8), connectivity=4)
    out = []
    for x, y, bw, bh, area in (tuple(int(v) for v in row) for row in stats[1:n]):
        if bh < dpi // 10 or bw < dpi // 7 or area > CELL_MAX_SHARE * h * w or area < 0.9 * bw * bh:
            continue
        if x == 0 or y == 0 or x + bw >= w or y + bh >= h:
            continue  # open to the page's edge
        out.append((x, y, x + bw, y + bh))
    return out


def clear_cell_rules(crop: np.ndarray) -> np.ndarray:
    """Whitens rules through a crop around one line of text, measured against its letters: a table's cell borders
    are shorter than the page-wide pass wants, and Tesseract reads a border touching a code as a `1` or drops the
    code's first digit (`|8507.10.20.01` read as `507.10.2001`)."""
    ink = binarize(crop)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = [h for _, _, w, h, area in stats[1:] if 6 <= h <= 0.9 * crop.shape[0] and w <= 2 * h and area >= 12]
    if not heights:
        return crop
    letter = int(np.median(heights))
    rules = _rules(ink, max(20, 4 * letter), max(8, int(1.4 * letter)), max(3, letter // 5))
    return whiten(crop, rules) if rules.any() else crop


def clean_page(
    rgb: np.ndarray,
    claimed_dpi: int | None,
    options: CleanupOptions = CleanupOptions(),
    orientation: Callable[[np.ndarray], int] | None = None,
) -> Cleaned:
    """Runs the enabled steps in order; `orientation` returns the clockwise quarter-turn that makes a page upright."""
    gray = to_gray(rgb)
    c = Cleaned(gray, np.eye(3), dpi=estimate_dpi(gray, claimed_dpi))
    measured = legibility(gray, c.dpi)
    if ink_share(gray, c.dpi) < BLANK_INK_SHARE:
        return replace(c, spread=0.0, legibility=measured, steps=["blank"])  # nothing to clean, turn or read
    bilevel = is_bilevel(gray)  # the upload's pixels, not ours: a full scan of the raster, done once
    if bilevel and is_dithered(gray):
        c = descreen(c)
    c = downscale(c)
    if options.perspective:
        c = correct_perspective(c)
    if options.flatten:
        c = flatten_illumination(c)
    darkest, paper = ink_levels(c.image)  # measured once, before upscaling multiplies the pixels
    spread = paper - darkest
    # a faint page, or a well-printed one on a whiter surround
    if options.stretch and spread >= FAINT_SPREAD[0] and (
            spread < FAINT_SPREAD[1] or brighter_than_paper(c.image, paper) >= BRIGHT_SURROUND):
        c = stretch_contrast(c, darkest, paper)
    elif options.stretch and not _photographed(c) and (ink := body_ink(c.image, paper)) >= GREY_INK:
        c = stretch_contrast(c, ink, paper)
    if options.upscale:
        c = upscale(c)
    if options.orientation and orientation is not None and is_sideways(c.image):
        turn = orientation(c.image)
        c = rotate_quadrant(c, turn) if turn % 360 else replace(c, steps=[*c.steps, UNTURNED])
    fill = 255.0
    sheet = ink_levels(c.image)[1]  # the paper's grey as it is now, stretched or not
    cleared = clear_bed(c, sheet)
    if options.bed or (cleared is not c and otsu_level(cleared.image) - otsu_level(c.image) >= BED_SHIFT):
        c, fill = cleared, sheet
    if options.deskew:
        c = deskew(c, fill=fill)
    if options.denoise:
        c = denoise(c)
    if options.remove_lines:
        c = remove_ruling(c, JOIN_BILEVEL if c.skew and bilevel else 0)
    return replace(c, spread=spread, legibility=measured)
