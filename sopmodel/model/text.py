"""Untrusted text into Markdown, HTML and spreadsheets (CSV): the one place for escaping it.

Front matter, changelog summaries and glossary entries are written by editors and
are never markup: on a page they must read exactly as written.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Mapping

_MARKDOWN_SPECIAL = "\\`*_[]|#!"
"""Characters Python-Markdown reads as syntax and lets a backslash escape (tables add '|')."""
_BLOCK_START = re.compile(r"^(\s*)([-+]|\d+(?=[.)]))")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""An invisible control character (NUL, BEL, ESC, DEL, C1): never text an editor meant."""
"""A spreadsheet reads a cell that starts with one of these as a formula (CSV injection)."""


def escape_markdown(text: str) -> str:
    r"""Return `text` so that Markdown shows it exactly: HTML characters as entities, syntax escaped.

    Also safe inside inline HTML (``<a>…</a>``) in Markdown, whose text Markdown still reads.

    Example:
        >>> escape_markdown("[x](javascript:y) *b* <i> & |")
        '\\[x\\](javascript:y) \\*b\\* &lt;i&gt; &amp; \\|'
    """
    escaped = html.escape(" ".join(text.split("\n")), quote=False)
    escaped = "".join(f"\\{char}" if char in _MARKDOWN_SPECIAL else char for char in escaped)
    # A list or quote marker at the start would open a block: "1. x", "- x", "> x".
    return _BLOCK_START.sub(_escape_block_marker, escaped)


def _escape_block_marker(match: re.Match[str]) -> str:
    space, marker = match.groups()
    return f"{space}{marker}\\" if marker[0].isdigit() else f"{space}\\{marker}"


def rows_to_csv(fields: list[str], rows: Iterable[Mapping[str, object]]) -> str:
    r"""Return `rows` as CSV (RFC 4180, CRLF line ends), every text that a spreadsheet would run quoted.

    Example:
        >>> rows_to_csv(["title"], [{"title": "=HYPERLINK(1)"}, {"title": "-2 dager"}, {"title": "Ok"}])
        "title\r\n'=HYPERLINK(1)\r\n'-2 dager\r\nOk\r\n"
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _spreadsheet_text(value) for key, value in row.items()})
    return buffer.getvalue()


def _spreadsheet_text(value: object) -> object:
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value
