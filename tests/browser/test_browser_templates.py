"""Copies of Material templates in overrides/ stay in step with the installed Material.

A copy differs from Material's file only in its header comment and in the lines marked
"a11y:". When Material is upgraded and its file changes, this test fails: copy the new
file again and re-apply the marked changes.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import material
import pytest
from browser_support import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
COPIES = [
    "base.html",
    "partials/header.html",
    "partials/search.html",
    "partials/palette.html",
    "partials/nav-item.html",
    "partials/content.html",
    "partials/toc.html",
]


def _without_changes(text: str) -> list[str]:
    text = re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", COPIES)
def test_copy_matches_material_apart_from_marked_changes(name):
    ours = _without_changes((ROOT / "overrides" / name).read_text(encoding="utf-8"))
    theirs = _without_changes((MATERIAL / name).read_text(encoding="utf-8"))
    assert any("a11y:" in line for line in ours)
    unexplained = []
    matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # Each change sits at or just below a line marked "a11y:".
        context = ours[max(0, j1 - 12) : j2]
        if not any("a11y:" in line for line in context):
            unexplained.append((tag, theirs[i1:i2], ours[j1:j2]))
    assert unexplained == [], f"{name} differs from Material's file where no a11y: change is marked"
