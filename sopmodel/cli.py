"""The `sop` command: check content and convert legacy PDFs.

Exit codes: 0 success, 1 content problems (or a failed conversion), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sopmodel.collection import load_collection
from sopmodel.settings import SettingsError, settings_from_mkdocs_yml

EXAMPLES_CHECK = """\
examples:
  sop check                       check every SOP in sops/
  sop check sops/ct-sop-07.md     report problems in this file only
  SOP_TODAY=2027-01-01 sop check  judge dates as of another day
"""


def _find_project(start: Path) -> Path:
    """Return the nearest folder at or above `start` that holds mkdocs.yml."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise SettingsError(f"no mkdocs.yml found in {start} or above. Fix: run 'sop' inside the SOP repository.")


def run_check(args: argparse.Namespace) -> int:
    """Validate all SOPs and print every problem; return 1 if any is an error."""
    project = _find_project(Path(args.project).resolve())
    settings = settings_from_mkdocs_yml(project / "mkdocs.yml")
    today = settings.resolve_today()
    collection = load_collection(project, settings, today)
    wanted = {_relative(project, path) for path in args.paths}
    missing = [path for path in args.paths if not Path(path).exists()]
    for path in missing:
        sys.stderr.write(f"sop check: {path}: no such file.\n")
    if missing:
        return 2
    issues = [issue for issue in collection.issues if not wanted or issue.path in wanted]
    for issue in issues:
        sys.stdout.write(f"{issue}\n")
    errors = [issue for issue in issues if issue.is_error]
    checked = len(collection.sops) + len({i.path for i in collection.errors})
    if errors:
        files = len({issue.path for issue in errors})
        sys.stdout.write(
            f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {files} file{'s' if files != 1 else ''} "
            f"({checked} SOP files checked).\n"
        )
        return 1
    sys.stdout.write(f"OK: {checked} SOP files checked, no problems.\n")
    return 0


def _relative(project: Path, path: str) -> str:
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(project).as_posix()
    except ValueError:
        return Path(path).as_posix()


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `sop` command."""
    parser = argparse.ArgumentParser(
        prog="sop",
        description="Tools for NorCRIN's SOPs: check front matter and review dates, convert legacy PDFs.",
        epilog="Exit codes: 0 success, 1 problems found or a conversion failed, 2 bad usage. "
        "Set SOP_TODAY=YYYY-MM-DD to judge review dates as of another day.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate every SOP's front matter without building the site",
        description="Validate the front matter of every SOP (schema, duplicate ids, references, "
        "attachments) and list every problem as path:line: 'field': message. Fix: ...",
        epilog=EXAMPLES_CHECK,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="*", help="only report problems in these files")
    check.add_argument("--project", default=".", help="the repository folder (default: the current one)")
    check.set_defaults(handler=run_check)
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
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args)
    except SettingsError as error:
        sys.stderr.write(f"sop {args.command}: {error}\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
