import type { InboundMessage } from '../domain';

/** Threading fields for a message that answers or forwards another (RFC 5322 §3.6.4). */
export interface Threading {
  inReplyTo?: string;
  references: string[];
}

/**
 * A long thread's References would grow without bound; clients only need the thread's
 * root (first) and the most recent ancestors (last) to place a message.
 */
const MAX_REFERENCES = 10;

/** A msg-id as it may appear in a header: printable ASCII, no spaces or nested brackets. */
const MESSAGE_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]{1,250}>$/;

/**
 * In-Reply-To names the message itself; References is its References (or, lacking those,
 * its In-Reply-To) followed by its Message-ID. A message without a usable Message-ID
 * cannot be threaded to, so it gets neither field.
 */
export function threadingFor(message: InboundMessage): Threading {
  const id = message.messageId;
  if (!id || !MESSAGE_ID.test(id)) return { references: [] };
  const ancestors = message.references.length > 0 ? message.references : message.inReplyTo ? [message.inReplyTo] : [];
  const chain = [...new Set(ancestors.filter((ref) => MESSAGE_ID.test(ref) && ref !== id)), id];
  const references = chain.length > MAX_REFERENCES ? [chain[0], ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  return { inReplyTo: id, references };
}
