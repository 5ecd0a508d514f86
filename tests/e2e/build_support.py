"""Build real sites with `mkdocs build` from the project's own configuration."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_SOPS = ROOT / "tests" / "fixtures" / "site" / "sops"
TODAY = "2026-11-26"
STYLE_ELEMENT = re.compile(r"<style>.*?</style>", re.S)


@dataclasses.dataclass
class Build:
    """The result of one `mkdocs build`."""

    project: Path
    returncode: int
    stdout: str
    stderr: str

    @property
    def site(self) -> Path:
        return self.project / "site"

    def html(self, url_path: str) -> str:
        """The built page with its <style> elements emptied: they hold the site's
        stylesheets (sopmodel/critical_css.py), and so every class name of the site."""
        text = (self.site / url_path / "index.html").read_text(encoding="utf-8")
        return STYLE_ELEMENT.sub("<style></style>", text)

    def log_lines(self, contains: str) -> list[str]:
        return [line for line in self.stderr.splitlines() if contains in line]


def make_project(tmp_path: Path, sops: Path | None = FIXTURE_SOPS, sop_review: dict | None = None) -> Path:
    """Copy the project's site configuration into `tmp_path` with the given SOP folder."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    for name in ("docs", "overrides", "onepagers"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "hooks.py", project / "hooks.py")
    shutil.copy(ROOT / "glossary.yml", project / "glossary.yml")
    data = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    # OnePager PDFs have tests of their own (tests/onepagers); here they only cost time.
    data["extra"]["sop_review"].update({"onepager_pdfs": False, "sop_pdfs": False, **(sop_review or {})})
    # The repository's owner-to-team mapping is about its own SOPs, not the fixtures'.
    if "owner_teams" not in (sop_review or {}):
        data["extra"]["sop_review"].pop("owner_teams", None)
    # The code is installed in the venv; only content folders are watched here.
    data["watch"] = [folder for folder in data.get("watch", []) if folder in {"sops", "onepagers", "overrides"}]
    if sops is None:
        data["watch"].remove("sops")
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    if sops is not None:
        shutil.copytree(sops, project / "sops")
    return project


def run_build(project: Path, *args: str, today: str = TODAY, **env: str) -> Build:
    """Run `mkdocs build` in `project` with SOP_TODAY set; return its output."""
    environ = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    environ.update({"SOP_TODAY": today, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **env})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(project, result.returncode, result.stdout, result.stderr)
