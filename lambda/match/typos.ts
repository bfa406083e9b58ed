/**
 * Typo tolerance: a word the FAQ does not know ("discription", "activaton") is read as
 * the FAQ word one edit away (insertion, deletion, substitution or swap of neighbours).
 * Candidates come from a deletion index (each word under itself and every one-letter
 * deletion), so a lookup costs a few searches by halving whatever the size of the FAQ,
 * which a fuzzy scan of the whole vocabulary (fuse.js) would not.
 */
import { sortedLines, valueOfLine } from './sorted-lines';
import { MIN_TYPO_LENGTH } from './weights';

export interface TypoIndex {
  known: ReadonlySet<string>;
  /**
   * A line per deletion key, "key word word…", the words in the order they came, as one text
   * (./sorted-lines): a map of ~12,000 keys for the shipped FAQ, which was most of the objects
   * a cold start read from the packed index. Keys and words are lowercase letters, so a key's
   * line sorts where the key does.
   */
  byDeletion: string;
}

function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export function buildTypoIndex(words: Iterable<string>): TypoIndex {
  const known = new Set<string>();
  const byDeletion = new Map<string, string[]>();
  for (const word of words) {
    if (known.has(word)) continue;
    known.add(word);
    if (word.length < MIN_TYPO_LENGTH - 1 || !/^[a-z]+$/.test(word)) continue;
    for (const key of new Set(deletions(word))) {
      const list = byDeletion.get(key) ?? [];
      list.push(word);
      byDeletion.set(key, list);
    }
  }
  return { known, byDeletion: sortedLines([...byDeletion].map(([key, list]) => `${key} ${list.join(' ')}`)) };
}

/** Optimal string alignment distance, stopping early past 1. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

/**
 * The known words one edit away from an unknown `word` that starts with the same letter
 * (typos rarely hit the first letter, and requiring it halves the false corrections).
 */
export function typoCandidates(word: string, index: TypoIndex): string[] {
  if (word.length < MIN_TYPO_LENGTH || index.known.has(word) || !/^[a-z]+$/.test(word)) return [];
  const found = new Set<string>();
  for (const key of deletions(word)) {
    const words = valueOfLine(index.byDeletion, key);
    if (words === undefined) continue;
    for (const candidate of words.split(' ')) {
      if (candidate[0] === word[0] && withinOneEdit(word, candidate)) found.add(candidate);
    }
  }
  return [...found];
}
