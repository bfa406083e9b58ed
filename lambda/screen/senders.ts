/**
 * Senders that are mail software, not people: the mail system's own mailboxes
 * (MAILER-DAEMON, postmaster: RFC 5321 §4.5.1), "do not reply" senders, list managers'
 * envelope senders (owner-*, *-request, *-bounces: RFC 5230 §4.5, BSD vacation(1)) and the
 * VERP bounce addresses bulk senders use as return path. Local parts are matched as whole
 * words, so `notifications-team@` or `bounce.design@` stay people.
 */
import type { InboundMessage } from '../domain';
import { domainPart, localPart, senderAddresses } from './addresses';

/** Whole local parts (separators removed) that only software uses. */
const SOFTWARE_MAILBOXES = new Set([
  'mailerdaemon',
  'postmaster',
  'noreply',
  'donotreply',
  'notification',
  'notifications',
  'notify',
  'listserv',
  'majordomo',
  'listproc',
  'autoresponder',
  'autoreply',
]);

/** Words that mark a "do not reply" mailbox wherever they stand: `dmarc-noreply`, `no-reply-aws`. */
const NO_REPLY_WORDS = /(?:^|[-_.+=])(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon)(?:$|[-_.+=])/;

/** List managers' and bulk senders' envelope senders: owner-x, x-owner, x-request, x-bounces, bounces+verp. */
const LIST_OR_BULK_ENVELOPE = /^(?:owner-.+|.+-(?:owner|request|bounces?)|bounces?(?:[-+=].*)?)$/;

function named(field: string, address: string): string {
  return `${field}: ${address}`;
}

export function automaticSender(message: InboundMessage): string | undefined {
  for (const { field, address } of senderAddresses(message)) {
    const local = localPart(address);
    if (SOFTWARE_MAILBOXES.has(local.replace(/[-_.]/g, ''))) return named(field, address);
    if (NO_REPLY_WORDS.test(local)) return named(field, address);
    if (field === 'From') continue;
    // The envelope sender names the list or bulk sender even where From names a person.
    if (LIST_OR_BULK_ENVELOPE.test(local)) return named(field, address);
    // Bulk senders' return paths live on a bounce-handling host: x@bounce.example.net.
    if (domainPart(address).split('.').some((label) => label === 'bounce' || label === 'bounces')) return named(field, address);
  }
  return undefined;
}
