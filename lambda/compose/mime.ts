import MailComposer, { type MailComposerAttachment } from 'nodemailer/lib/mail-composer';
import type { Address, OutboundMail } from '../domain';
import { oneLine } from '../one-line';
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
 */
function mailbox(address: Address): { name: string; address: string } {
  return { name: oneLine(address.name, 100), address: address.address };
}

/** Builds the raw MIME message with nodemailer's MailComposer, CRLF line ends throughout. */
export async function buildMail(spec: MailSpec): Promise<OutboundMail> {
  const composer = new MailComposer({
    from: mailbox(spec.from),
    to: spec.to.map(mailbox),
    replyTo: spec.replyTo && spec.replyTo.length > 0 ? spec.replyTo.map(mailbox) : undefined,
    subject: oneLine(spec.subject, 250),
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
