"""`sop bump` on a file: the same code for the terminal and for a pull-request comment."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from pathlib import Path

from sopmodel.model import editing
from sopmodel.model.body import check_body
from sopmodel.model.collection import list_markdown_files
from sopmodel.model.document import read_text, text_to_document
from sopmodel.model.meta import SopMeta
from sopmodel.model.project import UsageError
from sopmodel.model.review import review_state
from sopmodel.model.settings import ReviewSettings
from sopmodel.model.validate import validate_document

_KIND_WORDS = {"minor": "mindre endring", "major": "større endring", "reviewed": "periodisk revisjon"}


@dataclasses.dataclass(frozen=True)
class BumpOutcome:
    """What a bump did, for the terminal (English) and for the pull request (bokmål).

    Attributes:
        done: Whether the file was changed.
        lines: The lines for the terminal: stdout when done, else stderr.
        reply: The reply to the pull-request comment.
        exit_code: 0 done, 1 refused, 2 bad date.
        path: The file, relative to the project.
    """

    done: bool
    lines: list[str]
    reply: str
    exit_code: int
    path: str = ""


def all_ids(project: Path, settings: ReviewSettings) -> dict[str, Path]:
    """Return every id written in an SOP file (valid or not), with its file."""
    found: dict[str, Path] = {}
    for path in list_markdown_files(project / settings.sops_dir):
        text, problems = read_text(path, path.name)
        if text is None or problems:
            continue  # `sop check` reports the file; its id is not to be trusted
        document, _ = text_to_document(text, path.name)
        sop_id = document.meta.get("id")
        if isinstance(sop_id, str):
            found.setdefault(sop_id, path)
    return found


def find_sop_file(project: Path, settings: ReviewSettings, sop_id: str) -> Path:
    """Return the file of the SOP with `sop_id`.

    Raises:
        UsageError: naming the closest id when there is none.
    """
    ids = all_ids(project, settings)
    path = next((file for known, file in ids.items() if known.casefold() == sop_id.casefold()), None)
    if path is None:
        close = difflib.get_close_matches(sop_id.upper(), list(ids), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "'sop review --all' lists the ids."
        raise UsageError(f"no SOP has the id '{sop_id}'. Fix: {hint}")
    return path


def bump_file(
    project: Path,
    settings: ReviewSettings,
    today: dt.date,
    sop_id: str,
    kind: str,
    day: dt.date,
    summary: str | None,
    approved_by: str | None = None,
) -> BumpOutcome:
    """Bump one SOP in place, or refuse without writing anything.

    Raises:
        UsageError: when no SOP has `sop_id`.
    """
    path = find_sop_file(project, settings, sop_id)
    relative = path.relative_to(project).as_posix()
    text = path.read_bytes().decode("utf-8")
    try:
        bump = editing.bump_text(text, relative, kind, day, summary, approved_by)
    except editing.EditError as error:
        code = 2 if isinstance(error, editing.BadDateError) else 1
        where = error.at(relative)
        return BumpOutcome(False, [f"sop bump: {where}"], f"Ingen endring: {where}", code, relative)
    document, problems = text_to_document(bump.text, relative)
    problems += validate_document(document, today) + check_body(document, today)
    errors = [issue for issue in problems if issue.is_error]
    if errors:
        lines = [f"sop bump: {issue}" for issue in problems] + [f"sop bump: {relative} was not changed."]
        reply = f"Ingen endring i `{relative}`: filen ville ikke bestått kontrollen.\n" + "\n".join(
            f"- {issue}" for issue in errors
        )
        return BumpOutcome(False, lines, reply, 1, relative)
    path.write_bytes(bump.text.encode("utf-8"))
    meta = SopMeta.from_validated(document.meta)
    state = review_state(
        meta, meta.effective_status(today), today, settings.review_interval_years, settings.due_soon_days
    )
    lines = [bump.describe(relative), f"Next review due by {state.review_by.isoformat()}."]
    version = (
        f"versjon {bump.old_version} (uendret)"
        if bump.old_version == bump.new_version
        else f"versjon {bump.old_version} → {bump.new_version}"
    )
    reply = (
        f"Registrerte {_KIND_WORDS[kind]} av {meta.id} i `{relative}`: {version}, revidert {day.isoformat()}"
        f"{', gjeldende fra ' + day.isoformat() if kind != 'reviewed' else ''}"
        f"{', status gjeldende' if bump.activated else ''}"
        f"{', godkjent av ' + approved_by if approved_by else ''}. Neste revisjon innen "
        f"{state.review_by.isoformat()}. Endringen er lagt til i denne pull requesten."
    )
    return BumpOutcome(True, lines, reply, 0, relative)
