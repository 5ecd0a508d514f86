"""Every version kept: old versions, history pages, diffs and what was in force when (issue 14).

The project is a git repository with several commits per SOP (`history_repo.py`),
built on a fixed day of its own (SOP_TODAY, via `run_build`).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from build_support import TODAY, run_build
from history_repo import commits, git, make_history_project


def sop_command(project, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOP_TODAY": TODAY, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "sopmodel.cli", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def history_build(tmp_path_factory):
    project = make_history_project(tmp_path_factory.mktemp("history"))
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    return build


def _article(html: str) -> str:
    return html[html.index('<article class="md-content__inner') : html.index("</article>")]


def _text(html: str) -> str:
    return re.sub(r" ([,.])", r"\1", " ".join(re.sub(r"<[^>]+>", " ", html).split()))


def _rows(html: str, table_class: str) -> list[list[str]]:
    table = html[html.index(f'<table class="{table_class}"') :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    return [
        [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in body.split("</tr>")[:-1]
    ]


def test_each_old_version_is_published_with_a_notice_in_words(history_build):
    sha = commits(history_build.project)
    site = history_build.site
    assert sorted(p.relative_to(site).as_posix() for p in (site / "sop").rglob("v/*/index.html")) == [
        "sop/his-sop-01/v/1.0/index.html",
        "sop/his-sop-01/v/2.0/index.html",
        "sop/his-sop-02/v/1.0/index.html",
    ]  # not the current versions (3.0, 1.1), and not the draft of 3.0
    html = history_build.html("sop/his-sop-01/v/1.0")
    start = html.index('<div class="admonition warning sop-notice sop-notice--old-version">')
    assert html[start : html.index("</div>", start) + 6] == (
        '<div class="admonition warning sop-notice sop-notice--old-version">\n'
        '<p class="admonition-title"><svg class="sop-icon" viewBox="0 0 24 24" width="16" height="16" '
        'aria-hidden="true" focusable="false"><path d="M19 13H5v-2h14v2z"/></svg> Ikke gjeldende versjon – gjaldt '
        'fra <time datetime="2023-02-01">1. februar 2023</time> til <time datetime="2024-06-30">30. juni 2024</time>'
        "</p>\n"
        '<p>Gjeldende versjon er 3.0: <a href="../../">HIS-SOP-01 Arkivering av studiedokumenter</a>. '
        '<a href="../../historikk/">Alle versjoner og endringer</a>.</p>\n</div>'
    )
    assert "<title>HIS-SOP-01 Arkivering av studiedokumenter, versjon 1.0 - NorCRIN SOP</title>" in html
    meta = _text(html[html.index('<section class="sop-meta"') : html.index("</section>")])
    assert meta == (
        "Versjon 1.0 Versjon 1.0 Status Ikke gjeldende versjon Gjaldt fra 1. februar 2023 Gjaldt til 30. juni 2024 "
        "Revidert 10. januar 2023, 15. januar 2024 Godkjent av Styringsgruppen i NorCRIN Endring Første versjon. "
        f"Commit {sha[0][:10]}"
    )
    assert "<p>Sponsor arkiverer TMF i 15 år.</p>" in html  # the text as it was
    assert "<p>Bruk den gamle malen.</p>" in html  # its attachment is gone: the text stays, the link goes
    withdrawn = history_build.html("sop/his-sop-02/v/1.0")
    assert "Siste versjon er 1.1:" in withdrawn
    assert 'gjaldt fra <time datetime="2022-05-01">1. mai 2022</time> til <time datetime="2025-02-28">' in withdrawn


def test_an_old_text_may_name_an_sop_that_is_gone(history_build):
    html = history_build.html("sop/his-sop-01/v/2.0")
    assert (
        '<p>Se også <a class="sop-ref" href="../../../his-sop-02/" lang="nb">HIS-SOP-02 Arkivering av '
        "studiedokumenter</a> og GONE-SOP-09.</p>"
    ) in html
    assert history_build.log_lines("WARNING") == []


def test_the_history_page_lists_every_version(history_build):
    sha = commits(history_build.project)
    html = history_build.html("sop/his-sop-01/historikk")
    assert _rows(html, "sop-history") == [
        ["3.0", "1. januar 2026", "gjelder nå", "20. november 2025", "ISF arkiveres elektronisk.",
         "AP2 SOP og AP8 DATA", "ikke publisert ennå"],
        ["2.0", "1. juli 2024", "31. desember 2025", "1. juni 2024", "Arkivering i 25 år etter ICH E6(R3).",
         "AP2 SOP og AP8 DATA", sha[3][:10]],
        ["1.0", "1. februar 2023", "30. juni 2024", "10. januar 2023, 15. januar 2024", "Første versjon.",
         "Styringsgruppen i NorCRIN", sha[0][:10]],
    ]  # fmt: skip
    assert f'<a class="sop-commit" href="https://github.com/norcrin/sop/commit/{sha[3]}">{sha[3][:10]}</a>' in html
    assert '<th scope="row"><a href="../v/2.0/">2.0</a></th>' in html
    assert '<th scope="row"><a href="../">3.0</a></th>' in html
    assert _rows(history_build.html("sop/his-sop-02/historikk"), "sop-history") == [
        ["1.1", "–", "trukket tilbake 1. mars 2025", "12. januar 2023", "Trukket tilbake.",
         "Styringsgruppen i NorCRIN", sha[4][:10]],
        ["1.0", "1. mai 2022", "28. februar 2025", "12. januar 2023", "Første nasjonale versjon.",
         "Styringsgruppen i NorCRIN", sha[1][:10]],
        ["0.9", "1. juni 2021", "30. april 2022", "1. juni 2021", "Lokal versjon ved OUS.", "Ikke oppgitt",
         "bare i endringsloggen"],
    ]  # fmt: skip
    assert (
        "<p>Versjoner merket «bare i endringsloggen» er eldre enn SOP-ens historikk i git: endringsloggen viser "
        "når de kom, men teksten deres finnes ikke her.</p>"
    ) in history_build.html("sop/his-sop-02/historikk")
    assert "bare i endringsloggen" not in html
    sop_page = history_build.html("sop/his-sop-01")
    assert '<p class="sop-history-link"><a href="historikk/">Versjonshistorikk</a> (3 versjoner)</p>' in sop_page


def test_the_diff_marks_added_and_removed_words_in_words_too(history_build):
    html = history_build.html("sop/his-sop-01/historikk")
    section = html[html.index('<section class="sop-diff" aria-labelledby="v1-0-v2-0">') :]
    section = section[: section.index("</section>")]
    assert _rows(section, "sop-diff__fields") == [
        ["Versjon", "1.0", "2.0"],
        ["Gyldig fra", "2023-02-01", "2024-07-01"],
        ["Sist revidert", "2024-01-15", "2024-06-01"],
        ["Godkjent av", "Styringsgruppen i NorCRIN", "AP2 SOP og AP8 DATA"],
    ]
    hidden = '<span class="a11y-hidden">'
    assert (
        '<li><p class="sop-diff__section">Fremgangsmåte <span class="sop-diff__count">(3 ord lagt til, 1 ord '
        'fjernet)</span></p>\n<p class="sop-diff__text">Sponsor arkiverer TMF i '
        f"<del>{hidden}[fjernet: </span>15{hidden}]</span></del><ins>{hidden}[lagt til: </span>25{hidden}]</span></ins>"
        f" år<ins>{hidden}[lagt til: </span> etter avslutning{hidden}]</span></ins>.</p></li>"
    ) in section
    assert html.index("Fra versjon 2.0 til 3.0") < html.index("Fra versjon 1.0 til 2.0")  # newest first
    later = html[html.index('aria-labelledby="v2-0-v3-0"') : html.index('aria-labelledby="v1-0-v2-0"')]
    assert f"Utprøver arkiverer ISF<ins>{hidden}[lagt til: </span> elektronisk{hidden}]</span></ins>." in later


def test_what_was_in_force_on_a_date_before_between_and_after_versions(history_build):
    project = history_build.project
    sha = commits(project)
    answers = {}
    for day in ("2023-01-31", "2023-02-01", "2024-06-30", "2024-07-01", "2025-02-28", "2025-03-01", "2026-01-01"):
        result = sop_command(project, "history", "HIS-SOP-01", "--on", day)
        assert result.returncode == 0, result.stderr
        answers[day] = result.stdout
    assert answers == {
        "2023-01-31": "HIS-SOP-01 on 2023-01-31: none (not in force before 2023-02-01)\n",
        "2023-02-01": f"HIS-SOP-01 on 2023-02-01: version 1.0 (in force from 2023-02-01 to 2024-06-30, commit "
        f"{sha[0][:10]})\n",
        "2024-06-30": f"HIS-SOP-01 on 2024-06-30: version 1.0 (in force from 2023-02-01 to 2024-06-30, commit "
        f"{sha[0][:10]})\n",
        "2024-07-01": f"HIS-SOP-01 on 2024-07-01: version 2.0 (in force from 2024-07-01 to 2025-12-31, commit "
        f"{sha[3][:10]})\n",
        "2025-02-28": f"HIS-SOP-01 on 2025-02-28: version 2.0 (in force from 2024-07-01 to 2025-12-31, commit "
        f"{sha[3][:10]})\n",
        "2025-03-01": f"HIS-SOP-01 on 2025-03-01: version 2.0 (in force from 2024-07-01 to 2025-12-31, commit "
        f"{sha[3][:10]})\n",
        "2026-01-01": "HIS-SOP-01 on 2026-01-01: version 3.0 (in force from 2026-01-01, still in force, "
        "not committed yet)\n",
    }
    every = sop_command(project, "history", "--on", "2025-03-01", "--format", "json")
    assert json.loads(every.stdout) == [
        {"id": "HIS-SOP-01", "date": "2025-03-01", "version": "2.0", "in_force_from": "2024-07-01",
         "in_force_to": "2025-12-31", "commit": sha[3], "current": False, "changelog_only": False},
        {"id": "HIS-SOP-02", "date": "2025-03-01", "version": None, "reason": "withdrawn on 2025-03-01"},
    ]  # fmt: skip
    assert sop_command(project, "history", "his-sop-02", "--on", "2025-02-28").stdout == (
        f"HIS-SOP-02 on 2025-02-28: version 1.0 (in force from 2022-05-01 to 2025-02-28, commit {sha[1][:10]})\n"
    )
    assert sop_command(project, "history", "his-sop-02", "--on", "2022-04-30").stdout == (
        "HIS-SOP-02 on 2022-04-30: version 0.9 (in force from 2021-06-01 to 2022-04-30, known from the changelog "
        "only)\n"
    )
    assert sop_command(project, "history", "his-sop-02", "--on", "2021-05-31").stdout == (
        "HIS-SOP-02 on 2021-05-31: none (not in force before 2021-06-01)\n"
    )


def test_sop_history_lists_the_versions_and_refuses_bad_input(history_build):
    project = history_build.project
    sha = commits(project)
    listing = sop_command(project, "history", "HIS-SOP-01")
    assert listing.returncode == 0
    assert listing.stdout.splitlines() == [
        "id          version        status  in force from  to          reviewed                commit",
        "HIS-SOP-01  3.0 (current)  active  2026-01-01     -           2025-11-20              not committed",
        f"HIS-SOP-01  2.0            active  2024-07-01     2025-12-31  2024-06-01              {sha[3][:10]}",
        f"HIS-SOP-01  1.0            active  2023-02-01     2024-06-30  2023-01-10, 2024-01-15  {sha[0][:10]}",
    ]
    unknown = sop_command(project, "history", "NO-SOP-1")
    assert (unknown.returncode, unknown.stdout) == (2, "")
    assert unknown.stderr == (
        "sop history: no valid SOP has the id 'NO-SOP-1'. Fix: check the id ('sop check' lists broken files).\n"
    )
    neither = sop_command(project, "history")
    assert (neither.returncode, neither.stderr) == (
        2,
        "sop history: give an SOP id, a date (--on YYYY-MM-DD), or both.\n",
    )
    bad_day = sop_command(project, "history", "--on", "30.02.2024")
    assert bad_day.returncode == 2
    assert bad_day.stderr.endswith(
        "sop history: error: argument --on: expected a date like 2024-05-01, got '30.02.2024'\n"
    )
    assert "Traceback" not in unknown.stderr + neither.stderr + bad_day.stderr


def test_the_point_in_time_page_lists_every_period(history_build):
    html = history_build.html("hva-gjaldt")
    assert '<form class="sop-on-date" method="get" action="" data-sop-on-date>' in html
    assert '<input type="date" id="sop-on-date-input" name="dato" required>' in html
    rows = _rows(html, "sop-on-date__table")
    assert rows == [
        ["HIS-SOP-01 Arkivering av studiedokumenter", "1.0", "1. februar 2023", "30. juni 2024"],
        ["HIS-SOP-01 Arkivering av studiedokumenter", "2.0", "1. juli 2024", "31. desember 2025"],
        ["HIS-SOP-01 Arkivering av studiedokumenter", "3.0", "1. januar 2026", "–"],
        ["HIS-SOP-01 Arkivering av studiedokumenter", "Ingen versjon i kraft denne dagen"],
        ["HIS-SOP-02 Arkivering av studiedokumenter", "0.9 (bare i endringsloggen)", "1. juni 2021", "30. april 2022"],
        ["HIS-SOP-02 Arkivering av studiedokumenter", "1.0", "1. mai 2022", "28. februar 2025"],
        ["HIS-SOP-02 Arkivering av studiedokumenter", "Ingen versjon i kraft denne dagen"],
    ]
    assert '<tr data-sop="HIS-SOP-01" data-from="2024-07-01" data-until="2026-01-01">' in html


def test_old_versions_stay_out_of_search_and_the_sitemap(history_build):
    site = history_build.site
    for page in ("sop/his-sop-01/v/1.0", "sop/his-sop-01/historikk", "hva-gjaldt"):
        assert "data-pagefind-body" not in history_build.html(page)
    assert "data-pagefind-body" in history_build.html("sop/his-sop-01")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://sop.norcrin.no/sop/his-sop-01/</loc>" in sitemap
    assert "/v/" not in sitemap and "/historikk/" not in sitemap


def test_history_is_cached_by_commit(history_build):
    project = history_build.project
    head = git(project, "rev-parse", "HEAD").strip()
    cache = project / ".cache" / "history" / f"{head}.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    assert [state["meta"]["version"] for state in data["states"]] == ["1.0", "1.0", "1.0", "2.0", "1.1", "3.0"]
    # A build at the same commit reads the cache, not git: what the cache says is published.
    data["states"][0]["body"] = data["states"][0]["body"].replace("15 år", "15 år (fra cache)")
    data["states"][2]["body"] = data["states"][0]["body"]
    cache.write_text(json.dumps(data), encoding="utf-8")
    again = run_build(project, "--strict")
    assert again.returncode == 0, again.stderr
    assert "<p>Sponsor arkiverer TMF i 15 år (fra cache).</p>" in again.html("sop/his-sop-01/v/1.0")
    cache.unlink()  # the next build reads git again, and writes the cache anew
    third = run_build(project, "--strict")
    assert "<p>Sponsor arkiverer TMF i 15 år.</p>" in third.html("sop/his-sop-01/v/1.0")
    assert cache.is_file()


def test_a_shallow_clone_says_so_and_publishes_no_wrong_history(history_build, tmp_path):
    full = tmp_path / "full"
    subprocess.run(["git", "clone", "--quiet", history_build.project.as_uri(), str(full)], check=True)
    (full / "sops" / "his-sop-01.md").write_bytes((history_build.project / "sops" / "his-sop-01.md").read_bytes())
    git(full, "commit", "--quiet", "-am", "HIS-SOP-01 3.0", day="2025-12-01")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", full.as_uri(), str(clone)], check=True)
    build = run_build(clone, "--strict")
    expected = (
        "WARNING -  version history: this clone is shallow, so git does not have the older versions. Fix: fetch the "
        "whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)."
    )
    assert build.log_lines("version history") == [expected]
    assert build.returncode == 0  # the site is still right: only its old versions are missing, and it says so
    result = sop_command(clone, "history", "HIS-SOP-01")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "sop history: " + expected.removeprefix("WARNING -  version history: ") + "\n"
    assert not (build.site / "sop" / "his-sop-01" / "v").exists()
    page = build.html("sop/his-sop-01/historikk")
    # The changelog still names the older versions; git could not say when 3.0 was committed.
    assert [(row[0], row[-1]) for row in _rows(page, "sop-history")] == [
        ("3.0", "ukjent"),
        ("2.0", "bare i endringsloggen"),
        ("1.0", "bare i endringsloggen"),
    ]
    assert "<p>Versjonshistorikken fra git var ikke tilgjengelig da nettstedet ble bygget, så bare " in page


def test_a_folder_without_git_publishes_current_versions_only(tmp_path):
    from build_support import make_project

    project = make_project(tmp_path)
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    assert build.log_lines("version history") == []
    html = build.html("sop/ct-sop-01/historikk")
    assert _rows(html, "sop-history") == [
        ["2.0", "1. februar 2023", "gjelder nå", "10. januar 2023", "", "Styringsgruppen i NorCRIN",
         "ukjent"],
    ]  # fmt: skip
    assert "<p>Versjonshistorikken fra git var ikke tilgjengelig da nettstedet ble bygget" in html
    assert not list((build.site / "sop").rglob("v"))


def _toc(html: str) -> list[str]:
    start = html.index('<nav class="md-nav md-nav--secondary"')
    return re.findall(r'<a href="(#[^"]+)" class="md-nav__link">', html[start : html.index("</nav>", start)])


def test_rendered_old_versions_are_cached_and_keep_their_table_of_contents(history_build, tmp_path):
    import shutil

    project = tmp_path / "copy"
    shutil.copytree(history_build.project, project, symlinks=True)
    first = run_build(project, "--strict")
    entries = sorted((project / ".cache" / "history" / "html").glob("*.html"))
    assert len(entries) == 5  # three old versions and two history pages
    before = first.html("sop/his-sop-01/v/1.0")
    assert _toc(before) == ["#formal", "#fremgangsmate"]
    page = next(entry for entry in entries if "Sponsor arkiverer TMF i 15 år." in entry.read_text(encoding="utf-8"))
    page.write_text(page.read_text(encoding="utf-8").replace("15 år.", "15 år (fra cache)."), encoding="utf-8")
    second = run_build(project, "--strict")
    assert second.returncode == 0, second.stderr
    after = second.html("sop/his-sop-01/v/1.0")
    assert "<p>Sponsor arkiverer TMF i 15 år (fra cache).</p>" in after
    assert _toc(after) == _toc(before)
    # A changed page gets a new entry; the one it replaces is removed after the build.
    sop = project / "sops" / "his-sop-01.md"
    sop.write_text(
        sop.read_text(encoding="utf-8").replace("title: Arkivering", "title: Arkivering og lagring"), "utf-8"
    )
    run_build(project, "--strict")
    assert len(list((project / ".cache" / "history" / "html").glob("*.html"))) == 5
    assert not page.exists()


TRANSLATION = """---
id: HIS-SOP-01-EN
title: Archiving trial documents
language: en
version: "1.0"
status: active
owner: AP2 SOP
effective_date: 2024-08-01
last_reviewed_on: 2024-08-01
category: CT
translation_of: HIS-SOP-01
translated_from_version: "{made_from}"
---

## Purpose

This procedure describes how a trial is archived after it ends.

## Procedure

The sponsor archives the TMF for 25 years.
"""


def test_controlled_copies_translations_and_implementation_on_a_repository(history_build, tmp_path):
    import shutil

    import pdfplumber

    project = tmp_path / "copy"
    shutil.copytree(history_build.project, project, symlinks=True)
    (project / "sops" / "his-sop-01-en.md").write_text(TRANSLATION.format(made_from="2.0"), encoding="utf-8")
    (project / "implementering").mkdir()
    (project / "implementering" / "ous.yml").write_text(
        'implementations:\n  - sop: HIS-SOP-01\n    version: "2.0"\n    implemented_on: 2024-08-01\n', "utf-8"
    )
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "Translation and OUS", day="2025-12-01")
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("sop_pdfs: false", "sop_pdfs: true"), "utf-8")
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    with pdfplumber.open(build.site / "sop" / "his-sop-01" / "his-sop-01.pdf") as pdf:
        head = pdf.pages[0].extract_text()
    for line in ("Dokument-ID HIS-SOP-01", "Versjon 3.0", "Status Gjeldende", "Gyldig fra 2026-01-01"):
        assert line in head, line
    assert build.log_lines("SOP translation behind") == [
        "INFO    -  SOP translation behind: sops/his-sop-01-en.md: HIS-SOP-01-EN 'Archiving trial documents' "
        "translates HIS-SOP-01 2.0, which is now 3.0 (owner: AP2 SOP)"
    ]
    assert "has been updated since this translation (2.0 → 3.0)." in build.html("sop/his-sop-01-en")
    matrix = build.html("implementering")
    assert '<td class="sop-implementation--behind">2.0 (eldre versjon)<br><time datetime="2024-08-01">' in matrix
    # The translation and the hospital catch up: the notice and the lag clear.
    (project / "sops" / "his-sop-01-en.md").write_text(TRANSLATION.format(made_from="3.0"), encoding="utf-8")
    (project / "implementering" / "ous.yml").write_text(
        'implementations:\n  - sop: HIS-SOP-01\n    version: "3.0"\n    implemented_on: 2026-01-15\n', "utf-8"
    )
    again = run_build(project, "--strict")
    assert again.returncode == 0, again.stderr
    assert again.log_lines("SOP translation behind") == []
    assert "sop-notice--translation" not in again.html("sop/his-sop-01-en")
    assert "(eldre versjon)" not in again.html("implementering")


def test_history_false_publishes_no_history_pages(history_build, tmp_path):
    import shutil

    project = tmp_path / "copy"
    shutil.copytree(history_build.project, project, symlinks=True)
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(
        mkdocs.read_text(encoding="utf-8").replace("sop_pdfs: false", "sop_pdfs: false\n    history: false")
    )
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    assert not (build.site / "sop" / "his-sop-01" / "historikk").exists()
    assert not (build.site / "sop" / "his-sop-01" / "v").exists()
    assert "sop-history-link" not in build.html("sop/his-sop-01")
    # "Hva gjaldt på en dato?" still answers from the current versions and their changelogs.
    assert [row[:2] for row in _rows(build.html("hva-gjaldt"), "sop-on-date__table")][:3] == [
        ["HIS-SOP-01 Arkivering av studiedokumenter", "1.0 (bare i endringsloggen)"],
        ["HIS-SOP-01 Arkivering av studiedokumenter", "2.0 (bare i endringsloggen)"],
        ["HIS-SOP-01 Arkivering av studiedokumenter", "3.0"],
    ]
