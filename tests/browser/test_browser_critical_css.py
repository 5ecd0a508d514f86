"""The first paint looks like the finished page (issue 17, phone).

The head of every page holds only the rules of Material's stylesheets that the site's
pages use (sopmodel/critical_css.py); the others load after the first paint from
sop-material-rest.css. Here every element of a page is compared, computed style by
computed style, with the rest stylesheet withheld and with it loaded, in both colour
schemes and at both widths: nothing may differ. Scripts are withheld in both, so that
only the stylesheet changes.
"""

from __future__ import annotations

import pytest
from browser_support import DESKTOP, MOBILE

REST = "**/assets/stylesheets/sop-material-rest.css"

_STYLES = """([scheme, detail]) => {
  // Every element's computed style, with ::before and ::after. Each one comes back as a
  // hash of all its properties (the whole styles are megabytes), or, for the positions in
  // `detail`, as the properties themselves, to name what differs.
  document.body.setAttribute('data-md-color-scheme', scheme);
  const hash = (text) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  };
  const found = [];
  for (const [index, element] of [...document.querySelectorAll('body *')].entries()) {
    for (const pseudo of [null, '::before', '::after']) {
      const where = index + ' ' + element.tagName + '.' + element.className + (pseudo || '');
      const style = getComputedStyle(element, pseudo);
      if (pseudo && ['none', 'normal'].includes(style.content)) {
        found.push([where, 'no box']);  // a pseudo-element without content is not drawn
      } else if (detail.includes(found.length)) {
        const values = {};
        for (let i = 0; i < style.length; i++) values[style[i]] = style.getPropertyValue(style[i]);
        found.push([where, values]);
      } else {
        let text = '';
        for (let i = 0; i < style.length; i++) text += style[i] + ':' + style.getPropertyValue(style[i]) + ';';
        found.push([where, hash(text)]);
      }
    }
  }
  return found;
}"""


def _styles(make_context, url: str, viewport: dict, scheme: str, rest: bool, detail: list[int] | None = None) -> list:
    context = make_context(viewport=viewport)
    context.route("**/*.js", lambda route: route.abort())
    if not rest:
        context.route(REST, lambda route: route.abort())
    page = context.new_page()
    page.goto(url, wait_until="load")
    if rest:
        page.wait_for_function(
            "() => [...document.styleSheets].some(s => s.href && s.href.endsWith('/sop-material-rest.css'))"
        )
    page.wait_for_load_state("networkidle")
    styles = page.evaluate(_STYLES, [scheme, detail or []])
    context.close()
    return styles


def _differences(make_context, url: str, viewport: dict, scheme: str, positions: list[int]) -> list[str]:
    """Name the properties that differ at the first few differing positions."""
    without = _styles(make_context, url, viewport, scheme, rest=False, detail=positions)
    with_rest = _styles(make_context, url, viewport, scheme, rest=True, detail=positions)
    return [
        f"{without[at][0]} {name}: {without[at][1].get(name)!r} without, {with_rest[at][1].get(name)!r} with"
        for at in positions
        for name in sorted(set(without[at][1]) | set(with_rest[at][1]))
        if without[at][1].get(name) != with_rest[at][1].get(name)
    ]


@pytest.mark.parametrize(("viewport", "scheme"), [(DESKTOP, "default"), (DESKTOP, "slate"), (MOBILE, "default")])
def test_first_paint_has_every_rule_the_page_uses(site, make_context, viewport, scheme):
    for path in ["/", site.sop_paths[0], "/revisjonsoversikt/"]:
        without = _styles(make_context, site.url(path), viewport, scheme, rest=False)
        with_rest = _styles(make_context, site.url(path), viewport, scheme, rest=True)
        assert len(without) == len(with_rest) > 100
        assert [where for where, _ in without] == [where for where, _ in with_rest]
        positions = [at for at, (old, new) in enumerate(zip(without, with_rest, strict=True)) if old[1] != new[1]]
        differ = _differences(make_context, site.url(path), viewport, scheme, positions[:5]) if positions else []
        assert differ == [], f"{path} {viewport} {scheme}: {len(positions)} elements differ: {differ[:5]}"


def test_rest_stylesheet_is_where_the_cascade_wants_it(site, make_context):
    # After the first paint the loader puts the rest stylesheet in the place of its
    # <noscript>: after the page's Material rules, before the site's own stylesheets.
    page = make_context().new_page()
    page.goto(site.url(site.sop_paths[0]), wait_until="load")
    page.evaluate("() => window.sopScripts")
    order = page.evaluate(
        """() => [...document.head.querySelectorAll('style, link[rel=stylesheet]')]
                 .map(e => e.tagName === 'LINK' ? e.getAttribute('href').split('/').pop() + ' ' + e.media
                                                : 'style ' + e.textContent.length)"""
    )
    page.close()
    rest = order.index("sop-material-rest.css ")
    assert order[rest - 1].startswith("style ") and int(order[rest - 1].split()[1]) > 20000
    assert order[-1] == "print.css print"
