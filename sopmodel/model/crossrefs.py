"""Links between SOPs written by id: ``[[CT-SOP-07]]`` or ``[[CT-SOP-07|the safety SOP]]``.

An editor links another SOP by its id; the site renders the link with the SOP's current
title and address, so renaming a file or retitling an SOP never breaks it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator

_REFERENCE = re.compile(r"\[\[\s*([A-Za-z0-9][A-Za-z0-9.-]{0,39})\s*(?:\|([^\]\n]+))?\]\]")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclasses.dataclass(frozen=True)
class Reference:
    """One ``[[ID]]`` in a body.

    Attributes:
        target: The id as written.
        text: The link text the editor gave after ``|``, or "".
        line: 1-based line in the file.
    """

    target: str
    text: str
    line: int


def lines_outside_code(body: str) -> Iterator[tuple[int, str, list[tuple[int, int]]]]:
    """Yield (index, line, code span ranges) for lines outside fenced code blocks."""
    fence = ""
    for index, line in enumerate(body.split("\n")):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            continue
        if match:
            fence = match.group(1)
            continue
        yield index, line, [span.span() for span in _CODE_SPAN.finditer(line)]


def _in_code(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def find_references(body: str, first_line: int) -> list[Reference]:
    """Return every ``[[ID]]`` in `body` outside code, with its line in the file.

    Args:
        body: The Markdown after the front matter.
        first_line: The file line on which `body` starts.
    """
    found = []
    for index, line, spans in lines_outside_code(body):
        for match in _REFERENCE.finditer(line):
            if not _in_code(match.start(), spans):
                found.append(Reference(match.group(1), (match.group(2) or "").strip(), first_line + index))
    return found


def replace_references(body: str, render: Callable[[Reference], str]) -> str:
    """Return `body` with every ``[[ID]]`` outside code replaced by ``render(reference)``."""
    lines = body.split("\n")
    for index, line, spans in list(lines_outside_code(body)):

        def substitute(match: re.Match[str], spans: list[tuple[int, int]] = spans, index: int = index) -> str:
            if _in_code(match.start(), spans):
                return match.group(0)
            return render(Reference(match.group(1), (match.group(2) or "").strip(), index))

        lines[index] = _REFERENCE.sub(substitute, line)
    return "\n".join(lines)
