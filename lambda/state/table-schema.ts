/**
 * The state table's layout, for everything that reads, writes or creates it: one table,
 * partition key `pk` only, shared by the state store (./dynamodb-state-store), the decision
 * records (./decision-store) and the Powertools idempotency records (`processed#...`,
 * ./idempotency). Each kind of item has its own key prefix:
 *
 * - `sent#<inbound id>#<slot>`: the send marker of one mail for an inbound message: `sending`
 *   before the send, then `sent` with the SES id once SES accepted it (./state-store, SendMarker).
 * - `answer#<Message-ID>`: an automatic answer we sent, keyed by the Message-ID SES gave it; one
 *   that may or may not have gone out (`uncertain`), by the Message-ID of the message it answers.
 * - `sender#<sha256>`: the answers reserved for one address in the last 24 hours.
 * - `answers#<hour>`: the automatic answers reserved in one clock hour (UTC), the overall cap.
 * - `escalations#<sha256>#<day>`: what became of one sender's mail to staff on one UTC day:
 *   forwarded one by one, the one notice that the cap was reached, and the rest held.
 * - `handovers#<hour>`: what became of the mail to staff, all senders together, in one clock hour
 *   (UTC), laid out as a sender's day is: the overall cap on hand-overs.
 * - `unlisted#<inbound id>`: a message held past the list of its sender's day (or hour), counted there
 *   (`heldUnlisted`) once: a retry finds this and does not count it again.
 * - `givenback#<answer|escalation>#<inbound id>`: a message whose slot of its sender's answers (24 hours) or
 *   hand-overs (day) went back when the hour's cap decided: a retry finds this and lets the hour decide again,
 *   though the slot has gone to another since.
 * - `attempts#<inbound id>`: how often the function has tried one message (`attempts`), a
 *   token of each attempt (`claims`), so that a retried write is not counted twice, and the mode
 *   its first attempt ran in (`mode`), which its retries keep.
 * - `message#<sha256>`: a sender's Message-ID, claimed by the first delivery of it.
 * - `decision#<inbound id>`: a decision record, with `day` (UTC date of `receivedAt`) for the
 *   `byDay` index that the digest queries a period through (sorted by `receivedAt`).
 * - `staffmail#<Message-ID>`: our mail to staff → the inbound id, so that a staff verdict
 *   arriving as a reply to that mail finds its record.
 * - `digestmail#<Message-ID>`: a digest we sent → the period it covers, so that a bounce of it
 *   is known for ours (the digest function writes only these).
 * - `bounced#<Message-ID>`: an answer of ours a delivery report says failed → the inbound id of
 *   the first such report, whose hand-over a second report of it does not repeat.
 * - `staffbounced#<inbound id>`: a message whose hand-over to staff a bounce returns → the inbound
 *   id of the first such bounce, which alone raises the alarm (a later one is logged).
 *
 * Every item carries `expiresAt` (epoch seconds), the table's TTL attribute.
 *
 * Writers' addresses are stored only as salted SHA-256 hashes: the table answers "did we
 * answer this address, how often" for an address an operator already has, without being a
 * list of who wrote in. (A hash of a guessable address can be confirmed by hashing the
 * guess; that is the operator's use, and why this is pseudonymous rather than anonymous.)
 */
import { createHash } from 'node:crypto';
import { threadEnds } from '../mail/thread-ends';

/** The table's key and TTL attributes; the stack and the local cloud create it so. */
export const TABLE_KEYS = { partitionKey: 'pk', timeToLive: 'expiresAt' } as const;

/** The state table's index over decision records by day; the stack and the local cloud create it. */
export const DECISIONS_BY_DAY = { indexName: 'byDay', partitionKey: 'day', sortKey: 'receivedAt' } as const;

/** The prefix of the Powertools idempotency records' keys. */
export const PROCESSED_PREFIX = 'processed';

/** Salted so the hashes are faqmail's own, not matches for any other table of address hashes. */
export function addressHash(address: string): string {
  return createHash('sha256').update(`faqmail-sender:${address.trim().toLowerCase()}`).digest('hex');
}

/** A Message-ID as compared: no angle brackets, lowercase (SES's ids are lowercase already). */
export function normalizeMessageId(id: string): string {
  return id.trim().replace(/^<|>$/g, '').trim().toLowerCase();
}

/** A sender's message: its From and Message-ID, hashed (a writer's Message-ID often names their host). */
export function messageHash(sender: string, messageId: string): string {
  return addressHash(`${addressHash(sender)} ${normalizeMessageId(messageId)}`);
}

/** DynamoDB's largest partition key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 2048;

/**
 * The partition keys to look up for the Message-IDs a reply names: each id normalized, once, in
 * the order given, at most `max`. The ids come newest first (In-Reply-To, then References newest
 * first), so the thread's first messages, where our answer or hand-over sits, come last: past
 * `max` the last few are kept with the first (../mail/thread-ends). An id whose key DynamoDB would
 * refuse is skipped: it cannot be one we wrote (ours are short, SES's or ours), and one in a batch
 * fails the whole lookup, so a reply naming it could never be recognised and every attempt at the
 * message would fail.
 */
export function lookupKeys(messageIds: readonly string[], key: (messageId: string) => string, max: number): string[] {
  const ids = new Set(messageIds.map(normalizeMessageId).filter(Boolean));
  const pks = [...ids].map(key).filter((pk) => Buffer.byteLength(pk) <= MAX_KEY_BYTES);
  return threadEnds(pks.reverse(), max).reverse();
}

/** `2026-03-02T09` and `2026-03-02`: the UTC clock hour and day of a time in epoch seconds. */
const hourOf = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 13);
const dayOf = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** The sender's slots that go back when the hour refuses: their answers, their hand-overs. Each is marked apart. */
export type GivenBackSlot = 'answer' | 'escalation';

/** Every item's partition key, by kind. */
export const keys = {
  sent: (inboundId: string, slot: string) => `sent#${inboundId}#${slot}`,
  answer: (messageId: string) => `answer#${normalizeMessageId(messageId)}`,
  sender: (address: string) => `sender#${addressHash(address)}`,
  answersInHour: (seconds: number) => `answers#${hourOf(seconds)}`,
  escalations: (sender: string, seconds: number) => `escalations#${addressHash(sender)}#${dayOf(seconds)}`,
  escalationsInHour: (seconds: number) => `handovers#${hourOf(seconds)}`,
  attempts: (inboundId: string) => `attempts#${inboundId}`,
  heldUnlisted: (inboundId: string) => `unlisted#${inboundId}`,
  givenBack: (slot: GivenBackSlot, inboundId: string) => `givenback#${slot}#${inboundId}`,
  messageId: (sender: string, messageId: string) => `message#${messageHash(sender, messageId)}`,
  decision: (inboundId: string) => `decision#${inboundId}`,
  staffMail: (messageId: string) => `staffmail#${normalizeMessageId(messageId)}`,
  digestMail: (messageId: string) => `digestmail#${normalizeMessageId(messageId)}`,
  bouncedAnswer: (messageId: string) => `bounced#${normalizeMessageId(messageId)}`,
  staffBounced: (inboundId: string) => `staffbounced#${inboundId}`,
};

/** The Message-ID an `answer#` key was made from (normalized). */
export function answerMessageId(pk: string): string {
  return pk.slice(keys.answer('').length);
}
