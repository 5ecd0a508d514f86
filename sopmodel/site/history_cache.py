"""The rendered HTML of the history pages, cached between builds (``.cache/history/html/``).

Old versions do not change, yet Markdown would render every one of them on every
build. The cache keys a page's HTML by everything it depends on: its Markdown (the old
text, its notice and metadata block, with ``[[ID]]`` links already resolved), its
address, and the site's Markdown settings. On a hit, the generator gets only the
page's headings to render, which gives it the same table of contents, and the cached
HTML replaces its output. Entries not used by a build are removed after it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

CACHE_DIR = Path(".cache") / "history" / "html"
FORMAT = "1"
"""Bump when the HTML the site adds to history pages changes in a way the key does not see."""


def headings_only(markdown: str) -> str:
    r"""Return the Markdown headings of a page (outside fenced code), one per paragraph.

    Example:
        >>> headings_only("## Formål\n\nTekst.\n\n```\n# kode\n```\n### Steg")
        '## Formål\n\n### Steg\n'
    """
    headings, fenced = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            headings.append(line)
    return "".join(f"{line}\n\n" for line in headings).removesuffix("\n")


@dataclasses.dataclass
class RenderCache:
    """HTML of history pages by key, in a folder of the project.

    Attributes:
        folder: Where the entries are kept.
        settings: The site's Markdown settings, as text: part of every key.
        hits: How many pages came from the cache in this build.
    """

    folder: Path
    settings: str = ""
    hits: int = 0
    _keys: dict[str, str] = dataclasses.field(default_factory=dict)
    _used: set[str] = dataclasses.field(default_factory=set)

    def key(self, src_uri: str, markdown: str, url: str) -> str:
        """Return the key of a page's HTML and remember it for `src_uri`."""
        digest = hashlib.sha256("\0".join([FORMAT, self.settings, url, markdown]).encode("utf-8")).hexdigest()
        self._keys[src_uri] = digest
        self._used.add(digest)
        return digest

    def markdown_for(self, src_uri: str, markdown: str, url: str) -> str:
        """Return what the generator should render: the page, or only its headings when cached."""
        if (self.folder / f"{self.key(src_uri, markdown, url)}.html").is_file():
            return headings_only(markdown)
        return markdown

    def html_for(self, src_uri: str, html: str) -> str:
        """Return the page's HTML: the cached one on a hit; on a miss, `html`, stored for the next build."""
        key = self._keys.get(src_uri)
        if key is None:
            return html
        entry = self.folder / f"{key}.html"
        try:
            cached = entry.read_text(encoding="utf-8")
        except OSError:
            cached = None
        if cached is not None:
            self.hits += 1
            return cached
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            entry.write_text(html, encoding="utf-8")
        except OSError:
            pass  # a read-only checkout builds without the cache
        return html

    def prune(self) -> int:
        """Remove the entries this build did not use; return how many went."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for entry in self.folder.glob("*.html"):
            if entry.stem not in self._used:
                entry.unlink(missing_ok=True)
                removed += 1
        return removed
