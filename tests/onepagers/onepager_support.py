"""Shared helpers for the OnePager tests (issue 7), imported by conftest.py and the tests."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
PUBLIC_URL = SITE_URL[1].rstrip("/") + "/" if SITE_URL else ""
"""The public address from mkdocs.yml, printed on every OnePager ("" without one)."""
TODAY = dt.date(2026, 11, 26)
"""The fixed day of the tests' own OnePager files (written into tmp_path)."""
REAL_TODAY = dt.date.fromisoformat(os.environ["SOP_TODAY"]) if os.environ.get("SOP_TODAY") else dt.date.today()  # noqa: DTZ011
"""The day the repository's own OnePagers are checked on: the real date, or SOP_TODAY if set."""
CHROMIUM = Path("/usr/bin/chromium")
ONEPAGER_IDS = [
    "AP1",
    "AP1-GCP",
    "AP1-INT",
    "AP1-JUS",
    "AP2",
    "AP3",
    "AP7",
    "AP8",
    "AP9",
    "AP10",
    "AP11",
    "AP12",
    "AP13",
    "AP14",
]
"""The 11 work packages and 3 working groups of the 2024 annual report, in navigation order."""


def normalise(text: str) -> str:
    """Return `text` with every run of whitespace (line breaks of a PDF too) as one space."""
    return re.sub(r"\s+", " ", text).strip()


def write_onepager(folder: Path, name: str, text: str) -> None:
    """Write a OnePager file `name` into `folder`/onepagers."""
    (folder / "onepagers").mkdir(parents=True, exist_ok=True)
    (folder / "onepagers" / name).write_text(text, encoding="utf-8")
