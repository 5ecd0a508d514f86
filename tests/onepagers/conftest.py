"""Fixtures of the OnePager tests: the real site, built once per session."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from onepager_support import NOT_WIRED, WIRED, build_site


@dataclasses.dataclass(frozen=True)
class BuiltSite:
    """The site built from this checkout, and the build's log."""

    root: Path
    log: str

    def html(self, url_path: str) -> str:
        return (self.root / url_path / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    """The repository's site, built with `mkdocs build --strict` on 2026-11-26."""
    if not WIRED:
        pytest.skip(NOT_WIRED)
    target = tmp_path_factory.mktemp("onepagers") / "site"
    result = build_site(target)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return BuiltSite(target, result.stderr)
