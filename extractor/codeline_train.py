"""Trains the code-line recogniser on synthetic lines (`fixtures.codelines`) and saves it where the extractor looks.

    python -m extractor.codeline_train [--out PATH] [--lines 40000] [--epochs 4] [--seed 763]

About ten minutes on two cores. The lines are rendered in faces the fixture documents never use, so the bench's
figures measure print the network has not seen. A seed gives the same losses on one machine; two runs' weights may
differ in their last bits (two threads' sums), and read alike.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from functools import partial
from multiprocessing import Pool
from pathlib import Path

import numpy as np

from extractor.codeline import ALPHABET, HEIGHT, STRIDE, network, prepare
from extractor.settings import ExtractSettings
from fixtures.codelines import code_line, training_fonts

BATCH = 64


def _sample(seed: int, fonts: list[Path]) -> tuple[np.ndarray, str]:
    crop, text = code_line(seed, fonts)
    return prepare(crop), text


def _batches(data: list[tuple[np.ndarray, str]], rng: random.Random) -> Iterator[tuple[np.ndarray, list[str]]]:
    """Batches of lines of about one width (little padding), in a shuffled order."""
    order = sorted(range(len(data)), key=lambda i: data[i][0].shape[1] + rng.random() * 20)
    chunks = [order[i : i + BATCH] for i in range(0, len(order), BATCH)]
    rng.shuffle(chunks)
    for chunk in chunks:
        width = max(data[i][0].shape[1] for i in chunk)
        width += -width % STRIDE
        x = np.zeros((len(chunk), 1, HEIGHT, width), np.float32)
        for j, i in enumerate(chunk):
            x[j, 0, :, : data[i][0].shape[1]] = data[i][0]
        yield x, [data[i][1] for i in chunk]


def train(out: Path, lines: int, epochs: int, seed: int) -> None:
    import torch
    from torch import nn

    torch.manual_seed(seed)
    started = time.monotonic()
    fonts = training_fonts()
    with Pool(2) as pool:
        data = pool.map(partial(_sample, fonts=fonts), range(seed * 1_000_000, seed * 1_000_000 + lines), chunksize=500)
    print(f"{lines} lines rendered in {len(fonts)} faces in {time.monotonic() - started:.0f} s", flush=True)
    net = network().to(memory_format=torch.channels_last)  # a fifth faster on CPU: batch norm over 16 channels
    opt = torch.optim.Adam(net.parameters(), 1e-3)
    steps = epochs * -(-lines // BATCH)
    schedule = torch.optim.lr_scheduler.OneCycleLR(opt, 2e-3, total_steps=steps + 1)
    ctc = nn.CTCLoss(zero_infinity=True)
    rng = random.Random(seed)
    for epoch in range(epochs):
        total, n = 0.0, 0
        for x, texts in _batches(data, rng):
            log_probs = net(torch.from_numpy(x).contiguous(memory_format=torch.channels_last)).log_softmax(-1).permute(1, 0, 2)
            targets = torch.tensor([ALPHABET.index(ch) + 1 for t in texts for ch in t])
            loss = ctc(log_probs, targets, torch.full((len(texts),), log_probs.shape[0], dtype=torch.long),
                       torch.tensor([len(t) for t in texts]))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            schedule.step()
            total, n = total + loss.item(), n + 1
        print(f"epoch {epoch + 1}/{epochs}: CTC loss {total / n:.3f}, {time.monotonic() - started:.0f} s", flush=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial_file = out.with_suffix(".part")
    torch.save(net.state_dict(), partial_file)
    partial_file.replace(out)  # a build stopped half-way leaves no model that half-loads
    print(f"saved {out}", flush=True)


def main(argv: list[str] | None = None) -> int:
    default = ExtractSettings().codeline_model
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=default)
    ap.add_argument("--lines", type=int, default=40_000)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--seed", type=int, default=763)
    a = ap.parse_args(argv)
    if a.out is None:
        ap.error("no --out and DOCSCREEN_CODELINE_MODEL is unset")
    train(a.out, a.lines, a.epochs, a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
