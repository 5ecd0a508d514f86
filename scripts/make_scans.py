"""Make scanned-looking, image-only PDFs from the converter's fixture PDFs (issue 12, "Scanned SOPs").

Each page of ``tests/fixtures/pdfs/NAME.pdf`` that has a ``NAME.expected.md`` is rendered to a
grey-scale image at 200 dpi, given a slight rotation and scanner noise (speckles and grain) from
a fixed seed, and saved as ``OUT/NAME-scan.pdf`` with no text layer; ``NAME.expected.md`` is copied
beside it as ``NAME-scan.expected.md``, so the benchmark scores the OCR Markdown against the same
ground truth. The same seed gives the same files, byte for byte.

Usage: python scripts/make_scans.py OUT [--source tests/fixtures/pdfs] [--seed 12] [--names a,b]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

import pdfplumber
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DPI = 200
MAX_ANGLE = 1.5  # degrees; a sheet fed a little crooked
GRAIN = 0.10  # share of uniform grey noise blended into every pixel
SPECKLE = 2  # of 256: chance per pixel of a black or a white speck
JPEG_QUALITY = 70
FIXED_DATE = time.strptime("2026-01-01", "%Y-%m-%d")  # fixed, so the same seed gives the same bytes


def page_to_scan(image: Image.Image, rng: random.Random) -> Image.Image:
    """Return `image` as a scanner would: grey, slightly rotated, with grain and specks."""
    grey = image.convert("L")
    angle = rng.uniform(0.3, MAX_ANGLE) * rng.choice((-1, 1))
    grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    width, height = grey.size
    noise = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    grainy = Image.blend(grey, noise, GRAIN)
    black = noise.point(lambda v: 255 if v < SPECKLE else 0)
    white = noise.point(lambda v: 255 if v >= 256 - SPECKLE else 0)
    grainy.paste(0, mask=black)
    grainy.paste(255, mask=white)
    return grainy


def pdf_to_scan(pdf: Path, target: Path, seed: int, pages: int | None = None) -> Path:
    """Write an image-only copy of `pdf` at 200 dpi to `target`.

    Args:
        pdf: A PDF with a text layer.
        target: The scanned PDF to write.
        seed: Seed for rotation and noise (per file, so the files do not depend on each other).
        pages: Keep only the first `pages` pages (all when None).

    Returns:
        `target`.
    """
    rng = random.Random(f"{seed}:{pdf.name}")
    with pdfplumber.open(pdf) as document:
        chosen = document.pages[:pages] if pages else document.pages
        images = [page_to_scan(page.to_image(resolution=DPI).original, rng) for page in chosen]
    target.parent.mkdir(parents=True, exist_ok=True)
    first, rest = images[0], images[1:]
    first.save(
        target,
        "PDF",
        resolution=DPI,
        save_all=True,
        append_images=rest,
        quality=JPEG_QUALITY,
        creationDate=FIXED_DATE,
        modDate=FIXED_DATE,
        producer="scripts/make_scans.py",
    )
    return target


def make_scans(source: Path, out: Path, seed: int = 12, names: list[str] | None = None) -> list[Path]:
    """Scan every ``NAME.pdf`` in `source` that has ``NAME.expected.md``; return the scans written."""
    written = []
    for pdf in sorted(source.glob("*.pdf")):
        expected = source / f"{pdf.stem}.expected.md"
        if not expected.exists() or (names and pdf.stem not in names):
            continue
        scan = pdf_to_scan(pdf, out / f"{pdf.stem}-scan.pdf", seed)
        shutil.copyfile(expected, out / f"{pdf.stem}-scan.expected.md")
        written.append(scan)
    return written


def main(argv: list[str] | None = None) -> int:
    """Make the scans; return 0, or 2 when the source folder has no fixtures."""
    parser = argparse.ArgumentParser(description="Make image-only scans of the fixture PDFs.")
    parser.add_argument("out", type=Path, help="folder for NAME-scan.pdf and NAME-scan.expected.md")
    parser.add_argument("--source", type=Path, default=ROOT / "tests" / "fixtures" / "pdfs")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--names", help="comma-separated fixture names (default: all)")
    args = parser.parse_args(argv)
    scans = make_scans(args.source, args.out, args.seed, args.names.split(",") if args.names else None)
    if not scans:
        sys.stderr.write(f"no NAME.pdf with NAME.expected.md in {args.source}\n")
        return 2
    sys.stdout.write("".join(f"wrote {scan}\n" for scan in scans))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
