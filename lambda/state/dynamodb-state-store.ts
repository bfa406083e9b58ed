/**
 * The state store on DynamoDB: one table, partition key `pk` only, shared with the
 * Powertools idempotency records (`processed#...`). Each kind of item has its own key prefix:
 *
 * - `sent#<inbound id>#<slot>`: a mail SES accepted for an inbound message (its SES id).
 * - `answer#<Message-ID>`: an automatic answer we sent, keyed by the Message-ID SES gave it.
 * - `sender#<sha256>`: the answers one address got in the last 24 hours.
 *
 * Every item carries `expiresAt` (epoch seconds), the table's TTL attribute. TTL deletes
 * late (typically within days), and dynalite not at all, so every read also checks it.
 *
 * Writers' addresses are stored only as salted SHA-256 hashes: the table answers "did we
 * answer this address, how often" for an address an operator already has, without being a
 * list of who wrote in. (A hash of a guessable address can be confirmed by hashing the
 * guess; that is the operator's use, and why this is pseudonymous rather than anonymous.)
 */
import { createHash } from 'node:crypto';
import { BatchGetCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RepliedAnswer, SentAnswer, SentRecord, StateStore } from './state-store';

const DAY = 24 * 60 * 60;

/** How long each kind of item is kept, in seconds. */
export const RETENTION = {
  /**
   * Sent markers, and (in ./idempotency) the processed-event records: well past the 6 hours
   * Lambda keeps retrying an asynchronous event, and as long as SQS can keep it in the
   * dead-letter queue (14 days), so that an event sent again from there sends nothing twice.
   */
  redelivery: 14 * DAY,
  /** Answers: a writer may reply to one weeks later; as long as the bucket keeps the mail by default. */
  answer: 90 * DAY,
  /** The per-sender window (the limit is per 24 hours). */
  senderWindow: DAY,
} as const;

/** BatchGetItem's limit; a References field longer than this is hostile or broken. */
const MAX_IDS = 100;
const BATCH_ATTEMPTS = 4;
const WINDOW_UPDATE_ATTEMPTS = 5;

/** Salted so the hashes are faqmail's own, not matches for any other table of address hashes. */
export function addressHash(address: string): string {
  return createHash('sha256').update(`faqmail-sender:${address.trim().toLowerCase()}`).digest('hex');
}

/** A Message-ID as compared: no angle brackets, lowercase (SES's ids are lowercase already). */
export function normalizeMessageId(id: string): string {
  return id.trim().replace(/^<|>$/g, '').trim().toLowerCase();
}

const keys = {
  sent: (inboundId: string, slot: string) => `sent#${inboundId}#${slot}`,
  answer: (messageId: string) => `answer#${normalizeMessageId(messageId)}`,
  sender: (address: string) => `sender#${addressHash(address)}`,
};

interface SenderWindowItem {
  pk: string;
  /** Inbound message id → when its answer went out (epoch seconds). */
  replies: Record<string, number>;
  /** Optimistic lock: every write expects the version it read. */
  version: number;
  expiresAt: number;
}

export function isConditionFailure(error: unknown): boolean {
  return (error as Error)?.name === 'ConditionalCheckFailedException';
}

/** Runs one DynamoDB call, naming the table and what it was for when it fails (a failed condition is thrown as it is). */
export async function callTable<T>(table: string, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isConditionFailure(error)) throw error;
    const { name, message } = error as Error;
    throw new Error(`DynamoDB table ${table}: ${what} failed: ${name}: ${message}`, { cause: error });
  }
}

export interface DynamoDbStateStoreOptions {
  documents: DynamoDBDocumentClient;
  table: string;
  /** The clock, in milliseconds (tests move it). */
  now?: () => number;
}

export class DynamoDbStateStore implements StateStore {
  private readonly documents: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly now: () => number;

  constructor(options: DynamoDbStateStoreOptions) {
    this.documents = options.documents;
    this.table = options.table;
    this.now = options.now ?? Date.now;
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private call<T>(what: string, run: () => Promise<T>): Promise<T> {
    return callTable(this.table, what, run);
  }

  private async get(what: string, pk: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.call(what, () => this.documents.send(new GetCommand({ TableName: this.table, Key: { pk }, ConsistentRead: true })));
    return Item && Number(Item.expiresAt) > this.seconds() ? Item : undefined;
  }

  async sentFor(inboundId: string, slot: string): Promise<SentRecord | undefined> {
    const item = await this.get(`reading the sent marker for ${inboundId} ${slot}`, keys.sent(inboundId, slot));
    if (!item) return undefined;
    return { sesMessageId: String(item.sesMessageId), messageIdHeader: String(item.messageIdHeader) };
  }

  async recordSent(inboundId: string, slot: string, sent: SentRecord): Promise<boolean> {
    const now = this.seconds();
    try {
      await this.call(`recording the sent marker for ${inboundId} ${slot}`, () =>
        this.documents.send(
          new PutCommand({
            TableName: this.table,
            Item: { pk: keys.sent(inboundId, slot), ...sent, sentAt: new Date(now * 1000).toISOString(), expiresAt: now + RETENTION.redelivery },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': now },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async recordAnswerSent(answer: SentAnswer): Promise<void> {
    const now = this.seconds();
    const writers = [...new Set(answer.writers.map((w) => w.trim().toLowerCase()))];
    await this.call(`recording the answer ${answer.messageIdHeader}`, () =>
      this.documents.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: keys.answer(answer.messageIdHeader),
            inboundId: answer.inboundId,
            writers: writers.map(addressHash),
            sentAt: new Date(now * 1000).toISOString(),
            expiresAt: now + RETENTION.answer,
          },
        }),
      ),
    );
    for (const writer of writers) await this.countAnswer(writer, answer.inboundId, now);
  }

  /**
   * Adds the answer to `inboundId` to the address's window (once: keyed by the inbound id),
   * dropping entries that left the window. Read, then write expecting the version read;
   * a concurrent writer makes the write fail and the loop read again.
   */
  private async countAnswer(address: string, inboundId: string, now: number): Promise<void> {
    const pk = keys.sender(address);
    for (let attempt = 0; attempt < WINDOW_UPDATE_ATTEMPTS; attempt++) {
      const { Item } = await this.call('reading a sender window', () =>
        this.documents.send(new GetCommand({ TableName: this.table, Key: { pk }, ConsistentRead: true })),
      );
      const current = Item as SenderWindowItem | undefined;
      const replies = this.inWindow(current?.replies ?? {}, now);
      if (current && replies[inboundId] !== undefined) return;
      replies[inboundId] = now;
      const item: SenderWindowItem = { pk, replies, version: (current?.version ?? 0) + 1, expiresAt: Math.max(...Object.values(replies)) + RETENTION.senderWindow };
      try {
        await this.call('updating a sender window', () =>
          this.documents.send(
            new PutCommand({
              TableName: this.table,
              Item: item,
              ...(current
                ? { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': current.version } }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            }),
          ),
        );
        return;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new Error(`DynamoDB table ${this.table}: a sender window kept changing during ${WINDOW_UPDATE_ATTEMPTS} attempts to count the answer to ${inboundId}`);
  }

  private inWindow(replies: Record<string, number>, now: number): Record<string, number> {
    return Object.fromEntries(Object.entries(replies).filter(([, at]) => at > now - RETENTION.senderWindow));
  }

  async isOurAnswer(messageIds: readonly string[]): Promise<boolean> {
    return (await this.answersRepliedTo(messageIds)).length > 0;
  }

  async answersRepliedTo(messageIds: readonly string[]): Promise<RepliedAnswer[]> {
    const pks = [...new Set(messageIds.map(normalizeMessageId).filter(Boolean))].slice(0, MAX_IDS).map((id) => keys.answer(id));
    let pending: Array<Record<string, unknown>> = pks.map((pk) => ({ pk }));
    const found: Array<Record<string, unknown>> = [];
    const now = this.seconds();
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === BATCH_ATTEMPTS) {
        // Guessing "not ours" would answer a follow-up automatically; better to retry the event.
        throw new Error(`DynamoDB table ${this.table}: ${pending.length} answer lookup(s) still unprocessed after ${BATCH_ATTEMPTS} attempts`);
      }
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const keysNow = pending;
      const result = await this.call('looking up our answers', () =>
        this.documents.send(
          new BatchGetCommand({
            RequestItems: { [this.table]: { Keys: keysNow, ProjectionExpression: 'pk, inboundId, expiresAt', ConsistentRead: true } },
          }),
        ),
      );
      found.push(...(result.Responses?.[this.table] ?? []).filter((item) => Number(item.expiresAt) > now));
      pending = result.UnprocessedKeys?.[this.table]?.Keys ?? [];
    }
    // In the order the ids were given: the one a reply names first is the answer it replies to.
    const order = new Map(pks.map((pk, i) => [pk, i]));
    return found
      .sort((a, b) => (order.get(String(a.pk)) ?? 0) - (order.get(String(b.pk)) ?? 0))
      .map((item) => ({ messageIdHeader: String(item.pk).slice('answer#'.length), inboundId: String(item.inboundId) }));
  }

  async recentRepliesTo(address: string, options: { excluding?: string } = {}): Promise<number> {
    const item = (await this.get('reading a sender window', keys.sender(address))) as SenderWindowItem | undefined;
    if (!item) return 0;
    return Object.keys(this.inWindow(item.replies ?? {}, this.seconds())).filter((id) => id !== options.excluding).length;
  }
}
