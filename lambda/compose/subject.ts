import { SUBJECT_LIMIT } from '../mail/parse';
import { withoutOwnPrefixes, withoutReplyPrefixes } from '../mail/subject-prefixes';
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

/** What a staff mail is, said after the tag in its subject for mail filters (docs/operate.md). */
const STAFF_MAIL_KINDS = ['Needs a person', 'Reply to our answer', 'Reply to staff', 'Reply to a colleague', 'Would answer'] as const;
export type StaffMailKind = (typeof STAFF_MAIL_KINDS)[number];

/**
 * The writer's subject without the tag and kind of our staff mail before it: staff who answer a
 * hand-over reply under its subject, and the writer's replies to them carry it back.
 */
export function withoutStaffMailPrefixes(subject: string, tag: string): string {
  return withoutOwnPrefixes(
    subject,
    STAFF_MAIL_KINDS.map((kind) => `${tag} ${kind}:`),
  );
}

/** How much of the writer's subject a staff mail's subject shows: its tag and kind come first. */
const STAFF_TOPIC_CHARS = 200;

/**
 * A staff mail's subject: tag, kind, then the writer's subject without our own tags and kinds, which
 * would otherwise nest one more every round of a conversation staff took over; each round then has
 * the same subject, and Gmail, which groups a conversation by it, keeps the rounds together.
 */
export function staffMailSubject(tag: string, kind: StaffMailKind, subject: string | undefined): string {
  const topic =
    subject === undefined
      ? 'message not shown here'
      : oneLine(withoutStaffMailPrefixes(oneLine(subject, SUBJECT_LIMIT), tag), STAFF_TOPIC_CHARS);
  return `${tag} ${kind}: ${topic || '(no subject)'}`;
}
