/**
 * The DynamoDB adapter (aws-lite) against dynalite and small local servers that answer as a
 * failing DynamoDB would: every kind of value the state table holds, stored as the SDK's
 * document client stored it and read back as written; DynamoDB's errors by the names the
 * stores recognise; three tries on throttling and server errors, one on the rest; the deadline.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CallTimedOutError } from '../../lambda/adapters/aws-call';
import { DynamoDbError } from '../../lambda/adapters/dynamodb';
import { isConditionFailure } from '../../lambda/state/dynamodb-state-store';
import { failingDynamoDb, localDocuments, stateTableForSuite } from '../support/local-aws';

const TABLE = 'adapter-state';

async function failure(call: Promise<unknown>): Promise<Error> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

const local = stateTableForSuite(TABLE);

/** Every kind of value the stores and the idempotency records write (strings, numbers, lists, maps, string sets, nested records). */
const ITEM = {
  pk: 'decision#kinds',
  inboundId: 'abc123',
  expiresAt: 1_900_000_000,
  score: 0.8125,
  attempts: 3,
  heldBack: true,
  entryIds: ['fees', 'refunds'],
  empty: [],
  replies: { inbound1: 1_800_000_000, inbound2: 1_800_000_060 },
  forwarded: new Set(['inbound1', 'inbound2']),
  sent: [{ entry: 'fees', score: 0.9 }],
  questions: [{ text: 'Is there a fee?', request: true }],
  data: { decision: 'reply', rule: 'matched', sent: [{ sesMessageId: 'x', messageIdHeader: '<x@email.amazonses.com>' }] },
  nothing: null,
  text: 'café 日本 ✓',
};

describe('the DynamoDB adapter', () => {
  it('stores every kind of value as the SDK does, and reads back what was written', async () => {
    const documents = localDocuments(local.endpoint);
    await documents.put({ TableName: TABLE, Item: ITEM });
    // Read by the SDK's document client: the items are the same, whichever client wrote them.
    const { Item: bySdk } = await local.sdk.send(new GetCommand({ TableName: TABLE, Key: { pk: ITEM.pk }, ConsistentRead: true }));
    expect(bySdk).toEqual(ITEM);
    await local.sdk.send(new PutCommand({ TableName: TABLE, Item: { ...ITEM, pk: 'decision#by-sdk' } }));
    const { Item: byAdapter } = await documents.get({ TableName: TABLE, Key: { pk: 'decision#by-sdk' }, ConsistentRead: true });
    expect(byAdapter).toEqual({ ...ITEM, pk: 'decision#by-sdk' });
  });

  it('leaves undefined values out, as the stores told the document client to', async () => {
    const documents = localDocuments(local.endpoint);
    await documents.put({ TableName: TABLE, Item: { pk: 'decision#undefined', verdict: undefined, nested: { a: 1, b: undefined } } });
    const { Item } = await documents.get({ TableName: TABLE, Key: { pk: 'decision#undefined' }, ConsistentRead: true });
    expect(Item).toEqual({ pk: 'decision#undefined', nested: { a: 1 } });
  });

  it('returns no item for a missing key, and the attributes an update asks for', async () => {
    const documents = localDocuments(local.endpoint);
    expect((await documents.get({ TableName: TABLE, Key: { pk: 'nobody' }, ConsistentRead: true })).Item).toBeUndefined();
    const update = () =>
      documents.update({
        TableName: TABLE,
        Key: { pk: 'attempts#x' },
        UpdateExpression: 'ADD attempts :one, ids :ids',
        ExpressionAttributeValues: { ':one': 1, ':ids': new Set(['a']) },
        ReturnValues: 'ALL_NEW',
      });
    await update();
    expect((await update()).Attributes).toEqual({ pk: 'attempts#x', attempts: 2, ids: new Set(['a']) });
  });

  it("names a failed condition ConditionalCheckFailedException, as the SDK did, with DynamoDB's message", async () => {
    const documents = localDocuments(local.endpoint);
    await documents.put({ TableName: TABLE, Item: { pk: 'sent#taken' } });
    const error = await failure(
      documents.put({ TableName: TABLE, Item: { pk: 'sent#taken' }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    expect(error).toBeInstanceOf(DynamoDbError);
    expect(error.name).toBe('ConditionalCheckFailedException');
    expect(isConditionFailure(error)).toBe(true);
    expect(error.message).toBe('PutItem: The conditional request failed');
  });

  it('names other errors by their type, with the operation and the message', async () => {
    const error = await failure(localDocuments(local.endpoint).get({ TableName: 'no-such-table', Key: { pk: 'x' } }));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toMatch(/^GetItem: .*not found/i);
    expect(isConditionFailure(error)).toBe(false);
  });

  it.each([
    [400, 'ProvisionedThroughputExceededException'],
    [400, 'ThrottlingException'],
    [500, 'InternalServerError'],
    [503, 'ServiceUnavailable'],
  ])('tries three times when DynamoDB answers %i %s, then fails with it', async (status, type) => {
    const failing = await failingDynamoDb({ status, type });
    try {
      const error = await failure(failing.documents().get({ TableName: TABLE, Key: { pk: 'x' } }));
      expect(error.name).toBe(type);
      expect(failing.requests()).toBe(3);
    } finally {
      await failing.stop();
    }
  });

  it('tries once when the request itself is refused (a 4xx that is not throttling)', async () => {
    const failing = await failingDynamoDb({ status: 400, type: 'ValidationException' });
    try {
      const error = await failure(failing.documents().get({ TableName: TABLE, Key: { pk: 'x' } }));
      expect(error.name).toBe('ValidationException');
      expect(failing.requests()).toBe(1);
    } finally {
      await failing.stop();
    }
  });

  it('gives up at its deadline when DynamoDB never answers', async () => {
    const silent = await failingDynamoDb(undefined);
    try {
      const error = await failure(silent.documents(200).get({ TableName: TABLE, Key: { pk: 'x' } }));
      expect(error).toBeInstanceOf(CallTimedOutError);
      expect(error.message).toBe('no answer within 200 ms');
    } finally {
      await silent.stop();
    }
  });
});
