import datetime as dt

import pytest

from sopmodel.model.settings import ReviewSettings, SettingsError, settings_from_dict


def test_defaults():
    settings = settings_from_dict(None)
    assert settings == ReviewSettings()
    assert settings.review_interval_years == 3
    assert settings.due_soon_days == 90
    assert settings.overdue_fails_strict is False


def test_today_env_overrides_config():
    settings = settings_from_dict({"today": "2025-01-01"})
    assert settings.resolve_today({}) == dt.date(2025, 1, 1)
    assert settings.resolve_today({"SOP_TODAY": "2026-11-26"}) == dt.date(2026, 11, 26)


def test_bad_today_env_is_a_clear_error():
    with pytest.raises(SettingsError) as error:
        ReviewSettings().resolve_today({"SOP_TODAY": "26.11.2026"})
    assert str(error.value) == (
        "SOP_TODAY='26.11.2026': expected a date like 2026-11-26. Fix: set SOP_TODAY=YYYY-MM-DD or unset it."
    )


def test_every_bad_setting_is_reported():
    with pytest.raises(SettingsError) as error:
        settings_from_dict({"due_soon_days": -1, "review_years": 3, "overdue_fails_strict": "yes"})
    assert str(error.value) == (
        "extra.sop_review in mkdocs.yml: unknown setting 'review_years' (known: category_titles, dashboard_path, "
        "default_team, due_soon_days, export_file, feedback_email, history, nav_max_sops, onepager_pdfs, "
        "onepagers_dir, overdue_fails_strict, owner_teams, review_interval_years, sop_pdfs, sops_dir, today); "
        "'due_soon_days': expected a whole number from 0 to 3650, got -1; "
        "'overdue_fails_strict': expected true or false, got 'yes'."
    )
