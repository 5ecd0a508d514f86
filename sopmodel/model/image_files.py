"""Images a content file shows: each must be a file in the repository (``sop check`` and the build agree).

A web address is an error too: the site loads nothing from other hosts (privacy), so an
image from another site is downloaded into the repository instead.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from sopmodel.model import fields
from sopmodel.model.crossrefs import lines_outside_code
from sopmodel.model.document import Document
from sopmodel.model.issues import Issue

_IMAGES = (
    re.compile(r"!\[[^\]\n]*\]\(\s*(?:<(?P<angle>[^>\n]+)>|(?P<bare>[^)\s]+))"),
    re.compile(
        r"""(?i)<(?:img|video|audio|source|track|input)\b[^>]*?\s(?:src|poster)\s*=\s*"""
        r"""(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<unquoted>[^\s>]+))"""
    ),
)
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.I)

_SCHEME = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:")


def image_addresses(document: Document) -> Iterator[tuple[int, str]]:
    """Yield (file line, address) of every image in the body outside code: Markdown or ``<img>``."""
    first = document.body_line
    for index, line, spans in lines_outside_code(document.body):
        for pattern in _IMAGES:
            for match in pattern.finditer(line):
                if any(start <= match.start() < end for start, end in spans):
                    continue
                address = next(value for value in match.groupdict().values() if value is not None)
                yield first + index, address


def image_problems(document: Document, folder: Path, root: Path) -> list[Issue]:
    """Report each image from another site, and each image file that is not in the repository.

    Args:
        document: The content file; addresses are relative to its folder.
        folder: The folder the file lies in.
        root: The project folder: an image outside it is not published.
    """
    issues = []
    for line, address in image_addresses(document):
        if _REMOTE.match(address):
            issues.append(
                Issue(
                    document.path,
                    line,
                    "",
                    f"expected an image file in the repository, got the web address '{address[:80]}': "
                    "the site loads nothing from other hosts.",
                    "download the image into the repository (e.g. sops/vedlegg/) and give its file name.",
                )
            )
            continue
        name = urllib.parse.unquote(address.split("#", 1)[0].split("?", 1)[0])
        if not name or _SCHEME.match(address) or address.startswith("/") or fields.unsafe_scheme(address):
            continue  # a web or data address, a site address, or a script (the safe-link rule's)
        target = (folder / name).resolve()
        if target.is_file() and target.is_relative_to(root.resolve()):
            continue
        shown = target.relative_to(root.resolve()).as_posix() if target.is_relative_to(root.resolve()) else name
        issues.append(
            Issue(
                document.path,
                line,
                "",
                f"expected the image file '{shown}', found none.",
                "add the file beside the SOP (e.g. in vedlegg/) or correct the name; names are case-sensitive.",
            )
        )
    return issues
