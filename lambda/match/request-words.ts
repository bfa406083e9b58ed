/**
 * What the words of a request say about whether the FAQ answers it, learnt from labelled
 * mail: for each word stem, the log-odds that a message using it had an FAQ answer against
 * none (a request to act, a status check, a legal or sales matter). Fitted by naive Bayes
 * (tools/eval/fit-request-words.ts); the answer model weighs the sum as one signal.
 */
import type { Evidence } from './evidence';

export type RequestWords = Readonly<Record<string, number>>;

/** Each stem once per message: a word repeated says no more about what kind of request it is. */
export function requestStems(evidence: Evidence): Set<string> {
  const stems = new Set<string>();
  for (const ask of evidence.reading.asks) for (const word of ask.words) stems.add(word.stem);
  return stems;
}

/** The message's log-odds of having an FAQ answer, by the words of what it asks (0 when none are known). */
export function requestWordScore(words: RequestWords, evidence: Evidence): number {
  let sum = 0;
  for (const stem of requestStems(evidence)) if (Object.hasOwn(words, stem)) sum += words[stem];
  return sum;
}
