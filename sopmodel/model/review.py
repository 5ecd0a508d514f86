"""Review deadlines: when each SOP must be reviewed again, and where it stands today.

NorCRIN revises every SOP periodically, at least every 3 years (annual report 2024).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from sopmodel.model.meta import DocStatus, SopMeta


class ReviewStatus(enum.StrEnum):
    """Where an SOP stands against its review date."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    CURRENT = "current"
    NOT_APPLICABLE = "not_applicable"


def add_years(start: dt.date, years: int) -> dt.date:
    """Return `start` moved `years` years on; 29 February falls to 28 February.

    Example:
        >>> add_years(dt.date(2024, 2, 29), 3)
        datetime.date(2027, 2, 28)
        >>> add_years(dt.date(9998, 6, 1), 3)
        datetime.date(9999, 12, 31)
    """
    if start.year + years > dt.MAXYEAR:
        return dt.date.max  # a review due after year 9999: the calendar's last day stands in
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def compute_review_by(meta: SopMeta, default_years: int) -> dt.date:
    """Return the SOP's next review date.

    Args:
        meta: Typed front matter.
        default_years: Interval used when the SOP gives no ``review_interval_years``.

    Returns:
        ``review_by`` when given, else ``last_reviewed_on`` plus the interval.
    """
    if meta.review_by is not None:
        return meta.review_by
    return add_years(meta.last_reviewed_on, meta.review_interval_years or default_years)


def classify(status: DocStatus, review_by: dt.date, today: dt.date, due_soon_days: int) -> ReviewStatus:
    """Return the review status of an SOP with document `status` due on `review_by`.

    Overdue means the due date has passed (is before `today`); due soon means it is
    today or within `due_soon_days` days.
    """
    if status is not DocStatus.ACTIVE:
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


def review_state(
    meta: SopMeta, status: DocStatus, today: dt.date, default_years: int, due_soon_days: int
) -> ReviewState:
    """Return the review state on `today` of an SOP whose status that day is `status`."""
    review_by = compute_review_by(meta, default_years)
    return ReviewState(review_by, classify(status, review_by, today, due_soon_days), (review_by - today).days)
