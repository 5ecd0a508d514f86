/*
 * Site search for Material's search dialog, on Pagefind (issue 5).
 *
 * Material runs its search in a web worker and talks to it with four messages:
 * SETUP (0, with the lunr index), READY (1), QUERY (2, the typed text) and RESULT (3,
 * result groups). This worker speaks the same protocol, so Material's dialog, keyboard
 * handling and accessibility fixes stay as they are; only the engine changes.
 *
 * - Pagefind loads lazily on the first query, then only the index fragments a query needs.
 * - Every language index is searched (a Norwegian reader finds English SOPs and the
 *   other way round), each with its own stemmer; scores are normalised per index.
 * - SOP ids in any form ("CT-SOP-07", "ct sop 7", "sop7") become the id words the pages
 *   carry (sopmodel/search.py, id_forms).
 * - Question words are dropped, the remaining words are searched separately and their
 *   scores added (weighted by rarity), so a question need not match every word.
 * - A word that finds nothing is corrected to the closest word of the site's vocabulary.
 * - Withdrawn and superseded SOPs and generated lists (filter rank:low) rank lower;
 *   titles and ids count extra.
 * All page text is escaped before Material inserts it as HTML.
 */
"use strict";

const ROOT = new URL("../../", self.location.href);
const MARKER = "sopsøkeord";
const STOP = new Set((
  "hvordan hva hvem hvor hvilken hvilke hvilket når hvorfor korleis kva kven kvar jeg eg du vi dere man meg oss " +
  "en ei et ein eit den det de dei som er var blir skal kan må bør vil for til av på i og eller med om fra frå " +
  "ved etter før under hos ikke ikkje noe noen sin sitt sine min mitt mine vår vårt våre at å da så også gjør " +
  "gjøre finner finne trenger " +
  "how what who where which when why do does did i you we me us a an the is are was be should can must may " +
  "will for to of on in and or with about from by at after before not my our your it this that there get find need"
).split(" "));
const LOW_FACTOR = 0.35;

let engine = null;
let latest = 0;

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]);
}

/* Pagefind's excerpts are escaped text with <mark>; neutralise any other tag all the same. */
function safeExcerpt(excerpt) {
  const text = String(excerpt || "").split(new RegExp(`(?:<mark>)?${MARKER}`, "i"))[0];
  return text.replace(/<(?!\/?mark>)/g, "&lt;").trim();
}

async function loadEngine() {
  const [entry, vocabulary] = await Promise.all([
    fetch(new URL("pagefind/pagefind-entry.json", ROOT)).then((r) => r.json()),
    fetch(new URL("search/vocabulary.json", ROOT)).then((r) => (r.ok ? r.json() : {words: [], families: []})),
  ]);
  const instances = await Promise.all(Object.entries(entry.languages).map(async ([language, index]) => {
    // One module per language: the module holds one WebAssembly instance, which
    // carries one language's stemmer and index.
    const pagefind = await import(new URL(`pagefind/pagefind.js?language=${language}`, ROOT).href);
    // Pagefind picks its language index from <html lang>; a worker has no document,
    // so it is shown one for the moment the instance is created.
    self.document = {querySelector: () => ({getAttribute: () => language})};
    let instance;
    try {
      instance = pagefind.createInstance({basePath: new URL("pagefind/", ROOT).href, excerptLength: 24});
    } finally {
      delete self.document;
    }
    return {language, pages: index.page_count, pagefind: instance, queue: Promise.resolve()};
  }));
  return {instances, words: vocabulary.words || [], families: new Set(vocabulary.families || [])};
}

/* One search at a time per index: Pagefind's WebAssembly state is not re-entrant. */
function searchIndex(instance, term) {
  const run = instance.queue.then(() => instance.pagefind.search(term));
  instance.queue = run.catch(() => null);
  return run;
}

/* "CT-SOP-07", "ct sop 7", "ctsop07" -> "ctsop7"; "SOP 07", "sop7" -> "sop7"; other words lowercased. */
function parseQuery(query, families) {
  let text = query.toLowerCase().normalize("NFC");
  const ids = [];
  text = text.replace(/([a-zæøå]+)[\s_\-.]*sop[\s_\-.]*0*(\d{1,4})(?:[\s_\-]*(en|nb|nn)(?![a-zæøå]))?/g,
    (match, family, number, suffix) => {
      if (!families.has(family)) return match;
      ids.push(`${family}sop${number}${suffix || ""}`);
      return " ";
    });
  text = text.replace(/(^|[^a-zæøå])sop[\s_\-.]*0*(\d{1,4})(?![\d])/g, (match, before, number) => {
    ids.push(`sop${number}`);
    return before + " ";
  });
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  let kept = words.filter((word) => !STOP.has(word));
  if (!kept.length && !ids.length) kept = words;
  return {ids, words: [...new Set(kept)]};
}

/* Damerau-Levenshtein distance (optimal string alignment), stopping early above `limit`. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = limit + 1;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2][j - 2] + 1);
      rows[i][j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}

function corrections(word, words) {
  if (word.length < 4) return [];
  const limit = word.length >= 8 ? 2 : 1;
  const found = [];
  for (const candidate of words) {
    const d = distance(word, candidate, limit);
    if (d <= limit) found.push([d, candidate]);
  }
  return found.sort((x, y) => x[0] - y[0]).slice(0, 2).map(([, candidate]) => candidate);
}

/* Scores of one word in every language index: page id -> {result, score}. */
async function searchWord(state, word, factor) {
  const perIndex = await Promise.all(state.instances.map(async (instance) => {
    const response = await searchIndex(instance, word);
    const results = (response && response.results) || [];
    if (!results.length) return [];
    const top = results[0].score || 1;
    const rarity = Math.log(1 + instance.pages / results.length);
    return results.map((result) => [result, (result.score / top) * rarity * factor, instance.language]);
  }));
  return perIndex.flat();
}

function titleHtml(data) {
  const meta = data.meta || {};
  if (!meta.sop_id) return escapeHtml(String(meta.title || data.url).replace(/\s*¶$/, ""));
  let title = `<span class="sop-id">${escapeHtml(meta.sop_id)}</span> ${escapeHtml(meta.sop_title || meta.title)}`;
  if (meta.status && meta.status !== "active") {
    title += ` <span class="sop-search-status sop-search-status--${escapeHtml(meta.status)}">` +
      `${escapeHtml(meta.status_label || meta.status)}</span>`;
  }
  return title;
}

async function search(query) {
  if (!engine) engine = loadEngine();
  const state = await engine;
  const {ids, words} = parseQuery(query, state.families);
  const terms = [...ids, ...words];
  if (!terms.length) return [];

  // Each word on its own, added up; a word without hits is corrected to a known word.
  const scores = new Map();
  const add = (pairs, term) => {
    for (const [result, score, language] of pairs) {
      // Page ids are per index: the same id in another language index is another page.
      const key = `${language}:${result.id}`;
      const entry = scores.get(key) || {result, score: 0, terms: new Set()};
      entry.score += score;
      entry.terms.add(term);
      scores.set(key, entry);
    }
  };
  await Promise.all(terms.map(async (term) => {
    const pairs = await searchWord(state, term, ids.includes(term) ? 3 : 1);
    if (pairs.length || ids.includes(term)) return add(pairs, term);
    for (const correction of corrections(term, state.words)) add(await searchWord(state, correction, 0.8), term);
  }));

  // Pages matching more of the words first; then load the best pages' fragments and
  // rank by status, title and id.
  const candidates = [...scores.values()]
    .map((entry) => ({...entry, score: entry.score * (1 + entry.terms.size) / (1 + terms.length)}))
    .sort((a, b) => b.score - a.score)
    .slice(0, 20);
  const loaded = await Promise.all(candidates.map(async (entry) => ({...entry, data: await entry.result.data()})));
  for (const entry of loaded) {
    const meta = entry.data.meta || {};
    const title = `${meta.sop_id || ""} ${meta.sop_title || meta.title || ""}`.toLowerCase();
    const titleWords = title.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (const word of words) {
      const stem = word.slice(0, Math.max(4, Math.min(word.length - 1, 6)));
      if (titleWords.some((t) => t.startsWith(stem))) entry.score += 0.4;
    }
    const forms = meta.sop_id ? idForms(meta.sop_id) : [];
    if (ids.some((id) => forms.includes(id))) entry.score += id_bonus(ids, forms);
    if ((entry.data.filters?.rank || []).includes("low")) entry.score *= LOW_FACTOR;
  }
  loaded.sort((a, b) => b.score - a.score);
  const highlight = Object.fromEntries(words.map((word) => [word, true]));
  return loaded.map((entry) => [{
    location: entry.data.url.replace(/^\//, ""),
    title: titleHtml(entry.data),
    text: safeExcerpt(entry.data.excerpt),
    score: entry.score,
    terms: highlight,
  }]);
}

/* The same forms as sopmodel/search.py id_forms, for the bonus of an exact id match. */
function idForms(sopId) {
  const match = /^([a-z]+)-sop-(\d+)(?:-([a-z]+))?$/i.exec(sopId.trim());
  if (!match) return [sopId.toLowerCase()];
  const family = match[1].toLowerCase();
  const number = String(parseInt(match[2], 10));
  // "GEN-SOP-02-EN" gets the bonus for "gen-sop-02-en", not for "gen-sop-02" (GEN-SOP-02's).
  const full = match[3] ? `${family}sop${number}${match[3].toLowerCase()}` : `${family}sop${number}`;
  return [full, `sop${number}`];
}

/* A full id ("ctsop7") outweighs everything; a bare number ("sop7") a little less. */
function id_bonus(ids, forms) {
  return ids.some((id) => forms.includes(id) && !id.startsWith("sop")) ? 10 : 3;
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  if (message.type === 0) {
    self.postMessage({type: 1});
  } else if (message.type === 2) {
    const id = ++latest;
    let items = [];
    try {
      items = await search(String(message.data || ""));
    } catch (error) {
      console.error("Search failed:", error);
    }
    if (id === latest) self.postMessage({type: 3, data: {items}});
  }
});
