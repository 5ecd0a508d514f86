"""`sop review` in every format, and the iCalendar file parsed back with `icalendar`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import icalendar
from sop_repo import SOPS, make_repo, sop

from sopmodel.model.reminders import HOW_TO_REVIEW_NB

MU_TITLE = "Klinisk utprøving av medisinsk utstyr; MDR, IVDR og ISO 14155 – søknad og gjennomføring"


def test_review_table_groups_by_owner_soonest_first(tmp_path):
    result = sop(make_repo(tmp_path), "review")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "SOP reviews on 2026-11-26 (SOPs due within 90 days or overdue): 3 SOPs, 1 overdue.\n"
        "\n"
        "AP2 SOP (2)\n"
        "  ID         REVIEW BY   STATUS               TITLE\n"
        "  CT-SOP-01  2026-06-01  overdue by 178 days  Planlegging: gjennomførbarhet og budsjett\n"
        "  CT-SOP-02  2027-01-10  due in 45 days       Protocol\n"
        "\n"
        "AP3 MON (1)\n"
        "  ID         REVIEW BY   STATUS          TITLE\n"
        f"  MU-SOP-01  2026-12-20  due in 24 days  {MU_TITLE}\n"
    )


def test_review_filters_by_owner_and_days(tmp_path):
    project = make_repo(tmp_path)
    result = sop(project, "review", "--owner", "ap3 mon", "--within", "0")
    assert result.stdout == "SOP reviews on 2026-11-26 (SOPs due within 0 days or overdue): 0 SOPs, 0 overdue.\n"
    result = sop(project, "review", "--all", "--format", "csv", raw=True)
    assert result.stdout.decode("utf-8").split("\r\n") == [
        "owner,id,title,review_by,days_left,review_status,last_reviewed_on,version,path",
        "AP2 SOP,CT-SOP-01,Planlegging: gjennomførbarhet og budsjett,2026-06-01,-178,overdue,2023-06-01,2.1,"
        "sops/ct-sop-01.md",
        "AP2 SOP,CT-SOP-02,Protocol,2027-01-10,45,due_soon,2024-01-10,3.2,sops/ct-sop-02.md",
        "AP2 SOP,GEN-SOP-01,Definisjoner,2028-05-01,522,current,2025-05-01,4.0,sops/gen-sop-01.md",
        f'AP3 MON,MU-SOP-01,"{MU_TITLE}",2026-12-20,24,due_soon,2023-12-20,2.3,sops/mu-sop-01.md',
        "",
    ]
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"), newline="")))
    assert [row["id"] for row in rows] == ["CT-SOP-01", "CT-SOP-02", "GEN-SOP-01", "MU-SOP-01"]


def test_review_json(tmp_path):
    data = json.loads(sop(make_repo(tmp_path), "review", "--format", "json", "--owner", "AP3 MON").stdout)
    assert data == {
        "today": "2026-11-26",
        "within_days": 90,
        "owners": [
            {
                "owner": "AP3 MON",
                "sops": [
                    {
                        "id": "MU-SOP-01",
                        "title": MU_TITLE,
                        "owner": "AP3 MON",
                        "path": "sops/mu-sop-01.md",
                        "version": "2.3",
                        "last_reviewed_on": "2023-12-20",
                        "review_by": "2026-12-20",
                        "days_left": 24,
                        "review_status": "due_soon",
                    }
                ],
            }
        ],
    }


def test_review_markdown_is_the_reminder_text(tmp_path):
    result = sop(make_repo(tmp_path), "review", "--format", "markdown", "--link-base", "https://example.org/blob/main/")
    assert result.stdout == (
        "SOP-revisjoner per 26. november 2026 (frist innen 90 dager eller passert): 3 SOP-er, 1 med passert frist.\n"
        "\n"
        f"{HOW_TO_REVIEW_NB}\n"
        "\n"
        "## AP2 SOP\n"
        "\n"
        "| SOP | Tittel | Frist | Status |\n"
        "|---|---|---|---|\n"
        "| [CT-SOP-01](https://example.org/blob/main/sops/ct-sop-01.md) | Planlegging: gjennomførbarhet og budsjett"
        " | 2026-06-01 | **frist passert for 178 dager siden** |\n"
        "| [CT-SOP-02](https://example.org/blob/main/sops/ct-sop-02.md) | Protocol | 2027-01-10 | frist om 45 dager |\n"
        "\n"
        "## AP3 MON\n"
        "\n"
        "| SOP | Tittel | Frist | Status |\n"
        "|---|---|---|---|\n"
        f"| [MU-SOP-01](https://example.org/blob/main/sops/mu-sop-01.md) | {MU_TITLE} | 2026-12-20 "
        "| frist om 24 dager |\n"
    )
    assert "/sop review" in HOW_TO_REVIEW_NB and "`last_reviewed_on`" in HOW_TO_REVIEW_NB


def test_review_ics_parses_back_with_one_all_day_event_per_sop(tmp_path):
    project = make_repo(tmp_path)
    result = sop(project, "review", "--format", "ics", "--all", raw=True)
    assert result.returncode == 0
    raw = result.stdout
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # long lines were folded
    assert b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert sorted(events) == [
        "ct-sop-01-review@sop.norcrin.no",
        "ct-sop-02-review@sop.norcrin.no",
        "gen-sop-01-review@sop.norcrin.no",
        "mu-sop-01-review@sop.norcrin.no",
    ]
    event = events["mu-sop-01-review@sop.norcrin.no"]
    assert event.decoded("DTSTART") == dt.date(2026, 12, 20)
    assert event.decoded("DTEND") == dt.date(2026, 12, 21)
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    assert str(event["SUMMARY"]) == f"Revisjonsfrist: MU-SOP-01 {MU_TITLE}"
    assert str(event["DESCRIPTION"]) == (
        "Eier: AP3 MON\nVersjon 2.3, sist revidert 20. desember 2023.\nFil: sops/mu-sop-01.md\n\n"
        "Etter revisjonen: sett last_reviewed_on til datoen og legg et punkt i changelog, eller skriv "
        "/sop review i en pull request (se CONTRIBUTING.md)."
    )
    assert event["CATEGORIES"].to_ical() == b"AP3 MON"
    assert str(calendar["X-WR-CALNAME"]) == "NorCRIN SOP: revisjonsfrister"
    # The same content on the same day gives the same file: no clock, stable UIDs.
    assert sop(project, "review", "--format", "ics", "--all", raw=True).stdout == raw


def test_review_unknown_owner_exits_2_and_broken_files_exit_1(tmp_path):
    project = make_repo(tmp_path, {**SOPS, "broken.md": "---\nid: X-1\n---\n"})
    result = sop(project, "review", "--owner", "AP9")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "sop review: --owner 'AP9': no SOP has this owner. Fix: use one of: AP2 SOP, AP3 MON.\n",
    )
    result = sop(project, "review", "--within", "30")
    assert result.returncode == 1
    assert result.stderr == (
        "sop review: 1 SOP file with errors cannot be listed: sops/broken.md. Fix: run 'sop check'.\n"
    )
    assert sop(project, "review", "--within", "-3").returncode == 2


def test_review_csv_quotes_a_title_a_spreadsheet_would_run_as_a_formula(tmp_path):
    sops = {**SOPS, "ct-sop-02.md": SOPS["ct-sop-02.md"].replace("title: Protocol", "title: '=HYPERLINK(\"x\")'")}
    result = sop(make_repo(tmp_path, sops), "review", "--all", "--format", "csv", raw=True)
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"), newline="")))
    assert [row["title"] for row in rows if row["id"] == "CT-SOP-02"] == ['\'=HYPERLINK("x")']
    assert [row["days_left"] for row in rows if row["id"] == "CT-SOP-01"] == ["-178"]
