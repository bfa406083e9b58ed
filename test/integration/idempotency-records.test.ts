/**
 * The idempotency records in the state table (our Powertools persistence layer over the
 * DynamoDB adapter) against dynalite, through the layer's public API as the utility calls it:
 * the conditional put of a new record, and over an expired one or one whose run ran out of
 * time; a record in the way refused (with the record DynamoDB returns, or read), unless it is
 * the run's own, written by a try whose answer was lost; the completed record and its result;
 * the delete; the items as Powertools' own layer wrote them.
 */
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyRecordStatus,
} from '@aws-lambda-powertools/idempotency';
import type { DynamoDbDocuments } from '../../lambda/adapters/dynamodb';
import { RETENTION } from '../../lambda/state/dynamodb-state-store';
import { idempotency } from '../../lambda/state/idempotency';
import { dynamoDbLikeAws, failingDynamoDb, localDocuments, stateTableForSuite } from '../support/local-aws';

const TABLE = 'idempotency-state';
const RESULT = { decision: 'reply', rule: 'matched', sent: [{ sesMessageId: 'ses-1', messageIdHeader: '<ses-1@email.amazonses.com>' }] };

let events = 0;

/** An SES message id of its own each time (the key the handler gives the utility), so that the tests do not share records. */
function sesMessageId(): string {
  return `message-${++events}`;
}

function records(documents: DynamoDbDocuments = localDocuments(local.endpoint)) {
  const { persistenceStore, config, keyPrefix } = idempotency(documents, TABLE);
  persistenceStore.configure({ config, keyPrefix });
  return persistenceStore;
}

/** The record's item as stored, read by the SDK (as Powertools' own layer would read it). */
async function stored(id: string): Promise<Record<string, unknown> | undefined> {
  const { idempotencyKey } = await records().getRecord(id);
  return (await local.sdk.send(new GetCommand({ TableName: TABLE, Key: { pk: idempotencyKey }, ConsistentRead: true }))).Item;
}

const local = stateTableForSuite(TABLE);

describe('the idempotency records in the state table', () => {
  it("writes a new in-progress record under Powertools' attribute names, with the time the run has", async () => {
    const id = sesMessageId();
    const before = Date.now();
    await records().saveInProgress(id, 30_000);
    const item = await stored(id);
    expect(item).toEqual({
      pk: expect.stringMatching(/^processed#/) as unknown,
      status: IdempotencyRecordStatus.INPROGRESS,
      expiresAt: expect.any(Number) as unknown,
      in_progress_expiration: expect.any(Number) as unknown,
      claim: expect.any(String) as unknown,
    });
    expect(Number(item?.expiresAt)).toBeGreaterThanOrEqual(Math.floor(before / 1000) + RETENTION.redelivery - 1);
    expect(Number(item?.in_progress_expiration)).toBeGreaterThanOrEqual(before + 30_000);
  });

  it('keys a record by the hash of the message id, as when the utility found the id in the event by JMESPath', async () => {
    const id = sesMessageId();
    await records().saveInProgress(id, 30_000);
    // Powertools hashes the JSON of the key it is given (md5, base64): records written before keep their keys.
    const hash = createHash('md5').update(JSON.stringify(id)).digest('base64');
    expect((await stored(id))?.pk).toBe(`processed#${hash}`);
  });

  it('refuses a second run while the first is in progress', async () => {
    const id = sesMessageId();
    await records().saveInProgress(id, 30_000);
    const error = await records()
      .saveInProgress(id, 30_000)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(IdempotencyItemAlreadyExistsError);
    // dynalite does not return the record in the way; the layer then reads it, to tell its own.
    expect((error as IdempotencyItemAlreadyExistsError).existingRecord?.getStatus()).toBe(IdempotencyRecordStatus.INPROGRESS);
    expect((await records().getRecord(id)).getStatus()).toBe(IdempotencyRecordStatus.INPROGRESS);
  });

  it('refuses a repeat of a completed run, and returns its result', async () => {
    const id = sesMessageId();
    await records().saveInProgress(id, 30_000);
    await records().saveSuccess(id, RESULT);
    await expect(records().saveInProgress(id, 30_000)).rejects.toBeInstanceOf(IdempotencyItemAlreadyExistsError);
    const record = await records().getRecord(id);
    expect(record.getStatus()).toBe(IdempotencyRecordStatus.COMPLETED);
    expect(record.getResponse()).toEqual(RESULT);
    expect((await stored(id))?.data).toEqual(RESULT);
  });

  it('takes over a record in progress past the time its run had (a run that died)', async () => {
    const id = sesMessageId();
    await records().saveInProgress(id, 30_000);
    const died = await stored(id);
    // Its time is set to have run out a minute ago, rather than a short time waited out: no sleep, no race with the clock.
    await local.sdk.send(new PutCommand({ TableName: TABLE, Item: { ...died, in_progress_expiration: Date.now() - 60_000 } }));
    const before = Date.now();
    await records().saveInProgress(id, 30_000);
    const taken = await stored(id);
    expect(taken?.claim).not.toBe(died?.claim);
    expect(Number(taken?.in_progress_expiration)).toBeGreaterThanOrEqual(before + 30_000);
  });

  it('takes over an expired record (TTL deletes late)', async () => {
    const id = sesMessageId();
    await records().saveInProgress(id, 30_000);
    await records().saveSuccess(id, RESULT);
    const item = await stored(id);
    await local.sdk.send(new PutCommand({ TableName: TABLE, Item: { ...item, expiresAt: Math.floor(Date.now() / 1000) - 10 } }));
    await records().saveInProgress(id, 30_000);
    expect((await stored(id))?.status).toBe(IdempotencyRecordStatus.INPROGRESS);
  });

  it('deletes the record of a failed run, so that a retry runs again', async () => {
    const id = sesMessageId();
    await records().saveInProgress(id, 30_000);
    await records().deleteRecord(id);
    await expect(records().getRecord(id)).rejects.toBeInstanceOf(IdempotencyItemNotFoundError);
    await records().saveInProgress(id, 30_000);
  });

  it('takes its own in-progress record for its own when the answer to writing it was lost', async () => {
    // Refused, the run would end as a duplicate of itself, and the message would wait for nobody.
    const relay = await dynamoDbLikeAws(local.endpoint);
    try {
      const id = sesMessageId();
      relay.loseNextAnswer('PutItem');
      await records(localDocuments(relay.endpoint)).saveInProgress(id, 30_000);
      expect(relay.operations.filter((operation) => operation === 'PutItem')).toHaveLength(2);
      // A second run is still refused.
      await expect(records(localDocuments(relay.endpoint)).saveInProgress(id, 30_000)).rejects.toBeInstanceOf(
        IdempotencyItemAlreadyExistsError,
      );
    } finally {
      await relay.stop();
    }
  });

  it('reads a record Powertools wrote, and hands on the record DynamoDB returns with a failed condition', async () => {
    const existing = { pk: 'processed#abc', status: 'INPROGRESS', expiresAt: 1_900_000_000, in_progress_expiration: 1_800_000_000_000 };
    const marshalled = {
      pk: { S: existing.pk },
      status: { S: 'INPROGRESS' },
      expiresAt: { N: '1900000000' },
      in_progress_expiration: { N: '1800000000000' },
    };
    const refusing = await failingDynamoDb({ status: 400, type: 'ConditionalCheckFailedException', item: marshalled });
    try {
      const error = await records(refusing.documents())
        .saveInProgress(sesMessageId(), 30_000)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(IdempotencyItemAlreadyExistsError);
      const record = (error as IdempotencyItemAlreadyExistsError).existingRecord;
      expect(record).toMatchObject({
        idempotencyKey: existing.pk,
        expiryTimestamp: existing.expiresAt,
        inProgressExpiryTimestamp: existing.in_progress_expiration,
      });
      expect(record?.getStatus()).toBe(IdempotencyRecordStatus.INPROGRESS);
      expect(refusing.requests()).toBe(1);
    } finally {
      await refusing.stop();
    }
  });
});
