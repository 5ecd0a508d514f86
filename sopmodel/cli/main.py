"""The `sop` command: check content, create and bump SOPs, list reviews, convert legacy PDFs.

Exit codes: 0 success, 1 content problems (or a failed conversion), 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import sys
from pathlib import Path
from typing import Any

from sopmodel.cli import history as history_cli
from sopmodel.cli import render, workflow
from sopmodel.cli.check import plural as _plural
from sopmodel.cli.check import run_check
from sopmodel.cli.implementation_report import render_gaps
from sopmodel.model import new_sop, reminders, versioning
from sopmodel.model.bumping import all_ids as _all_ids
from sopmodel.model.bumping import bump_file
from sopmodel.model.collection import check_owner_teams
from sopmodel.model.document import text_to_document
from sopmodel.model.implementation import load_implementations
from sopmodel.model.project import UsageError
from sopmodel.model.project import find_project as _find_project
from sopmodel.model.project import load_project as _load
from sopmodel.model.settings import SettingsError, settings_from_mkdocs_yml
from sopmodel.model.validate import validate_document

EXAMPLES_CHECK = """\
examples:
  sop check                       check every SOP in sops/
  sop check sops/ct-sop-07.md     report problems in this file only
  sop check --since origin/main   also require a new version for every changed SOP
  SOP_TODAY=2027-01-01 sop check  judge dates as of another day
"""

EXAMPLES_NEW = """\
examples:
  sop new --title "Monitorering av MU-studier" --category MU
  sop new --title "Protocol deviations" --language en --owner "AP3 MON" --category CT
"""

EXAMPLES_BUMP = """\
examples:
  sop bump CT-SOP-07 --minor --summary "Nye frister i punkt 5."
  sop bump CT-SOP-07 --major --summary "Omarbeidet etter ICH E6(R3)." --date 2026-11-20
  sop bump CT-SOP-07 --reviewed        periodic review, no changes: the version stays
"""

EXAMPLES_REVIEW = """\
examples:
  sop review                              due within the site's due_soon_days, or overdue
  sop review --within 180 --owner "AP2 SOP"
  sop review --format ics --all > sop-reviews.ics   every review date, for a calendar
  sop review --format markdown            the text of the weekly reminder issue
"""


def run_new(args: argparse.Namespace) -> int:
    """Create a draft SOP with the next free id; it passes `sop check` at once."""
    project = _find_project(Path(args.project).resolve())
    settings = settings_from_mkdocs_yml(project / "mkdocs.yml")
    today = settings.resolve_today()
    title, owner = " ".join(args.title.split()), " ".join(args.owner.split())
    if not title or len(title) > 200:
        raise UsageError("--title: expected 1 to 200 characters. Fix: give the SOP's title, without the id.")
    if not owner or len(owner) > 120:
        raise UsageError('--owner: expected 1 to 120 characters, e.g. --owner "AP2 SOP".')
    known = list(settings.category_titles)
    category = next((name for name in known if name.casefold() == args.category.casefold()), args.category)
    if known and category not in known:
        close = difflib.get_close_matches(args.category, known, n=1)
        hint = f"use '{close[0]}'" if close else f"use one of: {', '.join(known)}"
        raise UsageError(f"--category {args.category!r}: not a category of this site. Fix: {hint}.")
    sop_id = new_sop.next_free_id(_all_ids(project, settings), category)
    path = project / settings.sops_dir / f"{sop_id.lower()}.md"
    relative = path.relative_to(project).as_posix()
    if path.exists():
        raise UsageError(f"{relative} already exists. Fix: give the file another id, or edit the existing one.")
    text = new_sop.render_new_sop(sop_id, title, args.language, owner, category, today)
    document, problems = text_to_document(text, relative)
    for issue in check_owner_teams([document], settings):  # the rule `sop check` applies
        raise UsageError(f"--owner {owner!r}: {issue.message} Fix: {issue.hint}")
    problems += validate_document(document, today)
    if problems:  # a bug, not the editor's fault: write nothing
        for issue in problems:
            sys.stderr.write(f"sop new: {issue}\n")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    sys.stdout.write(
        f"Created {relative}: {sop_id} '{title}', version {new_sop.FIRST_VERSION}, status draft.\n"
        "Next: write the sections, preview with 'make serve', run 'make check', and approve it with "
        f"'sop bump {sop_id} --major --summary \"...\"' (version 1.0, status active).\n"
    )
    return 0


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-26, got {value!r}") from None


def run_bump(args: argparse.Namespace) -> int:
    """Set a new version or record a review in place; the rest of the file stays byte for byte."""
    project = _find_project(Path(args.project).resolve())
    settings = settings_from_mkdocs_yml(project / "mkdocs.yml")
    today = settings.resolve_today()
    kind = "major" if args.major else "minor" if args.minor else "reviewed"
    if kind != "reviewed" and not (args.summary or "").strip():
        raise UsageError(f'--{kind} needs --summary "what changed" for the changelog.')
    day = args.date or today
    if day > today:
        raise UsageError(
            f"--date {day.isoformat()} is after today ({today.isoformat()}). Fix: give the date of the change."
        )
    summary = (args.summary or "").strip() or None
    outcome = bump_file(project, settings, today, args.id, kind, day, summary, args.approved_by)
    (sys.stdout if outcome.done else sys.stderr).write("".join(f"{line}\n" for line in outcome.lines))
    return outcome.exit_code


def run_review(args: argparse.Namespace) -> int:
    """List the SOPs due or overdue for review (or, with --implementation, the hospitals' gaps)."""
    project, settings, _, collection = _load(args)
    if args.owner:
        owners = reminders.known_owners(collection.sops)
        if args.owner.casefold() not in {owner.casefold() for owner in owners}:
            raise UsageError(f"--owner {args.owner!r}: no SOP has this owner. Fix: use one of: {', '.join(owners)}.")
    within = None if args.all else settings.due_soon_days if args.within is None else args.within
    if args.implementation:
        implementations = load_implementations(project, collection)
        for issue in implementations.issues:
            sys.stderr.write(f"sop review: {issue}\n")
        text = render_gaps(collection, implementations, args.format)
    else:
        text = reminders.render_listing(reminders.list_due(collection, within, args.owner), args.format, args.link_base)
    if args.format in {"csv", "ics"}:
        # Both formats end lines with CRLF themselves: write bytes, so that no
        # platform turns them into CR CR LF.
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(text)
    broken = sorted({issue.path for issue in collection.errors})
    if broken:
        sys.stderr.write(
            f"sop review: {_plural(len(broken), 'SOP file')} with errors cannot be listed: {', '.join(broken)}. "
            "Fix: run 'sop check'.\n"
        )
        return 1
    return 0


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of days, 0 or more, got {value!r}")
    return number


def _sub(commands: Any, name: str, summary: str, description: str, examples: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--project", default=".", help="the repository folder (default: the current one)")
    return parser


def _add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `sop check`: validate every SOP's front matter."""
    check = _sub(
        commands,
        "check",
        "validate every SOP's front matter without building the site",
        "Validate the front matter of every SOP (schema, duplicate ids, references, attachments) and list every "
        "problem as path:line: 'field': message. Fix: ... With --since, every SOP changed since that git ref must "
        "have a new version and changelog item, unless only last_reviewed_on moved (a periodic review). "
        "Exit codes: 0 no errors, 1 errors, 2 bad usage (unknown file or git ref).",
        EXAMPLES_CHECK,
    )
    check.add_argument("paths", nargs="*", help="only report problems in these files")
    check.add_argument("--since", metavar="REF", help="git branch, tag or commit to compare changed SOPs with")
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: GitHub Actions annotations, plus review notices for changed SOPs (default: text)",
    )
    check.set_defaults(handler=run_check)


def _add_new(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `sop new`: create a draft SOP."""
    new = _sub(
        commands,
        "new",
        "create a draft SOP with the next free id and the standard sections",
        "Create sops/<id>.md with complete front matter (status draft, version 0.1, today's dates) and the "
        "standard section skeleton. The file passes 'sop check' at once. Exit codes: 0 created, 2 bad usage.",
        EXAMPLES_NEW,
    )
    new.add_argument("--title", required=True, help="the title, without the id")
    new.add_argument("--language", choices=["nb", "nn", "en"], default="nb", help="language of the text (default: nb)")
    new.add_argument("--owner", default="AP2 SOP", help='responsible work package (default: "AP2 SOP")')
    new.add_argument("--category", default="Generelt", help="CT, MU, AI or Generelt (default); sets the id prefix")
    new.set_defaults(handler=run_new)


def _add_bump(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `sop bump`: a new version or a periodic review, in place."""
    bump = _sub(
        commands,
        "bump",
        "set a new version, or record a periodic review, in place",
        "Update version, last_reviewed_on and changelog of one SOP by editing those lines only: comments, key "
        "order and quoting stay as they were. --minor (3.1 -> 3.2) and --major (3.1 -> 4.0) need --summary. "
        "--reviewed records a periodic review without changes: the version stays, last_reviewed_on moves, and a "
        "changelog item with the current version says so. Exit codes: 0 bumped, 1 the file cannot be bumped "
        "(nothing is written), 2 bad usage.",
        EXAMPLES_BUMP,
    )
    bump.add_argument("id", metavar="ID", help="the SOP's id, e.g. CT-SOP-07")
    kinds = bump.add_mutually_exclusive_group(required=True)
    kinds.add_argument("--minor", action="store_true", help="a small change: 3.1 -> 3.2")
    kinds.add_argument("--major", action="store_true", help="a rewrite or a change in substance: 3.1 -> 4.0")
    kinds.add_argument("--reviewed", action="store_true", help="a periodic review without changes")
    bump.add_argument(
        "--summary", help="the changelog text (default for --reviewed: 'Periodisk revisjon uten endringer.')"
    )
    bump.add_argument("--date", type=_parse_date, help="date of the change or review, YYYY-MM-DD (default: today)")
    bump.add_argument("--approved-by", metavar="WHO", help="who approved the change; written into approved_by")
    bump.set_defaults(handler=run_bump)


def _add_review(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `sop review`: SOPs due or overdue for review."""
    review = _sub(
        commands,
        "review",
        "list SOPs due or overdue for review, grouped by owner",
        "List active SOPs whose review is overdue or due within DAYS days, grouped by owner, soonest first. "
        "Formats: table (terminal), json, csv, ics (iCalendar, one all-day event per SOP on its review date, to "
        "import or subscribe to in Outlook) and markdown (a reminder issue or e-mail). Exit codes: 0 listed, "
        "1 listed but some SOP files have errors and are missing, 2 bad usage.",
        EXAMPLES_REVIEW,
    )
    review.add_argument(
        "--within", type=_non_negative, metavar="DAYS", help="look-ahead in days (default: due_soon_days)"
    )
    review.add_argument("--all", action="store_true", help="every active SOP, whatever its review date")
    review.add_argument(
        "--implementation",
        action="store_true",
        help="list, per hospital, the SOPs not implemented in their current version (implementering/*.yml)",
    )
    review.add_argument("--owner", help="only SOPs of this owner, e.g. 'AP2 SOP'")
    review.add_argument("--format", choices=reminders.FORMATS, default="table", help="output format (default: table)")
    review.add_argument("--link-base", default="", metavar="URL", help="markdown: prefix that makes file paths links")
    review.set_defaults(handler=run_review)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `sop` command."""
    parser = argparse.ArgumentParser(
        prog="sop",
        description="Tools for NorCRIN's SOPs: check, create and version SOPs, list reviews, convert legacy PDFs.",
        epilog="Exit codes: 0 success, 1 problems found (or a conversion failed), 2 bad usage. "
        "Set SOP_TODAY=YYYY-MM-DD to judge review dates as of another day.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in (_add_check, _add_new, _add_bump, _add_review):
        add(commands)
    workflow.register(commands, _sub)
    render.register(commands, _sub)
    history_cli.register(commands, _sub)
    commands.add_parser(
        "convert",
        help="convert legacy PDF SOPs to Markdown with front matter (see 'sop convert --help')",
        add_help=False,
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the `sop` command and return its exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["convert"]:
        from converters.cli import main as convert_main  # the converter's own parser

        return convert_main(argv[1:])
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # the command's own usage, not the top-level one ("sop check: error: ...")
        commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
        (commands.choices.get(args.command) or parser).error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        code: int = args.handler(args)
        return code
    except (SettingsError, UsageError, versioning.GitError) as error:
        sys.stderr.write(f"sop {args.command}: {error}\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
