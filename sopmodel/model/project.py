"""Find the SOP repository and load its settings and collection, for the `sop` commands."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from sopmodel.model.collection import Collection, load_collection
from sopmodel.model.settings import ReviewSettings, SettingsError, settings_from_mkdocs_yml


class UsageError(ValueError):
    """The command line asks for something impossible; exit code 2."""


def find_project(start: Path) -> Path:
    """Return the nearest folder at or above `start` that holds mkdocs.yml.

    Raises:
        SettingsError: when there is none.
    """
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise SettingsError(f"no mkdocs.yml found in {start} or above. Fix: run 'sop' inside the SOP repository.")


def load_project(args: argparse.Namespace) -> tuple[Path, ReviewSettings, dt.date, Collection]:
    """Return the project folder, its settings, the day and the checked collection."""
    project = find_project(Path(args.project).resolve())
    settings = settings_from_mkdocs_yml(project / "mkdocs.yml")
    today = settings.resolve_today()
    return project, settings, today, load_collection(project, settings, today)
