"""sopmodel.site.critical_css: the rules a page uses go into it, the others into the rest file."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
import tinycss2

from sopmodel.site import critical_css

MATERIAL_CSS = """@charset "UTF-8";
html{color:red}
.md-header{box-shadow:none}
.md-header--shadow{box-shadow:0 0 1px}
.md-nav__link:focus-visible,.md-nav__link:hover{color:blue}
[data-md-color-scheme=slate]{--md-hue:230}
.js .md-search{display:block}
.no-js .md-sidebar{display:none}
@keyframes spin{to{transform:rotate(1turn)}}
@media screen and (min-width:76.25em){.md-nav__link{margin:0}.md-tabs{display:block}}
@media print{.md-header{display:none}}
.md-typeset :is(.admonition,details){margin:1em}
"""

PAGE = """<!doctype html><html class="no-js"><head>
<style data-sop-critical="assets/material.css" data-sop-rest="assets/rest.css"></style>
<style data-sop-inline="assets/site.css"></style>
</head><body data-md-color-scheme="default"><header class="md-header"></header>
<nav><a class="md-nav__link" href="/">Hjem</a></nav><div class="md-search"></div><div class="md-sidebar"></div>
</body></html>
"""


def _site(tmp_path: Path, site_css: str = "/* ours */\n.sop-id {\n  font-weight: 700;\n}\n") -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "material.css").write_text(MATERIAL_CSS, encoding="utf-8")
    (tmp_path / "assets" / "site.css").write_text(site_css, encoding="utf-8")
    (tmp_path / "sop").mkdir()
    (tmp_path / "sop" / "index.html").write_text(PAGE, encoding="utf-8")
    return tmp_path


def test_fill_site_puts_the_used_rules_in_the_page_and_the_others_in_the_rest_file(tmp_path):
    site = _site(tmp_path)
    critical_css.fill_site(site)
    page = (site / "sop" / "index.html").read_text(encoding="utf-8")
    assert "data-sop-" not in page
    assert (
        "<style>html{color:red}.md-header{box-shadow:none}"
        ".md-nav__link:focus-visible,.md-nav__link:hover{color:blue}"
        "[data-md-color-scheme=slate]{--md-hue:230}"
        ".js .md-search{display:block}.no-js .md-sidebar{display:none}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
        "@media screen and (min-width:76.25em){.md-nav__link{margin:0}}"
        "@media print{.md-header{display:none}}</style>"
    ) in page
    assert "<style>.sop-id {\n  font-weight: 700;\n}</style>" in page
    rest = (site / "assets" / "rest.css").read_text(encoding="utf-8")
    assert rest == (
        '@charset "UTF-8";'
        ".md-header--shadow{box-shadow:0 0 1px}"
        "@media screen and (min-width:76.25em){.md-tabs{display:block}}"
        ".md-typeset :is(.admonition,details){margin:1em}"
    )


def test_every_rule_of_materials_stylesheet_goes_to_exactly_one_side():
    stylesheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(stylesheets.glob("*.min.css")))
    rules = critical_css.parse(text)
    used = {selector for selector in critical_css.selectors_of(rules) if "md-header" in selector}
    critical = critical_css.pick(rules, used, critical=True)
    rest = critical_css.pick(rules, used, critical=False)
    assert 0 < len(critical) < len(rest)
    # The same rules, only split in two: nothing lost, nothing twice.
    assert _flat(critical + rest) == _flat(text)


def _flat(css: str) -> list[str]:
    """Every rule of a stylesheet, those inside @media or @supports with its condition, sorted."""
    found = []
    for node in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        nested = node.type == "at-rule" and node.lower_at_keyword in {"media", "supports"}
        if nested and tinycss2.serialize(node.prelude).strip() != "print":
            prelude = tinycss2.serialize(node.prelude).strip()
            for inner in tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True):
                found.append(prelude + tinycss2.serialize([inner]))
        elif node.type != "at-rule" or node.lower_at_keyword != "charset":
            found.append(tinycss2.serialize([node]))
    return sorted(found)


def test_a_missing_stylesheet_is_an_error_naming_the_file(tmp_path):
    site = _site(tmp_path)
    (site / "assets" / "site.css").unlink()
    with pytest.raises(critical_css.StyleError) as error:
        critical_css.fill_site(site)
    assert str(error.value) == (
        f"{site / 'assets' / 'site.css'}: stylesheet named in a data-sop-inline placeholder does not exist"
    )


def test_css_that_would_end_the_style_element_is_refused(tmp_path):
    site = _site(tmp_path, site_css='.a::after{content:"</style>"}')
    with pytest.raises(critical_css.StyleError) as error:
        critical_css.fill_site(site)
    assert str(error.value) == "assets/site.css: a stylesheet holds '</style', which cannot go inside <style>"


@pytest.mark.parametrize(
    ("prelude", "selectors"),
    [
        (".a,.b", [".a", ".b"]),
        (".a:is(.b,.c),[x='1,2']", [".a:is(.b,.c)", "[x='1,2']"]),
    ],
)
def test_split_selectors(prelude, selectors):
    assert critical_css.split_selectors(prelude) == selectors


def test_selectors_the_matcher_cannot_read_are_kept():
    assert critical_css.compile_plain(".a:not(:focus-visible)") is None
    assert critical_css.compile_plain("::selection") is None
    assert critical_css.compile_plain(".a:hover>.b::before") is not None
