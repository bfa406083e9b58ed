/**
 * Which entries cover each term, as parallel typed arrays: their positions in the index's
 * `entries`, and how squarely each covers the term. Pre-ranking walks these lists for every
 * ask, so at 20,000 entries they are flat numbers rather than objects.
 */
export interface Posting {
  entries: Int32Array;
  /** Float64, not 32: the same sums as the entries' coverage maps give, to the last bit. */
  coverage: Float64Array;
}

/** From each indexed entry's coverage map (entry-index.ts), in the index's order. */
export function buildPostings(entries: ReadonlyArray<{ coverage: ReadonlyMap<string, number> }>): Map<string, Posting> {
  const lists = new Map<string, { entries: number[]; coverage: number[] }>();
  entries.forEach((indexed, position) => {
    for (const [key, coverage] of indexed.coverage) {
      let list = lists.get(key);
      if (!list) lists.set(key, (list = { entries: [], coverage: [] }));
      list.entries.push(position);
      list.coverage.push(coverage);
    }
  });
  const postings = new Map<string, Posting>();
  for (const [key, list] of lists)
    postings.set(key, { entries: Int32Array.from(list.entries), coverage: Float64Array.from(list.coverage) });
  return postings;
}
