import { comparable } from '../comparable-address';
import type { Config } from '../config';
import type { InboundMessage } from '../domain';
import { headerValues } from './fields';

export function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return (at < 0 ? address : address.slice(0, at)).toLowerCase();
}

export function domainPart(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

interface OurAddresses {
  receiving: ReadonlySet<string>;
  staff: ReadonlySet<string>;
}

/**
 * Made once per configuration, not for every message screened (four rules ask, ~1.5% of a
 * decision's time): a deployment's addresses do not change. Keyed by the configuration, which
 * lives as long as the process, as follow-up.ts's patterns are.
 */
const ours = new WeakMap<Config, OurAddresses>();

function ourAddresses(config: Config): OurAddresses {
  let found = ours.get(config);
  if (!found) {
    const receiving = new Set([config.inboxAddress, ...config.recipientAddresses].map(comparable));
    ours.set(config, (found = { receiving, staff: new Set(config.staffAddresses.map(comparable)) }));
  }
  return found;
}

/** Addresses this deployment receives mail at (the inbox and its aliases), comparable. */
export function receivingAddresses(config: Config): ReadonlySet<string> {
  return ourAddresses(config).receiving;
}

/** The staff's addresses, comparable: mail from them is a colleague's, never answered by machine. */
export function staffAddressSet(config: Config): ReadonlySet<string> {
  return ourAddresses(config).staff;
}

const ADDR_SPEC = /^[^@:]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/**
 * Addr-specs found in raw header values (for fields the parser does not split, e.g.
 * Resent-To). Splits first and matches whole tokens, so a long value cannot make it backtrack.
 */
export function addressesIn(values: readonly string[]): string[] {
  return values.flatMap((value) => value.toLowerCase().split(/[\s<>(),;"[\]]+/)).filter((token) => ADDR_SPEC.test(token));
}

/**
 * Where the message says it came from: the From address, the envelope sender and Sender, each
 * under the first field that names it. A person's own mail names From as its envelope sender too:
 * listed again as that, it would be read as a list's envelope, which From is not taken for.
 */
export function senderAddresses(message: InboundMessage): Array<{ field: string; address: string }> {
  const found: Array<{ field: string; address: string }> = [];
  // A set, not a search of `found`: Sender fields can name tens of thousands of addresses.
  const seen = new Set<string>();
  const add = (field: string, address: string) => {
    if (seen.has(address)) return;
    seen.add(address);
    found.push({ field, address });
  };
  if (message.from) add('From', message.from.address);
  if (message.returnPath) add('Return-Path', message.returnPath);
  for (const address of addressesIn(headerValues(message, 'sender'))) add('Sender', address);
  return found;
}
