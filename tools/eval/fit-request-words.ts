/**
 * Learning the request words (lambda/match/request-words.ts) from labelled mail by naive
 * Bayes: for each stem, how much more often messages with an FAQ answer use it than messages
 * without one, among the messages the answer model decides.
 */
import type { Evidence } from '../../lambda/match/evidence';
import { requestStems, type RequestWords } from '../../lambda/match/request-words';

/** A labelled message as read: `answered` when its label lists an entry to send. */
export interface ReadMessage {
  evidence: Evidence;
  answered: boolean;
}

export function fitRequestWords(messages: readonly ReadMessage[]): RequestWords {
  return naiveBayes(messages.map(({ evidence, answered }) => ({ stems: requestStems(evidence), yes: answered })));
}

function naiveBayes(samples: ReadonlyArray<{ stems: ReadonlySet<string>; yes: boolean }>): RequestWords {
  const seen = [new Map<string, number>(), new Map<string, number>()];
  const samplesOn = [0, 0];
  for (const { stems, yes } of samples) {
    const answered = yes ? 1 : 0;
    samplesOn[answered] += 1;
    for (const stem of stems) seen[answered].set(stem, (seen[answered].get(stem) ?? 0) + 1);
  }
  // Laplace smoothing: a stem never seen on one side is rare there, not impossible.
  const rate = (side: number, stem: string) => ((seen[side].get(stem) ?? 0) + 1) / (samplesOn[side] + 2);
  const words: Record<string, number> = {};
  // Every stem seen counts: leaving out those seen in fewer than 2, 3 or 5 messages scored worse on sets left out.
  for (const stem of [...new Set([...seen[0].keys(), ...seen[1].keys()])].sort()) {
    words[stem] = Math.round(Math.log(rate(1, stem) / rate(0, stem)) * 1000) / 1000;
  }
  return words;
}
