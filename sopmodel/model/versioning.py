"""The version rule of `sop check --since`: every change to an SOP is versioned.

The quality system requires it (issue 6): a change to an SOP's text needs a new
``version`` and a ``changelog`` item, while a periodic review that changes nothing may
move ``last_reviewed_on`` (and record the review in the changelog, as ``sop bump
--reviewed`` does) without a new version. Both sides are compared as typed front
matter (`SopMeta`), so quoting a date or reformatting YAML is no change.
"""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.document import Document, text_to_document
from sopmodel.model.editing import next_version
from sopmodel.model.issues import Issue, Severity
from sopmodel.model.meta import SopMeta, Version
from sopmodel.model.validate import validate_document

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


def _fix_new_version(sop_id: str, old: Version) -> str:
    minor, major = next_version(old.text, "minor"), next_version(old.text, "major")
    return (
        f'set version: "{minor}" (a major change: "{major}") and add at the top '
        "of changelog an item with that version, today's date and a summary of the change; on the command line, "
        f"'sop bump {sop_id} --minor --summary \"what changed\"' does both."
    )


def compare_versions(old: Document, old_meta: SopMeta, new: Sop, since: str) -> list[Issue]:
    """Check that a changed SOP has a new version and changelog item, or is only a review.

    Args:
        old: The file at the base commit.
        old_meta: Its typed front matter (it passed the schema there).
        new: The SOP in the work tree.
        since: The ref the user gave, for messages.

    Returns:
        Errors for unversioned changes and for versions without a changelog item;
        a warning when existing changelog items were edited or removed.
    """
    issues: list[Issue] = []
    document, meta = new.document, new.meta
    added = len(meta.changelog) - len(old_meta.changelog)
    if added < 0 or meta.changelog[added:] != old_meta.changelog:
        issues.append(
            Issue(
                document.path,
                document.line_of(("changelog",)),
                "changelog",
                f"existing changelog items were edited or removed since {since}.",
                "add new items at the top and leave the history as it was (this is a warning: "
                "a reviewer must accept the change).",
                Severity.WARNING,
            )
        )
        added = 0
    fix = _fix_new_version(meta.id, old_meta.version)
    if meta.version != old_meta.version:
        return issues + _new_version_issues(old_meta, new, added, since) + _effective_date_issues(old_meta, new)
    if _normalise(old.body) != _normalise(document.body):
        issues.append(
            Issue(
                document.path,
                _first_changed_line(old, document),
                "version",
                f"the text changed since {since}, but the version is still {meta.version}.",
                fix,
            )
        )
    issues.extend(_unversioned_fields(old_meta, new, since, fix))
    for index, item in enumerate(meta.changelog[:added]):
        if item.version != meta.version:
            issues.append(
                Issue(
                    document.path,
                    document.line_of(("changelog", index, "version")),
                    f"changelog[{index}].version",
                    f"expected the current version {meta.version} in a new changelog item, got {item.version}.",
                    f"a review item keeps the current version; for a new version, {fix}",
                )
            )
    return issues


def _new_version_issues(old_meta: SopMeta, new: Sop, added: int, since: str) -> list[Issue]:
    """Check a changed version: higher than before, with a changelog item of its own."""
    document, meta = new.document, new.meta
    issues = []
    if meta.version <= old_meta.version:
        issues.append(
            Issue(
                document.path,
                document.line_of(("version",)),
                "version",
                f"expected a version above {old_meta.version} (the version at {since}), got {meta.version}.",
                _fix_new_version(meta.id, old_meta.version),
            )
        )
    if not any(item.version == meta.version for item in meta.changelog[:added]):
        issues.append(
            Issue(
                document.path,
                document.line_of(("version",)),
                "changelog",
                f"version changed from {old_meta.version} to {meta.version} since {since}, "
                f"but the changelog has no new item for {meta.version}.",
                f'add at the top of changelog an item with version "{meta.version}", today\'s date and a summary '
                "of the change.",
            )
        )
    return issues


def _effective_date_issues(old_meta: SopMeta, new: Sop) -> list[Issue]:
    """A new version takes effect on its own date: `effective_date` must move with it."""
    meta = new.meta
    if meta.effective_date > old_meta.effective_date:
        return []
    item = next((item for item in meta.changelog if item.version == meta.version), None)
    example = f", e.g. {item.date.isoformat()} (the date of its changelog item)" if item else ""
    return [
        Issue(
            new.document.path,
            new.document.line_of(("effective_date",)),
            "effective_date",
            f"expected a later date for version {meta.version} than for {old_meta.version} "
            f"({old_meta.effective_date.isoformat()}), got {meta.effective_date.isoformat()}.",
            f"set effective_date to the day the new version takes effect{example}.",
        )
    ]


def _unversioned_fields(old_meta: SopMeta, new: Sop, since: str, fix: str) -> list[Issue]:
    """Report front-matter fields that changed without a new version (only a review may move a date)."""
    before, after = old_meta.to_front_matter(), new.meta.to_front_matter()
    changed = sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))
    unversioned = [key for key in changed if key not in ALLOWED_WITHOUT_VERSION]
    if not unversioned:
        return []
    others = ", ".join(f"'{key}'" for key in unversioned[1:])
    return [
        Issue(
            new.document.path,
            new.document.line_of((unversioned[0],)),
            unversioned[0],
            f"changed since {since}{f' (and so did {others})' if others else ''}, but the version is still "
            f"{new.meta.version}; without a new version only last_reviewed_on may change (a periodic review).",
            fix,
        )
    ]


def check_since(project: Path, collection: Collection, ref: str, folder: str) -> tuple[list[str], list[Issue]]:
    """Return the SOP files changed since `ref` and the version problems in them.

    Only files that are valid now, and were valid at `ref`, are compared; `sop check`
    reports the others.

    Raises:
        GitError: when git cannot compare with `ref`.
    """
    base = resolve_base(project, ref)
    changed = changed_files(project, base, folder)
    valid = {sop.path: sop for sop in collection.sops}
    compared = [change for change in changed if change.path in valid and change.old_path is not None]
    old_texts = files_at(project, base, [str(change.old_path) for change in compared])
    issues: list[Issue] = []
    for change in compared:
        old_path = str(change.old_path)
        if old_path not in old_texts:
            continue
        old, problems = text_to_document(old_texts[old_path], old_path)
        if problems or any(issue.is_error for issue in validate_document(old)):
            continue
        issues.extend(compare_versions(old, SopMeta.from_validated(old.meta), valid[change.path], ref))
    return [change.path for change in changed], issues
