"""Real `mkdocs build` runs of the fixture site: log lines, exit codes, HTML and JSON."""

from __future__ import annotations

import json
import re
import shutil

from build_support import FIXTURE_SOPS, make_project, run_build

OVERDUE = (
    "WARNING -  SOP review overdue: sops/ct-sop-01.md: CT-SOP-01 'Søknad og godkjenning i CTIS' "
    "was due for review on 2026-01-10 (owner: AP2 SOP)"
)
DUE_SOON = (
    "INFO    -  SOP review due soon: sops/ct-sop-02.md: CT-SOP-02 'Sikkerhetsrapportering' "
    "is due for review on 2027-01-31, in 66 days (owner: AP3 MON)"
)
SUMMARY = "INFO    -  SOP review on 2026-11-26: 7 SOPs, 1 overdue, 1 due soon, 4 current, 1 not applicable"

ICON_OVERDUE = (
    '<svg class="sop-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">'
    '<path d="M12 2 1 21h22L12 2zm1 16h-2v-2h2v2zm0-4h-2v-4h2v4z"/></svg>'
)


def _between(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin) + len(end)]


WITHDRAWAL = (
    "INFO    -  SOP withdrawal soon: sops/mu-sop-01.md: MU-SOP-01 'Klinisk utprøving av medisinsk utstyr' "
    "will be withdrawn on 2027-01-15, in 50 days (owner: AP2 SOP)"
)


def test_build_log_names_overdue_and_due_soon_sops(fixture_build):
    assert fixture_build.log_lines("SOP review") == [OVERDUE, DUE_SOON, SUMMARY]
    assert fixture_build.log_lines("SOP withdrawal") == [WITHDRAWAL]


def test_overdue_does_not_fail_strict_by_default(fixture_build):
    assert fixture_build.returncode == 0


def test_overdue_fails_strict_when_configured(tmp_path):
    build = run_build(make_project(tmp_path, sop_review={"overdue_fails_strict": True}), "--strict")
    assert build.returncode == 1
    assert OVERDUE in build.stderr.splitlines()
    assert build.stdout.strip() == "Aborted with 1 warnings in strict mode!"


def test_today_is_an_input(tmp_path):
    build = run_build(make_project(tmp_path), today="2026-01-10")
    assert build.log_lines("SOP review on") == [
        "INFO    -  SOP review on 2026-01-10: 7 SOPs, 0 overdue, 1 due soon, 5 current, 1 not applicable"
    ]


def test_github_annotations(tmp_path):
    build = run_build(make_project(tmp_path), GITHUB_ACTIONS="true")
    assert build.stdout.splitlines() == [
        "::warning file=sops/ct-sop-01.md,line=9,title=SOP review overdue::CT-SOP-01 "
        "'Søknad og godkjenning i CTIS' was due for review on 2026-01-10 (owner: AP2 SOP)"
    ]


def test_sop_page_metadata_block(fixture_build):
    html = fixture_build.html("sop/ct-sop-01")
    # data-pagefind-ignore: the metadata block is not search text (see sopmodel.site.search).
    assert _between(html, '<section data-pagefind-ignore class="sop-meta"', "</section>") == (
        '<section data-pagefind-ignore class="sop-meta" aria-labelledby="sop-meta-title">\n'
        '<h2 class="sop-meta__title" id="sop-meta-title">Dokumentinformasjon</h2>\n'
        '<dl class="sop-meta__list">\n'
        "<div><dt>Dokument-ID</dt><dd>CT-SOP-01</dd></div>\n"
        "<div><dt>Versjon</dt><dd>2.0</dd></div>\n"
        "<div><dt>Status</dt><dd>Gjeldende</dd></div>\n"
        '<div><dt>Gyldig fra</dt><dd><time datetime="2023-02-01">1. februar 2023</time></dd></div>\n'
        '<div><dt>Sist revidert</dt><dd><time datetime="2023-01-10">10. januar 2023</time></dd></div>\n'
        '<div><dt>Neste revisjon</dt><dd><time datetime="2026-01-10">10. januar 2026</time> (for 320 dager siden) '
        f'<span class="sop-status sop-status--overdue">{ICON_OVERDUE} Revisjon forfalt</span></dd></div>\n'
        "<div><dt>Eier</dt><dd>AP2 SOP</dd></div>\n"
        "<div><dt>Godkjent av</dt><dd>Styringsgruppen i NorCRIN</dd></div>\n"
        "</dl>\n</section>"
    )


def test_overdue_notice_in_words_and_icon(fixture_build):
    html = fixture_build.html("sop/ct-sop-01")
    assert _between(html, '<div class="admonition danger', "</div>") == (
        '<div class="admonition danger sop-notice sop-notice--overdue">\n'
        f'<p class="admonition-title">{ICON_OVERDUE} Revisjon forfalt</p>\n'
        "<p>Denne prosedyren skulle vært revidert innen 10. januar 2026. Den kan være utdatert; kontakt eier "
        "(AP2 SOP). Status per 26. november 2026.</p>\n</div>"
    )
    # The notice and heading come before the SOP's own text.
    assert html.index('id="sop-title"') < html.index("sop-notice--overdue") < html.index('id="formal"')


def test_due_soon_notice(fixture_build):
    html = fixture_build.html("sop/ct-sop-02")
    assert (
        "<p>Denne prosedyren skal revideres innen 31. januar 2027 (om 66 dager). Status per 26. november 2026.</p>"
        in html
    )
    assert 'class="admonition warning sop-notice sop-notice--due_soon"' in html


def test_superseded_notice_links_the_successor(fixture_build):
    html = fixture_build.html("sop/lm-sop-04")
    assert (
        "<p>Denne prosedyren er erstattet og gjelder ikke lenger. Bruk i stedet "
        '<a href="../ct-sop-02/">CT-SOP-02 Sikkerhetsrapportering</a>.</p>'
    ) in html


def test_current_sop_has_no_notice(fixture_build):
    assert "sop-notice" not in fixture_build.html("sop/gen-sop-01")


def test_english_page_has_english_lang_and_labels(fixture_build):
    html = fixture_build.html("sop/gen-sop-01-en")
    assert re.search(r'<html lang="en"', html)
    assert '<h2 class="sop-meta__title" id="sop-meta-title">Document information</h2>' in html
    assert (
        '<div><dt>Language versions</dt><dd><ul class="sop-meta__languages"><li>'
        '<a href="../gen-sop-01/" hreflang="nb">Norsk bokmål: <span lang="nb">Informert samtykke</span></a>'
        "</li></ul></dd></div>" in html
    )
    assert re.search(r'<html lang="nb"', fixture_build.html("sop/gen-sop-01"))


def test_attachment_listed_with_type_and_size(fixture_build):
    html = fixture_build.html("sop/gen-sop-01-en")
    size = (FIXTURE_SOPS / "vedlegg" / "consent-checklist.md").stat().st_size
    assert (
        '<div><dt>Attachments</dt><dd><ul class="sop-meta__files"><li>'
        f'<a href="../../sops/vedlegg/consent-checklist/">Consent checklist</a> (MD, {size} B)</li></ul></dd></div>'
    ) in html


def test_untrusted_front_matter_is_escaped_everywhere(fixture_build):
    for page in fixture_build.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<script>alert("title")' not in text, page
        assert "<img src=x" not in text, page
        assert "<b>bold</b>" not in text, page
    html = fixture_build.html("sop/xss-sop-01")
    assert (
        '<h1 id="sop-title"><span class="sop-id">XSS-SOP-01</span> '
        "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;</h1>"
    ) in html
    assert (
        "<title>XSS-SOP-01 &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; &amp; &#34;quotes&#34; - NorCRIN SOP</title>"
        in html
    )


def test_dashboard_lists_sops_by_next_review(fixture_build):
    html = fixture_build.html("revisjonsoversikt")
    rows = re.findall(
        r"<tr><td>([A-Z0-9-]+)</td>.*?<td>(-?\d*)</td><td><span class=\"sop-status[^\"]*\">"
        r"<svg.*?</svg> ([^<]+)</span></td></tr>",
        html,
    )
    assert rows == [
        ("CT-SOP-01", "-320", "Revisjon forfalt"),
        ("CT-SOP-02", "66", "Revisjon snart"),
        ("MU-SOP-01", "94", "I rute"),
        ("GEN-SOP-01", "662", "I rute"),
        ("GEN-SOP-01-EN", "662", "I rute"),
        ("XSS-SOP-01", "767", "I rute"),
        ("LM-SOP-04", "", "Ikke aktuelt"),
    ]
    assert (
        '<tr><td>CT-SOP-01</td><td><a href="../sop/ct-sop-01/" lang="nb">Søknad og godkjenning i CTIS</a></td>'
        '<td>AP2 SOP</td><td><time datetime="2023-01-10">2023-01-10</time></td>'
        '<td><time datetime="2026-01-10">2026-01-10</time></td><td>-320</td>'
    ) in html
    assert '<tr><th scope="row">AP3 MON</th><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>' in html
    assert "<tr><td>Totalt</td><td>7</td></tr>" in html
    assert '<a href="../review-report.json">maskinlesbart register (JSON)</a>' in html


def test_review_report_json(fixture_build):
    report = json.loads((fixture_build.site / "review-report.json").read_text(encoding="utf-8"))
    assert report["today"] == "2026-11-26"
    assert [sop["id"] for sop in report["sops"]] == [
        "LM-SOP-04",
        "CT-SOP-01",
        "CT-SOP-02",
        "MU-SOP-01",
        "GEN-SOP-01",
        "GEN-SOP-01-EN",
        "XSS-SOP-01",
    ]
    assert report["sops"][1] == {
        "id": "CT-SOP-01",
        "title": "Søknad og godkjenning i CTIS",
        "url": "sop/ct-sop-01/",
        "source": "sops/ct-sop-01.md",
        "owner": "AP2 SOP",
        "version": "2.0",
        "status": "active",
        "last_reviewed_on": "2023-01-10",
        "review_by": "2026-01-10",
        "review_status": "overdue",
        "days_until_review": -320,
    }
    assert report["sops"][3]["review_by"] == "2027-02-28"  # reviewed on 29 February 2024


def test_navigation_groups_sops_by_category_and_archives_superseded(fixture_build):
    html = fixture_build.html("sops")
    sections = re.findall(r'<h2 id="[^"]+"><a href="([^"]+)">([^<]+)</a>', html)
    assert sections == [
        ("generelt/", "Generelle prosedyrer"),
        ("ct/", "CT – legemiddelstudier (CTR)"),
        ("mu/", "MU – medisinsk utstyr"),
        ("arkiv/", "Arkiv: utgåtte prosedyrer"),
    ]
    family = fixture_build.html("sops/ct")
    assert re.findall(r'<tr><td>([A-Z0-9-]+)</td><td><a href="([^"]+)"', family) == [
        ("CT-SOP-01", "../../sop/ct-sop-01/"),
        ("CT-SOP-02", "../../sop/ct-sop-02/"),
    ]
    assert "LM-SOP-04" not in family
    assert re.findall(r"<tr><td>([A-Z0-9-]+)</td>", fixture_build.html("sops/arkiv")) == ["LM-SOP-04"]


def test_content_errors_stop_the_build_listing_all(tmp_path):
    sops = tmp_path / "sops"
    shutil.copytree(FIXTURE_SOPS, sops)
    text = (sops / "ct-sop-02.md").read_text(encoding="utf-8")
    (sops / "ct-sop-02.md").write_text(
        text.replace('version: "3.1"', "version: 3.1").replace("last_reviewed_on", "last_reviewd_on"),
        encoding="utf-8",
    )
    (sops / "copy.md").write_text((sops / "mu-sop-01.md").read_text(encoding="utf-8"), encoding="utf-8")
    build = run_build(make_project(tmp_path / "p", sops=sops))
    assert build.returncode == 1
    assert [line for line in build.stderr.splitlines() if line.startswith("ERROR")] == [
        "ERROR   -  sops/ct-sop-02.md:5: 'version': expected a text, got the number 3.1. "
        'Fix: put the value in quotes, e.g. version: "3.1".',
        "ERROR   -  sops/ct-sop-02.md:9: 'last_reviewd_on': unknown field; did you mean 'last_reviewed_on'? "
        "Fix: rename it to 'last_reviewed_on'.",
        "ERROR   -  sops/ct-sop-02.md:13: 'last_reviewed_on': required field is missing. Fix: add a line "
        "'last_reviewed_on: 2024-05-31' (Date of the latest periodic review or approval).",
        "ERROR   -  sops/mu-sop-01.md:2: 'id': expected a unique id, got 'MU-SOP-01', which sops/copy.md:2 also "
        "uses. Fix: give one of the two SOPs another id ('sop new' picks the next free one).",
        "ERROR   -  4 problems in 2 files (listed above) stop the build. Fix them and build again; "
        "'sop check' lists them without building.",
    ]
    assert build.stdout.strip() == "Aborted with a BuildError!"
