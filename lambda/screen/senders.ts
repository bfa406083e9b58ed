/**
 * Senders that are mail software, not people: the mail system's own mailboxes
 * (MAILER-DAEMON, postmaster: RFC 5321 §4.5.1), "do not reply" senders, list managers'
 * envelope senders (owner-*, *-owner, *-request: RFC 5230 §4.5, BSD vacation(1)) and the
 * bounce addresses bulk senders use as return path (*-bounces, VERP bounces+…, a bounce
 * host: those alone only make a sender unclear, see bulkEnvelope). Local parts are matched as whole words, so
 * `notifications-team@` or `bounce.design@` stay people.
 */
import type { InboundMessage } from '../domain';
import { organizationalDomain } from '../mail/authentication';
import { requestKind, splitSentences } from '../match/sentences';
import { maskAddress } from '../mask-address';
import { oneLine } from '../one-line';
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

/**
 * Mailboxes whose mail is their software's own, whatever its Reply-To names: the mail system's, list managers' and
 * auto-responders'. Bounces name the bounced writer as Reply-To (sisimai's and flanker's real ones do).
 */
const OWN_MAIL_MAILBOXES = new Set(['mailerdaemon', 'postmaster', 'listserv', 'majordomo', 'listproc', 'autoresponder', 'autoreply']);

/** Words that mark a "do not reply" mailbox wherever they stand: `dmarc-noreply`, `no-reply-aws`. */
const NO_REPLY_WORDS = /(?:^|[-_.+=])(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon)(?:$|[-_.+=])/;

/** List managers' envelope senders: owner-x, x-owner, x-request (RFC 5230 §4.5); only list software uses them. */
const LIST_ENVELOPE = /^(?:owner-.+|.+-(?:owner|request))$/;
/** Bulk senders' bounce-handling envelopes: x-bounces, bounces+verp (helpdesks use these too). */
const BULK_ENVELOPE = /^(?:.+-bounces?|bounces?(?:[-+=].*)?)$/;

function named(field: string, address: string): string {
  return `${field}: ${address}`;
}

/** The local part with its separators removed: `mailer-daemon`, `no_reply` and `post.master` as their mailboxes. */
const mailbox = (local: string) => local.replace(/[-_.]/g, '');

function softwareMailbox(local: string): boolean {
  return SOFTWARE_MAILBOXES.has(mailbox(local)) || NO_REPLY_WORDS.test(local);
}

export function automaticSender(message: InboundMessage): string | undefined {
  const relayed = relayedPerson(message) !== undefined || relayedQuestion(message) !== undefined;
  for (const { field, address } of senderAddresses(message)) {
    const local = localPart(address);
    // A form's "do not reply" sender passes on the person its Reply-To names (relayedPerson); a bounce is its own.
    if (softwareMailbox(local) && (!relayed || OWN_MAIL_MAILBOXES.has(mailbox(local)))) return named(field, address);
    // The envelope sender names the list even where From names a person.
    if (field !== 'From' && LIST_ENVELOPE.test(local)) return named(field, address);
  }
  return undefined;
}

/**
 * Whole local parts (separators removed) that web forms send from, with the visitor as Reply-To:
 * WordPress's default `wordpress@`, a site's `forms@`, `webform@`, `website@`, a partner portal's
 * `portal@`. A person may write from none of them, but they are no sure sign of software either:
 * only with a Reply-To elsewhere do they say a form passed a person's message on (`relayedPerson`).
 */
const FORM_MAILBOXES = new Set([
  'form',
  'forms',
  'webform',
  'webforms',
  'website',
  'wordpress',
  'contactform',
  'formsubmission',
  'formsubmissions',
  'portal',
]);

/**
 * A "do not reply", notification or web form From whose Reply-To names someone else: no software
 * mailbox, at another organization. A web form, a CRM or a document share sends a person's message so
 * (From noreply@site or forms@site, Reply-To the visitor), where a shop's own notices give their own support
 * address. A person may have written it, so it is no sure sign of software (`automaticSender`), and
 * a person sees it: nothing vouches for a Reply-To to answer (the answer went to the form's mailbox).
 * The address is told masked.
 */
export function relayedPerson(message: InboundMessage): string | undefined {
  const from = message.from?.address;
  if (from === undefined || OWN_MAIL_MAILBOXES.has(mailbox(localPart(from)))) return undefined;
  if (!softwareMailbox(localPart(from)) && !FORM_MAILBOXES.has(mailbox(localPart(from)))) return undefined;
  const organization = organizationalDomain(domainPart(from));
  const person = message.replyTo.find(
    ({ address }) => !softwareMailbox(localPart(address)) && organizationalDomain(domainPart(address)) !== organization,
  );
  return person === undefined ? undefined : `From: ${from} with Reply-To: ${maskAddress(person.address)}`;
}

/**
 * A form field that holds what the visitor wrote, at the start of a line: "Message:", "Your question:",
 * "Question for Okta:", "Description:" (Web-to-Case), "How can we help?:" (the label may end in "?").
 * Its value follows on the line, or on the next line when the label stands alone. Form services that
 * number their questions (Typeform, Jotform, Google Forms) write the label as a numbered question on a
 * line of its own, the answer under it: "3. What can we help you with?".
 */
const MESSAGE_FIELD = new RegExp(
  String.raw`^[ \t]*(?:\d{1,2}[.)][ \t]+)?((?:[\p{L}'\u2019]+[ \t]+){0,4}?(?:message|question|questions|comments?|enquiry|inquiry|description|(?:how|what) can we help(?: you)?(?: with)?))` +
    String.raw`(?:[ \t]+(?:for|to)[ \t]+[\p{L}'\u2019]+)?[ \t]*(?:\??[ \t]*:[ \t]*(.*)|\?[ \t]*())$`,
  'gimu',
);
/** How many message fields are looked at, and how much of the text. */
const FIELDS_READ = 10;

/**
 * A notification from a software mailbox (a CRM's, Web-to-Case's, a form service's: `noreply@`, `notifications@`)
 * whose text passes on a person's question in a message field: "Message: How long does the review take?". A person
 * wrote it, so it is no sure sign of software; nothing vouches for the address the text names, so no answer goes
 * either (it would go to the software mailbox): a person sees it. The mail system's own mailboxes are never this.
 */
export function relayedQuestion(message: InboundMessage): string | undefined {
  const from = message.from?.address;
  if (from === undefined || !softwareMailbox(localPart(from)) || OWN_MAIL_MAILBOXES.has(mailbox(localPart(from)))) return undefined;
  const text = message.text.slice(0, 64 * 1024);
  let read = 0;
  for (const found of text.matchAll(MESSAGE_FIELD)) {
    if ((read += 1) > FIELDS_READ) break;
    let value = (found[2] ?? found[3]).trim();
    if (value === '') {
      // The value on the next line that holds any: "Message:" above the visitor's words.
      const after = text.slice(found.index + found[0].length).match(/^\s*(\S.*)/);
      value = after?.[1]?.trim() ?? '';
    }
    if (value === '') continue;
    if (splitSentences(value).some((sentence) => /\?\s*$/.test(sentence) || requestKind(sentence) !== undefined))
      return `From: ${from} with a question in the field "${oneLine(found[1], 40)}"`;
  }
  return undefined;
}

/**
 * A bulk sender's envelope (x-bounces, bounces+verp, a bounce host) under a From that
 * names a person. Newsletters send so, but so do helpdesks (Zendesk's
 * `bounces+…` return path) for the mail their agents write: the envelope alone does not
 * tell software from a person.
 */
export function bulkEnvelope(message: InboundMessage): string | undefined {
  for (const { field, address } of senderAddresses(message)) {
    if (field === 'From') continue;
    if (BULK_ENVELOPE.test(localPart(address))) return named(field, address);
    // Bulk senders' return paths live on a bounce-handling host: x@bounce.example.net.
    if (
      domainPart(address)
        .split('.')
        .some((label) => label === 'bounce' || label === 'bounces')
    )
      return named(field, address);
  }
  return undefined;
}

/** What only bulk mail says: a way to unsubscribe or manage mail preferences, or to read it in a browser. */
const BULK_TEXT = new RegExp(
  String.raw`\b(?:unsubscribe|opt[- ]out of (?:these|this|future|all) (?:e-?mails?|messages|mailings)|` +
    String.raw`manage (?:your )?(?:e-?mail |subscription |notification )?(?:preferences|subscriptions?)|` +
    String.raw`view (?:this (?:e-?mail|message) )?in (?:your |a |the )?(?:web )?browser)\b`,
  'gi',
);

/** How many of the bulk words found are looked at, and how far around each its sentence is looked for. */
const BULK_WORDS_READ = 20;
const AROUND = 500;
const LINK = /<?\b(?:https?|mailto):[^\s>]*>?/gi;

/**
 * Where the text says what only bulk mail says, in a sentence that asks nothing, followed on its
 * line (a paragraph, as far as AROUND reaches) by none that asks: a helpdesk agent who asks "How
 * can our users unsubscribe from these emails?" says it too, in a question, or tells it and asks
 * about it next ("Their users unsubscribe and then cannot sign in. Is that expected?"); bulk mail
 * says it in a statement or a bare link ("Unsubscribe here.", "Manage preferences"), after the
 * question a footer leads in with ("No longer want these emails? Unsubscribe here.").
 */
function bulkSays(text: string): string | undefined {
  let read = 0;
  for (const found of text.matchAll(BULK_TEXT)) {
    if ((read += 1) > BULK_WORDS_READ) break;
    const start = Math.max(text.lastIndexOf('\n', found.index) + 1, found.index - AROUND);
    const end = text.indexOf('\n', found.index);
    const line = text.slice(start, Math.min(end < 0 ? text.length : end, found.index + found[0].length + AROUND));
    // A link's "?" ends no sentence: "To unsubscribe click here <https://x/s?l=1>, log in" asks nothing.
    const sentences = splitSentences(line.replace(LINK, 'link'));
    const saying = sentences.findIndex((sentence) => sentence.includes(found[0]));
    if (saying < 0 || sentences.slice(saying).every((sentence) => requestKind(sentence) === undefined)) return found[0];
  }
  return undefined;
}

/** A bulk envelope with the text of bulk mail: surely not a person writing to us. */
export function bulkMail(message: InboundMessage): string | undefined {
  const envelope = bulkEnvelope(message);
  const said = envelope ? bulkSays(message.text.slice(0, 64 * 1024)) : undefined;
  return envelope && said ? `${envelope}, and the text says "${said}"` : undefined;
}
