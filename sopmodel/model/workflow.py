"""What the GitHub workflows run, as `sop` commands the tests can call (issue 16).

- ``sop codeowners [--check]`` writes (or checks) ``.github/CODEOWNERS`` from `owner_teams`.
- ``sop pr-comment --base REF`` prints the pull-request comment, in bokmål: the SOPs
  changed with old and new version and their preview pages, the check result and the
  review summary. The workflow posts it once and then edits it.
- ``sop comment-command`` carries out a ``/sop ...`` command from a pull-request
  comment (a bump or a review without a terminal) and prints the reply.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from sopmodel.model import versioning
from sopmodel.model.collection import Collection
from sopmodel.model.document import text_to_document
from sopmodel.model.issues import Issue
from sopmodel.model.report import status_counts
from sopmodel.model.review import ReviewStatus
from sopmodel.model.text import escape_markdown

COMMENT_MARKER = "<!-- sop-pr-kommentar -->"
"""First line of the bot's comment, so the workflow finds and edits it instead of adding another."""

_COMMAND = re.compile(
    r"^/sop\s+(?:(?P<bump>bump)\s+(?:(?P<id>[A-Za-z0-9][A-Za-z0-9.-]*)\s+)?(?P<kind>minor|major)"
    r"|(?P<review>review|revidert)(?:\s+(?P<rid>[A-Za-z0-9][A-Za-z0-9.-]*))?)\s*(?::\s*(?P<summary>.*\S))?\s*$",
    re.IGNORECASE,
)
_APPROVED = re.compile(r"^godkjent av\s*:\s*(?P<who>.*\S)\s*$", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class CommentCommand:
    """A ``/sop`` command from a pull-request comment."""

    kind: str
    sop_id: str | None
    summary: str | None
    approved_by: str | None


def parse_comment(body: str) -> CommentCommand | None:
    r"""Return the command in a comment, or None when its first line is no ``/sop`` command.

    Example:
        >>> parse_comment("/sop bump minor: Nye frister.\ngodkjent av: AP8 DATA")
        CommentCommand(kind='minor', sop_id=None, summary='Nye frister.', approved_by='AP8 DATA')
        >>> parse_comment("/sop review CT-SOP-07").kind
        'reviewed'
    """
    lines = body.strip().splitlines() or [""]
    match = _COMMAND.match(lines[0].strip())
    if match is None:
        return None
    approved = next((m.group("who") for line in lines[1:] if (m := _APPROVED.match(line.strip()))), None)
    kind = "reviewed" if match.group("review") else match.group("kind").lower()
    sop_id = match.group("id") or match.group("rid")
    return CommentCommand(kind, sop_id.upper() if sop_id else None, match.group("summary"), approved)


@dataclasses.dataclass(frozen=True)
class ChangedSop:
    """An SOP a pull request changes."""

    sop_id: str
    title: str
    path: str
    old_version: str | None
    new_version: str
    page: str


def changed_sops(project: Path, collection: Collection, base: str, folder: str) -> list[ChangedSop]:
    """Return the valid SOPs changed since `base`, with their version there (None when new)."""
    resolved = versioning.resolve_base(project, base)
    changes = versioning.changed_files(project, resolved, folder)
    old_texts = versioning.files_at(project, resolved, [str(c.old_path) for c in changes if c.old_path])
    found = []
    for change in changes:
        sop = collection.at_path(change.path)
        if sop is None:
            continue
        old_version = None
        if change.old_path and change.old_path in old_texts:
            old, _ = text_to_document(old_texts[change.old_path], change.old_path)
            old_version = str(old.meta.get("version")) if old.meta.get("version") is not None else None
        page = f"sop/{sop.slug}/"
        found.append(ChangedSop(sop.id, sop.title, sop.path, old_version, str(sop.meta.version), page))
    return found


def render_pr_comment(
    changed: list[ChangedSop], issues: list[Issue], collection: Collection, preview: str, due_soon_days: int
) -> str:
    """Return the pull-request comment (Markdown, bokmål).

    Args:
        changed: The SOPs the pull request changes.
        issues: What `sop check --since` found.
        collection: The checked SOPs, for the review summary.
        preview: Where the built site can be seen: a URL ending in ``/`` for linked pages,
            or the address of the run whose artifact holds the site.
        due_soon_days: The "due soon" window, for the summary.
    """
    out = [COMMENT_MARKER, "## Forhåndsvisning og kontroll", ""]
    linked = preview.endswith("/")
    if linked:
        out += [f"Forhåndsvisningen av nettstedet ligger på {preview}", ""]
    else:
        out += [
            f"Nettstedet fra denne endringen er bygget. Last det ned fra [kjøringen]({preview}) (avsnittet "
            "«Artifacts», filen **nettsted**), pakk ut, kjør `python3 -m http.server` i mappen og åpne "
            "http://localhost:8000/ i nettleseren (åpnet rett fra disken viser nettleseren mapper i stedet "
            "for sider, og søket virker ikke).",
            "",
        ]
    out += _changed_table(changed, preview if linked else "")
    out += _check_words(issues)
    out += _review_words(collection, due_soon_days)
    return "\n".join(out) + "\n"


def _changed_table(changed: list[ChangedSop], base_url: str) -> list[str]:
    if not changed:
        return ["### Endrede SOP-er", "", "Ingen SOP er endret i denne pull requesten.", ""]
    rows = ["### Endrede SOP-er", "", "| SOP | Versjon | Side |", "|---|---|---|"]
    for item in changed:
        version = f"ny ({item.new_version})" if item.old_version is None else f"{item.old_version} → {item.new_version}"
        if item.old_version == item.new_version:
            version = f"{item.new_version} (uendret)"
        page = f"[{item.page}]({base_url}{item.page})" if base_url else f"`http://localhost:8000/{item.page}`"
        rows.append(f"| {escape_markdown(item.sop_id)} {escape_markdown(item.title)} | {version} | {page} |")
    return [*rows, ""]


def _check_words(issues: list[Issue]) -> list[str]:
    errors = [issue for issue in issues if issue.is_error]
    warnings = [issue for issue in issues if not issue.is_error]
    out = ["### Kontroll", ""]
    if not errors and not warnings:
        return [*out, "Kontrollen fant ingen feil. Endringen kan godkjennes av eieren.", ""]
    files = len({issue.path for issue in errors})
    if errors:
        out.append(
            f"Kontrollen fant {len(errors)} feil i {files} "
            f"{'filer' if files != 1 else 'fil'}. Rett dem i filen (blyanten «Edit» i fanen «Files changed»), "
            "så kjøres kontrollen på nytt. Meldingene er på engelsk; CONTRIBUTING.md avsnitt 7 forklarer dem."
        )
    else:
        out.append(f"Kontrollen fant ingen feil, men {len(warnings)} advarsel(er) som en godkjenner må se på.")
    out.append("")
    for issue in [*errors, *warnings]:
        where = f"linje {issue.line}" if issue.line else "hele filen"
        kind = "Feil" if issue.is_error else "Advarsel"
        field = f", feltet `{escape_markdown(issue.key)}`" if issue.key else ""
        out.append(f"- {kind} i `{escape_markdown(issue.path)}`, {where}{field}: {escape_markdown(issue.message)}")
        if issue.hint:
            out.append(f"  Slik retter du det: {escape_markdown(issue.hint)}")
    return [*out, ""]


def _sops(count: int) -> str:
    return f"{count} SOP har" if count == 1 else f"{count} SOP-er har"


def _review_words(collection: Collection, due_soon_days: int) -> list[str]:
    counts = status_counts(collection)
    overdue, soon = counts[ReviewStatus.OVERDUE], counts[ReviewStatus.DUE_SOON]
    return [
        "### Revisjonsfrister",
        "",
        f"{_sops(overdue)} passert revisjonsfristen, og {soon} skal revideres innen {due_soon_days} dager "
        "(se «Revisjonsoversikt» i forhåndsvisningen).",
    ]
