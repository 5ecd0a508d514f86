"""Bad PDFs give one clear line naming the file, no traceback, and the batch goes on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from converters import ConversionError, convert_pdf

ROOT = Path(__file__).resolve().parents[2]
PDFS = Path("tests/fixtures/pdfs")
BAD_INPUTS = [
    ("bad-empty.pdf", "empty file (0 bytes). Fix: export the SOP to PDF again."),
    ("bad-not-a-pdf.pdf", "not a PDF file (it does not start with %PDF-). Fix: export it to PDF, or leave it out."),
    (
        "bad-truncated.pdf",
        "truncated PDF (the %%EOF end marker is missing). Fix: copy or download the file again.",
    ),
    (
        "bad-corrupt.pdf",
        "corrupt PDF (No /Root object! - Is this really a PDF?). Fix: open it in a PDF reader and export it again.",
    ),
    (
        "bad-encrypted.pdf",
        "encrypted PDF (it needs a password). Fix: save an unprotected copy and convert that.",
    ),
    (
        "bad-scan.pdf",
        "no text layer on any page (a scan?): needs OCR. Fix: run OCR and convert the result.",
    ),
    ("no-such-file.pdf", "file not found. Fix: check the path."),
]


@pytest.mark.parametrize(("name", "message"), BAD_INPUTS, ids=[n for n, _ in BAD_INPUTS])
def test_convert_pdf_raises_one_line_error(name, message, monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(ConversionError) as caught:
        convert_pdf(PDFS / name)
    assert str(caught.value) == f"{PDFS / name}: {message}"


def test_cli_batch_reports_each_bad_file_and_goes_on(tmp_path):
    names = [name for name, _ in BAD_INPUTS[:-1]]
    args = [str(PDFS / n) for n in names] + [str(PDFS / "ct-sop-07-informed-consent.pdf")]
    done = subprocess.run(
        [sys.executable, "-m", "converters", *args, "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if not line.startswith("[")]
    assert errors == [f"{PDFS / name}: {message}" for name, message in BAD_INPUTS[:-1]]
    assert "Traceback" not in done.stderr
    assert done.stdout == (
        "result                   files\n"
        "converted                    1\n"
        "converted with warnings      0\n"
        "failed                       6\n"
        "skipped                      0\n"
    )
    assert (tmp_path / "ct-sop-07.md").exists()
