"""Fixtures of the OnePager tests: the real site, built once per session."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from onepager_support import NOT_WIRED, WIRED


@dataclasses.dataclass(frozen=True)
class BuiltSite:
    """The site built from this checkout, and the build's log."""

    root: Path
    log: str

    def html(self, url_path: str) -> str:
        return (self.root / url_path / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(repo_site) -> BuiltSite:
    """The repository's site, built with `mkdocs build --strict` on 2026-11-26 (see tests/conftest.py)."""
    if not WIRED:
        pytest.skip(NOT_WIRED)
    return BuiltSite(repo_site.root, repo_site.log)
