"""HTML of OnePagers and their index: exact rows, escaping, owned SOPs and old-id pages."""

# The expected HTML has the en dashes of Norwegian typography.

from __future__ import annotations

from onepager_support import REAL_TODAY, ROOT, TODAY, write_onepager
from test_onepager_model import VALID, _sop

from sopmodel.model.onepagers import load_onepagers
from sopmodel.site.onepager_html import (
    INDEX_MARKER,
    insert_index_table,
    render_index_table,
    render_merged_page,
    render_onepager_header,
    render_onepager_page,
    render_owned_sops,
)


def link(source: str) -> str:
    """A linker that shows which source path was asked for."""
    return f"/{source}"


def _rows(html: str) -> list[str]:
    return [line for line in html.splitlines() if line.startswith("<tr>")]


def test_index_table_rows_follow_table_1_1():
    table = render_index_table(load_onepagers(ROOT, "onepagers", REAL_TODAY), link)
    development = "Utvikling (prosjektmidler fra Forskningsrådet)"
    assert _rows(table) == [
        '<tr><th scope="rowgroup" colspan="4">NorCRIN 1 (2015–2020)</th></tr>',
        '<tr><th scope="row">AP3</th><td><a href="/onepagers/ap3.md">AP3 MON – Standardisere og harmonisere '
        "monitorering i Norge</a></td><td>Drift (egeninnsats fra partnerne)</td><td>OUS</td></tr>",
        '<tr><th scope="row">AP4</th><td>Etablere samarbeid med forskere og industri</td>'
        '<td colspan="2">Slått sammen med <a href="/onepagers/ap12.md">AP12 IND</a> høsten 2022</td></tr>',
        '<tr><th scope="row">AP5</th><td>eCRF</td>'
        '<td colspan="2">Slått sammen med <a href="/onepagers/ap8.md">AP8 DATA</a></td></tr>',
        '<tr><th scope="row">AP6</th><td>SOP for ikke-legemiddelstudier</td>'
        '<td colspan="2">Slått sammen med <a href="/onepagers/ap2.md">AP2 SOP</a></td></tr>',
        '<tr><th scope="row">AP7</th><td><a href="/onepagers/ap7.md">AP7 TIDLIGFASE – Tidligfaseenheter i Norge</a>'
        "</td><td>Drift (egeninnsats fra partnerne), prosjektmidler til 2017</td><td>OUS</td></tr>",
        '<tr><th scope="row">AP10</th><td><a href="/onepagers/ap10.md">AP10 KURS – Nasjonalt kurs for '
        "studiesykepleiere</a></td><td>Drift (egeninnsats fra partnerne), prosjektmidler til 2018</td>"
        "<td>HUS</td></tr>",
        '<tr><th scope="rowgroup" colspan="4">NorCRIN 1 og 2 (2015–2025)</th></tr>',
        '<tr><th scope="row">AP1</th><td><a href="/onepagers/ap1.md">AP1 LED – Koordinering og ledelse '
        f"(sekretariatet)</a></td><td>{development}</td><td>HUS</td></tr>",
        '<tr><th scope="row">AP1-GCP</th><td><a href="/onepagers/ap1-gcp.md">GCP-gruppen</a> (arbeidsgruppe)</td>'
        f"<td>{development}</td><td>AP1 LED (sekretariatet, HUS)</td></tr>",
        '<tr><th scope="row">AP1-INT</th><td><a href="/onepagers/ap1-int.md">Arbeidsgruppen for internasjonalt '
        f"samarbeid</a> (arbeidsgruppe)</td><td>{development}</td><td>AP1 LED (sekretariatet, HUS)</td></tr>",
        '<tr><th scope="row">AP1-JUS</th><td><a href="/onepagers/ap1-jus.md">Jusgruppen</a> (arbeidsgruppe)</td>'
        f"<td>{development}</td><td>AP1 LED (sekretariatet, HUS)</td></tr>",
        '<tr><th scope="row">AP2</th><td><a href="/onepagers/ap2.md">AP2 SOP – Prosedyrer for alle typer '
        f"intervensjonsstudier</a></td><td>{development}</td><td>HUS</td></tr>",
        '<tr><th scope="row">AP8</th><td><a href="/onepagers/ap8.md">AP8 DATA – Datahåndtering</a></td>'
        f"<td>{development}</td><td>OUS</td></tr>",
        '<tr><th scope="row">AP9</th><td><a href="/onepagers/ap9.md">AP9 STAT – Statistikk</a></td>'
        f"<td>{development}</td><td>OUS</td></tr>",
        '<tr><th scope="rowgroup" colspan="4">NorCRIN 2 (2021–2025)</th></tr>',
        '<tr><th scope="row">AP11</th><td><a href="/onepagers/ap11.md">AP11 INFRA – Organisatoriske enheter til '
        f"støtte for kliniske studier</a></td><td>{development}</td><td>OUS</td></tr>",
        '<tr><th scope="row">AP12</th><td><a href="/onepagers/ap12.md">AP12 IND – Industrisamarbeid</a></td>'
        f"<td>{development}</td><td>OUS</td></tr>",
        '<tr><th scope="row">AP13</th><td><a href="/onepagers/ap13.md">AP13 PRAG – Pragmatiske studier og '
        f"registerbaserte kliniske studier</a></td><td>{development}</td><td>Ahus</td></tr>",
        '<tr><th scope="row">AP14</th><td><a href="/onepagers/ap14.md">AP14 BRUKER – Brukermedvirkning</a></td>'
        f"<td>{development}</td><td>UNN</td></tr>",
    ]
    assert table.count("<tbody>") == 3
    assert '<caption id="onepager-index-caption">' in table


def test_index_table_goes_to_the_marker_or_the_end():
    assert insert_index_table(f"<p>a</p>\n{INDEX_MARKER}\n<p>b</p>", "<table/>") == "<p>a</p>\n<table/>\n<p>b</p>"
    assert insert_index_table("<p>a</p>", "<table/>") == "<p>a</p>\n<table/>"


HOSTILE = (
    VALID.replace("title: Prosedyrer for alle typer intervensjonsstudier", "title: '<script>alert(1)</script>'")
    .replace("goal: Sikre at alle SOP-er er oppdatert.", "goal: 'Mål <img src=x onerror=alert(2)> & mer'")
    .replace("name: Bente Vangen, role", "name: '\"><b>Bente</b>', role")
    .replace("[OUS, Ahus, SUS, HUS, St. Olav, UNN]", "['<i>OUS</i>']")
)


def test_front_matter_text_is_escaped(tmp_path):
    write_onepager(tmp_path, "ap2.md", HOSTILE)
    pages = load_onepagers(tmp_path, "onepagers", TODAY)
    (page,) = pages.onepagers
    header = render_onepager_header(page, pages, "../AP2.pdf")
    table = render_index_table(pages, link)
    for html in (header, table):
        assert "<script>" not in html
        assert "<img" not in html
        assert "<b>" not in html
        assert "<i>" not in html
    assert (
        '<h1 id="onepager-title"><span class="onepager-id">AP2 SOP</span> &lt;script&gt;alert(1)&lt;/script&gt;</h1>'
        in header
    )
    assert (
        '<p class="onepager-goal"><strong>Mål:</strong> Mål &lt;img src=x onerror=alert(2)&gt; &amp; mer</p>' in header
    )
    assert "<div><dt>Kontakt</dt><dd>&#34;&gt;&lt;b&gt;Bente&lt;/b&gt; (leder), HUS</dd></div>" in header
    assert "<div><dt>Partnere</dt><dd>&lt;i&gt;OUS&lt;/i&gt;</dd></div>" in header


def test_header_has_facts_in_words_and_the_pdf_link():
    pages = load_onepagers(ROOT, "onepagers", REAL_TODAY)
    header = render_onepager_header(pages.by_id("AP7"), pages, "../AP7.pdf")
    assert header.splitlines() == [
        '<p class="onepager-brand">NorCRIN – Norwegian Clinical Research Infrastructure Network</p>',
        '<p class="onepager-kicker">OnePager · Arbeidspakke</p>',
        '<h1 id="onepager-title"><span class="onepager-id">AP7 TIDLIGFASE</span> Tidligfaseenheter i Norge</h1>',
        '<p class="onepager-goal"><strong>Mål:</strong> Være et nettverk for erfaringsdeling mellom '
        "tidligfaseenhetene og et kontaktpunkt for beste praksis mellom universitetssykehusene.</p>",
        '<dl class="onepager-facts">',
        "<div><dt>Fase</dt><dd>Drift (egeninnsats fra partnerne), prosjektmidler til 2017</dd></div>",
        "<div><dt>Periode</dt><dd>NorCRIN 1 (2015–2020)</dd></div>",
        "<div><dt>Leder</dt><dd>Hasse Zarè, OUS</dd></div>",
        "<div><dt>Nestleder</dt><dd>Thomas Kadar, HUS</dd></div>",
        "<div><dt>Partnere</dt><dd>OUS, Ahus, SUS, HUS, St. Olav, UNN</dd></div>",
        "<div><dt>Kontakt</dt><dd>Hasse Zarè (leder), OUS</dd></div>",
        '<div><dt>Sist gjennomgått</dt><dd><time datetime="2026-11-26">26. november 2026</time></dd></div>',
        "</dl>",
        '<p class="onepager-download"><a href="../AP7.pdf" type="application/pdf">'
        "Last ned OnePageren som PDF (én A4-side)</a></p>",
    ]


def test_working_group_names_its_package_and_links_back():
    pages = load_onepagers(ROOT, "onepagers", REAL_TODAY)
    page = pages.by_id("AP1-JUS")
    html = render_onepager_page(page, pages, [], link, "<p>Brødtekst</p>", "https://example.org/onepagers/ap1-jus/")
    assert '<p class="onepager-kicker">OnePager · Arbeidsgruppe under AP1 LED</p>' in html
    assert "<dt>Nestleder</dt>" not in html
    assert '<div class="onepager-body">\n<p>Brødtekst</p>\n</div>' in html
    assert html.endswith(
        '<p class="onepager-related">Gruppen hører til <a href="/onepagers/ap1.md">AP1 LED – Koordinering og ledelse '
        '(sekretariatet)</a>. <a href="/onepagers/index.md">Alle arbeidspakker og arbeidsgrupper i NorCRIN</a>.</p>\n'
        '<p class="onepager-url">Nettside: <a href="https://example.org/onepagers/ap1-jus/">'
        "https://example.org/onepagers/ap1-jus/</a></p>\n</div>\n"
    )
    assert "AP1 JUS eier ingen prosedyrer på dette nettstedet." in html


def test_owned_sops_are_listed_with_drafts_marked_and_withdrawn_left_out():
    pages = load_onepagers(ROOT, "onepagers", REAL_TODAY)
    sops = [
        _sop("CT-SOP-02", "AP2 SOP", language="en"),
        _sop("CT-SOP-01", "AP2 SOP", "draft"),
        _sop("CT-SOP-00", "AP2 SOP", "withdrawn"),
        _sop("DM-SOP-01", "AP8 DATA"),
    ]
    html = render_owned_sops(pages.by_id("AP2"), pages, sops, link)
    assert html.splitlines() == [
        '<section class="onepager-sops" aria-labelledby="onepager-sops-title">',
        '<h2 id="onepager-sops-title">SOP-er som AP2 SOP eier</h2>',
        '<ul class="onepager-sops__list">',
        '<li><a href="/sops/ct-sop-01.md"><span class="sop-id">CT-SOP-01</span> '
        '<span class="onepager-sop-title">Tittel CT-SOP-01</span></a> (utkast)</li>',
        '<li><a href="/sops/ct-sop-02.md"><span class="sop-id">CT-SOP-02</span> '
        '<span lang="en" class="onepager-sop-title">Tittel CT-SOP-02</span></a></li>',
        "</ul>",
        "</section>",
    ]


def test_long_sop_list_prints_compact():
    pages = load_onepagers(ROOT, "onepagers", REAL_TODAY)
    page = pages.by_id("AP2")
    many = [_sop(f"CT-SOP-{number:02d}", "AP2 SOP") for number in range(1, 26)]
    assert '<ul class="onepager-sops__list onepager-sops__list--compact">' in render_owned_sops(page, pages, many, link)
    assert '<ul class="onepager-sops__list">' in render_owned_sops(page, pages, many[:24], link)


def test_old_id_page_says_where_the_package_went():
    pages = load_onepagers(ROOT, "onepagers", REAL_TODAY)
    ap4 = pages.merged()[0]
    assert render_merged_page(ap4, link) == (
        '---\ntitle: "AP4 er slått sammen med AP12 IND"\n---\n\n'
        "# AP4 er slått sammen med AP12 IND\n\n"
        "<p>Arbeidspakken AP4 «Etablere samarbeid med forskere og industri» ble slått sammen med AP12 IND "
        "høsten 2022. Arbeidet videreføres der.</p>\n\n"
        '<p><a href="/onepagers/ap12.md">Gå til OnePageren for AP12 IND – Industrisamarbeid</a></p>\n'
    )
