"""A small SOP repository in a temporary git repository, and the `sop` command run in it.

The SOP texts live here, not in tests/fixtures, so that the exact outputs asserted by
the editing tests depend on nothing else. They cover the layouts `sop bump` must
keep: comments, single quotes, a changelog without indentation, no changelog at all.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TODAY = "2026-11-26"
ROOT = Path(__file__).resolve().parents[2]

MKDOCS_YML = """\
site_name: Test SOPs
extra:
  sop_review:
    review_interval_years: 3
    due_soon_days: 90
    category_titles:
      Generelt: Generelle prosedyrer
      CT: CT
      MU: MU
"""

# Overdue (2026-06-01), with comments, single quotes and a changelog flush left.
CT_SOP_01 = """\
---
# Eies av AP2; endres bare etter høring.
id: CT-SOP-01
title: "Planlegging: gjennomførbarhet og budsjett"
language: nb
version: '2.1'   # godkjent av styret
status: active
owner: AP2 SOP
effective_date: 2023-07-01
last_reviewed_on: 2023-06-01  # forrige revisjon
category: CT
changelog:
- version: '2.1'
  date: 2023-06-01
  summary: Ny mal for budsjett.
- version: '2.0'
  date: 2021-01-15
  summary: Omarbeidet.
---

## Formål

Planlegge studien.

## Fremgangsmåte

1. Vurder gjennomførbarhet.
2. Lag budsjett.
"""

# Due in 45 days (2027-01-10); English.
CT_SOP_02 = """\
---
id: CT-SOP-02
title: Protocol
language: en
version: "3.2"
status: active
owner: AP2 SOP
effective_date: 2024-02-01
last_reviewed_on: 2024-01-10
category: CT
changelog:
  - version: "3.2"
    date: 2024-01-10
    summary: "Periodic review 2024."
---

## Purpose

Write the protocol.

## Procedure

Follow the template.
"""

# Due in 24 days (2026-12-20); a title with ';' and ',' and non-ASCII letters.
MU_SOP_01 = """\
---
id: MU-SOP-01
title: "Klinisk utprøving av medisinsk utstyr; MDR, IVDR og ISO 14155 \u2013 søknad og gjennomføring"
language: nb
version: "2.3"
status: active
owner: AP3 MON
effective_date: 2024-01-01
last_reviewed_on: 2023-12-20
category: MU
changelog:
  - version: "2.3"
    date: 2023-12-20
    summary: "Oppdatert med MDCG 2020-10/1."
---

## Formål

Utprøving av utstyr.

## Fremgangsmåte

Følg malen.
"""

# Current (2028-05-01); no changelog at all.
GEN_SOP_01 = """\
---
id: GEN-SOP-01
title: Definisjoner
language: nb
version: "4.0"
status: active
owner: AP2 SOP
effective_date: 2025-05-01
last_reviewed_on: 2025-05-01
category: Generelt
---

## Formål

Felles begreper.

## Definisjoner

Se ordlisten.
"""

# A draft: no review date applies.
GEN_SOP_02 = """\
---
id: GEN-SOP-02
title: Samtykke
language: nb
version: "0.9"
status: draft
owner: AP2 SOP
effective_date: 2026-12-01
last_reviewed_on: 2026-11-02
category: Generelt
changelog:
  - version: "0.9"
    date: 2026-11-02
    summary: "Utkast på høring."
---

## Formål

Samtykke.
"""

SOPS = {
    "ct-sop-01.md": CT_SOP_01,
    "ct-sop-02.md": CT_SOP_02,
    "mu-sop-01.md": MU_SOP_01,
    "gen-sop-01.md": GEN_SOP_01,
    "gen-sop-02.md": GEN_SOP_02,
}

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Test Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(project: Path, *args: str) -> str:
    """Run git in `project` and return its output; fail the test on an error."""
    result = subprocess.run(
        ["git", *args], cwd=project, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def make_repo(tmp_path: Path, sops: dict[str, str] | None = None) -> Path:
    """Write mkdocs.yml and the SOPs into a new git repository with one commit on main."""
    project = tmp_path / "repo"
    (project / "sops").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for name, text in (SOPS if sops is None else sops).items():
        (project / "sops" / name).write_bytes(text.encode("utf-8"))
    git(project, "init", "--quiet", "--initial-branch=main")
    commit(project, "Initial SOPs")
    return project


def commit(project: Path, message: str) -> None:
    """Commit everything in the work tree."""
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", message)


def sop(project: Path, *args: str, today: str = TODAY, raw: bool = False) -> subprocess.CompletedProcess:
    """Run `sop ARGS` in `project` with SOP_TODAY set; `raw` keeps stdout as bytes."""
    env = {**os.environ, **GIT_ENV, "SOP_TODAY": today}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "sopmodel.cli", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=not raw,
        check=False,
    )


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must occur once) with `new` in the file, bytes otherwise kept."""
    text = path.read_bytes().decode("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_bytes(text.replace(old, new).encode("utf-8"))
