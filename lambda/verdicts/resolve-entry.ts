/**
 * Which FAQ entry staff mean by a name in a verdict (`wrong: <name>`, `should answer: <name>`):
 * its key (the entry id), its question or one of its phrasings as written, a part of exactly
 * one question, or else what the matcher makes of the name read as a question; and, first of
 * all, the key of an entry the judged decision chose, whatever the FAQ says of it today.
 */
import type { FaqEntry } from '../domain';
import type { StaffVerdict } from '../state/decision-record';
import { matchInquiry, type FaqIndex, type MatchOptions } from '../match';
import { foldText } from '../match/words';

function plain(text: string): string {
  return foldText(text)
    .toLowerCase()
    .replace(/[^a-z0-9']+/g, ' ')
    .trim();
}

/** `name` as a key is written: without the quotes or angle brackets staff copy it in, lower case as keys are. */
function asKey(name: string): string {
  return name
    .trim()
    .replace(/^["'`<]+|["'`>]+$/g, '')
    .trim()
    .toLowerCase();
}

/** The entry `name` means, or undefined when it means none (or several equally). */
export function resolveEntry(name: string, entries: readonly FaqEntry[], index: FaqIndex, options: MatchOptions): FaqEntry | undefined {
  const key = asKey(name);
  const byId = entries.find((entry) => entry.id === key);
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

/**
 * `verdict` as the decision it judges reads it: a name (`named`, as staff wrote it) that is the key of an entry the
 * decision chose (`chosen`) means that entry. Staff copy the key from the proposal, but an entry's key is its question's
 * first words: an edit of them (or the entry's removal) deployed between the proposal and the verdict leaves the key
 * unknown to today's FAQ, which would then read it as some other entry, or as none: `should answer` on the entry chosen
 * would count as a wrong answer, and `wrong` on one of several would blame the others.
 */
export function onChosen(verdict: StaffVerdict, named: string | undefined, chosen: readonly string[]): StaffVerdict {
  const key = named === undefined ? undefined : asKey(named);
  if (key === undefined || !chosen.includes(key) || verdict.entries?.[0] === key) return verdict;
  const { unresolved: _unresolved, ...resolved } = verdict;
  return { ...resolved, entries: [key] };
}
