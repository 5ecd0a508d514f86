"""The version rules (editing.VERSION_RULES), as `sop bump` applies them and `sop check` enforces them."""

from __future__ import annotations

from sop_repo import CT_SOP_02, GEN_SOP_02, SOPS, commit, edit, git, make_repo, sop

DRAFT = GEN_SOP_02.replace("Samtykke.\n", "Samtykke.\n\n## Fremgangsmåte\n\nInnhent samtykke skriftlig.\n")


def test_first_approval_of_a_draft_makes_it_active_version_1(tmp_path):
    project = make_repo(tmp_path, {**SOPS, "gen-sop-02.md": DRAFT})
    result = sop(project, "bump", "GEN-SOP-02", "--major", "--summary", "Godkjent av AP2.")
    assert (result.returncode, result.stdout.splitlines()[0], result.stderr) == (
        0,
        "sops/gen-sop-02.md: version 0.9 -> 1.0, status draft -> active, effective_date 2026-12-01 -> 2026-11-26, "
        "last_reviewed_on 2026-11-02 -> 2026-11-26, changelog item added.",
        "",
    )
    text = (project / "sops/gen-sop-02.md").read_text(encoding="utf-8")
    assert 'version: "1.0"\nstatus: active\n' in text
    assert "effective_date: 2026-11-26\nlast_reviewed_on: 2026-11-26\n" in text
    assert 'changelog:\n  - version: "1.0"\n    date: 2026-11-26\n    summary: "Godkjent av AP2."\n' in text


def test_a_draft_cannot_be_approved_without_its_text(tmp_path):
    project = make_repo(tmp_path)
    result = sop(project, "bump", "GEN-SOP-02", "--major", "--summary", "Godkjent.")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "sop bump: sops/gen-sop-02.md was not changed."
    assert "expected, besides 'Formål', at least one more section with text" in result.stderr


def test_a_draft_has_no_periodic_review(tmp_path):
    project = make_repo(tmp_path)
    result = sop(project, "bump", "GEN-SOP-02", "--reviewed")
    assert (result.returncode, result.stderr) == (
        1,
        "sop bump: sops/gen-sop-02.md: a draft has no periodic review. Fix: when it is approved, use --major "
        "(version 1.0, status active); until then, --minor for each change.\n",
    )


def test_a_superseded_or_withdrawn_sop_gets_no_new_version_and_no_review(tmp_path):
    superseded = CT_SOP_02.replace("status: active", "status: superseded\nsuperseded_by: CT-SOP-01", 1)
    project = make_repo(tmp_path, {**SOPS, "ct-sop-02.md": superseded})
    before = (project / "sops/ct-sop-02.md").read_bytes()
    for kind in (["--minor", "--summary", "Ny frist."], ["--reviewed"]):
        result = sop(project, "bump", "CT-SOP-02", *kind)
        assert (result.returncode, result.stderr) == (
            1,
            "sop bump: sops/ct-sop-02.md: a superseded SOP is kept as it was: no new version, no review. "
            "Fix: revise CT-SOP-01, which replaces it.\n",
        )
    assert (project / "sops/ct-sop-02.md").read_bytes() == before


def test_a_review_is_recorded_once_a_day(tmp_path):
    project = make_repo(tmp_path)
    assert sop(project, "bump", "CT-SOP-02", "--reviewed").returncode == 0
    before = (project / "sops/ct-sop-02.md").read_bytes()
    again = sop(project, "bump", "CT-SOP-02", "--reviewed")
    assert (again.returncode, again.stderr) == (
        1,
        "sop bump: sops/ct-sop-02.md: the changelog already records this review (3.2, 2026-11-26). "
        "Fix: nothing to do; a review is recorded once.\n",
    )
    assert (project / "sops/ct-sop-02.md").read_bytes() == before


def test_check_reports_a_repeated_changelog_item(tmp_path):
    item = '  - version: "3.2"\n    date: 2024-01-10\n    summary: "Periodic review 2024."\n'
    project = make_repo(tmp_path, {**SOPS, "ct-sop-02.md": CT_SOP_02.replace(item, item + item)})
    result = sop(project, "check")
    assert result.stdout.splitlines() == [
        "sops/ct-sop-02.md:15: 'changelog[1]': expected each change once, got the same item as changelog[0] "
        "(version 3.2, 2024-01-10). Fix: remove the repeated item.",
        "1 problem in 1 file (5 SOP files checked).",
    ]


def test_since_a_new_version_needs_a_new_effective_date(tmp_path):
    project = make_repo(tmp_path)
    git(project, "switch", "--quiet", "--create", "feature")
    path = project / "sops/ct-sop-02.md"
    edit(path, 'version: "3.2"\nstatus', 'version: "3.3"\nstatus')
    edit(path, "changelog:\n", 'changelog:\n  - version: "3.3"\n    date: 2026-11-26\n    summary: "Nye frister."\n')
    edit(path, "Write the protocol.", "Write the protocol in time.")
    commit(project, "A new version, effective date forgotten")
    result = sop(project, "check", "--since", "main")
    assert (result.returncode, result.stdout.splitlines()) == (
        1,
        [
            "sops/ct-sop-02.md:8: 'effective_date': expected a later date for version 3.3 than for 3.2 "
            "(2024-02-01), got 2024-02-01. Fix: set effective_date to the day the new version takes effect, "
            "e.g. 2026-11-26 (the date of its changelog item).",
            "1 problem in 1 file (5 SOP files checked, 1 changed since main).",
        ],
    )
