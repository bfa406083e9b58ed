import { oneLine } from '../one-line';

/** "Re:" as common clients write it in several languages, with counters like "Re[2]:". */
const REPLY_PREFIXES = /^(?:\s*(?:re|aw|sv|antw|odp|vs|ynt)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+/i;

/** The subject of an answer: one "Re: " however many the original stacked up. */
export function replySubject(subject: string, fallback: string): string {
  const topic = oneLine(subject).replace(REPLY_PREFIXES, '').trim();
  return `Re: ${topic || fallback}`;
}
