import { inReplyToIds, type InboundMessage } from '../domain';

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

/** atext (RFC 5322 §3.2.3): printable ASCII but specials and space. */
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const DOT_ATOM = `${ATOM}(?:\\.${ATOM})*`;
/**
 * A msg-id as RFC 5322 §3.6.4 writes it: "<" dot-atom-text "@" (dot-atom-text or a domain
 * literal) ">", at most 250 characters. Anything else ("<no-at-sign>", "<a@b@c>", commas,
 * quotes) would make our In-Reply-To or References malformed, so it is left out.
 */
const MESSAGE_ID = new RegExp(`^(?=.{3,252}$)<${DOT_ATOM}@(?:${DOT_ATOM}|\\[[\\x21-\\x5a\\x5e-\\x7e]*\\])>$`);

/**
 * As RFC 5322 §3.6.4 has it: In-Reply-To names the message itself; References is its
 * References (or, lacking those, its In-Reply-To when that names a single message) followed by
 * its Message-ID. A message without a usable Message-ID cannot be named, so it gets no
 * In-Reply-To, but its References still place our answer in the thread (clients such as
 * Thunderbird and Gmail thread by References).
 */
export function threadingFor(message: InboundMessage): Threading {
  const id = message.messageId && MESSAGE_ID.test(message.messageId) ? message.messageId : undefined;
  const parents = inReplyToIds(message);
  const ancestors = message.references.length > 0 ? message.references : parents.length === 1 ? parents : [];
  const chain = [...new Set(ancestors.filter((ref) => MESSAGE_ID.test(ref) && ref !== id)), ...(id ? [id] : [])];
  const references = chain.length > MAX_REFERENCES ? [chain[0], ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  return id ? { inReplyTo: id, references } : { references };
}
