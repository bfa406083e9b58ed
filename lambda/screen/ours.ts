/** Mail from ourselves, and mail that was never addressed to us (RFC 5230 §4.5). */
import type { Config } from '../config';
import type { InboundMessage, Receipt } from '../domain';
import { ANSWER_HEADER } from '../mail/answer-mark';
import { vouchedSender } from '../mail/authentication';
import { maskAddress } from '../mask-address';
import { comparable } from '../comparable-address';
import { addressesIn, receivingAddresses, staffAddressSet } from './addresses';
import { headerValues } from './fields';
import { autoSubmitted } from './markers';

/** `From: address` or `Return-Path: address` when either is among `addresses` (comparable), From first. */
function senderAmong(message: InboundMessage, addresses: ReadonlySet<string>): string | undefined {
  if (message.from && addresses.has(comparable(message.from.address))) return `From: ${message.from.address}`;
  if (message.returnPath && addresses.has(comparable(message.returnPath))) return `Return-Path: ${message.returnPath}`;
  return undefined;
}

/** The message's From is a staff address. */
function fromStaffAddress(message: InboundMessage, config: Config): boolean {
  return message.from !== undefined && staffAddressSet(config).has(comparable(message.from.address));
}

/** The envelope sender is a staff address. */
function staffEnvelope(message: InboundMessage, config: Config): boolean {
  return message.returnPath !== undefined && staffAddressSet(config).has(comparable(message.returnPath));
}

/**
 * Surely our own mail, or a colleague's: one of our answers (an automatic forwarder keeps our
 * header even where it rewrites the sender); From a staff address that the message's
 * authentication vouches for; or one of our receiving addresses as sender on mail marked automatic
 * (RFC 3834), as every mail we send is: answers `auto-replied`, hand-overs, notices and digests
 * `auto-generated` (lambda/compose, lambda/digest/compose.ts). Answering would start a loop or
 * answer a colleague by machine. Our address on mail that bears none of these marks is
 * `claimsOurAddress`'s, a staff From nothing vouches for `claimsStaffAddress`'s, and a staff envelope
 * sender on someone else's From `passedOnByStaff`'s: none is sure evidence.
 */
export function fromOurselves(message: InboundMessage, receipt: Receipt, config: Config): string | undefined {
  const answer = headerValues(message, ANSWER_HEADER)[0];
  if (answer !== undefined) return `${ANSWER_HEADER}: ${answer}`;
  if (fromStaffAddress(message, config) && vouchedSender(message, receipt) !== undefined) return `From: ${message.from!.address}`;
  const ours = senderAmong(message, receivingAddresses(config));
  // Automatic mail from anyone else is dropped as such (the auto-submitted rule): this loses no person's mail.
  return ours !== undefined && autoSubmitted(message) !== undefined ? ours : undefined;
}

/**
 * One of our receiving addresses given as From or envelope sender on mail with no mark of ours
 * (`fromOurselves`, before it, takes those): a website contact form, a ticket form or a CRM
 * commonly sends a person's message so, From the inbox with Reply-To the person. Not answered
 * (the answer would go to ourselves, and nothing vouches for a Reply-To), but a guess: a person
 * may have written it.
 */
export function claimsOurAddress(message: InboundMessage, config: Config): string | undefined {
  return senderAmong(message, receivingAddresses(config));
}

/**
 * A staff address as From that the message's authentication does not vouch for (`fromOurselves`
 * takes those it does), or as the envelope sender of mail with no From: a forger's, or staff's own
 * sent from servers their domain's SPF and DKIM do not cover. Never answered (it may be staff's),
 * but a guess: the digest lists it, so that neither a forged sender nor a staff domain's broken
 * authentication goes unseen.
 */
export function claimsStaffAddress(message: InboundMessage, config: Config): string | undefined {
  if (message.from) return fromStaffAddress(message, config) ? `From: ${message.from.address}` : undefined;
  return staffEnvelope(message, config) ? `Return-Path: ${message.returnPath}` : undefined;
}

/**
 * A staff address as envelope sender of mail From someone else (not staff, not ours: rules before
 * take those): a staff member redirected or forwarded a person's mail to the inbox (Resent-From,
 * or a mailbox rule that keeps From), or sent it on their behalf. Staff expect it handled, so it is
 * not dropped; nor answered, since the writer did not send it to us and staff may be its real
 * sender: a person sees it, and the hand-over's Reply-To is the writer.
 */
export function passedOnByStaff(message: InboundMessage, config: Config): string | undefined {
  return message.from !== undefined && staffEnvelope(message, config) ? `Return-Path: ${message.returnPath}` : undefined;
}

/**
 * None of our receiving addresses is among the envelope recipients or in To, Cc, Resent-To
 * or Resent-Cc. Either one naming us is enough: Bcc'd mail names us in the envelope only,
 * and a file read from disk has no envelope. A receipt rule for a whole domain hands over
 * mail for the domain's other mailboxes too; those are not ours to answer. The recipients are
 * told masked: they are people's addresses, and the log and the decision record keep what this says.
 */
export function notAddressedToUs(message: InboundMessage, receipt: Receipt, config: Config): string | undefined {
  const ours = receivingAddresses(config);
  if (receipt.recipients.some((address) => ours.has(comparable(address)))) return undefined;
  const named = [
    ...message.to.map((a) => a.address),
    ...message.cc.map((a) => a.address),
    ...addressesIn([...headerValues(message, 'resent-to'), ...headerValues(message, 'resent-cc')]),
  ];
  if (named.some((address) => ours.has(comparable(address)))) return undefined;
  const seen = [...new Set([...receipt.recipients, ...named])];
  return seen.length === 0
    ? 'no recipient at all'
    : `recipients ${seen.slice(0, 5).map(maskAddress).join(', ')}${seen.length > 5 ? ', …' : ''}`;
}
