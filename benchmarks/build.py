"""Build-time benchmark: this project's site vs plain Material on the same SOPs.

Generates N synthetic SOPs in the project's schema, builds them (1) with this project's
mkdocs.yml and hooks and (2) with a plain Material configuration without hooks, each in a
fresh process, and prints seconds, peak memory, site size and the ratios.

    .venv/bin/python benchmarks/build.py                 # N = 100, 1000, 5000
    .venv/bin/python benchmarks/build.py --sizes 100 1000
    .venv/bin/python benchmarks/build.py --history 150   # history and SOP PDFs (issue 14)

With --history N, N SOPs get 5 versions each in a git repository, and one project is
built without history and PDFs (the baseline), with history (cold cache, then warm) and
with the controlled-copy PDFs (cold cache, then warm); it prints seconds, the ratio to
the baseline and the size each adds to the site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ["CT", "MU", "AI", "Generelt"]
OWNERS = ["AP2 SOP", "AP3 MON", "AP8 DATA", "AP9 STAT"]
WORDS = [
    "studien",
    "sponsor",
    "utprøver",
    "protokoll",
    "samtykke",
    "deltaker",
    "monitor",
    "rapportering",
    "hendelse",
    "legemiddel",
    "utstyr",
    "data",
    "kvalitet",
    "risiko",
    "godkjenning",
    "søknad",
    "endring",
    "arkiv",
    "dokument",
    "ansvar",
    "prosedyre",
    "signatur",
    "frist",
    "oppfølging",
    "vurdering",
    "registrering",
    "melding",
    "oversikt",
    "behandling",
    "kontroll",
    "plan",
]
TODAY = "2026-11-26"


def synthetic_sop(index: int, rng: random.Random) -> str:
    """Return one SOP file in the project's schema, with a body of about 600 words."""
    reviewed = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(0, 1780))
    paragraphs = []
    for section in ("Formål", "Omfang", "Ansvar", "Fremgangsmåte", "Referanser"):
        text = " ".join(rng.choice(WORDS) for _ in range(110)).capitalize() + "."
        paragraphs.append(f"## {section}\n\n{text}\n")
    steps = "\n".join(f"{n}. {' '.join(rng.choice(WORDS) for _ in range(12))}." for n in range(1, 8))
    return (
        "---\n"
        f"id: BEN-SOP-{index:05d}\n"
        f"title: Prosedyre {index} for {rng.choice(WORDS)} og {rng.choice(WORDS)}\n"
        "language: nb\n"
        f'version: "{rng.randrange(1, 6)}.{rng.randrange(0, 10)}"\n'
        "status: active\n"
        f"owner: {rng.choice(OWNERS)}\n"
        f"effective_date: {reviewed.isoformat()}\n"
        f"last_reviewed_on: {reviewed.isoformat()}\n"
        f"category: {CATEGORIES[index % len(CATEGORIES)]}\n"
        f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n"
        "---\n\n" + "\n".join(paragraphs) + "\n" + steps + "\n"
    )


def write_sops(folder: Path, count: int) -> None:
    rng = random.Random(count)
    folder.mkdir(parents=True)
    for index in range(1, count + 1):
        (folder / f"ben-sop-{index:05d}.md").write_text(synthetic_sop(index, rng), encoding="utf-8")


def make_projects(workdir: Path, count: int) -> tuple[Path, Path]:
    """Return (project build, plain Material build) folders holding the same SOPs."""
    project = workdir / "project"
    project.mkdir()
    for name in ("docs", "overrides", "onepagers"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("hooks.py", "glossary.yml"):  # mkdocs.yml watches glossary.yml: it must exist
        shutil.copy(ROOT / name, project)
    # OnePager PDFs are a fixed cost, unrelated to the number of SOPs: measured by
    # benchmarks/onepager_pdf.py, left out here.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  sop_review:\n", "  sop_review:\n    onepager_pdfs: false\n    sop_pdfs: false\n", 1)
    # The synthetic SOPs' owners are not the repository's: no owner-to-team mapping.
    config = re.sub(r"    owner_teams:\n(?:      .*\n)+    default_team: .*\n", "", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_sops(project / "sops", count)
    (project / "sopmodel").mkdir()  # only watched by `mkdocs serve`; the package is installed

    plain = workdir / "plain"
    (plain / "docs").mkdir(parents=True)
    # The plain site gets the same grouping by category as ours, as folders.
    for path in (project / "sops").glob("*.md"):
        category = path.read_text(encoding="utf-8").split("category: ", 1)[1].split("\n", 1)[0]
        target = plain / "docs" / "sops" / category.casefold() / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    (plain / "docs" / "index.md").write_text("# Plain Material\n", encoding="utf-8")
    (plain / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme:\n  name: material\n  language: nb\n  font: false\n"
        "  features: [navigation.indexes, navigation.prune]\n"
        'plugins:\n  - search:\n      lang: ["no", "en"]\n',
        encoding="utf-8",
    )
    return project, plain


def run_one(config: Path) -> dict:
    """Build `config` in a fresh interpreter; return seconds and peak memory."""
    code = (
        "import json, resource, sys, time, logging\n"
        "from mkdocs.config import load_config\n"
        "from mkdocs.commands.build import build\n"
        "logging.disable(logging.INFO)\n"
        "start = time.perf_counter()\n"
        f"build(load_config({str(config)!r}))\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
        "print(json.dumps({'seconds': seconds, 'peak_bytes': peak}))\n"
    )
    env = {**os.environ, "SOP_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=config.parent, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"build of {config} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def versioned_sop(text: str, version: int) -> str:
    """Return `text` as its version `version`.0: new dates, a changelog item, one changed sentence."""
    day = (dt.date(2019, 1, 1) + dt.timedelta(days=300 * version)).isoformat()
    text = re.sub(r'version: "[^"]*"', f'version: "{version}.0"', text, count=1)
    text = re.sub(r"effective_date: \S+", f"effective_date: {day}", text, count=1)
    text = re.sub(r"last_reviewed_on: \S+", f"last_reviewed_on: {day}", text, count=1)
    items = "".join(
        f'  - version: "{v}.0"\n    date: {day}\n    summary: "Versjon {v}."\n' for v in range(version, 0, -1)
    )
    text = text.replace("\n---\n\n", f"\nchangelog:\n{items}---\n\n", 1)
    return text.replace("## Ansvar\n\n", f"## Ansvar\n\nEndret i versjon {version}.0 av prosedyren.\n\n", 1)


def make_history_project(workdir: Path, count: int, versions: int = 5) -> Path:
    """Return a project whose SOPs have `versions` versions each, one commit per version."""
    project, _ = make_projects(workdir, count)
    texts = {path: path.read_text(encoding="utf-8") for path in (project / "sops").glob("*.md")}
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org"}
    env |= {"GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org", "GIT_CONFIG_GLOBAL": os.devnull}
    (project / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(project)], check=True, env=env)
    for version in range(1, versions + 1):
        for path, text in texts.items():
            path.write_text(versioned_sop(text, version), encoding="utf-8")
        subprocess.run(["git", "-C", str(project), "add", "-A"], check=True, env=env)
        subprocess.run(["git", "-C", str(project), "commit", "-qm", f"v{version}"], check=True, env=env)
    return project


def set_options(project: Path, **options: bool) -> None:
    """Set sop_review options in the project's mkdocs.yml."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in options.items():
        config = re.sub(rf"\n    {key}: \w+", "", config)
        config = config.replace("  sop_review:\n", f"  sop_review:\n    {key}: {str(value).lower()}\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def history_benchmark(count: int) -> None:
    """Print build times with and without history and SOP PDFs, cold and warm, at `count` SOPs."""
    with tempfile.TemporaryDirectory(prefix=f"sop-bench-history-{count}-") as tmp:
        project = make_history_project(Path(tmp), count)
        runs = [
            ("no history, no PDFs (baseline)", {"history": False, "sop_pdfs": False}, None),
            ("history, cold cache", {"history": True, "sop_pdfs": False}, ".cache/history"),
            ("history, warm cache", {"history": True, "sop_pdfs": False}, None),
            ("history + SOP PDFs, cold cache", {"history": True, "sop_pdfs": True}, ".cache/sop-pdf"),
            ("history + SOP PDFs, warm cache", {"history": True, "sop_pdfs": True}, None),
        ]
        rows = []
        for name, options, clear in runs:
            set_options(project, **options)
            if clear:
                shutil.rmtree(project / clear, ignore_errors=True)
            sys.stderr.write(f"{count} SOPs x 5 versions: {name} ...\n")
            result = run_one(project / "mkdocs.yml")
            rows.append((name, result["seconds"], tree_size(project / "site")))
        base_seconds, base_size = rows[0][1], rows[0][2]
        print(f"{count} SOPs with 5 versions each ({count * 4} old versions)")
        print(f"{'build':<32} | {'seconds':>8} | {'ratio':>6} | {'site MiB':>8} | {'added MiB':>9}")
        for name, seconds, size in rows:
            print(
                f"{name:<32} | {seconds:>8.1f} | {seconds / base_seconds:>6.2f} | {size / 2**20:>8.1f} | "
                f"{(size - base_size) / 2**20:>9.1f}"
            )


def tree_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument(
        "--plain-max",
        type=int,
        default=1000,
        help="build plain Material only up to this many SOPs (its build grows with the square; "
        "5000 SOPs took 1386 s here)",
    )
    parser.add_argument("--history", type=int, metavar="N", help="only the history and PDF benchmark, at N SOPs")
    args = parser.parse_args()
    if args.history:
        history_benchmark(args.history)
        return
    rows = []
    for count in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"sop-bench-{count}-") as tmp:
            project, plain = make_projects(Path(tmp), count)
            base = None
            if count <= args.plain_max:
                sys.stderr.write(f"building {count} SOPs: plain Material ...\n")
                base = run_one(plain / "mkdocs.yml")
            sys.stderr.write(f"building {count} SOPs: this project ...\n")
            ours = run_one(project / "mkdocs.yml")
            plain_size = tree_size(plain / "site") if base else 0
            rows.append((count, base, ours, plain_size, tree_size(project / "site")))
    print(
        f"{'SOPs':>6} | {'plain s':>8} | {'ours s':>8} | {'ratio':>6} | {'plain MiB':>9} | {'ours MiB':>8} | "
        f"{'plain site MiB':>14} | {'ours site MiB':>13} | {'ours ms/SOP':>11}"
    )
    for count, base, ours, plain_size, our_size in rows:
        if base:
            plain = (
                f"{base['seconds']:>8.1f} | {ours['seconds']:>8.1f} | {ours['seconds'] / base['seconds']:>6.2f} | "
                f"{base['peak_bytes'] / 2**20:>9.0f}"
            )
        else:
            plain = f"{'-':>8} | {ours['seconds']:>8.1f} | {'-':>6} | {'-':>9}"
        print(
            f"{count:>6} | {plain} | {ours['peak_bytes'] / 2**20:>8.0f} | "
            f"{plain_size / 2**20 if base else 0:>14.1f} | {our_size / 2**20:>13.1f} | "
            f"{1000 * ours['seconds'] / count:>11.1f}"
        )
    by_count = {count: ours["seconds"] / count for count, _, ours, _, _ in rows}
    if 1000 in by_count and 5000 in by_count:
        print(f"time per SOP at 5000 / at 1000: {by_count[5000] / by_count[1000]:.2f} (target <= 1.5)")
    for count, base, ours, _, _ in rows:
        if count == 1000 and base:
            print(f"hooks overhead at 1000 SOPs: {100 * (ours['seconds'] / base['seconds'] - 1):+.1f}% (target <= 10%)")


if __name__ == "__main__":
    main()
