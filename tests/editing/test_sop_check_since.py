"""`sop check --since` on real commits in temporary git repositories."""

from __future__ import annotations

from sop_repo import commit, edit, git, make_repo, sop


def fix_version(sop_id: str, minor: str, major: str) -> str:
    """The fix for a change without a new version: what to write in the file, and the command."""
    return (
        f'Fix: set version: "{minor}" (a major change: "{major}") and add at the top of changelog an item with that '
        "version, today's date and a summary of the change; on the command line, "
        f"'sop bump {sop_id} --minor --summary \"what changed\"' does both."
    )


FIX_CT01 = fix_version("CT-SOP-01", "2.2", "3.0")


def test_since_body_change_without_new_version_fails(tmp_path):
    project = make_repo(tmp_path)
    git(project, "switch", "--quiet", "--create", "feature")
    edit(project / "sops/ct-sop-01.md", "2. Lag budsjett.", "2. Lag budsjett innen to uker.")
    commit(project, "Change the deadline")
    result = sop(project, "check", "--since", "main")
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "sops/ct-sop-01.md:28: 'version': the text changed since main, but the version is still 2.1. "
        f"{FIX_CT01}\n"
        "1 problem in 1 file (5 SOP files checked, 1 changed since main).\n",
        "",
    )
    # The fix the message gives makes the check pass.
    assert sop(project, "bump", "CT-SOP-01", "--minor", "--summary", "Frist for budsjett.").returncode == 0
    result = sop(project, "check", "--since", "main")
    assert (result.returncode, result.stdout) == (0, "OK: 5 SOP files checked, 1 changed since main, no problems.\n")


def test_since_periodic_review_may_move_only_last_reviewed_on(tmp_path):
    project = make_repo(tmp_path)
    edit(project / "sops/ct-sop-02.md", "last_reviewed_on: 2024-01-10", "last_reviewed_on: 2026-11-20")
    commit(project, "Periodic review of CT-SOP-02")
    assert sop(project, "check", "--since", "HEAD~1").stdout == (
        "OK: 5 SOP files checked, 1 changed since HEAD~1, no problems.\n"
    )
    assert sop(project, "bump", "CT-SOP-01", "--reviewed").returncode == 0  # adds a review item, same version
    result = sop(project, "check", "--since", "HEAD~1")
    assert (result.returncode, result.stdout) == (0, "OK: 5 SOP files checked, 2 changed since HEAD~1, no problems.\n")


def test_since_reports_unversioned_front_matter_and_missing_changelog(tmp_path):
    project = make_repo(tmp_path)
    edit(project / "sops/ct-sop-02.md", "owner: AP2 SOP", "owner: AP3 MON")
    edit(project / "sops/mu-sop-01.md", 'version: "2.3"\nstatus', 'version: "2.4"\nstatus')
    edit(
        project / "sops/ct-sop-01.md",
        "changelog:\n",
        "changelog:\n- version: '2.0'\n  date: 2026-11-01\n  summary: Ny.\n",
    )
    result = sop(project, "check", "--since", "HEAD")
    assert (result.returncode, result.stdout.splitlines()) == (
        1,
        [
            "sops/ct-sop-01.md:13: 'changelog[0].version': expected the current version 2.1 in a new changelog "
            f"item, got 2.0. Fix: a review item keeps the current version; for a new version, {FIX_CT01[5:]}",
            "sops/ct-sop-02.md:7: 'owner': changed since HEAD, but the version is still 3.2; without a new version "
            "only last_reviewed_on may change (a periodic review). " + fix_version("CT-SOP-02", "3.3", "4.0"),
            "sops/mu-sop-01.md:5: 'changelog': version changed from 2.3 to 2.4 since HEAD, but the changelog has no "
            'new item for 2.4. Fix: add at the top of changelog an item with version "2.4", today\'s date and a '
            "summary of the change.",
            "sops/mu-sop-01.md:8: 'effective_date': expected a later date for version 2.4 than for 2.3 (2024-01-01), "
            "got 2024-01-01. Fix: set effective_date to the day the new version takes effect.",
            "4 problems in 3 files (5 SOP files checked, 3 changed since HEAD).",
        ],
    )


def test_since_compares_with_the_merge_base(tmp_path):
    project = make_repo(tmp_path)
    git(project, "switch", "--quiet", "--create", "feature")
    assert sop(project, "bump", "CT-SOP-02", "--minor", "--summary", "Clarified.").returncode == 0
    commit(project, "CT-SOP-02 3.3")
    # Meanwhile main changes another SOP without a version: not this branch's change.
    git(project, "switch", "--quiet", "main")
    edit(project / "sops/mu-sop-01.md", "Utprøving av utstyr.", "Utprøving av medisinsk utstyr.")
    commit(project, "Direct fix on main")
    git(project, "switch", "--quiet", "feature")
    result = sop(project, "check", "--since", "main")
    assert (result.returncode, result.stdout) == (0, "OK: 5 SOP files checked, 1 changed since main, no problems.\n")


def test_since_follows_renames_and_accepts_new_sops(tmp_path):
    project = make_repo(tmp_path)
    git(project, "mv", "sops/ct-sop-02.md", "sops/ct-sop-02-protocol.md")
    edit(project / "sops/ct-sop-02-protocol.md", "Write the protocol.", "Write the protocol in English.")
    assert sop(project, "new", "--title", "Ny prosedyre", "--category", "CT").returncode == 0
    result = sop(project, "check", "--since", "HEAD")
    assert (result.returncode, result.stdout) == (
        1,
        "sops/ct-sop-02-protocol.md:19: 'version': the text changed since HEAD, but the version is still 3.2. "
        + fix_version("CT-SOP-02", "3.3", "4.0")
        + "\n"
        "1 problem in 1 file (6 SOP files checked, 2 changed since HEAD).\n",
    )


def test_since_warns_when_history_is_edited(tmp_path):
    project = make_repo(tmp_path)
    edit(project / "sops/ct-sop-01.md", "summary: Omarbeidet.", "summary: Omarbeidet helt.")
    result = sop(project, "check", "--since", "HEAD")
    assert (result.returncode, result.stdout) == (
        0,
        "sops/ct-sop-01.md:12: 'changelog': existing changelog items were edited or removed since HEAD. "
        "Fix: add new items at the top and leave the history as it was (this is a warning: a reviewer must "
        "accept the change).\n"
        "OK: 5 SOP files checked, 1 changed since HEAD, no problems.\n",
    )


def test_since_github_format_annotates_changed_files(tmp_path):
    project = make_repo(tmp_path)
    edit(project / "sops/ct-sop-01.md", "Planlegge studien.", "Planlegge studien, med budsjett.")
    edit(project / "sops/mu-sop-01.md", "last_reviewed_on: 2023-12-20", "last_reviewed_on: 2023-12-21")
    result = sop(project, "check", "--since", "HEAD", "--format", "github")
    assert (result.returncode, result.stdout.splitlines()) == (
        1,
        [
            "::error file=sops/ct-sop-01.md,line=23,title=sop check::'version': the text changed since HEAD, but the "
            f"version is still 2.1. {FIX_CT01}",
            "::warning file=sops/ct-sop-01.md,line=10,title=SOP review overdue::CT-SOP-01 is overdue by 178 days "
            "(review by 2026-06-01, owner: AP2 SOP). After a review without changes: set last_reviewed_on to the day of the review and "
            "add a changelog item with the same version (or run 'sop bump CT-SOP-01 --reviewed').",
            "::notice file=sops/mu-sop-01.md,line=9,title=SOP review due soon::MU-SOP-01 is due in 25 days "
            "(review by 2026-12-21, owner: AP3 MON). After a review without changes: set last_reviewed_on to the day of the review and "
            "add a changelog item with the same version (or run 'sop bump MU-SOP-01 --reviewed').",
            "1 problem in 1 file (5 SOP files checked, 2 changed since HEAD).",
        ],
    )


def test_since_bad_ref_or_no_repository_exits_2(tmp_path):
    project = make_repo(tmp_path)
    result = sop(project, "check", "--since", "origin/main")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "sop check: --since 'origin/main': git knows no such branch, tag or commit. Fix: check the name, or fetch "
        "it first (git fetch origin; in GitHub Actions use actions/checkout with fetch-depth: 0).\n",
    )
    (project / ".git").rename(project / "not-git")
    result = sop(project, "check", "--since", "main")
    assert (result.returncode, result.stderr) == (
        2,
        f"sop check: {project} is not a git repository. Fix: run 'sop check --since' inside a clone.\n",
    )


def test_since_quoting_a_date_is_no_change(tmp_path):
    project = make_repo(tmp_path)
    git(project, "switch", "--quiet", "--create", "feature")
    edit(project / "sops/ct-sop-02.md", "last_reviewed_on: 2024-01-10", 'last_reviewed_on: "2024-01-10"')
    edit(project / "sops/ct-sop-02.md", "effective_date: 2024-02-01", "effective_date: '2024-02-01'")
    commit(project, "Quote two dates")
    result = sop(project, "check", "--since", "main")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "OK: 5 SOP files checked, 1 changed since main, no problems.\n",
        "",
    )
