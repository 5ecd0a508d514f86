"""OnePagers: one short page per NorCRIN work package or working group (issue 7).

Files live in ``onepagers/<id in lower case>.md`` with front matter checked against
``onepager.schema.json`` and the rules below. This module reads and checks them and
answers questions about them (which SOPs a package owns, where an old id leads); the
HTML lives in `sopmodel.site.onepager_html`. It does not import MkDocs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sopmodel.model import fields
from sopmodel.model.body import find_control_characters, find_unsafe_links
from sopmodel.model.collection import Sop
from sopmodel.model.discovery import discover, outside_issues
from sopmodel.model.document import Document, read_document
from sopmodel.model.image_files import image_problems
from sopmodel.model.issues import Issue, Severity, sort_issues
from sopmodel.model.meta import parse_date
from sopmodel.model.schema import load_schema
from sopmodel.model.validate import validate_document

ID_PATTERN = re.compile(r"^AP[1-9][0-9]?(-[A-Z]{2,10})?$")
"""A work package id (AP2) or a working group id under its package (AP1-JUS)."""

SHORT_NAME_PATTERN = re.compile(r"^AP[1-9][0-9]?( [A-ZÆØÅ][A-ZÆØÅa-zæøå-]{1,24})?$")
"""The id's work package number and a name in letters, as SOPs write 'owner': AP2 SOP."""

PERIOD_ORDER = ("2015-2020", "2021-2025")
"""NorCRIN 1 and NorCRIN 2, the funding periods of table 1.1 in the 2024 annual report."""

INDEX_FILE = "index.md"


@dataclasses.dataclass(frozen=True)
class MergedPackage:
    """An earlier work package merged into another; its old id leads to the other.

    Attributes:
        id: The old id, e.g. AP6.
        title: Its title, e.g. "SOP for ikke-legemiddelstudier".
        when: When it was merged, in words, if known ("høsten 2022").
        into: The OnePager it was merged into.
    """

    id: str
    title: str
    when: str
    into: OnePager


@dataclasses.dataclass(frozen=True)
class OnePager:
    """One valid OnePager."""

    document: Document

    @functools.cached_property
    def meta(self) -> dict[str, Any]:
        """The validated front matter, with the date written quoted or bare as a date."""
        meta = dict(self.document.meta)
        meta["last_reviewed_on"] = parse_date(meta.get("last_reviewed_on"))
        return meta

    @property
    def id(self) -> str:
        """The id, e.g. AP2 or AP1-JUS."""
        return str(self.meta["id"])

    @property
    def title(self) -> str:
        """The title without id."""
        return str(self.meta["title"])

    @property
    def short_name(self) -> str:
        """The name SOPs use as owner, e.g. AP2 SOP."""
        return str(self.meta["short_name"])

    @property
    def path(self) -> str:
        """The file path relative to the project, e.g. ``onepagers/ap2.md``."""
        return self.document.path

    @property
    def parent_id(self) -> str | None:
        """The work package a working group belongs to (AP1 for AP1-JUS), else None."""
        return self.id.split("-")[0] if "-" in self.id else None

    @property
    def number(self) -> int:
        """The work package number, for sorting (1 for AP1-JUS)."""
        return int(self.id.split("-")[0][2:])

    @property
    def pdf_name(self) -> str:
        """The file name of the printable PDF, e.g. ``AP2.pdf``."""
        return f"{self.id}.pdf"

    @property
    def periods(self) -> tuple[str, ...]:
        """The funding periods in time order."""
        given = set(self.meta["funding_periods"])
        return tuple(period for period in PERIOD_ORDER if period in given)


@dataclasses.dataclass
class OnePagerSet:
    """Every valid OnePager of a site and every problem found in the folder."""

    onepagers: list[OnePager]
    issues: list[Issue]

    def ordered(self) -> list[OnePager]:
        """Return the OnePagers by work package number, each working group after its package."""
        return sorted(self.onepagers, key=lambda page: (page.number, page.parent_id is not None, page.id))

    def by_id(self, page_id: str) -> OnePager | None:
        """Return the OnePager with `page_id` (case-insensitive), or the one an old id was merged into."""
        wanted = page_id.strip().casefold()
        for page in self.onepagers:
            if page.id.casefold() == wanted:
                return page
        merged = next((item for item in self.merged() if item.id.casefold() == wanted), None)
        return merged.into if merged else None

    def merged(self) -> list[MergedPackage]:
        """Return the earlier work packages merged into others, by number."""
        found = [
            MergedPackage(str(item["id"]), str(item["title"]), str(item.get("when") or ""), page)
            for page in self.onepagers
            for item in page.meta.get("merged_packages") or []
        ]
        return sorted(found, key=lambda item: _number(item.id))

    def owner_of(self, sop: Sop) -> OnePager | None:
        """Return the OnePager whose package owns `sop`, matched on the owner's first word (AP2 in "AP2 SOP")."""
        words = sop.meta.owner.split()
        return self.by_id(words[0]) if words else None

    def owned_sops(self, page: OnePager, sops: Iterable[Sop]) -> list[Sop]:
        """Return the SOPs whose owner is `page`'s package (or a package merged into it), by id."""
        return sorted((sop for sop in sops if self.owner_of(sop) is page), key=lambda sop: sop.id)

    def nav_paths(self) -> list[str]:
        """Return the OnePager files in navigation order (AP1, its groups, AP2, ..., AP14)."""
        return [page.path for page in self.ordered()]


def _number(page_id: str) -> int:
    digits = re.match(r"AP(\d+)", page_id)
    return int(digits.group(1)) if digits else 0


def list_onepager_files(folder: Path) -> list[Path]:
    """Return the OnePager files in `folder`: ``*.md`` except the hand-written ``index.md``."""
    return list(discover(folder, with_attachments=False).pages)


def _with_example(issue: Issue) -> Issue:
    """Give a top-level field written in the wrong shape the schema's example as fix.

    `validate_document` says "write a group of fields here" for a mapping written as
    text; an example of the mapping helps more.
    """
    example = load_schema("onepager")["properties"].get(issue.key, {}).get("x-example")
    if example and issue.message.startswith("expected a group of fields"):
        return dataclasses.replace(issue, hint=f"write e.g. {issue.key}: {example}.")
    return issue


def _name_rules(document: Document) -> list[Issue]:
    """The id's form and the file name it gives, and a short name that starts with the id's package."""
    meta = document.meta
    page_id = meta.get("id")
    issues: list[Issue] = []

    def add(key: tuple[str | int, ...], label: str, message: str, hint: str) -> None:
        issues.append(Issue(document.path, document.line_of(key), label, message, hint))

    id_ok = isinstance(page_id, str) and ID_PATTERN.match(page_id) is not None
    if isinstance(page_id, str) and not id_ok:
        add(
            ("id",),
            "id",
            f"expected a work package id like AP2 or AP1-JUS, got '{page_id}'.",
            "write AP and the number, and for a working group a hyphen and a code in capitals.",
        )
    elif isinstance(page_id, str):
        expected = f"{page_id.lower()}.md"
        name = document.path.rsplit("/", 1)[-1]
        if name != expected:
            add(
                ("id",),
                "id",
                f"expected the file to be named {expected} after id {page_id}, got {name}.",
                f"rename the file to {expected}, or correct the id.",
            )
    short_name = meta.get("short_name")
    if isinstance(short_name, str) and not SHORT_NAME_PATTERN.match(short_name):
        add(
            ("short_name",),
            "short_name",
            f"expected the id's package and a name like AP2 SOP, got '{short_name}'.",
            "write AP, the number, a space and a name in letters, as SOPs write 'owner'.",
        )
    elif (
        isinstance(short_name, str)
        and isinstance(page_id, str)
        and id_ok
        and short_name.split()[0] != page_id.split("-")[0]
    ):
        add(
            ("short_name",),
            "short_name",
            f"expected a name starting with {page_id.split('-')[0]} (from id {page_id}), got '{short_name}'.",
            f"start it with {page_id.split('-')[0]}.",
        )
    return issues


def validate_onepager(document: Document, today: dt.date) -> list[Issue]:
    """Check one OnePager's front matter: the schema, then the rules the schema cannot express.

    Args:
        document: The parsed file.
        today: ``last_reviewed_on`` must not be after this day.

    Returns:
        Every problem found, in file order.
    """
    issues = [_with_example(issue) for issue in validate_document(document, today, schema_name="onepager")]
    meta = document.meta

    def add(key: tuple[str | int, ...], label: str, message: str, hint: str) -> None:
        issues.append(Issue(document.path, document.line_of(key), label, message, hint))

    issues += _name_rules(document)
    reviewed = parse_date(meta.get("last_reviewed_on"))
    if reviewed is not None and reviewed > today:
        # A warning, not an error: no deadline depends on a OnePager's review date.
        issues.append(
            Issue(
                document.path,
                document.line_of(("last_reviewed_on",)),
                "last_reviewed_on",
                f"expected a date on or before today ({today.isoformat()}), got {reviewed.isoformat()}.",
                "write the date the content was actually checked.",
                Severity.WARNING,
            )
        )
    if meta.get("project_funding_until") is not None and meta.get("phase") != "operation":
        add(
            ("project_funding_until",),
            "project_funding_until",
            f"expected only with phase 'operation', got phase {meta.get('phase')!r}.",
            "remove the line, or set 'phase: operation'.",
        )
    for index, item in enumerate(fields.items(meta, "merged_packages")):
        old = item.get("id") if isinstance(item, dict) else None
        if isinstance(old, str) and not re.match(r"^AP[1-9][0-9]?$", old):
            add(
                ("merged_packages", index, "id"),
                f"merged_packages[{index}].id",
                f"expected a work package id like AP6, got '{old}'.",
                "write AP and the number.",
            )
    return sorted(issues, key=lambda issue: (issue.line, issue.key))


def check_onepager_set(documents: list[Document]) -> list[Issue]:
    """Check the rules that span files: unique ids, old ids, and each working group's package.

    Args:
        documents: Every readable OnePager document.

    Returns:
        Problems naming both files for an id used twice; unknown parent packages.
    """
    issues: list[Issue] = []
    seen: dict[str, tuple[Document, tuple[str | int, ...]]] = {}
    for document in documents:
        claims: list[tuple[str, tuple[str | int, ...]]] = []
        if isinstance(document.meta.get("id"), str):
            claims.append((document.meta["id"], ("id",)))
        for index, item in enumerate(fields.items(document.meta, "merged_packages")):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                claims.append((item["id"], ("merged_packages", index, "id")))
        for claimed, key in claims:
            other = seen.get(claimed.casefold())
            if other is None:
                seen[claimed.casefold()] = (document, key)
                continue
            label = "id" if key == ("id",) else f"merged_packages[{key[1]}].id"
            issues.append(
                Issue(
                    document.path,
                    document.line_of(key),
                    label,
                    f"expected a unique id, got '{claimed}', which {other[0].path}:{other[0].line_of(other[1])} "
                    "also uses.",
                    "give each work package, working group and merged package its own id.",
                )
            )
    known = sorted({document.meta["id"] for document in documents if isinstance(document.meta.get("id"), str)})
    for document in documents:
        page_id = document.meta.get("id")
        if not isinstance(page_id, str) or "-" not in page_id:
            continue
        parent = page_id.split("-")[0]
        if parent not in known:
            hint = f"add onepagers/{parent.lower()}.md for {parent}, or correct the id."
            issues.append(
                Issue(
                    document.path,
                    document.line_of(("id",)),
                    "id",
                    f"expected a working group under an existing work package, got '{page_id}', "
                    f"but there is no OnePager for {parent}.",
                    hint,
                )
            )
    return issues


def load_onepagers(project_dir: Path, folder: str, today: dt.date) -> OnePagerSet:
    """Read and check every OnePager in the project's OnePager folder.

    Args:
        project_dir: The folder holding mkdocs.yml.
        folder: The OnePager folder relative to it, usually ``onepagers``.
        today: The day dates are checked against.

    Returns:
        The valid OnePagers and every problem, sorted by file and line.
    """
    files = discover(project_dir / folder, with_attachments=False)
    issues: list[Issue] = outside_issues(files.outside, project_dir)
    parsed: list[Document] = []
    valid: list[Document] = []
    for path in files.pages:
        document, problems = read_document(path, project_dir)
        if document is None:
            issues.extend(problems)
            continue
        parsed.append(document)
        if not problems:
            problems = validate_onepager(document, today)
        problems.extend(find_unsafe_links(document) + find_control_characters(document))
        problems.extend(image_problems(document, path.parent, project_dir))
        issues.extend(problems)
        if not any(problem.is_error for problem in problems):
            valid.append(document)
    issues.extend(check_onepager_set(parsed))
    failed = {issue.path for issue in issues if issue.is_error}
    return OnePagerSet([OnePager(document) for document in valid if document.path not in failed], sort_issues(issues))
