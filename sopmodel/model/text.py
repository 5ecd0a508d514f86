"""Untrusted text into Markdown and HTML: the one place for escaping it.

Front matter, changelog summaries and glossary entries are written by editors and
are never markup: on a page they must read exactly as written.
"""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = "\\`*_[]|#!"
"""Characters Python-Markdown reads as syntax and lets a backslash escape (tables add '|')."""
_BLOCK_START = re.compile(r"^(\s*)([-+]|\d+(?=[.)]))")


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
