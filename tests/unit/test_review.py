import datetime as dt

import pytest

from sopmodel.model.meta import DocStatus, SopMeta
from sopmodel.model.review import ReviewStatus, add_years, classify, compute_review_by, review_state

D = dt.date


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (D(2024, 5, 31), 3, D(2027, 5, 31)),
        (D(2024, 2, 29), 3, D(2027, 2, 28)),
        (D(2024, 2, 29), 4, D(2028, 2, 29)),
        (D(2023, 2, 28), 1, D(2024, 2, 28)),
        (D(2023, 12, 31), 3, D(2026, 12, 31)),
    ],
    ids=["plain", "feb29-to-feb28", "feb29-to-leap-year", "feb28-stays", "year-end"],
)
def test_add_years(start, years, expected):
    assert add_years(start, years) == expected


def _meta(**fields) -> SopMeta:
    base = {
        "id": "CT-SOP-01",
        "title": "T",
        "language": "nb",
        "version": "1.0",
        "status": "active",
        "owner": "AP2 SOP",
        "effective_date": D(2024, 1, 1),
        "last_reviewed_on": D(2024, 1, 1),
    }
    return SopMeta.from_validated({**base, **fields})


def test_review_by_handles_feb_29():
    assert compute_review_by(_meta(last_reviewed_on=D(2024, 2, 29)), 3) == D(2027, 2, 28)


def test_review_by_uses_the_sops_own_interval():
    meta = _meta(last_reviewed_on=D(2024, 5, 31), review_interval_years=2)
    assert compute_review_by(meta, 3) == D(2026, 5, 31)


def test_review_by_explicit_date_overrides_interval():
    meta = _meta(last_reviewed_on=D(2024, 5, 31), review_interval_years=2, review_by=D(2025, 1, 1))
    assert compute_review_by(meta, 3) == D(2025, 1, 1)


def test_quoted_dates_count_like_bare_ones():
    meta = _meta(last_reviewed_on="2022-09-14", review_by="2025-01-01", withdrawn_on="2026-01-01")
    assert (meta.last_reviewed_on, meta.review_by, meta.withdrawn_on) == (D(2022, 9, 14), D(2025, 1, 1), D(2026, 1, 1))
    assert meta.effective_status(D(2026, 1, 1)) is DocStatus.WITHDRAWN
    assert meta.effective_status(D(2025, 12, 31)) is DocStatus.ACTIVE
    assert meta.status is DocStatus.ACTIVE  # the front matter itself is never changed


TODAY = D(2026, 11, 26)


@pytest.mark.parametrize(
    ("review_by", "expected"),
    [
        (D(2026, 11, 25), ReviewStatus.OVERDUE),  # yesterday
        (D(2026, 11, 26), ReviewStatus.DUE_SOON),  # today: not yet passed
        (D(2027, 2, 24), ReviewStatus.DUE_SOON),  # day 90
        (D(2027, 2, 25), ReviewStatus.CURRENT),  # day 91
        (D(2030, 1, 1), ReviewStatus.CURRENT),
    ],
    ids=["yesterday", "today", "day-90", "day-91", "far"],
)
def test_classify_boundaries(review_by, expected):
    assert classify(DocStatus.ACTIVE, review_by, TODAY, 90) is expected


@pytest.mark.parametrize("status", ["draft", "withdrawn", "superseded"])
def test_classify_inactive_is_not_applicable(status):
    assert classify(DocStatus(status), D(2000, 1, 1), TODAY, 90) is ReviewStatus.NOT_APPLICABLE


def test_classify_due_soon_window_is_configurable():
    assert classify(DocStatus.ACTIVE, D(2026, 12, 26), TODAY, 30) is ReviewStatus.DUE_SOON
    assert classify(DocStatus.ACTIVE, D(2026, 12, 27), TODAY, 30) is ReviewStatus.CURRENT
    assert classify(DocStatus.ACTIVE, TODAY, TODAY, 0) is ReviewStatus.DUE_SOON


def test_review_state_days_left():
    state = review_state(_meta(last_reviewed_on=D(2023, 11, 1)), DocStatus.ACTIVE, TODAY, 3, 90)
    assert state.review_by == D(2026, 11, 1)
    assert state.days_left == -25
    assert state.is_overdue and not state.is_due_soon
