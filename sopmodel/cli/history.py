"""`sop history`: every published version of an SOP, or what was in force on a date.

sop history CT-SOP-07                 # the versions, newest first
sop history CT-SOP-07 --on 2024-05-01 # the version in force that day
sop history --on 2024-05-01           # every SOP on that day
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any

from sopmodel.model.history import History, PublishedVersion, SopHistory, load_history
from sopmodel.model.project import UsageError, load_project

EXAMPLES = (
    "examples:\n  sop history CT-SOP-07\n  sop history CT-SOP-07 --on 2024-05-01\n"
    "  sop history --on 2024-05-01 --format json\n"
)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2024-05-01, got {value!r}") from None


def register(commands: Any, sub: Callable[..., argparse.ArgumentParser]) -> None:
    """Add `sop history` to the `sop` parser (`sub` makes a subcommand parser)."""
    history = sub(
        commands,
        "history",
        "list an SOP's published versions, or the version in force on a date",
        "List every published version of an SOP from git, with the days it was in force, its reviews, "
        "approver and commit; with --on DATE, say which version was in force that day (without an id: for "
        "every SOP). Exit codes: 0 answered, 1 git has no full history (e.g. a shallow clone), 2 bad usage.",
        EXAMPLES,
    )
    history.add_argument("id", nargs="?", help="the SOP's id, e.g. CT-SOP-07")
    history.add_argument("--on", type=_date, metavar="DATE", help="the day to look up (YYYY-MM-DD)")
    history.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    history.set_defaults(handler=run_history)


def run_history(args: argparse.Namespace) -> int:
    """Print the versions of one SOP, or which version of each SOP was in force on a date."""
    if not args.id and not args.on:
        raise UsageError("give an SOP id, a date (--on YYYY-MM-DD), or both.")
    project, settings, _, collection = load_project(args)
    history = load_history(project, collection, settings.sops_dir)
    if history.problem:
        sys.stderr.write(f"sop history: {history.problem}\n")
        return 1
    if not history.available:
        sys.stderr.write(f"sop history: {project} is not a git repository: only current versions are known.\n")
    targets = _targets(history, args.id)
    if args.on:
        rows = [_answer(item, args.on) for item in targets]
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else _answer_text(rows)
    else:
        rows = [_version_row(version, item) for item in targets for version in reversed(item.versions)]
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else _table(rows)
    sys.stdout.write(text)
    return 0


def _targets(history: History, sop_id: str | None) -> list[SopHistory]:
    if not sop_id:
        return sorted(history.sops.values(), key=lambda item: item.sop.id)
    found = next((item for key, item in history.sops.items() if key.casefold() == sop_id.casefold()), None)
    if found is None:
        raise UsageError(f"no valid SOP has the id {sop_id!r}. Fix: check the id ('sop check' lists broken files).")
    return [found]


def _last_day(version: PublishedVersion) -> str:
    return (version.valid_until - dt.timedelta(days=1)).isoformat() if version.valid_until else ""


def _version_row(version: PublishedVersion, item: SopHistory) -> dict[str, Any]:
    never = version.valid_until is not None and version.valid_until <= version.valid_from
    return {
        "id": item.sop.id,
        "version": str(version.version),
        "status": str(version.meta.status),
        "in_force_from": "" if never else version.valid_from.isoformat(),
        "in_force_to": "" if never else _last_day(version),
        "reviewed": [day.isoformat() for day in version.reviews],
        "approved_by": version.meta.approved_by or "",
        "commit": version.commit,
        "current": version is item.current,
        "changelog_only": not version.has_text,
    }


def _answer(item: SopHistory, day: dt.date) -> dict[str, Any]:
    version = item.in_force_on(day)
    answer: dict[str, Any] = {
        "id": item.sop.id,
        "date": day.isoformat(),
        "version": str(version.version) if version else None,
    }
    if version is not None:
        answer |= {"in_force_from": version.valid_from.isoformat(), "in_force_to": _last_day(version)}
        answer |= {"commit": version.commit, "current": version is item.current, "changelog_only": not version.has_text}
        return answer
    first = min(
        (v.valid_from for v in item.versions if v.valid_until is None or v.valid_until > v.valid_from), default=None
    )
    ended = item.ended_on
    if ended is not None and day >= ended:
        answer["reason"] = f"withdrawn on {ended.isoformat()}"
    elif first is not None and day < first:
        answer["reason"] = f"not in force before {first.isoformat()}"
    else:
        answer["reason"] = "no version was in force"
    return answer


def _answer_text(rows: list[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        if row["version"] is None:
            lines.append(f"{row['id']} on {row['date']}: none ({row['reason']})")
            continue
        until = f" to {row['in_force_to']}" if row["in_force_to"] else ", still in force"
        if row["commit"]:
            commit = f", commit {row['commit'][:10]}"
        else:
            commit = ", known from the changelog only" if row["changelog_only"] else ", not committed yet"
        lines.append(
            f"{row['id']} on {row['date']}: version {row['version']} (in force from {row['in_force_from']}{until}"
            f"{commit})"
        )
    return "".join(f"{line}\n" for line in lines)


def _table(rows: list[dict[str, Any]]) -> str:
    header = ("id", "version", "status", "in force from", "to", "reviewed", "commit")
    cells = [
        (
            row["id"],
            row["version"] + (" (current)" if row["current"] else ""),
            row["status"],
            row["in_force_from"] or "never",
            row["in_force_to"] or ("" if not row["in_force_from"] else "-"),
            ", ".join(row["reviewed"]),
            row["commit"][:10] or ("changelog only" if row["changelog_only"] else "not committed"),
        )
        for row in rows
    ]
    widths = [max(len(str(line[i])) for line in [header, *cells]) for i in range(len(header))]
    return "".join(
        "  ".join(str(value).ljust(width) for value, width in zip(line, widths, strict=True)).rstrip() + "\n"
        for line in [header, *cells]
    )
