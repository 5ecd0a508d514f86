"""Edits as real editors make them: quoted dates, wrong types, odd files, empty bodies (issue 11).

Every case runs the real `sop check`, `sop review` or `mkdocs build` on the fixture site
with one file changed, and asserts the exact lines.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import markdown
from build_support import FIXTURE_SOPS, make_project, run_build

from sopmodel.site.search import GlossaryEntry, render_glossary_page

TODAY = "2026-11-26"
ATOM = "{http://www.w3.org/2005/Atom}"
# The smallest valid PNG (1 x 1 pixel): the image file an SOP shows.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def sop(*args: str, cwd: Path, today: str = TODAY) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOP_TODAY": today}
    return subprocess.run(
        [sys.executable, "-m", "sopmodel.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def project_with(tmp_path: Path, edits: dict[str, tuple[str, str] | str | None]) -> Path:
    """The fixture site with files replaced (old, new), written (text) or removed (None)."""
    sops = tmp_path / "sops"
    shutil.copytree(FIXTURE_SOPS, sops)
    for name, edit in edits.items():
        path = sops / name
        if edit is None:
            path.unlink()
        elif isinstance(edit, tuple):
            text = path.read_text(encoding="utf-8")
            assert edit[0] in text, edit[0]
            path.write_text(text.replace(edit[0], edit[1]), encoding="utf-8")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit, encoding="utf-8")
    return make_project(tmp_path / "p", sops=sops)


def test_quoted_last_reviewed_on_is_a_date_in_check_review_and_build(tmp_path):
    project = project_with(
        tmp_path, {"ct-sop-01.md": ("last_reviewed_on: 2023-01-10", 'last_reviewed_on: "2023-01-10"')}
    )
    check = sop("check", cwd=project)
    assert (check.returncode, check.stdout, check.stderr) == (0, "OK: 7 SOP files checked, no problems.\n", "")
    review = sop("review", "--format", "json", cwd=project)
    assert review.returncode == 0, review.stderr
    listed = [sop for group in json.loads(review.stdout)["owners"] for sop in group["sops"]]
    assert ("CT-SOP-01", "2026-01-10") in [(item["id"], item["review_by"]) for item in listed]
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    assert build.log_lines("SOP review overdue") == [
        "WARNING -  SOP review overdue: sops/ct-sop-01.md: CT-SOP-01 'Søknad og godkjenning i CTIS' "
        "was due for review on 2026-01-10 (owner: AP2 SOP)"
    ]


def test_quoted_review_by_and_withdrawn_on_take_effect(tmp_path):
    project = project_with(
        tmp_path,
        {
            "gen-sop-01.md": ("category: Generelt", 'category: Generelt\nreview_by: "2026-01-01"'),
            "ct-sop-02.md": ("phase: conduct", 'phase: conduct\nwithdrawn_on: "2026-11-01"'),
        },
    )
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    assert build.log_lines("SOP review overdue: sops/gen-sop-01.md") == [
        "WARNING -  SOP review overdue: sops/gen-sop-01.md: GEN-SOP-01 'Informert samtykke' was due for review on "
        "2026-01-01 (owner: AP2 SOP)"
    ]
    report = json.loads((build.site / "review-report.json").read_text(encoding="utf-8"))
    assert {item["id"]: item["status"] for item in report["sops"]}["CT-SOP-02"] == "withdrawn"
    assert "Trukket tilbake" in build.html("sop/ct-sop-02")


def test_wrong_types_are_errors_with_lines_not_tracebacks(tmp_path):
    project = project_with(
        tmp_path,
        {
            "ct-sop-01.md": ("phase: start-up", "phase: start-up\naliases: 2024-02-29"),
            "ct-sop-02.md": ("phase: conduct", "phase: conduct\nattachments: 0x1F"),
        },
    )
    result = sop("check", cwd=project)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        "sops/ct-sop-01.md:13: 'aliases': expected a list, got '2024-02-29'. Fix: write a list, e.g. "
        "aliases: [2024-02-29].",
        "sops/ct-sop-02.md:12: 'attachments': expected a list, got the number 31. Fix: write a list, e.g. "
        "attachments: [the number 31].",
        "2 problems in 2 files (7 SOP files checked).",
    ]


def test_front_matter_and_link_errors_come_in_one_run(tmp_path):
    project = project_with(
        tmp_path,
        {"gen-sop-01.md": ("language: nb", "language: norsk")},
    )
    path = project / "sops" / "gen-sop-01.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSe [[CT-SOP-1]].\n", encoding="utf-8")
    result = sop("check", cwd=project)
    assert result.stdout.splitlines() == [
        "sops/gen-sop-01.md:4: 'language': expected one of nb, nn, en, got 'norsk'. Fix: use one of: nb, nn, en.",
        "sops/gen-sop-01.md:21: '[[CT-SOP-1]]': expected the id of an existing SOP, got 'CT-SOP-1', which no SOP "
        "has. Fix: write [[CT-SOP-01]], the closest existing id.",
        "2 problems in 1 file (7 SOP files checked).",
    ]


def test_a_broken_link_is_counted_in_one_file(tmp_path):
    project = project_with(tmp_path, {})
    path = project / "sops" / "ct-sop-01.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSe [[XYZ-1]].\n", encoding="utf-8")
    result = sop("check", cwd=project)
    assert result.stdout.splitlines()[-1] == "1 problem in 1 file (7 SOP files checked)."


def test_one_discovery_rule_for_check_and_build(tmp_path):
    sub = (FIXTURE_SOPS / "mu-sop-01.md").read_text(encoding="utf-8").replace("MU-SOP-01", "MU-SOP-02")
    project = project_with(
        tmp_path,
        {
            "_utkast.md": "---\nid: [broken\n---\n",
            ".skjult.md": "---\nid: [broken\n---\n",
            "mu/mu-sop-02.md": sub.replace("withdrawn_on: 2027-01-15\n", ""),
            "figur.png": "not really a PNG, but an asset",
        },
    )
    check = sop("check", cwd=project)
    assert (check.returncode, check.stdout) == (0, "OK: 8 SOP files checked, no problems.\n")
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    assert "MU-SOP-02" in build.html("sop/mu-sop-02")
    assert (build.site / "sops" / "figur.png").is_file()
    assert not list(build.site.rglob("*utkast*")) and not list(build.site.rglob("*skjult*"))


def test_active_sop_without_text_is_an_error(tmp_path):
    front = (FIXTURE_SOPS / "gen-sop-01.md").read_text(encoding="utf-8").split("---\n")[1]
    project = project_with(tmp_path, {"gen-sop-01.md": f"---\n{front}---\n"})
    result = sop("check", cwd=project)
    assert result.stdout.splitlines() == [
        "sops/gen-sop-01.md:12: expected the text of an active SOP, got an empty body. Fix: an active SOP needs at "
        "least '## Formål' and a section such as '## Fremgangsmåte', each with text under it; or set "
        "'status: draft' until the text is written.",
        "1 problem in 1 file (7 SOP files checked).",
    ]
    draft = project_with(
        tmp_path / "draft", {"gen-sop-01.md": f"---\n{front.replace('status: active', 'status: draft')}---\n"}
    )
    assert sop("check", cwd=draft).returncode == 0


def test_unsafe_link_schemes_are_content_errors(tmp_path):
    project = project_with(
        tmp_path,
        {
            "ct-sop-01.md": (
                "Se punktene i denne prosedyren.",
                'Se [her](javascript:alert(1)) og <a href=" JaVa&#115;cript:x">her</a>.\n\n'
                "![ok](data:image/png;base64,AAAA) og `[kode](javascript:x)`.",
            ),
            "ct-sop-02.md": (
                "phase: conduct",
                "phase: conduct\nattachments:\n  - title: Skjema\n    file: vbscript:run",
            ),
            "vedlegg/consent-checklist.md": ("- [ ]", "[data](data:text/html,<b>x</b>)\n\n- [ ]"),
        },
    )
    onepager = project / "onepagers" / "ap2.md"
    onepager.write_text(onepager.read_text(encoding="utf-8") + "\n[x](javascript:void(0))\n", encoding="utf-8")
    lines = sop("check", cwd=project).stdout.splitlines()
    onepager_line = len(onepager.read_text(encoding="utf-8").splitlines())
    fix = "Fix: link to an https:// address, an SOP with [[ID]], or a file; remove the script."
    assert lines == [
        f"onepagers/ap2.md:{onepager_line}: expected a web address or a file, got a 'javascript:' address "
        f"('javascript:void(0'). {fix}",
        f"sops/ct-sop-01.md:21: expected a web address or a file, got a 'javascript:' address (' JaVa&#115;cript:x'). {fix}",
        f"sops/ct-sop-01.md:21: expected a web address or a file, got a 'javascript:' address ('javascript:alert(1'). {fix}",
        "sops/ct-sop-02.md:14: 'attachments[0].file': expected a file name, got the address 'vbscript:run'. "
        "Fix: give the attachment's file name, e.g. vedlegg/sjekkliste.docx.",
        "sops/vedlegg/consent-checklist.md:3: expected a web address or a file, got a 'data:' address "
        f"('data:text/html,<b'). {fix}",
        "5 problems in 4 files (7 SOP files checked).",
    ]


def test_bad_bytes_and_tabs_name_the_line_and_the_fix(tmp_path):
    project = project_with(tmp_path, {"gen-sop-01.md": ("category: Generelt", "category: Generelt\n\ttags: [a]")})
    (project / "sops" / "ct-sop-01.md").write_bytes(b"---\nid: CT-SOP-01\ntitle: S\xf8knad\n---\n")
    lines = sop("check", cwd=project).stdout.splitlines()
    assert lines == [
        "sops/ct-sop-01.md:3: expected UTF-8 text, got the byte 0xF8, which is not. Fix: save the file as UTF-8 "
        "(in Word or Notepad: 'Save as', encoding UTF-8).",
        "sops/gen-sop-01.md:11: YAML syntax error: found character '\\t' that cannot start any token. "
        "Fix: replace the tab with spaces: YAML indents with spaces only.",
        "2 problems in 2 files (7 SOP files checked).",
    ]


def test_hostile_text_is_escaped_in_pages_feed_calendar_and_glossary(fixture_build, tmp_path):
    for page in [*fixture_build.site.rglob("*.html"), fixture_build.site / "feed.xml"]:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in text, page
        assert 'href="javascript:' not in text.replace(" ", ""), page
    changes = fixture_build.html("nylig-endret")
    assert "&lt;script&gt;alert('summary')&lt;/script&gt; [click](javascript:alert(2)) *bold* | pipe</li>" in changes
    feed = ET.fromstring((fixture_build.site / "feed.xml").read_bytes())
    summaries = [entry.findtext(f"{ATOM}summary") for entry in feed.iter(f"{ATOM}entry")]
    assert "<script>alert('summary')</script> [click](javascript:alert(2)) *bold* | pipe" in summaries
    calendar = sop("review", "--format", "ics", "--all", cwd=fixture_build.project)
    assert calendar.returncode == 0, calendar.stderr
    events = icalendar.Calendar.from_ical(calendar.stdout).walk("VEVENT")
    titles = [str(event["SUMMARY"]) for event in events]
    assert any('<script>alert("title")</script> & "quotes"' in title for title in titles), titles
    entry = GlossaryEntry(("<b>X</b>", "[y](javascript:alert(3))"), "*fet* <img src=x>", "[z](data:text/html,x)")
    html = markdown.markdown(render_glossary_page([entry]), extensions=["def_list", "md_in_html"])
    for markup in ("<b>", "<img", "href=", "<em>"):
        assert markup not in html, markup
    assert "<strong>&lt;b&gt;X&lt;/b&gt;</strong> ([y](javascript:alert(3)))" in html


def test_scripts_in_raw_html_are_content_errors(tmp_path):
    body = (
        'Se punktene i denne prosedyren.\n\n<svg onload="alert(8)"></svg> <img src=x.png onerror="alert(9)"> '
        "<script>alert(10)</script>\n\n`<script>` og `<b onclick=x>` i kode er tekst.\n\n"
        '<IFRAME src="https://x.example"></IFRAME>\n\nEt avsnitt.\n{: onmouseover="alert(1)" }\n\n'
        '<meta http-equiv="refresh" content="0;url=https://evil.example/"> <style>body{display:none}</style>'
    )
    project = project_with(tmp_path, {"ct-sop-01.md": ("Se punktene i denne prosedyren.", body)})
    (project / "sops" / "x.png").write_bytes(PNG)
    lines = sop("check", cwd=project).stdout.splitlines()
    why = (
        "content runs no script, loads nothing from other sites and keeps the site's style. "
        "Fix: remove it; link to a video, form or page with an https:// address instead."
    )
    got = "sops/ct-sop-01.md:{}: expected text, Markdown or plain HTML, got {}: " + why
    assert lines == [
        got.format(23, "a <script> element"),
        got.format(23, "a <svg> element"),
        got.format(23, "an 'onerror' attribute"),
        got.format(23, "an 'onload' attribute"),
        got.format(27, "an <iframe> element"),
        got.format(30, "an 'onmouseover' attribute"),
        got.format(32, "a <meta> element"),
        got.format(32, "a <style> element"),
        "8 problems in 1 file (7 SOP files checked).",
    ]


def test_a_title_is_text_wherever_it_is_shown(tmp_path):
    # Markdown and an [[ID]] in a title stay text in the links other pages make to it.
    title = "Søknad [x](javascript:alert(2)) [[GEN-SOP-01]] *ikke kursiv*"
    project = project_with(tmp_path, {"ct-sop-01.md": ("title: Søknad og godkjenning i CTIS", f'title: "{title}"')})
    build = run_build(project, "--strict")
    assert build.returncode == 0, build.stderr
    pages = [path.read_text(encoding="utf-8") for path in build.site.rglob("*.html")]
    assert not any('href="javascript' in page or "<em>ikke kursiv</em>" in page for page in pages)
    link = (
        '<a class="sop-ref" href="../ct-sop-01/" lang="nb">CT-SOP-01 Søknad [x](javascript:alert(2)) '
        "[[GEN-SOP-01]] *ikke kursiv*</a>"
    )
    assert link in build.html("sop/ct-sop-02")
    # The search page's A-Z list (its own templates) writes the same text, "[" as an entity.
    assert "Søknad &#91;x](javascript:alert(2)) &#91;&#91;GEN-SOP-01]] *ikke kursiv*" in build.html("sok")


def test_a_number_for_a_text_is_quoted_as_written_and_a_nested_field_twice_is_an_error(tmp_path):
    project = project_with(
        tmp_path,
        {
            "ct-sop-01.md": ('version: "2.0"', "version: 3.10\ntags: [a, 3]"),
            "xss-sop-01.md": ("    date: 2026-01-01\n", "    date: 2026-01-01\n    date: 2026-01-02\n"),
        },
    )
    lines = sop("check", cwd=project).stdout.splitlines()
    assert lines == [
        "sops/ct-sop-01.md:5: 'version': expected a text, got 3.10, which YAML reads as the number 3.1. "
        'Fix: put the value in quotes, e.g. version: "3.10".',
        "sops/ct-sop-01.md:6: 'tags[1]': expected a text, got the number 3. Fix: put the value in quotes: \"3\".",
        "sops/xss-sop-01.md:15: 'changelog[0].date': field is given twice; only the last one would count. "
        "Fix: remove one of the two lines.",
        "3 problems in 2 files (7 SOP files checked).",
    ]


def test_an_unclosed_front_matter_is_one_error_and_its_id_still_counts(tmp_path):
    project = project_with(tmp_path, {})
    path = project / "sops" / "ct-sop-01.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    closing = next(index for index, line in enumerate(lines) if index and line.startswith("---"))
    path.write_text("".join(lines[:closing] + lines[closing + 1 :]), encoding="utf-8")
    # CT-SOP-02 links to [[CT-SOP-01]]: that link is not reported as naming no SOP.
    assert sop("check", cwd=project).stdout.splitlines() == [
        "sops/ct-sop-01.md:1: expected a closing '---' after the front matter, found the end of the file. "
        "Fix: add a line '---' after the last field.",
        "1 problem in 1 file (7 SOP files checked).",
    ]


def test_an_image_without_a_description_is_found_by_check_with_its_line(tmp_path):
    body = "Se punktene i denne prosedyren.\n\n![](figur.png) og `![](kode.png)`.\n\n![Flytskjema](figur.png)"
    project = project_with(tmp_path, {"ct-sop-01.md": ("Se punktene i denne prosedyren.", body)})
    (project / "sops" / "figur.png").write_bytes(PNG)
    assert sop("check", cwd=project).stdout.splitlines() == [
        "sops/ct-sop-01.md:23: expected a description of the image 'figur.png', got an empty alt text. "
        "Fix: describe the image in ![description](figur.png).",
        "1 problem in 1 file (7 SOP files checked).",
    ]


def test_an_image_file_that_is_missing_is_found_by_check_with_its_line(tmp_path):
    body = (
        "Se punktene i denne prosedyren.\n\n![Flytskjema](vedlegg/flyt.png)\n\n![Logo](Figur.png) og "
        '`![Kode](borte.png)`\n\n<img alt="Skjema" src="skjema%20ny.png">\n\n'
        "![Ekstern](https://example.org/a.png) ![Data](data:image/png;base64,AAAA)"
    )
    project = project_with(tmp_path, {"ct-sop-01.md": ("Se punktene i denne prosedyren.", body)})
    (project / "sops" / "figur.png").write_bytes(PNG)
    fix = "Fix: add the file beside the SOP (e.g. in vedlegg/) or correct the name; names are case-sensitive."
    assert sop("check", cwd=project).stdout.splitlines() == [
        f"sops/ct-sop-01.md:23: expected the image file 'sops/vedlegg/flyt.png', found none. {fix}",
        f"sops/ct-sop-01.md:25: expected the image file 'sops/Figur.png', found none. {fix}",
        f"sops/ct-sop-01.md:27: expected the image file 'sops/skjema ny.png', found none. {fix}",
        "sops/ct-sop-01.md:29: expected an image file in the repository, got the web address "
        "'https://example.org/a.png': the site loads nothing from other hosts. "
        "Fix: download the image into the repository (e.g. sops/vedlegg/) and give its file name.",
        "4 problems in 1 file (7 SOP files checked).",
    ]


def test_the_changelog_has_no_day_to_come(tmp_path):
    project = project_with(tmp_path, {})
    path = project / "sops" / "xss-sop-01.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    date: 2026-01-01", "    date: 2099-02-15"), encoding="utf-8"
    )
    assert sop("check", cwd=project).stdout.splitlines() == [
        "sops/xss-sop-01.md:14: 'changelog[0].date': expected the date of a change made, on or before today "
        "(2026-11-26), got 2099-02-15. Fix: write the day the change was approved.",
        "1 problem in 1 file (7 SOP files checked).",
    ]


def test_the_calendars_last_day_is_a_day_like_any_other(tmp_path):
    # An SOP made on 9999-12-31 is due for review after year 9999: the build raised
    # "year 10002 is out of range"; the calendar's last day stands in for the due date.
    project = project_with(tmp_path, {})
    made = sop("new", "--title", "Grense", cwd=project, today="9999-12-31")
    check = sop("check", cwd=project, today="9999-12-31")
    build = run_build(project, today="9999-12-31")
    assert made.returncode == 0, made.stderr
    assert check.stdout.splitlines()[-1] == "OK: 8 SOP files checked, no problems."
    assert build.returncode == 0, build.stderr[-2000:]
    assert "Traceback" not in build.stderr
    page = made.stdout.split("Created sops/", 1)[1].split(".md", 1)[0]
    assert "9999-12-31" in build.html(f"sop/{page}")


def test_a_link_to_a_file_outside_the_project_is_an_error_and_never_published(tmp_path):
    project = project_with(tmp_path, {})
    secret = tmp_path / "secret.txt"
    secret.write_text("FAKE_SECRET=hunter2\n", encoding="utf-8")
    (project / "sops" / "env.png").symlink_to(secret)
    (project / "sops" / "vedlegg").mkdir(exist_ok=True)
    (project / "sops" / "vedlegg" / "pw.txt").symlink_to(secret)
    (project / "sops" / "inside.png").symlink_to(project / "mkdocs.yml")  # inside the project: fine
    fix = "Fix: copy the file into the repository, or remove the link."
    assert sop("check", cwd=project).stdout.splitlines() == [
        f"sops/env.png: expected a file in the repository, got a link to {secret}, outside it. {fix}",
        f"sops/vedlegg/pw.txt: expected a file in the repository, got a link to {secret}, outside it. {fix}",
        "2 problems in 2 files (7 SOP files checked).",
    ]
    (project / "sops" / "env.png").unlink()
    (project / "sops" / "vedlegg" / "pw.txt").unlink()
    (project / "docs" / "pw.txt").symlink_to(secret)
    build = run_build(project)
    assert f"ERROR   -  docs/pw.txt: expected a file in the repository, got a link to {secret}, outside it. {fix}" in (
        build.stderr.splitlines()
    )
    assert not list(build.site.rglob("pw.txt"))
    assert "FAKE_SECRET" not in "".join(p.read_text(errors="replace") for p in build.site.rglob("*.txt"))


def test_an_attachment_outside_the_sop_folder_is_a_check_error_with_its_line(tmp_path):
    # ../README.md is in the repository but not published: the build failed naming no file.
    edit = (
        "    file: vedlegg/consent-checklist.md",
        "    file: vedlegg/consent-checklist.md\n  - title: Les meg\n    file: ../README.md",
    )
    project = project_with(tmp_path, {"gen-sop-01-en.md": edit})
    (project / "README.md").write_text("# Les meg\n", encoding="utf-8")
    assert sop("check", cwd=project).stdout.splitlines() == [
        "sops/gen-sop-01-en.md:17: 'attachments[1].file': expected a file in the sops/ folder, got '../README.md'. "
        "Fix: put the attachment beside the SOP, e.g. in vedlegg/.",
        "1 problem in 1 file (7 SOP files checked).",
    ]


def test_control_characters_written_as_escapes_or_in_the_body_are_errors(tmp_path):
    # "\u0007" in quotes made feed.xml no XML; "\e[31m" coloured the terminal of `sop review`.
    project = project_with(tmp_path, {})
    path = project / "sops" / "gen-sop-01-en.md"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(title, 'title: "Informed \\e[31mconsent"') + "Tekst \x00 her.\n", encoding="utf-8")
    lines = sop("check", cwd=project).stdout.splitlines()
    body_line = len(path.read_text(encoding="utf-8").splitlines())
    assert lines == [
        "sops/gen-sop-01-en.md:3: 'title': expected text, got the invisible character U+001B "
        "(written as an escape such as \\x1b). Fix: delete the escape.",
        f"sops/gen-sop-01-en.md:{body_line}: expected text, got the invisible character U+0000. "
        "Fix: delete the character (retype the line); it often comes from copying out of a PDF.",
        "2 problems in 1 file (7 SOP files checked).",
    ]
