"""Changes to SOPs: the version rule of `sop check --since`, the "Nylig endret" page and its feed.

The quality system requires every change to be versioned (issue 6): a change to
an SOP's text needs a new ``version`` and a ``changelog`` item, while a periodic
review that changes nothing may move ``last_reviewed_on`` (and record the review in
the changelog, as ``sop bump --reviewed`` does) without a new version.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopmodel.collection import Collection
from sopmodel.document import Document, text_to_document, to_json_value
from sopmodel.editing import next_version
from sopmodel.generated import CHANGES_PAGE, FEED_FILE
from sopmodel.issues import Issue, Severity
from sopmodel.text import escape_markdown

__all__ = ["CHANGES_PAGE", "FEED_FILE"]

ALLOWED_WITHOUT_VERSION = frozenset({"last_reviewed_on", "changelog"})
"""Front-matter keys a periodic review may change without a new version."""


class GitError(RuntimeError):
    """Git could not answer; the message says why and how to fix it."""


@dataclasses.dataclass(frozen=True)
class ChangedFile:
    """One SOP file that differs from the base: its path now and at the base (None if new)."""

    path: str
    old_path: str | None


def _git(project: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(project), *args], capture_output=True, text=True, encoding="utf-8", check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed. Fix: install git, or run 'sop check' without --since.") from None
    if result.returncode != 0:
        raise GitError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"git {args[0]} failed")
    return result.stdout


def resolve_base(project: Path, ref: str) -> str:
    """Return the commit where the work tree's history left `ref` (their merge base).

    Comparing with the merge base, as a pull request does, ignores changes made on
    the base branch after this branch started.

    Raises:
        GitError: when the folder is not a git repository or `ref` is unknown.
    """
    try:
        _git(project, "rev-parse", "--git-dir")
    except GitError:
        raise GitError(f"{project} is not a git repository. Fix: run 'sop check --since' inside a clone.") from None
    try:
        _git(project, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(
            f"--since {ref!r}: git knows no such branch, tag or commit. Fix: check the name, or fetch it first "
            f"(git fetch origin; in GitHub Actions use actions/checkout with fetch-depth: 0)."
        ) from None
    try:
        return _git(project, "merge-base", ref, "HEAD").strip()
    except GitError:
        raise GitError(
            f"--since {ref!r}: this branch and {ref} have no commit in common. Fix: fetch the full history "
            "(fetch-depth: 0) or compare with another ref."
        ) from None


def changed_files(project: Path, base: str, folder: str) -> list[ChangedFile]:
    """Return the Markdown files under `folder` that differ between `base` and the work tree.

    Renamed files keep their old path, so a rename with edits is compared with the
    file it was; new, untracked files count as new.
    """
    changed: dict[str, ChangedFile] = {}
    output = _git(project, "diff", "--name-status", "-M", "-z", base, "--", folder)
    fields = output.split("\0")
    i = 0
    while i < len(fields) - 1:
        status = fields[i]
        if status.startswith(("R", "C")):
            old, new = fields[i + 1], fields[i + 2]
            changed[new] = ChangedFile(new, old if status.startswith("R") else None)
            i += 3
            continue
        path = fields[i + 1]
        if status != "D":
            changed[path] = ChangedFile(path, None if status == "A" else path)
        i += 2
    untracked = _git(project, "ls-files", "--others", "--exclude-standard", "-z", "--", folder)
    for path in filter(None, untracked.split("\0")):
        changed.setdefault(path, ChangedFile(path, None))
    return [changed[path] for path in sorted(changed) if path.endswith(".md")]


def files_at(project: Path, base: str, paths: list[str]) -> dict[str, str]:
    """Return the text of each of `paths` at commit `base`, read by one git process.

    One ``git cat-file --batch`` instead of a ``git show`` per file keeps
    ``sop check --since`` fast when a pull request touches many SOPs.
    """
    if not paths:
        return {}
    request = "".join(f"{base}:{path}\n" for path in paths).encode("utf-8")
    result = subprocess.run(
        ["git", "-C", str(project), "cat-file", "--batch"], input=request, capture_output=True, check=False
    )
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or "git cat-file failed")
    texts: dict[str, str] = {}
    output, position = result.stdout, 0
    for path in paths:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3 or header[1] != b"blob":  # "<name> missing"
            continue
        size = int(header[2])
        texts[path] = output[position : position + size].decode("utf-8", "replace")
        position += size + 1
    return texts


def _normalise(body: str) -> str:
    """Return the body with LF line ends and no trailing blank lines: those are not changes."""
    return body.replace("\r\n", "\n").rstrip("\n")


def _first_changed_line(old: Document, new: Document) -> int:
    old_lines = _normalise(old.body).split("\n")
    new_lines = _normalise(new.body).split("\n")
    index = next(
        (i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b),
        min(len(old_lines), len(new_lines)),
    )
    return new.end_line + 1 + index


def _version_key(version: Any) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in str(version).split("."))
    except ValueError:
        return ()


def _next(version: Any, kind: str) -> str:
    return next_version(str(version), kind) if _version_key(version) else "1.0"


def compare_versions(old: Document, new: Document, since: str) -> list[Issue]:
    """Check that a changed SOP has a new version and changelog item, or is only a review.

    Args:
        old: The file at the base commit.
        new: The file in the work tree (already valid against the schema).
        since: The ref the user gave, for messages.

    Returns:
        Errors for unversioned changes and for versions without a changelog item;
        a warning when existing changelog items were edited or removed.
    """
    issues: list[Issue] = []
    sop_id = new.meta.get("id", "ID")
    old_version, new_version = old.meta.get("version"), new.meta.get("version")
    old_log = list(to_json_value(old.meta.get("changelog")) or [])
    new_log = list(to_json_value(new.meta.get("changelog")) or [])
    added = len(new_log) - len(old_log)
    if added < 0 or new_log[max(added, 0) :] != old_log:
        issues.append(
            Issue(
                new.path,
                new.line_of(("changelog",)),
                "changelog",
                f"existing changelog items were edited or removed since {since}.",
                "add new items at the top and leave the history as it was (this is a warning: "
                "a reviewer must accept the change).",
                Severity.WARNING,
            )
        )
        added = 0
    minor, major = _next(old_version, "minor"), _next(old_version, "major")
    fix_new_version = (
        f'set version: "{minor}" (a major change: "{major}") and add at the top '
        "of changelog an item with that version, today's date and a summary of the change; on the command line, "
        f"'sop bump {sop_id} --minor --summary \"what changed\"' does both."
    )
    if old_version != new_version:
        if _version_key(new_version) <= _version_key(old_version):
            issues.append(
                Issue(
                    new.path,
                    new.line_of(("version",)),
                    "version",
                    f"expected a version above {old_version} (the version at {since}), got {new_version}.",
                    f"{fix_new_version}",
                )
            )
        if not any(str(item.get("version")) == str(new_version) for item in new_log[:added] if isinstance(item, dict)):
            issues.append(
                Issue(
                    new.path,
                    new.line_of(("version",)),
                    "changelog",
                    f"version changed from {old_version} to {new_version} since {since}, "
                    f"but the changelog has no new item for {new_version}.",
                    f'add at the top of changelog an item with version "{new_version}", today\'s date and a summary '
                    "of the change.",
                )
            )
        return issues
    if _normalise(old.body) != _normalise(new.body):
        issues.append(
            Issue(
                new.path,
                _first_changed_line(old, new),
                "version",
                f"the text changed since {since}, but the version is still {new_version}.",
                fix_new_version,
            )
        )
    # Compared as the schema sees them, so that quoting a date ("2024-05-31") is no change.
    old_meta, new_meta = to_json_value(old.meta), to_json_value(new.meta)
    changed_keys = sorted(key for key in set(old_meta) | set(new_meta) if old_meta.get(key) != new_meta.get(key))
    unversioned = [key for key in changed_keys if key not in ALLOWED_WITHOUT_VERSION]
    if unversioned:
        others = ", ".join(f"'{key}'" for key in unversioned[1:])
        issues.append(
            Issue(
                new.path,
                new.line_of((unversioned[0],)),
                unversioned[0],
                f"changed since {since}{f' (and so did {others})' if others else ''}, but the version is still "
                f"{new_version}; without a new version only last_reviewed_on may change (a periodic review).",
                fix_new_version,
            )
        )
    for index, item in enumerate(new_log[:added]):
        if isinstance(item, dict) and str(item.get("version")) != str(new_version):
            issues.append(
                Issue(
                    new.path,
                    new.line_of(("changelog", index, "version")),
                    f"changelog[{index}].version",
                    f"expected the current version {new_version} in a new changelog item, got {item.get('version')}.",
                    f"a review item keeps the current version; for a new version, {fix_new_version}",
                )
            )
    return issues


def check_since(project: Path, collection: Collection, ref: str, folder: str) -> tuple[list[str], list[Issue]]:
    """Return the SOP files changed since `ref` and the version problems in them.

    Only files that are valid now are compared; `sop check` reports the others.

    Raises:
        GitError: when git cannot compare with `ref`.
    """
    base = resolve_base(project, ref)
    changed = changed_files(project, base, folder)
    valid = {sop.path: sop.document for sop in collection.sops}
    compared = [change for change in changed if change.path in valid and change.old_path is not None]
    old_texts = files_at(project, base, [str(change.old_path) for change in compared])
    issues: list[Issue] = []
    for change in compared:
        old_path = str(change.old_path)
        if old_path not in old_texts:
            continue
        old, problems = text_to_document(old_texts[old_path], old_path)
        if problems:
            continue
        issues.extend(compare_versions(old, valid[change.path], ref))
    return [change.path for change in changed], issues


@dataclasses.dataclass(frozen=True)
class ChangeEntry:
    """One changelog item of one SOP, for the "Nylig endret" page and feed."""

    sop_id: str
    title: str
    path: str
    language: str
    version: str
    date: dt.date
    summary: str


def recent_changes(collection: Collection, limit: int = 50) -> list[ChangeEntry]:
    """Return the newest changelog items of all SOPs, newest first (then by id).

    Items dated after the collection's day are left out: they are planned, not made.
    """
    entries = []
    for sop in collection.sops:
        for item in sop.meta.changelog:
            if item.date > collection.today:
                continue
            entries.append(
                ChangeEntry(sop.id, sop.title, sop.path, sop.language, str(item.version), item.date, item.summary)
            )
    entries.sort(key=lambda e: (-e.date.toordinal(), e.sop_id, _version_key(e.version)))
    return entries[:limit]


_MONTHS_NB = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]


def render_recent_changes(entries: list[ChangeEntry], link: Callable[[str], str], feed_url: str) -> str:
    """Return the Markdown of the "Nylig endret" page: changes grouped by month, newest first.

    Args:
        entries: From `recent_changes`.
        link: Returns the relative URL of a source path from this page.
        feed_url: Relative URL of the Atom feed.
    """
    out = [
        "---",
        "title: Nylig endret",
        "---",
        "",
        "# Nylig endret",
        "",
        "Nye versjoner og periodiske revisjoner av SOP-ene, nyeste først, hentet fra endringsloggen i hver SOP. "
        # An HTML link: MkDocs would warn that a Markdown link to feed.xml (written
        # after the build) points to no documentation file, failing --strict.
        f'Følg endringene med en nyhetsleser: <a href="{html.escape(feed_url)}">Atom-feed</a>.',
    ]
    if not entries:
        out += ["", "Ingen endringer er registrert ennå."]
    month = None
    for entry in entries:
        if (entry.date.year, entry.date.month) != month:
            month = (entry.date.year, entry.date.month)
            out += ["", f"## {_MONTHS_NB[entry.date.month - 1].capitalize()} {entry.date.year}", ""]
        # An HTML link, as on the other generated pages: the address is already the
        # page's URL, which MkDocs would report as an unrecognised relative link.
        anchor = (
            f'<a href="{html.escape(link(entry.path))}" lang="{html.escape(entry.language)}">'
            f"{escape_markdown(f'{entry.sop_id} {entry.title}')}</a>"
        )
        out.append(
            f"- **{entry.date.isoformat()}** {anchor}, versjon {html.escape(entry.version)}: "
            f"{escape_markdown(entry.summary)}"
        )
    return "\n".join(out) + "\n"


ATOM = "http://www.w3.org/2005/Atom"


def render_atom_feed(
    entries: list[ChangeEntry], site_name: str, site_url: str, page_url: Callable[[str], str], feed_path: str
) -> str:
    """Return an Atom 1.0 feed of `entries`.

    Args:
        entries: From `recent_changes`, newest first.
        site_name: The feed's title prefix.
        site_url: The site's absolute URL (``site_url`` in mkdocs.yml), or "" to use
            links relative to the feed.
        page_url: Returns the site-relative URL of a source path, e.g. ``sops/ct-sop-07/``.
        feed_path: The feed's site-relative path, e.g. ``feed.xml``.

    Entry ids are tag URIs made of id, version and date, so they never change; the
    feed's ``updated`` is the newest entry's date, never the clock.
    """
    ET.register_namespace("", ATOM)
    base = site_url.rstrip("/") + "/" if site_url else ""
    feed = ET.Element(f"{{{ATOM}}}feed")
    if base:
        feed.set("{http://www.w3.org/XML/1998/namespace}base", base)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{base}{feed_path}" if base else "tag:norcrin.no,2024:sop/changes"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{site_name}: nylig endret"
    newest = entries[0].date if entries else dt.date(2024, 1, 1)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{newest.isoformat()}T00:00:00Z"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}{feed_path}" if base else feed_path)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=base or "./")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = site_name
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(
            item, f"{{{ATOM}}}id"
        ).text = f"tag:norcrin.no,2024:sop/{entry.sop_id}/{entry.version}/{entry.date.isoformat()}"
        ET.SubElement(item, f"{{{ATOM}}}title").text = f"{entry.sop_id} {entry.title}, versjon {entry.version}"
        ET.SubElement(item, f"{{{ATOM}}}updated").text = f"{entry.date.isoformat()}T00:00:00Z"
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=f"{base}{page_url(entry.path)}")
        summary = ET.SubElement(item, f"{{{ATOM}}}summary")
        summary.text = entry.summary
        if entry.language:
            item.set("{http://www.w3.org/XML/1998/namespace}lang", entry.language)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
