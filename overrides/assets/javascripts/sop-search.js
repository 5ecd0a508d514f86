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
 *   other way round), each with its own stemmer; scores are normalised per index and
 *   words weighted by their rarity over all indexes.
 * - SOP ids in any form ("CT-SOP-07", "ct sop 7", "sop7") become the id words the pages
 *   carry (sopmodel/search.py, id_forms).
 * - A language word ("english", "engelsk", "nynorsk") asks for pages in that language and,
 *   after an id, for its translation ("gen sop 2 english": GEN-SOP-02-EN).
 * - Question and filler words (bokmål, nynorsk, English) are dropped; the remaining words
 *   are searched separately and their scores added, pages matching more of them first;
 *   the words as a phrase count extra.
 * - A word that finds nothing, or that is no known word and close to one, is also
 *   searched as the closest words of the site's vocabulary.
 * - Every hit is ranked with the page table (search/pages.json, written by
 *   sopmodel/search.py): SOPs above other pages for the same match, withdrawn and
 *   superseded SOPs and generated lists lowest, title, tag and id matches extra (a query
 *   word that is only the first part of a title's compound counts less), and pages that
 *   other pages link to above those no page refers to. Only the shown results' fragments
 *   are loaded.
 * - Two or more query words that a title or its tags write as one phrase ("end of trial",
 *   "medical device") count extra for that page.
 * - A compound ("protokollmal", "kildedataverifikasjon") is also searched as its parts, split
 *   with the dictionary the build learned from the site's own words (sopmodel/search/compounds.py,
 *   the same rules as splitCompound here); pages got their compounds' parts at index time.
 * - A query may carry filters (status, owner, phase, language, family, kind: the Pagefind
 *   filters of each page, read from its fragment into the page table); the answer then
 *   counts the results per filter value (the search page /sok/ shows them).
 * - Nothing is loaded before the reader opens search: the page (overrides/partials/search.html)
 *   starts this worker on focus, and SETUP then preloads the engine while the reader types;
 *   an empty query is answered without it.
 * - A query that is superseded by the next keystroke stops at its next step.
 * All page text is escaped before Material inserts it as HTML.
 */
"use strict";
/* splitCompound (as sopmodel/search/compounds.py), matchesKeys, joinedCompounds and keyPhrase; passes and countFacets (filters). */
importScripts("sop-search-compounds.js", "sop-search-facets.js");

const ROOT = new URL("../../", self.location.href);
const MARKER = "sopsøkeord";
/* Question and filler words: they say what kind of answer is wanted, not which page. */
const STOP = new Set((
  // bokmål and nynorsk
  "hvordan hva hvem hvor hvilken hvilke hvilket når hvorfor hvis korleis kva kven kvar kvifor kor " +
  "jeg eg du vi me dere de man meg oss deg seg en ei et ein eit den det de dei dette disse denne " +
  "som er var vært være blir bli ble skal skulle kan kunne må måtte bør burde vil ville har hadde ha " +
  "for til av på i og eller men med om fra frå ved etter før under over hos mellom uten ikke ikkje " +
  "noe noen nokon noko sin sitt sine min mitt mine din ditt dine vår vårt våre at å da så også her der " +
  "gjør gjøre gjer gjere finner finne trenger trengs lenge ofte mye mange hele alle få går gå kommer " +
  "komme egentlig riktig lurer spørsmål stå står sto stått " +
  // English
  "how what who whom whose where which when why do does did done i you we me us a an the is are was were " +
  "be been being should would could can must may might will shall for to of on in into and or but with " +
  "about from by at after before not my our your it its this that these those there here get gets " +
  "find need needs have has had any some goes go long often much many"
).split(" "));
/* Same match, different page: SOPs are the answer, the other pages point to them. */
const KIND_FACTOR = {sop: 1, page: 0.55, attachment: 0.55, onepager: 0.5, glossary: 0.45, list: 0.3};
/* Pages with a subject of their own that a query may name (a OnePager: "studiesykepleierkurs"). */
const SUBJECT_KINDS = new Set(["sop", "onepager", "attachment"]);
const LOW_STATUS = new Set(["withdrawn", "superseded"]);
const LOW_FACTOR = 0.25;
/* Results shown: one fragment request each (Material shows ten before scrolling). */
const SHOWN = 10;
const TITLE_BONUS = 1.0;
/* Titles up to this many words get the whole title bonus; longer ones less (the square root of the share). */
const TITLE_FOCUS_WORDS = 8;
/* Per page linking to an SOP (log scale): 1 link x1.21, 3 links x1.42, 6 links x1.58. */
const LINK_PRIOR = 0.3;
const DEBOUNCE_MS = 30;
const PHRASE_BONUS = 0.5;
/* Per query word of a phrase the title or tags write as the query does (keyPhrase). */
const KEY_PHRASE_BONUS = 0.5;
const ATTACHMENT_SHARE = 0.5;
/* A compound's parts together count a little less than the compound itself. */
const COMPOUND_FACTOR = 0.85;
/* A word's base without its ending is compared with known words from this length (a compound). */
const MIN_BASE = 8;
/* Words that ask for a checklist (bokmål, nynorsk, English, Danish, Swedish), as a query word or a title's first word. */
const CHECKLIST = /^(?:sjekk?liste|check-?list|avkrysningsliste|kontrolliste|tjekk?liste)/;
/* Results of a filtered search (the search page shows more than the dialog). */
const SHOWN_FILTERED = 50;
/* Words that ask for a language rather than a subject ("gen sop 2 english", "samtykke på nynorsk"). */
const LANGUAGE_WORDS = new Map([
  ["english", "en"], ["engelsk", "en"], ["engelske", "en"], ["eng", "en"],
  ["norwegian", "nb"], ["norsk", "nb"], ["bokmål", "nb"], ["nynorsk", "nn"],
]);
/* Pages in the language a query asks for, against the same match in another language. */
const LANGUAGE_FACTOR = 1.5;

let engine = null;
let latest = 0;

class Superseded extends Error {}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]);
}

/* Pagefind's excerpts are escaped text with <mark>; neutralise any other tag all the same. */
function safeExcerpt(excerpt) {
  const text = String(excerpt || "").split(new RegExp(`(?:<mark>)?${MARKER}`, "i"))[0];
  return text.replace(/<(?!\/?mark>)/g, "&lt;").trim();
}

async function loadEngine() {
  const [entry, vocabulary, pages] = await Promise.all([
    fetch(new URL("pagefind/pagefind-entry.json", ROOT)).then((r) => r.json()),
    fetch(new URL("search/vocabulary.json", ROOT)).then((r) => (r.ok ? r.json() : {words: [], families: []})),
    fetch(new URL("search/pages.json", ROOT)).then((r) => (r.ok ? r.json() : {})),
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
  const words = vocabulary.words || [];
  const total = instances.reduce((sum, instance) => sum + instance.pages, 0);
  const families = new Set(vocabulary.families || []);
  // Attachment file name ("sjekkliste-monitorbesok") -> the SOPs that list it.
  const parents = new Map();
  for (const [pageId, page] of Object.entries(pages)) {
    for (const name of (page[7] || "").split(" ").filter(Boolean)) parents.set(name, [...(parents.get(name) || []), pageId]);
  }
  const parts = new Set(vocabulary.parts || []);
  // Split while the reader types: the compounds two query words may form ("arkivansvarlig").
  const compounds = twoPartCompounds(parts);
  return {instances, words, known: new Set(words), families, pages, parents, total, parts, compounds, keyWords: new Map(), focus: new Map(), splits: new Map()};
}

/* One search at a time per index: Pagefind's WebAssembly state is not re-entrant.
   A search queued behind others is skipped when a newer query has arrived meanwhile. */
function searchIndex(instance, term, query) {
  const run = instance.queue.then(() => {
    if (query !== latest) throw new Superseded();
    return instance.pagefind.search(term);
  });
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
  // Digits as typed: "SOP 07" prefers CT-SOP-07 to BEN-SOP-00007 (both "sop7").
  const digits = [];
  // "sop 02 en": the number with a language suffix names the translation.
  text = text.replace(/(^|[^a-zæøå])sop[\s_\-.]*(0*)(\d{1,4})(?![\d])(?:[\s_\-]*(en|nb|nn)(?![a-zæøå]))?/g,
    (match, before, zeros, number, suffix) => {
      ids.push(`sop${number}`);
      if (suffix) ids.push(`sop${number}${suffix}`);
      digits.push(zeros + number);
      return before + " ";
    });
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // A language word says which translation is wanted, not what it is about: it is no search
  // word when others are left, and an id it follows names the translation ("sop 2 english").
  const language = words.map((word) => LANGUAGE_WORDS.get(word)).find(Boolean) || "";
  const subjectWords = words.filter((word) => !LANGUAGE_WORDS.has(word));
  if (language && subjectWords.length + ids.length > 0) {
    if (language !== "nb") ids.push(...ids.filter((term) => /\d$/.test(term)).map((term) => term + language));
    words.splice(0, words.length, ...subjectWords);
  }
  // A single letter (the first keystroke) would match a prefix of most words: slow at
  // a thousand SOPs, and it would hold up the search for the next keystroke.
  let kept = words.filter((word) => !STOP.has(word) && (word.length > 1 || /\d/.test(word)));
  if (!kept.length && !ids.length) kept = words.filter((word) => word.length > 1);
  // The phrase runs from the first to the last kept word ("note to file" keeps its "to").
  const first = words.indexOf(kept[0]);
  const last = words.lastIndexOf(kept[kept.length - 1]);
  const phrase = kept.length > 1 && last - first < 6 ? words.slice(first, last + 1).join(" ") : "";
  return {ids, digits, words: [...new Set(kept)], phrase, sequence: words, language};
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

/* The closest known words: at most one letter from the word (two from 8 letters), or a long
   word without its inflection ending one letter from one ("hovudarkivet": "hovedarkiv"). */
function corrections(word, words) {
  if (word.length < 4) return [];
  const limit = word.length >= 8 ? 2 : 1;
  const ending = ENDINGS.find((end) => word.endsWith(end) && word.length - end.length >= MIN_BASE);
  const base = ending ? word.slice(0, -ending.length) : "";
  const found = [];
  for (const candidate of words) {
    const d = distance(word, candidate, limit);
    const fromBase = base ? distance(base, candidate, 1) : 2;
    if (d <= limit && d > 0) found.push([d, candidate]);
    else if (fromBase === 1) found.push([1, candidate]);
  }
  return found.sort((x, y) => x[0] - y[0]).slice(0, 2).map(([, candidate]) => candidate);
}

/* The parts searched together: a page's score is the weighted share of the parts it matches. */
async function compoundVariant(state, word, query, found) {
  const parts = splitCompound(word, state.parts);
  if (parts.length < 2) return null;
  const searched = await Promise.all(parts.map((part) => searchTerm(state, part, query, found)));
  const weights = searched.map((part) => part.weight);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!sum) return null;
  const hits = new Map();
  searched.forEach((part, index) => {
    for (const [pageId, score] of part.hits) hits.set(pageId, (hits.get(pageId) || 0) + score * weights[index] / sum);
  });
  return {hits, weight: sum / parts.length, word, keys: parts, factor: COMPOUND_FACTOR};
}

/* A word of 5+ letters that is no known word and starts no known word may be a typo. */
function mayBeTypo(word, state) {
  if (word.length < 5 || /\d/.test(word) || state.known.has(word)) return false;
  const head = word.slice(0, -1);
  return !state.words.some((known) => known.startsWith(head));
}

/* Hits of one search term in every language index: Pagefind id -> score in 0..1, and
   the term's weight by its rarity over all indexes (0 when it finds nothing). */
async function searchTerm(state, term, query, found) {
  const perIndex = await Promise.all(state.instances.map(async (instance) => {
    const response = await searchIndex(instance, term, query);
    return (response && response.results) || [];
  }));
  // Pagefind's scores (BM25) are compared over all indexes: the top of a small index
  // is not the best hit.
  const top = Math.max(1e-9, ...perIndex.flat().map((result) => result.score));
  const hits = new Map(perIndex.flat().map((result) => [result.id, result.score / top]));
  for (const result of perIndex.flat()) if (!found.has(result.id)) found.set(result.id, result);
  return {hits, weight: hits.size ? Math.log(1 + state.total / hits.size) : 0};
}

/* A word names a short title's subject more than one word of a long title does: 1 up to
   TITLE_FOCUS_WORDS words, then the square root of that share (once per page). */
function titleFocus(state, pageId, page) {
  if (!state.focus.has(pageId)) {
    const length = String(page[2] || "").split(/\s+/).length;
    state.focus.set(pageId, Math.min(1, Math.sqrt(TITLE_FOCUS_WORDS / Math.max(1, length))));
  }
  return state.focus.get(pageId);
}

function keyWordsOf(state, pageId, page) {
  if (!state.keyWords.has(pageId)) {
    state.keyWords.set(pageId, `${page[2]} ${page[6]}`.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  }
  return state.keyWords.get(pageId);
}

/* The subject a query names: the pages of SUBJECT_KINDS whose title, tags or glossary terms
   match a query word (or its parts or corrections), whether or not that page's language index
   found it ("protokollen" names the English "Protocol" SOP). Each word weighs by its rarity
   among those pages' subjects. */
function subjects(state, searched) {
  const found = new Map();
  const counts = searched.map(() => 0);
  let named = 0;
  for (const [pageId, page] of Object.entries(state.pages)) {
    if (!SUBJECT_KINDS.has(page[1])) continue;
    named += 1;
    const keyWords = keyWordsOf(state, pageId, page);
    searched.forEach((variants, index) => {
      // A compound names the subject when all its parts do ("legemiddel" and "studie").
      const names = (v) => (v.keys
        ? Math.min(...v.keys.map((part) => matchesKeys(keyWords, part, state.parts, state.splits)))
        : matchesKeys(keyWords, v.word, state.parts, state.splits));
      const strength = Math.max(...variants.map(names));
      if (!strength) return;
      counts[index] += strength;
      (found.get(pageId) || found.set(pageId, new Map()).get(pageId)).set(index, strength);
    });
  }
  return {found, rarity: counts.map((n) => (n ? Math.log(1 + named / n) : 0))};
}

function titleHtml(page, data) {
  const [url, , title, sopId, status, statusLabel] = page;
  if (!sopId) return escapeHtml(String(title || data.meta?.title || url).replace(/\s*¶$/, ""));
  let html = `<span class="sop-id">${escapeHtml(sopId)}</span> ${escapeHtml(title)}`;
  if (status && status !== "active") {
    html += ` <span class="sop-search-status sop-search-status--${escapeHtml(status)}">` +
      `${escapeHtml(statusLabel || status)}</span>`;
  }
  return html;
}

/* No words, only filters: every page that passes, SOPs first, then by title. */
function browse(state, filters) {
  const pages = Object.values(state.pages);
  const order = (page) => KINDS_ORDER.indexOf(page[1]);
  const shown = pages.filter((page) => passes(page, filters))
    .sort((a, b) => order(a) - order(b) || (a[3] || a[2]).localeCompare(b[3] || b[2], "nb"));
  const items = shown.slice(0, SHOWN_FILTERED).map((page) => [{
    location: page[0].replace(/^\//, ""), title: titleHtml(page, {}), text: "", score: 0, terms: {},
  }]);
  return {items, total: shown.length, facets: countFacets(pages, filters)};
}
const KINDS_ORDER = ["sop", "attachment", "onepager", "page", "glossary", "list"];

async function search(query, id, filters) {
  if (!engine) engine = loadEngine();
  const state = await engine;
  const {ids, digits, words, phrase, sequence, language} = parseQuery(query, state.families);
  if (!ids.length && !words.length) return filters ? browse(state, filters) : {items: []};
  // Keystrokes queue up while the worker is busy: let them arrive, so that only the
  // newest query is searched.
  await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
  if (id !== latest) throw new Superseded();
  // The first Pagefind result of each page: its data() loads the fragment and excerpt.
  const found = new Map();

  // Every word on its own, and the closest known words for a word that looks like a typo.
  const searched = await Promise.all(words.map(async (word) => {
    const variants = [{...(await searchTerm(state, word, id, found)), word, factor: 1}];
    const compound = await compoundVariant(state, word, id, found);
    if (compound) variants.push(compound);
    if (!variants[0].hits.size || mayBeTypo(word, state)) {
      for (const correction of corrections(word, state.words)) {
        variants.push({...(await searchTerm(state, correction, id, found)), word: correction, factor: 0.8, corrected: true});
      }
    }
    return variants;
  }));
  const idHits = await Promise.all(ids.map((term) => searchTerm(state, term, id, found)));
  const phraseHits = phrase ? (await searchTerm(state, `"${phrase}"`, id, found)).hits : new Map();
  // Two query words as the one compound the site writes for them ("ansvar for arkivet": "arkivansvarlig").
  for (const compound of joinedCompounds(state, words)) {
    for (const pageId of (await searchTerm(state, compound, id, found)).hits.keys()) phraseHits.set(pageId, 1);
  }
  if (id !== latest) throw new Superseded();

  // Score = sum over words of (hit score x rarity), times the share of the words matched.
  const scores = new Map();
  const entry = (pageId) => scores.get(pageId) || scores.set(pageId, {score: 0, matched: 0, terms: new Set()}).get(pageId);
  let total = 0;
  searched.forEach((variants, index) => {
    const weight = Math.max(...variants.map((v) => v.weight * v.factor));
    total += weight;
    const best = new Map();
    for (const variant of variants) {
      for (const [pageId, score] of variant.hits) {
        best.set(pageId, Math.max(best.get(pageId) || 0, score * variant.weight * variant.factor));
      }
    }
    for (const [pageId, score] of best) {
      const e = entry(pageId);
      e.score += score;
      e.matched += weight;
      e.terms.add(index);
    }
  });
  for (const {hits} of idHits) for (const pageId of hits.keys()) entry(pageId);
  for (const pageId of phraseHits.keys()) entry(pageId).score += PHRASE_BONUS * total;
  // A query that asks for a checklist ("sjekkliste monitorbesøk") wants the checklist itself.
  const wantsChecklist = searched.some((variants) => variants.some((v) => CHECKLIST.test(v.word)));
  const asked = (page) => wantsChecklist && page[1] === "attachment" && CHECKLIST.test(String(page[2]).toLowerCase());
  // An SOP found by the query answers for its attachments: it gets a share of their score.
  for (const [pageId, e] of [...scores]) {
    const page = state.pages[pageId];
    if (!page || page[1] !== "attachment" || asked(page)) continue;
    const name = page[0].split("/").filter(Boolean).pop();
    for (const parent of state.parents.get(name) || []) {
      const p = scores.get(parent);
      if (!p) continue;
      p.score += ATTACHMENT_SHARE * e.score;
      p.matched = Math.max(p.matched, e.matched);
    }
  }

  // The SOPs the query names are candidates even when no index found them.
  const subject = subjects(state, searched);
  // A typo's first correction stands in for it in phrases ("medisinsk utsyr": "medisinsk utstyr").
  const wordIndex = new Map(words.map((word, index) => [word, index]));
  const fixes = new Map();
  searched.forEach((variants, index) => {
    const correction = variants.find((v) => v.corrected);
    if (correction) {
      fixes.set(words[index], correction.word);
      wordIndex.set(correction.word, index);
    }
  });
  const phraseWords = sequence.map((word) => fixes.get(word) || word);
  for (const pageId of subject.found.keys()) entry(pageId);

  // Every hit ranked: title, id and tag matches add, then the kind of page and its status
  // weigh; an exact id outranks all (a withdrawn SOP is still found by its id).
  const ranked = [];
  for (const [pageId, e] of scores) {
    const page = state.pages[pageId] || ["", "page", "", "", "", "", ""];
    const [, kind, , sopId, status] = page;
    // A checklist asked for is the answer; the SOPs and pages that speak of it point to it.
    const kindFactor = asked(page)
      ? KIND_FACTOR.sop
      : (KIND_FACTOR[kind] ?? KIND_FACTOR.page) * (wantsChecklist ? KIND_FACTOR.attachment : 1);
    let score = e.score * (0.3 + 0.7 * (total ? e.matched / total : 1)) * kindFactor;
    const named = subject.found.get(pageId) || new Map();
    const focus = titleFocus(state, pageId, page);
    // A page whose title the query names weighs its kind less: a OnePager titled with the
    // query is not "the same match" as an SOP that only uses the words.
    let subjectScore = 0;
    for (const [index, strength] of named) {
      subjectScore += strength * TITLE_BONUS * focus * Math.max(subject.rarity[index], ...searched[index].map((v) => v.weight * v.factor));
    }
    // The title or tags write two or more of the words as the query does ("end of trial").
    if (named.size >= 2) {
      for (const index of keyPhrase(phraseWords, wordIndex, keyWordsOf(state, pageId, page))) {
        subjectScore += KEY_PHRASE_BONUS * Math.max(...searched[index].map((v) => v.weight * v.factor));
      }
    }
    score = (score + subjectScore * Math.sqrt(kindFactor)) * (LOW_STATUS.has(status) ? LOW_FACTOR : 1);
    // Of SOPs that match alike, the one other pages refer readers to comes first.
    if (kind === "sop") score *= 1 + LINK_PRIOR * Math.log(1 + (page[9] || 0));
    const forms = sopId ? idForms(sopId) : [];
    if (ids.some((term) => forms.includes(term))) {
      // Each further form matched ("sop2" and "sop2en") says the query names this one.
      score += id_bonus(ids, forms) + ids.filter((term) => forms.includes(term)).length - 1;
      if (digits.includes(/-sop-(\d+)/i.exec(sopId)[1])) score += 0.5;
    }
    if (language && page[8]?.language === language) score *= LANGUAGE_FACTOR;
    ranked.push({pageId, page, score});
  }
  ranked.sort((a, b) => b.score - a.score);

  // Only the shown results' fragments (url, excerpt) are loaded.
  const hits = ranked.filter((hit) => found.has(hit.pageId) || subject.found.has(hit.pageId));
  const chosen = filters ? hits.filter((hit) => passes(hit.page, filters)) : hits;
  const shown = chosen.slice(0, filters ? SHOWN_FILTERED : SHOWN);
  // A page named only by its subject has no fragment loaded: its table row serves.
  const data = async (hit) => (found.has(hit.pageId) ? found.get(hit.pageId).data() : {url: hit.page[0], excerpt: ""});
  const results = await Promise.all(shown.map(async (hit) => ({...hit, data: await data(hit)})));
  if (id !== latest) throw new Superseded();
  const highlight = Object.fromEntries(words.map((word) => [word, true]));
  const items = results.map(({page, data, score}) => [{
    location: (data.url || page[0]).replace(/^\//, ""),
    title: titleHtml(page, data),
    text: safeExcerpt(data.excerpt),
    score,
    terms: highlight,
  }]);
  return filters ? {items, total: chosen.length, facets: countFacets(hits.map((hit) => hit.page), filters)} : {items};
}

/* The same forms as sopmodel/search.py id_forms, for the bonus of an exact id match. */
function idForms(sopId) {
  const match = /^([a-z]+)-sop-(\d+)(?:-([a-z]+))?$/i.exec(sopId.trim());
  if (!match) return [sopId.toLowerCase()];
  const family = match[1].toLowerCase();
  const number = String(parseInt(match[2], 10));
  // "GEN-SOP-02-EN" gets the bonus for "gen-sop-02-en", not for "gen-sop-02" (GEN-SOP-02's).
  if (!match[3]) return [`${family}sop${number}`, `sop${number}`];
  const suffix = match[3].toLowerCase();
  return [`${family}sop${number}${suffix}`, `sop${number}`, `sop${number}${suffix}`];
}

/* A full id ("ctsop7") outweighs everything; a bare number ("sop7") a little less. */
function id_bonus(ids, forms) {
  return ids.some((id) => forms.includes(id) && !id.startsWith("sop")) ? 10 : 3;
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  if (message.type === 0) {
    // The page starts this worker when the reader opens search: load the engine now,
    // while they type.
    if (!engine) engine = loadEngine();
    self.postMessage({type: 1});
  } else if (message.type === 2) {
    const id = ++latest;
    const query = String(message.data || "");
    let answer = {items: []};
    try {
      // Material sends an empty query on every page: answered without the engine.
      if (query.trim() || message.filters) answer = await search(query, id, message.filters);
    } catch (error) {
      if (!(error instanceof Superseded)) console.error("Search failed:", error);
    }
    // `query` is not read by Material: it tells tests and the benchmark which query was answered;
    // `total` and `facets` are for the search page (filtered queries).
    if (id === latest) self.postMessage({type: 3, data: {...answer, query: message.data}});
  }
});
