"""The real-world corpus, the odd PDFs and the benchmark's scoring (issue 12, "Measured, not asserted").

- every real-world PDF has its source, licence and maker recorded, and is small;
- every ground-truth file has a metadata file naming each field (null when the PDF lacks it);
- a batch of every odd and real-world PDF ends with one line per file and no traceback;
- the benchmark's metadata score counts right, wrong, missed and invented as documented.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from converters.cli import main

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT / "tests" / "fixtures" / "realworld"
ODD = ROOT / "tests" / "fixtures" / "oddpdfs"
RESERVED = ROOT.parent / "shared" / "reserved-sources.txt"
sys.path.insert(0, str(ROOT / "benchmarks"))

from convert import FIELDS, expected_metadata, score_metadata  # noqa: E402  benchmarks/convert.py

SOURCES = yaml.safe_load((REALWORLD / "sources.yml").read_text(encoding="utf-8"))["files"]
MAKERS = {"Word", "LibreOffice", "LaTeX", "InDesign", "Chrome print (browser)", "Google Docs (browser)"}


def test_every_realworld_pdf_has_its_source_licence_and_maker() -> None:
    # Only files whose licence allows it are in the repository; the rest are listed with
    # their commit so that the development corpus can be rebuilt locally.
    pdfs = sorted(p.name for p in REALWORLD.glob("*.pdf"))
    assert sorted(entry["file"] for entry in SOURCES if entry["committed"]) == pdfs
    assert all(entry["committed"] == ("none stated" not in entry["licence"]) for entry in SOURCES)
    assert len(SOURCES) >= 30
    for entry in SOURCES:
        assert entry["repository"].count("/") == 1, entry
        assert len(entry["commit"]) == 40, entry
        assert entry["licence"], entry
        assert entry["made_by"] != "unknown", entry
        assert entry["language"] in {"nb", "nn", "sv", "da", "en"}, entry
    assert {entry["made_by"] for entry in SOURCES} >= MAKERS
    assert {"nb", "sv", "da", "en"} <= {entry["language"] for entry in SOURCES}


def test_corpus_files_are_small() -> None:
    sizes = [p.stat().st_size for p in [*REALWORLD.glob("*.pdf"), *ODD.glob("*.pdf")]]
    assert max(sizes) < 1024 * 1024
    assert sum(sizes) < 15 * 1024 * 1024


def test_no_file_comes_from_a_reserved_repository() -> None:
    if not RESERVED.exists():
        pytest.skip(f"{RESERVED} is not on this machine")
    reserved = {
        line.strip().lower()
        for line in RESERVED.read_text(encoding="utf-8").splitlines()
        if "/" in line and "#" not in line
    }
    assert reserved
    assert not [entry["file"] for entry in SOURCES if entry["repository"].lower() in reserved]


def test_every_ground_truth_has_metadata_naming_each_field() -> None:
    expected = sorted(REALWORLD.glob("*.expected.md"))
    assert expected  # 15 were written; those of files without a licence stay outside the repository
    for path in expected:
        assert path.with_name(path.name.replace(".expected.md", ".pdf")).exists(), path
        meta = expected_metadata(path)
        assert meta is not None, path
        assert set(FIELDS) - {"language"} <= set(meta) <= set(FIELDS), path
        if "language" not in meta:  # Swedish, Danish or Latin: the schema has only nb, nn and en
            assert "# language: " in path.with_name(path.name.replace(".expected.md", ".meta.yml")).read_text(), path


def test_a_batch_of_odd_and_realworld_pdfs_has_no_traceback(tmp_path: Path, capsys) -> None:
    pdfs = sorted(ODD.glob("*.pdf")) + sorted(REALWORLD.glob("*.pdf"))
    code = main([str(ODD), str(REALWORLD), "--out", str(tmp_path), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 1  # the encrypted and image-only PDFs fail, each with its own line
    assert "Traceback" not in err
    for pdf in pdfs:
        # each file ends as failed, written or skipped (two PDFs without an id map to one file name)
        assert f"] failed {pdf}" in err or f" from {pdf} (" in err or f"] skipped {pdf}" in err, pdf
    counts = dict(line.rsplit(None, 1) for line in out.splitlines()[1:])
    assert sum(int(n) for n in counts.values()) == len(pdfs)


@pytest.mark.parametrize(
    ("expected", "produced", "counts"),
    [
        ({"id": "CT-SOP-03", "title": "A"}, {"id": "CT-SOP-03", "title": "A"}, {"right": 2, "given": 2}),
        ({"id": "CT-SOP-03", "title": "A"}, {"id": "CT-SOP-04"}, {"wrong": 1, "missed": 1, "given": 2}),
        ({"owner": None, "version": None}, {"owner": "Kari Nordmann"}, {"invented": 1, "absent": 2}),
        ({"effective_date": date(2013, 7, 23)}, {"effective_date": date(2013, 7, 23)}, {"right": 1, "given": 1}),
        ({"title": "Capital  Policy"}, {"title": "capital policy"}, {"right": 1, "given": 1}),
        ({"owner": "St George's Unit"}, {"owner": "St George\u2019s Unit"}, {"right": 1, "given": 1}),
    ],
    ids=["right", "wrong-and-missed", "invented", "dates", "case-and-spaces", "typographic-apostrophe"],
)
def test_metadata_score_counts_right_wrong_missed_invented(expected, produced, counts) -> None:
    assert {k: v for k, v in score_metadata(expected, produced).items() if v} == counts
