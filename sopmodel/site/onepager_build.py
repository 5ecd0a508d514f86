"""The OnePager side of one site build (issue 7), without MkDocs.

`SiteBuild` holds one `OnePagerBuild` and forwards the hooks' questions to it: which
pages to generate (the old ids of merged packages), each page's title and HTML, and,
after the build, the PDFs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from sopmodel.model.collection import Sop
from sopmodel.model.issues import Issue
from sopmodel.model.onepagers import MergedPackage, OnePager, OnePagerSet, load_onepagers
from sopmodel.site import onepager_html
from sopmodel.site.pdf import html_to_pdf, print_document
from sopmodel.site.render import Linker

PRINT_STYLESHEET = "assets/print.css"
"""The print stylesheet in the built site, used for the PDFs as well."""


@dataclasses.dataclass
class OnePagerBuild:
    """The OnePagers of one build, and the HTML of each page once MkDocs has rendered it.

    Attributes:
        folder: The OnePager folder relative to the project (``onepagers``).
        pages: Every valid OnePager and the problems found.
        public_url: The site's public address (``https://.../``), printed on each
            OnePager and used for the links in its PDF; None prints site paths.
        printed: Page HTML and address by source path, collected for the PDFs.
        owned: How many SOPs each OnePager owns (the printed list), by source path.
    """

    folder: str
    pages: OnePagerSet
    public_url: str | None = None
    printed: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    owned: dict[str, int] = dataclasses.field(default_factory=dict)

    @classmethod
    def load(cls, project_dir: Path, folder: str, today: dt.date) -> OnePagerBuild:
        """Read and check the OnePagers in `folder`."""
        return cls(folder, load_onepagers(project_dir, folder, today))

    @property
    def issues(self) -> list[Issue]:
        """Every problem found in the OnePager files."""
        return self.pages.issues

    @property
    def index(self) -> str:
        """Source path of the hand-written index page."""
        return f"{self.folder}/index.md"

    def nav_paths(self, sources: Iterable[str]) -> list[str]:
        """Return the OnePager pages for the navigation: AP1, its groups, AP2 ... AP14, then any others."""
        ordered = self.pages.nav_paths()
        others = [
            src
            for src in sources
            if src.startswith(f"{self.folder}/") and src.endswith(".md") and src != self.index and src not in ordered
        ]
        return ordered + sorted(others)

    def merged_pages(self, sources: Iterable[str]) -> dict[str, MergedPackage]:
        """Return the pages to generate at the old ids of merged packages, unless a file is there."""
        taken = set(sources)
        pages = {onepager_html.merged_page_path(self.folder, item): item for item in self.pages.merged()}
        return {src: item for src, item in pages.items() if src not in taken}

    def render_merged_pages(self, sources: Iterable[str], linker_for: Callable[[str], Linker]) -> dict[str, str]:
        """Return the Markdown of each old-id page, by source path."""
        return {
            src: onepager_html.render_merged_page(item, linker_for(src))
            for src, item in self.merged_pages(sources).items()
        }

    def at_path(self, src_uri: str) -> OnePager | None:
        """Return the OnePager with this source path, if any."""
        return next((page for page in self.pages.onepagers if page.path == src_uri), None)

    def page_title(self, src_uri: str) -> str | None:
        """Return a OnePager's page title, or None for other pages."""
        page = self.at_path(src_uri)
        return onepager_html.page_title(page) if page else None

    def page_url(self, site_path: str) -> str:
        """Return the public address of the page at `site_path` (``onepagers/ap2/``).

        Example:
            >>> OnePagerBuild("onepagers", OnePagerSet([], []), "https://sop.example.org/").page_url("onepagers/ap2/")
            'https://sop.example.org/onepagers/ap2/'
        """
        if not self.public_url:
            return site_path
        return self.public_url.rstrip("/") + "/" + site_path.lstrip("/")

    def page_content(self, src_uri: str, html: str, site_path: str, sops: Iterable[Sop], link: Linker) -> str | None:
        """Return the full HTML of a OnePager or of the index page, or None for other pages.

        Args:
            src_uri: The page's source path.
            html: What MkDocs rendered from the page's Markdown.
            site_path: The page's URL in the site (``onepagers/ap2/``).
            sops: Every valid SOP, for the list of SOPs a package owns.
            link: Maps source paths to hrefs from this page.
        """
        page = self.at_path(src_uri)
        page_url = self.page_url(site_path)
        if page is not None:
            sops = list(sops)
            content = onepager_html.render_onepager_page(page, self.pages, sops, link, html, page_url)
            self.printed[src_uri] = (content, page_url)
            self.owned[src_uri] = len(self.pages.owned_sops(page, sops))
            return content
        if src_uri == self.index:
            return onepager_html.insert_index_table(html, onepager_html.render_index_table(self.pages, link))
        return None

    def pdf_paths(self) -> list[str]:
        """Return the site paths of the OnePager PDFs (written after the build)."""
        return [f"{page.path.rsplit('/', 1)[0]}/{page.pdf_name}" for page in self.pages.ordered()]

    def write_pdfs(self, site_dir: Path, url_of: Callable[[str], str]) -> list[Issue]:
        """Write ``<id>.pdf`` beside the OnePager pages in the built site.

        Links in the PDFs point to `public_url` when it is set, else into `site_dir`.

        Args:
            site_dir: The built site.
            url_of: Maps a source path to its site path (``onepagers/ap2/``).

        Returns:
            A warning for each OnePager whose PDF has more than one page.
        """
        issues = []
        stylesheet = site_dir / PRINT_STYLESHEET
        for src_uri, (content, page_url) in sorted(self.printed.items()):
            page = self.at_path(src_uri)
            if page is None:
                continue
            # Without a public address, relative links resolve inside the built site on disk.
            base_url = page_url if self.public_url else (site_dir / url_of(src_uri)).as_uri() + "/"
            document = print_document(content, onepager_html.page_title(page), str(page.meta["language"]))
            result = html_to_pdf(document, base_url, [stylesheet], site_dir, self.public_url)
            target = site_dir / self.folder / page.pdf_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(result.data)
            if result.pages != 1:
                issues.append(
                    Issue(
                        src_uri,
                        0,
                        "",
                        f"expected the printed OnePager ({page.pdf_name}) to fit one A4 page, "
                        f"got {result.pages} pages.",
                        "shorten the body text (about 250 words fit)"
                        + (
                            f"; the printed list of the {self.owned[src_uri]} SOPs it owns takes room too"
                            if self.owned.get(src_uri, 0) > onepager_html.COMPACT_LIST_FROM
                            else ""
                        )
                        + ".",
                    )
                )
        return issues
