"""Translations kept in step: the version they were made from, a notice, a log line and the dashboard (issue 14)."""

from __future__ import annotations

import shutil

from build_support import FIXTURE_SOPS, make_project, run_build

BEHIND = (
    "INFO    -  SOP translation behind: sops/gen-sop-01-en.md: GEN-SOP-01-EN 'Informed consent' translates "
    "GEN-SOP-01 4.0, which is now 5.0 (owner: AP2 SOP)"
)


def test_a_translation_behind_its_original_says_so_in_its_own_language(fixture_build):
    assert fixture_build.log_lines("SOP translation") == [BEHIND]
    html = fixture_build.html("sop/gen-sop-01-en")
    start = html.index('<div class="admonition warning sop-notice sop-notice--translation">')
    assert html[start : html.index("</div>", start) + 6] == (
        '<div class="admonition warning sop-notice sop-notice--translation">\n'
        '<p class="admonition-title"><svg class="sop-icon" viewBox="0 0 24 24" width="16" height="16" '
        'aria-hidden="true" focusable="false"><path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 11h-5v-2h3V6h2v7z"/>'
        "</svg> Translation not up to date</p>\n"
        '<p><a href="../gen-sop-01/" hreflang="nb">The Norwegian version</a> has been updated since this '
        "translation (4.0 → 5.0).</p>\n</div>"
    )
    assert "sop-notice--translation" not in fixture_build.html("sop/gen-sop-01")
    dashboard = fixture_build.html("revisjonsoversikt")
    assert (
        '<tr><td><a href="../sop/gen-sop-01-en/" lang="en">GEN-SOP-01-EN</a></td><td><a href="../sop/gen-sop-01/" '
        'lang="nb">GEN-SOP-01</a></td><td>4.0</td><td>5.0</td><td><span class="sop-translation '
        'sop-translation--behind">Ikke oppdatert</span></td></tr>'
    ) in dashboard


def test_the_notice_clears_when_the_translation_catches_up(tmp_path):
    sops = tmp_path / "sops"
    shutil.copytree(FIXTURE_SOPS, sops)
    path = sops / "gen-sop-01-en.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace('translated_from_version: "4.0"', 'translated_from_version: "5.0"'),
        encoding="utf-8",
    )
    build = run_build(make_project(tmp_path / "p", sops=sops), "--strict")
    assert build.returncode == 0, build.stderr
    assert build.log_lines("SOP translation") == []
    assert "sop-notice--translation" not in build.html("sop/gen-sop-01-en")
    assert 'sop-translation--current">I takt</span>' in build.html("revisjonsoversikt")


def test_translation_of_a_withdrawn_sop_and_missing_version_are_errors(tmp_path):
    sops = tmp_path / "sops"
    shutil.copytree(FIXTURE_SOPS, sops)
    original = sops / "gen-sop-01.md"
    original.write_text(
        original.read_text(encoding="utf-8").replace("status: active", "status: withdrawn"), encoding="utf-8"
    )
    text = (sops / "gen-sop-01-en.md").read_text(encoding="utf-8")
    (sops / "copy-en.md").write_text(
        text.replace("GEN-SOP-01-EN", "GEN-SOP-01-EN2").replace('translated_from_version: "4.0"\n', ""),
        encoding="utf-8",
    )
    build = run_build(make_project(tmp_path / "p", sops=sops))
    assert build.returncode == 1
    assert build.log_lines("ERROR") == [
        "ERROR   -  sops/copy-en.md:11: 'translated_from_version': required with translation_of: the version of the "
        "original this translation was made from. Fix: add a line 'translated_from_version: \"3.2\"' with the "
        "version of GEN-SOP-01 you translated.",
        "ERROR   -  sops/gen-sop-01-en.md:11: 'translation_of': expected a translation of an SOP in force, got one of "
        "GEN-SOP-01, which is withdrawn. Fix: withdraw this translation too (status: withdrawn), or translate the "
        "SOP that replaces GEN-SOP-01.",
        "ERROR   -  2 problems in 2 files (listed above) stop the build. Fix them and build again; 'sop check' lists "
        "them without building.",
    ]
