"""`sop bump` on real files: exact output, exit code and the file compared byte for byte."""

from __future__ import annotations

import pytest
from sop_repo import CT_SOP_01, CT_SOP_02, GEN_SOP_01, SOPS, make_repo, sop


def test_bump_minor_edits_only_version_review_date_and_changelog(tmp_path):
    project = make_repo(tmp_path)
    result = sop(project, "bump", "ct-sop-01", "--minor", "--summary", 'Nye frister; se "punkt 2".')
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "sops/ct-sop-01.md: version 2.1 -> 2.2, effective_date 2023-07-01 -> 2026-11-26, "
        "last_reviewed_on 2023-06-01 -> 2026-11-26, changelog item added.\n"
        "Next review due by 2029-11-26.\n",
        "",
    )
    # Comments, single quotes and the flush-left changelog are kept as they were.
    expected = (
        CT_SOP_01.replace("version: '2.1'   # godkjent", "version: '2.2'   # godkjent")
        .replace("last_reviewed_on: 2023-06-01  # forrige", "last_reviewed_on: 2026-11-26  # forrige")
        .replace("effective_date: 2023-07-01", "effective_date: 2026-11-26")
        .replace(
            "changelog:\n",
            'changelog:\n- version: \'2.2\'\n  date: 2026-11-26\n  summary: "Nye frister; se \\"punkt 2\\"."\n',
        )
    )
    assert (project / "sops/ct-sop-01.md").read_bytes() == expected.encode("utf-8")


def test_bump_major_keeps_crlf_line_ends_and_takes_the_date(tmp_path):
    project = make_repo(tmp_path, {**SOPS, "ct-sop-02.md": CT_SOP_02.replace("\n", "\r\n")})
    result = sop(project, "bump", "CT-SOP-02", "--major", "--summary", "Rewritten.", "--date", "2026-11-20")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "sops/ct-sop-02.md: version 3.2 -> 4.0, effective_date 2024-02-01 -> 2026-11-20, "
        "last_reviewed_on 2024-01-10 -> 2026-11-20, changelog item added."
    )
    expected = (
        CT_SOP_02.replace('version: "3.2"\nstatus', 'version: "4.0"\nstatus')
        .replace("last_reviewed_on: 2024-01-10", "last_reviewed_on: 2026-11-20")
        .replace("effective_date: 2024-02-01", "effective_date: 2026-11-20")
        .replace("changelog:\n", 'changelog:\n  - version: "4.0"\n    date: 2026-11-20\n    summary: "Rewritten."\n')
        .replace("\n", "\r\n")
    )
    assert (project / "sops/ct-sop-02.md").read_bytes() == expected.encode("utf-8")


def test_bump_reviewed_keeps_version_and_records_review(tmp_path):
    project = make_repo(tmp_path)
    result = sop(project, "bump", "CT-SOP-02", "--reviewed")
    assert (result.returncode, result.stdout) == (
        0,
        "sops/ct-sop-02.md: version 3.2 (unchanged, periodic review), last_reviewed_on 2024-01-10 -> 2026-11-26, "
        "changelog item added.\nNext review due by 2029-11-26.\n",
    )
    expected = CT_SOP_02.replace("last_reviewed_on: 2024-01-10", "last_reviewed_on: 2026-11-26").replace(
        "changelog:\n",
        'changelog:\n  - version: "3.2"\n    date: 2026-11-26\n    summary: "Periodic review without changes."\n',
    )
    assert (project / "sops/ct-sop-02.md").read_text(encoding="utf-8") == expected


def test_bump_adds_a_changelog_when_there_is_none(tmp_path):
    project = make_repo(tmp_path)
    assert sop(project, "bump", "GEN-SOP-01", "--reviewed", "--summary", "Gjennomgått av AP2.").returncode == 0
    expected = GEN_SOP_01.replace("last_reviewed_on: 2025-05-01", "last_reviewed_on: 2026-11-26").replace(
        "category: Generelt\n",
        'category: Generelt\nchangelog:\n  - version: "4.0"\n    date: 2026-11-26\n'
        '    summary: "Gjennomgått av AP2."\n',
    )
    assert (project / "sops/gen-sop-01.md").read_text(encoding="utf-8") == expected
    assert sop(project, "check").returncode == 0


def test_bump_refuses_a_result_that_would_not_pass_check(tmp_path):
    text = CT_SOP_02.replace("category: CT\n", "category: CT\nreview_by: 2026-11-20\n")
    project = make_repo(tmp_path, {"ct-sop-02.md": text})
    result = sop(project, "bump", "CT-SOP-02", "--reviewed", "--date", "2026-11-25", today="2027-01-05")
    assert result.returncode == 1
    assert result.stderr == (
        "sop bump: sops/ct-sop-02.md:11: 'review_by': expected a date after last_reviewed_on (2026-11-25), "
        "got 2026-11-20. Fix: set the next review date after the last review, or remove review_by to use the "
        "default interval.\n"
        "sop bump: sops/ct-sop-02.md was not changed.\n"
    )
    assert (project / "sops/ct-sop-02.md").read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["CT-SOP-1", "--minor", "--summary", "x"],
            "sop bump: no SOP has the id 'CT-SOP-1'. Fix: did you mean 'CT-SOP-01'?\n",
        ),
        (["CT-SOP-01", "--minor"], 'sop bump: --minor needs --summary "what changed" for the changelog.\n'),
        (
            ["CT-SOP-01", "--reviewed", "--date", "2027-01-01"],
            "sop bump: --date 2027-01-01 is after today (2026-11-26). Fix: give the date of the change.\n",
        ),
        (
            ["CT-SOP-01", "--reviewed", "--date", "2023-05-31"],
            "sop bump: sops/ct-sop-01.md: --date 2023-05-31 is before the last review (2023-06-01). "
            "Fix: give the date of this change or review, on or after the last one.\n",
        ),
    ],
    ids=["unknown-id", "no-summary", "future-date", "date-before-last-review"],
)
def test_bump_bad_usage_exits_2_and_changes_nothing(tmp_path, args, message):
    project = make_repo(tmp_path)
    result = sop(project, "bump", *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)
    assert (project / "sops/ct-sop-01.md").read_text(encoding="utf-8") == CT_SOP_01


def test_bump_needs_exactly_one_kind(tmp_path):
    project = make_repo(tmp_path)
    result = sop(project, "bump", "CT-SOP-01", "--minor", "--major", "--summary", "x")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "sop bump: error: argument --major: not allowed with argument --minor"
    assert sop(project, "bump", "CT-SOP-01", "--date", "31.12.2026", "--reviewed").stderr.splitlines()[-1] == (
        "sop bump: error: argument --date: expected a date like 2026-11-26, got '31.12.2026'"
    )


def test_bump_refuses_a_changelog_it_cannot_edit_and_names_the_file_and_line(tmp_path):
    flow = CT_SOP_02.replace(
        'changelog:\n  - version: "3.2"\n    date: 2024-01-10\n    summary: "Periodic review 2024."\n',
        'changelog: [{version: "3.2", date: 2024-01-10, summary: "Periodic review 2024."}]\n',
    )
    project = make_repo(tmp_path, {**SOPS, "ct-sop-02.md": flow})
    result = sop(project, "bump", "CT-SOP-02", "--minor", "--summary", "Ny mal.")
    assert result.returncode == 1
    assert result.stderr == (
        "sop bump: sops/ct-sop-02.md:11: expected the changelog as a list of '- version: ...' items, got "
        '\'changelog: [{version: "3.2", date: 2024-01-10, summary: "Periodic review 2024."}]\'. '
        "Fix: write one '- version:' item per change, as in the other SOPs.\n"
    )
    assert (project / "sops" / "ct-sop-02.md").read_text(encoding="utf-8") == flow
