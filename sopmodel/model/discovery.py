"""Which files are content: the one rule for validation, the build, the CLI and search.

Under a content folder (``sops/``, ``onepagers/``), at any depth:
- a file or folder whose name starts with ``.`` or ``_`` is ignored: hidden files,
  and drafts an editor keeps out of the site (``_utkast.md``);
- the folder's own ``index.md`` is its overview: generated for ``sops/`` (a file
  there is ignored), written by hand for ``onepagers/`` (published, not a OnePager);
- in ``sops/``, files inside an attachment folder (``vedlegg/``) are attachments;
  other ``.md`` files are SOPs (or OnePagers); any other file is an asset, such as
  an image a page shows: published as it is, never read as a page.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

ATTACHMENT_FOLDERS = frozenset({"vedlegg", "attachments"})
"""Folders under sops/ whose files are attachments (Markdown checklists too), not SOPs."""

INDEX_FILE = "index.md"


def is_ignored(relative_parts: tuple[str, ...]) -> bool:
    """Whether a path (its parts below the content folder) is left out of the site.

    Example:
        >>> is_ignored(("_utkast.md",)), is_ignored(("ct", ".cache", "x.md")), is_ignored(("ct", "ct-sop-12.md"))
        (True, True, False)
    """
    return any(part.startswith((".", "_")) for part in relative_parts)


def is_attachment(relative_parts: tuple[str, ...]) -> bool:
    """Whether a path below the SOP folder lies in an attachment folder."""
    return bool(ATTACHMENT_FOLDERS.intersection(relative_parts[:-1]))


@dataclasses.dataclass(frozen=True)
class ContentFiles:
    """The files of one content folder, sorted, as absolute paths.

    Attributes:
        pages: The Markdown pages (SOPs or OnePagers).
        attachments: Files in attachment folders.
        assets: Other files (images and the like), published as they are.
        index: The folder's hand-written ``index.md``, when it is published.
    """

    pages: tuple[Path, ...] = ()
    attachments: tuple[Path, ...] = ()
    assets: tuple[Path, ...] = ()
    index: Path | None = None

    @property
    def published(self) -> tuple[Path, ...]:
        """Every file the site publishes from this folder."""
        index = (self.index,) if self.index else ()
        return tuple(sorted(self.pages + self.attachments + self.assets + index))


def discover(folder: Path, with_attachments: bool = True) -> ContentFiles:
    """Return the content files under `folder` by the rule above (empty if it is missing).

    Args:
        folder: The content folder, e.g. ``<project>/sops``.
        with_attachments: SOP folder (attachment folders count, the index is
            generated) or OnePager folder (neither).
    """
    if not folder.is_dir():
        return ContentFiles()
    pages: list[Path] = []
    attachments: list[Path] = []
    assets: list[Path] = []
    index = None
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if is_ignored(parts) or not path.is_file():
            continue
        if parts == (INDEX_FILE,):
            index = None if with_attachments else path
            continue
        if with_attachments and is_attachment(parts):
            attachments.append(path)
        elif path.suffix == ".md":
            pages.append(path)
        else:
            assets.append(path)
    return ContentFiles(tuple(pages), tuple(attachments), tuple(assets), index)
