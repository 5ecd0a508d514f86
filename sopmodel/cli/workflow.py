"""The workflow commands of `sop` (issue 16): codeowners, pr-comment and comment-command.

The texts they print (in bokmål) and the rules behind them are in `sopmodel.model.workflow`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopmodel.model import versioning
from sopmodel.model.bumping import bump_file
from sopmodel.model.codeowners import CODEOWNERS_FILE, render_codeowners
from sopmodel.model.project import UsageError, load_project
from sopmodel.model.workflow import changed_sops, parse_comment, render_pr_comment


def run_codeowners(args: argparse.Namespace) -> int:
    """Write CODEOWNERS, or with --check report whether it is up to date."""
    project, settings, _, collection = load_project(args)
    if not settings.owner_teams:
        raise UsageError("no owner_teams in mkdocs.yml (extra.sop_review). Fix: map each owner unit to its team.")
    text = render_codeowners(collection, settings)
    path = project / CODEOWNERS_FILE
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if args.check:
        if current == text:
            sys.stdout.write(f"{CODEOWNERS_FILE} is up to date.\n")
            return 0
        sys.stdout.write(
            f"{CODEOWNERS_FILE}: expected the file generated from owner_teams and the SOPs' owners, got an "
            "outdated one. Fix: run 'make codeowners' (or 'sop codeowners') and commit the file.\n"
        )
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    sys.stdout.write(f"Wrote {CODEOWNERS_FILE}: {text.count(chr(10)) - 3} rules.\n")
    return 0


def run_pr_comment(args: argparse.Namespace) -> int:
    """Print the pull-request comment for the changes since --base."""
    project, settings, _, collection = load_project(args)
    changed = changed_sops(project, collection, args.base, settings.sops_dir)
    _, version_issues = versioning.check_since(project, collection, args.base, settings.sops_dir)
    paths = {item.path for item in changed}
    issues = sorted({issue for issue in [*collection.issues, *version_issues] if issue.path in paths or issue.is_error})
    sys.stdout.write(render_pr_comment(changed, issues, collection, args.preview, settings.due_soon_days))
    return 0


def register(commands: Any, sub: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the workflow commands to the `sop` parser (`sub` makes a subcommand parser)."""
    owners = sub(
        commands,
        "codeowners",
        "write .github/CODEOWNERS from owner_teams in mkdocs.yml",
        "Write .github/CODEOWNERS so that each SOP's owning team must approve changes to it and to its "
        "attachments. With --check, only report whether the file is up to date (exit 1 if not).",
        "examples:\n  sop codeowners\n  sop codeowners --check\n",
    )
    owners.add_argument("--check", action="store_true", help="check the file instead of writing it")
    owners.set_defaults(handler=run_codeowners)
    comment = sub(
        commands,
        "pr-comment",
        "print the pull-request comment (bokmål): changed SOPs, checks, reviews",
        "Print the comment the pull-request workflow posts: the SOPs changed since --base with old and new "
        "version and links to their preview pages, the result of the checks in words, and the review summary.",
        "examples:\n  sop pr-comment --base origin/main --preview https://github.com/o/r/actions/runs/1\n",
    )
    comment.add_argument("--base", required=True, metavar="REF", help="the branch the pull request merges into")
    comment.add_argument("--preview", required=True, metavar="URL", help="preview site (ending in /) or run URL")
    comment.set_defaults(handler=run_pr_comment)
    command = sub(
        commands,
        "comment-command",
        "carry out a '/sop ...' command from a pull-request comment",
        "Read a pull-request comment and carry out its /sop command: '/sop bump [ID] minor|major: <summary>' "
        "or '/sop review [ID]', with an optional second line 'godkjent av: <who>'. Without an ID, the one SOP "
        "the pull request changes is meant. Prints the reply (bokmål). Exit codes: 0 done, 1 refused (the reply "
        "says why), 2 no command.",
        "examples:\n  sop comment-command --base origin/main --comment-file comment.txt\n",
    )
    command.add_argument("--base", required=True, metavar="REF", help="the branch the pull request merges into")
    command.add_argument("--comment-file", required=True, type=Path, help="the comment's text")
    command.set_defaults(handler=run_comment_command)


def run_comment_command(args: argparse.Namespace) -> int:
    """Carry out the comment's command; print the reply for the pull request."""
    command = parse_comment(args.comment_file.read_text(encoding="utf-8"))
    if command is None:
        sys.stdout.write("Kommentaren inneholder ingen /sop-kommando.\n")
        return 2
    project, settings, today, collection = load_project(args)
    sop_id = command.sop_id
    if sop_id is None:
        changed = changed_sops(project, collection, args.base, settings.sops_dir)
        if len(changed) != 1:
            ids = ", ".join(item.sop_id for item in changed) or "ingen"
            sys.stdout.write(
                f"Skriv hvilken SOP kommandoen gjelder, for eksempel `/sop bump CT-SOP-07 minor: ...`: "
                f"denne pull requesten endrer {ids}.\n"
            )
            return 1
        sop_id = changed[0].sop_id
    if command.kind != "reviewed" and not command.summary:
        sys.stdout.write(f"Skriv hva som er endret etter kolon: `/sop bump {sop_id} {command.kind}: Nye frister`.\n")
        return 1
    outcome = bump_file(project, settings, today, sop_id, command.kind, today, command.summary, command.approved_by)
    sys.stdout.write(outcome.reply + "\n")
    return 0 if outcome.done else 1
