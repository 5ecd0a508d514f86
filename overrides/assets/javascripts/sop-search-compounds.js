/*
 * Norwegian compound splitting for the search worker (sop-search.js, issue 15): the same
 * rules as sopmodel/search/compounds.py, which splits the pages' words at index time and
 * writes the dictionary (the site's own words, search/vocabulary.json "parts"). Also how a
 * title's words name a query word (matchesKeys: a compound is about its last part) and
 * the site's compounds of two query words (joinedCompounds), and the phrase of query words
 * a title or its tags write (keyPhrase).
 */
"use strict";

const MIN_PART = 3;
const MIN_COMPOUND = 7;
const ENDINGS = ["ene", "ane", "en", "et", "er", "a", "e"];
const LINKS = new Set(["s", "e"]);
/* A query word that is only the first part of a title's compound names it this much. */
const MODIFIER_SHARE = 0.4;
/* Compounds of two query words searched as the phrase, at most. */
const JOINED_COMPOUNDS = 3;
/* Letters after a word that make a key another word, not a form of it ("lege" + "middel"). */
const LONG_TAIL = 6;

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

/* The site's two-part compounds with their parts, split once when the engine loads. */
function twoPartCompounds(parts) {
  const compounds = [];
  for (const word of parts) {
    const split = word.length >= MIN_COMPOUND ? splitCompound(word, parts) : [];
    if (split.length === 2) compounds.push([word, split]);
  }
  return compounds;
}

/* The site's compounds of two query words, the second word last ("ansvar for arkivet",
   "arkivets ansvar": "arkivansvarlig"): Norwegian writes a phrase as one word as often
   as not. */
function joinedCompounds(state, words) {
  if (words.length < 2) return [];
  const found = [];
  for (const first of words) {
    for (const last of words) {
      if (first === last || first.length < MIN_PART || last.length < MIN_PART) continue;
      for (const [word, [head, tail]] of state.compounds) {
        if (sameWord(head, first) && sameWord(tail, last)) found.push(word);
      }
    }
  }
  return [...new Set(found)].slice(0, JOINED_COMPOUNDS);
}

/* How well a title, id and tags name `word`: 1 for the word itself, stems both ways
   ("randomiseringen" ~ "randomisering"), or for the last part of a compound ("avvik" in
   "protokollavvik"); `MODIFIER_SHARE` when the word is only a first part: Norwegian
   compounds are about their last part ("protokollavvik" is a deviation, not a protocol;
   "sponsoransvar" is a responsibility); 0 otherwise. */
function matchesKeys(keyWords, word, parts, splits) {
  if (word.length < 3) return keyWords.includes(word) ? 1 : 0;
  const stem = word.slice(0, Math.max(4, Math.min(word.length - 1, 6)));
  let best = 0;
  for (const key of keyWords) {
    const modifier = key.startsWith(stem) || (key.length >= 5 && word.startsWith(key));
    if (modifier && sameWord(key, word)) return 1;
    if (key.length < MIN_COMPOUND) {
      if (modifier) return 1;
      continue;
    }
    if (!splits.has(key)) splits.set(key, splitCompound(key, parts));
    const split = splits.get(key);
    if (split.length >= 2 && sameWord(split[split.length - 1], word)) return 1;
    // A longer key that is no compound is a form of the word ("arkivering", "arkivet"), unless
    // what follows the word is a word of its own ("lege" + "midler": legemidler are no doctors).
    if (modifier && split.length < 2 && key.length >= word.length && !endsInWord(key, word, parts)) return 1;
    if (modifier) best = MODIFIER_SHARE;
  }
  return best;
}

/* The key goes on after the word with a known part or a long tail ("legemidler" after "lege"). */
function endsInWord(key, word, parts) {
  if (!key.startsWith(word)) return false;
  const rest = key.slice(word.length);
  return rest.length >= LONG_TAIL || (rest.length >= MIN_PART + 1 && parts.has(rest));
}

/* One word inflected ("endringer", "endring"; "arkivet", "arkiv"): at most three letters apart. */
function sameWord(a, b) {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const base = short.length > 5 ? short.replace(/(ene|en|et|er|e|s)$/, "") : short;
  return long.startsWith(base) && long.length - base.length <= 3;
}

/* The searched words (their indexes in `searched`) of the longest run of query words that
   a page's title or tags write as one phrase, word by word ("end of trial", "medisinske
   utstyret" for "medisinsk utstyr"): a run starts and ends with a searched word and holds
   two or more of them; the words between (a stop word such as "of") must be there too.
   [] when there is none. */
function keyPhrase(sequence, searchedIndex, keyWords) {
  let best = [];
  for (let i = 0; i < sequence.length; i++) {
    if (!searchedIndex.has(sequence[i])) continue;
    for (let j = sequence.length - 1; j > i; j--) {
      if (!searchedIndex.has(sequence[j])) continue;
      const run = sequence.slice(i, j + 1);
      const inside = new Set(run.filter((word) => searchedIndex.has(word)).map((word) => searchedIndex.get(word)));
      if (inside.size < 2 || inside.size <= best.length) continue;
      if (writesPhrase(keyWords, run)) best = [...inside];
    }
  }
  return best;
}

function writesPhrase(keyWords, run) {
  for (let start = 0; start + run.length <= keyWords.length; start++) {
    if (run.every((word, k) => sameWord(keyWords[start + k], word))) return true;
  }
  return false;
}
