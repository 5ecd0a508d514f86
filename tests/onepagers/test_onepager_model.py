"""The OnePager model: the real files, every rule with its exact message, owners and old ids."""

from __future__ import annotations

import dataclasses

import pytest
from onepager_support import ONEPAGER_IDS, REAL_TODAY, ROOT, TODAY, write_onepager

from sopmodel.model.collection import Sop
from sopmodel.model.document import Document
from sopmodel.model.issues import Severity
from sopmodel.model.meta import DocStatus, SopMeta
from sopmodel.model.onepagers import load_onepagers
from sopmodel.model.review import ReviewState, ReviewStatus

VALID = """\
---
id: AP2
title: Prosedyrer for alle typer intervensjonsstudier
short_name: AP2 SOP
phase: development
funding_periods: [2015-2020, 2021-2025]
goal: Sikre at alle SOP-er er oppdatert.
lead: {institution: HUS, name: Bente Vangen}
deputy: {institution: OUS, name: Martha Colban}
partners: [OUS, Ahus, SUS, HUS, St. Olav, UNN]
contact: {name: Bente Vangen, role: leder, institution: HUS}
last_reviewed_on: 2026-11-26
language: nb
---

## Hva vi gjør

Tekst.
"""


def _load(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        write_onepager(tmp_path, name, text)
    return load_onepagers(tmp_path, "onepagers", TODAY)


def test_real_onepagers_are_valid_and_complete():
    pages = load_onepagers(ROOT, "onepagers", REAL_TODAY)
    assert [str(issue) for issue in pages.issues] == []
    assert [page.id for page in pages.ordered()] == ONEPAGER_IDS
    assert [item.id for item in pages.merged()] == ["AP4", "AP5", "AP6"]
    assert {item.id: item.into.id for item in pages.merged()} == {"AP4": "AP12", "AP5": "AP8", "AP6": "AP2"}


def test_real_onepagers_follow_table_1_1_of_the_annual_report():
    pages = load_onepagers(ROOT, "onepagers", REAL_TODAY)
    operation = sorted(page.id for page in pages.onepagers if page.meta["phase"] == "operation")
    assert operation == ["AP10", "AP3", "AP7"]
    by_period = {page.id: page.periods for page in pages.onepagers if page.parent_id is None}
    assert by_period == {
        "AP1": ("2015-2020", "2021-2025"),
        "AP2": ("2015-2020", "2021-2025"),
        "AP3": ("2015-2020",),
        "AP7": ("2015-2020",),
        "AP8": ("2015-2020", "2021-2025"),
        "AP9": ("2015-2020", "2021-2025"),
        "AP10": ("2015-2020",),
        "AP11": ("2021-2025",),
        "AP12": ("2021-2025",),
        "AP13": ("2021-2025",),
        "AP14": ("2021-2025",),
    }


def test_valid_onepager_has_no_issues(tmp_path):
    pages = _load(tmp_path, {"ap2.md": VALID})
    assert pages.issues == []
    assert [page.path for page in pages.onepagers] == ["onepagers/ap2.md"]


INVALID = [
    (
        "missing-goal",
        {"ap2.md": VALID.replace("goal: Sikre at alle SOP-er er oppdatert.\n", "")},
        [
            "onepagers/ap2.md:13: 'goal': required field is missing. "
            "Fix: add 'goal' (The overall goal in one or two sentences)."
        ],
    ),
    (
        "wrong-phase-and-periods",
        {
            "ap2.md": VALID.replace("phase: development", "phase: drift").replace(
                "funding_periods: [2015-2020, 2021-2025]", "funding_periods: 2021-2025"
            )
        },
        [
            "onepagers/ap2.md:5: 'phase': expected one of development, operation, got 'drift'. "
            "Fix: use one of: development, operation.",
            "onepagers/ap2.md:6: 'funding_periods': expected a list, got '2021-2025'. "
            "Fix: write a list, e.g. funding_periods: [2021-2025].",
        ],
    ),
    (
        "period-not-in-table-1-1",
        {"ap2.md": VALID.replace("[2015-2020, 2021-2025]", '[2015-2020, "2021"]')},
        [
            "onepagers/ap2.md:6: 'funding_periods[1]': expected one of 2015-2020, 2021-2025, got '2021'. "
            "Fix: use '2021-2025'."
        ],
    ),
    (
        "lead-as-text",
        {"ap2.md": VALID.replace("lead: {institution: HUS, name: Bente Vangen}", "lead: HUS")},
        [
            "onepagers/ap2.md:8: 'lead': expected a group of fields, got 'HUS'. "
            "Fix: write e.g. lead: {institution: HUS, name: Bente Vangen}."
        ],
    ),
    (
        "misspelt-field",
        {"ap2.md": VALID.replace("deputy:", "dputy:")},
        ["onepagers/ap2.md:9: 'dputy': unknown field; did you mean 'deputy'? Fix: rename it to 'deputy'."],
    ),
    (
        "bad-date",
        {"ap2.md": VALID.replace("last_reviewed_on: 2026-11-26", "last_reviewed_on: 26.11.2026")},
        [
            "onepagers/ap2.md:12: 'last_reviewed_on': expected a date like 2024-05-31, got '26.11.2026'. "
            "Fix: write it as 2026-11-26 (year-month-day)."
        ],
    ),
    (
        "bad-id",
        {"ap2.md": VALID.replace("id: AP2", "id: AP 2")},
        [
            "onepagers/ap2.md:2: 'id': expected a work package id like AP2 or AP1-JUS, got 'AP 2'. "
            "Fix: write AP and the number, and for a working group a hyphen and a code in capitals."
        ],
    ),
    (
        "file-not-named-after-id",
        {"ap2-sop.md": VALID},
        [
            "onepagers/ap2-sop.md:2: 'id': expected the file to be named ap2.md after id AP2, got ap2-sop.md. "
            "Fix: rename the file to ap2.md, or correct the id."
        ],
    ),
    (
        "short-name-of-another-package",
        {"ap2.md": VALID.replace("short_name: AP2 SOP", "short_name: AP3 SOP")},
        [
            "onepagers/ap2.md:4: 'short_name': expected a name starting with AP2 (from id AP2), got 'AP3 SOP'. "
            "Fix: start it with AP2."
        ],
    ),
    (
        "short-name-not-as-owner-writes-it",
        {"ap2.md": VALID.replace("short_name: AP2 SOP", "short_name: 'AP2: SOP!'")},
        [
            "onepagers/ap2.md:4: 'short_name': expected the id's package and a name like AP2 SOP, got 'AP2: SOP!'. "
            "Fix: write AP, the number, a space and a name in letters, as SOPs write 'owner'."
        ],
    ),
    (
        "funding-year-in-development",
        {"ap2.md": VALID.replace("language: nb\n", "language: nb\nproject_funding_until: 2017\n")},
        [
            "onepagers/ap2.md:14: 'project_funding_until': expected only with phase 'operation', "
            "got phase 'development'. Fix: remove the line, or set 'phase: operation'."
        ],
    ),
    (
        "working-group-without-its-package",
        {"ap1-jus.md": VALID.replace("id: AP2", "id: AP1-JUS").replace("short_name: AP2 SOP", "short_name: AP1 JUS")},
        [
            "onepagers/ap1-jus.md:2: 'id': expected a working group under an existing work package, got 'AP1-JUS', "
            "but there is no OnePager for AP1. Fix: add onepagers/ap1.md for AP1, or correct the id."
        ],
    ),
    (
        "old-id-claimed-twice",
        {
            "ap2.md": VALID.replace("language: nb\n", "language: nb\nmerged_packages: [{id: AP6, title: Gammel}]\n"),
            "ap6.md": VALID.replace("id: AP2", "id: AP6").replace("short_name: AP2 SOP", "short_name: AP6 SOP"),
        },
        [
            "onepagers/ap6.md:2: 'id': expected a unique id, got 'AP6', which onepagers/ap2.md:14 also uses. "
            "Fix: give each work package, working group and merged package its own id."
        ],
    ),
    (
        "no-front-matter",
        {"ap2.md": "# AP2\n"},
        [
            "onepagers/ap2.md:1: expected front matter between '---' lines at the top of the file, found none. "
            "Fix: start the file with a line '---', the fields (id, title, ...), and a closing '---'."
        ],
    ),
]


@pytest.mark.parametrize(("files", "expected"), [case[1:] for case in INVALID], ids=[case[0] for case in INVALID])
def test_invalid_front_matter_gives_exact_messages(tmp_path, files, expected):
    pages = _load(tmp_path, files)
    assert [str(issue) for issue in pages.issues] == expected
    assert all(issue.is_error for issue in pages.issues)
    assert {page.path for page in pages.onepagers}.isdisjoint({issue.path for issue in pages.issues})


def test_review_date_in_the_future_is_only_a_warning(tmp_path):
    pages = _load(tmp_path, {"ap2.md": VALID.replace("2026-11-26", "2026-12-24")})
    assert [(str(issue), issue.severity) for issue in pages.issues] == [
        (
            "onepagers/ap2.md:12: 'last_reviewed_on': expected a date on or before today (2026-11-26), "
            "got 2026-12-24. Fix: write the date the content was actually checked.",
            Severity.WARNING,
        )
    ]
    assert [page.id for page in pages.onepagers] == ["AP2"]


def _sop(sop_id: str, owner: str, status: str = "active", language: str = "nb") -> Sop:
    meta = {"id": sop_id, "title": f"Tittel {sop_id}", "owner": owner, "status": status, "language": language}
    meta |= {"version": "1.0", "effective_date": TODAY, "last_reviewed_on": TODAY}
    state = ReviewState(TODAY, ReviewStatus.CURRENT, 0)
    document = Document(f"sops/{sop_id.lower()}.md", meta, {}, "")
    return Sop(document, SopMeta.from_validated(meta), DocStatus(status), state)


def test_sops_belong_to_the_package_named_first_in_owner():
    pages = load_onepagers(ROOT, "onepagers", REAL_TODAY)
    sops = [
        _sop("CT-SOP-02", "AP2 SOP"),
        _sop("CT-SOP-01", "ap2 sop"),
        _sop("MU-SOP-09", "AP6 SOP for ikke-legemiddelstudier"),  # merged into AP2
        _sop("DM-SOP-01", "AP8 DATA"),
        _sop("X-SOP-01", "Sekretariatet"),
        _sop("X-SOP-02", ""),
    ]
    ap2, ap8, ap9 = (pages.by_id(page_id) for page_id in ("AP2", "AP8", "AP9"))
    assert [sop.id for sop in pages.owned_sops(ap2, sops)] == ["CT-SOP-01", "CT-SOP-02", "MU-SOP-09"]
    assert [sop.id for sop in pages.owned_sops(ap8, sops)] == ["DM-SOP-01"]
    assert pages.owned_sops(ap9, sops) == []


def test_old_ids_lead_to_the_package_they_were_merged_into():
    pages = load_onepagers(ROOT, "onepagers", REAL_TODAY)
    assert {old: pages.by_id(old).id for old in ("AP4", "ap5", "AP6", "AP2")} == {
        "AP4": "AP12",
        "ap5": "AP8",
        "AP6": "AP2",
        "AP2": "AP2",
    }
    assert pages.by_id("AP15") is None


def test_merged_package_keeps_its_month(tmp_path):
    text = VALID.replace(
        "language: nb\n", "language: nb\nmerged_packages: [{id: AP6, title: Gammel, when: våren 2019}]\n"
    )
    (merged,) = _load(tmp_path, {"ap2.md": text}).merged()
    assert dataclasses.astuple(merged)[:3] == ("AP6", "Gammel", "våren 2019")
