"""Open a PDF safely and say clearly what is wrong with a bad one.

Every failure becomes a `ConversionError` whose text is one line naming the file (and the
page where there is one), what is wrong and how to fix it (issue 3, "Bad input and
safety"), so a batch run can print it and go on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.pdf import PDF
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

# A PDF's trailer ends with %%EOF; a copy cut short loses it. Some writers add a few
# bytes of padding after it, so look at the end of the file rather than the last line.
EOF_WINDOW = 1024


class ConversionError(Exception):
    """A PDF that cannot be converted, with the file (and page) to blame.

    Args:
        path: The PDF as the user named it.
        message: What is wrong and how to fix it.
        page: 1-based page number, when one page is to blame.
    """

    def __init__(self, path: str | Path, message: str, page: int | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.page = page
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.page}" if self.page is not None else self.path
        return f"{where}: {self.message}"


def file_sha256(data: bytes) -> str:
    """Return the hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def bytes_to_problem(data: bytes) -> str | None:
    """Return what is wrong with a file judged by its bytes alone, or None.

    Args:
        data: The whole file.

    Returns:
        A message for an empty, non-PDF or truncated file, else None.
    """
    if not data:
        return "empty file (0 bytes). Fix: export the SOP to PDF again."
    if data.lstrip()[:5] != b"%PDF-":
        return "not a PDF file (it does not start with %PDF-). Fix: export it to PDF, or leave it out."
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        return "truncated PDF (the %%EOF end marker is missing). Fix: copy or download the file again."
    return None


def open_pdf(path: str | Path) -> tuple[PDF, bytes]:
    """Open `path` with pdfplumber after checking that it is a readable PDF.

    Args:
        path: The PDF file.

    Returns:
        The open PDF (close it when done) and the file's bytes.

    Raises:
        ConversionError: The file is missing, empty, not a PDF, truncated, encrypted or corrupt.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConversionError(path, "file not found. Fix: check the path.") from None
    except IsADirectoryError:
        raise ConversionError(path, "is a folder, not a PDF file.") from None
    except PermissionError:
        raise ConversionError(path, "cannot be read (permission denied).") from None
    problem = bytes_to_problem(data)
    if problem:
        raise ConversionError(path, problem)
    pdf = None
    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # noqa: B018 - parsing the page tree is what finds most damage
    except BaseException as error:
        if pdf is not None:
            pdf.close()
        if not isinstance(error, PdfminerException):
            raise
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise ConversionError(
                path, "encrypted PDF (it needs a password). Fix: save an unprotected copy and convert that."
            ) from None
        detail = str(cause) or type(cause).__name__
        raise ConversionError(
            path, f"corrupt PDF ({detail}). Fix: open it in a PDF reader and export it again."
        ) from None
    return pdf, data


def error_to_message(error: BaseException) -> str:
    """Say in one line what pdfminer or pdfplumber found wrong with a damaged PDF."""
    # pdfplumber wraps pdfminer's exceptions; the wrapped one says what is wrong.
    while isinstance(error, PdfminerException | MalformedPDFException) and error.args:
        if not isinstance(error.args[0], BaseException):
            break
        error = error.args[0]
    detail = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, RecursionError) or "recursion depth" in detail:
        what = "its objects nest too deep to read (maximum recursion depth exceeded)"
    elif "negative width or height" in detail or "bounding box" in detail.lower():
        what = f"a page box is malformed ({detail})"
    else:
        what = f"{type(error).__name__}: {detail}"
    if len(what) > 200:
        what = what[:197] + "..."
    return f"corrupt PDF, {what}. Fix: open it in a PDF reader and print or export it to PDF again."
