"""A broken glossary.yml is content: `sop check` and the build name the file and the fix."""

from __future__ import annotations

import pytest
from build_support import make_project, run_build
from test_sop_check import sop

CASES = {
    "not-utf8": (
        "- terms: [SAE]\n  nb: Alvorlig uønsket hendelse\n- terms: [CRF]\n  nb: Skjema ".encode() + b"\xe6\n",
        "glossary.yml:4: expected UTF-8 text, got the byte 0xE6, which is not. Fix: save the file as UTF-8 "
        "(in Word or Notepad: 'Save as', encoding UTF-8).",
    ),
    "bad-yaml": (
        b"- terms: [SAE\n  nb: Alvorlig\n",
        "glossary.yml:2: expected YAML, got an error: expected ',' or ']', but got ':'. Fix: indent "
        "with spaces and write each entry as '- terms: [...]' with 'nb:' under it.",
    ),
    "no-nb": (
        b"- terms: [SAE]\n  en: Serious adverse event\n",
        "glossary.yml:1: 'nb': entry 1 (SAE): expected a definition in bokmål. Fix: write it under the terms as "
        "nb: ...",
    ),
    "not-a-list": (
        b"SAE: Alvorlig\n",
        "glossary.yml: expected a list of entries, got dict. Fix: start each entry with '- terms: [...]'.",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_sop_check_names_the_glossary_problem(tmp_path, case):
    content, line = CASES[case]
    project = make_project(tmp_path)
    (project / "glossary.yml").write_bytes(content)
    result = sop("check", cwd=project)
    assert (result.returncode, result.stdout.splitlines()[0], result.stderr) == (1, line, "")


def test_sop_check_lists_every_glossary_problem_at_its_entry(tmp_path):
    project = make_project(tmp_path)
    text = (
        "- terms: [SAE]\n  nb: Alvorlig uønsket hendelse\n"
        "- terms: [CRF]\n  en: Case report form\n"
        "- terms: [TMF]\n  nb: Sponsors arkiv\n  nb: Arkivet\n"
        "- terms: [Alvorlig hendelse, sae]\n  nb: Igjen\n"
    )
    (project / "glossary.yml").write_text(text, encoding="utf-8")
    result = sop("check", cwd=project)
    assert result.stdout.splitlines() == [
        "glossary.yml:3: 'nb': entry 2 (CRF): expected a definition in bokmål. Fix: write it under the terms as nb: ...",
        "glossary.yml:5: 'nb': entry 3: 'nb' is given twice; only the last one would count. "
        "Fix: remove one of the two lines.",
        "glossary.yml:8: 'terms': entry 4: expected each term in one concept, got 'sae', also in entry 1. "
        "Fix: merge the two entries, or remove 'sae' from one (line 1).",
        "3 problems in 1 file (7 SOP files checked).",
    ]


def test_build_fails_on_a_broken_glossary_without_a_traceback(tmp_path):
    project = make_project(tmp_path)
    (project / "glossary.yml").write_bytes(CASES["not-utf8"][0])
    build = run_build(project, "--strict")
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert build.log_lines("glossary.yml:4:") == [f"ERROR   -  {CASES['not-utf8'][1]}"]


def test_a_project_without_a_glossary_builds_an_empty_glossary_page(tmp_path):
    project = make_project(tmp_path)
    (project / "glossary.yml").unlink()
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    assert "<dt" not in build.html("ordliste")
