/**
 * Replies in a conversation a person at our side carries on: a colleague answered the writer from
 * their own mailbox (copying the inbox or not), and the writer replied to all, so the inbox receives
 * a reply whose To or Cc names that colleague. An automatic answer would break into their
 * conversation. A colleague is a staff address, or any other address at the inbox's own domain (the
 * stack refuses an inbox at a public provider's domain, where that would be anyone): only on a
 * reply, since a new message that copies someone here is a question like any other.
 */
import { comparable } from '../comparable-address';
import type { Config } from '../config';
import type { InboundMessage, Receipt } from '../domain';
import { vouchedSender } from '../mail/authentication';
import { maskAddress } from '../mask-address';
import { domainPart, receivingAddresses, staffAddressSet } from './addresses';
import { sesThreadId } from './follow-up';

/** In-Reply-To or References name the mail it answers (a client may write either alone). */
function isReply(message: InboundMessage): boolean {
  return message.inReplyTo !== undefined || message.references.length > 0;
}

/**
 * The first To or Cc recipient that `colleague` takes (given in comparable form), as `Cc: s***@example.com`:
 * not our receiving addresses, which faqmail reads and sends from, nor the sender, who copying
 * themselves is no other person. Masked: the log and the decision record keep what this says.
 */
function recipientAmong(message: InboundMessage, config: Config, colleague: (address: string) => boolean): string | undefined {
  const ours = receivingAddresses(config);
  const sender = message.from && comparable(message.from.address);
  for (const [field, addresses] of [
    ['To', message.to],
    ['Cc', message.cc],
  ] as const)
    for (const { address } of addresses) {
      const compared = comparable(address);
      if (!ours.has(compared) && compared !== sender && colleague(compared)) return `${field}: ${maskAddress(address)}`;
    }
  return undefined;
}

/** A reply naming a colleague (a staff address, or anyone at the inbox's domain) among its recipients. */
export function colleagueRecipient(message: InboundMessage, config: Config): string | undefined {
  if (!isReply(message)) return undefined;
  const staff = staffAddressSet(config);
  const domain = domainPart(comparable(config.inboxAddress));
  return recipientAmong(message, config, (address) => staff.has(address) || domainPart(address) === domain);
}

/**
 * A reply naming a staff address among its recipients, in a thread that names no mail of ours (no
 * Message-ID SES made): staff have the mail already, and no record of ours can say more of it. A
 * thread with such an id is left to the rules that read our records: it may reply to our answer or
 * to a hand-over. Only from a From its authentication vouches for: that staff were sent it is the
 * sender's word alone, and a forger may write a Cc they never sent (or staff's own provider may file
 * the copy away as the unauthenticated mail it is); `colleagueRecipient` hands such mail over.
 */
export function staffCopiedOutsideOurThreads(message: InboundMessage, receipt: Receipt, config: Config): string | undefined {
  if (!isReply(message) || sesThreadId(message) !== undefined || vouchedSender(message, receipt) === undefined) return undefined;
  const staff = staffAddressSet(config);
  return recipientAmong(message, config, (address) => staff.has(address));
}
