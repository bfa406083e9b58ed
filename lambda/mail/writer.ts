import type { Config } from '../config';
import type { Address, InboundMessage, Receipt } from '../domain';
import { receivingAddresses, staffAddressSet } from '../screen/addresses';
import { authenticatedDomains, describeAuthentication, ambiguousFrom, vouchedBy } from './authentication';
import { comparable } from '../comparable-address';
import { oneLine } from '../one-line';
import { asciiDomain, MAX_ADDRESS_LENGTH, SES_ADDRESS } from './address-syntax';

/**
 * The address as Amazon SES can send to it, or undefined: a Unicode domain as Punycode (the same
 * domain), the rest only in the form SES takes (`SES_ADDRESS`: no spaces, brackets, quotes or control
 * characters, which could also smuggle a recipient or a header line past the MIME builder), no longer
 * than SMTP carries. SES refuses anything else, in Destinations and in the header fields of a raw
 * mail, and a refused hand-over would fail every attempt.
 */
function sendable(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0) return undefined;
  const [local, domain] = [address.slice(0, at), address.slice(at + 1)];
  const sent = `${local}@${asciiDomain(domain)}`;
  return SES_ADDRESS.test(sent) && sent.length <= MAX_ADDRESS_LENGTH ? sent : undefined;
}

/** `something@something` in a display name: an address, when its domain part reads as one (`readsAsAddress`). */
const AT_IN_NAME = /[^\s<>"'()[\],;:@]+@[^\s<>"'()[\],;:@]+/g;

/**
 * Whether `text@domain` reads as an address: its domain holds a dot between two characters, or any
 * character outside printable ASCII. That is a look-alike dot NFKC leaves as it is (`bankꓸcom`, `bank·com`, or
 * `bank。com`, which IDNA even reads as `bank.com`), or a Unicode domain (compared as Punycode). `Team@Acme`
 * reads as no address. A sentence's full stop after it is no part of it.
 */
function readsAsAddress(token: string): boolean {
  const domain = token.slice(token.lastIndexOf('@') + 1);
  return /.\../.test(domain) || /[^\x20-\x7e]/.test(domain);
}

/**
 * The display name, unless it names an address other than its own (`"ceo@example.com" <x@evil.example>`):
 * mail clients show the name alone, and staff replying to such a Reply-To would believe they wrote to that other address.
 */
function undisguised(name: string, address: string): string {
  // Read as shown: full-width forms ("ceo＠example.com") look like, and normalize to, an address's characters.
  const named = (name.normalize('NFKC').match(AT_IN_NAME) ?? []).map((token) => token.replace(/\.+$/, '')).filter(readsAsAddress);
  return named.every((other) => comparable(other) === comparable(address)) ? name : '';
}

function safe(address: Address): Address | undefined {
  const sendableAddress = sendable(address.address);
  if (sendableAddress === undefined) return undefined;
  return { name: undisguised(oneLine(address.name, 100), address.address), address: sendableAddress };
}

/** Where an automatic answer goes, or why none may go. */
export type AnswerAddress = { to: Address } | { to?: undefined; rule: 'no-reply-address' | 'unauthenticated'; reason: string };

/**
 * Where an automatic answer goes: only to the From address, and only when the message's
 * authentication vouches for it, so that nobody can make us mail a third party by forging From
 * or setting Reply-To (backscatter). Authentication vouches for a domain, not a mailbox, and one
 * organization's domain can hold strangers (gmail.com): a Reply-To there is never proof that
 * its owner wrote. Why not the Return-Path RFC 3834 §4 names, and how this stands beside it:
 * docs/security.md. One address only, so that no list of them can turn the inbox into a mail cannon.
 */
export function answerAddress(message: InboundMessage, receipt: Receipt): AnswerAddress {
  const from = message.from && safe(message.from);
  if (!from)
    return {
      rule: 'no-reply-address',
      reason: 'The message has no usable From address to answer (none, or one Amazon SES cannot send to).',
    };
  const ambiguous = ambiguousFrom(message);
  if (ambiguous)
    return {
      rule: 'unauthenticated',
      reason: `Which From the message has cannot be told (${ambiguous}): no verdict says which one its authentication vouches for, so a person decides.`,
    };
  const vouched = authenticatedDomains(message, receipt);
  if (!vouchedBy(from.address, vouched)) {
    const verdicts = describeAuthentication(receipt, vouched);
    return {
      rule: 'unauthenticated',
      reason: `Nothing in the message's authentication vouches for its From domain (${verdicts}): an automatic answer could go to someone who never wrote, so a person decides.`,
    };
  }
  return { to: from };
}

/**
 * Most Reply-To addresses a hand-over copies. The list is the writer's to set and nothing vouches
 * for it: copied whole, a message naming hundreds of strangers would have staff's reply mail them
 * all. A person names themselves and perhaps a colleague or a team: of the 1,041 messages in the
 * test fixtures, the labelled sets and the real-world set, 42 set one Reply-To address, one set
 * two, none more.
 */
export const MAX_REPLY_TO = 5;

/** An address the writer gave that is one of ours: the inbox (or an alias of it), or a staff address. */
export interface OurAddress {
  address: string;
  field: 'Reply-To' | 'From';
  whose: 'inbox' | 'staff';
}

/** Where a person's answer goes, and how many usable addresses the writer gave past MAX_REPLY_TO. */
export interface WriterAddresses {
  /** The first MAX_REPLY_TO usable Reply-To addresses the writer set that are not ours, else their From. */
  to: Address[];
  leftOut: number;
  /** The writer's addresses that are ours, never in `to`: a reply there would not reach the writer. */
  ours: OurAddress[];
  /** `to` is their From though they set a Reply-To: every address of it was ours. */
  fromInstead: boolean;
}

/**
 * Where a person's answer goes: the Reply-To the writer set (at most MAX_REPLY_TO), else From. An
 * address written twice (in another case, or its domain once in Unicode and once in Punycode) is
 * one: counted twice, the first line told staff that a Reply-To of the writer's own From alone
 * went to "2 addresses ... not to their From address".
 *
 * None of ours, as compared (a `+tag` aside): staff's reply to the inbox is read as their own mail
 * and goes no further, to a staff address it reaches only us, and either way the writer waits for
 * an answer that never comes. A Reply-To of ours alone leaves their From, as if none were set.
 */
export function writerAddresses(message: InboundMessage, config: Config): WriterAddresses {
  const receiving = receivingAddresses(config);
  const staff = staffAddressSet(config);
  const ours: OurAddress[] = [];
  const notOurs = (field: OurAddress['field']) => (address: Address) => {
    const key = comparable(address.address);
    const whose = receiving.has(key) ? 'inbox' : staff.has(key) ? 'staff' : undefined;
    if (whose === undefined) return true;
    if (!ours.some((known) => comparable(known.address) === key)) ours.push({ address: address.address, field, whose });
    return false;
  };
  const replyTo = message.replyTo.filter(notOurs('Reply-To'));
  const fromInstead = message.replyTo.length > 0 && replyTo.length === 0;
  const chosen = replyTo.length > 0 ? replyTo : message.from ? [message.from].filter(notOurs('From')) : [];
  const byAddress = new Map<string, Address>();
  for (const address of chosen.map(safe)) {
    const key = address?.address.toLowerCase();
    if (address && key !== undefined && !byAddress.has(key)) byAddress.set(key, address);
  }
  const usable = [...byAddress.values()];
  return { to: usable.slice(0, MAX_REPLY_TO), leftOut: Math.max(0, usable.length - MAX_REPLY_TO), ours, fromInstead };
}

/** "Name <address>" for a line of text, or just the address. */
export function formatAddress(address: Address): string {
  const name = oneLine(address.name, 100);
  return name ? `${name} <${address.address}>` : address.address;
}
