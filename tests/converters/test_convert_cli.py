"""The convert command run as a user runs it: ``python -m converters ...``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from converters.cli import main

ROOT = Path(__file__).resolve().parents[2]
PDFS = ROOT / "tests" / "fixtures" / "pdfs"
CONSENT = PDFS / "ct-sop-07-informed-consent.pdf"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "converters", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_cli_stdout_prints_the_expected_markdown():
    done = run("convert", str(CONSENT), "--stdout")
    assert done.returncode == 0
    assert done.stdout == (PDFS / "ct-sop-07-informed-consent.expected.md").read_text(encoding="utf-8")


def test_cli_stdout_with_a_folder_is_bad_usage():
    done = run(str(PDFS), "--stdout")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "sop convert: error: --stdout needs exactly one PDF, got 14."


def test_cli_report_that_is_a_folder_is_bad_usage_and_nothing_is_converted(tmp_path):
    done = run(str(CONSENT), "--out", str(tmp_path / "out"), "--report", str(tmp_path))
    assert done.returncode == 2
    fix = f"Fix: give a file, e.g. {tmp_path / 'report.md'}."
    assert done.stderr.splitlines()[-1] == f"sop convert: error: --report {tmp_path} is a folder. {fix}"
    assert not (tmp_path / "out").exists()


def test_cli_out_that_is_a_file_is_bad_usage(tmp_path):
    (tmp_path / "file.md").write_text("x", encoding="utf-8")
    done = run(str(CONSENT), "--out", str(tmp_path / "file.md"))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"sop convert: error: --out {tmp_path / 'file.md'} is a file. Fix: give a folder for the Markdown files."
    )


def test_cli_report_that_cannot_be_written_is_one_line_after_the_batch(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    report = tmp_path / "file" / "report.md"
    done = run(str(CONSENT), "--out", str(tmp_path / "out"), "--report", str(report))
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == f"cannot write report {report} (File exists). Fix: check the path."
    assert (tmp_path / "out" / "ct-sop-07.md").is_file()


def test_cli_unknown_option_is_bad_usage():
    assert run(str(CONSENT), "--bogus").returncode == 2
    assert main(["--bogus"]) == 2


def test_cli_writes_named_file_and_images(tmp_path):
    done = run(str(CONSENT), str(PDFS / "ct-sop-11-safety-reporting.pdf"), "--out", str(tmp_path))
    assert done.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ct-sop-07.md", "ct-sop-11-p1-1.png", "ct-sop-11.md"]
    assert done.stdout.splitlines()[1:3] == ["converted                    1", "converted with warnings      1"]


def test_cli_dry_run_writes_nothing(tmp_path):
    done = run(str(CONSENT), "--out", str(tmp_path / "sops"), "--dry-run", "--report", str(tmp_path / "r.json"))
    assert done.returncode == 0
    assert f"[1/1] would write {tmp_path / 'sops' / 'ct-sop-07.md'} from {CONSENT} (0 warnings)" in done.stderr
    assert not (tmp_path / "sops").exists()
    assert not (tmp_path / "r.json").exists()


def test_cli_keeps_an_edited_file_unless_forced(tmp_path):
    assert run(str(CONSENT), "--out", str(tmp_path)).returncode == 0
    target = tmp_path / "ct-sop-07.md"
    assert run(str(CONSENT), "--out", str(tmp_path)).returncode == 0  # unchanged file: regenerated
    target.write_text(target.read_text(encoding="utf-8").replace("Purpose", "Aim"), encoding="utf-8")

    done = run(str(CONSENT), "--out", str(tmp_path))
    assert done.returncode == 0
    assert f"{CONSENT}: {target} was changed by an editor since it was generated; not overwritten. " in done.stderr
    assert "## 1 Aim" in target.read_text(encoding="utf-8")
    assert "skipped                      1" in done.stdout

    assert run(str(CONSENT), "--out", str(tmp_path), "--force").returncode == 0
    assert "## 1 Purpose" in target.read_text(encoding="utf-8")

    target.write_text("---\nid: CT-SOP-07\n---\n\nSkrevet for hånd.\n", encoding="utf-8")
    done = run(str(CONSENT), "--out", str(tmp_path))
    assert f"{CONSENT}: {target} was not written by sop convert; not overwritten. " in done.stderr
    assert target.read_text(encoding="utf-8").endswith("Skrevet for hånd.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ct-sop-07.md"]  # no temporary files left


def test_cli_json_report_lists_extracted_missing_and_checks(tmp_path):
    report = tmp_path / "report.json"
    done = run(
        str(PDFS / "mu-sop-02-avvik.pdf"), str(PDFS / "bad-empty.pdf"), "--out", str(tmp_path), "--report", str(report)
    )
    assert done.returncode == 1
    entries = json.loads(report.read_text(encoding="utf-8"))
    assert [e["status"] for e in entries] == ["converted with warnings", "failed"]
    assert entries[0]["extracted"]["effective_date"] == {
        "value": "2024-10-01",
        "from": "header table on page 1",
        "check": False,
    }
    assert entries[0]["missing"] == ["version", "status", "last_reviewed_on"]
    assert entries[1]["error"].endswith("bad-empty.pdf: empty file (0 bytes). Fix: export the SOP to PDF again.")


def test_cli_markdown_report(tmp_path):
    report = tmp_path / "report.md"
    assert run(str(PDFS / "sop-definisjoner.pdf"), "--out", str(tmp_path), "--report", str(report)).returncode == 0
    text = report.read_text(encoding="utf-8")
    assert "## " + str(PDFS / "sop-definisjoner.pdf") in text
    assert "Missing (fill in by hand): `status`" in text
    assert "- `effective_date`: 2024-09-01 (from header block on page 1)" in text
