"""The pages of the version history: old versions, each SOP's history and "what was in force when".

Pages are Markdown with HTML from the templates in ``sopmodel/templates/history_*``.
Old versions are published at ``/sop/<id>/v/<version>/`` and each SOP's history at
``/sop/<id>/historikk/``; both stay out of search and the sitemap.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import posixpath
import re
from pathlib import Path

from markupsafe import Markup

from sopmodel.model.collection import Sop
from sopmodel.model.history import History, PublishedVersion, SopHistory
from sopmodel.model.labels import format_date, labels_for
from sopmodel.model.textdiff import diff_text, field_changes
from sopmodel.site.render import Linker, icon
from sopmodel.site.templating import fill, render

WORDS = {
    "nb": {
        "not_current": "Ikke gjeldende versjon",
        "in_force": "gjaldt fra {start} til {end}",
        "never": "var aldri i kraft",
        "current_is": "Gjeldende versjon er {version}:",
        "latest_is": "Siste versjon er {version}:",
        "all_versions": "Alle versjoner og endringer",
        "history": "Versjonshistorikk",
        "version": "Versjon",
        "from": "Gjaldt fra",
        "to": "Gjaldt til",
        "reviewed": "Revidert",
        "summary": "Endring",
        "approved_by": "Godkjent av",
        "commit": "Commit",
        "in_force_now": "gjelder nå",
        "not_in_force_yet": "ikke i kraft ennå",
        "not_committed": "ikke publisert ennå",
        "not_given": "Ikke oppgitt",
        "changes": "Endringer mellom versjonene",
        "change_title": "Fra versjon {old} til {new}",
        "fields": "Endrede felt",
        "field": "Felt",
        "before": "Før",
        "after": "Etter",
        "no_text_change": "Teksten er ikke endret.",
        "legend": (
            "Fjernet tekst er gjennomstreket, ny tekst er understreket; skjermlesere leser «fjernet» og «lagt til»."
        ),
        "added": "lagt til",
        "removed": "fjernet",
        "start": "Innledning",
        "words_changed": "{added} ord lagt til, {removed} ord fjernet",
        "only_current": "Bare gjeldende versjon er publisert.",
        "no_history": "Versjonshistorikken fra git var ikke tilgjengelig da nettstedet ble bygget, så bare "
        "gjeldende versjon vises her.",
        "unknown": "ukjent",
        "changelog_only": "bare i endringsloggen",
        "changelog_note": "Versjoner merket «bare i endringsloggen» er eldre enn SOP-ens historikk i git: "
        "endringsloggen viser når de kom, men teksten deres finnes ikke her.",
        "withdrawn_on": "trukket tilbake {date}",
        "history_link": "Versjonshistorikk",
        "count_one": "1 versjon",
        "count": "{n} versjoner",
    },
    "en": {
        "not_current": "Not the current version",
        "in_force": "in force from {start} to {end}",
        "never": "was never in force",
        "current_is": "The current version is {version}:",
        "latest_is": "The latest version is {version}:",
        "all_versions": "All versions and changes",
        "history": "Version history",
        "version": "Version",
        "from": "In force from",
        "to": "In force to",
        "reviewed": "Reviewed",
        "summary": "Change",
        "approved_by": "Approved by",
        "commit": "Commit",
        "in_force_now": "in force now",
        "not_in_force_yet": "not in force yet",
        "not_committed": "not published yet",
        "not_given": "Not given",
        "changes": "Changes between versions",
        "change_title": "From version {old} to {new}",
        "fields": "Changed fields",
        "field": "Field",
        "before": "Before",
        "after": "After",
        "no_text_change": "The text did not change.",
        "legend": "Removed text is struck through, new text is underlined; screen readers read “removed” and “added”.",
        "added": "added",
        "removed": "removed",
        "start": "Introduction",
        "words_changed": "{added} words added, {removed} words removed",
        "only_current": "Only the current version is published.",
        "no_history": "The version history from git was not available when the site was built, so only the "
        "current version is shown here.",
        "unknown": "unknown",
        "changelog_only": "changelog only",
        "changelog_note": "Versions marked “changelog only” are older than the SOP's history in git: the "
        "changelog records when they came, but their text is not here.",
        "withdrawn_on": "withdrawn {date}",
        "history_link": "Version history",
        "count_one": "1 version",
        "count": "{n} versions",
    },
}
WORDS["nn"] = WORDS["nb"] | {
    "not_current": "Ikkje gjeldande versjon",
    "in_force": "gjaldt frå {start} til {end}",
    "current_is": "Gjeldande versjon er {version}:",
    "from": "Gjaldt frå",
    "in_force_now": "gjeld no",
    "not_in_force_yet": "ikkje i kraft enno",
    "not_committed": "ikkje publisert enno",
    "no_text_change": "Teksten er ikkje endra.",
}


def words_for(language: str) -> dict[str, str]:
    """Return the history pages' words in `language` (bokmål when unknown)."""
    return WORDS.get(language, WORDS["nb"])


@dataclasses.dataclass(frozen=True)
class HistoryPaths:
    """Where one SOP's history pages are: source paths beside the SOP file, and their addresses."""

    sop: Sop

    @property
    def _stem(self) -> str:
        return self.sop.path.removesuffix(".md")

    def version_src(self, version: PublishedVersion) -> str:
        """The source path of an old version's page (in the SOP's folder, so its relative links work)."""
        return f"{self._stem}.v{version.version}.md"

    @property
    def history_src(self) -> str:
        """The source path of the history page."""
        return f"{self._stem}.historikk.md"

    def dest(self, src_uri: str, use_directory_urls: bool) -> str | None:
        """Return where a history page of this SOP is written, or None if `src_uri` is none of them."""
        base = f"sop/{self.sop.slug}"
        if src_uri == self.history_src:
            folder = f"{base}/historikk"
        elif src_uri.startswith(f"{self._stem}.v") and src_uri.endswith(".md"):
            folder = f"{base}/v/{src_uri.removeprefix(f'{self._stem}.v').removesuffix('.md')}"
        else:
            return None
        return f"{folder}/index.html" if use_directory_urls else f"{folder}.html"


def _date(day: dt.date | None, language: str) -> Markup:
    if day is None:
        return Markup("")
    return Markup(render("time.html", day=day, text=format_date(day, language)))


def _last_day(version: PublishedVersion) -> dt.date | None:
    """The last day a version was in force (the day before the next took over)."""
    return version.valid_until - dt.timedelta(days=1) if version.valid_until else None


def _front_matter(title: str, language: str) -> str:
    # JSON strings are YAML strings: the title needs no other escaping here. Material's own
    # search index skips the page (`search: exclude`), as Pagefind does.
    return (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nlanguage: {language}\nsearch:\n  exclude: true\n---\n\n"
    )


def _commit_href(repo_url: str, commit: str) -> str:
    return f"{repo_url.rstrip('/')}/commit/{commit}" if repo_url and commit else ""


def render_version_page(
    history: SopHistory, version: PublishedVersion, link: Linker, repo_url: str = "", folder: Path | None = None
) -> str:
    """Return the Markdown of an old version's page: the notice, its metadata and its text."""
    sop, language = history.sop, history.sop.language
    words = words_for(language)
    paths = HistoryPaths(sop)
    last_day = _last_day(version)
    if last_day is not None and last_day >= version.valid_from:
        period = fill(words["in_force"], start=_date(version.valid_from, language), end=_date(last_day, language))
    else:
        period = fill(words["never"])
    current = history.current
    lead = words["current_is" if current.meta.status.value == "active" else "latest_is"]
    header = render(
        "history_version.html",
        sop=sop,
        version=version,
        words=words,
        icon=icon("not_applicable"),
        period=period,
        lead=lead.format(version=current.version),
        current_href=link(sop.path),
        history_href=link(paths.history_src),
        reviews=[_date(day, language) for day in version.reviews],
        valid_from=_date(version.valid_from, language),
        valid_to=_date(last_day, language),
        commit_href=_commit_href(repo_url, version.commit),
        summary=_summary(version),
    )
    title = f"{sop.id} {version.meta.title}, {words['version'].lower()} {version.version}"
    body = _strip_h1(version.body or "")
    if folder is not None:
        body = drop_dead_links(body, folder)
    return _front_matter(title, language) + header + "\n" + body


_LOCAL_LINK = re.compile(r"(!?)\[([^\]]*)\]\(<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\)")


def drop_dead_links(body: str, folder: Path) -> str:
    """Return an old text with its links to files that no longer exist turned into plain text.

    An old version links the attachments of its day; one removed since would be a dead
    link (and fail a strict build), so its text stays and the link goes.

    Example:
        >>> drop_dead_links("Se [malen](vedlegg/borte.docx) og [ICH](https://ich.org).", Path("/nowhere"))
        'Se malen og [ICH](https://ich.org).'
    """

    def replace(match: re.Match[str]) -> str:
        target = match.group(3).split("#", 1)[0]
        if not target or "://" in target or target.startswith(("/", "mailto:")) or (folder / target).exists():
            return match.group(0)
        return match.group(2)

    return _LOCAL_LINK.sub(replace, body)


def _strip_h1(body: str) -> str:
    """Drop a leading H1 from an old body: the page has its own."""
    return re.sub(r"\A\s*# [^\n]*\n", "", body)


def _summary(version: PublishedVersion) -> str:
    """Return the changelog summary that introduced the version (its oldest item: the list is newest first)."""
    items = [item.summary for item in version.meta.changelog if item.version == version.version]
    return items[-1] if items else ""


def render_history_link(history: SopHistory, href: str) -> str:
    """Return the link from an SOP page to its history, with the number of versions."""
    words = words_for(history.sop.language)
    count = len(history.versions)
    text = words["count_one"] if count == 1 else words["count"].format(n=count)
    return render("history_link.html", href=href, text=words["history_link"], count=text)


def render_history_page(
    history: SopHistory, link: Linker, today: dt.date, repo_url: str = "", available: bool = True
) -> str:
    """Return the Markdown of an SOP's history: every version, and what changed between them."""
    sop, language = history.sop, history.sop.language
    words = words_for(language)
    paths = HistoryPaths(sop)
    rows = []
    for version in reversed(history.versions):
        is_current = version is history.current
        last_day = _last_day(version)
        never = last_day is not None and last_day < version.valid_from
        if never and version.meta.status.is_archived:
            ended = words["withdrawn_on"].format(date=format_date(history.ended_on or version.valid_from, language))
        else:
            ended = words["never"] if never else ""
        rows.append(
            {
                "version": version,
                "href": link(sop.path) if is_current else link(paths.version_src(version)) if version.has_text else "",
                "is_current": is_current,
                "from": Markup("\u2013") if never else _date(version.valid_from, language),
                "to": ended or _date(last_day, language),
                "in_force_now": version.in_force_on(today),
                "future": version.valid_from > today,
                "reviews": [_date(day, language) for day in version.reviews],
                "summary": _summary(version),
                "commit_href": _commit_href(repo_url, version.commit),
            }
        )
    changes = []
    labels = labels_for(language)
    texts = [version for version in history.versions if version.has_text]
    pairs = list(itertools.pairwise(texts))
    for old, new in reversed(pairs):
        changes.append(
            {
                "old": old,
                "new": new,
                "fields": [(labels.get(key, key), a, b) for key, a, b in field_changes(old.meta, new.meta)],
                "blocks": diff_text(old.body or "", new.body or ""),
                "slug": re.sub(r"[^0-9a-z]+", "-", f"v{old.version}-v{new.version}".casefold()),
            }
        )
    html = render(
        "history_page.html",
        sop=sop,
        words=words,
        rows=rows,
        changes=changes,
        available=available,
        changelog_only=any(not version.has_text for version in history.versions),
    )
    return _front_matter(f"{words['history']}: {sop.id} {sop.title}", language) + html


def render_point_in_time_page(history: History, link: Linker, script_href: str, pages: bool = True) -> str:
    """Return the Markdown of "Hva gjaldt på en dato?": every SOP's versions and when each was in force.

    With `pages` false (setting ``history: false``) there are no old versions or history
    pages to link: the SOP's own page is linked instead.
    """
    sops = []
    for sop_history in sorted(history.sops.values(), key=lambda item: item.sop.id):
        sop = sop_history.sop
        paths = HistoryPaths(sop)
        versions = [
            {
                "version": version,
                "href": (
                    link(sop.path)
                    if version is sop_history.current
                    else link(paths.version_src(version))
                    if version.has_text and pages
                    else ""
                ),
                "from": _date(version.valid_from, "nb"),
                "to": _date(_last_day(version), "nb"),
                "from_iso": version.valid_from.isoformat(),
                "until_iso": version.valid_until.isoformat() if version.valid_until else "",
            }
            for version in sop_history.versions
            if version.valid_until is None or version.valid_until > version.valid_from
        ]
        sops.append({"sop": sop, "versions": versions, "history_href": link(paths.history_src if pages else sop.path)})
    html = render("history_on_date.html", sops=sops, script_href=script_href, problem=history.problem)
    return "# Hva gjaldt på en dato?\n\n" + html


def prune_sitemap(site_dir: Path) -> int:
    """Remove the old versions and history pages from ``sitemap.xml``; return how many went.

    Search engines should find the version in force, not the ones that were.
    """
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return 0
    text = sitemap.read_text(encoding="utf-8")
    pattern = re.compile(r"\s*<url>\s*<loc>[^<]*/sop/[^/<]+/(?:v/[^<]*|historikk/)</loc>.*?</url>", re.S)
    pruned, count = pattern.subn("", text)
    if count:
        sitemap.write_text(pruned, encoding="utf-8")
        gzipped = site_dir / "sitemap.xml.gz"
        if gzipped.is_file():
            import gzip

            gzipped.write_bytes(gzip.compress(pruned.encode("utf-8"), mtime=0))
    return count


def relative_asset(asset: str, page_url: str) -> str:
    """Return the link from the page at `page_url` to a theme asset."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    return posixpath.relpath("/" + asset, "/" + base)
