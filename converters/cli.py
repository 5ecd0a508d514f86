"""The ``convert`` command: ``sop convert PDF_OR_FOLDER... --out sops/`` (issue 3, "Command").

Exit codes: 0 when every PDF was converted (or skipped to protect an edited file),
1 when any PDF failed, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from converters import ocr
from converters.convert import Conversion, convert_pdf
from converters.frontmatter import HASH_LINE, is_edited
from converters.pdf import ConversionError
from converters.report import FileResult, results_to_json, results_to_markdown, results_to_summary


class UsageError(Exception):
    """Bad command-line usage (exit code 2)."""


class ProgressBar:
    """A one-line progress bar on a terminal; elsewhere one line per finished file."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.tty = stream.isatty()

    def advance(self, message: str) -> None:
        """Count one more file and show `message` for it."""
        self.done += 1
        if self.tty:
            filled = int(30 * self.done / max(self.total, 1))
            bar = "#" * filled + "-" * (30 - filled)
            self.stream.write(f"\r\x1b[K[{bar}] {self.done}/{self.total} {message}")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {message}\n")
        self.stream.flush()

    def say(self, line: str) -> None:
        """Print a line (an error or warning) without breaking the bar."""
        self.stream.write(("\r\x1b[K" if self.tty else "") + line + "\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for ``convert``."""
    parser = argparse.ArgumentParser(
        prog="sop convert", description="Convert legacy PDF SOPs into front-matter Markdown."
    )
    parser.add_argument("paths", nargs="+", metavar="PDF_OR_FOLDER", help="PDF files or folders holding them")
    parser.add_argument("--out", default="sops", type=Path, help="folder for the Markdown files (default: sops)")
    parser.add_argument("--stdout", action="store_true", help="print the Markdown of one PDF instead of writing it")
    parser.add_argument("--force", action="store_true", help="overwrite Markdown files that an editor has changed")
    parser.add_argument("--dry-run", action="store_true", help="show what would be written, write nothing")
    parser.add_argument("--report", type=Path, help="write a per-PDF report (.json for JSON, else Markdown)")
    parser.add_argument("--ocr", action="store_true", help="read pages without a text layer (scans) with Tesseract OCR")
    return parser


def paths_to_pdfs(paths: list[str]) -> list[Path]:
    """Expand folders into the PDFs they hold (sorted); files are kept as given."""
    pdfs: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            pdfs.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()))
        else:
            pdfs.append(path)
    return pdfs


def write_atomic(target: Path, data: bytes) -> None:
    """Write a file so that an interrupted run leaves the old file or the new one, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def conversion_to_result(conversion: Conversion, output: str) -> FileResult:
    """Summarise a conversion for the report."""
    values = {
        **conversion.front_matter,
        **{f"source.{k}": v for k, v in conversion.front_matter.get("source", {}).items()},
    }
    extracted = {
        key: {"value": values[key], "from": where, "check": key in conversion.checks}
        for key, where in conversion.extracted.items()
        if key in values
    }
    status = "converted with warnings" if conversion.warnings else "converted"
    result = FileResult(conversion.path, status, output, extracted, conversion.missing, conversion.warnings)
    result.uncertain = conversion.uncertain
    return result


def write_conversion(conversion: Conversion, out: Path, force: bool, dry_run: bool) -> tuple[str, str | None]:
    """Write the Markdown and its images unless an editor changed the existing file.

    Returns:
        The Markdown path and, when it was not written, why.
    """
    target = out / f"{conversion.slug}.md"
    existing = target.read_text(encoding="utf-8", errors="replace") if target.exists() else None
    if existing is not None and not force and is_edited(existing):
        how = (
            "was changed by an editor since it was generated"
            if HASH_LINE.search(existing)
            else "was not written by sop convert"
        )
        return str(target), (
            f"{conversion.path}: {target} {how}; not overwritten. "
            "Fix: merge the changes by hand, or run again with --force."
        )
    if not dry_run:
        for image in conversion.images:
            write_atomic(out / image.name, image.data)
        write_atomic(target, conversion.markdown.encode("utf-8"))
    return str(target), None


def run(args: argparse.Namespace) -> int:
    """Convert every PDF named in `args`; return the exit code."""
    pdfs = paths_to_pdfs(args.paths)
    check_usage(args, pdfs)
    if args.ocr:
        ocr.check_engine()
    bar = ProgressBar(len(pdfs), sys.stderr)
    results: list[FileResult] = []
    written: dict[str, str] = {}
    for pdf in pdfs:
        try:
            convert = ocr.convert_scanned_pdf if args.ocr else convert_pdf
            conversion = convert(pdf, render_images=not (args.stdout or args.dry_run))
        except ConversionError as error:
            bar.say(str(error))
            results.append(FileResult(str(pdf), "failed", error=str(error)))
            bar.advance(f"failed {pdf}")
            continue
        for warning in conversion.warnings:
            bar.say(warning)
        if args.stdout:
            sys.stdout.write(conversion.markdown)
            results.append(conversion_to_result(conversion, "-"))
            bar.advance(f"converted {pdf}")
            continue
        target = str(args.out / f"{conversion.slug}.md")
        reason: str | None
        if target in written:
            reason = (
                f"{pdf}: would overwrite {target}, written from {written[target]} in this run. "
                "Fix: give the PDFs different ids."
            )
        else:
            try:
                target, reason = write_conversion(conversion, args.out, args.force, args.dry_run)
            except OSError as error:
                message = f"{pdf}: cannot write {target} ({error.strerror or error}). Fix: check the --out folder."
                bar.say(message)
                results.append(FileResult(str(pdf), "failed", error=message))
                bar.advance(f"failed {pdf}")
                continue
        result = conversion_to_result(conversion, target)
        if reason:
            bar.say(reason)
            result.status, result.check = "skipped", [reason, *result.check]
            bar.advance(f"skipped {pdf}")
        else:
            written[target] = str(pdf)
            verb = "would write" if args.dry_run else "wrote"
            bar.advance(f"{verb} {target} from {pdf} ({len(conversion.warnings)} warnings)")
        results.append(result)

    summary_stream = sys.stderr if args.stdout else sys.stdout
    summary_stream.write(results_to_summary(results))
    if args.report and not write_report(results, args.report, args.dry_run):
        return 1
    return 1 if any(r.status == "failed" for r in results) else 0


def check_usage(args: argparse.Namespace, pdfs: list[Path]) -> None:
    """Raise `UsageError` for arguments that cannot work, before any PDF is read."""
    if args.stdout and len(pdfs) != 1:
        raise UsageError(f"--stdout needs exactly one PDF, got {len(pdfs)}.")
    if not pdfs:
        raise UsageError("no PDF files found in " + ", ".join(args.paths) + ".")
    if not args.stdout and args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {args.out} is a file. Fix: give a folder for the Markdown files.")
    if args.report and args.report.is_dir():
        raise UsageError(f"--report {args.report} is a folder. Fix: give a file, e.g. {args.report / 'report.md'}.")


def write_report(results: list[FileResult], report: Path, dry_run: bool) -> bool:
    """Write the report as JSON (``.json``) or Markdown, or say it would be written; False when it cannot be."""
    text = results_to_json(results) if report.suffix.lower() == ".json" else results_to_markdown(results)
    if dry_run:
        sys.stderr.write(f"would write report {report}\n")
        return True
    try:
        write_atomic(report, text.encode("utf-8"))
    except OSError as error:
        sys.stderr.write(f"cannot write report {report} ({error.strerror or error}). Fix: check the path.\n")
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Run ``convert`` with `argv` (a leading ``convert`` word is accepted); return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["convert"]:
        argv = argv[1:]
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    # pdfminer logs every oddity of a damaged PDF; the batch reports each file in one line.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        return run(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"sop convert: error: {error}\n")
        return 2
    except ocr.OcrUnavailable as error:
        sys.stderr.write(f"sop convert: error: {error}\n")
        return 2
