"""The SOP collection: every SOP file read, checked and given its review state."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from pathlib import Path
from typing import Any

from sopmodel.crossrefs import Reference, find_references
from sopmodel.document import Document, text_to_document
from sopmodel.issues import Issue, Severity, sort_issues
from sopmodel.review import ReviewState, review_state
from sopmodel.settings import ReviewSettings
from sopmodel.validate import check_collection, validate_document

ATTACHMENT_FOLDERS = frozenset({"vedlegg", "attachments"})
"""Folders under sops/ whose files are attachments (Markdown checklists too), not SOPs."""


@dataclasses.dataclass
class Sop:
    """One valid SOP and its review state.

    Attributes:
        document: The parsed file (path relative to the project).
        review: The review deadline as of the collection's day.
        references: The ``[[ID]]`` links in its body.
        withdrawn_automatically: Whether `withdrawn_on` has passed and made it withdrawn.
    """

    document: Document
    review: ReviewState
    references: list[Reference] = dataclasses.field(default_factory=list)
    withdrawn_automatically: bool = False

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

    @property
    def slug(self) -> str:
        """The id as used in the stable link ``/sop/<slug>/``."""
        return self.id.casefold()


@dataclasses.dataclass
class Collection:
    """All SOPs of a site as of one day, and every problem found in them."""

    today: dt.date
    sops: list[Sop]
    issues: list[Issue]
    attachments: dict[str, list[Sop]] = dataclasses.field(default_factory=dict)
    _by_id: dict[str, Sop] = dataclasses.field(init=False, repr=False)
    _by_path: dict[str, Sop] = dataclasses.field(init=False, repr=False)
    _families: dict[str, list[Sop]] = dataclasses.field(init=False, repr=False)
    _referrers: dict[str, list[Sop]] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Indexes, so that pages look up SOPs in constant time (the build asks per page).
        self._by_id = {}
        for sop in self.sops:
            for alias in sop.meta.get("aliases") or []:
                self._by_id.setdefault(str(alias).casefold(), sop)
        self._by_id.update({sop.id.casefold(): sop for sop in self.sops})
        self._by_path = {sop.path: sop for sop in self.sops}
        self._families = {}
        self._referrers = {}
        for sop in self.sops:
            root = str(sop.meta.get("translation_of") or sop.id).casefold()
            self._families.setdefault(root, []).append(sop)
            for reference in sop.references:
                target = self._by_id.get(reference.target.casefold())
                if target is not None and target is not sop:
                    referrers = self._referrers.setdefault(target.id, [])
                    if sop not in referrers:
                        referrers.append(sop)

    @property
    def errors(self) -> list[Issue]:
        """The problems that stop the build."""
        return [issue for issue in self.issues if issue.is_error]

    def by_id(self, sop_id: str) -> Sop | None:
        """Return the SOP with `sop_id` or with it among its `aliases` (case-insensitive)."""
        return self._by_id.get(sop_id.casefold())

    def at_path(self, path: str) -> Sop | None:
        """Return the SOP in the file at `path` (relative to the project), if any."""
        return self._by_path.get(path)

    def translations_of(self, sop: Sop) -> list[Sop]:
        """Return the other language versions of `sop`, in id order."""
        root = str(sop.meta.get("translation_of") or sop.id).casefold()
        return sorted((other for other in self._families.get(root, []) if other is not sop), key=lambda s: s.id)

    def referrers_of(self, sop: Sop) -> list[Sop]:
        """Return the SOPs whose body links to `sop`, in id order."""
        return sorted(self._referrers.get(sop.id, []), key=lambda s: s.id)


def list_markdown_files(folder: Path) -> list[Path]:
    """Return the SOP files under `folder`, sorted.

    Hidden files, a top ``index.md`` (the generated overview) and anything in an
    attachment folder (``vedlegg/``) are not SOPs.
    """
    return [path for path in _list_files(folder) if path.suffix == ".md" and not _is_attachment(path, folder)]


def _list_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if path.is_file() and not any(part.startswith((".", "_")) for part in parts) and parts != ("index.md",):
            found.append(path)
    return sorted(found)


def _is_attachment(path: Path, folder: Path) -> bool:
    return bool(ATTACHMENT_FOLDERS.intersection(path.relative_to(folder).parts[:-1]))


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
        withdrawn = _withdraw_if_due(document.meta, today)
        state = review_state(document.meta, today, settings.review_interval_years, settings.due_soon_days)
        assert state is not None  # a valid SOP always has last_reviewed_on  # noqa: S101
        references = find_references(document.body, document.end_line + 1)
        sops.append(Sop(document, state, references, withdrawn))
    issues.extend(_check_references(sops, parsed))
    attachments = _attachment_users(sops, project_dir)
    issues.extend(_unused_attachments(project_dir, settings.sops_dir, attachments))
    return Collection(today, sops, sort_issues(issues), attachments)


def _withdraw_if_due(meta: dict[str, Any], today: dt.date) -> bool:
    """Mark an SOP withdrawn once its `withdrawn_on` date has come; return whether it was."""
    withdrawn_on = meta.get("withdrawn_on")
    if isinstance(withdrawn_on, dt.date) and withdrawn_on <= today and meta.get("status") in {"active", "draft"}:
        meta["status"] = "withdrawn"
        return True
    return False


def _check_references(sops: list[Sop], parsed: list[Document]) -> list[Issue]:
    """Report ``[[ID]]`` links to ids that no SOP has (nor as an alias)."""
    known: dict[str, str] = {}
    for document in parsed:
        for name in [document.meta.get("id"), *(document.meta.get("aliases") or [])]:
            if isinstance(name, str):
                known.setdefault(name.casefold(), name)
    issues = []
    for sop in sops:
        for reference in sop.references:
            if reference.target.casefold() in known:
                continue
            close = difflib.get_close_matches(reference.target, list(known.values()), n=1, cutoff=0.6)
            issues.append(
                Issue(
                    sop.path,
                    reference.line,
                    f"[[{reference.target}]]",
                    f"expected the id of an existing SOP, got '{reference.target}', which no SOP has.",
                    f"use '{close[0]}', the closest existing id." if close else "use the id of an SOP in sops/.",
                )
            )
    return issues


def _attachment_users(sops: list[Sop], project_dir: Path) -> dict[str, list[Sop]]:
    """Return, per attachment file (project-relative path), the SOPs that list it."""
    users: dict[str, list[Sop]] = {}
    for sop in sops:
        folder = (project_dir / sop.path).parent
        for item in sop.meta.get("attachments") or []:
            target = (folder / item["file"]).resolve().relative_to(project_dir.resolve()).as_posix()
            users.setdefault(target, []).append(sop)
    return users


def _unused_attachments(project_dir: Path, sops_dir: str, users: dict[str, list[Sop]]) -> list[Issue]:
    """Warn about files in attachment folders that no SOP lists."""
    folder = project_dir / sops_dir
    issues = []
    for path in _list_files(folder):
        relative = path.relative_to(project_dir).as_posix()
        if _is_attachment(path, folder) and relative not in users:
            issues.append(
                Issue(
                    relative,
                    0,
                    "",
                    "attachment that no SOP lists.",
                    "add it to the 'attachments' of the SOPs that use it, or delete it.",
                    Severity.WARNING,
                )
            )
    return issues


def _check_attachments(document: Document, folder: Path, root: Path) -> list[Issue]:
    """Report attachments whose file does not exist or lies outside the repository."""
    issues = []
    for index, attachment in enumerate(document.meta.get("attachments") or []):
        name = attachment.get("file") if isinstance(attachment, dict) else None
        if not isinstance(name, str) or not name:
            continue
        target = (folder / name).resolve()
        where = (document.path, document.line_of(("attachments", index, "file")), f"attachments[{index}].file")
        if not target.is_relative_to(root.resolve()):
            issues.append(
                Issue(*where, f"expected a file inside the repository, got '{name}'.",
                      "put the attachment beside the SOP, e.g. in vedlegg/.")
            )
        elif not target.is_file():
            issues.append(
                Issue(*where, f"expected an existing file, got '{name}', which does not exist.",
                      "add the file to the repository or correct the name (it is relative to the SOP file).")
            )
    return issues
