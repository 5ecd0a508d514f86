"""OCR for scanned SOPs: ``sop convert --ocr`` (issue 12, "Scanned SOPs").

A page without a text layer is rendered at 300 dpi and read by Tesseract (Debian's
``tesseract-ocr`` with the ``nor`` and ``eng`` models) through ``tesserocr``, which calls the
Tesseract library in-process; ``pytesseract`` (one ``tesseract`` process per call) is the other
engine, kept for ``benchmarks/convert.py``, which measured both on the same scans: the same
accuracy (text similarity 0.753 against 0.758) in half the time (194 s against 393 s for 17 pages;
``benchmarks/results/convert-before.md``). Tesseract's own PDF renderer writes an invisible text layer
with each line's position and height, so the OCR pages go through the same layout, heading and
table code as any other PDF. The result names the original file and its SHA-256, marks
``source.ocr: true`` and carries a warning that the text came from OCR.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pypdfium2
from PIL import ImageFilter

from converters.convert import Conversion, convert_pdf
from converters.frontmatter import document_to_text
from converters.pdf import ConversionError, file_sha256, open_pdf

LANGUAGES = "nor+eng"
OCR_DPI = 300
ENGINES = ("tesserocr", "pytesseract")
TESSDATA_DIRS = (Path("/usr/share/tesseract-ocr/5/tessdata"), Path("/usr/share/tesseract-ocr/4.00/tessdata"))
INSTALL_HINT = (
    "Fix: run 'apt-get install tesseract-ocr tesseract-ocr-nor tesseract-ocr-eng' as root "
    "(or 'bash scripts/ensure-ocr.sh'), and 'pip install tesserocr'."
)


class OcrUnavailable(Exception):
    """Tesseract (or one of its language models) is not installed; the text is one line."""


def tessdata_dirs() -> list[Path]:
    """Folders to look for models in: ``$TESSDATA_PREFIX`` alone when set (as Tesseract does), else Debian's."""
    prefix = os.environ.get("TESSDATA_PREFIX")
    return [Path(prefix)] if prefix else list(TESSDATA_DIRS)


def find_tessdata(languages: str = LANGUAGES) -> Path:
    """Return the folder holding every model in `languages` and Tesseract's PDF font.

    Raises:
        OcrUnavailable: No such folder: Tesseract or a language package is missing.
    """
    folders = tessdata_dirs()
    needed = [f"{lang}.traineddata" for lang in languages.split("+")] + ["pdf.ttf"]
    for folder in folders:
        if all((folder / name).exists() for name in needed):
            return folder
    missing = [lang for lang in languages.split("+") if not any((d / f"{lang}.traineddata").exists() for d in folders)]
    what = f"the Tesseract language models {', '.join(missing)} are" if missing else "Tesseract OCR is"
    raise OcrUnavailable(f"--ocr: {what} not installed. {INSTALL_HINT}")


def check_engine(engine: str = "tesserocr", languages: str = LANGUAGES) -> Path:
    """Check that `engine` can run with `languages`; return the tessdata folder.

    Raises:
        OcrUnavailable: The engine's Python package, the ``tesseract`` program or a model is missing.
        ValueError: `engine` is not one of `ENGINES`.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown OCR engine {engine!r}; choose from {', '.join(ENGINES)}")
    tessdata = find_tessdata(languages)
    if importlib.util.find_spec(engine) is None:
        raise OcrUnavailable(f"--ocr: the Python package {engine} is not installed. {INSTALL_HINT}")
    if engine == "pytesseract" and shutil.which("tesseract") is None:
        raise OcrUnavailable(f"--ocr: the tesseract program is not installed. {INSTALL_HINT}")
    return tessdata


def pages_without_text(path: str | Path) -> tuple[list[int], int]:
    """Return the 1-based numbers of the pages that have no text layer, and the page count."""
    pdf, _ = open_pdf(path)
    with pdf:
        return [page.page_number for page in pdf.pages if not page.chars], len(pdf.pages)


def render_pages(path: str | Path, pages: list[int], work: Path) -> list[Path]:
    """Render `pages` of `path` to grey-scale PNG files at `OCR_DPI` in `work`.

    A 3x3 median filter takes out a scanner's specks and grain before Tesseract binarises the
    page: on the noisy scans of ``scripts/make_scans.py`` it raised the text similarity from
    0.595 to 0.826 (three files, same run).
    """
    images = []
    with pdfplumber.open(path) as pdf:
        for number in pages:
            image = pdf.pages[number - 1].to_image(resolution=OCR_DPI).original.convert("L")
            image = image.filter(ImageFilter.MedianFilter(3))
            target = work / f"page-{number:04d}.png"
            image.save(target, dpi=(OCR_DPI, OCR_DPI))
            images.append(target)
    return images


def images_to_text_pdf(images: list[Path], base: Path, engine: str, tessdata: Path, languages: str) -> Path | None:
    """OCR `images` into one PDF with only the invisible text layer (``base``.pdf), one page each.

    Returns:
        The PDF, or None when Tesseract failed.
    """
    listing = base.with_suffix(".txt")
    listing.write_text("".join(f"{image}\n" for image in images), encoding="utf-8")
    if engine == "tesserocr":
        import tesserocr

        with tesserocr.PyTessBaseAPI(path=str(tessdata), lang=languages) as api:
            api.SetVariable("tessedit_create_pdf", "1")
            api.SetVariable("textonly_pdf", "1")
            ok = api.ProcessPages(str(base), str(listing))
    else:
        command = ["tesseract", str(listing), str(base), "--tessdata-dir", str(tessdata), "-l", languages]
        command += ["-c", "textonly_pdf=1", "pdf"]
        ok = subprocess.run(command, capture_output=True, check=False).returncode == 0
    result = base.with_suffix(".pdf")
    return result if ok and result.exists() else None


def merge_pages(original: Path, ocr_pdf: Path, ocr_pages: list[int], page_count: int, target: Path) -> Path:
    """Write `target`: the original's pages, with each page in `ocr_pages` replaced by its OCR text page."""
    source = pypdfium2.PdfDocument(str(original))
    recognised = pypdfium2.PdfDocument(str(ocr_pdf))
    merged = pypdfium2.PdfDocument.new()
    try:
        for number in range(1, page_count + 1):
            if number in ocr_pages:
                merged.import_pages(recognised, [ocr_pages.index(number)])
            else:
                merged.import_pages(source, [number - 1])
        merged.save(str(target))
    finally:
        merged.close()
        recognised.close()
        source.close()
    return target


def convert_scanned_pdf(
    path: str | Path, render_images: bool = True, engine: str = "tesserocr", languages: str = LANGUAGES
) -> Conversion:
    """Convert a PDF whose pages (some or all) are scans, reading those pages with Tesseract.

    A PDF whose every page has a text layer is converted as usual, without OCR.

    Args:
        path: The PDF file.
        render_images: Render pictures to PNG (off for ``--stdout`` and benchmarks).
        engine: ``tesserocr`` (in-process) or ``pytesseract`` (the ``tesseract`` program).
        languages: Tesseract models, ``+``-separated.

    Returns:
        The conversion, naming the original file, with ``source.ocr: true`` and a warning.

    Raises:
        ConversionError: The file cannot be converted.
        OcrUnavailable: Tesseract or a model is missing.
    """
    scanned, page_count = pages_without_text(path)
    if not scanned:
        return convert_pdf(path, render_images=render_images)
    tessdata = check_engine(engine, languages)
    original = Path(path)
    with tempfile.TemporaryDirectory(prefix="sop-ocr-") as tmp:
        work = Path(tmp)
        images = render_pages(original, scanned, work)
        text_pdf = images_to_text_pdf(images, work / "ocr", engine, tessdata, languages)
        if text_pdf is None:
            raise ConversionError(path, f"Tesseract ({engine}) could not read the scanned pages. Fix: check the scan.")
        merged = merge_pages(original, text_pdf, scanned, page_count, work / original.name)
        conversion = convert_pdf(merged, render_images=render_images)
    return conversion_from_ocr(conversion, original, merged, scanned, engine)


def conversion_from_ocr(
    conversion: Conversion, original: Path, merged: Path, scanned: list[int], engine: str
) -> Conversion:
    """Make a conversion of the OCR copy name the original file and say that its text came from OCR."""
    pages = ", ".join(str(n) for n in scanned)
    warnings = [w.replace(str(merged), str(original)) for w in conversion.warnings]
    warnings = [w for w in warnings if "needs OCR" not in w]
    warnings.insert(
        0, f"{original}: text of page(s) {pages} recognised by OCR ({engine}, Tesseract); check it against the scan."
    )
    front_matter = dict(conversion.front_matter)
    front_matter["source"] = {
        **front_matter["source"],
        "sha256": file_sha256(original.read_bytes()),
        "ocr": True,
    }
    extracted = {key: f"{where} (OCR text)" for key, where in conversion.extracted.items()}
    return replace(
        conversion,
        path=str(original),
        markdown=document_to_text(front_matter, conversion.body),
        front_matter=front_matter,
        extracted=extracted,
        # Every value read from OCR text is one an editor must check against the scan.
        checks=sorted(set(conversion.checks) | set(extracted)),
        warnings=warnings,
    )
