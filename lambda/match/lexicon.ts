import { wordsOf, type Word } from './words';

/**
 * The domain vocabulary from `content/synonyms.md`: every term of a group, one word or
 * several ("SLO", "single logout", "single sign-out"), stands for one concept. Phrases are
 * matched on stems, longest first, before stop words are dropped, so "sign up" and
 * "time out" survive as concepts although "up" and "out" are stop words.
 */

export interface Lexicon {
  /** Phrases by their first stem, longest first. */
  phrases: ReadonlyMap<string, ReadonlyArray<{ stems: readonly string[]; concept: string }>>;
  /** Concept → the terms of its group, as staff wrote them (for explanations). */
  terms: ReadonlyMap<string, readonly string[]>;
}

/** A word of the text after phrase matching: a concept id, or the word's own stem. */
export interface Term {
  /** What is compared: the stem, or `~concept` for a synonym group. */
  key: string;
  /** The words of the text it stands for. */
  words: Word[];
}

export function conceptKey(group: readonly string[]): string {
  return `~${wordsOf(group[0]).map((w) => w.stem).join('_')}`;
}

export function buildLexicon(groups: ReadonlyArray<readonly string[]>): Lexicon {
  const phrases = new Map<string, Array<{ stems: string[]; concept: string }>>();
  const terms = new Map<string, string[]>();
  // A term in two groups joins them: staff may list "SSO = single sign-on" and later
  // "single sign-on = federated sign-on"; both mean one concept.
  const conceptOf = new Map<string, string>();
  for (const group of groups) {
    const keys = group.map((term) => wordsOf(term).map((w) => w.stem).join(' ')).filter(Boolean);
    const existing = keys.map((k) => conceptOf.get(k)).find((c): c is string => c !== undefined);
    const concept = existing ?? conceptKey(group);
    terms.set(concept, [...(terms.get(concept) ?? []), ...group]);
    for (const key of keys) {
      conceptOf.set(key, concept);
      const stems = key.split(' ');
      const list = phrases.get(stems[0]) ?? [];
      if (!list.some((p) => p.stems.join(' ') === key)) list.push({ stems, concept });
      phrases.set(stems[0], list);
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  return { phrases, terms };
}

/** Replaces every phrase of the lexicon found in `words` by its concept (longest match wins). */
export function toTerms(words: readonly Word[], lexicon: Lexicon): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < words.length; ) {
    const candidates = lexicon.phrases.get(words[i].stem);
    const hit = candidates?.find((p) => p.stems.every((s, k) => words[i + k]?.stem === s));
    if (hit) {
      out.push({ key: hit.concept, words: words.slice(i, i + hit.stems.length) });
      i += hit.stems.length;
    } else {
      out.push({ key: words[i].stem, words: [words[i]] });
      i += 1;
    }
  }
  return out;
}
