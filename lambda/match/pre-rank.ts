import type { EntryIndex, IndexedEntry } from './entry-index';
import { topK } from './top-k';
import type { WeighedTerm } from './vocabulary';
import { MAX_CANDIDATES, PART_CREDIT } from './weights';

/**
 * Per-entry working arrays of pre-ranking, kept from one ask to the next: at 20,000 entries,
 * allocating them for every ask made most of the garbage. `own` and `seen` hold the number
 * of the term that last set them, so they need no clearing; the rest is cleared as used.
 */
interface Scratch {
  sums: Float64Array;
  /** 1 + the order in which each entry was first reached; 0 for not reached. */
  reached: Int32Array;
  /** Entries in the order first reached, and their sums in that order (for topK). */
  order: Int32Array;
  ordered: Float64Array;
  /** Per term: the entries it reaches, what each covers of it, and whether by the term itself. */
  touched: Int32Array;
  credit: Float64Array;
  own: Int32Array;
  seen: Int32Array;
  stamp: number;
}

let scratch: Scratch | undefined;

function scratchFor(size: number): Scratch {
  if (!scratch || scratch.sums.length < size) {
    scratch = {
      sums: new Float64Array(size),
      reached: new Int32Array(size),
      order: new Int32Array(size),
      ordered: new Float64Array(size),
      touched: new Int32Array(size),
      credit: new Float64Array(size),
      own: new Int32Array(size),
      seen: new Int32Array(size),
      stamp: 0,
    };
  }
  return scratch;
}

/**
 * Only the entries that cover most of what is asked can score well: the MAX_CANDIDATES
 * that cover most of it — the sum over the judged terms of weight × share × how squarely
 * the entry covers the term (score.ts's `coverageOf`) — read from the postings. Of equal
 * sums the entry reached first comes first, as the sort this replaces had it.
 */
export function preRank(judged: Iterable<{ term: WeighedTerm; share: number }>, index: EntryIndex): IndexedEntry[] {
  const w = scratchFor(index.entries.length);
  let reachedCount = 0;
  for (const { term, share } of judged) {
    const stamp = ++w.stamp;
    let touchedCount = 0;
    const itself = index.postings.get(term.key);
    if (itself) {
      for (let i = 0; i < itself.entries.length; i += 1) {
        const e = itself.entries[i];
        w.own[e] = stamp;
        w.seen[e] = stamp;
        w.credit[e] = itself.coverage[i];
        w.touched[touchedCount++] = e;
      }
    }
    for (const part of term.parts ?? []) {
      const posting = index.postings.get(part);
      if (!posting) continue;
      for (let i = 0; i < posting.entries.length; i += 1) {
        const e = posting.entries[i];
        if (w.own[e] === stamp) continue;
        if (w.seen[e] !== stamp) {
          w.seen[e] = stamp;
          w.credit[e] = posting.coverage[i];
          w.touched[touchedCount++] = e;
        } else if (w.credit[e] < posting.coverage[i]) {
          w.credit[e] = posting.coverage[i];
        }
      }
    }
    for (let t = 0; t < touchedCount; t += 1) {
      const e = w.touched[t];
      if (w.reached[e] === 0) {
        w.order[reachedCount] = e;
        w.reached[e] = ++reachedCount;
      }
      w.sums[e] += term.weight * share * (w.own[e] === stamp ? w.credit[e] : w.credit[e] * PART_CREDIT);
    }
  }
  for (let i = 0; i < reachedCount; i += 1) w.ordered[i] = w.sums[w.order[i]];
  // Pushed, not `map`ped: one array layout for scoring whether or not V8 has compiled this yet (vocabulary.ts, readAll).
  const best: IndexedEntry[] = [];
  for (const position of topK(w.ordered.subarray(0, reachedCount), MAX_CANDIDATES)) best.push(index.entries[w.order[position]]);
  for (let i = 0; i < reachedCount; i += 1) {
    w.sums[w.order[i]] = 0;
    w.reached[w.order[i]] = 0;
  }
  return best;
}
