"""Site settings for SOP review, read from `extra: sop_review:` in mkdocs.yml.

Hooks have no plugin configuration of their own, so the settings live under
`extra`. This module does not import MkDocs: `sop check` reads the same file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

TODAY_ENV = "SOP_TODAY"
"""Environment variable that sets "today" for builds and tests (YYYY-MM-DD)."""


class SettingsError(ValueError):
    """The review settings cannot be used; the message says which and how to fix."""


@dataclasses.dataclass(frozen=True)
class ReviewSettings:
    """How review deadlines are computed and reported.

    Attributes:
        review_interval_years: Years between periodic reviews when an SOP gives none.
        due_soon_days: An SOP due within this many days is "due soon".
        today: The date to judge deadlines by; None means the clock.
        overdue_fails_strict: Log overdue SOPs so that `mkdocs build --strict` fails.
        sops_dir: Folder of SOP files, relative to the project.
        onepagers_dir: Folder of OnePager files, relative to the project.
        dashboard_path: Where the generated review dashboard page is published.
        export_file: The review register written into the site.
        category_titles: Navigation title of each SOP category.
        nav_max_sops: A navigation section with more SOPs lists only its overview page.
        feedback_email: Address readers without a GitHub account send suggestions to.
        onepager_pdfs: Write a PDF of every OnePager (turn off to build faster in tests).
        sop_pdfs: Write a controlled-copy PDF of every SOP ("Last ned PDF").
        history: Publish every earlier version from git (``/sop/<id>/v/<version>/``).
        owner_teams: The GitHub team that approves changes for each owner unit
            (``AP8 DATA: "@norcrin/ap8-data"``); CODEOWNERS is generated from it.
        default_team: The team that owns every file no SOP owner claims.
    """

    review_interval_years: int = 3
    due_soon_days: int = 90
    today: dt.date | None = None
    overdue_fails_strict: bool = False
    sops_dir: str = "sops"
    onepagers_dir: str = "onepagers"
    dashboard_path: str = "revisjonsoversikt.md"
    export_file: str = "review-report.json"
    category_titles: Mapping[str, str] = dataclasses.field(default_factory=dict)
    nav_max_sops: int = 60
    feedback_email: str = ""
    onepager_pdfs: bool = True
    sop_pdfs: bool = True
    history: bool = True
    owner_teams: Mapping[str, str] = dataclasses.field(default_factory=dict)
    default_team: str = ""

    def team_of(self, owner: str) -> str | None:
        """Return the GitHub team of an owner unit (case-insensitive), or None."""
        wanted = " ".join(owner.split()).casefold()
        return next((team for unit, team in self.owner_teams.items() if unit.casefold() == wanted), None)

    def resolve_today(self, environ: Mapping[str, str] | None = None) -> dt.date:
        """Return the day to judge deadlines by: SOP_TODAY, then `today`, then the clock."""
        environ = os.environ if environ is None else environ
        value = environ.get(TODAY_ENV, "").strip()
        if value:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise SettingsError(
                    f"{TODAY_ENV}={value!r}: expected a date like 2026-11-26. "
                    f"Fix: set {TODAY_ENV}=YYYY-MM-DD or unset it."
                ) from None
        if self.today is not None:
            return self.today
        return dt.date.today()  # noqa: DTZ011 - the build's local day is the intended clock


_INT_FIELDS = {"review_interval_years": (1, 10), "due_soon_days": (0, 3650), "nav_max_sops": (0, 100_000)}
_STR_FIELDS = ("sops_dir", "onepagers_dir", "dashboard_path", "export_file", "feedback_email", "default_team")
_TEAM = re.compile(r"^@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")


def settings_from_dict(raw: Mapping[str, Any] | None) -> ReviewSettings:
    """Validate the `extra: sop_review:` mapping and return settings.

    Raises:
        SettingsError: naming every bad key at once.
    """
    raw = dict(raw or {})
    known = {field.name for field in dataclasses.fields(ReviewSettings)}
    problems = [f"unknown setting '{key}' (known: {', '.join(sorted(known))})" for key in raw if key not in known]
    values: dict[str, Any] = {}
    for key, (low, high) in _INT_FIELDS.items():
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                problems.append(f"'{key}': expected a whole number from {low} to {high}, got {value!r}")
            else:
                values[key] = value
    for key in _STR_FIELDS:
        if key in raw:
            if isinstance(raw[key], str) and raw[key].strip():
                values[key] = raw[key].strip()
            else:
                problems.append(f"'{key}': expected a path, got {raw[key]!r}")
    for key in ("overdue_fails_strict", "onepager_pdfs", "sop_pdfs", "history"):
        if key in raw:
            if isinstance(raw[key], bool):
                values[key] = raw[key]
            else:
                problems.append(f"'{key}': expected true or false, got {raw[key]!r}")
    if raw.get("today") is not None:
        today = raw["today"]
        if isinstance(today, str):
            with contextlib.suppress(ValueError):
                today = dt.date.fromisoformat(today)
        if isinstance(today, dt.date) and not isinstance(today, dt.datetime):
            values["today"] = today
        else:
            problems.append(f"'today': expected a date like 2026-11-26, got {raw['today']!r}")
    if "owner_teams" in raw:
        teams = raw["owner_teams"]
        if isinstance(teams, dict) and all(isinstance(v, str) and _TEAM.match(v) for v in teams.values()):
            values["owner_teams"] = {" ".join(str(k).split()): v for k, v in teams.items()}
        else:
            problems.append(
                "'owner_teams': expected a mapping of owner unit to GitHub team, e.g. 'AP8 DATA: \"@norcrin/ap8-data\"'"
            )
    if "category_titles" in raw:
        titles = raw["category_titles"]
        if isinstance(titles, dict) and all(isinstance(v, str) for v in titles.values()):
            values["category_titles"] = {str(k): v for k, v in titles.items()}
        else:
            problems.append("'category_titles': expected a mapping of category to title")
    if problems:
        raise SettingsError("extra.sop_review in mkdocs.yml: " + "; ".join(problems) + ".")
    return ReviewSettings(**values)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its `!!python/...` or `!ENV` tags."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def settings_from_mkdocs_yml(path: Path) -> ReviewSettings:
    """Return the review settings of the site configured in `path` (mkdocs.yml).

    Raises:
        SettingsError: when the file is missing or its settings are invalid.
    """
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except OSError as error:
        raise SettingsError(f"{path}: cannot read the site configuration: {error.strerror}.") from None
    except yaml.YAMLError as error:
        raise SettingsError(f"{path}: invalid YAML: {error}") from None
    extra = (config or {}).get("extra") or {}
    return settings_from_dict(extra.get("sop_review"))
