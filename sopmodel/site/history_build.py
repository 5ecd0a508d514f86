"""The version history's side of one site build, without MkDocs.

`SiteBuild` holds one `HistoryBuild` and asks it which pages to add (each old version
and each SOP's history), where they are written, their Markdown, and what to log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

from sopmodel.model.collection import Collection
from sopmodel.model.history import History, PublishedVersion, SopHistory, load_history
from sopmodel.site.history_cache import CACHE_DIR, RenderCache
from sopmodel.site.history_pages import HistoryPaths, render_history_page, render_version_page


@dataclasses.dataclass(frozen=True)
class _Page:
    history: SopHistory
    version: PublishedVersion | None  # None: the history page


@dataclasses.dataclass
class HistoryBuild:
    """The history pages of one build.

    Attributes:
        history: Every SOP's published versions (only the current ones when git has none).
        enabled: Whether old versions and history pages are published (setting ``history``).
    """

    history: History
    enabled: bool = True
    project_dir: Path = Path()
    cache: RenderCache = dataclasses.field(default_factory=lambda: RenderCache(Path(CACHE_DIR)))

    @classmethod
    def load(cls, project_dir: Path, collection: Collection, folder: str, enabled: bool) -> HistoryBuild:
        """Read the history from git, when it is published (else only current versions and changelogs)."""
        if not enabled:
            return cls(load_history(project_dir, collection, folder, use_git=False), enabled=False)
        history = load_history(project_dir, collection, folder)
        return cls(history, True, project_dir, RenderCache(project_dir / CACHE_DIR))

    @classmethod
    def disabled(cls) -> HistoryBuild:
        """Return a build that publishes no history."""
        return cls(History({}, available=False), enabled=False)

    @property
    def problem(self) -> str:
        """Why git could not give the history ("" when it did, or when there is no repository at all)."""
        return self.history.problem if self.enabled else ""

    def _pages(self) -> dict[str, _Page]:
        pages: dict[str, _Page] = {}
        if not self.enabled:
            return pages
        for sop_history in self.history.sops.values():
            paths = HistoryPaths(sop_history.sop)
            pages[paths.history_src] = _Page(sop_history, None)
            for version in sop_history.old_versions:
                pages[paths.version_src(version)] = _Page(sop_history, version)
        return pages

    @functools.cached_property
    def pages(self) -> dict[str, _Page]:
        """Every history page by source path (computed once: the hooks ask often)."""
        return self._pages()

    def is_history_page(self, src_uri: str) -> bool:
        """Whether `src_uri` is an old version's page or a history page."""
        return src_uri in self.pages

    def dest_uri(self, src_uri: str, use_directory_urls: bool) -> str | None:
        """Return where a history page is written, or None for any other page."""
        page = self.pages.get(src_uri)
        return HistoryPaths(page.history.sop).dest(src_uri, use_directory_urls) if page else None

    def render(self, linker: Callable[[str], Callable[[str], str]], today: dt.date, repo_url: str) -> dict[str, str]:
        """Return the Markdown of every history page, by source path."""
        rendered = {}
        for src_uri, page in self.pages.items():
            link = linker(src_uri)
            if page.version is None:
                rendered[src_uri] = render_history_page(page.history, link, today, repo_url, self.history.available)
            else:
                folder = (self.project_dir / page.history.sop.path).parent
                rendered[src_uri] = render_version_page(page.history, page.version, link, repo_url, folder)
        return rendered
