"""Convert evaluation documents and compare their structure with ground truth from the sources.

The expected Markdown in ``tests/fixtures/eval`` is written from each document's source by
``scripts/make_eval_pdfs.py``, not from the converter, so these tests catch regressions
in heading and table detection on layouts the SOP fixtures do not have: headings that
are only bold body text, tables without rules, two-column pages, browser-printed lists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from converters import convert_pdf

EVAL = Path(__file__).resolve().parents[1] / "fixtures" / "eval"
CASES = [
    "en-it-security-policy",  # LibreOffice; bold body-text headings, borderless table, footer
    "en-end-of-trial",  # LibreOffice; numbered headings not in bold, borderless two-column table
    "en-protocol-two-column",  # LibreOffice; two text columns, justified, hanging list numbers
    "en-site-visit-two-column",  # Chromium; two columns, drawn bullets, ruled table in a column
    "en-trial-manual-weasy-long",  # WeasyPrint; 7 pages, borderless table split over a page break
    "nb-rutine-avvik-kort",  # LibreOffice; Norwegian, first-line indents, table with rules only
]


def markdown_to_headings(markdown: str) -> list[str]:
    """Heading lines with their level marks."""
    return re.findall(r"^#{1,6} .+$", markdown, re.MULTILINE)


def markdown_to_tables(markdown: str) -> list[list[list[str]]]:
    """Pipe tables as rows of cells (separator rows left out)."""
    tables: list[list[list[str]]] = []
    previous_was_row = False
    for line in markdown.splitlines():
        if not line.startswith("|"):
            previous_was_row = False
            continue
        if re.fullmatch(r"\|[-:| ]+\|", line):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip("|"))]
        if not previous_was_row:
            tables.append([])
        tables[-1].append(cells)
        previous_was_row = True
    return tables


@pytest.fixture(scope="module", params=CASES)
def case(request) -> tuple[str, str]:
    pdf = EVAL / f"{request.param}.pdf"
    result = convert_pdf(pdf, render_images=False)
    # The site prints the front-matter title as the page's H1; the body no longer repeats it.
    from_heading = result.extracted.get("title") == "title on page 1"
    body = f"# {result.front_matter['title']}\n\n{result.body}" if from_heading else result.body
    return (EVAL / f"{request.param}.expected.md").read_text(encoding="utf-8"), body


def test_eval_corpus_has_committed_cases():
    assert all((EVAL / f"{name}.pdf").exists() for name in CASES)


def test_convert_eval_headings_match_source(case):
    expected, body = case
    assert markdown_to_headings(body) == markdown_to_headings(expected)


def test_convert_eval_tables_match_source(case):
    expected, body = case
    assert markdown_to_tables(body) == markdown_to_tables(expected)


def test_convert_eval_keeps_list_items(case):
    expected, body = case
    items = re.compile(r"^ *(?:-|\d+\.) ", re.MULTILINE)
    assert len(items.findall(body)) == len(items.findall(expected))
