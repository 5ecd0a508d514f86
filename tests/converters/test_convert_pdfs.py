"""Convert each committed fixture PDF and compare with its hand-checked expected Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from converters import convert_pdf
from converters.frontmatter import front_matter_problems, is_edited

PDFS = Path(__file__).resolve().parents[1] / "fixtures" / "pdfs"
GOOD = sorted(p for p in PDFS.glob("*.pdf") if not p.name.startswith("bad-"))


def test_fixture_set_is_large_enough():
    assert len(GOOD) >= 8


@pytest.mark.parametrize("pdf", GOOD, ids=[p.stem for p in GOOD])
def test_convert_pdf_matches_expected_markdown(pdf):
    expected = (PDFS / f"{pdf.stem}.expected.md").read_text(encoding="utf-8")
    result = convert_pdf(pdf, render_images=False)
    assert result.markdown == expected


@pytest.mark.parametrize("pdf", GOOD, ids=[p.stem for p in GOOD])
def test_convert_pdf_front_matter_passes_schema_when_complete(pdf):
    result = convert_pdf(pdf, render_images=False)
    problems = front_matter_problems(result.front_matter)
    if result.missing:
        assert problems and all("required property" in p for p in problems)
    else:
        assert problems == []
    header = result.markdown.split("---\n")[1]
    assert list(yaml.safe_load(header)) == list(result.front_matter)
    assert not is_edited(result.markdown)


def test_convert_pdf_lists_missing_metadata_as_warnings():
    result = convert_pdf(PDFS / "mu-sop-02-avvik.pdf", render_images=False)
    path = PDFS / "mu-sop-02-avvik.pdf"
    assert result.missing == ["version", "status", "last_reviewed_on"]
    assert result.checks == ["title", "owner"]
    assert result.warnings == [
        f"{path}: 'title' taken from the largest heading on page 1; check it.",
        f"{path}: 'owner' taken from the PDF document info (Author); check it.",
        f"{path}: 'version' is not in the PDF. Fix: add the version as a quoted string (e.g. \"1.0\").",
        f"{path}: 'status' is not in the PDF. Fix: set draft, active, withdrawn or superseded.",
        f"{path}: 'last_reviewed_on' is not in the PDF. Fix: add the date of the latest review (YYYY-MM-DD).",
    ]


def test_convert_pdf_renders_image_and_flags_empty_alt_text():
    path = PDFS / "ct-sop-11-safety-reporting.pdf"
    result = convert_pdf(path)
    assert [image.name for image in result.images] == ["ct-sop-11-p1-1.png"]
    assert result.images[0].data.startswith(b"\x89PNG")
    assert "![](ct-sop-11-p1-1.png)" in result.body
    assert result.warnings == [
        f"{path}: 'title' taken from the largest heading on page 1; check it.",
        f"{path}:1: image ct-sop-11-p1-1.png has no alt text. Fix: describe it in ![...].",
    ]
