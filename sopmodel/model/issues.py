"""Problems found in content, reported as `path:line: 'field': message. Fix: hint`."""

from __future__ import annotations

import dataclasses
import enum


class Severity(enum.Enum):
    """How bad a problem is: an error stops the build, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclasses.dataclass(frozen=True, order=True)
class Issue:
    """One problem in one file, with where it is and how to fix it.

    Attributes:
        path: Path of the file relative to the project, with forward slashes.
        line: 1-based line in the file (0 when the problem concerns the whole file).
        key: The front-matter field concerned, or "" for the whole file.
        message: What was expected and what was found.
        hint: How to fix it.
        severity: Whether the problem stops the build.
    """

    path: str
    line: int
    key: str
    message: str
    hint: str = ""
    severity: Severity = dataclasses.field(default=Severity.ERROR, compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" '{self.key}':" if self.key else ""
        fix = f" Fix: {self.hint}" if self.hint else ""
        return f"{where}:{field} {self.message}{fix}"

    @property
    def is_error(self) -> bool:
        """Whether this problem stops the build."""
        return self.severity is Severity.ERROR


def sort_issues(issues: list[Issue]) -> list[Issue]:
    """Return issues sorted by path, line and field, without duplicates."""
    return sorted(set(issues))
