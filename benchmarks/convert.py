"""Score the PDF converter against hand-checked Markdown and time it against baselines.

For each ``NAME.pdf`` with a ``NAME.expected.md`` beside it, the converter's Markdown is
compared with the expected file (front matter left out of both):

- similarity: difflib ratio of the two word sequences (lower case, Markdown syntax, link
  targets and HTML entities removed);
- heading recall / precision: headings (``#`` lines, text compared as words) found in both;
- table cells: share of the expected table cells found in the output's tables.

Baselines on the same files: plain pdfplumber ``extract_text`` and, when installed,
pymupdf4llm ``to_markdown``. Times are wall-clock seconds for all files, measured in this
run, with the ratio against each baseline.

Usage: python benchmarks/convert.py [FOLDER] (default: tests/fixtures/pdfs)
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

import pdfplumber

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from converters import convert_pdf  # noqa: E402

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
WORD = re.compile(r"\w+")


def strip_front_matter(markdown: str) -> str:
    """Return the Markdown body without its YAML front matter."""
    return FRONT_MATTER.sub("", markdown, count=1)


def markdown_to_words(markdown: str) -> list[str]:
    """Lower-case words of the visible text: link labels kept, targets and entities removed."""
    text = html.unescape(LINK.sub(r"\1", strip_front_matter(markdown)))
    return WORD.findall(text.lower())


def markdown_to_headings(markdown: str) -> list[str]:
    """Heading texts as normalised word strings."""
    body = strip_front_matter(markdown)
    return [" ".join(markdown_to_words(m)) for m in re.findall(r"^#{1,6}\s+(.+)$", body, re.MULTILINE)]


def markdown_to_cells(markdown: str) -> list[str]:
    """Non-empty table cells (pipe tables) as normalised word strings."""
    cells = []
    for line in strip_front_matter(markdown).splitlines():
        line = line.strip()
        if not line.startswith("|") or re.fullmatch(r"\|[-:| ]+\|", line):
            continue
        for cell in re.split(r"(?<!\\)\|", line.strip("|")):
            words = " ".join(markdown_to_words(cell))
            if words:
                cells.append(words)
    return cells


def overlap(expected: list[str], found: list[str]) -> int:
    """Number of items in both lists, counting repeats."""
    return sum((Counter(expected) & Counter(found)).values())


def score(expected: str, produced: str) -> dict[str, float]:
    """Return similarity, heading recall/precision and table cell accuracy."""
    want_headings, got_headings = markdown_to_headings(expected), markdown_to_headings(produced)
    want_cells = markdown_to_cells(expected)
    matched = overlap(want_headings, got_headings)
    return {
        "similarity": SequenceMatcher(None, markdown_to_words(expected), markdown_to_words(produced), autojunk=False).ratio(),
        "recall": matched / len(want_headings) if want_headings else 1.0,
        "precision": matched / len(got_headings) if got_headings else (1.0 if not want_headings else 0.0),
        "cells": overlap(want_cells, markdown_to_cells(produced)) / len(want_cells) if want_cells else 1.0,
    }


def ours(path: Path) -> str:
    """This project's converter."""
    return convert_pdf(path, render_images=False).markdown


def plain_pdfplumber(path: Path) -> str:
    """pdfplumber's extract_text, page after page."""
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def load_pymupdf4llm() -> Callable[[Path], str] | None:
    """Return pymupdf4llm's converter, or None when it is not installed."""
    try:
        import pymupdf4llm  # noqa: PLC0415 - optional baseline
    except ImportError:
        return None
    return lambda path: pymupdf4llm.to_markdown(str(path), show_progress=False)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; return 0."""
    parser = argparse.ArgumentParser(description="Score and time the PDF converter.")
    parser.add_argument("folder", nargs="?", default="tests/fixtures/pdfs", type=Path)
    args = parser.parse_args(argv)
    pdfs = sorted(p for p in args.folder.glob("*.pdf") if (p.parent / f"{p.stem}.expected.md").exists())
    if not pdfs:
        sys.stderr.write(f"no NAME.pdf with NAME.expected.md in {args.folder}\n")
        return 2
    tools: dict[str, Callable[[Path], str]] = {"converters": ours, "pdfplumber": plain_pdfplumber}
    mupdf = load_pymupdf4llm()
    if mupdf is None:
        sys.stdout.write("pymupdf4llm is not installed: skipping that baseline (pip install pymupdf4llm).\n\n")
    else:
        tools["pymupdf4llm"] = mupdf

    totals: dict[str, dict[str, float]] = {}
    rows = []
    for name, tool in tools.items():
        sums = Counter()
        for pdf in pdfs:
            expected = (pdf.parent / f"{pdf.stem}.expected.md").read_text(encoding="utf-8")
            start = time.perf_counter()
            produced = tool(pdf)
            sums["seconds"] += time.perf_counter() - start
            result = score(expected, produced)
            sums.update(result)
            rows.append((pdf.stem, name, result))
        totals[name] = {k: (v if k == "seconds" else v / len(pdfs)) for k, v in sums.items()}

    out = ["| file | tool | similarity | heading recall | heading precision | table cells |", "|---|---|---|---|---|---|"]
    out += [
        f"| {stem} | {name} | {r['similarity']:.3f} | {r['recall']:.3f} | {r['precision']:.3f} | {r['cells']:.3f} |"
        for stem, name, r in rows
    ]
    out += ["", f"Mean over {len(pdfs)} files:", ""]
    out += ["| tool | similarity | heading recall | heading precision | table cells | seconds | time vs pdfplumber | time vs pymupdf4llm |",
            "|---|---|---|---|---|---|---|---|"]
    for name, t in totals.items():
        vs_plumber = t["seconds"] / totals["pdfplumber"]["seconds"]
        vs_mupdf = f"{t['seconds'] / totals['pymupdf4llm']['seconds']:.2f}x" if "pymupdf4llm" in totals else "-"
        out.append(
            f"| {name} | {t['similarity']:.3f} | {t['recall']:.3f} | {t['precision']:.3f} | {t['cells']:.3f} "
            f"| {t['seconds']:.2f} | {vs_plumber:.2f}x | {vs_mupdf} |"
        )
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
