"""Site search: what the Pagefind index gets beyond the page text (issues 5 and 15).

The search runs in the reader's browser on a Pagefind index (per-language stemming,
index fragments loaded on demand). This module is pure: it builds the extra text and
attributes each page is indexed with, loads the glossary editors extend, renders the
glossary page and writes the index after the build.

- Every page's content is wrapped in ``data-pagefind-body``, so navigation and footers
  (which list every SOP title on every page) are not indexed.
- SOP pages get their id in the forms people type (``CT-SOP-07``, ``ctsop7``, ``sop 07``)
  with the highest weight, the glossary terms of their title and tags with a high weight
  and those of their body with a low one, plus metadata for the result list.
- Withdrawn and superseded SOPs and generated list pages get the filter ``rank:low``.
- Every page gets the Pagefind filters of the search page (`FACETS`: status, owner, phase,
  language, family, kind), and after the build, before Pagefind runs, the parts of its
  Norwegian compounds (`add_compound_parts`, dictionary learned from all pages).
- Every page carries its kind (SOP, attachment, OnePager, glossary, list, other page);
  after indexing, Pagefind's fragments are read into a page table (``PAGES_FILE``), with
  which the browser (``overrides/assets/javascripts/sop-search.js``) ranks every hit:
  SOPs first for the same match, withdrawn/superseded SOPs and lists last, and of SOPs
  that match alike, those other pages link to (`count_links`) first.
"""

from __future__ import annotations

import dataclasses
import gzip
import html
import json
import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sopmodel.model.generated import GLOSSARY_PAGE, SEARCH_PAGE
from sopmodel.site.search.compounds import index_parts, learn_parts
from sopmodel.site.search.glossary import GlossaryEntry, glossary_terms

FACETS = ("status", "owner", "phase", "language", "family", "kind")
"""Pagefind filters every page carries, in the order the search page shows them."""
FACET_KIND = {"sop": "sop", "attachment": "template", "onepager": "onepager"}
"""The `kind` filter of a page kind (all other kinds are "page")."""
VOCABULARY_FILE = "search/vocabulary.json"
PAGES_FILE = "search/pages.json"
"""Every indexed page by Pagefind id: url, kind, title, SOP id, status and key words.

The browser ranks all of a query's hits with it, then loads Pagefind fragments (one
request each) only for the results it shows."""
KINDS = ("sop", "page", "attachment", "onepager", "glossary", "list")
"""Page kinds, in the order the browser prefers them for the same match."""
"""Words the browser may correct a typo to (titles, tags, glossary terms)."""
EXTRA_MARKER = "sopsøkeord"
"""Starts the hidden index text, so the browser can cut it off the result excerpt."""

_ID = re.compile(r"^(?P<family>[A-Za-z]+)-SOP-(?P<number>\d+)(?:-(?P<suffix>[A-Za-z]+))?$", re.IGNORECASE)


def id_forms(sop_id: str) -> list[str]:
    """Return the spellings of an SOP id that the browser's query normaliser produces.

    The browser turns ``CT-SOP-07``, ``ct sop 7`` and ``ctsop07`` into ``ctsop7``, and
    ``SOP 07`` or ``sop7`` into ``sop7``; the page carries both, and the id as written.

    Example:
        >>> id_forms("CT-SOP-07")
        ['ct-sop-07', 'ctsop7', 'ctsop07', 'sop7', 'sop07']
        >>> id_forms("GEN-SOP-02-EN")
        ['gen-sop-02-en', 'gensop2', 'gensop02', 'sop2', 'sop02', 'gensop2en', 'sop2en']
    """
    match = _ID.match(sop_id.strip())
    if match is None:
        return [sop_id.casefold()]
    family, digits = match["family"].casefold(), match["number"]
    number = str(int(digits))
    forms = [sop_id.casefold(), f"{family}sop{number}", f"{family}sop{digits}", f"sop{number}", f"sop{digits}"]
    if match["suffix"]:
        suffix = match["suffix"].casefold()
        forms += [f"{family}sop{number}{suffix}", f"sop{number}{suffix}"]  # "sop 02 en" too
    return list(dict.fromkeys(forms))


@dataclasses.dataclass(frozen=True)
class SearchPage:
    """What the index needs to know about one page besides its HTML.

    Attributes:
        sop_id: The SOP's id, "" for other pages.
        title: The SOP's title, "" for other pages (Pagefind takes their h1).
        status: ``active``, ``draft``, ``withdrawn``, ``superseded``; "" for other pages.
        status_label: The status in the page's language, shown in results.
        keywords: Title, tags and former ids: their glossary terms weigh high.
        body: The Markdown body: its glossary terms weigh low.
        generated: A generated list page (overviews, dashboard, recent changes).
        kind: One of `KINDS` ("" means "sop" for an SOP, "list" or "page" otherwise).
        attachments: The SOP's attachment files as in its front matter ("vedlegg/x.md").
        meta: The SOP's front matter, for the filters (owner, phase, language, category).
    """

    sop_id: str = ""
    title: str = ""
    status: str = ""
    status_label: str = ""
    keywords: str = ""
    body: str = ""
    generated: bool = False
    kind: str = ""
    attachments: Iterable[str] = ()
    meta: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def page_kind(self) -> str:
        """The kind the browser ranks by (see `KINDS`)."""
        if self.sop_id:
            return "sop"
        return self.kind or ("list" if self.generated else "page")

    @property
    def is_low(self) -> bool:
        """Ranked below active SOPs: withdrawn, superseded or a generated list."""
        return self.generated or self.status in {"withdrawn", "superseded"}

    @property
    def filters(self) -> dict[str, str]:
        """The Pagefind filters of the page (see `FACETS`): codes, labelled by the search page."""
        found = {"kind": FACET_KIND.get(self.page_kind, "page")}
        if self.sop_id:
            found["status"] = self.status
            for facet, field in (
                ("owner", "owner"),
                ("phase", "phase"),
                ("language", "language"),
                ("family", "category"),
            ):
                if self.meta.get(field):
                    found[facet] = str(self.meta[field])
        return found


def page_kind(src_uri: str, sops_dir: str, onepagers_dir: str, generated: bool) -> str:
    """Return the kind of a page that is not an SOP, from its source path.

    Example:
        >>> page_kind("sops/vedlegg/sjekkliste.md", "sops", "onepagers", False)
        'attachment'
        >>> page_kind("ordliste.md", "sops", "onepagers", True)
        'glossary'
    """
    if src_uri == GLOSSARY_PAGE:
        return "glossary"
    if src_uri == SEARCH_PAGE:
        return "search"
    if generated:
        return "list"
    if src_uri.startswith(f"{onepagers_dir}/"):
        return "onepager"
    if src_uri.startswith(f"{sops_dir}/"):
        return "attachment"
    return "page"


def wrap_for_index(content_html: str, page: SearchPage, glossary: Iterable[GlossaryEntry] = ()) -> str:
    """Return `content_html` wrapped for Pagefind, with the page's hidden index text.

    The hidden text is for the index only: ``hidden`` keeps it from readers, screen
    readers included, and the browser cuts it off result excerpts at `EXTRA_MARKER`.
    """
    if page.kind == "search":
        return content_html  # the search page's A-Z list names every SOP: not indexed
    glossary = tuple(glossary)
    attributes = ["data-pagefind-body"]
    # One key:value per attribute (Pagefind reads no lists); empty spans carry them.
    strong = glossary_terms(f"{page.title} {page.keywords}", glossary)
    fields = {"kind": page.page_kind}
    if page.sop_id:
        fields |= {"sop_id": page.sop_id, "sop_title": page.title, "status": page.status}
        fields["status_label"] = page.status_label
        # Tags, former ids and their glossary terms count like the title in the browser.
        fields["keys"] = " ".join(dict.fromkeys([*page.keywords.split(), *strong]))
        # Attachment pages by file name: a hit on an attachment also counts for its SOP.
        fields["attachments"] = " ".join(Path(file).stem for file in page.attachments if file.endswith(".md"))
    meta = [f'<span data-pagefind-meta="{html.escape(f"{key}:{value}")}"></span>' for key, value in fields.items()]
    meta += [
        f'<span data-pagefind-filter="{html.escape(f"{key}:{value}")}"></span>' for key, value in page.filters.items()
    ]
    if page.sop_id:
        # The metadata block repeats on every SOP; keep it out of the index and excerpts.
        content_html = content_html.replace(
            '<section class="sop-meta"', '<section data-pagefind-ignore class="sop-meta"', 1
        )
    if page.is_low:
        attributes.append('data-pagefind-filter="rank:low"')
    extra = []
    if page.sop_id:
        forms = " ".join(id_forms(page.sop_id))
        extra.append(f'<span data-pagefind-weight="10">{EXTRA_MARKER} {html.escape(forms)}</span>')
    if strong:
        extra.append(f'<span data-pagefind-weight="4">{html.escape(" · ".join(strong))}</span>')
    weak = [term for term in glossary_terms(page.body, glossary) if term not in strong]
    if weak:
        extra.append(f'<span data-pagefind-weight="0.5">{html.escape(" · ".join(weak))}</span>')
    if not page.sop_id:
        extra.insert(0, f"<span>{EXTRA_MARKER}</span>")
    extra = meta + extra
    hidden = f'\n<div hidden class="sop-search-terms">{" ".join(extra)}</div>'
    return f"<div {' '.join(attributes)}>\n{content_html}{hidden}\n</div>"


def vocabulary(texts: Iterable[str], glossary: Iterable[GlossaryEntry]) -> list[str]:
    """Return the sorted lowercase words (4+ letters) of `texts` and the glossary terms.

    The browser corrects a query word that finds nothing to the closest of these.
    """
    words: set[str] = set()
    for text in [*texts, *(term for entry in glossary for term in entry.terms)]:
        for word in re.findall(r"[a-zæøåéü]{4,}", text.casefold()):
            words.add(word)
    return sorted(words)


def vocabulary_json(texts: Iterable[str], glossary: Iterable[GlossaryEntry], sop_ids: Iterable[str]) -> str:
    """Return the JSON file the browser loads: `vocabulary` and the id families ("ct", "gen").

    The families tell the browser that "ct sop 7" is an id, and "en sop 7" is not.
    """
    families = sorted({match["family"].casefold() for sop_id in sop_ids if (match := _ID.match(sop_id))})
    words = vocabulary(texts, glossary)
    return json.dumps({"families": families, "words": words}, ensure_ascii=False, separators=(",", ":"))


def read_fragment(path: Path) -> dict[str, Any]:
    """Return the page record of a Pagefind fragment file (gzip of a signature and JSON)."""
    data = path.read_bytes()
    if not data.startswith(b"pagefind_dcd"):
        data = gzip.decompress(data)
    record: dict[str, Any] = json.loads(data.removeprefix(b"pagefind_dcd"))
    return record


def fragments_to_pages(fragment_dir: Path, links: Mapping[str, int] | None = None) -> dict[str, list[Any]]:
    """Return the page table of `PAGES_FILE`.

    Each Pagefind id maps to [url, kind, title, sop_id, status, status_label, keys, attachments,
    filters, links], where filters maps each Pagefind filter of the page to its value and
    links is the number of other pages that link to it (`links`, by url; see `count_links`).

    Pagefind names each fragment after the id its search results carry, so the browser
    can rank every hit without loading its fragment.
    """
    links = links or {}
    pages = {}
    for path in sorted(fragment_dir.glob("*.pf_fragment")):
        record = read_fragment(path)
        meta = record.get("meta") or {}
        title = meta.get("sop_title") or meta.get("title") or ""
        fields = [record.get("url", ""), meta.get("kind", "page"), title, meta.get("sop_id", "")]
        fields += [meta.get(key, "") for key in ("status", "status_label", "keys", "attachments")]
        filters = {key: values[0] for key, values in (record.get("filters") or {}).items() if key in FACETS and values}
        pages[path.stem] = [*fields, filters, links.get(fields[0], 0)]
    return pages


_BODY = re.compile(
    r"<div data-pagefind-body[^>]*>(?P<text>.*?)<div hidden class=\"sop-search-terms\">(?P<terms>.*?)</div>", re.S
)
_TAG = re.compile(r"<[^>]+>")
_IGNORED = re.compile(r"<section data-pagefind-ignore.*?</section>", re.S)


def _page_text(match: re.Match[str]) -> str:
    return html.unescape(_TAG.sub(" ", _IGNORED.sub(" ", match["text"])))


_LINK = re.compile(r"<a\s[^>]*>")
_HREF = re.compile(r'\shref="(?P<href>[^"#?]+)')
REFERENCE_CLASS = "sop-ref"
"""The class of a link an editor wrote as ``[[CT-SOP-08]]`` (not of generated lists)."""
_KIND_META = re.compile(r'data-pagefind-meta="kind:(?P<kind>[a-z]+)"')
LINKING_KINDS = frozenset({"sop", "page", "onepager"})
"""Pages whose links to an SOP count for it: procedures and written pages, not generated
lists, the glossary, the search page or an SOP's own attachments."""


def count_links(site_dir: Path) -> dict[str, int]:
    """Return, by page url ("/sop/ct-sop-08/"), how many other pages link to it in their text.

    An SOP that other procedures refer to (``[[CT-SOP-08]]``) is the one they send readers
    to for its subject; the browser ranks it above an SOP that matches a query as well but
    that no page refers to. Only the references editors wrote (``[[ID]]``, rendered with
    `REFERENCE_CLASS`) in the indexed text of `LINKING_KINDS` count, once per linking page:
    not navigation, footers, the SOP's metadata block or generated lists of SOPs.
    """
    sources: dict[str, set[str]] = {}
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        body = _BODY.search(text)
        kind = _KIND_META.search(body["terms"]) if body else None
        if not body or not kind or kind["kind"] not in LINKING_KINDS:
            continue
        own = "/" + path.parent.relative_to(site_dir).as_posix().strip(".") + "/"
        own = own.replace("//", "/")
        for tag in _LINK.finditer(_IGNORED.sub(" ", body["text"])):
            found_href = _HREF.search(tag[0])
            if not found_href or f'class="{REFERENCE_CLASS}"' not in tag[0] or "://" in found_href["href"]:
                continue
            href = found_href["href"]
            target = posixpath.normpath(posixpath.join(own, href)).rstrip("/") + "/"
            if target != own:
                sources.setdefault(target, set()).add(own)
    return {url: len(found) for url, found in sources.items()}


def add_compound_parts(site_dir: Path) -> set[str]:
    """Learn the compound dictionary from the built pages; give each page its compounds' parts.

    The parts go into the page's hidden index text with a low weight, so "kilde data"
    finds a page that writes "kildedatakontroll". Returns the dictionary, which the
    browser gets to split query words the same way.
    """
    pages = {path: path.read_text(encoding="utf-8") for path in site_dir.rglob("*.html")}
    texts = {path: [_page_text(m) for m in _BODY.finditer(text)] for path, text in pages.items()}
    glossary = [html.unescape(_TAG.sub(" ", m["terms"])) for text in pages.values() for m in _BODY.finditer(text)]
    parts = learn_parts((t for found in texts.values() for t in found), glossary)
    frozen, cache = frozenset(parts), dict[str, list[str]]()
    for path, found in texts.items():
        extra = index_parts(" ".join(found), frozen, cache) if found else []
        if extra:
            # After the index marker, so that excerpts never show the parts.
            marker = _BODY.search(pages[path])
            if marker is None:
                continue
            at = marker.end("terms")
            span = f' <span data-pagefind-weight="0.5">{html.escape(" ".join(extra))}</span>'
            path.write_text(pages[path][:at] + span + pages[path][at:], encoding="utf-8")
    return parts


def write_index(site_dir: Path, vocabulary_text: str, decompound: bool | None = None) -> dict[str, Any]:
    """Index the built site with Pagefind, write the page table and drop Material's unused lunr index.

    Material's header search still fetches ``search/search_index.json`` on every page;
    it is replaced by an empty index so that readers do not download every page's text.

    Raises:
        RuntimeError: when the Pagefind binary fails, with its output.
    """
    # SOP_SEARCH_DECOMPOUND=0 builds without compound splitting (benchmarks/search.py, on vs off).
    if decompound is None:
        decompound = os.environ.get("SOP_SEARCH_DECOMPOUND", "1") != "0"
    parts = add_compound_parts(site_dir) if decompound else set()
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed to index {site_dir}:\n{result.stdout}\n{result.stderr}")
    lunr = site_dir / "search" / "search_index.json"
    if lunr.exists():
        config = json.loads(lunr.read_text(encoding="utf-8")).get("config", {})
        lunr.write_text(json.dumps({"config": config, "docs": []}), encoding="utf-8")
    (site_dir / VOCABULARY_FILE).parent.mkdir(parents=True, exist_ok=True)
    vocabulary_data = json.loads(vocabulary_text) | {"parts": sorted(parts)}
    (site_dir / VOCABULARY_FILE).write_text(
        json.dumps(vocabulary_data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    table = fragments_to_pages(site_dir / "pagefind" / "fragment", count_links(site_dir))
    pages_json = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    (site_dir / PAGES_FILE).write_text(pages_json, encoding="utf-8")
    pages = re.search(r"Indexed (\d+) pages", result.stdout)
    return {"pages": int(pages[1]) if pages else 0, "output": result.stdout}
