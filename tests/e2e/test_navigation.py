"""Stable links, cross-references, backlinks, attachments, feedback and withdrawal (real builds)."""

from __future__ import annotations

import re
import shutil
import subprocess

from build_support import FIXTURE_SOPS, make_project, run_build


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_sop_pages_live_at_their_stable_link(fixture_build):
    pages = sorted(path.parent.name for path in (fixture_build.site / "sop").glob("*/index.html"))
    assert pages == [
        "ct-sop-01",
        "ct-sop-02",
        "gen-sop-01",
        "gen-sop-01-en",
        "lm-sop-04",
        "lm-sop-05",
        "mu-sop-01",
        "xss-sop-01",
    ]
    assert not (fixture_build.site / "sops" / "ct-sop-01").exists()


def test_alias_redirects_to_the_sop(fixture_build):
    assert (fixture_build.site / "sop" / "lm-sop-05" / "index.html").read_text(encoding="utf-8") == (
        '<!doctype html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n'
        "<title>CT-SOP-02 Sikkerhetsrapportering</title>\n"
        '<meta http-equiv="refresh" content="0; url=../ct-sop-02/">\n<link rel="canonical" href="../ct-sop-02/">\n'
        '<meta name="robots" content="noindex">\n</head>\n<body>\n'
        '<main><p>Prosedyren er flyttet: <a href="../ct-sop-02/">CT-SOP-02 Sikkerhetsrapportering</a>.</p></main>\n'
        "</body>\n</html>\n"
    )


def test_renaming_a_file_keeps_its_link(tmp_path):
    project = make_project(tmp_path)
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "Initial"], cwd=project, check=True)
    subprocess.run([*git, "mv", "sops/ct-sop-01.md", "sops/ctis-soknad.md"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "Rename"], cwd=project, check=True)
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    assert "CT-SOP-01</span> Søknad og godkjenning i CTIS</h1>" in build.html("sop/ct-sop-01")
    assert '<a class="sop-ref" href="../ct-sop-01/" lang="nb">CT-SOP-01 Søknad og godkjenning i CTIS</a>' in build.html(
        "sop/ct-sop-02"
    )
    assert "sops/ctis-soknad.md: CT-SOP-01" in build.stderr


def test_cross_references_render_with_current_title(fixture_build):
    html = fixture_build.html("sop/ct-sop-02")
    assert (
        '<p>Se også <a class="sop-ref" href="../ct-sop-01/" lang="nb">CT-SOP-01 Søknad og godkjenning i CTIS</a> og '
        '<a class="sop-ref" href="../gen-sop-01/">samtykkeprosedyren</a>. Skriv <code>[[CT-SOP-99]]</code> '
        "for å lenke.</p>"
    ) in html


def test_backlinks_list_referring_sops(fixture_build):
    assert (
        '<section class="sop-referrers" aria-labelledby="sop-referrers-title">\n'
        '<h2 id="sop-referrers-title">Referert fra</h2>\n'
        '<ul><li><a href="../ct-sop-02/"><span class="sop-id">CT-SOP-02</span> '
        '<span lang="nb">Sikkerhetsrapportering</span></a></li></ul>\n</section>'
    ) in fixture_build.html("sop/ct-sop-01")
    assert "sop-referrers" not in fixture_build.html("sop/ct-sop-02")


def test_unknown_cross_reference_stops_the_build(tmp_path):
    sops = tmp_path / "sops"
    shutil.copytree(FIXTURE_SOPS, sops)
    path = sops / "gen-sop-01.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSe [[CT-SOP-1]] og [[XYZ]].\n", encoding="utf-8")
    build = run_build(make_project(tmp_path / "p", sops=sops))
    assert build.returncode == 1
    assert build.log_lines("ERROR") == [
        "ERROR   -  sops/gen-sop-01.md:21: '[[CT-SOP-1]]': expected the id of an existing SOP, got 'CT-SOP-1', which "
        "no SOP has. Fix: write [[CT-SOP-01]], the closest existing id.",
        "ERROR   -  sops/gen-sop-01.md:21: '[[XYZ]]': expected the id of an existing SOP, got 'XYZ', which no SOP "
        "has. Fix: write the id of an SOP in sops/, e.g. [[CT-SOP-07]], or remove the brackets.",
        "ERROR   -  2 problems in 1 file (listed above) stop the build. Fix them and build again; 'sop check' lists "
        "them without building.",
    ]


def test_feedback_links_are_prefilled(fixture_build):
    html = fixture_build.html("sop/ct-sop-02")
    links = re.findall(r'<section class="sop-feedback".*?<ul>(.*?)</ul>', html, re.S)[0]
    assert links == (
        '<li><a href="https://github.com/norcrin/sop/issues/new?title=CT-SOP-02%20versjon%203.1%3A%20forslag%20til'
        "%20endring&amp;body=Side%3A%20https%3A%2F%2Fsop.norcrin.no%2Fsop%2Fct-sop-02%2F%0ASOP%3A%20CT-SOP-02%20"
        'Sikkerhetsrapportering%20%28versjon%203.1%29%0A%0AForslag%3A%0A&amp;labels=tilbakemelding">'
        "Foreslå endring (GitHub)</a></li>"
        '<li><a href="mailto:sop@norcrin.no?subject=CT-SOP-02%20versjon%203.1%3A%20forslag%20til%20endring&amp;'
        "body=Side%3A%20https%3A%2F%2Fsop.norcrin.no%2Fsop%2Fct-sop-02%2F%0ASOP%3A%20CT-SOP-02%20"
        'Sikkerhetsrapportering%20%28versjon%203.1%29%0A%0AForslag%3A%0A">Send forslag på e-post</a></li>'
        '<li><a href="https://github.com/norcrin/sop/edit/main/sops/ct-sop-02.md">Rediger filen (for redaktører)</a>'
        "</li>"
    )


def test_attachments_page_and_checklist(fixture_build):
    html = _article(fixture_build.html("maler-og-sjekklister"))
    assert (
        '<tr><td><a href="../sops/vedlegg/consent-checklist/">Consent checklist</a></td><td>MD</td><td>34 B</td>'
        '<td><a href="../sop/gen-sop-01-en/">GEN-SOP-01-EN</a></td></tr>'
    ) in html
    checklist = _article(fixture_build.html("sops/vedlegg/consent-checklist"))
    assert (
        '<p class="sop-download"><a href="../consent-checklist.md.txt" download="consent-checklist.md">'
        "Last ned sjekklisten (consent-checklist.md)</a></p>\n\n"
        '<ul class="sop-checklist">\n<li><input type="checkbox" id="check-1"> <label for="check-1">Signed</label>'
        "</li>\n</ul>"
    ) in checklist
    download = fixture_build.site / "sops" / "vedlegg" / "consent-checklist.md.txt"
    assert download.read_text(encoding="utf-8") == (FIXTURE_SOPS / "vedlegg" / "consent-checklist.md").read_text(
        encoding="utf-8"
    )


def test_missing_and_unused_attachments_are_reported(tmp_path):
    sops = tmp_path / "sops"
    shutil.copytree(FIXTURE_SOPS, sops)
    (sops / "vedlegg" / "orphan.docx").write_bytes(b"PK")
    path = sops / "ct-sop-01.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "category: CT\n", "category: CT\nattachments:\n  - title: Mal\n    file: vedlegg/mal.docx\n"
        ),
        encoding="utf-8",
    )
    build = run_build(make_project(tmp_path / "p", sops=sops))
    assert build.returncode == 1
    assert build.log_lines("sops/")[:2] == [
        "ERROR   -  sops/ct-sop-01.md:14: 'attachments[0].file': expected an existing file, got 'vedlegg/mal.docx', "
        "which does not exist. Fix: add the file to the repository or correct the name (it is relative to the SOP "
        "file).",
        "WARNING -  sops/vedlegg/orphan.docx: attachment that no SOP lists. Fix: add it to the 'attachments' of the "
        "SOPs that use it, or delete it.",
    ]


def test_phase_overview_in_order(fixture_build):
    html = _article(fixture_build.html("faser"))
    assert re.findall(r'<h2 id="fase-([a-z-]+)">([^<]+)</h2>', html) == [
        ("start-up", "Oppstart"),
        ("conduct", "Gjennomføring"),
        ("uten", "Uten fase"),
    ]
    assert (
        '<ul class="sop-phase-attachments"><li><a href="../sops/vedlegg/consent-checklist/">Consent checklist</a>'
        "</li></ul>" in html
    )


def test_withdrawn_on_moves_sop_to_archive(tmp_path):
    build = run_build(make_project(tmp_path), "--strict", today="2027-01-15")
    assert build.returncode == 0, build.stderr
    html = build.html("sop/mu-sop-01")
    assert "<p>Denne prosedyren er trukket tilbake og gjelder ikke lenger.</p>" in html
    assert re.findall(r"<tr><td>([A-Z0-9-]+)</td>", build.html("sops/arkiv")) == ["LM-SOP-04", "MU-SOP-01"]
    assert build.log_lines("SOP withdrawal") == []


def test_recent_changes_page_and_feed(fixture_build):
    html = _article(fixture_build.html("nylig-endret"))
    assert '<a href="../feed.xml">Atom-feed</a>' in html
    feed = (fixture_build.site / "feed.xml").read_text(encoding="utf-8")
    assert feed.startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')


def test_images_without_alt_text_are_reported(tmp_path):
    sops = tmp_path / "sops"
    shutil.copytree(FIXTURE_SOPS, sops)
    (sops / "figur.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = sops / "gen-sop-01.md"
    text = path.read_text(encoding="utf-8")
    # A Markdown image without a description is a content error: `sop check` and the build name its line.
    path.write_text(text + "\n![](figur.png)\n\n![Flytskjema](figur.png)\n", encoding="utf-8")
    line = len(text.splitlines()) + 2
    build = run_build(make_project(tmp_path / "p", sops=sops), "--strict")
    assert build.returncode == 1
    assert build.log_lines("image 'figur.png'") == [
        f"ERROR   -  sops/gen-sop-01.md:{line}: expected a description of the image 'figur.png', got an empty "
        "alt text. Fix: describe the image in ![description](figur.png).",
    ]
    # An HTML <img> without alt is found in the page the build writes.
    path.write_text(text + '\n<img src="figur.png">\n\n![Flytskjema](figur.png)\n', encoding="utf-8")
    build = run_build(make_project(tmp_path / "q", sops=sops), "--strict")
    assert build.returncode == 1
    assert build.log_lines("image 'figur.png'") == [
        "WARNING -  sops/gen-sop-01.md: image 'figur.png' (line 5 of the built page) has no alt text; describe it, "
        'or write alt="" if it is decorative',
    ]
