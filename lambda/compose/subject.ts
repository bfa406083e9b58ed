import { SUBJECT_LIMIT } from '../mail/parse';
import { withoutReplyPrefixes } from '../mail/subject-prefixes';
import { oneLine } from '../one-line';

const REPLY_PREFIX = 'Re: ';

/**
 * The longest subject faqmail writes: an answer's, which repeats the writer's subject whole, as the
 * parser keeps it. Gmail and Outlook group a conversation by its subject, so an answer whose
 * subject was cut short would stand apart from the question it answers.
 */
export const MAX_SUBJECT = REPLY_PREFIX.length + SUBJECT_LIMIT;

/** The subject of an answer: one "Re: " however many the original stacked up. */
export function replySubject(subject: string, fallback: string): string {
  const topic = withoutReplyPrefixes(oneLine(subject, SUBJECT_LIMIT)).trim();
  return `${REPLY_PREFIX}${topic || fallback}`;
}
