"""Every published version of every SOP, read from git: what was in force when.

An SOP file's history in git is a row of states; the states with one ``version`` are
one published version. Its text is the last state with that version (a periodic
review changes only ``last_reviewed_on`` and the changelog), and it was published by
the first commit that had it. A version is in force from its ``effective_date`` until
the next version's, or until the SOP is withdrawn. Drafts are never in force.

The work tree is the newest state: the collection's SOP is the current version, so
an edit not yet committed counts as the current version.

Reading history is this module's only job; it knows no HTML and no MkDocs. Git is
asked twice per build (one ``git log``, one ``git cat-file --batch``), and the result
is cached by commit in ``.cache/history/``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.discovery import is_attachment, is_ignored
from sopmodel.model.document import text_to_document, to_json_value
from sopmodel.model.meta import DocStatus, SopMeta, Version
from sopmodel.model.validate import validate_document

_Row = tuple[SopMeta, str | None, str, dt.date | None, tuple[dt.date, ...]]
"""A version before its period is known: meta, body, commit, commit date, reviews."""

CACHE_DIR = Path(".cache") / "history"
CACHE_FORMAT = 1
"""Bump when the cached states change shape: older cache files are then ignored."""


class HistoryUnavailable(RuntimeError):
    """Git cannot give the whole history; the message says why and how to fix it."""


@dataclasses.dataclass(frozen=True)
class State:
    """One committed state of one SOP file that passed the schema."""

    commit: str
    committed_on: dt.date
    path: str
    meta: SopMeta
    body: str


@dataclasses.dataclass(frozen=True)
class PublishedVersion:
    """One version of an SOP as it was published.

    Attributes:
        meta: The front matter of the version's last state (its reviews included).
        body: The text of that state; None for a version known only from the changelog.
        commit: The commit that published the version ("" for an edit not committed yet).
        committed_on: That commit's date.
        reviews: Every ``last_reviewed_on`` this version had, oldest first.
        valid_from: The first day it was in force (its ``effective_date``).
        valid_until: The first day it no longer was (the next version's date, or the
            withdrawal), or None while it is in force.
    """

    meta: SopMeta
    body: str | None
    commit: str
    committed_on: dt.date | None
    reviews: tuple[dt.date, ...]
    valid_from: dt.date
    valid_until: dt.date | None

    @property
    def version(self) -> Version:
        """The version number."""
        return self.meta.version

    @property
    def has_text(self) -> bool:
        """Whether git holds its text (False: only the changelog records it)."""
        return self.body is not None

    def in_force_on(self, day: dt.date) -> bool:
        """Whether this version was the one in force on `day`."""
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)


@dataclasses.dataclass(frozen=True)
class SopHistory:
    """The published versions of one SOP, oldest first, the current one last."""

    sop: Sop
    versions: tuple[PublishedVersion, ...]

    @property
    def current(self) -> PublishedVersion:
        """The version in the work tree."""
        return self.versions[-1]

    @property
    def old_versions(self) -> tuple[PublishedVersion, ...]:
        """Every version before the current one whose text git holds: each gets a page."""
        return tuple(version for version in self.versions[:-1] if version.has_text)

    @property
    def ended_on(self) -> dt.date | None:
        """The day the SOP stopped applying (withdrawn or superseded), or None."""
        last = self.current
        if last.meta.status.is_archived:
            return last.meta.withdrawn_on or last.valid_from
        return last.meta.withdrawn_on

    def in_force_on(self, day: dt.date) -> PublishedVersion | None:
        """Return the version in force on `day`, or None (not yet in force, or withdrawn)."""
        return next((version for version in self.versions if version.in_force_on(day)), None)


@dataclasses.dataclass(frozen=True)
class History:
    """The history of every SOP of a collection."""

    sops: dict[str, SopHistory]
    available: bool
    problem: str = ""

    def of(self, sop_id: str) -> SopHistory | None:
        """Return the history of the SOP with this id, or None."""
        return self.sops.get(sop_id)


def _git(project: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(project), *args], input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise HistoryUnavailable("git is not installed. Fix: install git to publish the versions.") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryUnavailable(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


def head_commit(project: Path) -> str | None:
    """Return the commit checked out, or None when there is none (no repository, or no commit yet).

    Raises:
        HistoryUnavailable: when the clone is shallow: its history would be wrong.
    """
    try:
        inside = _git(project, "rev-parse", "--is-inside-work-tree").strip() == b"true"
    except HistoryUnavailable:
        return None
    if not inside:
        return None
    if _git(project, "rev-parse", "--is-shallow-repository").strip() == b"true":
        raise HistoryUnavailable(
            "this clone is shallow, so git does not have the older versions. Fix: fetch the whole history "
            "(git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)."
        )
    try:
        return _git(project, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").decode().strip() or None
    except HistoryUnavailable:
        return None


def _changed_paths(project: Path, folder: str) -> list[tuple[str, dt.date, list[str]]]:
    """Return (commit, date, SOP files added or changed) for each commit touching `folder`, oldest first.

    Paths are relative to the repository's root, which may lie above the project.
    """
    prefix = _git(project, "rev-parse", "--show-prefix").decode("utf-8", "replace").strip()
    output = _git(
        project, "log", "--reverse", "--no-renames", "--format=%x1e%H %cs", "--name-status", "-z", "--", folder
    ).decode("utf-8", "replace")
    top = f"{prefix}{folder.strip('/')}/"
    commits = []
    for chunk in filter(None, output.split("\x1e")):
        header, _, rest = chunk.partition("\0")
        commit, day = header.split()
        fields = [field.strip("\n") for field in rest.lstrip("\n").split("\0")]
        paths = [path for status, path in zip(fields[::2], fields[1::2], strict=False) if status in {"A", "M"}]
        paths = [path for path in paths if path.startswith(top) and _is_sop_path(path.removeprefix(top))]
        commits.append((commit, dt.date.fromisoformat(day), paths))
    return commits


def _is_sop_path(relative: str) -> bool:
    """Whether a path below the SOP folder is an SOP file, by the site's discovery rule."""
    parts = tuple(relative.split("/"))
    return relative.endswith(".md") and parts[-1] != "index.md" and not is_ignored(parts) and not is_attachment(parts)


def _read_blobs(project: Path, requests: list[tuple[str, str]]) -> list[str | None]:
    """Return the text of each (commit, path), read by one ``git cat-file --batch``."""
    if not requests:
        return []
    output = _git(project, "cat-file", "--batch", data="".join(f"{c}:{p}\n" for c, p in requests).encode())
    texts: list[str | None] = []
    position = 0
    for _ in requests:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3 or header[1] != b"blob":
            texts.append(None)
            continue
        size = int(header[2])
        texts.append(output[position : position + size].decode("utf-8", "replace"))
        position += size + 1
    return texts


def read_states(project: Path, folder: str) -> list[State]:
    """Return every committed state of every SOP file in `folder` that passed the schema, oldest first.

    States that did not pass are left out: they never built, so they were never published.
    """
    commits = _changed_paths(project, folder)
    requests = [(commit, path) for commit, _, paths in commits for path in paths]
    dates = {commit: day for commit, day, _ in commits}
    prefix = _git(project, "rev-parse", "--show-prefix").decode("utf-8", "replace").strip()
    states = []
    for (commit, root_path), text in zip(requests, _read_blobs(project, requests), strict=True):
        if text is None:
            continue
        path = root_path.removeprefix(prefix)
        document, problems = text_to_document(text, path)
        if problems or any(issue.is_error for issue in validate_document(document)):
            continue
        states.append(State(commit, dates[commit], path, SopMeta.from_validated(document.meta), document.body))
    return states


def _cached_states(project: Path, folder: str, head: str) -> list[State]:
    """Return `read_states`, from the cache when this commit was read before."""
    cache = project / CACHE_DIR / f"{head}.json"
    try:
        raw = json.loads(cache.read_text(encoding="utf-8"))
        if raw.get("format") == CACHE_FORMAT and raw.get("folder") == folder:
            return [_state_from_json(item) for item in raw["states"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    states = read_states(project, folder)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        items = [_state_to_json(state) for state in states]
        cache.write_text(json.dumps({"format": CACHE_FORMAT, "folder": folder, "states": items}), encoding="utf-8")
    except OSError:
        pass  # a read-only checkout builds without the cache
    return states


def _state_to_json(state: State) -> dict[str, Any]:
    return {
        "commit": state.commit,
        "committed_on": state.committed_on.isoformat(),
        "path": state.path,
        "meta": to_json_value(state.meta.to_front_matter()),
        "body": state.body,
    }


def _state_from_json(item: dict[str, Any]) -> State:
    return State(
        item["commit"],
        dt.date.fromisoformat(item["committed_on"]),
        item["path"],
        SopMeta.from_validated(item["meta"]),
        item["body"],
    )


def _versions(states: Iterable[State], current: Sop) -> tuple[PublishedVersion, ...]:
    """Collapse one SOP's states into published versions, with the work tree's as the last."""
    by_version: dict[Version, list[State]] = {}
    for state in states:
        if state.meta.version != current.meta.version and state.meta.status is not DocStatus.DRAFT:
            by_version.setdefault(state.meta.version, []).append(state)
    rows: list[_Row] = []
    for version in sorted(by_version):
        group = by_version[version]
        reviews = tuple(sorted({state.meta.last_reviewed_on for state in group}))
        rows.append((group[-1].meta, group[-1].body, group[0].commit, group[0].committed_on, reviews))
    own = [
        state
        for state in states
        if state.meta.version == current.meta.version and state.meta.status is not DocStatus.DRAFT
    ]
    reviews = tuple(sorted({state.meta.last_reviewed_on for state in own} | {current.meta.last_reviewed_on}))
    published = (own[0].commit, own[0].committed_on) if own else ("", None)
    rows.append((current.meta, current.document.body, *published, reviews))
    return _with_periods(_from_changelog(current.meta, min(row[0].version for row in rows)) + rows)


def _from_changelog(meta: SopMeta, oldest: Version) -> list[_Row]:
    """Return the versions older than git's oldest that only the changelog records, oldest first.

    Legacy SOPs come into the repository with their history in the changelog: its
    versions were in force, though their text is not here. Each is dated by its first
    changelog item, and has no text and no commit.
    """
    items: dict[Version, list[dt.date]] = {}
    for item in meta.changelog:
        if item.version < oldest:
            items.setdefault(item.version, []).append(item.date)
    rows: list[_Row] = []
    for version in sorted(items):
        dates = sorted(items[version])
        kept = tuple(item for item in meta.changelog if item.version <= version)
        old = dataclasses.replace(
            meta, version=version, effective_date=dates[0], last_reviewed_on=dates[-1], approved_by=None,
            status=DocStatus.ACTIVE, withdrawn_on=None, changelog=kept,
        )  # fmt: skip
        rows.append((old, None, "", None, tuple(dates)))
    return rows


def _with_periods(rows: list[_Row]) -> tuple[PublishedVersion, ...]:
    """Give each version the period it was in force: until the next one, or the withdrawal."""
    versions = []
    for index, (meta, body, commit, committed_on, reviews) in enumerate(rows):
        following = rows[index + 1][0].effective_date if index + 1 < len(rows) else None
        ends = [day for day in (following, meta.withdrawn_on) if day is not None]
        if meta.status.is_archived:
            ends.append(meta.withdrawn_on or meta.effective_date)
        until = min(ends) if ends else None
        versions.append(PublishedVersion(meta, body, commit, committed_on, reviews, meta.effective_date, until))
    return tuple(versions)


def load_history(project: Path, collection: Collection, folder: str, use_git: bool = True) -> History:
    """Return the history of every SOP in `collection`, from git.

    Without git history every SOP has only its current version. A folder that is no
    repository has no history to get wrong; when git fails or the clone is shallow,
    `History.problem` says why and how to fix it, for the build log.
    """
    problem = ""
    states: list[State] = []
    head = None
    try:
        head = head_commit(project) if use_git else None
        if head is not None:
            states = _cached_states(project, folder, head)
    except HistoryUnavailable as error:
        problem = str(error)
    by_id: dict[str, list[State]] = {}
    for state in states:
        by_id.setdefault(state.meta.id, []).append(state)
    histories = {sop.id: SopHistory(sop, _versions(by_id.get(sop.id, []), sop)) for sop in collection.sops}
    return History(histories, available=head is not None and not problem, problem=problem)
