"""The styles of the first paint, put into each page at build time (issue 17, phone).

Material's stylesheets are 150 KB, most of it for elements a given page does not have.
Loaded with <link rel="stylesheet"> they hold back the first paint on a phone until
they have arrived. Instead, overrides/base.html leaves two kinds of empty placeholders
in the head, and `fill_site` (called from hooks.py after the build) fills them in:

- <style data-sop-critical="a.css b.css" data-sop-rest="rest.css"></style> gets the
  rules of those stylesheets that match an element of any page of the site (the
  critical CSS, the same in every page); the others are written to rest.css, which
  partials/after-paint.html loads after the first paint (a <noscript> link when
  JavaScript is off). They are for what scripts add later (search results, dialogs,
  classes such as md-header--shadow), so switching it on restyles next to nothing.
- <style data-sop-inline="c.css"></style> gets the whole file: the site's own small
  stylesheets, so that the first paint needs no request but the page itself.

Paths are relative to the built site (static files are copied before pages are
built). A rule is critical when one of its selectors matches an element with states
(:hover, :focus, :checked ...) and pseudo-elements (::before ...) left out, in either
colour scheme and with and without JavaScript (html.js / html.no-js), so that what the
reader sees first looks as it does with the whole stylesheet
(tests/browser/test_browser_critical_css.py compares every computed style). Selectors
the matcher cannot read, other at-rules (@keyframes) and print rules are critical too.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import cssselect2
import lxml.html
import tinycss2

PLACEHOLDER = re.compile(r'<style data-sop-(critical|inline)="([^"<>]*)"(?: data-sop-rest="([^"<>]*)")?></style>')

# States a static page does not have yet, and pseudo-elements: left out before matching.
STATE = re.compile(
    r"::?(?:hover|focus(?:-visible|-within)?|active|visited|link|any-link|target|checked|"
    r"indeterminate|disabled|enabled|invalid|valid|placeholder-shown|autofill|before|after|"
    r"placeholder|selection|marker|backdrop|first-line|first-letter|-(?:webkit|moz|ms)-[\w-]+)"
    r"(?![\w-])"
)

# Values of <body data-md-color-scheme>: the colour schemes a reader may get before the scripts run.
SCHEMES = ("default", "slate")

NESTED_AT_RULES = {"media", "supports"}


class StyleError(Exception):
    """A placeholder names a missing stylesheet, or one that cannot go inside <style>."""


@dataclasses.dataclass
class Rule:
    """A rule of a stylesheet and the selectors that decide whether it is critical.

    @media and @supports hold `children`; other at-rules (@keyframes ...) and print
    rules are `always` critical.
    """

    text: str
    selectors: list[str]
    children: list[Rule] = dataclasses.field(default_factory=list)
    prelude: str = ""
    always: bool = False


def fill_site(site_dir: Path) -> None:
    """Fill the style placeholders of every page of the built site (module docstring)."""
    pages = {}
    for html in sorted(site_dir.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        if "<style data-sop-" in text:
            pages[html] = text
    found = {match.groups() for text in pages.values() for match in PLACEHOLDER.finditer(text)}
    filled: dict[tuple[str | Any, ...], str] = {}
    for kind, paths, rest in found:
        css = "".join(read(site_dir, path, kind) for path in paths.split())
        if kind == "inline":
            filled[kind, paths, rest] = minify(css)
            continue
        rules = parse(css)
        used = used_selectors(pages.values(), selectors_of(rules))
        filled[kind, paths, rest] = pick(rules, used, critical=True)
        if rest:
            (site_dir / rest).write_text(pick(rules, used, critical=False), encoding="utf-8")
    for html, text in pages.items():
        html.write_text(PLACEHOLDER.sub(lambda match: style_element(filled, match), text), encoding="utf-8")


def read(site_dir: Path, path: str, kind: str) -> str:
    """The text of a stylesheet of the built site named in a placeholder."""
    css_file = site_dir / path
    if not css_file.is_file():
        css_file = generator_build_of(site_dir, path) or css_file
    if not css_file.is_file():
        raise StyleError(f"{css_file}: stylesheet named in a data-sop-{kind} placeholder does not exist")
    return css_file.read_text(encoding="utf-8")


def generator_build_of(site_dir: Path, path: str) -> Path | None:
    """Another generator's build of a theme stylesheet the placeholder names by Material's name.

    overrides/base.html names Material for MkDocs' files ("assets/stylesheets/main.<hash>.min.css").
    Zensical ships the same stylesheets as "assets/stylesheets/classic/main.<hash>.min.css" (the
    Material look) and ".../modern/...": the classic one is taken, so that `sop postbuild` fills a
    Zensical site too.
    """
    folder, _, name = path.rpartition("/")
    stem = name.split(".", 1)[0]
    for variant in ("classic", "modern"):
        found = sorted((site_dir / folder / variant).glob(f"{stem}.*.min.css"))
        if found:
            return found[0]
    return None


def style_element(filled: Mapping[tuple[str | Any, ...], str], match: re.Match[str]) -> str:
    """The <style> element for a placeholder; CSS that would end it early is refused."""
    css = filled[match.groups()]
    if "</style" in css.lower():
        raise StyleError(f"{match.group(2)}: a stylesheet holds '</style', which cannot go inside <style>")
    return f"<style>{css}</style>"


def minify(css: str) -> str:
    """The stylesheet without comments and the white space between rules."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(tinycss2.serialize([rule]).strip() for rule in rules)


def parse(css: str) -> list[Rule]:
    """The stylesheet as rules, nested one level for @media and @supports."""
    return to_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def to_rules(nodes: list[Any]) -> list[Rule]:
    """Rules from tinycss2's nodes (see `Rule`)."""
    rules = []
    for node in nodes:
        if node.type == "qualified-rule":
            prelude = tinycss2.serialize(node.prelude).strip()
            rules.append(Rule(tinycss2.serialize([node]), split_selectors(prelude)))
        elif node.type == "at-rule" and node.lower_at_keyword in NESTED_AT_RULES and node.content is not None:
            prelude = tinycss2.serialize(node.prelude).strip()
            if node.lower_at_keyword == "media" and prelude.lower() == "print":
                # Printing must not wait for the rest file (3.5 KB in Material 9.8).
                rules.append(Rule(tinycss2.serialize([node]), [], always=True))
                continue
            inner = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
            rules.append(Rule("", [], children=to_rules(inner), prelude=f"@{node.at_keyword} {prelude}"))
        elif node.type == "at-rule":
            rules.append(Rule(tinycss2.serialize([node]), [], always=node.lower_at_keyword != "charset"))
    return rules


def split_selectors(prelude: str) -> list[str]:
    """The comma-separated selectors of a rule (commas inside brackets do not split)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    parts.append(prelude[start:])
    return [part.strip() for part in parts]


def is_critical(rule: Rule, used: set[str]) -> bool:
    """True for a rule that belongs in the page (see `Rule`)."""
    return rule.always or any(selector in used for selector in rule.selectors)


def pick(rules: list[Rule], used: set[str], critical: bool) -> str:
    """The text of the critical rules (or of the others), in their order."""
    kept = []
    for rule in rules:
        if rule.children:
            inner = pick(rule.children, used, critical)
            if inner:
                kept.append(f"{rule.prelude}{{{inner}}}")
        elif is_critical(rule, used) == critical:
            kept.append(rule.text)
    return "".join(kept)


def selectors_of(rules: Iterable[Rule]) -> set[str]:
    """Every selector of the rules, nested ones included."""
    found: set[str] = set()
    for rule in rules:
        found.update(rule.selectors)
        found.update(selectors_of(rule.children))
    return found


def page_roots(output: str) -> list[Any]:
    """The page's <html> once per colour scheme, with both "js" and "no-js" (lxml elements)."""
    roots = []
    for scheme in SCHEMES:
        root = lxml.html.document_fromstring(output)
        root.set("class", (root.get("class", "") + " js").strip())
        body = root.find("body")
        if body is not None:
            body.set("data-md-color-scheme", scheme)
        roots.append(root)
    return roots


def page_names(root: Any) -> frozenset[str]:
    """Every class (".x"), id ("#x") and attribute name ("[x") of the page's elements."""
    names: set[str] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        names.update(f".{name}" for name in (element.get("class") or "").split())
        names.update(f"[{name}" for name in element.attrib)
        if element.get("id"):
            names.add(f"#{element.get('id')}")
    return frozenset(names)


def used_selectors(outputs: Iterable[str], selectors: set[str]) -> set[str]:
    """The selectors that match an element of one of the pages, and those the matcher cannot read.

    A selector is only matched on a page that has every class, id and attribute it names
    outside brackets (cheap to know, and most of Material's selectors fail it); and on the
    second colour scheme only when it names the scheme.
    """
    used = {selector for selector in selectors if compile_plain(selector) is None}
    for output in outputs:
        for scheme_index, root in enumerate(page_roots(output)):
            names = page_names(root)
            wanted = [
                selector
                for selector in selectors - used
                if required_names(selector) <= names and (scheme_index == 0 or "color-scheme" in selector)
            ]
            if not wanted:
                continue
            matcher = cssselect2.Matcher()
            for selector in wanted:
                for item in compile_plain(selector) or ():
                    matcher.add_selector(item, selector)
            for element in cssselect2.ElementWrapper.from_html_root(root).iter_subtree():
                used.update(payload for *_, payload in matcher.match(element))
    return used


_NAMED = re.compile(r"([.#])(-?[_a-zA-Z][\w-]*)|\[\s*([\w-]+)")


@functools.lru_cache(maxsize=16384)
def required_names(selector: str) -> frozenset[str]:
    """The classes, ids and attribute names an element of the page must have for `selector`.

    Only those outside parentheses count (":not(.x)" needs no .x); a selector with escapes
    requires nothing, so that it is always matched.

    Example:
        >>> sorted(required_names(".md-nav--primary > .md-nav__list:not(.x) [hidden]"))
        ['.md-nav--primary', '.md-nav__list', '[hidden']
    """
    if "\\" in selector:
        return frozenset()
    plain = re.sub(r"\"[^\"]*\"|'[^']*'", "", STATE.sub("", selector))
    while "(" in plain:
        stripped = re.sub(r"\([^()]*\)", "", plain)
        if stripped == plain:
            return frozenset()
        plain = stripped
    return frozenset(f"{kind}{name}" if kind else f"[{attribute}" for kind, name, attribute in _NAMED.findall(plain))


@functools.lru_cache(maxsize=16384)
def compile_plain(selector: str) -> list[Any] | None:
    """The selector compiled without states and pseudo-elements; None when it cannot be."""
    plain = STATE.sub("", selector).strip()
    if not plain or plain[-1] in ">+~":
        return None
    try:
        compiled: list[Any] = cssselect2.compile_selector_list(plain)
        return compiled
    except cssselect2.SelectorError:
        return None
