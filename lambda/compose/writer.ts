import type { Address, InboundMessage } from '../domain';
import { oneLine } from '../one-line';

/**
 * An addr-spec we are willing to put in a header: no spaces, brackets, quotes or control
 * characters that could smuggle a second recipient or a header line past the MIME builder.
 */
const SAFE_ADDRESS = /^[^\s@<>()",;:\\[\]\u0000-\u001f\u007f]+@[^\s@<>()",;:\\[\]\u0000-\u001f\u007f]+\.[^\s@<>()",;:\\[\]\u0000-\u001f\u007f]+$/;

function safe(address: Address): Address | undefined {
  return SAFE_ADDRESS.test(address.address) ? { name: oneLine(address.name, 100), address: address.address } : undefined;
}

/**
 * Where an automatic answer goes: the first Reply-To, else From (RFC 3834 §4). Only one
 * address, so that a forged Reply-To list cannot turn the inbox into a mail cannon.
 */
export function writerAddress(message: InboundMessage): Address | undefined {
  const chosen = message.replyTo[0] ?? message.from;
  return chosen ? safe(chosen) : undefined;
}

/** Where a person's answer goes: every Reply-To the writer set, else From. */
export function writerAddresses(message: InboundMessage): Address[] {
  const chosen = message.replyTo.length > 0 ? message.replyTo : message.from ? [message.from] : [];
  return chosen.map(safe).filter((address): address is Address => address !== undefined);
}

/** "Name <address>" for a line of text, or just the address. */
export function formatAddress(address: Address): string {
  const name = oneLine(address.name, 100);
  return name ? `${name} <${address.address}>` : address.address;
}
