/** Mail from ourselves, and mail that was never addressed to us (RFC 5230 §4.5). */
import type { Config } from '../config';
import type { InboundMessage, Receipt } from '../domain';
import { ANSWER_HEADER } from '../mail/answer-mark';
import { maskAddress } from '../mask-address';
import { comparable } from '../comparable-address';
import { addressesIn, ownAddresses, receivingAddresses } from './addresses';
import { headerValues } from './fields';

/**
 * From or the envelope sender is our inbox, one of its aliases or staff, or the message is
 * one of our answers (an automatic forwarder keeps our header even where it rewrites the
 * sender): answering would start a loop or answer a colleague by machine.
 */
export function fromOurselves(message: InboundMessage, config: Config): string | undefined {
  const answer = headerValues(message, ANSWER_HEADER)[0];
  if (answer !== undefined) return `${ANSWER_HEADER}: ${answer}`;
  const own = ownAddresses(config);
  if (message.from && own.has(comparable(message.from.address))) return `From: ${message.from.address}`;
  if (message.returnPath && own.has(comparable(message.returnPath))) return `Return-Path: ${message.returnPath}`;
  return undefined;
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
