"""The code-line recogniser: a small convolutional and recurrent network, read out with CTC, that reads one line of
a code (an HS code, a VIN, a number) from its crop.

Tesseract's fast models read 7-pixel capitals on a blurred photo badly even with a whitelist (`X9F1FJAWZNG888639`
for `X9F1FJAW2N6880639`); a network trained only on such lines reads them better. It is trained at set-up on
synthetic lines (`fixtures.codelines`, `python -m extractor.codeline_train`), never committed, and is one more
reader of the boxes the code re-read already chose: the readers' validation still decides what a value is.

torch is imported when a model is loaded, not when this module is, so that the pages of a text-layer PDF and the
command line start without it.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np

log = logging.getLogger(__name__)

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ .-/,:"
"""What the network writes; CTC's blank is class 0, so the class of `ALPHABET[i]` is `i + 1`."""
HEIGHT = 32
MAX_WIDTH = 480
STRIDE = 4
"""Input columns per output step: a 17-character VIN 240 columns wide gets 60 steps."""


def ink_band(gray: np.ndarray) -> np.ndarray:
    """The crop cut to its main line of print: a word box can be far taller than its letters (a cell's rule, a
    neighbour's descenders), and the network reads letters of one height."""
    g = gray.astype(np.float32)
    lo, hi = np.percentile(g, 2), np.percentile(g, 98)
    if hi - lo < 20:
        return gray
    ink = g < (lo + hi) / 2
    ink[:, ink.mean(axis=0) > 0.8] = False  # a cell's vertical rule
    ink[ink.mean(axis=1) > 0.92, :] = False  # and a horizontal one; a bold line's middle rows are not that dark
    profile = ink.sum(axis=1).astype(np.float32)
    if profile.max() == 0:
        return gray
    on = profile > 0.08 * profile.max()
    bands: list[tuple[int, int]] = []
    start: int | None = None
    for y, v in enumerate([*on.tolist(), False]):
        if v and start is None:
            start = y
        elif not v and start is not None:
            if bands and start - bands[-1][1] <= 2:
                bands[-1] = (bands[-1][0], y - 1)
            else:
                bands.append((start, y - 1))
            start = None
    y0, y1 = max(bands, key=lambda b: float(profile[b[0] : b[1] + 1].sum()))
    cols = np.flatnonzero(ink[y0 : y1 + 1].any(axis=0))
    pad = max(2, int(0.3 * (y1 - y0 + 1)))
    return gray[max(0, y0 - pad) : y1 + pad + 1, max(0, int(cols[0]) - pad) : int(cols[-1]) + pad + 1]


def prepare(gray: np.ndarray) -> np.ndarray:
    """A crop as the network takes it: its line of print, `HEIGHT` rows, ink 1 and paper 0."""
    band = ink_band(gray)
    h, w = band.shape
    width = max(8, min(MAX_WIDTH, round(w * HEIGHT / h)))
    a = cv2.resize(band, (width, HEIGHT), interpolation=cv2.INTER_AREA if h > HEIGHT else cv2.INTER_CUBIC)
    a = a.astype(np.float32)
    lo, hi = np.percentile(a, 2), np.percentile(a, 98)
    return np.clip((hi - a) / max(1.0, float(hi - lo)), 0.0, 1.0).astype(np.float32)


def network() -> Any:
    """The network, untrained: five convolutions that pool the height to one row, a bidirectional LSTM over the
    columns, and a linear layer to the alphabet and the blank (about 0.5 million weights).

    The height halves before each of the last three convolutions, so the two widest work on 4 and 2 rows: a training
    step costs a third less than with those two at 8 and 4 rows, and the network reads about as well: 231 of 300 crops
    of codes in the documents' faces against 225, 91 of the test's 144 against 95 (`extractor.codeline_train`)."""
    import torch
    from torch import nn

    def block(i: int, o: int) -> list[nn.Module]:
        return [nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]

    class CodeLineNet(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.cnn = nn.Sequential(
                *block(1, 16), nn.MaxPool2d(2), *block(16, 32), nn.MaxPool2d(2),
                *block(32, 64), nn.MaxPool2d((2, 1)), *block(64, 96), nn.MaxPool2d((2, 1)), *block(96, 160),
                nn.MaxPool2d((2, 1)),
            )  # fmt: skip
            self.rnn = nn.LSTM(160, 128, bidirectional=True, batch_first=True)
            self.out = nn.Linear(256, len(ALPHABET) + 1)

        def forward(self, x: torch.Tensor) -> torch.Tensor:  # (batch, 1, HEIGHT, width) -> (batch, steps, classes)
            steps = self.cnn(x).squeeze(2).permute(0, 2, 1)
            return self.out(self.rnn(steps)[0])

    return CodeLineNet()


def best_path(log_probs: np.ndarray) -> tuple[str, float]:
    """CTC's greedy reading of (steps, classes) log-probabilities, and the probability of its least sure step: a
    doubtful blank is a character perhaps lost, as a doubtful letter is one perhaps misread."""
    best = log_probs.argmax(axis=1)
    text: list[str] = []
    prev = 0
    for c in best.tolist():
        if c and c != prev:
            text.append(ALPHABET[c - 1])
        prev = c
    return "".join(text), float(np.exp(log_probs.max(axis=1)).min()) if len(best) else 0.0


@dataclass(frozen=True)
class LineReading:
    text: str
    confidence: float


class CodeLineReader:
    """A trained network, loaded once a process (`code_line_reader`)."""

    def __init__(self, path: Path) -> None:
        import torch

        torch.set_num_threads(1)  # each OCR worker is a process of its own
        self._torch = torch
        self.net = network()
        self.net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
        self.net.eval()

    def read(self, gray: np.ndarray) -> LineReading:
        torch = self._torch
        with torch.inference_mode():
            x = torch.from_numpy(prepare(gray))[None, None]
            log_probs = self.net(x)[0].log_softmax(-1).numpy()
        text, confidence = best_path(log_probs)
        return LineReading(" ".join(text.split()), confidence)


def model_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


@lru_cache(maxsize=4)
def code_line_reader(path: Path | None) -> CodeLineReader | None:
    """The recogniser at `path`, or None (logged once) when there is none: the code re-read is then Tesseract's."""
    if path is None:
        return None
    if not path.is_file():
        log.warning("no code-line model at %s (`make setup` trains it); codes are re-read by Tesseract alone", path)
        return None
    return CodeLineReader(path)
