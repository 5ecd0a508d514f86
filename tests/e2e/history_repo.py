"""A project in its own git repository, with several commits per SOP (issue 14).

HIS-SOP-01 goes through a first version, a periodic review, a second version, a draft
of a third that is never published, and the third version as an edit in the work
tree that is not committed yet. HIS-SOP-02 has one version and is then withdrawn.
Every commit has a fixed date, so commit dates and periods are the same on every run.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from build_support import make_project

BODY_1 = """## Formål

Prosedyren beskriver hvordan studien arkiveres etter avslutning.

## Fremgangsmåte

Sponsor arkiverer TMF i 15 år.

Utprøver arkiverer ISF.

Bruk [den gamle malen](vedlegg/gammel-mal.docx).
"""

BODY_2 = """## Formål

Prosedyren beskriver hvordan studien arkiveres etter avslutning.

## Fremgangsmåte

Sponsor arkiverer TMF i 25 år etter avslutning.

Utprøver arkiverer ISF.

Se også [[HIS-SOP-02]] og [[GONE-SOP-09]].
"""

BODY_3 = BODY_2.replace("Utprøver arkiverer ISF.", "Utprøver arkiverer ISF elektronisk.").replace(
    " og [[GONE-SOP-09]]", ""
)

OTHER_BODY = """## Formål

Prosedyren beskriver monitorering på stedet.

## Fremgangsmåte

Monitor besøker stedet hvert kvartal.
"""


def sop(
    sop_id: str,
    version: str,
    effective: str,
    reviewed: str,
    body: str,
    changelog: list[tuple[str, str, str]],
    status: str = "active",
    approved_by: str = "Styringsgruppen i NorCRIN",
    extra: str = "",
) -> str:
    """Return an SOP file in the project's schema."""
    items = "".join(f'  - version: "{v}"\n    date: {d}\n    summary: "{s}"\n' for v, d, s in changelog)
    return (
        f'---\nid: {sop_id}\ntitle: Arkivering av studiedokumenter\nlanguage: nb\nversion: "{version}"\n'
        f"status: {status}\nowner: AP2 SOP\neffective_date: {effective}\nlast_reviewed_on: {reviewed}\n"
        f"approved_by: {approved_by}\ncategory: CT\n{extra}changelog:\n{items}---\n\n{body}"
    )


V1 = [("1.0", "2023-01-10", "Første versjon.")]
V2 = [("2.0", "2024-06-01", "Arkivering i 25 år etter ICH E6(R3)."), ("1.0", "2024-01-15", "Periodisk revisjon."), *V1]
# HIS-SOP-02 came into the repository with a legacy version in its changelog only.
OTHER_LOG = [("1.0", "2023-01-12", "Første nasjonale versjon."), ("0.9", "2021-06-01", "Lokal versjon ved OUS.")]
V3 = [("3.0", "2025-11-20", "ISF arkiveres elektronisk."), *V2]
STEPS = [
    ("2023-01-10", "his-sop-01.md", sop("HIS-SOP-01", "1.0", "2023-02-01", "2023-01-10", BODY_1, V1)),
    ("2023-01-12", "his-sop-02.md", sop("HIS-SOP-02", "1.0", "2022-05-01", "2023-01-12", OTHER_BODY, OTHER_LOG)),
    ("2024-01-15", "his-sop-01.md", sop("HIS-SOP-01", "1.0", "2023-02-01", "2024-01-15", BODY_1, V2[1:])),
    (
        "2024-06-01",
        "his-sop-01.md",
        sop("HIS-SOP-01", "2.0", "2024-07-01", "2024-06-01", BODY_2, V2, approved_by="AP2 SOP og AP8 DATA"),
    ),
    (
        "2025-03-01",
        "his-sop-02.md",
        sop(
            "HIS-SOP-02",
            "1.1",
            "2025-03-01",
            "2023-01-12",
            OTHER_BODY,
            [("1.1", "2025-03-01", "Trukket tilbake."), *OTHER_LOG],
            status="withdrawn",
            extra="withdrawn_on: 2025-03-01\n",
        ),
    ),
    (
        "2025-11-20",
        "his-sop-01.md",
        sop("HIS-SOP-01", "3.0", "2026-01-01", "2025-11-20", BODY_3, V3, status="draft"),
    ),
]
WORK_TREE = sop("HIS-SOP-01", "3.0", "2026-01-01", "2025-11-20", BODY_3, V3, approved_by="AP2 SOP og AP8 DATA")


def git(project: Path, *args: str, day: str = "2023-01-01") -> str:
    """Run git in `project` with a fixed author, committer and date."""
    stamp = f"{day}T12:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "AP2 SOP",
        "GIT_AUTHOR_EMAIL": "ap2@example.org",
        "GIT_COMMITTER_NAME": "AP2 SOP",
        "GIT_COMMITTER_EMAIL": "ap2@example.org",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    result = subprocess.run(["git", "-C", str(project), *args], env=env, capture_output=True, text=True, check=True)
    return result.stdout


def make_history_project(tmp_path: Path) -> Path:
    """Return a project whose git history holds the steps above, with the work tree edit on top."""
    project = make_project(tmp_path, sops=None)
    sops = project / "sops"
    sops.mkdir()
    git(project, "init", "--quiet", "--initial-branch=main")
    (project / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "Site configuration", day="2023-01-01")
    for day, name, text in STEPS:
        (sops / name).write_text(text, encoding="utf-8")
        git(project, "add", "-A")
        git(project, "commit", "--quiet", "-m", f"{name} on {day}", day=day)
    (sops / "his-sop-01.md").write_text(WORK_TREE, encoding="utf-8")
    return project


def commits(project: Path) -> list[str]:
    """Return the commits that touched sops/, oldest first."""
    return git(project, "log", "--reverse", "--format=%H", "--", "sops").split()
