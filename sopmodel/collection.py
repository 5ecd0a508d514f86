"""The SOP collection: every SOP file read, checked and given its review state."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from sopmodel.document import Document, text_to_document
from sopmodel.issues import Issue, sort_issues
from sopmodel.review import ReviewState, review_state
from sopmodel.settings import ReviewSettings
from sopmodel.validate import check_collection, validate_document


@dataclasses.dataclass
class Sop:
    """One valid SOP and its review state.

    Attributes:
        document: The parsed file (path relative to the project).
        review: The review deadline as of the collection's day.
    """

    document: Document
    review: ReviewState

    @property
    def meta(self) -> dict[str, Any]:
        """The validated front matter."""
        return self.document.meta

    @property
    def id(self) -> str:
        """The SOP's unique id."""
        return str(self.meta["id"])

    @property
    def title(self) -> str:
        """The SOP's title without id."""
        return str(self.meta["title"])

    @property
    def path(self) -> str:
        """The file path relative to the project, e.g. ``sops/ct-sop-07.md``."""
        return self.document.path


@dataclasses.dataclass
class Collection:
    """All SOPs of a site as of one day, and every problem found in them."""

    today: dt.date
    sops: list[Sop]
    issues: list[Issue]
    _by_id: dict[str, Sop] = dataclasses.field(init=False, repr=False)
    _by_path: dict[str, Sop] = dataclasses.field(init=False, repr=False)
    _families: dict[str, list[Sop]] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Indexes, so that pages look up SOPs in constant time (the build asks per page).
        self._by_id = {sop.id.casefold(): sop for sop in self.sops}
        self._by_path = {sop.path: sop for sop in self.sops}
        self._families = {}
        for sop in self.sops:
            root = str(sop.meta.get("translation_of") or sop.id).casefold()
            self._families.setdefault(root, []).append(sop)

    @property
    def errors(self) -> list[Issue]:
        """The problems that stop the build."""
        return [issue for issue in self.issues if issue.is_error]

    def by_id(self, sop_id: str) -> Sop | None:
        """Return the SOP with `sop_id` (case-insensitive), if any."""
        return self._by_id.get(sop_id.casefold())

    def at_path(self, path: str) -> Sop | None:
        """Return the SOP in the file at `path` (relative to the project), if any."""
        return self._by_path.get(path)

    def translations_of(self, sop: Sop) -> list[Sop]:
        """Return the other language versions of `sop`, in id order."""
        root = str(sop.meta.get("translation_of") or sop.id).casefold()
        return sorted((other for other in self._families.get(root, []) if other is not sop), key=lambda s: s.id)


ATTACHMENT_FOLDERS = frozenset({"vedlegg", "attachments"})
"""Folders under sops/ whose files are attachments (Markdown checklists too), not SOPs."""


def list_markdown_files(folder: Path) -> list[Path]:
    """Return the SOP files under `folder`, sorted.

    Hidden files, a top ``index.md`` (the generated overview) and anything in an
    attachment folder (``vedlegg/``) are not SOPs.
    """
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*.md"):
        parts = path.relative_to(folder).parts
        if any(part.startswith((".", "_")) for part in parts) or parts == ("index.md",):
            continue
        if ATTACHMENT_FOLDERS.intersection(parts[:-1]):
            continue
        found.append(path)
    return sorted(found)


def load_collection(project_dir: Path, settings: ReviewSettings, today: dt.date) -> Collection:
    """Read, check and classify every SOP under the project's SOP folder.

    Args:
        project_dir: The folder holding mkdocs.yml and the SOP folder.
        settings: Review settings (folder names, intervals).
        today: The day to judge review deadlines by.

    Returns:
        The valid SOPs and all problems found, sorted by file and line.
    """
    documents: list[Document] = []
    parsed: list[Document] = []
    issues: list[Issue] = []
    for path in list_markdown_files(project_dir / settings.sops_dir):
        relative = path.relative_to(project_dir).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            issues.append(
                Issue(relative, 0, "", f"expected UTF-8 text, got a byte that is not ({error.reason}).",
                      "save the file as UTF-8.")
            )
            continue
        document, problems = text_to_document(text, relative)
        if not problems:
            parsed.append(document)
            problems = validate_document(document, today)
            problems.extend(_check_attachments(document, path.parent, project_dir))
        issues.extend(problems)
        if not any(problem.is_error for problem in problems):
            documents.append(document)
    # Ids and references are checked across every readable file, valid or not, so
    # that one broken SOP does not make references to it look wrong.
    issues.extend(check_collection(parsed))
    failed = {issue.path for issue in issues if issue.is_error}
    sops = []
    for document in documents:
        if document.path in failed:
            continue
        state = review_state(document.meta, today, settings.review_interval_years, settings.due_soon_days)
        assert state is not None  # a valid SOP always has last_reviewed_on  # noqa: S101
        sops.append(Sop(document, state))
    return Collection(today, sops, sort_issues(issues))


def _check_attachments(document: Document, folder: Path, root: Path) -> list[Issue]:
    """Report attachments whose file does not exist beside the SOP."""
    issues = []
    for index, attachment in enumerate(document.meta.get("attachments") or []):
        name = attachment.get("file") if isinstance(attachment, dict) else None
        if not isinstance(name, str) or not name:
            continue
        target = (folder / name).resolve()
        if not target.is_relative_to(root.resolve()):
            issues.append(
                Issue(
                    document.path,
                    document.line_of(("attachments", index, "file")),
                    f"attachments[{index}].file",
                    f"expected a file inside the repository, got '{name}'.",
                    "put the attachment beside the SOP, e.g. in vedlegg/.",
                )
            )
        elif not target.is_file():
            issues.append(
                Issue(
                    document.path,
                    document.line_of(("attachments", index, "file")),
                    f"attachments[{index}].file",
                    f"expected an existing file, got '{name}', which does not exist.",
                    "add the file to the repository or correct the name (it is relative to the SOP file).",
                )
            )
    return issues
