/**
 * Decision records (./decision-record) in the state table, beside the state store's items:
 * the record itself (`decision#`), and our mail to staff → the inbound id (`staffmail#`), so
 * that a staff verdict arriving as a reply to that mail finds its record (./table-schema);
 * and each digest sent → its period (`digestmail#`), so that a bounce of it is known for ours.
 * All expire after the retention setting.
 */
import { allDone } from '../all-done';
import type { DecisionRecord, Forwarded, StaffVerdict } from './decision-record';
import { isConditionFailure, StateTableStore, type StateTableOptions } from './dynamodb-state-store';
import { DECISIONS_BY_DAY, keys, lookupKeys } from './table-schema';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * A staff reply names our mail in In-Reply-To or near the end of References, a writer's reply in a
 * conversation staff took over near its start (../mail/thread-ends), a bounce among the ids it
 * returns; no more are read, whoever sent the mail.
 */
const MAX_STAFF_MAIL_IDS = 10;

export interface DecisionStoreOptions extends StateTableOptions {
  /** How long a record is kept, in days (the `decisionRetentionDays` setting). */
  retentionDays: number;
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export class DecisionStore extends StateTableStore {
  private readonly retentionDays: number;

  constructor(options: DecisionStoreOptions) {
    super(options);
    this.retentionDays = options.retentionDays;
  }

  /**
   * Writes the record of one decision, and beside it the way from our staff mail to it. The
   * first write of the record wins: a retried invocation decides as the first did, and a verdict
   * staff attached meanwhile must not be overwritten. The two items are independent (each
   * write is safe to repeat), so they are written at once; either failing fails the call.
   */
  async write(record: DecisionRecord): Promise<void> {
    const expiresAt = this.seconds() + this.retentionDays * 24 * 60 * 60;
    const { staffMessageId } = record;
    await allDone([
      !staffMessageId
        ? Promise.resolve()
        : this.call(`recording the staff mail ${staffMessageId}`, () =>
            this.documents.put({
              TableName: this.table,
              Item: { pk: keys.staffMail(staffMessageId), inboundId: record.inboundId, expiresAt },
            }),
          ),
      this.writeRecord(record, expiresAt),
    ]);
  }

  private async writeRecord(record: DecisionRecord, expiresAt: number): Promise<void> {
    await this.callUnlessDone(`recording the decision on ${record.inboundId}`, () =>
      this.documents.put({
        TableName: this.table,
        Item: {
          ...record,
          pk: keys.decision(record.inboundId),
          [DECISIONS_BY_DAY.partitionKey]: record.receivedAt.slice(0, 10),
          expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(inboundId: string): Promise<DecisionRecord | undefined> {
    const { Item } = await this.call(`reading the decision on ${inboundId}`, () =>
      this.documents.get({ TableName: this.table, Key: { pk: keys.decision(inboundId) }, ConsistentRead: true }),
    );
    return Item && Number(Item.expiresAt) > this.seconds() ? toRecord(Item) : undefined;
  }

  /** Every record of a message received in [since, until), oldest first. */
  async between(since: Date, until: Date): Promise<DecisionRecord[]> {
    const records: DecisionRecord[] = [];
    const now = this.seconds();
    const from = since.toISOString();
    const to = until.toISOString();
    for (let day = Date.parse(utcDay(since.getTime())); day < until.getTime(); day += DAY_MS) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.call(`reading the decisions of ${utcDay(day)}`, () =>
          this.documents.query({
            TableName: this.table,
            IndexName: DECISIONS_BY_DAY.indexName,
            KeyConditionExpression: '#day = :day AND #at BETWEEN :from AND :to',
            FilterExpression: 'expiresAt > :now',
            ExpressionAttributeNames: { '#day': DECISIONS_BY_DAY.partitionKey, '#at': DECISIONS_BY_DAY.sortKey },
            ExpressionAttributeValues: { ':day': utcDay(day), ':from': from, ':to': to, ':now': now },
            ExclusiveStartKey: start,
          }),
        );
        // BETWEEN includes `until`; the period does not.
        records.push(...(page.Items ?? []).filter((item) => String(item[DECISIONS_BY_DAY.sortKey]) < to).map(toRecord));
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return records;
  }

  /**
   * Attaches staff's verdict to the record of `inboundId`, unless the record holds one given later
   * (by `at`): a later verdict replaces an earlier one, whatever order they are processed in (two
   * replies handled at once, or a retried invocation taking an earlier verdict again).
   * `missing` when there is no such record (never written, or expired).
   */
  async attachVerdict(inboundId: string, verdict: StaffVerdict): Promise<'recorded' | 'superseded' | 'missing'> {
    try {
      await this.call(`attaching a verdict to the decision on ${inboundId}`, () =>
        this.documents.update({
          TableName: this.table,
          Key: { pk: keys.decision(inboundId) },
          UpdateExpression: 'SET verdict = :verdict',
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now AND (attribute_not_exists(verdict) OR verdict.#at <= :at)',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':verdict': verdict, ':now': this.seconds(), ':at': verdict.at },
        }),
      );
      return 'recorded';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return (await this.get(inboundId)) ? 'superseded' : 'missing';
    }
  }

  /**
   * Notes on the record of `inboundId` that its held mail went to staff after all; the first note stands.
   * Kept as long as the record, so that a later run finds the message forwarded after its send marker expired.
   */
  async markForwarded(inboundId: string, forwarded: Forwarded): Promise<void> {
    await this.callUnlessDone(`noting the forward of ${inboundId}`, () =>
      this.documents.update({
        TableName: this.table,
        Key: { pk: keys.decision(inboundId) },
        UpdateExpression: 'SET forwarded = :forwarded',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(forwarded)',
        ExpressionAttributeValues: { ':forwarded': forwarded },
      }),
    );
  }

  /**
   * The inbound message whose staff mail `messageIds` (a reply's In-Reply-To, then its
   * References newest first) name first; undefined when they name none we remember.
   */
  async staffMailRepliedTo(messageIds: readonly string[]): Promise<string | undefined> {
    const item = await this.firstRemembered(messageIds, keys.staffMail, 'staff mail');
    return item && String(item.inboundId);
  }

  /**
   * Remembers a digest SES took (`messageId`, the Message-ID SES gave it) and the period it covers:
   * the digest alone lists the mail ignored on a guess, so a bounce of it must be told from anyone's.
   */
  async rememberDigest(messageId: string, period: string): Promise<void> {
    const expiresAt = this.seconds() + this.retentionDays * 24 * 60 * 60;
    await this.call(`recording the digest ${messageId}`, () =>
      this.documents.put({ TableName: this.table, Item: { pk: keys.digestMail(messageId), period, expiresAt } }),
    );
  }

  /** The period of the digest `messageIds` name first; undefined when they name none we remember. */
  async digestNamed(messageIds: readonly string[]): Promise<string | undefined> {
    const item = await this.firstRemembered(messageIds, keys.digestMail, 'digest');
    return item && String(item.period);
  }

  /** The first item, unexpired, that `messageIds` name under `key`, in their order (at most MAX_STAFF_MAIL_IDS read). */
  private async firstRemembered(
    messageIds: readonly string[],
    key: (messageId: string) => string,
    what: string,
  ): Promise<Record<string, unknown> | undefined> {
    // Read together, not one after another: every writer's reply in a thread is looked up (it may
    // carry on a conversation staff took over), and mostly names none, so each id is read anyway.
    const items = await Promise.all(
      lookupKeys(messageIds, key, MAX_STAFF_MAIL_IDS).map(async (pk) => {
        const { Item } = await this.call(`looking up the ${what} ${pk}`, () =>
          this.documents.get({ TableName: this.table, Key: { pk }, ConsistentRead: true }),
        );
        return Item;
      }),
    );
    const now = this.seconds();
    return items.find((item) => item !== undefined && Number(item.expiresAt) > now);
  }
}

/** The record as stored, less the table's own attributes. */
function toRecord(item: Record<string, unknown>): DecisionRecord {
  const { pk: _pk, expiresAt: _expiresAt, [DECISIONS_BY_DAY.partitionKey]: _day, ...record } = item;
  return record as unknown as DecisionRecord;
}
