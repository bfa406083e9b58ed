import type { Ask } from './asks';
import type { MatchOptions } from './index';
import type { EntryScore } from './score';

/**
 * Whether an entry answers one question, given how every entry scored for it and what
 * the message's other questions already brought.
 */

/** An ask restating one already answered ("Is this possible?") needs less to count as answered by it. */
const RESTATED_FACTOR = 0.7;
/** Two entries this confident for one question both answer it, however close. */
const BOTH_CONFIDENT = 0.75;

export interface Judgement {
  answers: EntryScore[];
  /** Answered by an entry another question of the message already brought. */
  restates?: EntryScore;
  verdict: string;
}

/**
 * Whether the best entry answers the ask: confident enough, and clearly ahead of the
 * next entry not already sent for another question of the message (or, when both are
 * very confident, the two of them together).
 */
export function judge(ask: Ask, scores: readonly EntryScore[], chosen: ReadonlyMap<string, EntryScore>, options: MatchOptions): Judgement {
  const [best] = scores;
  if (!best) return { answers: [], verdict: 'no entry shares a telling word with it' };
  // One everyday word ("Test") can fit a phrasing perfectly and still say nothing of what is asked.
  if (ask.saysTooLittle) return { answers: [], verdict: `says too little to tell what is asked (best ${best.score.toFixed(2)} not sent)` };
  const restated = (): Judgement | undefined =>
    chosen.has(best.indexed.entry.id) && best.score >= options.answerThreshold * RESTATED_FACTOR
      ? { answers: [], restates: best, verdict: `restates a question answered by the same entry (${best.score.toFixed(2)})` }
      : undefined;
  if (best.score < options.answerThreshold) {
    return restated() ?? { answers: [], verdict: `best ${best.score.toFixed(2)} is below the threshold ${options.answerThreshold}` };
  }
  const runnerUp = scores.find((s) => s !== best && !chosen.has(s.indexed.entry.id));
  const lead = best.score - (runnerUp?.score ?? 0);
  if (lead >= options.answerMargin) return { answers: [best], verdict: `best ${best.score.toFixed(2)} leads by ${lead.toFixed(2)}` };
  if (runnerUp && runnerUp.score >= BOTH_CONFIDENT) {
    return { answers: [best, runnerUp], verdict: `two entries fit it confidently (${best.score.toFixed(2)}, ${runnerUp.score.toFixed(2)}): both sent` };
  }
  return restated() ?? { answers: [], verdict: `best ${best.score.toFixed(2)} leads the runner-up by only ${lead.toFixed(2)} (margin ${options.answerMargin})` };
}
