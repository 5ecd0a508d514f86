"""The per-PDF report (Markdown or JSON) and the end-of-batch summary table."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

STATUSES = ("converted", "converted with warnings", "failed", "skipped")


@dataclass
class FileResult:
    """What happened to one PDF in a batch run."""

    file: str
    status: str
    output: str = ""
    extracted: dict[str, dict[str, Any]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    check: list[str] = field(default_factory=list)
    error: str = ""
    uncertain: list[str] = field(default_factory=list)


def results_to_summary(results: list[FileResult]) -> str:
    """Return the summary table printed at the end of a batch."""
    width = max(len(s) for s in STATUSES)
    lines = [f"{'result'.ljust(width)}  files"]
    for status in STATUSES:
        count = sum(r.status == status for r in results)
        lines.append(f"{status.ljust(width)}  {count:5d}")
    return "\n".join(lines) + "\n"


def plain(value: Any) -> Any:
    """Make a front-matter value JSON-friendly (dates as ISO strings)."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def results_to_json(results: list[FileResult]) -> str:
    """Return the report as JSON: one object per PDF."""
    return json.dumps([r.__dict__ for r in results], indent=2, ensure_ascii=False, default=plain) + "\n"


def results_to_markdown(results: list[FileResult]) -> str:
    """Return the report as Markdown: a section per PDF with extracted, missing and to-check lists."""
    out = ["# Conversion report", "", results_to_summary(results).replace("\n", "  \n").rstrip(), ""]
    for result in results:
        out += [f"## {result.file}", "", f"- Result: {result.status}"]
        if result.output:
            out.append(f"- Output: {result.output}")
        if result.error:
            out.append(f"- Error: {result.error}")
        if result.extracted:
            out += ["", "Extracted:", ""]
            out += [
                f"- `{key}`: {plain(item['value'])} (from {item['from']})" + (" **check**" if item.get("check") else "")
                for key, item in result.extracted.items()
            ]
        if result.missing:
            out += ["", "Missing (fill in by hand): " + ", ".join(f"`{key}`" for key in result.missing)]
        if result.check:
            out += ["", "Check:", ""] + [f"- {line}" for line in result.check]
        if result.uncertain:
            out += ["", "Uncertain (check by eye against the PDF):", ""] + [f"- {line}" for line in result.uncertain]
        out.append("")
    return "\n".join(out)
