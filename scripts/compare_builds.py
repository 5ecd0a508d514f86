"""Build the site at another commit and at the work tree, then list every page that differs.

For refactors that must not change the site: `python scripts/compare_builds.py --before main`.
Both builds use the same `SOP_TODAY` and this checkout's .venv; the old commit's code is put
first on the import path. Pagefind's content-hashed index files are left out (their names
change with any text), and so are build-time stamps. Exit code 0 when no page differs, 1 when
some do (each is listed with its changed lines), 2 when a build fails.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
SKIPPED_PARTS = ("pagefind/",)
TEXT_SUFFIXES = {".html", ".xml", ".json", ".css", ".js", ".ics", ".txt"}


def build(project: Path, out: Path, today: str) -> None:
    """Build `project` into `out`; raise SystemExit(2) with the log when it fails."""
    env = {**os.environ, "SOP_TODAY": today, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-d", str(out)], cwd=project, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"compare_builds: the build of {project} failed (exit {result.returncode})")


def text_files(site: Path) -> dict[str, Path]:
    """Return the site's text files by path, without Pagefind's hashed files."""
    files = {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}
    kept = {name: path for name, path in files.items() if path.suffix in TEXT_SUFFIXES}
    return {name: path for name, path in kept.items() if not name.startswith(SKIPPED_PARTS)}


def compare(before: Path, after: Path) -> list[str]:
    """Return a report line (with its changed lines) for every file that differs."""
    old, new = text_files(before), text_files(after)
    lines = [f"only before: {name}" for name in sorted(old.keys() - new.keys())]
    lines += [f"only after: {name}" for name in sorted(new.keys() - old.keys())]
    for name in sorted(old.keys() & new.keys()):
        a = old[name].read_text(encoding="utf-8").replace(">", ">\n").splitlines()
        b = new[name].read_text(encoding="utf-8").replace(">", ">\n").splitlines()
        if a != b:
            changed = [line for line in difflib.unified_diff(a, b, lineterm="", n=0) if line[:1] in "+-"]
            lines.append(f"differs: {name}")
            lines += [f"    {line[:200]}" for line in changed[2:12]]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Build both and print the differences."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the commit to compare with, e.g. main or HEAD~3")
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    parser.add_argument("--today", default=today, help="SOP_TODAY for both builds (default: today)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = Path(tmp, "before")
        add = ["git", "worktree", "add", "--quiet", "--detach", str(old_tree), args.before]
        subprocess.run(add, cwd=ROOT, check=True)
        try:
            build(old_tree, Path(tmp, "site-before"), args.today)
            build(ROOT, Path(tmp, "site-after"), args.today)
            report = compare(Path(tmp, "site-before"), Path(tmp, "site-after"))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old_tree)], cwd=ROOT, check=False)
    sys.stdout.write("\n".join(report) + "\n" if report else f"no page differs from {args.before}\n")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
