"""Review deadlines: when each SOP must be reviewed again, and where it stands today.

NorCRIN revises every SOP periodically, at least every 3 years (annual report 2024).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any


class ReviewStatus(str, enum.Enum):
    """Where an SOP stands against its review date."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    CURRENT = "current"
    NOT_APPLICABLE = "not_applicable"


INACTIVE_STATUSES = frozenset({"draft", "withdrawn", "superseded"})
"""Document statuses whose review dates do not apply."""


def add_years(start: dt.date, years: int) -> dt.date:
    """Return `start` moved `years` years on; 29 February falls to 28 February.

    Example:
        >>> add_years(dt.date(2024, 2, 29), 3)
        datetime.date(2027, 2, 28)
    """
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def compute_review_by(meta: dict[str, Any], default_years: int) -> dt.date | None:
    """Return the SOP's next review date.

    Args:
        meta: Validated front matter.
        default_years: Interval used when the SOP gives no ``review_interval_years``.

    Returns:
        ``review_by`` when given, else ``last_reviewed_on`` plus the interval, or
        None when the front matter has no usable date.
    """
    explicit = meta.get("review_by")
    if isinstance(explicit, dt.date):
        return explicit
    reviewed = meta.get("last_reviewed_on")
    if not isinstance(reviewed, dt.date):
        return None
    years = meta.get("review_interval_years") or default_years
    return add_years(reviewed, int(years))


def classify(status: str, review_by: dt.date, today: dt.date, due_soon_days: int) -> ReviewStatus:
    """Return the review status of an SOP with document `status` due on `review_by`.

    Overdue means the due date has passed (is before `today`); due soon means it is
    today or within `due_soon_days` days.
    """
    if status in INACTIVE_STATUSES:
        return ReviewStatus.NOT_APPLICABLE
    days = (review_by - today).days
    if days < 0:
        return ReviewStatus.OVERDUE
    if days <= due_soon_days:
        return ReviewStatus.DUE_SOON
    return ReviewStatus.CURRENT


@dataclasses.dataclass(frozen=True)
class ReviewState:
    """An SOP's review deadline as of one day."""

    review_by: dt.date
    status: ReviewStatus
    days_left: int

    @property
    def is_overdue(self) -> bool:
        """Whether the review date has passed."""
        return self.status is ReviewStatus.OVERDUE

    @property
    def is_due_soon(self) -> bool:
        """Whether the review date is within the warning window."""
        return self.status is ReviewStatus.DUE_SOON


def review_state(meta: dict[str, Any], today: dt.date, default_years: int, due_soon_days: int) -> ReviewState | None:
    """Return the review state of a validated SOP, or None without a usable date."""
    review_by = compute_review_by(meta, default_years)
    if review_by is None:
        return None
    status = classify(str(meta.get("status")), review_by, today, due_soon_days)
    return ReviewState(review_by, status, (review_by - today).days)
