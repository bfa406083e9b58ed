/**
 * The state store on DynamoDB: sent markers, our answers, the per-sender and overall counts,
 * in the one state table (its items and keys: ./table-schema). TTL deletes late (typically
 * within days), and dynalite not at all, so every read also checks `expiresAt`.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDbDocuments, DynamoDbError } from '../adapters/dynamodb';
import type { EscalationSlot } from '../domain';
import type { Mode } from '../config';
import type { Attempt, EarlierDelivery, GivenBack, RepliedAnswer, SendMarker, SentAnswer, SentRecord, StateStore } from './state-store';
import { addressHash, answerMessageId, keys, lookupKeys, type GivenBackSlot } from './table-schema';

const DAY = 24 * 60 * 60;

/** How long each kind of item is kept, in seconds. */
export const RETENTION = {
  /**
   * Sent markers, and (in ./idempotency) the processed-event records: well past the 6 hours
   * Lambda keeps retrying an asynchronous event, and as long as SQS can keep it in the
   * dead-letter queue (14 days), so that an event sent again from there sends nothing twice. An
   * event reaches the queue up to its maximum age (6 hours) after its first attempt wrote the
   * markers: 15 days covers both.
   */
  redelivery: 15 * DAY,
  /** Answers: a writer may reply to one weeks later; as long as the bucket keeps the mail by default. */
  answer: 90 * DAY,
  /** The per-sender window (the limit is per 24 hours). */
  senderWindow: DAY,
  /** The hourly and daily counters: kept a day past their window, for anyone looking into a flood. */
  counter: 2 * DAY,
} as const;

/** BatchGetItem's limit; a References field longer than this is hostile or broken. */
const MAX_IDS = 100;
const BATCH_ATTEMPTS = 4;
/** Tries beyond the limit itself: each lost race but a release means a reservation was taken. */
const WINDOW_UPDATE_ATTEMPTS = 5;
/**
 * Most held message ids listed for one sender and day, or one hour; past it they are only counted.
 * An item holds 400 KB, SES ids are 40 characters: 5000 leaves room for everything else (at most
 * 1000 forwarded, hourlyEscalationLimit's bound).
 */
export const MAX_HELD_LISTED = 5000;

/** A time in epoch seconds; `fallback` when it is not a valid date. */
function epochSeconds(at: Date, fallback: number): number {
  const ms = at.getTime();
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : fallback;
}

interface SenderWindowItem {
  pk: string;
  /** Inbound message id → when its answer went out (epoch seconds). */
  replies: Record<string, number>;
  /** Optimistic lock: every write expects the version (and expiry) it read. */
  version: number;
  expiresAt: number;
}

export function isConditionFailure(error: unknown): boolean {
  return (error as Error)?.name === 'ConditionalCheckFailedException';
}

/** Runs one DynamoDB call, naming the table and what it was for when it fails (a failed condition is thrown as it is). */
async function callTable<T>(table: string, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isConditionFailure(error)) throw error;
    const { name, message } = error as Error;
    throw new Error(`DynamoDB table ${table}: ${what} failed: ${name}: ${message}`, { cause: error });
  }
}

export interface StateTableOptions {
  documents: DynamoDbDocuments;
  table: string;
  /** The clock, in milliseconds (tests move it). */
  now?: () => number;
}

/** What each store on the state table reads and writes through: the table, its clock, and calls that name the table when they fail. */
export abstract class StateTableStore {
  protected readonly documents: DynamoDbDocuments;
  protected readonly table: string;
  protected readonly now: () => number;

  constructor(options: StateTableOptions) {
    this.documents = options.documents;
    this.table = options.table;
    this.now = options.now ?? Date.now;
  }

  protected seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  protected call<T>(what: string, run: () => Promise<T>): Promise<T> {
    return callTable(this.table, what, run);
  }

  /** `call` for a write whose condition, when it fails, says the write is done already (or has nothing left to undo). */
  protected async callUnlessDone(what: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await this.call(what, run);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

export class DynamoDbStateStore extends StateTableStore implements StateStore {
  private async get(what: string, pk: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.call(what, () => this.documents.get({ TableName: this.table, Key: { pk }, ConsistentRead: true }));
    return Item && Number(Item.expiresAt) > this.seconds() ? Item : undefined;
  }

  /**
   * The unexpired item whose presence failed a write's condition: DynamoDB returns it with the
   * failure when the write asks (ReturnValuesOnConditionCheckFailure), so that no read follows;
   * dynalite does not, and then it is read.
   */
  private async foundBy(error: unknown, what: string, pk: string): Promise<Record<string, unknown> | undefined> {
    const item = (error as Partial<DynamoDbError>).item;
    if (item === undefined) return this.get(what, pk);
    return Number(item.expiresAt) > this.seconds() ? item : undefined;
  }

  async beginSend(inboundId: string, slot: string, leaseSeconds?: number): Promise<SendMarker | undefined> {
    const now = this.seconds();
    const pk = keys.sent(inboundId, slot);
    const claim = randomUUID();
    const startedAt = new Date(now * 1000).toISOString();
    const what = `${inboundId} ${slot}`;
    /** Writes this claim on `condition`: 'claimed', else the unexpired marker that failed it. */
    const write = async (condition: string, values: Record<string, unknown>, names?: Record<string, string>) => {
      try {
        await this.call(`claiming the send ${what}`, () =>
          this.documents.put({
            TableName: this.table,
            Item: { pk, status: 'sending', startedAt, expiresAt: now + RETENTION.redelivery, claim },
            ConditionExpression: condition,
            ...(names ? { ExpressionAttributeNames: names } : {}),
            ExpressionAttributeValues: values,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'claimed' as const;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        return this.foundBy(error, `reading the send marker for ${what}`, pk);
      }
    };
    let found = await write('attribute_not_exists(pk) OR expiresAt < :now', { ':now': now });
    const stopped = (marker: Record<string, unknown>) =>
      marker.status === 'sending' && Date.parse(String(marker.startedAt)) / 1000 + (leaseSeconds ?? Infinity) < now;
    // Expecting the marker as found, so that of two callers that find it stopped, one takes it over.
    if (typeof found === 'object' && stopped(found)) {
      const values = { ':sending': 'sending', ':started': found.startedAt };
      found = await write('#status = :sending AND startedAt = :started', values, { '#status': 'status' });
    }
    // This claim itself, written by a try whose answer was lost (a server error or a broken
    // connection after DynamoDB took it) before the adapter tried again: the slot is ours.
    if (found === 'claimed' || (found?.status === 'sending' && found.claim === claim)) return undefined;
    if (found?.status === 'sent') {
      return { status: 'sent', sent: { sesMessageId: String(found.sesMessageId), messageIdHeader: String(found.messageIdHeader) } };
    }
    return { status: 'sending', startedAt: String((found?.startedAt as string | undefined) ?? '') };
  }

  async sendMarker(inboundId: string, slot: string): Promise<SendMarker | undefined> {
    const item = await this.get(`reading the send marker for ${inboundId} ${slot}`, keys.sent(inboundId, slot));
    if (item?.status === 'sent') {
      return { status: 'sent', sent: { sesMessageId: String(item.sesMessageId), messageIdHeader: String(item.messageIdHeader) } };
    }
    return item?.status === 'sending' ? { status: 'sending', startedAt: String((item.startedAt as string | undefined) ?? '') } : undefined;
  }

  async finishSend(inboundId: string, slot: string, sent: SentRecord): Promise<void> {
    const now = this.seconds();
    await this.call(`recording the sent marker for ${inboundId} ${slot}`, () =>
      this.documents.update({
        TableName: this.table,
        Key: { pk: keys.sent(inboundId, slot) },
        UpdateExpression: 'SET #status = :sent, sesMessageId = :id, messageIdHeader = :header, sentAt = :at, expiresAt = :expires',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':id': sent.sesMessageId,
          ':header': sent.messageIdHeader,
          ':at': new Date(now * 1000).toISOString(),
          ':expires': now + RETENTION.redelivery,
        },
      }),
    );
  }

  async releaseSend(inboundId: string, slot: string): Promise<void> {
    await this.callUnlessDone(`releasing the send ${inboundId} ${slot}`, () =>
      this.documents.delete({
        TableName: this.table,
        Key: { pk: keys.sent(inboundId, slot) },
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending' },
      }),
    );
  }

  async countAttempt(inboundId: string, mode: Mode): Promise<Attempt> {
    const now = this.seconds();
    const pk = keys.attempts(inboundId);
    // Each attempt adds a token of its own with its count: a try whose answer was lost (a server
    // error or a broken connection after DynamoDB took it), made again by the adapter, finds its
    // token and is not counted twice, which would hand a failing message over an attempt early.
    const claim = randomUUID();
    const attempt = (item: Record<string, unknown> | undefined): Attempt => ({
      count: Number(item?.attempts ?? 1),
      // Items written before the mode was kept have none: this attempt's, as it was then.
      mode: item?.mode === 'auto' || item?.mode === 'shadow' ? item.mode : mode,
    });
    try {
      const { Attributes } = await this.call(`counting an attempt at ${inboundId}`, () =>
        this.documents.update({
          TableName: this.table,
          Key: { pk },
          // The first attempt's mode stays: redeployed from shadow to auto between two attempts, a retry must not
          // answer the writer after staff were shown the proposal, nor, the other way, propose what went out.
          UpdateExpression: 'ADD attempts :one, claims :claims SET expiresAt = :expires, #mode = if_not_exists(#mode, :mode)',
          ConditionExpression: 'attribute_not_exists(claims) OR NOT contains(claims, :claim)',
          ExpressionAttributeNames: { '#mode': 'mode' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':claims': new Set([claim]),
            ':claim': claim,
            ':expires': now + RETENTION.redelivery,
            ':mode': mode,
          },
          // The whole item: whether DynamoDB returns a SET that if_not_exists left as it was is not worth relying on.
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return attempt(Attributes);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return attempt(await this.foundBy(error, `reading the attempts at ${inboundId}`, pk));
    }
  }

  /**
   * Claims item `pk` for inbound message `inboundId` with a conditional write: undefined when
   * nobody else holds it (or this message held it already: a retry), else the holder's item.
   */
  private async claim(what: string, pk: string, inboundId: string, fields: Record<string, unknown>, retention: number) {
    const now = this.seconds();
    try {
      await this.call(`claiming ${what}`, () =>
        this.documents.put({
          TableName: this.table,
          Item: { pk, inboundId, ...fields, expiresAt: now + retention },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR inboundId = :inbound',
          ExpressionAttributeValues: { ':now': now, ':inbound': inboundId },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const item = await this.foundBy(error, `reading the claim on ${what}`, pk);
      // Expired between the two calls: nobody holds it now, and the next one will claim it.
      return !item || item.inboundId === inboundId ? undefined : item;
    }
  }

  async claimMessageId(sender: string, messageId: string, inboundId: string, text?: string): Promise<EarlierDelivery | undefined> {
    const item = await this.claim('a Message-ID', keys.messageId(sender, messageId), inboundId, { text }, RETENTION.redelivery);
    if (!item) return undefined;
    const sameText = item.text === undefined || text === undefined || item.text === text;
    return { inboundId: String(item.inboundId), sameText };
  }

  async claimBouncedAnswer(messageId: string, inboundId: string): Promise<string | undefined> {
    // As long as the answer itself is remembered: no report of it is acted on after that.
    const item = await this.claim(`the bounce of ${messageId}`, keys.bouncedAnswer(messageId), inboundId, {}, RETENTION.answer);
    return item && String(item.inboundId);
  }

  async claimStaffBounce(handedOver: string, inboundId: string): Promise<string | undefined> {
    // As long as an answer: a hand-over bounces within days, and past this a bounce of it raises the alarm again.
    const item = await this.claim(
      `the bounce of the hand-over of ${handedOver}`,
      keys.staffBounced(handedOver),
      inboundId,
      {},
      RETENTION.answer,
    );
    return item && String(item.inboundId);
  }

  async recordAnswerSent(answer: SentAnswer): Promise<void> {
    const now = this.seconds();
    const writers = [...new Set(answer.writers.map((w) => w.trim().toLowerCase()))];
    await this.call(`recording the answer ${answer.messageIdHeader}`, () =>
      this.documents.put({
        TableName: this.table,
        Item: {
          pk: keys.answer(answer.messageIdHeader),
          inboundId: answer.inboundId,
          writers: writers.map(addressHash),
          entryIds: answer.entryIds,
          ...(answer.uncertain ? { uncertain: true } : { sentAt: new Date(now * 1000).toISOString() }),
          expiresAt: now + RETENTION.answer,
        },
      }),
    );
  }

  /**
   * Takes one of the answers `address` may get in 24 hours for inbound message `inboundId`,
   * before the answer is sent: true when taken now or by an earlier attempt for the same
   * message, false when `limit` answers to other messages are in the window. Each try writes
   * expecting the version of the window it saw; a concurrent writer makes the write fail and the
   * next try start from the window as it is then, so simultaneous messages can never take more
   * than `limit` between them.
   *
   * Most writers have no window yet: the first try takes that for granted instead of reading.
   * A write whose condition fails returns the window that failed it, for the next try (it is
   * read where the table does not return it): a first answer costs one write, any other the
   * two calls it did, and a lost race no read.
   *
   * Past the limit, a message that gave its slot back (`releaseAnswer`: the hour refused) is `given back`, taking none:
   * the slot may have gone to another message of the sender's since, and a retry is let on to the hour, which decides as
   * it did, rather than refused as past the sender's limit. One read, only past the limit (none when `givenBackPasses`
   * is false: the caller counts it against the sender as any message, ../state/limits).
   */
  async reserveAnswer(address: string, inboundId: string, limit: number, givenBackPasses = true): Promise<boolean | GivenBack> {
    if (await this.takeAnswer(address, inboundId, limit)) return true;
    return givenBackPasses && (await this.gaveBack('answer', inboundId)) ? 'given back' : false;
  }

  private async takeAnswer(address: string, inboundId: string, limit: number): Promise<boolean> {
    const pk = keys.sender(address);
    // With no answer allowed, only a reservation already in the window passes: that takes a read.
    let found: SenderWindowItem | undefined;
    if (limit > 0) {
      const first = await this.tryReserveAnswer(pk, undefined, inboundId, limit);
      if (typeof first === 'boolean') return first;
      found = first.found;
    }
    const attempts = limit + WINDOW_UPDATE_ATTEMPTS;
    for (let attempt = 0; attempt < attempts; attempt++) {
      // Spread the racers out a little, so that the next round has fewer of them.
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      const taken = await this.tryReserveAnswer(pk, found ?? (await this.readWindow(pk)), inboundId, limit);
      if (typeof taken === 'boolean') return taken;
      found = taken.found;
    }
    const what = `${attempts} attempts to reserve the answer to ${inboundId}`;
    throw new Error(`DynamoDB table ${this.table}: a sender window kept changing during ${what}`);
  }

  private async readWindow(pk: string): Promise<SenderWindowItem | undefined> {
    const { Item } = await this.call('reading a sender window', () =>
      this.documents.get({ TableName: this.table, Key: { pk }, ConsistentRead: true }),
    );
    return Item as SenderWindowItem | undefined;
  }

  /**
   * One try at the reservation, with the window as `current` shows it (undefined: none), written
   * expecting that window: taken or not, or the window found instead when it changed.
   */
  private async tryReserveAnswer(
    pk: string,
    current: SenderWindowItem | undefined,
    inboundId: string,
    limit: number,
  ): Promise<boolean | { found: SenderWindowItem | undefined }> {
    const now = this.seconds();
    const replies = this.inWindow(current && Number(current.expiresAt) > now ? current.replies : {}, now);
    if (replies[inboundId] !== undefined) return true;
    if (Object.keys(replies).length >= limit) return false;
    replies[inboundId] = now;
    const item: SenderWindowItem = {
      pk,
      replies,
      version: (current?.version ?? 0) + 1,
      expiresAt: Math.max(...Object.values(replies)) + RETENTION.senderWindow,
    };
    try {
      await this.call('reserving an answer in a sender window', () =>
        this.documents.put({
          TableName: this.table,
          Item: item,
          // The version alone could match a window TTL deleted after this try read it and another
          // message then started afresh at the same version; the two never share an expiry (an
          // expired window's lies in the past, a fresh one's a day ahead).
          ...(current
            ? {
                ConditionExpression: 'version = :version AND expiresAt = :expires',
                ExpressionAttributeValues: { ':version': current.version, ':expires': current.expiresAt },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { found: (error as Partial<DynamoDbError>).item as SenderWindowItem | undefined };
    }
  }

  /**
   * Gives back the answer reserved for `inboundId` (it was not sent, and no retry will send it), marked so (`giveBack`)
   * for as long as its event may be retried.
   */
  async releaseAnswer(address: string, inboundId: string): Promise<void> {
    await this.giveBack('answer', inboundId, this.seconds() + RETENTION.redelivery, async () => {
      await this.callUnlessDone(`releasing the answer reserved for ${inboundId}`, () =>
        this.documents.update({
          TableName: this.table,
          Key: { pk: keys.sender(address) },
          UpdateExpression: 'REMOVE replies.#id SET version = version + :one',
          ConditionExpression: 'attribute_exists(replies.#id)',
          ExpressionAttributeNames: { '#id': inboundId },
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    });
  }

  /**
   * Gives back a slot of the sender's (`release`) when the hour's cap refused the message, marked first: another message
   * of the sender's may take the slot before this one's event is retried, and the retry, finding the sender's slots
   * taken, reads the mark (`gaveBack`) and goes on to the hour, which decides as it did. The mark goes first, so that an
   * attempt that fails between the two leaves the slot taken, which a retry finds as its own, rather than given back
   * unmarked. An answer's slot and a hand-over's are marked apart: giving back one says nothing of the other.
   */
  private async giveBack(slot: GivenBackSlot, inboundId: string, expiresAt: number, release: () => Promise<void>): Promise<void> {
    await this.call(`marking ${inboundId} as having given its ${slot} slot back`, () =>
      this.documents.put({ TableName: this.table, Item: { pk: keys.givenBack(slot, inboundId), expiresAt } }),
    );
    await release();
  }

  private async gaveBack(slot: GivenBackSlot, inboundId: string): Promise<boolean> {
    return (await this.get(`reading whether ${inboundId} gave its ${slot} slot back`, keys.givenBack(slot, inboundId))) !== undefined;
  }

  /**
   * Takes one of the `cap` automatic answers of the clock hour `receivedAt` falls in, for
   * `inboundId`: one conditional update of the hour's set of answered ids, so it is atomic,
   * and taking it again for the same message (a retry, in the same hour since the hour is
   * the message's) changes nothing.
   */
  async reserveHourlyAnswer(inboundId: string, receivedAt: Date, cap: number): Promise<boolean> {
    if (cap <= 0) return false;
    const now = epochSeconds(receivedAt, this.seconds());
    try {
      await this.call('reserving an answer in the hourly cap', () =>
        this.documents.update({
          TableName: this.table,
          Key: { pk: keys.answersInHour(now) },
          UpdateExpression: 'ADD answered :ids SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(answered) OR size(answered) < :cap OR contains(answered, :id)',
          ExpressionAttributeValues: { ':ids': new Set([inboundId]), ':id': inboundId, ':cap': cap, ':expires': now + RETENTION.counter },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * What becomes of the mail to staff for `inboundId` from `sender`, counted per UTC day (the
   * day `receivedAt` falls in, so that a retry counts in the same day): see `reserveHandOver`.
   */
  reserveEscalation(sender: string, inboundId: string, receivedAt: Date, cap: number): Promise<EscalationSlot | GivenBack>;
  reserveEscalation(sender: string, inboundId: string, receivedAt: Date, cap: number, givenBackPasses: false): Promise<EscalationSlot>;
  reserveEscalation(sender: string, inboundId: string, receivedAt: Date, cap: number, givenBackPasses = true) {
    const now = epochSeconds(receivedAt, this.seconds());
    // A retry that gave its slot back is let on to the hour rather than take the sender's notice (or hold): `giveBack`.
    const givenBack = givenBackPasses ? () => this.gaveBack('escalation', inboundId) : undefined;
    return this.reserveHandOver(keys.escalations(sender, now), inboundId, now, cap, givenBack);
  }

  /**
   * Gives back the forwarded slot `sender`'s day gave `inboundId`, when nothing is forwarded for it after all, marked so
   * (`giveBack`) for as long as the day's counts are kept.
   */
  async releaseEscalation(sender: string, inboundId: string, receivedAt: Date): Promise<void> {
    const now = epochSeconds(receivedAt, this.seconds());
    await this.giveBack('escalation', inboundId, now + RETENTION.counter, async () => {
      // DELETE of an id the set no longer holds (an earlier attempt released it) changes nothing.
      await this.callUnlessDone(`releasing the escalation reserved for ${inboundId}`, () =>
        this.documents.update({
          TableName: this.table,
          Key: { pk: keys.escalations(sender, now) },
          UpdateExpression: 'DELETE forwarded :ids',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':ids': new Set([inboundId]) },
        }),
      );
    });
  }

  /**
   * What becomes of the mail to staff for `inboundId`, all senders together, counted per clock
   * hour (UTC, the hour `receivedAt` falls in, so that a retry counts in the same hour): see `reserveHandOver`.
   */
  reserveHourlyEscalation(inboundId: string, receivedAt: Date, cap: number): Promise<EscalationSlot> {
    const now = epochSeconds(receivedAt, this.seconds());
    return this.reserveHandOver(keys.escalationsInHour(now), inboundId, now, cap);
  }

  /**
   * One cap on mail to staff, counted in item `pk`: the first `cap` messages are forwarded, the
   * next one is forwarded as the notice that the cap was reached, and the rest are held (listed
   * in the item). Each step is one conditional update, so simultaneous messages cannot pass the
   * cap, and a retry for the same message gets the same slot. Past the cap, `givenBack` says that
   * this message's slot was given back since (`releaseEscalation`): it is `given back`, holding none.
   */
  private async reserveHandOver(pk: string, inboundId: string, now: number, cap: number): Promise<EscalationSlot>;
  private async reserveHandOver(
    pk: string,
    inboundId: string,
    now: number,
    cap: number,
    givenBack: (() => Promise<boolean>) | undefined,
  ): Promise<EscalationSlot | GivenBack>;
  private async reserveHandOver(
    pk: string,
    inboundId: string,
    now: number,
    cap: number,
    givenBack?: () => Promise<boolean>,
  ): Promise<EscalationSlot | GivenBack> {
    type Change = { add?: string; set?: string };
    const update = async (what: string, change: Change, condition: string | undefined, values: Record<string, unknown>) => {
      const expression = `${change.add ? `ADD ${change.add} ` : ''}SET ${change.set ? `${change.set}, ` : ''}expiresAt = :expires`;
      try {
        const { Attributes } = await this.call(what, () =>
          this.documents.update({
            TableName: this.table,
            Key: { pk },
            UpdateExpression: expression,
            ConditionExpression: condition,
            ExpressionAttributeValues: { ...values, ':expires': now + RETENTION.counter },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes;
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    };
    const ids = new Set([inboundId]);
    if (cap > 0) {
      const underCap = 'attribute_not_exists(forwarded) OR size(forwarded) < :cap OR contains(forwarded, :id)';
      const values = { ':ids': ids, ':id': inboundId, ':cap': cap };
      if (await update('forwarding an escalation', { add: 'forwarded :ids' }, underCap, values)) return 'forward';
    }
    if (await givenBack?.()) return 'given back';
    const firstOver = { set: 'noticeFor = if_not_exists(noticeFor, :id)' };
    const notice = await update('choosing the notice that the escalation cap was reached', firstOver, undefined, { ':id': inboundId });
    if (notice?.noticeFor === inboundId) return 'notice';
    const roomInList = 'attribute_not_exists(held) OR size(held) < :max OR contains(held, :id)';
    const listValues = { ':ids': ids, ':id': inboundId, ':max': MAX_HELD_LISTED };
    const listed = await update('holding an escalation', { add: 'held :ids' }, roomInList, listValues);
    if (!listed && (await this.markUnlisted(inboundId, now))) {
      await update('counting an escalation held past the list', { add: 'heldUnlisted :one' }, undefined, { ':one': 1 });
    }
    return 'hold';
  }

  /**
   * Marks `inboundId` as counted among the held past the list; false when it already was (a
   * retry). Past the list there is no room to name the message beside the count, so it gets an
   * item of its own. A failure between the mark and the count leaves that one message
   * uncounted, never counted twice; its decision record (rule `escalation-cap` or
   * `hourly-escalation-cap`) still names it.
   */
  private async markUnlisted(inboundId: string, now: number): Promise<boolean> {
    try {
      await this.call(`marking ${inboundId} as held past the list`, () =>
        this.documents.put({
          TableName: this.table,
          Item: { pk: keys.heldUnlisted(inboundId), expiresAt: now + RETENTION.counter },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private inWindow(replies: Record<string, number>, now: number): Record<string, number> {
    return Object.fromEntries(Object.entries(replies).filter(([, at]) => at > now - RETENTION.senderWindow));
  }

  async answersRepliedTo(messageIds: readonly string[]): Promise<RepliedAnswer[]> {
    const pks = lookupKeys(messageIds, keys.answer, MAX_IDS);
    let pending: Array<Record<string, unknown>> = pks.map((pk) => ({ pk }));
    const found: Array<Record<string, unknown>> = [];
    const now = this.seconds();
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === BATCH_ATTEMPTS) {
        // Guessing "not ours" would answer a follow-up automatically; better to retry the event.
        throw new Error(
          `DynamoDB table ${this.table}: ${pending.length} answer lookup(s) still unprocessed after ${BATCH_ATTEMPTS} attempts`,
        );
      }
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const keysNow = pending;
      const result = await this.call('looking up our answers', () =>
        this.documents.batchGet({
          RequestItems: {
            [this.table]: {
              Keys: keysNow,
              ProjectionExpression: 'pk, inboundId, expiresAt, entryIds, writers, uncertain',
              ConsistentRead: true,
            },
          },
        }),
      );
      found.push(...(result.Responses?.[this.table] ?? []).filter((item) => Number(item.expiresAt) > now));
      pending = result.UnprocessedKeys?.[this.table]?.Keys ?? [];
    }
    // In the order the ids were given: the one a reply names first is the answer it replies to.
    const order = new Map(pks.map((pk, i) => [pk, i]));
    return found
      .sort((a, b) => (order.get(String(a.pk)) ?? 0) - (order.get(String(b.pk)) ?? 0))
      .map((item) => ({
        messageIdHeader: answerMessageId(String(item.pk)),
        inboundId: String(item.inboundId),
        // Answers recorded before entries were kept have none: staff then see the quoted copy.
        entryIds: Array.isArray(item.entryIds) ? item.entryIds.map(String) : [],
        writers: Array.isArray(item.writers) ? item.writers.map(String) : [],
        ...(item.uncertain === true ? { uncertain: true as const } : {}),
      }));
  }
}
