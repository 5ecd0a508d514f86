/*
 * Filters of the search worker (sop-search.js, issue 15). Each page's Pagefind filters
 * (status, owner, phase, language, family, kind) are in the page table (search/pages.json,
 * the last field of each row, read from the Pagefind fragments by sopmodel/search/index.py).
 */
"use strict";

const FACETS = ["status", "owner", "phase", "language", "family", "kind"];

/* Filters: facet -> chosen values; a page passes with one of the values of every facet. */
function passes(page, filters, except) {
  const values = page[8] || {};
  return Object.entries(filters).every(([facet, chosen]) => facet === except || !chosen.length || chosen.includes(values[facet]));
}

/* Per facet value, the hits that would remain with it (the other facets' filters applied). */
function countFacets(pages, filters) {
  const counts = Object.fromEntries(FACETS.map((facet) => [facet, {}]));
  for (const page of pages) {
    for (const facet of FACETS) {
      const value = (page[8] || {})[facet];
      if (value && passes(page, filters, facet)) counts[facet][value] = (counts[facet][value] || 0) + 1;
    }
  }
  return counts;
}
