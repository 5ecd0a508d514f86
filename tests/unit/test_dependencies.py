"""Every package the published code imports is a pinned, direct dependency.

A module that comes in only through a dev or test tool (lxml through python-docx, say)
works on a developer's machine and fails on a fresh clone. This test reads the imports of
the code that `make site` runs and checks each one against `[project].dependencies`.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_CODE = ["sopmodel", "converters", "hooks.py"]
OWN_PACKAGES = {"sopmodel", "converters", "hooks"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for requirement in project["dependencies"]:
        name, _, version = requirement.partition("==")
        pins[_normalise(re.sub(r"\[.*\]", "", name))] = version
    return pins


def _top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _runtime_imports() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for entry in RUNTIME_CODE:
        target = ROOT / entry
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            for name in _top_level_imports(path):
                if name not in sys.stdlib_module_names and name not in OWN_PACKAGES:
                    used.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return used


def test_every_runtime_import_is_a_pinned_direct_dependency():
    declared = _declared()
    providers = importlib.metadata.packages_distributions()
    missing = []
    for module, files in sorted(_runtime_imports().items()):
        distributions = {_normalise(name) for name in providers.get(module, [module])}
        if not distributions & declared.keys():
            missing.append(f"{module} (imported by {', '.join(sorted(files))}; from {sorted(distributions)})")
    assert missing == []


def test_every_direct_dependency_is_pinned():
    assert [name for name, version in _declared().items() if not version] == []
