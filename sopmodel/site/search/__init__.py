"""Site search: what the Pagefind index gets beyond the page text (issues 5 and 15).

- `index`: the hidden index text, filters and metadata of each page, and the index itself;
- `compounds`: Norwegian compound splitting learned from the site's words;
- `glossary`: the glossary editors extend, and its page;
- `page`: the full search page /sok/ (filters, and an A-Z list that works without JavaScript).
"""

from sopmodel.model.generated import GLOSSARY_PAGE, SEARCH_PAGE
from sopmodel.site.search.compounds import learn_parts, split_compound
from sopmodel.site.search.glossary import (
    GLOSSARY_FILE,
    GlossaryEntry,
    GlossaryError,
    glossary_issues,
    glossary_terms,
    load_glossary,
    render_glossary_page,
)
from sopmodel.site.search.index import (
    EXTRA_MARKER,
    FACETS,
    KINDS,
    PAGES_FILE,
    VOCABULARY_FILE,
    SearchPage,
    add_compound_parts,
    fragments_to_pages,
    id_forms,
    page_kind,
    read_fragment,
    vocabulary,
    vocabulary_json,
    wrap_for_index,
    write_index,
)
from sopmodel.site.search.page import render_search_page

__all__ = [
    "EXTRA_MARKER",
    "FACETS",
    "GLOSSARY_FILE",
    "GLOSSARY_PAGE",
    "KINDS",
    "PAGES_FILE",
    "SEARCH_PAGE",
    "VOCABULARY_FILE",
    "GlossaryEntry",
    "GlossaryError",
    "SearchPage",
    "add_compound_parts",
    "fragments_to_pages",
    "glossary_issues",
    "glossary_terms",
    "id_forms",
    "learn_parts",
    "load_glossary",
    "page_kind",
    "read_fragment",
    "render_glossary_page",
    "render_search_page",
    "split_compound",
    "vocabulary",
    "vocabulary_json",
    "wrap_for_index",
    "write_index",
]
