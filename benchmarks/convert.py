"""Score the PDF converter against hand-checked Markdown and time it against baselines.

For each ``NAME.pdf`` with a ``NAME.expected.md`` beside it, the converter's Markdown is
compared with the expected file (front matter left out of both):

- similarity: difflib ratio of the two word sequences (lower case, Markdown syntax, link
  targets and HTML entities removed);
- heading recall / precision: headings (``#`` lines, text compared as words) found in both;
- table cells: share of the expected table cells found in the output's tables.

Baselines on the same files: plain pdfplumber ``extract_text`` and, when installed,
pymupdf4llm ``to_markdown``. Times are wall-clock seconds for all files, measured in this
run after one untimed warm-up call per tool, with the ratio against each baseline.

The fixtures in ``tests/fixtures/pdfs`` were checked against the converter's own output;
the evaluation corpus ``tests/fixtures/eval`` has ground truth written from the documents'
sources (``scripts/make_eval_pdfs.py``) and is the fair test. PDFs too large to commit are
rendered from ``tests/fixtures/eval/sources`` into a temporary folder during the run.

Usage: python benchmarks/convert.py [FOLDER | --corpus FOLDER] [--tools a,b] [--per-file]
(default: tests/fixtures/pdfs)
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def corpus_pdfs(folder: Path, work: Path) -> list[tuple[Path, Path]]:
    """Return (pdf, expected.md) pairs in `folder`, rendering missing PDFs from its sources.

    An evaluation corpus (``tests/fixtures/eval``) commits its small PDFs only; the PDF of
    any other ``sources/<name>.md`` is rendered into `work` by ``scripts/make_eval_pdfs.py``
    (LibreOffice, Chromium, WeasyPrint). The committed ``<name>.expected.md`` is the truth.
    """
    pairs = {p.stem: p for p in folder.glob("*.pdf") if (folder / f"{p.stem}.expected.md").exists()}
    missing = [s for s in sorted((folder / "sources").glob("*.md")) if s.stem not in pairs]
    if missing:
        sys.path.insert(0, str(ROOT / "scripts"))
        from make_eval_pdfs import source_to_pdf  # noqa: PLC0415 - only for uncommitted PDFs

        for source in missing:
            sys.stderr.write(f"rendering {source.name} ...\n")
            pairs[source.stem] = source_to_pdf(source, work, work)
    return [(pairs[stem], folder / f"{stem}.expected.md") for stem in sorted(pairs)]


def run_tools(tools: dict[str, Callable[[Path], str]], pairs: list[tuple[Path, Path]]) -> tuple[list, dict]:
    """Convert and score every file with every tool; return per-file rows and per-tool means."""
    totals: dict[str, dict[str, float]] = {}
    rows = []
    for name, tool in tools.items():
        tool(pairs[0][0])  # warm-up: imports, font caches and models load outside the timing
        sums: Counter[str] = Counter()
        for pdf, expected_path in pairs:
            expected = expected_path.read_text(encoding="utf-8")
            start = time.perf_counter()
            produced = tool(pdf)
            sums["seconds"] += time.perf_counter() - start
            result = score(expected, produced)
            sums.update(result)
            rows.append((pdf.stem, name, result))
        totals[name] = {k: (v if k == "seconds" else v / len(pairs)) for k, v in sums.items()}
    return rows, totals


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables; return 0."""
    parser = argparse.ArgumentParser(description="Score and time the PDF converter.")
    parser.add_argument("folder", nargs="?", type=Path, help="folder of NAME.pdf + NAME.expected.md")
    parser.add_argument("--corpus", type=Path, help="same as FOLDER (e.g. tests/fixtures/eval)")
    parser.add_argument("--tools", default="converters,pdfplumber,pymupdf4llm", help="comma-separated tools to run")
    parser.add_argument("--per-file", action="store_true", help="print the per-file table too")
    args = parser.parse_args(argv)
    folder = args.corpus or args.folder or Path("tests/fixtures/pdfs")
    available: dict[str, Callable[[Path], str] | None] = {
        "converters": ours,
        "pdfplumber": plain_pdfplumber,
        "pymupdf4llm": load_pymupdf4llm(),
    }
    tools = {}
    for name in args.tools.split(","):
        if available.get(name) is None:
            sys.stdout.write(f"{name} is not available: skipping it (pip install pymupdf4llm for that baseline).\n\n")
        else:
            tools[name] = available[name]
    with tempfile.TemporaryDirectory() as tmp:
        pairs = corpus_pdfs(folder, Path(tmp))
        if not pairs:
            sys.stderr.write(f"no NAME.pdf with NAME.expected.md (or sources/NAME.md) in {folder}\n")
            return 2
        rows, totals = run_tools(tools, pairs)

    out = []
    if args.per_file:
        out += ["| file | tool | similarity | heading recall | heading precision | table cells |", "|---|---|---|---|---|---|"]
        out += [
            f"| {stem} | {name} | {r['similarity']:.3f} | {r['recall']:.3f} | {r['precision']:.3f} | {r['cells']:.3f} |"
            for stem, name, r in sorted(rows)
        ]
        out.append("")
    baselines = [b for b in ("pdfplumber", "pymupdf4llm") if b in totals]
    out += [f"Mean over {len(pairs)} files in {folder}:", ""]
    out += [
        "| tool | similarity | heading recall | heading precision | table cells | seconds |"
        + "".join(f" time vs {b} |" for b in baselines),
        "|---|---|---|---|---|---|" + "---|" * len(baselines),
    ]
    for name, t in totals.items():
        ratios = "".join(f" {t['seconds'] / totals[b]['seconds']:.2f}x |" for b in baselines)
        out.append(
            f"| {name} | {t['similarity']:.3f} | {t['recall']:.3f} | {t['precision']:.3f} | {t['cells']:.3f} "
            f"| {t['seconds']:.2f} |{ratios}"
        )
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
