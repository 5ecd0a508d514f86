"""`sop check` stays under 2 seconds for 150 SOPs (issue 6)."""

from __future__ import annotations

import resource
import time

from sop_repo import CT_SOP_01, make_repo, sop

COUNT = 150
LIMIT_SECONDS = 2.0


def generated_sops(count: int) -> dict[str, str]:
    """Return `count` valid SOPs like CT-SOP-01, with about 60 lines of text each."""
    body = "\n".join(f"{n}. Et steg i prosedyren med litt tekst om hva som skal gjøres og av hvem." for n in range(60))
    return {
        f"ct-sop-{n:03d}.md": CT_SOP_01.replace("CT-SOP-01", f"CT-SOP-{n:03d}") + body + "\n"
        for n in range(1, count + 1)
    }


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def test_check_150_sops_under_two_seconds(tmp_path):
    project = make_repo(tmp_path, generated_sops(COUNT))
    # CPU time of the `sop check` process, start-up included: unlike wall time it
    # does not grow when other jobs share the machine.
    cpu_before, wall_before = _children_cpu_seconds(), time.perf_counter()
    result = sop(project, "check")
    cpu, wall = _children_cpu_seconds() - cpu_before, time.perf_counter() - wall_before
    assert result.stdout == f"OK: {COUNT} SOP files checked, no problems.\n"
    assert cpu < LIMIT_SECONDS, f"sop check used {cpu:.2f} s of CPU ({wall:.2f} s wall) for {COUNT} SOPs"
