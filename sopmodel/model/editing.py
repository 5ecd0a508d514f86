"""Bump SOP versions by editing the text in place (new SOP files: `sopmodel.model.new_sop`).

`sop bump` changes three things in the front matter (``version``,
``last_reviewed_on`` and a new first ``changelog`` item) with line edits, never by
dumping YAML again: every other byte of the file, comments, key order, quoting and
line endings included, stays as the editor wrote it (issue 6).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import yaml

from sopmodel.model.document import Document, text_to_document
from sopmodel.model.meta import parse_date

VERSION_PATTERN = re.compile(r"^[0-9]+(\.[0-9]+){0,2}$")

REVIEWED_SUMMARY = {"nb": "Periodisk revisjon uten endringer.", "en": "Periodic review without changes."}
"""Changelog summary written by ``sop bump --reviewed`` when none is given."""


class EditError(ValueError):
    """The file cannot be edited as asked; the message says why and how to fix it.

    `line`: the file line the message is about, when the message does not name it (0: none).
    """

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line

    def at(self, path: str) -> str:
        """The message with the file (and line) it is about: "sops/ct-sop-02.md:11: expected ..."."""
        return f"{path}:{self.line}: {self}" if self.line else str(self)


class BadDateError(EditError):
    """The date given for a bump is before the SOP's last review (bad usage)."""


def yaml_quote(text: str) -> str:
    r"""Return `text` as a YAML double-quoted scalar (JSON strings are valid YAML).

    Example:
        >>> print(yaml_quote('Samtykke: "barn"'))
        "Samtykke: \"barn\""
    """
    return json.dumps(text, ensure_ascii=False)


def yaml_scalar(text: str) -> str:
    """Return `text` as a plain YAML scalar when it reads back unchanged, else double-quoted.

    Example:
        >>> yaml_scalar("AP2 SOP"), yaml_scalar("no"), yaml_scalar("Datahåndtering: eCRF")
        ('AP2 SOP', '"no"', '"Datahåndtering: eCRF"')
    """
    try:
        plain = yaml.safe_load(f"key: {text}") == {"key": text} and text == text.strip()
    except yaml.YAMLError:
        plain = False
    return text if plain and "#" not in text else yaml_quote(text)


def next_version(version: str, kind: str) -> str:
    """Return the version after `version` for a ``minor`` or ``major`` change.

    Example:
        >>> next_version("3.1", "minor"), next_version("3.1.2", "major"), next_version("3", "minor")
        ('3.2', '4.0', '3.1')
    """
    parts = [int(part) for part in version.split(".")]
    if kind == "major":
        return f"{parts[0] + 1}.0"
    minor = parts[1] + 1 if len(parts) > 1 else 1
    return f"{parts[0]}.{minor}"


@dataclasses.dataclass(frozen=True)
class Bump:
    """What `sop bump` changed in one file."""

    text: str
    old_version: str
    new_version: str
    old_reviewed: dt.date
    date: dt.date
    summary: str
    old_effective: dt.date | None = None
    activated: bool = False

    def describe(self, path: str) -> str:
        """Return the one line `sop bump` prints about what it changed."""
        version = (
            f"version {self.old_version} (unchanged, periodic review)"
            if self.old_version == self.new_version
            else f"version {self.old_version} -> {self.new_version}"
        )
        parts = [version]
        if self.activated:
            parts.append("status draft -> active")
        if self.old_effective is not None:
            parts.append(f"effective_date {self.old_effective.isoformat()} -> {self.date.isoformat()}")
        parts.append(f"last_reviewed_on {self.old_reviewed.isoformat()} -> {self.date.isoformat()}")
        return f"{path}: {', '.join(parts)}, changelog item added."


_SCALAR_LINE = re.compile(
    r"^(?P<head>(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*)(?P<value>\"[^\"]*\"|'[^']*'|[^\s#]+)(?P<tail>[ \t]*(?:#.*)?)$"
)


def _line_ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def _replace_value(lines: list[str], index: int, key: str, new_value: str) -> None:
    """Replace the value on line `index` (0-based) of ``key: value``, keeping quotes and comments."""
    line = lines[index]
    ending = _line_ending(line)
    match = _SCALAR_LINE.match(line[: len(line) - len(ending)])
    if not match or match.group("key") != key:
        raise EditError(
            f"expected '{key}: <value>' on one line, got {line.strip()!r}. "
            f"Fix: write {key} as a plain 'key: value' line.",
            index + 1,
        )
    value = match.group("value")
    quote = value[0] if value[0] in "\"'" else ""
    lines[index] = f"{match.group('head')}{quote}{new_value}{quote}{match.group('tail')}{ending}"


def _changelog_entry(
    document: Document, lines: list[str], version: str, day: dt.date, summary: str
) -> tuple[int, list[str]]:
    """Return where to insert the new changelog item (0-based line) and its lines.

    The item copies the layout of the existing first item (indentation of the dash
    and of the keys, quoting of the version), or uses two spaces for a new list.
    """
    newline = _line_ending(lines[0]) or "\n"
    first = document.lines.get(("changelog", 0))
    if first is not None:
        item = lines[first - 1]
        match = re.match(r"^(?P<dash>[ \t]*-[ \t]+)", item)
        if not match:
            raise EditError(
                f"expected the changelog as a list of '- version: ...' items, got {item.strip()!r}. "
                "Fix: write one '- version:' item per change, as in the other SOPs.",
                first,
            )
        dash = match.group("dash")
        indent = " " * len(dash)
        version_line = lines[document.lines.get(("changelog", 0, "version"), first) - 1]
        quote = "'" if re.search(r"version:\s*'", version_line) else '"'
        newline = _line_ending(item) or newline
        entry = [
            f"{dash}version: {quote}{version}{quote}{newline}",
            f"{indent}date: {day.isoformat()}{newline}",
            f"{indent}summary: {yaml_quote(summary)}{newline}",
        ]
        return first - 1, entry
    entry = [
        f'  - version: "{version}"{newline}',
        f"    date: {day.isoformat()}{newline}",
        f"    summary: {yaml_quote(summary)}{newline}",
    ]
    key_line = document.lines.get(("changelog",))
    if key_line is None:
        # No changelog yet: a new block goes last in the front matter.
        return document.end_line - 1, [f"changelog:{newline}", *entry]
    line = lines[key_line - 1]
    ending = _line_ending(line)
    if re.match(r"^changelog[ \t]*:[ \t]*(\[[ \t]*\])?[ \t]*(#.*)?$", line[: len(line) - len(ending)]):
        lines[key_line - 1] = f"changelog:{ending}"
        return key_line, entry
    raise EditError(
        f"expected 'changelog:' followed by '- version:' items, got {line.strip()!r}. "
        "Fix: write the changelog as a block list, as in the other SOPs.",
        key_line,
    )


VERSION_RULES = """\
| Change | version | effective_date | last_reviewed_on | status | changelog |
|---|---|---|---|---|---|
| minor (--minor) | 3.1 -> 3.2 | the day | the day | unchanged | new item, new version |
| major (--major) | 3.1 -> 4.0 | the day | the day | unchanged | new item, new version |
| first approval of a draft (--major) | 0.3 -> 1.0 | the day | the day | draft -> active | new item, new version |
| periodic review (--reviewed) | unchanged | unchanged | the day | unchanged (not for drafts) | new item, same version |
"""
"""What `sop bump` does to each field, and what `sop check --since` requires (CONTRIBUTING.md §2)."""


def _set_approved_by(document: Document, lines: list[str], approved_by: str, inserted_at: int, count: int) -> None:
    """Write `approved_by`: on its own line when there is one, else after the owner.

    `inserted_at` and `count` say where the changelog item went, to find the lines after it.
    """

    def index_of(line: int) -> int:
        return line - 1 + (count if line - 1 >= inserted_at else 0)

    newline = _line_ending(lines[0]) or "\n"
    if ("approved_by",) in document.lines:
        index = index_of(document.line_of(("approved_by",)))
        lines[index] = f"approved_by: {yaml_quote(approved_by)}{_line_ending(lines[index]) or newline}"
        return
    after = index_of(document.lines.get(("owner",), document.end_line - 1)) + 1
    lines.insert(after, f"approved_by: {yaml_quote(approved_by)}{newline}")


def _check_review(document: Document, path: str, status: str, version: str, day: dt.date, summary: str) -> None:
    """Refuse a review of a draft and a second identical review on the same day."""
    if status == "draft":
        raise EditError(
            f"{path}: a draft has no periodic review. Fix: when it is approved, use --major "
            "(version 1.0, status active); until then, --minor for each change."
        )
    for item in document.meta.get("changelog") or []:
        if not isinstance(item, dict):
            continue
        if (
            str(item.get("version")) == version
            and parse_date(item.get("date")) == day
            and item.get("summary") == summary
        ):
            raise EditError(
                f"{path}: the changelog already records this review ({version}, {day.isoformat()}). "
                "Fix: nothing to do; a review is recorded once."
            )


def _bumpable(text: str, path: str, day: dt.date) -> tuple[Document, str, dt.date]:
    """Return the document, its version and last review, or raise when it cannot be bumped on `day`."""
    document, problems = text_to_document(text, path)
    if problems:
        raise EditError(f"{problems[0]}")
    if (status := document.meta.get("status")) in ("superseded", "withdrawn"):
        successor = document.meta.get("superseded_by")
        after = f"revise {successor}, which replaces it" if successor else ""
        raise EditError(
            f"{path}: a {status} SOP is kept as it was: no new version, no review. "
            f"Fix: {after or 'set status: active first if it comes back into use'}."
        )
    version = document.meta.get("version")
    if not isinstance(version, str) or not VERSION_PATTERN.match(version):
        raise EditError(
            f"{path}:{document.line_of(('version',))}: 'version': expected a version like \"3.1\", got {version!r}. "
            "Fix: correct it ('sop check' explains), then bump."
        )
    reviewed = parse_date(document.meta.get("last_reviewed_on"))
    if reviewed is None:
        raise EditError(
            f"{path}:{document.line_of(('last_reviewed_on',))}: 'last_reviewed_on': expected a date like 2024-05-31, "
            f"got {document.meta.get('last_reviewed_on')!r}. Fix: correct it ('sop check' explains), then bump."
        )
    if day < reviewed:
        raise BadDateError(
            f"{path}: --date {day.isoformat()} is before the last review ({reviewed.isoformat()}). "
            "Fix: give the date of this change or review, on or after the last one."
        )
    return document, version, reviewed


def bump_text(
    text: str, path: str, kind: str, day: dt.date, summary: str | None, approved_by: str | None = None
) -> Bump:
    """Return `text` with a new version (or review), review date and changelog item.

    Args:
        text: The whole SOP file.
        path: Its path, for messages.
        kind: ``minor`` or ``major`` for a new version, ``reviewed`` for a periodic review
            without changes (the version stays; the changelog records the review).
        day: The date of the change or review.
        summary: The changelog summary; required for a new version.
        approved_by: Who approved the change; written into ``approved_by``.

    Raises:
        EditError: when the front matter cannot be read or edited safely.
    """
    document, version, reviewed = _bumpable(text, path, day)
    status = document.meta.get("status")
    if kind == "reviewed":
        new_version = version
        texts = "en" if document.meta.get("language") == "en" else "nb"
        summary = summary or REVIEWED_SUMMARY[texts]
        _check_review(document, path, str(status), version, day, summary)
    else:
        new_version = next_version(version, kind)
        if not summary:
            raise EditError(
                f"{path}: a new version needs a changelog summary. "
                f'Fix: add --summary "what changed", e.g. --summary "Updated the deadlines in section 5".'
            )
    lines = text.splitlines(keepends=True)
    _replace_value(lines, document.line_of(("version",)) - 1, "version", new_version)
    _replace_value(lines, document.line_of(("last_reviewed_on",)) - 1, "last_reviewed_on", day.isoformat())
    old_effective = parse_date(document.meta.get("effective_date"))
    if kind != "reviewed" and ("effective_date",) in document.lines:
        # A new version takes effect on the day of the change (VERSION_RULES).
        _replace_value(lines, document.line_of(("effective_date",)) - 1, "effective_date", day.isoformat())
    else:
        old_effective = None
    activated = kind == "major" and status == "draft" and ("status",) in document.lines
    if activated:
        # The first approval of a draft: version 1.0 (or the next major), status active.
        _replace_value(lines, document.line_of(("status",)) - 1, "status", "active")
    at, entry = _changelog_entry(document, lines, new_version, day, summary)
    lines[at:at] = entry
    if approved_by:
        # After the changelog: a new approved_by line would move the lines it counts on.
        _set_approved_by(document, lines, approved_by, at, len(entry))
    return Bump("".join(lines), version, new_version, reviewed, day, summary, old_effective, activated)
