"""Size rules of the style guide, in sopmodel/ and converters/: no module over 400 lines, no function over 60 (issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def python_files() -> list[Path]:
    return sorted([*(ROOT / "sopmodel").rglob("*.py"), *(ROOT / "converters").rglob("*.py")])


def long_functions(path: Path) -> list[str]:
    """Return ``path:line name (n lines)`` for every function longer than the limit."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_the_package_is_measured():
    assert ROOT / "sopmodel" / "model" / "validate.py" in python_files()
    assert ROOT / "converters" / "cli.py" in python_files()


def test_no_module_over_400_lines():
    lines = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in python_files()}
    offenders = [
        f"{path.relative_to(ROOT).as_posix()} ({n} lines)" for path, n in lines.items() if n > MAX_MODULE_LINES
    ]
    assert offenders == []


def test_no_function_over_60_lines():
    offenders = [item for path in python_files() for item in long_functions(path)]
    assert offenders == []
