"""The SOP collection: every SOP file read, checked and given its review state.

Every problem in every file is reported in one run. The checks that span files (ids,
aliases, references, attachments) run on every readable file, valid or not, through
`sopmodel.model.fields`, which reads a raw value only when it has the expected type.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from pathlib import Path

from sopmodel.model import fields
from sopmodel.model.body import check_body
from sopmodel.model.crossrefs import Reference, find_references
from sopmodel.model.discovery import discover, outside_issues
from sopmodel.model.document import Document, read_document
from sopmodel.model.image_files import image_problems
from sopmodel.model.issues import Issue, Severity, sort_issues
from sopmodel.model.meta import DocStatus, SopMeta, Version
from sopmodel.model.review import ReviewState, review_state
from sopmodel.model.settings import ReviewSettings
from sopmodel.model.validate import check_collection, validate_document

__all__ = ["Collection", "Sop", "list_markdown_files", "load_collection"]


@dataclasses.dataclass(frozen=True)
class Sop:
    """One valid SOP as of one day.

    Attributes:
        document: The parsed file (path relative to the project, body, lines).
        meta: The typed front matter, as written.
        status: The status on the collection's day (withdrawn once `withdrawn_on` has come).
        review: The review deadline as of the collection's day.
        references: The ``[[ID]]`` links in its body.
    """

    document: Document
    meta: SopMeta
    status: DocStatus
    review: ReviewState
    references: tuple[Reference, ...] = ()

    @property
    def id(self) -> str:
        """The SOP's unique id."""
        return self.meta.id

    @property
    def title(self) -> str:
        """The SOP's title without id."""
        return self.meta.title

    @property
    def language(self) -> str:
        """The language of the text: nb, nn or en."""
        return self.meta.language

    @property
    def path(self) -> str:
        """The file path relative to the project, e.g. ``sops/ct-sop-07.md``."""
        return self.document.path

    @property
    def slug(self) -> str:
        """The id as used in the stable link ``/sop/<slug>/``."""
        return self.id.casefold()

    @property
    def withdrawn_automatically(self) -> bool:
        """Whether `withdrawn_on` has passed and made the SOP withdrawn."""
        return self.status is not self.meta.status


@dataclasses.dataclass
class Collection:
    """All SOPs of a site as of one day, and every problem found in them.

    Attributes:
        today: The day review deadlines and withdrawals are judged by.
        sops: The valid SOPs, by path.
        issues: Every problem found, sorted by file and line.
        attachments: Per attachment file (project-relative path), the SOPs that list it.
        files_checked: How many SOP files were read (valid or not).
    """

    today: dt.date
    sops: list[Sop]
    issues: list[Issue]
    attachments: dict[str, list[Sop]] = dataclasses.field(default_factory=dict)
    files_checked: int = 0
    _by_id: dict[str, Sop] = dataclasses.field(init=False, repr=False)
    _by_path: dict[str, Sop] = dataclasses.field(init=False, repr=False)
    _families: dict[str, list[Sop]] = dataclasses.field(init=False, repr=False)
    _referrers: dict[str, list[Sop]] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Indexes, so that pages look up SOPs in constant time (the build asks per page).
        self._by_id = {}
        for sop in self.sops:
            for alias in sop.meta.aliases:
                self._by_id.setdefault(alias.casefold(), sop)
        self._by_id.update({sop.id.casefold(): sop for sop in self.sops})
        self._by_path = {sop.path: sop for sop in self.sops}
        self._families = {}
        self._referrers = {}
        for sop in self.sops:
            self._families.setdefault(sop.meta.family, []).append(sop)
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
        family = self._families.get(sop.meta.family, [])
        return sorted((other for other in family if other is not sop), key=lambda s: s.id)

    def original_of(self, sop: Sop) -> Sop | None:
        """Return the SOP that `sop` translates (its `translation_of`), if any."""
        return self.by_id(sop.meta.translation_of) if sop.meta.translation_of else None

    def translation_behind(self, sop: Sop) -> tuple[Sop, Version] | None:
        """Return (original, translated version) when the original has a newer version than the translation's source."""
        original = self.original_of(sop)
        made_from = sop.meta.translated_from_version
        if original is None or made_from is None or not original.meta.version > made_from:
            return None
        return original, made_from

    def referrers_of(self, sop: Sop) -> list[Sop]:
        """Return the SOPs whose body links to `sop`, in id order."""
        return sorted(self._referrers.get(sop.id, []), key=lambda s: s.id)


def list_markdown_files(folder: Path) -> list[Path]:
    """Return the SOP files under `folder`, sorted (see `sopmodel.model.discovery` for the rule)."""
    return list(discover(folder).pages)


def load_collection(project_dir: Path, settings: ReviewSettings, today: dt.date) -> Collection:
    """Read, check and classify every SOP under the project's SOP folder.

    Args:
        project_dir: The folder holding mkdocs.yml and the SOP folder.
        settings: Review settings (folder names, intervals).
        today: The day to judge review deadlines by.

    Returns:
        The valid SOPs and all problems found, sorted by file and line.
    """
    files = discover(project_dir / settings.sops_dir)
    parsed: list[Document] = []
    identities: list[Document] = []  # unreadable files: only their ids count
    issues: list[Issue] = outside_issues(files.outside, project_dir)
    for path in files.pages:
        document, problems = read_document(path, project_dir)
        if document is None or document.lossy:
            issues.extend(problems)
            if document is not None:
                identities.append(document)
            continue
        parsed.append(document)
        if not problems:
            problems = validate_document(document, today)
        problems.extend(check_body(document, today))
        problems.extend(_check_attachments(document, path.parent, project_dir / settings.sops_dir))
        problems.extend(image_problems(document, path.parent, project_dir))
        issues.extend(problems)
    # Ids, references and attachments are checked across every readable file, valid
    # or not, so that one broken SOP neither hides its own link errors nor makes
    # references to it look wrong.
    issues.extend(check_collection(parsed + identities))
    issues.extend(check_owner_teams(parsed, settings))
    issues.extend(_check_references(parsed, parsed + identities))
    users = _attachment_users(parsed, project_dir)
    issues.extend(_unused_attachments(project_dir, files.attachments, users))
    for path in files.attachments:
        if path.suffix == ".md":
            attachment, problems = read_document(path, project_dir, front_matter=False)
            issues.extend(problems)
            if attachment is not None:
                issues.extend(check_body(attachment, today, required_sections=False))
                issues.extend(image_problems(attachment, path.parent, project_dir))
    failed = {issue.path for issue in issues if issue.is_error}
    sops = [_to_sop(document, settings, today) for document in parsed if document.path not in failed]
    by_path = {sop.path: sop for sop in sops}
    attachments = {
        target: [by_path[path] for path in paths if path in by_path] for target, paths in sorted(users.items())
    }
    collection = Collection(today, sops, sort_issues(issues), attachments, len(files.pages))
    collection.issues = sort_issues(collection.issues + _check_translations(collection))
    return collection


def _to_sop(document: Document, settings: ReviewSettings, today: dt.date) -> Sop:
    """Return the SOP of a document that passed every check."""
    meta = SopMeta.from_validated(document.meta)
    status = meta.effective_status(today)
    state = review_state(meta, status, today, settings.review_interval_years, settings.due_soon_days)
    references = tuple(find_references(document.body, document.end_line + 1))
    return Sop(document, meta, status, state, references)


def _check_references(parsed: list[Document], named: list[Document]) -> list[Issue]:
    """Report ``[[ID]]`` links in `parsed` to ids that no file of `named` has (nor as an alias)."""
    known: dict[str, str] = {}
    for document in named:
        for name in [fields.text(document.meta, "id"), *fields.texts(document.meta, "aliases")]:
            if name:
                known.setdefault(name.casefold(), name)
    issues = []
    for document in parsed:
        for reference in find_references(document.body, document.end_line + 1):
            if reference.target.casefold() in known:
                continue
            close = difflib.get_close_matches(reference.target, list(known.values()), n=1, cutoff=0.6)
            issues.append(
                Issue(
                    document.path,
                    reference.line,
                    f"[[{reference.target}]]",
                    f"expected the id of an existing SOP, got '{reference.target}', which no SOP has.",
                    f"write [[{close[0]}]], the closest existing id."
                    if close
                    else "write the id of an SOP in sops/, e.g. [[CT-SOP-07]], or remove the brackets.",
                )
            )
    return issues


def _check_translations(collection: Collection) -> list[Issue]:
    """Report translations of withdrawn or superseded SOPs, and translations of versions that do not exist."""
    issues = []
    for sop in collection.sops:
        original = collection.original_of(sop)
        if original is None:
            continue
        where = (sop.path, sop.document.line_of(("translation_of",)), "translation_of")
        if original.status.is_archived and not sop.status.is_archived:
            issues.append(
                Issue(
                    *where,
                    f"expected a translation of an SOP in force, got one of {original.id}, which is "
                    f"{original.status.value}.",
                    f"withdraw this translation too (status: withdrawn), or translate the SOP that replaces "
                    f"{original.id}.",
                )
            )
        made_from = sop.meta.translated_from_version
        if made_from is not None and made_from > original.meta.version:
            issues.append(
                Issue(
                    sop.path,
                    sop.document.line_of(("translated_from_version",)),
                    "translated_from_version",
                    f"expected a version {original.id} has had, got {made_from}, but {original.id} is at "
                    f"{original.meta.version}.",
                    f'write the version you translated, at most "{original.meta.version}".',
                )
            )
    return issues


def check_owner_teams(parsed: list[Document], settings: ReviewSettings) -> list[Issue]:
    """Report owners without a GitHub team, when the site maps owners to teams (CODEOWNERS)."""
    if not settings.owner_teams:
        return []
    units = ", ".join(settings.owner_teams)
    issues = []
    for document in parsed:
        owner = fields.text(document.meta, "owner")
        if owner and settings.team_of(owner) is None:
            close = difflib.get_close_matches(owner, list(settings.owner_teams), n=1, cutoff=0.6)
            issues.append(
                Issue(
                    document.path,
                    document.line_of(("owner",)),
                    "owner",
                    f"expected an owner unit with a GitHub team (owner_teams in mkdocs.yml), got '{owner}'.",
                    f"write '{close[0]}'."
                    if close
                    else f"use one of: {units}; or add the unit and its team "
                    "to extra.sop_review.owner_teams in mkdocs.yml.",
                )
            )
    return issues


def _attachment_files(document: Document) -> list[tuple[int, str]]:
    """Return (index, file) of every attachment entry whose file is a text."""
    found = []
    for index, item in enumerate(fields.items(document.meta, "attachments")):
        name = item.get("file") if isinstance(item, dict) else None
        if isinstance(name, str) and name:
            found.append((index, name))
    return found


def _attachment_users(parsed: list[Document], project_dir: Path) -> dict[str, list[str]]:
    """Return, per attachment file (project-relative path), the paths of the SOP files that list it."""
    root = project_dir.resolve()
    users: dict[str, list[str]] = {}
    for document in parsed:
        folder = (project_dir / document.path).parent
        for _, name in _attachment_files(document):
            target = (folder / name).resolve()
            if target.is_relative_to(root):
                users.setdefault(target.relative_to(root).as_posix(), []).append(document.path)
    return users


def _unused_attachments(project_dir: Path, attachments: tuple[Path, ...], users: dict[str, list[str]]) -> list[Issue]:
    """Warn about files in attachment folders that no SOP lists."""
    issues = []
    for path in attachments:
        relative = path.relative_to(project_dir).as_posix()
        if relative not in users:
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
    """Report attachments whose file does not exist or lies outside the SOP folder `root` (only it is published)."""
    issues = []
    for index, name in _attachment_files(document):
        target = (folder / name).resolve()
        where = (document.path, document.line_of(("attachments", index, "file")), f"attachments[{index}].file")
        if fields.unsafe_scheme(name):
            issues.append(
                Issue(
                    *where,
                    f"expected a file name, got the address '{name}'.",
                    "give the attachment's file name, e.g. vedlegg/sjekkliste.docx.",
                )
            )
        elif not target.is_relative_to(root.resolve()):
            issues.append(
                Issue(
                    *where,
                    f"expected a file in the {root.name}/ folder, got '{name}'.",
                    "put the attachment beside the SOP, e.g. in vedlegg/.",
                )
            )
        elif not target.is_file():
            issues.append(
                Issue(
                    *where,
                    f"expected an existing file, got '{name}', which does not exist.",
                    "add the file to the repository or correct the name (it is relative to the SOP file).",
                )
            )
    return issues
