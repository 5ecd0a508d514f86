"""The "Nylig endret" page and its Atom feed, rendered from the changelogs."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from sop_repo import SOPS, make_repo

from sopmodel.model.collection import load_collection
from sopmodel.model.settings import ReviewSettings
from sopmodel.site.changes import recent_changes, render_atom_feed, render_recent_changes

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(tmp_path, today=dt.date(2026, 11, 26)):
    project = make_repo(
        tmp_path,
        {
            **SOPS,
            "xss.md": SOPS["ct-sop-02.md"]
            .replace("CT-SOP-02", "XSS-1")
            .replace("Periodic review 2024.", "<script>x</script> [link](y) | pipe"),
        },
    )
    return recent_changes(load_collection(project, ReviewSettings(), today))


def test_recent_changes_newest_first_and_not_in_the_future(tmp_path):
    entries = _entries(tmp_path, dt.date(2026, 11, 1))
    assert [(e.date.isoformat(), e.sop_id, e.version) for e in entries] == [
        ("2024-01-10", "CT-SOP-02", "3.2"),
        ("2024-01-10", "XSS-1", "3.2"),
        ("2023-12-20", "MU-SOP-01", "2.3"),
        ("2023-06-01", "CT-SOP-01", "2.1"),
        ("2021-01-15", "CT-SOP-01", "2.0"),
    ]  # GEN-SOP-02's item of 2026-11-02 lies after "today"


def test_recent_changes_page_groups_by_month_and_escapes(tmp_path):
    page = render_recent_changes(_entries(tmp_path)[:3], lambda src: f"../{src[:-3]}/", "feed.xml")
    assert page == (
        "---\ntitle: Nylig endret\n---\n\n# Nylig endret\n\n"
        "Nye versjoner og periodiske revisjoner av SOP-ene, nyeste først, hentet fra endringsloggen i hver SOP. "
        'Følg endringene med en nyhetsleser: <a href="feed.xml">Atom-feed</a>.\n'
        "\n## November 2026\n\n"
        '- **2026-11-02** <a href="../sops/gen-sop-02/" lang="nb">GEN-SOP-02 Samtykke</a>, versjon 0.9: '
        "Utkast på høring.\n"
        "\n## Januar 2024\n\n"
        '- **2024-01-10** <a href="../sops/ct-sop-02/" lang="en">CT-SOP-02 Protocol</a>, versjon 3.2: '
        "Periodic review 2024.\n"
        '- **2024-01-10** <a href="../sops/xss/" lang="en">XSS-1 Protocol</a>, versjon 3.2: '
        "&lt;script&gt;x&lt;/script&gt; \\[link\\](y) \\| pipe\n"
    )
    assert "Ingen endringer er registrert ennå." in render_recent_changes([], str, "feed.xml")


def test_atom_feed_is_valid_xml_with_stable_ids(tmp_path):
    entries = _entries(tmp_path)
    text = render_atom_feed(entries, "NorCRIN SOP", "https://sop.example.org/", lambda s: s[:-3] + "/", "feed.xml")
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2026-11-02T00:00:00Z"  # newest item, not the clock
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://sop.example.org/feed.xml"
    items = feed.findall(f"{ATOM}entry")
    assert len(items) == len(entries) == 6
    first = items[2]
    assert first.findtext(f"{ATOM}id") == "tag:norcrin.no,2024:sop/XSS-1/3.2/2024-01-10"
    assert first.findtext(f"{ATOM}summary") == "<script>x</script> [link](y) | pipe"
    assert first.find(f"{ATOM}link").get("href") == "https://sop.example.org/sops/xss/"
    assert first.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert "<script>" not in text
