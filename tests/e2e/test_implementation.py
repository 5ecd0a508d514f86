"""Local implementation at the six hospitals: files, checks, the matrix page, SOP pages, sop review (issue 14)."""

from __future__ import annotations

import json
import re
import shutil

import icalendar
from build_support import FIXTURE_SOPS, make_project, run_build
from test_robust_editing import sop

CHANGELOG = (
    "phase: conduct\nchangelog:\n"
    '  - version: "3.1"\n    date: 2024-01-31\n    summary: "Nye frister."\n'
    '  - version: "3.0"\n    date: 2023-01-15\n    summary: "Ny versjon."\n'
)
OUS = """\
implementations:
  - sop: CT-SOP-02
    version: "3.0"
    implemented_on: 2023-03-01
  - sop: CT-SOP-01
    version: "2.0"
    implemented_on: "2023-05-01"
    local_document: https://kvalitet.example.no/dok/17
"""
HUS = """\
implementations:
  - sop: CT-SOP-99
    version: "1.0"
    implemented_on: 2024-01-01
  - sop: CT-SOP-02
    version: "3.1"
    implemented_on: 2023-06-01
  - sop: CT-SOP-01
    version: "2.0"
    implemented_on: 2024-01-01
    local_document: javascript:alert(1)
"""


def _project(tmp_path, files: dict[str, str]):
    sops = tmp_path / "sops"
    shutil.copytree(FIXTURE_SOPS, sops)
    path = sops / "ct-sop-02.md"
    path.write_text(path.read_text(encoding="utf-8").replace("phase: conduct\n", CHANGELOG), encoding="utf-8")
    project = make_project(tmp_path / "p", sops=sops)
    (project / "implementering").mkdir()
    for name, text in files.items():
        (project / "implementering" / name).write_text(text, encoding="utf-8")
    return project


def test_matrix_page_and_sop_pages_show_versions_in_words(tmp_path):
    build = run_build(_project(tmp_path, {"ous.yml": OUS}), "--strict")
    assert build.returncode == 0, build.stderr
    html = build.html("implementering")
    rows = re.findall(r'<tr><th scope="row">.*?<span class="sop-id">([A-Z0-9-]+)</span>.*?</tr>', html, re.S)
    assert rows == ["CT-SOP-01", "CT-SOP-02", "GEN-SOP-01", "GEN-SOP-01-EN", "MU-SOP-01", "XSS-SOP-01"]
    ct02 = re.search(r"<tr><th scope=\"row\"><a [^>]*><span class=\"sop-id\">CT-SOP-02</span>.*?</tr>", html, re.S)[0]
    assert re.findall(r'<td class="sop-implementation--(\w+)">(.*?)</td>', ct02) == [
        ("behind", '3.0 (eldre versjon)<br><time datetime="2023-03-01">2023-03-01</time>'),
        *[("missing", "Ikke registrert")] * 5,
    ]
    page = build.html("sop/ct-sop-01")
    section = page[
        page.index('<section class="sop-implemented"') : page.index("</section>", page.index("sop-implemented"))
    ]
    assert (
        '<li>Oslo universitetssykehus (OUS): versjon 2.0, <time datetime="2023-05-01">2023-05-01</time> – '
        '<a href="https://kvalitet.example.no/dok/17">lokalt dokument</a></li>'
    ) in section
    assert "<li>St. Olavs hospital: ikke registrert</li>" in section


def test_hospital_files_are_checked_with_lines(tmp_path):
    project = _project(tmp_path, {"ous.yml": OUS, "hus.yml": HUS, "bergen.yml": "implementations: []\n"})
    lines = sop("check", cwd=project).stdout.splitlines()
    assert lines == [
        "implementering/bergen.yml: expected a file named after a hospital, got 'bergen.yml'. Fix: name it one of: "
        "ous.yml, hus.yml, stolav.yml, unn.yml, sus.yml, ahus.yml.",
        "implementering/hus.yml:2: 'implementations[0].sop': expected the id of an SOP, got 'CT-SOP-99'. Fix: use "
        "the id as on the SOP's page, e.g. CT-SOP-07.",
        "implementering/hus.yml:6: 'implementations[1].version': expected a version of CT-SOP-02 that existed on "
        "2023-06-01, got '3.1'. Fix: use the version in force that day (see the SOP's changelog); now 3.1.",
        "implementering/hus.yml:11: 'implementations[2].local_document': expected a web address, got "
        "'javascript:alert(1)'. Fix: write the https:// address of the local document.",
        "4 problems in 2 files (7 SOP files checked).",
    ]


def test_hospital_file_items_name_future_days_unknown_fields_numbers_and_repeats(tmp_path):
    stolav = (
        "implementations:\n"
        '  - sop: CT-SOP-02\n    version: "3.0"\n    implemented_on: 2099-04-01\n'
        "  - sop: CT-SOP-01\n    version: 2.0\n    implemented_on: 2024-01-01\n"
        '  - sop: CT-SOP-02\n    version: "3.1"\n    implemented_on: 2024-03-01\n    implemented_by: Kari\n'
        '  - sop: GEN-SOP-01\n    version: "5.0"\n    implemented_on: 2025-10-01\n'
        '  - sop: gen-sop-01\n    version: "5.0"\n    implemented_on: 2025-11-01\n'
    )
    lines = sop("check", cwd=_project(tmp_path, {"stolav.yml": stolav})).stdout.splitlines()
    assert lines == [
        "implementering/stolav.yml:4: 'implementations[0].implemented_on': expected the date it was put in force, "
        "on or before today (2026-11-26), got 2099-04-01, a day still to come. Fix: add the item once the "
        "version is in force.",
        "implementering/stolav.yml:6: 'implementations[1].version': expected a version of CT-SOP-01 that existed "
        'on 2024-01-01, got 2.0. Fix: put the version in quotes, e.g. version: "2.0".',
        "implementering/stolav.yml:11: 'implementations[2].implemented_by': unknown field. Fix: remove it, or use "
        "one of: sop, version, implemented_on, local_document.",
        "implementering/stolav.yml:15: 'implementations[4].sop': expected each SOP once, got GEN-SOP-01 again "
        "(first in item 4). Fix: keep one item per SOP, with the version in force now.",
        "4 problems in 1 file (7 SOP files checked).",
    ]


def test_sop_review_lists_the_gaps_per_hospital_in_every_format(tmp_path):
    project = _project(tmp_path, {"ous.yml": OUS})
    data = json.loads(sop("review", "--implementation", "--format", "json", cwd=project).stdout)
    ous = [gap for gap in data["gaps"] if gap["hospital"] == "ous"]
    assert [(gap["id"], gap["state"], gap["implemented_version"]) for gap in ous] == [
        ("CT-SOP-02", "behind", "3.0"),
        ("GEN-SOP-01", "missing", None),
        ("GEN-SOP-01-EN", "missing", None),
        ("MU-SOP-01", "missing", None),
        ("XSS-SOP-01", "missing", None),
    ]
    assert len(data["gaps"]) == 5 + 5 * 6
    markdown = sop("review", "--implementation", "--format", "markdown", cwd=project).stdout
    assert markdown.splitlines()[0] == "Implementering per 26. november 2026: 35 mangler ved 6 sykehus."
    assert "| CT-SOP-02 | Sikkerhetsrapportering | har 3.0, gjeldende er 3.1 |" in markdown
    table = sop("review", "--implementation", cwd=project).stdout
    assert "  CT-SOP-02  has 3.0, current is 3.1  Sikkerhetsrapportering" in table
    csv_text = sop("review", "--implementation", "--format", "csv", cwd=project).stdout
    assert csv_text.splitlines()[0] == (
        "hospital,id,title,current_version,effective_date,implemented_version,implemented_on,state"
    )
    calendar = icalendar.Calendar.from_ical(sop("review", "--implementation", "--format", "ics", cwd=project).stdout)
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert len(summaries) == 35 and "Implementer CT-SOP-02 3.1 ved OUS" in summaries


def test_a_bad_date_does_not_hide_the_items_other_problems(tmp_path):
    # A bad date used to hide a wrong version, and a missing date read "got nothing".
    text = (
        "implementations:\n"
        '  - sop: CT-SOP-02\n    version: "9.0"\n    implemented_on: 2025-02-30\n'
        '  - sop: CT-SOP-02\n    version: "3.0"\n    implemented_on: "14.09.2025"\n'
        "  - sop: GEN-SOP-01\n"
    )
    project = _project(tmp_path, {"ous.yml": text})
    assert sop("check", cwd=project).stdout.splitlines() == [
        "implementering/ous.yml:3: 'implementations[0].version': expected a version of CT-SOP-02 from its "
        "changelog, got '9.0'. Fix: use the version in force that day (see the SOP's changelog); now 3.1.",
        "implementering/ous.yml:4: 'implementations[0].implemented_on': expected a real date, got 2025-02-30, "
        "which is not in the calendar (February 2025 has 28 days). Fix: correct the day or the month.",
        "implementering/ous.yml:7: 'implementations[1].implemented_on': expected a date like 2024-05-31, got "
        "'14.09.2025'. Fix: write it as 2025-09-14 (year-month-day).",
        "implementering/ous.yml:8: 'implementations[2].implemented_on': required field is missing. "
        "Fix: add 'implemented_on: YYYY-MM-DD', the day it took effect.",
        "implementering/ous.yml:8: 'implementations[2].version': expected a version of GEN-SOP-01 from its "
        "changelog, got nothing. Fix: use the version in force that day (see the SOP's changelog); now 5.0.",
        "5 problems in 1 file (7 SOP files checked).",
    ]
