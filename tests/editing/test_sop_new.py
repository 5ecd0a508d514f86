"""`sop new` and the `--help` of every sub-command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sop_repo import MKDOCS_YML, ROOT, make_repo, sop

NEW_NB = """\
---
id: MU-SOP-02
title: "Monitorering: MU-studier"
language: nb
version: "0.1"
status: draft
owner: AP3 MON
effective_date: 2026-11-26
last_reviewed_on: 2026-11-26
category: MU
tags: []
changelog:
  - version: "0.1"
    date: 2026-11-26
    summary: "Første utkast."
---

## Formål

<!-- Hva prosedyren skal oppnå. -->

## Omfang

<!-- Hvilke studier, roller og situasjoner prosedyren gjelder for. -->

## Ansvar

<!-- Hvem som gjør hva. -->

## Definisjoner og forkortelser

<!-- Begreper og forkortelser som brukes i prosedyren. -->

## Fremgangsmåte

<!-- Stegene, i rekkefølge. -->

## Referanser

<!-- Lover, forskrifter, retningslinjer og andre SOP-er. -->

## Endringer fra forrige versjon

<!-- Hva som er nytt i denne versjonen. -->
"""


def test_new_creates_a_draft_with_the_next_free_id_that_passes_check(tmp_path):
    project = make_repo(tmp_path)
    result = sop(project, "new", "--title", "Monitorering:  MU-studier", "--category", "mu", "--owner", "AP3 MON")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "Created sops/mu-sop-02.md: MU-SOP-02 'Monitorering: MU-studier', version 0.1, status draft.\n"
        "Next: write the sections, preview with 'make serve', run 'make check', and approve it with "
        "'sop bump MU-SOP-02 --major --summary \"...\"' (version 1.0, status active).\n",
        "",
    )
    assert (project / "sops/mu-sop-02.md").read_text(encoding="utf-8") == NEW_NB
    assert sop(project, "check").stdout == "OK: 6 SOP files checked, no problems.\n"


def test_the_untouched_skeleton_cannot_be_made_active(tmp_path):
    # Its sections hold only comments ("<!-- Hva prosedyren skal oppnå. -->"): no text yet.
    project = make_repo(tmp_path)
    assert sop(project, "new", "--title", "Tom prosedyre", "--category", "mu").returncode == 0
    before = (project / "sops/mu-sop-02.md").read_text(encoding="utf-8")
    result = sop(project, "bump", "MU-SOP-02", "--major", "--summary", "Godkjent.")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "sop bump: sops/mu-sop-02.md:20: expected a section 'Formål' with text in an active SOP, found none. "
        "Fix: an active SOP needs at least '## Formål' and a section such as '## Fremgangsmåte', each with text "
        "under it; or set 'status: draft' until the text is written.",
        "sop bump: sops/mu-sop-02.md was not changed.",
    ]
    assert (project / "sops/mu-sop-02.md").read_text(encoding="utf-8") == before


def test_new_english_sop_in_the_default_category(tmp_path):
    project = make_repo(tmp_path)
    result = sop(project, "new", "--title", "Deviations", "--language", "en")
    assert result.returncode == 0
    text = (project / "sops/gen-sop-03.md").read_text(encoding="utf-8")
    assert text.splitlines()[1:4] == ["id: GEN-SOP-03", "title: Deviations", "language: en"]
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## Purpose",
        "## Scope",
        "## Responsibilities",
        "## Definitions",
        "## Procedure",
        "## References",
        "## Changes from previous version",
    ]
    assert sop(project, "check").returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--title", "X", "--category", "CTT"],
            "sop new: --category 'CTT': not a category of this site. Fix: use 'CT'.\n",
        ),
        (
            ["--title", "  "],
            "sop new: --title: expected 1 to 200 characters. Fix: give the SOP's title, without the id.\n",
        ),
    ],
    ids=["unknown-category", "empty-title"],
)
def test_new_bad_usage_exits_2(tmp_path, args, message):
    project = make_repo(tmp_path)
    result = sop(project, "new", *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)
    assert sorted(path.name for path in (project / "sops").iterdir()) == [
        "ct-sop-01.md",
        "ct-sop-02.md",
        "gen-sop-01.md",
        "gen-sop-02.md",
        "mu-sop-01.md",
    ]


@pytest.mark.parametrize("command", ["check", "new", "bump", "review"])
def test_every_command_has_help_with_examples_and_exit_codes(tmp_path, command):
    result = sop(tmp_path, command, "--help")
    assert result.returncode == 0
    assert "examples:\n  sop " in result.stdout
    assert "Exit codes: 0" in " ".join(result.stdout.split())


def test_no_command_and_unknown_command_exit_2(tmp_path):
    assert sop(tmp_path).returncode == 2
    assert sop(tmp_path, "frobnicate").returncode == 2
    result = sop(tmp_path, "check")
    assert (result.returncode, result.stderr) == (
        2,
        f"sop check: no mkdocs.yml found in {tmp_path} or above. Fix: run 'sop' inside the SOP repository.\n",
    )


def test_new_refuses_an_owner_without_a_team_as_check_would(tmp_path):
    project = make_repo(tmp_path)
    teams = '    owner_teams:\n      AP2 SOP: "@org/ap2"\n      AP3 MON: "@org/ap3"\n    default_team: "@org/ap2"\n'
    (project / "mkdocs.yml").write_text(MKDOCS_YML + teams, encoding="utf-8")
    result = sop(project, "new", "--title", "Test", "--owner", "AP99")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "sop new: --owner 'AP99': expected an owner unit with a GitHub team (owner_teams in mkdocs.yml), got "
        "'AP99'. Fix: use one of: AP2 SOP, AP3 MON; or add the unit and its team to extra.sop_review.owner_teams "
        "in mkdocs.yml.\n"
    )
    assert not (project / "sops" / "gen-sop-03.md").exists()


@pytest.mark.parametrize("title", ['Håndtering av "note to file"', "Kostnader i $ og `kr` og 'x'"])
def test_make_new_passes_the_title_as_typed(tmp_path, title):
    # The shell read the quotes and ran `kr`; make dropped "$ ".
    project = make_repo(tmp_path)
    bin_dir = Path(sys.executable).parent
    done = subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "new", f"TITLE={title}", "STAMP=", f"BIN={bin_dir}"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOP_TODAY": "2026-11-26"},
    )
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.splitlines()[0] == f"Created sops/gen-sop-03.md: GEN-SOP-03 '{title}', version 0.1, status draft."
    )
