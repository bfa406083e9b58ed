import { rankOf, rankTable, specificity, type RankTable } from './commonness';
import { isLiteral, startsPhrase, toTerms, type Lexicon, type Term } from './lexicon';
import { remembered } from './remembered';
import { isStopWord, STOP_WORDS } from './stopwords';
import { buildTypoIndex, typoCandidates, type TypoIndex } from './typos';
import {
  CORRECTED_FACTOR,
  NAME_FACTOR,
  TYPO_RANK,
  UNKNOWN_DOCUMENT_SHARE,
  UNKNOWN_RARE_FACTOR,
  UNKNOWN_SPECIFICITY_FLOOR,
} from './weights';
import { isCapitalised, stemOf, wordsOf, type Word } from './words';

/**
 * What the FAQ knows: its words (for typo correction), its synonym groups, and how
 * telling each term is (inverse document frequency over the entries).
 */
export interface Vocabulary {
  lexicon: Lexicon;
  typos: TypoIndex;
  /** Term key → weight: rare in the FAQ means telling. */
  idf: ReadonlyMap<string, number>;
  /** Weight of a term the FAQ never uses: it still says what the writer is after. */
  unknownWeight: number;
  /** Weight of a synonym-group concept no entry uses: domain vocabulary the FAQ does not cover. */
  uncoveredConceptWeight: number;
}

/** A term of the writer's text, weighed. */
export interface WeighedTerm {
  key: string;
  /** As written, for explanations. */
  text: string;
  weight: number;
  /** For a concept, the telling stems of the words it was written with ("session", "time"). */
  parts?: string[];
}

/**
 * `documents`: the terms of each entry's fields (phrases already joined by `lexicon`).
 * Typos are read against the words they were written with, the synonyms and the stop
 * words ("allready").
 */
export function buildVocabulary(
  lexicon: Lexicon,
  documents: ReadonlyArray<ReadonlyArray<readonly Term[]>>,
  synonyms: ReadonlyArray<readonly string[]>,
): Vocabulary {
  const surface = new Set<string>(STOP_WORDS);
  const df = new Map<string, number>();
  for (const fields of documents) {
    const keys = new Set<string>();
    for (const terms of fields) {
      for (const t of terms) {
        keys.add(t.key);
        for (const w of t.words) surface.add(w.lower);
      }
    }
    for (const key of keys) df.set(key, (df.get(key) ?? 0) + 1);
  }
  for (const term of synonyms.flat()) for (const w of wordsOf(term)) surface.add(w.lower);
  const typos = buildTypoIndex(surface);
  const n = documents.length;
  const idfOf = (count: number): number => Math.log(1 + (n - count + 0.5) / (count + 0.5));
  const idf = new Map<string, number>();
  for (const [key, count] of df) idf.set(key, idfOf(count));
  return { lexicon, typos, idf, unknownWeight: idfOf(Math.max(1, n * UNKNOWN_DOCUMENT_SHARE)), uncoveredConceptWeight: idfOf(1) };
}

function isName(raw: string, position: number): boolean {
  return position > 0 && isCapitalised(raw);
}

/**
 * A word the FAQ does not know, read as the FAQ word (or stop word) it is one typo away
 * from, if just one — unless it is an everyday word itself ("small" is not "shall").
 */
function readAsMeant(word: Word, vocabulary: Vocabulary): Word {
  if (vocabulary.idf.has(word.stem) || startsPhrase(word, vocabulary.lexicon) || /[A-Z]/.test(word.raw)) return word;
  if ((rankOf(word.lower) ?? Infinity) < TYPO_RANK) return word;
  const candidates = typoCandidates(word.lower, vocabulary.typos);
  if (candidates.length === 0) return word;
  const stem = stemOf(candidates[0]);
  if (candidates.some((c) => stemOf(c) !== stem)) return word;
  // "allready" is "already": a stop word once read right.
  const lower = candidates.every((c) => isStopWord(c)) ? candidates[0] : word.lower;
  return { ...word, lower, stem, stop: isStopWord(lower), corrected: true };
}

/**
 * Words as read against one vocabulary, kept per vocabulary: the same few thousand words
 * recur in every message (and in the question, its context and its sentences alike), and
 * each reading takes several lookups, a rare word a typo search. A reading depends on the
 * word ranks too: a new rank table (useCommonWords) starts afresh.
 */
interface Readings {
  ranks: RankTable;
  words: Map<Word, Word>;
}

const readings = new WeakMap<Vocabulary, Readings>();

function readingsOf(vocabulary: Vocabulary): Map<Word, Word> {
  const ranks = rankTable();
  let kept = readings.get(vocabulary);
  if (!kept || kept.ranks !== ranks) readings.set(vocabulary, (kept = { ranks, words: new Map() }));
  return kept.words;
}

function readWord(word: Word, vocabulary: Vocabulary, kept: Map<Word, Word>): Word {
  return remembered(kept, word, readAsMeant, vocabulary);
}

/** The telling terms of a text: stop words dropped, synonyms joined, typos read as meant, each weighed. */
export function analyse(text: string, vocabulary: Vocabulary): WeighedTerm[] {
  return analyseWords(wordsOf(text), vocabulary);
}

/**
 * `analyse` of words already split (`wordsOf`), for a caller that has them. The words of
 * several texts one after another read as the texts joined by spaces do: no word runs
 * across a space.
 */
export function analyseWords(words: readonly Word[], vocabulary: Vocabulary): WeighedTerm[] {
  return weigh(toTerms(readAll(words, vocabulary), vocabulary.lexicon), vocabulary);
}

/**
 * The words as read against the vocabulary, pushed one by one: so the array is laid out
 * alike whether or not V8 has compiled this yet (`map` lays it out one way in each case, and
 * each new layout its readers meet deoptimises them, as late as the tenth round of a process).
 */
function readAll(words: readonly Word[], vocabulary: Vocabulary): Word[] {
  const kept = readingsOf(vocabulary);
  const read: Word[] = [];
  for (const word of words) read.push(readWord(word, vocabulary, kept));
  return read;
}

/**
 * Whether `analyseWords` would find a telling term in `words`, without weighing any: a word
 * that is no stop word makes one (alone or within a phrase), so only words that all are
 * stop words need the phrase search.
 */
export function saysAnything(words: readonly Word[], vocabulary: Vocabulary): boolean {
  const kept = readingsOf(vocabulary);
  for (const word of words) if (!readWord(word, vocabulary, kept).stop) return true;
  return toTerms(readAll(words, vocabulary), vocabulary.lexicon).length > 0;
}

/** Weighs terms: by rarity in the FAQ, and for words the FAQ never uses, by rarity in everyday English. */
export function weigh(terms: readonly Term[], vocabulary: Vocabulary): WeighedTerm[] {
  const out: WeighedTerm[] = [];
  for (const term of terms) {
    const concept = term.key.startsWith('~');
    const first = term.words[0];
    const known = vocabulary.idf.get(term.key);
    let weight: number;
    if (concept) weight = known ?? vocabulary.uncoveredConceptWeight;
    else if (known !== undefined) weight = known * specificity(first.lower);
    else
      weight =
        vocabulary.unknownWeight *
        specificity(first.lower, UNKNOWN_SPECIFICITY_FLOOR, UNKNOWN_RARE_FACTOR) *
        (isName(first.raw, term.at) ? NAME_FACTOR : 1);
    if (first.corrected) weight *= CORRECTED_FACTOR;
    // An abbreviation is no part to share: "AD" half-said by "adding" is not said at all.
    const parts = concept ? term.words.filter((w) => !w.stop && !isLiteral(w)).map((w) => w.stem) : undefined;
    const text = term.words.length === 1 ? first.raw : term.words.map((w) => w.raw).join(' ');
    // Two literals rather than spreading `parts` in: spreading costs more than the rest, for every term of every text.
    out.push(parts && parts.length > 0 ? { key: term.key, text, weight, parts } : { key: term.key, text, weight });
  }
  return out;
}
