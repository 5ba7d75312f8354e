"""python -m bench.fuzz [--minutes N]: mutated PDFs, images and spreadsheets through the real extraction pool.

Every input must come back as an ExtractedFile (pages, or a typed error) within the time bound: no exception
escapes, no worker hangs the pool. Seeds are small valid files made here; mutations are byte flips, truncations,
splices and repeated chunks.
"""

from __future__ import annotations

import argparse
import io
import random
import time
from collections import Counter

from extractor.models import ExtractedFile
from extractor.pipeline import Extractor
from extractor.settings import ExtractSettings
from extractor.sniff import sniff


def seeds() -> list[bytes]:
    import openpyxl
    from PIL import Image, ImageDraw

    from tests.makedocs import text_pdf

    img = Image.new("L", (320, 200), 255)
    ImageDraw.Draw(img).text((10, 10), "Gross 12 450,5 kg VIN XW8ZZZ61ZJG012345", fill=0)
    out = [text_pdf(["Инвойс № 42 от 14.03.2024", "HS 8703 23 908 7"])]
    for fmt in ("PNG", "JPEG", "TIFF", "WEBP"):
        buf = io.BytesIO()
        img.save(buf, format=fmt)
        out.append(buf.getvalue())
    wb = openpyxl.Workbook()
    wb.active.append(["Брутто", "Нетто"])
    wb.active.append([12450.5, 11980])
    buf = io.BytesIO()
    wb.save(buf)
    out.append(buf.getvalue())
    out.append("Товар;Брутто;Нетто\nШины;12450,5;11980\n".encode())
    return out


def mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(("flip", "truncate", "splice", "repeat", "zero"))
        if not b:
            break
        i = rng.randrange(len(b))
        if op == "flip":
            for k in range(rng.randint(1, 16)):
                b[(i + k) % len(b)] ^= 1 << rng.randrange(8)
        elif op == "truncate":
            del b[i:]
        elif op == "splice":
            j = rng.randrange(len(b))
            b[i:i] = b[j : j + rng.randint(1, 512)]
        elif op == "repeat":
            chunk = b[i : i + rng.randint(1, 64)]
            b[i:i] = chunk * rng.randint(2, 200)
        else:
            b[i : i + rng.randint(1, 256)] = bytes(min(256, len(b) - i))
    return bytes(b)


def check(result: ExtractedFile) -> None:
    assert isinstance(result, ExtractedFile)
    assert result.error is not None or result.pages is not None


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.fuzz")
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=8)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    base = seeds()
    outcomes: Counter[str] = Counter()
    slowest = 0.0
    deadline = time.monotonic() + args.minutes * 60
    settings = ExtractSettings(cache_dir=None, parse_timeout=20, ocr_timeout=20)
    n = 0
    with Extractor(settings, engine="null") as ex:
        while time.monotonic() < deadline:
            batch = [mutate(rng.choice(base), rng) for _ in range(args.batch)]
            for data in batch:
                sniff(data)
            t0 = time.monotonic()
            results = ex.extract_many([(f"f{n + k}", d) for k, d in enumerate(batch)])
            slowest = max(slowest, time.monotonic() - t0)
            for r in results:
                check(r)
                outcomes[r.error.code.value if r.error else f"ok:{r.kind.value}"] += 1
            n += len(batch)
    print(f"{n} mutated files in {args.minutes:.1f} min; slowest batch of {args.batch}: {slowest:.1f} s")
    for k, v in outcomes.most_common():
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main()
