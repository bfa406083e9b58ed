/**
 * Which FAQ entry staff mean by a name in a verdict (`wrong: <name>`, `should answer: <name>`):
 * its key (the entry id), its question or one of its phrasings as written, a part of exactly
 * one question, or else what the matcher makes of the name read as a question.
 */
import type { FaqEntry } from '../domain';
import { matchInquiry, type FaqIndex, type MatchOptions } from '../match';
import { foldText } from '../match/words';

function plain(text: string): string {
  return foldText(text)
    .toLowerCase()
    .replace(/[^a-z0-9']+/g, ' ')
    .trim();
}

/** The entry `name` means, or undefined when it means none (or several equally). */
export function resolveEntry(name: string, entries: readonly FaqEntry[], index: FaqIndex, options: MatchOptions): FaqEntry | undefined {
  const key = name
    .trim()
    .replace(/^["'`<]+|["'`>]+$/g, '')
    .trim();
  const byId = entries.find((entry) => entry.id === key.toLowerCase());
  if (byId) return byId;
  const wanted = plain(key);
  if (wanted.length === 0) return undefined;
  const exact = entries.find((entry) => [entry.question, ...entry.phrasings].some((text) => plain(text) === wanted));
  if (exact) return exact;
  const containing = entries.filter((entry) => plain(entry.question).includes(wanted));
  if (containing.length === 1) return containing[0];
  const match = matchInquiry(index, { subject: '', newText: key, forwardedText: '' }, options);
  return match.answers[0]?.entry;
}
