import { withoutReplyPrefixes } from '../mail/subject-prefixes';
import { oneLine } from '../one-line';

/** The subject of an answer: one "Re: " however many the original stacked up. */
export function replySubject(subject: string, fallback: string): string {
  const topic = withoutReplyPrefixes(oneLine(subject)).trim();
  return `Re: ${topic || fallback}`;
}
