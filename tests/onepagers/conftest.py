"""Fixtures of the OnePager tests: the real site, built once per session."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest


@dataclasses.dataclass(frozen=True)
class BuiltSite:
    """The site built from this checkout, and the build's log."""

    root: Path
    log: str

    def html(self, url_path: str) -> str:
        return (self.root / url_path / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(repo_site) -> BuiltSite:
    """The repository's site, built with `mkdocs build --strict` on the real date (see tests/conftest.py)."""
    return BuiltSite(repo_site.root, repo_site.log)
