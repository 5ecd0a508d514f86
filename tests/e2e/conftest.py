"""Fixtures for the end-to-end builds; helpers live in build_support.py."""

from __future__ import annotations

import pytest
from build_support import Build, make_project, run_build


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory) -> Build:
    """The fixture site, built once per test module with --strict."""
    project = make_project(tmp_path_factory.mktemp("fixture"))
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    return build
