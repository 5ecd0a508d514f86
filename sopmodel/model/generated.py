"""Where the generated pages and files are published: the one table of their paths.

Paths are source paths (as MkDocs names pages: ``revisjonsoversikt.md``); the site
turns them into addresses. The dashboard and the review register can be moved with
the settings `dashboard_path` and `export_file`; the others are fixed.
"""

from __future__ import annotations

import dataclasses

ATTACHMENTS_PAGE = "maler-og-sjekklister.md"
PHASES_PAGE = "faser.md"
CHANGES_PAGE = "nylig-endret.md"
GLOSSARY_PAGE = "ordliste.md"
FEED_FILE = "feed.xml"
IMPLEMENTATION_PAGE = "implementering.md"
SEARCH_PAGE = "sok.md"
POINT_IN_TIME_PAGE = "hva-gjaldt.md"


@dataclasses.dataclass(frozen=True)
class GeneratedPaths:
    """The source path of every page and file the build generates.

    Attributes:
        sop_index: The SOP overview (``sops/index.md``).
        dashboard: The review dashboard ("Revisjonsoversikt").
        export: The review register in JSON.
        attachments: Templates and checklists ("Maler og sjekklister").
        phases: SOPs by trial phase ("Hvilken SOP gjelder når").
        changes: Recent changes ("Nylig endret").
        glossary: The glossary ("Ordliste").
        feed: The Atom feed of recent changes.
        implementation: SOP x hospital ("Implementering").
        search: The full search page with filters and the A-Z list ("Søk").
        point_in_time: Which version of each SOP was in force on a date ("Hva gjaldt på en dato?").
    """

    sop_index: str
    dashboard: str
    export: str
    attachments: str = ATTACHMENTS_PAGE
    phases: str = PHASES_PAGE
    changes: str = CHANGES_PAGE
    glossary: str = GLOSSARY_PAGE
    feed: str = FEED_FILE
    implementation: str = IMPLEMENTATION_PAGE
    search: str = SEARCH_PAGE
    point_in_time: str = POINT_IN_TIME_PAGE

    @classmethod
    def for_site(cls, sops_dir: str, dashboard_path: str, export_file: str) -> GeneratedPaths:
        """Return the paths of a site with these settings."""
        return cls(f"{sops_dir}/index.md", dashboard_path, export_file)

    @property
    def fixed_pages(self) -> list[str]:
        """The generated pages other than the per-category overviews, in navigation order."""
        return [
            self.sop_index,
            self.phases,
            self.attachments,
            self.dashboard,
            self.implementation,
            self.changes,
            self.glossary,
            self.search,
            self.point_in_time,
        ]
