import MailComposer, { type MailComposerAttachment } from 'nodemailer/lib/mail-composer';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import type { Address, OutboundMail } from '../domain';
import { oneLine } from '../one-line';
import { MAX_SUBJECT } from './subject';
import type { Threading } from './threading';

export interface MailSpec {
  kind: OutboundMail['kind'];
  from: Address;
  to: Address[];
  replyTo?: Address[];
  subject: string;
  threading: Threading;
  /** Extra header fields; values are single-line text we chose, not writer input. */
  headers: Record<string, string>;
  text: string;
  html: string;
  attachments?: MailComposerAttachment[];
}

/**
 * Address objects, never "Name <addr>" strings: a string is re-parsed by the builder, and a
 * display name holding `", victim@evil.test, "` would become one more recipient.
 *
 * A name holding what reads as an encoded word (`=?UTF-8?B?Y2VvQGJhbmsuZXhhbXBsZQ==?=`, what the
 * writer's client showed of a name encoded twice) is left out: the builder writes an ASCII name as a
 * quoted string, where RFC 2047 §5 allows no encoded word, yet lenient readers (mailparser among them)
 * decode it there, so staff would read a name the writer's mail never showed, even another address
 * ("ceo@bank.example"), past the check for names that disguise one (../mail/writer.ts).
 */
function mailbox(address: Address): { name: string; address: string } {
  const name = oneLine(address.name, 100);
  return { name: name.includes('=?') ? '' : name, address: address.address };
}

/** A word longer than this would not fit a line of 78 characters (RFC 5322 §2.1.1) after "Subject: ". */
const LONGEST_FOLDABLE_WORD = 78 - 'Subject: '.length;
const UNFOLDABLE = new RegExp(`\\S{${LONGEST_FOLDABLE_WORD + 1}}`);

/**
 * The subject as the builder is to write it. It encodes only a subject with non-ASCII text in it,
 * takes what reads as an encoded word (`=?UTF-8?B?SGk=?=`) for one already encoded, and folds
 * only between words. A subject of ours is text as the reader is to see it, so one that holds an
 * encoded word, read so, would reach them decoded a second time ("Hi"), and a word longer than
 * a line (a URL) would stay on one line, which SES refuses past 1,000 characters. Such a subject
 * goes encoded whole, in encoded words that fold.
 */
function subjectField(subject: string): string {
  return subject.includes('=?') || UNFOLDABLE.test(subject) ? encodeWord(subject, 'Q', 52) : subject;
}

/** Builds the raw MIME message with nodemailer's MailComposer, CRLF line ends throughout. */
export async function buildMail(spec: MailSpec): Promise<OutboundMail> {
  const composer = new MailComposer({
    from: mailbox(spec.from),
    to: spec.to.map(mailbox),
    replyTo: spec.replyTo && spec.replyTo.length > 0 ? spec.replyTo.map(mailbox) : undefined,
    subject: subjectField(oneLine(spec.subject, MAX_SUBJECT)),
    inReplyTo: spec.threading.inReplyTo,
    references: spec.threading.references.length > 0 ? spec.threading.references : undefined,
    headers: Object.fromEntries(Object.entries(spec.headers).map(([key, value]) => [key, oneLine(value, 2000)])),
    text: spec.text,
    html: spec.html,
    attachments: spec.attachments,
    newline: 'win',
    // Content comes only from the values above; nothing may point the builder at a file or URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const raw = await composer.compile().build();
  const { inReplyTo } = spec.threading;
  return { kind: spec.kind, from: spec.from.address, to: spec.to.map((a) => a.address), raw, ...(inReplyTo ? { inReplyTo } : {}) };
}
