"""Which files are content: the one rule for validation, the build, the CLI and search.

Under a content folder (``sops/``, ``onepagers/``), at any depth:
- a file or folder whose name starts with ``.`` or ``_`` is ignored: hidden files,
  and drafts an editor keeps out of the site (``_utkast.md``);
- the folder's own ``index.md`` is its overview: generated for ``sops/`` (a file
  there is ignored), written by hand for ``onepagers/`` (published, not a OnePager);
- in ``sops/``, files inside an attachment folder (``vedlegg/``) are attachments;
  other ``.md`` files are SOPs (or OnePagers); any other file is an asset, such as
  an image a page shows: published as it is, never read as a page;
- a link (symlink) to a file outside the project is no content: it is listed in
  ``outside``, reported as an error, and never read or published (a link to
  ``/proc/self/environ`` would publish the build machine's secrets).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from sopmodel.model.issues import Issue

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
        outside: Links to files outside the project: errors, neither read nor published.
    """

    pages: tuple[Path, ...] = ()
    attachments: tuple[Path, ...] = ()
    assets: tuple[Path, ...] = ()
    index: Path | None = None
    outside: tuple[Path, ...] = ()

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
    outside: list[Path] = []
    index = None
    project = folder.resolve().parent
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if is_ignored(parts) or not path.is_file():
            continue
        if not is_inside(path, project):
            outside.append(path)
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
    return ContentFiles(tuple(pages), tuple(attachments), tuple(assets), index, tuple(outside))


def is_inside(path: Path, project: Path) -> bool:
    """Whether `path`, with every link followed, is a file of `project` (the resolved project folder)."""
    try:
        return path.resolve(strict=True).is_relative_to(project)
    except (OSError, RuntimeError):  # a broken link, or a loop of links
        return False


def outside_issues(outside: tuple[Path, ...], project_dir: Path) -> list[Issue]:
    """One error per link to a file outside the project: it is neither read nor published."""
    return [
        Issue(
            path.relative_to(project_dir).as_posix(),
            0,
            "",
            f"expected a file in the repository, got a link to {_target(path)}, outside it.",
            "copy the file into the repository, or remove the link.",
        )
        for path in outside
    ]


def _target(path: Path) -> str:
    """The file a link points to, as the link writes it."""
    return os.readlink(path) if path.is_symlink() else os.path.realpath(path)
