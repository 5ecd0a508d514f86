"""`sop check` on 150 SOPs: every file is read and found valid (issue 6).

How long it takes is measured by `benchmarks/check.py`, as a ratio against a baseline
in the same run; tests assert outputs, never times.
"""

from __future__ import annotations

from sop_repo import CT_SOP_01, make_repo, sop

COUNT = 150


def generated_sops(count: int) -> dict[str, str]:
    """Return `count` valid SOPs like CT-SOP-01, with about 60 lines of text each."""
    body = "\n".join(f"{n}. Et steg i prosedyren med litt tekst om hva som skal gjøres og av hvem." for n in range(60))
    return {
        f"ct-sop-{n:03d}.md": CT_SOP_01.replace("CT-SOP-01", f"CT-SOP-{n:03d}") + body + "\n"
        for n in range(1, count + 1)
    }


def test_check_reads_150_sops(tmp_path):
    project = make_repo(tmp_path, generated_sops(COUNT))
    result = sop(project, "check")
    assert (result.returncode, result.stdout) == (0, f"OK: {COUNT} SOP files checked, no problems.\n")
