"""Score the PDF converter against hand-checked Markdown and time it against baselines, per corpus.

Corpora (``--corpora``, default all three):

- ``eval``: ``tests/fixtures/eval``, ground truth written from the documents' sources
  (PDFs too large to commit are rendered from ``sources/`` into a temporary folder);
- ``realworld``: ``tests/fixtures/realworld``, PDFs the team did not make (``sources.yml``),
  ground truth written by hand from the rendered pages, metadata in ``NAME.meta.yml``;
- ``scans``: image-only scans of ``tests/fixtures/pdfs`` made in this run by
  ``scripts/make_scans.py`` (200 dpi, noise, slight rotation, fixed seed), scored against the
  fixtures' ``.expected.md``; here ``converters`` runs with ``--ocr`` (tesserocr) and
  ``converters-pytesseract`` is the same pipeline through pytesseract.

For each ``NAME.pdf`` with a ``NAME.expected.md``, front matter left out of both:

- similarity: difflib ratio of the two word sequences (lower case, Markdown syntax, link
  targets and HTML entities removed);
- heading recall / precision: headings (``#`` lines, text compared as words) found in both;
  this project's output is scored as the site shows it: the page prints the front-matter
  ``title`` as its H1 (``overrides/partials/content.html``) and the body does not repeat it, so
  a ``# title`` line is put before the body (``--body-only`` scores the body alone);
- table cells: share of the expected table cells found in the output's tables;
- metadata (only tools that write front matter): per field of ``NAME.meta.yml`` (else the
  expected file's own front matter), right, wrong (another value), missed (the PDF has it, the
  output does not) and invented (the PDF does not have it, the output does).

Baselines in the same run: plain pdfplumber ``extract_text`` and pymupdf4llm ``to_markdown``
(its code ships inside ``pymupdf`` 2.x; its own OCR only on the scans). Times are wall-clock
seconds for the scored files, after one untimed warm-up call per tool and corpus, with the ratio
against each baseline.

Usage: python benchmarks/convert.py [--corpora eval,realworld,scans] [--corpus FOLDER]
       [--tools a,b] [--per-file] [--out FILE] [--body-only]
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pdfplumber
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from converters import convert_pdf  # noqa: E402
from converters.pdf import ConversionError  # noqa: E402

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
WORD = re.compile(r"\w+")
FIELDS = ("id", "title", "version", "status", "effective_date", "last_reviewed_on", "owner", "approved_by", "language")
CORPORA = {"eval": ROOT / "tests/fixtures/eval", "realworld": ROOT / "tests/fixtures/realworld", "scans": None}
Tool = Callable[[Path], tuple[str, dict[str, Any] | None]]


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
        "similarity": SequenceMatcher(
            None, markdown_to_words(expected), markdown_to_words(produced), autojunk=False
        ).ratio(),
        "recall": matched / len(want_headings) if want_headings else 1.0,
        "precision": matched / len(got_headings) if got_headings else (1.0 if not want_headings else 0.0),
        "cells": overlap(want_cells, markdown_to_cells(produced)) / len(want_cells) if want_cells else 1.0,
    }


PLAIN_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalise(value: Any) -> str | None:
    """A field value for comparison: dates as ISO text, words lower case, spaces collapsed, quotes plain.

    A typographic apostrophe or quote (U+2019 in "St George\u2019s") is the same value as a typed one.
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).translate(PLAIN_QUOTES).split()).casefold()


def expected_metadata(expected_path: Path) -> dict[str, Any] | None:
    """Return the metadata truth for a file: ``NAME.meta.yml``, else the expected front matter, else None."""
    meta = expected_path.with_name(expected_path.name.replace(".expected.md", ".meta.yml"))
    if meta.exists():
        return yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
    found = FRONT_MATTER.match(expected_path.read_text(encoding="utf-8"))
    if not found:
        return None
    values = yaml.safe_load(found.group(1)) or {}
    return {key: values.get(key) for key in FIELDS}


def score_metadata(expected: dict[str, Any], produced: dict[str, Any]) -> Counter[str]:
    """Count fields right, wrong, missed and invented (fields absent from `expected` are not scored)."""
    counts: Counter[str] = Counter()
    for key in FIELDS:
        if key not in expected:
            continue
        want, got = normalise(expected[key]), normalise(produced.get(key))
        if want is None:
            counts["invented"] += got is not None
            counts["absent"] += 1
        elif got is None:
            counts["missed"] += 1
        else:
            counts["right" if got == want else "wrong"] += 1
        counts["given"] += want is not None
    return counts


# Set by --body-only: score the Markdown body without the H1 the site makes from the title.
BODY_ONLY = {"on": False}


def as_shown(body: str, front_matter: dict[str, Any]) -> str:
    """The page as the site shows it: the front-matter title as the H1, then the body."""
    title = front_matter.get("title")
    if BODY_ONLY["on"] or not title or re.match(r"#\s", body):
        return body
    return f"# {title}\n\n{body}"


def ours(path: Path) -> tuple[str, dict[str, Any]]:
    """This project's converter (text layer only)."""
    conversion = convert_pdf(path, render_images=False)
    return as_shown(conversion.body, conversion.front_matter), conversion.front_matter


def ours_ocr(engine: str) -> Tool:
    """This project's converter with ``--ocr`` through `engine`."""
    from converters.ocr import convert_scanned_pdf  # imported here: only the scans corpus needs it

    def run(path: Path) -> tuple[str, dict[str, Any]]:
        conversion = convert_scanned_pdf(path, render_images=False, engine=engine)
        return as_shown(conversion.body, conversion.front_matter), conversion.front_matter

    return run


def plain_pdfplumber(path: Path) -> tuple[str, None]:
    """pdfplumber's extract_text, page after page."""
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages), None


def load_pymupdf4llm(ocr: bool) -> Tool | None:
    """Return pymupdf4llm's converter (shipped inside pymupdf 2.x), or None when pymupdf is missing.

    pymupdf4llm OCRs pages by itself whenever Tesseract is installed; on the text corpora that is
    switched off (`ocr` False), so it is timed on the same work as the others.
    """
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import pymupdf4llm  # imported here: optional baseline
    except ImportError:
        return None

    def run(path: Path) -> tuple[str, None]:
        with contextlib.redirect_stdout(io.StringIO()):
            options = {"ocr_language": "nor+eng"} if ocr else {"use_ocr": False}
            return pymupdf4llm.to_markdown(str(path), show_progress=False, **options), None

    return run


@dataclass
class Result:
    """Sums for one tool on one corpus."""

    files: int = 0
    seconds: float = 0.0
    errors: int = 0
    sums: Counter[str] = field(default_factory=Counter)
    meta: Counter[str] | None = None

    def mean(self, key: str) -> float:
        """Mean of a per-file score."""
        return self.sums[key] / self.files if self.files else 0.0


def corpus_pairs(name: str, folder: Path | None, work: Path) -> list[tuple[Path, Path]]:
    """Return (pdf, expected.md) pairs of a corpus, making scans or rendering sources into `work`."""
    if name == "scans":
        from make_scans import make_scans  # imported only where needed

        folder = work / "scans"
        make_scans(ROOT / "tests/fixtures/pdfs", folder)
    assert folder is not None
    pairs = {p.stem: p for p in folder.glob("*.pdf") if (folder / f"{p.stem}.expected.md").exists()}
    missing = [s for s in sorted((folder / "sources").glob("*.md")) if s.stem not in pairs]
    if missing:
        from make_eval_pdfs import source_to_pdf  # imported here: only for uncommitted PDFs

        for source in missing:
            sys.stderr.write(f"rendering {source.name} ...\n")
            try:
                pairs[source.stem] = source_to_pdf(source, work, work)
            except (OSError, subprocess.SubprocessError) as error:
                # LibreOffice (soffice) renders the .docx sources; without it they are left out.
                sys.stderr.write(f"{name}: {source.name} left out: it could not be rendered ({error}).\n")
    return [(pairs[stem], folder / f"{stem}.expected.md") for stem in sorted(pairs)]


def run_tool(tool: Tool, pairs: list[tuple[Path, Path]], rows: list, label: str) -> Result:
    """Convert and score every file with one tool; append per-file rows."""
    smallest = min(pairs, key=lambda pair: pair[0].stat().st_size)[0]
    with contextlib.suppress(ConversionError):
        tool(smallest)  # warm-up: imports, font caches and models load outside the timing
    result = Result()
    for pdf, expected_path in pairs:
        expected = expected_path.read_text(encoding="utf-8")
        start = time.perf_counter()
        try:
            produced, front_matter = tool(pdf)
        except ConversionError:
            produced, front_matter = "", {}
            result.errors += 1
        result.seconds += time.perf_counter() - start
        scores = score(expected, produced)
        result.files += 1
        result.sums.update(scores)
        truth = expected_metadata(expected_path)
        meta = score_metadata(truth, front_matter) if truth is not None and front_matter is not None else None
        if meta is not None:
            result.meta = (result.meta or Counter()) + meta + Counter(files=1)
        rows.append((label, pdf.stem, scores, meta))
    return result


def corpus_table(name: str, results: dict[str, Result]) -> list[str]:
    """Markdown table of one corpus."""
    baselines = [b for b in ("pymupdf4llm", "pdfplumber") if b in results]
    head = "| tool | similarity | heading recall | heading precision | table cells | metadata right | wrong | missed"
    head += " | invented | failed | seconds |" + "".join(f" time vs {b} |" for b in baselines)
    files = next(iter(results.values())).files
    out = [f"### {name} ({files} files)", "", head, "|---" * (11 + len(baselines)) + "|"]
    for tool, r in results.items():
        if r.meta:
            given = r.meta["given"]
            meta = f"{r.meta['right']}/{given} ({r.meta['right'] / max(given, 1):.0%}) | {r.meta['wrong']} | "
            meta += f"{r.meta['missed']} | {r.meta['invented']}/{r.meta['absent']}"
        else:
            meta = "n/a | n/a | n/a | n/a"
        ratios = "".join(f" {r.seconds / max(results[b].seconds, 1e-9):.2f}x |" for b in baselines)
        out.append(
            f"| {tool} | {r.mean('similarity'):.3f} | {r.mean('recall'):.3f} | {r.mean('precision'):.3f} "
            f"| {r.mean('cells'):.3f} | {meta} | {r.errors} | {r.seconds:.2f} |{ratios}"
        )
    return [*out, ""]


def per_file_table(rows: list) -> list[str]:
    """Markdown table of every file and tool."""
    out = ["| corpus/tool | file | similarity | recall | precision | cells | metadata right/given, invented |"]
    out.append("|---|---|---|---|---|---|---|")
    for label, stem, s, meta in rows:
        m = f"{meta['right']}/{meta['given']}, {meta['invented']}" if meta else "n/a"
        cells = f"{s['similarity']:.3f} | {s['recall']:.3f} | {s['precision']:.3f} | {s['cells']:.3f}"
        out.append(f"| {label} | {stem} | {cells} | {m} |")
    return [*out, ""]


def tools_for(corpus: str, names: list[str]) -> dict[str, Tool]:
    """The tools to run on `corpus`, in the order asked for (on scans, converters runs both OCR engines)."""
    if corpus == "scans" and "converters" in names:
        names = [n for n in names if n != "converters-pytesseract"]
        names.insert(names.index("converters") + 1, "converters-pytesseract")
    available: dict[str, Tool | None] = {
        "converters": ours_ocr("tesserocr") if corpus == "scans" else ours,
        "converters-pytesseract": ours_ocr("pytesseract"),
        "pdfplumber": plain_pdfplumber,
        "pymupdf4llm": load_pymupdf4llm(ocr=corpus == "scans"),
    }
    tools = {}
    for name in names:
        if name not in available:
            raise SystemExit(f"unknown tool {name!r}; choose from {', '.join(available)}")
        tool = available[name]
        if tool is None:
            sys.stderr.write(f"{name} is not available: skipping it (make dev installs pymupdf).\n")
        else:
            tools[name] = tool
    return tools


def git_commit() -> str:
    """The checked-out commit (short), for the results header."""
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables; return 0 (2 when a corpus has no files)."""
    parser = argparse.ArgumentParser(description="Score and time the PDF converter, per corpus.")
    parser.add_argument("--corpora", default="eval,realworld,scans", help="comma-separated: eval, realworld, scans")
    parser.add_argument("--corpus", type=Path, help="score one folder of NAME.pdf + NAME.expected.md instead")
    parser.add_argument("--tools", default="converters,pdfplumber,pymupdf4llm", help="comma-separated tools to run")
    parser.add_argument("--per-file", action="store_true", help="print the per-file table too")
    parser.add_argument("--out", type=Path, help="also write the tables to this Markdown file")
    parser.add_argument("--body-only", action="store_true", help="score our Markdown body without the title H1")
    args = parser.parse_args(argv)
    BODY_ONLY["on"] = args.body_only
    corpora = {args.corpus.name: args.corpus} if args.corpus else {n: CORPORA[n] for n in args.corpora.split(",")}
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [f"Converter benchmark, commit {git_commit()}, {stamp}", ""]
    rows: list = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, folder in corpora.items():
            pairs = corpus_pairs(name, folder, Path(tmp))
            if not pairs:
                sys.stderr.write(f"no NAME.pdf with NAME.expected.md in {folder}\n")
                return 2
            results = {}
            for tool_name, tool in tools_for(name, args.tools.split(",")).items():
                sys.stderr.write(f"{name}: {tool_name} ...\n")
                results[tool_name] = run_tool(tool, pairs, rows, f"{name}/{tool_name}")
            out += corpus_table(name, results)
    if args.per_file:
        out += per_file_table(rows)
    text = "\n".join(out)
    sys.stdout.write(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
