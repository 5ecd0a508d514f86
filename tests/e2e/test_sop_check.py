"""`sop check` on real files: exact output and exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from build_support import FIXTURE_SOPS, make_project


def sop(*args: str, cwd, today: str = "2026-11-26") -> subprocess.CompletedProcess:
    env = {**os.environ, "SOP_TODAY": today}
    return subprocess.run(
        [sys.executable, "-m", "sopmodel.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_check_passes_on_valid_content(tmp_path):
    result = sop("check", cwd=make_project(tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "OK: 7 SOP files checked, no problems.\n",
        "",
    )


def test_check_lists_every_problem_and_fails(tmp_path):
    sops = tmp_path / "sops"
    shutil.copytree(FIXTURE_SOPS, sops)
    (sops / "broken.md").write_text("---\nid: CT-SOP-01\ntitle: [unclosed\n---\n", encoding="utf-8")
    text = (sops / "gen-sop-01.md").read_text(encoding="utf-8")
    (sops / "gen-sop-01.md").write_text(text.replace("language: nb", "language: norsk"), encoding="utf-8")
    project = make_project(tmp_path / "p", sops=sops)
    result = sop("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "sops/broken.md:4: YAML syntax error: expected ',' or ']', but got '<stream end>'. Fix: check the indentation "
        "and put quotes around values that contain ': ' or start with a special character such as '[', '{', '*', "
        "'&' or '#'.",
        # The id of a file whose YAML is broken still counts: a second CT-SOP-01 is a conflict.
        "sops/ct-sop-01.md:2: 'id': expected a unique id, got 'CT-SOP-01', which sops/broken.md:2 also uses. "
        "Fix: give one of the two SOPs another id ('sop new' picks the next free one).",
        "sops/gen-sop-01.md:4: 'language': expected one of nb, nn, en, got 'norsk'. Fix: use one of: nb, nn, en.",
        "3 problems in 3 files (8 SOP files checked).",
    ]


def test_check_limits_output_to_given_paths(tmp_path):
    sops = tmp_path / "sops"
    shutil.copytree(FIXTURE_SOPS, sops)
    text = (sops / "gen-sop-01.md").read_text(encoding="utf-8")
    (sops / "gen-sop-01.md").write_text(text.replace('version: "5.0"', "version: 5"), encoding="utf-8")
    project = make_project(tmp_path / "p", sops=sops)
    assert sop("check", "sops/ct-sop-01.md", cwd=project).returncode == 0
    result = sop("check", "sops/gen-sop-01.md", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "sops/gen-sop-01.md:5: 'version': expected a text, got the number 5. "
        'Fix: put the value in quotes, e.g. version: "5".'
    )


def test_check_of_one_file_shows_the_duplicate_that_another_file_makes(tmp_path):
    sops = tmp_path / "sops"
    shutil.copytree(FIXTURE_SOPS, sops)
    shutil.copyfile(sops / "ct-sop-01.md", sops / "zz.md")
    project = make_project(tmp_path / "p", sops=sops)
    # The problem is reported at zz.md and names ct-sop-01.md: checking either file shows it.
    for path in ("sops/ct-sop-01.md", "sops/zz.md"):
        result = sop("check", path, cwd=project)
        assert result.returncode == 1
        assert result.stdout.splitlines() == [
            "sops/zz.md:2: 'id': expected a unique id, got 'CT-SOP-01', which sops/ct-sop-01.md:2 also uses. "
            "Fix: give one of the two SOPs another id ('sop new' picks the next free one).",
            "1 problem in 1 file (8 SOP files checked).",
        ]
    assert sop("check", "sops/gen-sop-01.md", cwd=project).returncode == 0


def test_check_bad_usage_exits_2(tmp_path):
    project = make_project(tmp_path)
    result = sop("check", "sops/nope.md", cwd=project)
    assert (result.returncode, result.stderr) == (2, "sop check: sops/nope.md: no such file.\n")
    result = sop("check", "--bogus", cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "usage: sop check [-h] [--project PROJECT] [--since REF]"
    assert result.stderr.splitlines()[-1] == "sop check: error: unrecognized arguments: --bogus"
    result = sop("check", "mkdocs.yml", cwd=project)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "sop check: mkdocs.yml: not content; it checks files under sops/, onepagers/, implementering/ and glossary.yml.\n"
    )
    result = sop("check", cwd=project, today="tomorrow")
    assert result.returncode == 2
    assert result.stderr == (
        "sop check: SOP_TODAY='tomorrow': expected a date like 2026-11-26. Fix: set SOP_TODAY=YYYY-MM-DD or unset it.\n"
    )
    assert sop("frobnicate", cwd=project).returncode == 2


def test_check_reports_onepager_problems(tmp_path):
    project = make_project(tmp_path)
    path = project / "onepagers" / "ap3.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("phase: operation", "phase: drift"), encoding="utf-8")
    result = sop("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "onepagers/ap3.md:5: 'phase': expected one of development, operation, got 'drift'. "
        "Fix: use one of: development, operation.",
        "1 problem in 1 file (7 SOP files checked).",
    ]
