"""The pull-request workflow's scripts on real git repositories: comment, bump by comment, CODEOWNERS."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sop_repo import GIT_ENV, MKDOCS_YML, ROOT, commit, edit, git, make_repo, sop

TEAMS = (
    MKDOCS_YML
    + '    owner_teams:\n      AP2 SOP: "@org/ap2"\n      AP3 MON: "@org/ap3"\n    default_team: "@org/ap2"\n'
)


def _feature_with_changes(tmp_path: Path) -> Path:
    project = make_repo(tmp_path)
    git(project, "switch", "--quiet", "--create", "feature")
    edit(project / "sops/ct-sop-02.md", "Write the protocol.", "Write the protocol in English.")
    assert sop(project, "bump", "CT-SOP-02", "--minor", "--summary", "Clearer <wording>.").returncode == 0
    assert sop(project, "new", "--title", "Ny *prosedyre*", "--category", "CT").returncode == 0
    commit(project, "Edit CT-SOP-02, add CT-SOP-03")
    return project


def test_pr_comment_lists_changes_checks_and_reviews(tmp_path):
    project = _feature_with_changes(tmp_path)
    result = sop(project, "pr-comment", "--base", "main", "--preview", "https://github.com/o/r/actions/runs/7")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "<!-- sop-pr-kommentar -->\n"
        "## Forhåndsvisning og kontroll\n\n"
        "Nettstedet fra denne endringen er bygget. Last det ned fra [kjøringen](https://github.com/o/r/actions/runs/7) "
        "(avsnittet «Artifacts», filen **nettsted**), pakk ut, kjør `python3 -m http.server` i mappen og åpne "
        "http://localhost:8000/ i nettleseren (åpnet rett fra disken viser nettleseren mapper i stedet for sider, "
        "og søket virker ikke).\n\n"
        "### Endrede SOP-er\n\n"
        "| SOP | Versjon | Side |\n|---|---|---|\n"
        "| CT-SOP-02 Protocol | 3.2 → 3.3 | `http://localhost:8000/sop/ct-sop-02/` |\n"
        "| CT-SOP-03 Ny \\*prosedyre\\* | ny (0.1) | `http://localhost:8000/sop/ct-sop-03/` |\n\n"
        "### Kontroll\n\n"
        "Kontrollen fant ingen feil. Endringen kan godkjennes av eieren.\n\n"
        "### Revisjonsfrister\n\n"
        "1 SOP har passert revisjonsfristen, og 1 skal revideres innen 90 dager (se «Revisjonsoversikt» i "
        "forhåndsvisningen).\n"
    )


def test_pr_comment_names_each_problem_in_words(tmp_path):
    project = make_repo(tmp_path)
    git(project, "switch", "--quiet", "--create", "feature")
    edit(project / "sops/ct-sop-02.md", "Write the protocol.", "Write the protocol in English.")
    commit(project, "Edit without a new version")
    result = sop(project, "pr-comment", "--base", "main", "--preview", "https://preview.example.org/pr-3/")
    body = result.stdout
    assert "Forhåndsvisningen av nettstedet ligger på https://preview.example.org/pr-3/\n" in body
    assert (
        "| CT-SOP-02 Protocol | 3.2 (uendret) | [sop/ct-sop-02/](https://preview.example.org/pr-3/sop/ct-sop-02/) |"
        in body
    )
    assert "Kontrollen fant 1 feil i 1 fil." in body
    assert (
        "- Feil i `sops/ct-sop-02.md`, linje 19, feltet `version`: the text changed since main, but the version "
        'is still 3.2.\n  Slik retter du det: set version: "3.3" (a major change: "4.0")'
    ) in body


def _command(project: Path, comment: str, actor: str = "kari") -> subprocess.CompletedProcess:
    (project / "comment.txt").write_text(comment, encoding="utf-8")
    env = {**os.environ, **GIT_ENV, "SOP_TODAY": "2026-11-26", "SOP": f"{sys.executable} -m sopmodel.cli"}
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "pr-command.sh"), "main", "comment.txt", actor],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_bump_by_comment_commits_to_the_branch(tmp_path):
    project = make_repo(tmp_path)
    git(project, "switch", "--quiet", "--create", "feature")
    edit(project / "sops/ct-sop-02.md", "Write the protocol.", "Write the protocol in English.")
    commit(project, "Edit CT-SOP-02")
    result = _command(project, "/sop bump minor: Nye frister.\ngodkjent av: AP2 SOP (Kari)\n")
    assert result.returncode == 0, result.stderr
    reply = (project / "reply.md").read_text(encoding="utf-8").splitlines()
    assert reply[0] == (
        "Registrerte mindre endring av CT-SOP-02 i `sops/ct-sop-02.md`: versjon 3.2 → 3.3, revidert 2026-11-26, "
        "gjeldende fra 2026-11-26, godkjent av AP2 SOP (Kari). Neste revisjon innen 2029-11-26. Endringen er lagt "
        "til i denne pull requesten."
    )
    head = git(project, "log", "-1", "--format=%s|%an|%b")
    assert head.strip() == (
        "/sop bump minor: Nye frister.|sop-bot|Requested by @kari in a pull-request comment; carried out by "
        "scripts/pr-command.sh."
    )
    assert reply[1].startswith("Lagret som ")
    diff = git(project, "show", "--format=", "--unified=0", "HEAD", "--", "sops/ct-sop-02.md")
    assert [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in {"+++", "---"}] == [
        '-version: "3.2"',
        '+version: "3.3"',
        "-effective_date: 2024-02-01",
        "-last_reviewed_on: 2024-01-10",
        '+approved_by: "AP2 SOP (Kari)"',
        "+effective_date: 2026-11-26",
        "+last_reviewed_on: 2026-11-26",
        '+  - version: "3.3"',
        "+    date: 2026-11-26",
        '+    summary: "Nye frister."',
    ]
    assert sop(project, "check", "--since", "main").returncode == 0


def test_comment_commands_that_cannot_be_carried_out_say_why(tmp_path):
    project = make_repo(tmp_path)
    git(project, "switch", "--quiet", "--create", "feature")
    result = _command(project, "/sop bump minor: x")
    assert result.returncode == 1
    assert (project / "reply.md").read_text(encoding="utf-8") == (
        "Skriv hvilken SOP kommandoen gjelder, for eksempel `/sop bump CT-SOP-07 minor: ...`: denne pull requesten "
        "endrer ingen.\n"
    )
    assert _command(project, "Takk for endringen!").returncode == 2
    result = _command(project, "/sop review GEN-SOP-02")
    assert result.returncode == 1
    assert "a draft has no periodic review" in (project / "reply.md").read_text(encoding="utf-8")
    assert git(project, "log", "--format=%s").splitlines() == ["Initial SOPs"]


def test_codeowners_follow_owner_teams_and_stale_files_fail(tmp_path):
    project = make_repo(tmp_path)
    (project / "mkdocs.yml").write_text(TEAMS, encoding="utf-8")
    assert sop(project, "codeowners").stdout == "Wrote .github/CODEOWNERS: 6 rules.\n"
    text = (project / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert text.splitlines()[3:] == [
        "* @org/ap2",
        "/sops/ct-sop-01.md @org/ap2",
        "/sops/ct-sop-02.md @org/ap2",
        "/sops/gen-sop-01.md @org/ap2",
        "/sops/gen-sop-02.md @org/ap2",
        "/sops/mu-sop-01.md @org/ap3",
    ]
    edit(project / "sops/ct-sop-02.md", "owner: AP2 SOP", "owner: AP3 MON")
    stale = sop(project, "codeowners", "--check")
    assert (stale.returncode, stale.stdout) == (
        1,
        ".github/CODEOWNERS: expected the file generated from owner_teams and the SOPs' owners, got an outdated "
        "one. Fix: run 'make codeowners' (or 'sop codeowners') and commit the file.\n",
    )
    edit(project / "sops/ct-sop-02.md", "owner: AP3 MON", "owner: AP5 X")
    assert sop(project, "check").stdout.splitlines()[0] == (
        "sops/ct-sop-02.md:7: 'owner': expected an owner unit with a GitHub team (owner_teams in mkdocs.yml), got "
        "'AP5 X'. Fix: use one of: AP2 SOP, AP3 MON; or add the unit and its team to extra.sop_review.owner_teams "
        "in mkdocs.yml."
    )


def test_the_repository_codeowners_is_up_to_date():
    result = subprocess.run(
        [sys.executable, "-m", "sopmodel.cli", "codeowners", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, ".github/CODEOWNERS is up to date.\n")
