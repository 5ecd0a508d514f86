"""How long `sop check` takes for N SOPs, as a ratio against reading the same files with PyYAML.

Both are measured in the same run, as CPU time of a child process (start-up included),
so the ratio holds on a busy machine. Usage: ``.venv/bin/python benchmarks/check.py --sizes 150 1000``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "editing"))

from sop_repo import make_repo  # noqa: E402
from test_check_speed import generated_sops  # noqa: E402

BASELINE = """\
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.md")):
    yaml.load(path.read_text(encoding="utf-8").split("---\\n")[1], Loader=yaml.CSafeLoader)
"""


def cpu_of(command: list[str], cwd: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[150])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'SOPs':>6} {'yaml s':>8} {'sop check s':>12} {'ratio':>6}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_repo(Path(tmp), generated_sops(size))
            base = min(cpu_of([sys.executable, "-c", BASELINE, "sops"], project) for _ in range(args.repeat))
            ours = min(cpu_of([sys.executable, "-m", "sopmodel.cli", "check"], project) for _ in range(args.repeat))
            print(f"{size:>6} {base:>8.2f} {ours:>12.2f} {ours / base:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
