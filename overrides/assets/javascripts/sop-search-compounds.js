/*
 * Norwegian compound splitting for the search worker (sop-search.js, issue 15): the same
 * rules as sopmodel/search/compounds.py, which splits the pages' words at index time and
 * writes the dictionary (the site's own words, search/vocabulary.json "parts").
 */
"use strict";

const MIN_PART = 3;
const MIN_COMPOUND = 7;
const ENDINGS = ["ene", "ane", "en", "et", "er", "a", "e"];
const LINKS = new Set(["s", "e"]);

/* The parts of a compound word: fewest known parts (then the longest shortest part), a
   linking "s" or "e" allowed after a part; an inflected known word is split as that word;
   an unknown word may end in one unknown part ("kildedata" + "verifikasjon"). */
function splitCompound(word, parts) {
  if (word.length < MIN_COMPOUND || !parts.size) return [];
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && parts.has(word.slice(0, -ending.length))) {
      const stem = word.slice(0, -ending.length);
      return stem.length >= MIN_COMPOUND ? bestSplit(stem, parts).full : [];
    }
  }
  const {full, best} = bestSplit(word, parts);
  if (full.length || parts.has(word)) return full;
  for (const at of [...best.keys()].sort((a, b) => b - a)) {
    const [head] = best.get(at);
    const tail = word.slice(at);
    if (head.length && tail.length >= 4 && at * 3 >= word.length) return [...head, tail];
  }
  return [];
}

function bestSplit(word, parts) {
  const best = new Map([[0, [[], word.length]]]);
  const better = (a, b) => a[0].length < b[0].length || (a[0].length === b[0].length && a[1] > b[1]);
  const keep = (at, candidate) => { if (!best.has(at) || better(candidate, best.get(at))) best.set(at, candidate); };
  for (let end = MIN_PART; end <= word.length; end++) {
    let chosen = null;
    for (let start = 0; start <= end - MIN_PART; start++) {
      if (!best.has(start) || (start === 0 && end === word.length)) continue;
      const piece = word.slice(start, end);
      if (!parts.has(piece)) continue;
      const [head, shortest] = best.get(start);
      const candidate = [[...head, piece], Math.min(shortest, piece.length)];
      if (!chosen || better(candidate, chosen)) chosen = candidate;
    }
    if (!chosen) continue;
    keep(end, chosen);
    if (end < word.length && LINKS.has(word[end]) && end + 1 < word.length) keep(end + 1, chosen);
  }
  const whole = best.get(word.length);
  return {full: whole && whole[0].length >= 2 ? whole[0] : [], best};
}
