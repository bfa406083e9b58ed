/**
 * A staff member's verdict reply, as their mail client would write it: to the inbox, under
 * "Re:" the staff mail's subject, threaded to it (In-Reply-To and References name the
 * Message-ID SES gave it), the verdict on the first line and the staff mail quoted below.
 * `npm run send -- --verdict …` sends one to the local cloud.
 */
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { sesMessageIdHeader } from '../lambda/adapters/mail-sender';
import { replySubject } from '../lambda/compose/subject';
import type { SesStoredEmail } from './stand-ins';

export interface VerdictReply {
  verdict: string;
  /** The staff member replying. */
  from: string;
  /** The inbox. */
  to: string;
  /** The staff mail replied to, as the SES stand-in holds it. */
  staffMail: Pick<SesStoredEmail, 'messageId' | 'subject' | 'body'>;
  /** SES's region: the Message-ID SES gives a mail depends on it. */
  region: string;
  /** Extra header fields (e.g. an `Authentication-Results: amazonses.com; …` that fails, to play a forgery). */
  headers?: Record<string, string>;
}

const QUOTED_LINES = 40;

export async function composeVerdictReply(reply: VerdictReply): Promise<Buffer> {
  const staffMailId = sesMessageIdHeader(reply.staffMail.messageId, reply.region);
  const quoted = (reply.staffMail.body.text ?? '')
    .split(/\r?\n/)
    .slice(0, QUOTED_LINES)
    .map((line) => `> ${line}`.trimEnd());
  const composer = new MailComposer({
    from: reply.from,
    to: reply.to,
    subject: replySubject(reply.staffMail.subject, 'faqmail'),
    inReplyTo: staffMailId,
    references: [staffMailId],
    headers: reply.headers,
    text: [reply.verdict, '', `${reply.to} wrote:`, ...quoted, ''].join('\n'),
    newline: 'win',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}

/**
 * The staff mails a verdict could answer, newest first: the one with SES id `wanted` (bare or as a
 * Message-ID), else every mail to staff. Which of them faqmail took a decision's staff mail for is the
 * state table's to say (the digest goes to staff too, and takes no verdict).
 */
export function staffMailsToAnswer(
  emails: readonly SesStoredEmail[],
  staffAddresses: readonly string[],
  wanted?: string,
): SesStoredEmail[] {
  const id = wanted?.trim().replace(/^<|>$/g, '').split('@')[0];
  if (id) return emails.filter((email) => email.messageId === id);
  const staff = new Set(staffAddresses.map((address) => address.toLowerCase()));
  // The stand-in keeps each header field as written: one string for a mail to every staff address.
  const addresses = (field: string) => addressparser(field, { flatten: true }).map(({ address }) => address.toLowerCase());
  const toStaff = ({ destination }: SesStoredEmail) =>
    [...destination.to, ...destination.cc].flatMap(addresses).some((to) => staff.has(to));
  return emails.filter(toStaff).reverse();
}
