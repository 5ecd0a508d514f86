"""Invalid front matter and the exact messages editors get for it."""

import datetime as dt

import pytest

from sopmodel.model.document import text_to_document
from sopmodel.model.validate import check_collection, validate_document

PATH = "sops/ct-sop-07.md"
TODAY = dt.date(2026, 11, 26)
VALID = """id: CT-SOP-07
title: Sikkerhetsrapportering
language: nb
version: "3.1"
status: active
owner: AP2 SOP
effective_date: 2024-06-01
last_reviewed_on: 2024-05-31
"""


def check(front_matter: str) -> list[str]:
    document, issues = text_to_document(f"---\n{front_matter}---\n\n## Formål\n", PATH)
    if not issues:
        issues = validate_document(document, TODAY)
    return [str(issue) for issue in issues]


def test_valid_front_matter_has_no_issues():
    assert check(VALID) == []


def test_all_optional_fields_valid():
    assert (
        check(
            VALID
            + """approved_by: Styringsgruppen
review_interval_years: 2
review_by: 2026-12-31
category: CT
tags: [sae, susar]
attachments:
  - title: Mal
    file: vedlegg/mal.docx
changelog:
  - version: "3.1"
    date: 2024-05-31
    summary: Periodisk revisjon.
translation_of: CT-SOP-06
translated_from_version: "2.0"
source:
  file: ct-sop-07.pdf
  sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
  pages: 4
  converter: norcrin-converters 0.1.0
"""
        )
        == []
    )


CASES = [
    (
        "version-as-number",
        VALID.replace('version: "3.1"', "version: 3.1"),
        [
            "sops/ct-sop-07.md:5: 'version': expected a text, got the number 3.1. "
            'Fix: put the value in quotes, e.g. version: "3.1".'
        ],
    ),
    (
        "date-in-norwegian-form",
        VALID.replace("last_reviewed_on: 2024-05-31", "last_reviewed_on: 31.05.2024"),
        [
            "sops/ct-sop-07.md:9: 'last_reviewed_on': expected a date like 2024-05-31, got '31.05.2024'. "
            "Fix: write it as 2024-05-31 (year-month-day)."
        ],
    ),
    (
        "impossible-date",
        VALID.replace("effective_date: 2024-06-01", "effective_date: 2024-02-30"),
        [
            "sops/ct-sop-07.md:8: 'effective_date': expected a real date, got 2024-02-30, which is not in the "
            "calendar (February 2024 has 29 days). Fix: correct the day or the month."
        ],
    ),
    (
        "date-with-time",
        VALID.replace("effective_date: 2024-06-01", "effective_date: 2024-06-01 10:00:00"),
        [
            "sops/ct-sop-07.md:8: 'effective_date': expected a date like 2024-05-31, got a date and time "
            "(2024-06-01 10:00:00). Fix: remove the time of day."
        ],
    ),
    (
        "misspelt-field",
        VALID.replace("last_reviewed_on", "last_reviewd_on"),
        [
            "sops/ct-sop-07.md:9: 'last_reviewd_on': unknown field; did you mean 'last_reviewed_on'? "
            "Fix: rename it to 'last_reviewed_on'.",
            "sops/ct-sop-07.md:10: 'last_reviewed_on': required field is missing. "
            "Fix: add a line 'last_reviewed_on: 2024-05-31' (Date of the latest periodic review or approval).",
        ],
    ),
    (
        "unknown-field-without-match",
        VALID + "colour: red\n",
        [
            "sops/ct-sop-07.md:10: 'colour': unknown field. Fix: remove it, or use one of: id, title, language, "
            "version, status, owner, effective_date, last_reviewed_on, approved_by, review_interval_years, "
            "review_by, category, phase, tags, attachments, changelog, translation_of, translated_from_version, "
            "superseded_by, withdrawn_on, aliases, source."
        ],
    ),
    (
        "language-no-is-false",
        VALID.replace("language: nb", "language: no"),
        [
            "sops/ct-sop-07.md:4: 'language': expected one of nb, nn, en, got false (YAML reads yes, no, on and "
            "off as true or false; put the value in quotes). Fix: use one of: nb, nn, en."
        ],
    ),
    (
        "status-in-norwegian",
        VALID.replace("status: active", "status: aktiv"),
        [
            "sops/ct-sop-07.md:6: 'status': expected one of draft, active, withdrawn, superseded, got 'aktiv'. "
            "Fix: use 'active'."
        ],
    ),
    (
        "missing-owner",
        VALID.replace("owner: AP2 SOP\n", ""),
        [
            "sops/ct-sop-07.md:9: 'owner': required field is missing. Fix: add a line 'owner: AP2 SOP' "
            "(The work package or unit responsible for the SOP, e.g. AP2 SOP)."
        ],
    ),
    (
        "id-with-spaces",
        VALID.replace("id: CT-SOP-07", "id: CT SOP 07"),
        [
            "sops/ct-sop-07.md:2: 'id': expected an SOP id like CT-SOP-07, got 'CT SOP 07'. "
            "Fix: use letters, digits, dots and hyphens without spaces, e.g. CT-SOP-07."
        ],
    ),
    (
        "empty-title",
        VALID.replace("title: Sikkerhetsrapportering", 'title: ""'),
        ["sops/ct-sop-07.md:3: 'title': expected a value, got an empty one. Fix: fill it in or remove the line."],
    ),
    (
        "tags-not-a-list",
        VALID + "tags: sae\n",
        ["sops/ct-sop-07.md:10: 'tags': expected a list, got 'sae'. Fix: write a list, e.g. tags: [sae]."],
    ),
    (
        "interval-out-of-range",
        VALID + "review_interval_years: 0\n",
        [
            "sops/ct-sop-07.md:10: 'review_interval_years': expected a number from 1 to 10, got 0. "
            "Fix: use a number in that range."
        ],
    ),
    (
        "changelog-entry",
        VALID + "changelog:\n  - version: 3.1\n    date: 2024-13-01\n    summery: Ny frist.\n",
        [
            "sops/ct-sop-07.md:11: 'changelog[0].summary': required field is missing. Fix: add 'summary'.",
            "sops/ct-sop-07.md:11: 'changelog[0].version': expected a text, got the number 3.1. "
            'Fix: put the value in quotes, e.g. version: "3.1".',
            "sops/ct-sop-07.md:12: 'changelog[0].date': expected a real date, got 2024-13-01: there is no month 13. "
            "Fix: write YYYY-MM-DD.",
            "sops/ct-sop-07.md:13: 'changelog[0].summery': unknown field; did you mean 'summary'? "
            "Fix: rename it to 'summary'.",
        ],
    ),
    (
        "attachment-without-file",
        VALID + "attachments:\n  - title: Mal\n",
        ["sops/ct-sop-07.md:11: 'attachments[0].file': required field is missing. Fix: add 'file'."],
    ),
    (
        "superseded-without-successor",
        VALID.replace("status: active", "status: superseded\nwithdrawn_on: 2025-01-31"),
        [
            "sops/ct-sop-07.md:6: 'superseded_by': required when status is 'superseded'. "
            "Fix: add 'superseded_by: <id of the SOP that replaces it>'."
        ],
    ),
    (
        "withdrawn-before-it-took-effect",
        VALID + "withdrawn_on: 2024-01-01\n",
        [
            "sops/ct-sop-07.md:10: 'withdrawn_on': expected a day on or after effective_date (2024-06-01), "
            "got 2024-01-01. Fix: correct one of the two dates."
        ],
    ),
    (
        "title-of-spaces",
        VALID.replace("title: Sikkerhetsrapportering", 'title: "   "'),
        ["sops/ct-sop-07.md:3: 'title': expected a title, got only spaces. Fix: write the title."],
    ),
    (
        "changelog-version-above-the-version",
        VALID + 'changelog:\n  - version: "3.10"\n    date: 2024-05-31\n    summary: "Ny."\n',
        [
            "sops/ct-sop-07.md:11: 'changelog[0].version': expected a version up to the SOP's version (3.1), "
            "got 3.10. Fix: correct the item's version, or the SOP's version if this change is the current one."
        ],
    ),
    (
        "withdrawn-without-its-day",
        VALID.replace("status: active", "status: withdrawn"),
        [
            "sops/ct-sop-07.md:6: 'withdrawn_on': expected the day a withdrawn SOP stopped applying, got none: "
            "its history shows its last version as never in force. "
            "Fix: add 'withdrawn_on: YYYY-MM-DD', the first day it no longer applied."
        ],
    ),
    (
        "successor-on-active-sop",
        VALID + "superseded_by: CT-SOP-09\n",
        [
            "sops/ct-sop-07.md:10: 'status': expected 'superseded' because superseded_by is set, got 'active'. "
            "Fix: set 'status: superseded' or remove superseded_by."
        ],
    ),
    (
        "reviewed-in-the-future",
        VALID.replace("last_reviewed_on: 2024-05-31", "last_reviewed_on: 2027-01-01"),
        [
            "sops/ct-sop-07.md:9: 'last_reviewed_on': expected a date on or before today (2026-11-26), "
            "got 2027-01-01. Fix: write the date the review was actually done."
        ],
    ),
    (
        "review-by-before-review",
        VALID + "review_by: 2024-01-01\n",
        [
            "sops/ct-sop-07.md:10: 'review_by': expected a date after last_reviewed_on (2024-05-31), got "
            "2024-01-01. Fix: set the next review date after the last review, or remove review_by to use the "
            "default interval."
        ],
    ),
    (
        "field-twice",
        VALID + "title: Igjen\n",
        [
            "sops/ct-sop-07.md:10: 'title': field is given twice; only the last one would count. "
            "Fix: remove one of the two lines."
        ],
    ),
    (
        "yaml-syntax-error",
        VALID + "tags: [sae, susar\n",
        [
            "sops/ct-sop-07.md:11: YAML syntax error: expected ',' or ']', but got '<stream end>'. Fix: check the "
            "indentation and put quotes around values that contain ': ' or start with a special character such as "
            "'[', '{', '*', '&' or '#'."
        ],
    ),
    (
        "several-problems-at-once",
        VALID.replace('version: "3.1"', "version: 3.1").replace("language: nb", "language: de"),
        [
            "sops/ct-sop-07.md:4: 'language': expected one of nb, nn, en, got 'de'. Fix: use one of: nb, nn, en.",
            "sops/ct-sop-07.md:5: 'version': expected a text, got the number 3.1. "
            'Fix: put the value in quotes, e.g. version: "3.1".',
        ],
    ),
]


@pytest.mark.parametrize(("front_matter", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_invalid_front_matter_messages(front_matter, expected):
    assert check(front_matter) == expected


def test_file_without_front_matter():
    _, issues = text_to_document("# Tittel\n\nTekst\n", PATH)
    assert [str(issue) for issue in issues] == [
        "sops/ct-sop-07.md:1: expected front matter between '---' lines at the top of the file, found none. "
        "Fix: start the file with a line '---', the fields (id, title, ...), and a closing '---'."
    ]


def test_unclosed_front_matter():
    _, issues = text_to_document("---\nid: X\n", PATH)
    assert [str(issue) for issue in issues] == [
        "sops/ct-sop-07.md:1: expected a closing '---' after the front matter, found the end of the file. "
        "Fix: add a line '---' after the last field."
    ]


def _doc(path: str, extra: str = "", sop_id: str = "CT-SOP-07"):
    document, issues = text_to_document(f"---\n{VALID.replace('CT-SOP-07', sop_id)}{extra}---\n", path)
    assert issues == []
    return document


def test_duplicate_ids_name_both_files():
    issues = check_collection([_doc("sops/a.md"), _doc("sops/b.md", sop_id="ct-sop-07")])
    assert [str(issue) for issue in issues] == [
        "sops/b.md:2: 'id': expected a unique id, got 'ct-sop-07', which sops/a.md:2 also uses. "
        "Fix: give one of the two SOPs another id ('sop new' picks the next free one)."
    ]


def test_unknown_references_suggest_the_closest_id():
    issues = check_collection(
        [
            _doc("sops/a.md"),
            _doc("sops/b.md", "translation_of: CT-SOP-7\n", sop_id="CT-SOP-07-EN"),
            _doc("sops/c.md", "translation_of: CT-SOP-08\n", sop_id="CT-SOP-08"),
        ]
    )
    assert [str(issue) for issue in issues] == [
        "sops/b.md:10: 'translation_of': expected the id of an existing SOP, got 'CT-SOP-7', which no SOP has. "
        "Fix: use 'CT-SOP-07', the closest existing id.",
        "sops/c.md:10: 'translation_of': expected the id of another SOP, got this SOP's own id 'CT-SOP-08'. "
        "Fix: name the other SOP's id.",
    ]
