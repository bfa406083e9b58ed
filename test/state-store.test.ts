/**
 * The DynamoDB state store against dynalite: recognising our answers, counting answers per
 * sender in a 24-hour window, the sent markers, and a TTL on every item written.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { addressHash, DynamoDbStateStore, normalizeMessageId, RETENTION } from '../lambda/state/dynamodb-state-store';
import { lookupHistory } from '../lambda/state/history';
import { createStateTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynalite, type LocalService } from './support/local-aws';
import { address, inboundMessage } from './support/messages';

const HOUR = 3600_000;
const START = Date.parse('2026-03-02T09:00:00Z');

let dynamodb: LocalService;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let tables = 0;
let clock: number;

/** A store on a fresh table, with a clock the test moves. */
async function freshStore(): Promise<{ store: DynamoDbStateStore; table: string }> {
  const table = `state-${++tables}`;
  await createStateTable(dynamodb.endpoint, table);
  return { store: new DynamoDbStateStore({ documents, table, now: () => clock }), table };
}

async function items(table: string): Promise<Array<Record<string, unknown>>> {
  return (await documents.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items ?? [];
}

beforeAll(async () => {
  dynamodb = await startDynalite();
  client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  documents = DynamoDBDocumentClient.from(client);
});

afterAll(async () => {
  client?.destroy();
  await dynamodb?.stop();
});

beforeEach(() => {
  clock = START;
});

describe('our answers', () => {
  it('recognises a sent answer by its Message-ID in any form a reply names it, and nothing else', async () => {
    const { store } = await freshStore();
    await store.recordAnswerSent({ messageIdHeader: '<0100018f-abc-000000@email.amazonses.com>', inboundId: 'in-1', writers: ['jane@example.net'] });

    expect(await store.isOurAnswer(['<0100018f-abc-000000@email.amazonses.com>'])).toBe(true);
    expect(await store.isOurAnswer(['0100018F-ABC-000000@email.amazonses.com'])).toBe(true);
    expect(await store.isOurAnswer(['<other@mail.example.net>', ' <0100018f-abc-000000@email.amazonses.com> '])).toBe(true);
    expect(await store.isOurAnswer(['<other@mail.example.net>'])).toBe(false);
    expect(await store.isOurAnswer([])).toBe(false);
    expect(await store.isOurAnswer(['', '<>'])).toBe(false);
  });

  it('looks up a long References list (past the 100 keys of one batch) without failing', async () => {
    const { store } = await freshStore();
    await store.recordAnswerSent({ messageIdHeader: '<ours@eu-west-1.amazonses.com>', inboundId: 'in-1', writers: ['jane@example.net'] });
    const references = Array.from({ length: 250 }, (_, i) => `<thread-${i}@mail.example.net>`);
    expect(await store.isOurAnswer(['<ours@eu-west-1.amazonses.com>', ...references])).toBe(true);
    expect(await store.isOurAnswer(references)).toBe(false);
  });

  it('forgets an answer once its retention has passed, even before TTL deletes the item', async () => {
    const { store } = await freshStore();
    await store.recordAnswerSent({ messageIdHeader: '<ours@email.amazonses.com>', inboundId: 'in-1', writers: ['jane@example.net'] });
    clock = START + RETENTION.answer * 1000 - HOUR;
    expect(await store.isOurAnswer(['<ours@email.amazonses.com>'])).toBe(true);
    clock = START + RETENTION.answer * 1000 + HOUR;
    expect(await store.isOurAnswer(['<ours@email.amazonses.com>'])).toBe(false);
  });

  it('feeds the history: a reply to our answer (In-Reply-To or References) is recognised', async () => {
    const { store } = await freshStore();
    await store.recordAnswerSent({ messageIdHeader: '<ours@email.amazonses.com>', inboundId: 'in-1', writers: ['jane@example.net'] });
    const jane = address('jane@example.net');
    expect((await lookupHistory(store, inboundMessage({ from: jane, inReplyTo: '<ours@email.amazonses.com>' }), 'in-2')).repliesToOurAnswer).toBe(true);
    expect((await lookupHistory(store, inboundMessage({ from: jane, references: ['<q@x.example>', '<ours@email.amazonses.com>'] }), 'in-2')).repliesToOurAnswer).toBe(true);
    expect(await lookupHistory(store, inboundMessage({ from: jane, inReplyTo: '<q@x.example>' }), 'in-2')).toEqual({ repliesToOurAnswer: false, recentRepliesToSender: 1 });
  });
});

describe('answers per sender', () => {
  it('counts answers to an address over the last 24 hours, case-insensitively', async () => {
    const { store } = await freshStore();
    await store.recordAnswerSent({ messageIdHeader: '<a1@email.amazonses.com>', inboundId: 'in-1', writers: ['Jane@Example.net'] });
    clock += 2 * HOUR;
    await store.recordAnswerSent({ messageIdHeader: '<a2@email.amazonses.com>', inboundId: 'in-2', writers: ['jane@example.net'] });
    expect(await store.recentRepliesTo('jane@example.net')).toBe(2);
    expect(await store.recentRepliesTo('JANE@example.net')).toBe(2);
    expect(await store.recentRepliesTo('john@example.net')).toBe(0);

    clock = START + 24 * HOUR + 1000; // the first answer has left the window
    expect(await store.recentRepliesTo('jane@example.net')).toBe(1);
    clock = START + 26 * HOUR + 1000;
    expect(await store.recentRepliesTo('jane@example.net')).toBe(0);
  });

  it('counts a repeated record of the same answer once, and leaves out the message asked about', async () => {
    const { store } = await freshStore();
    const answer = { messageIdHeader: '<a1@email.amazonses.com>', inboundId: 'in-1', writers: ['jane@example.net'] };
    await store.recordAnswerSent(answer);
    await store.recordAnswerSent(answer);
    await store.recordAnswerSent({ messageIdHeader: '<a2@email.amazonses.com>', inboundId: 'in-2', writers: ['jane@example.net'] });
    expect(await store.recentRepliesTo('jane@example.net')).toBe(2);
    expect(await store.recentRepliesTo('jane@example.net', { excluding: 'in-2' })).toBe(1);
  });

  it('keeps count when answers to one address are recorded concurrently', async () => {
    const { store } = await freshStore();
    await Promise.all(
      Array.from({ length: 4 }, (_, i) => store.recordAnswerSent({ messageIdHeader: `<a${i}@email.amazonses.com>`, inboundId: `in-${i}`, writers: ['jane@example.net'] })),
    );
    expect(await store.recentRepliesTo('jane@example.net')).toBe(4);
  });

  it('drops answers that left the window from the stored item', async () => {
    const { store, table } = await freshStore();
    await store.recordAnswerSent({ messageIdHeader: '<a1@email.amazonses.com>', inboundId: 'in-1', writers: ['jane@example.net'] });
    clock += 30 * HOUR;
    await store.recordAnswerSent({ messageIdHeader: '<a2@email.amazonses.com>', inboundId: 'in-2', writers: ['jane@example.net'] });
    const sender = (await items(table)).find((item) => String(item.pk).startsWith('sender#'));
    expect(Object.keys(sender?.replies as object)).toEqual(['in-2']);
  });
});

describe('send markers', () => {
  const sent = { sesMessageId: 'ses-1', messageIdHeader: '<ses-1@email.amazonses.com>' };

  it('claims a slot before sending, shows a later claim the marker left, per message and slot', async () => {
    const { store } = await freshStore();
    expect(await store.beginSend('in-1', 'reply#0')).toBeUndefined();
    expect(await store.beginSend('in-1', 'reply#0')).toMatchObject({ status: 'sending' });
    await store.finishSend('in-1', 'reply#0', sent);
    expect(await store.beginSend('in-1', 'reply#0')).toEqual({ status: 'sent', sent });
    expect(await store.beginSend('in-1', 'escalation#0')).toBeUndefined();
    expect(await store.beginSend('in-2', 'reply#0')).toBeUndefined();
  });

  it('releases a claim whose send certainly failed, but never a sent marker', async () => {
    const { store } = await freshStore();
    await store.beginSend('in-1', 'reply#0');
    await store.releaseSend('in-1', 'reply#0');
    expect(await store.beginSend('in-1', 'reply#0')).toBeUndefined();
    await store.finishSend('in-1', 'reply#0', sent);
    await store.releaseSend('in-1', 'reply#0');
    expect(await store.beginSend('in-1', 'reply#0')).toEqual({ status: 'sent', sent });
  });

  it('keeps a marker for the whole redelivery window, then lets it go', async () => {
    const { store } = await freshStore();
    await store.beginSend('in-1', 'reply#0');
    await store.finishSend('in-1', 'reply#0', sent);
    clock = START + RETENTION.redelivery * 1000 - HOUR;
    expect(await store.beginSend('in-1', 'reply#0')).toMatchObject({ status: 'sent' });
    clock = START + RETENTION.redelivery * 1000 + HOUR;
    expect(await store.beginSend('in-1', 'reply#0')).toBeUndefined();
  });

  it('counts attempts per message', async () => {
    const { store } = await freshStore();
    expect(await store.countAttempt('in-1')).toBe(1);
    expect(await store.countAttempt('in-1')).toBe(2);
    expect(await store.countAttempt('in-2')).toBe(1);
  });

  it("lets one SES message claim a sender's Message-ID and names it to any other copy", async () => {
    const { store } = await freshStore();
    expect(await store.claimMessageId('jane@example.net', '<m1@example.net>', 'in-1')).toBeUndefined();
    expect(await store.claimMessageId('jane@example.net', '<m1@example.net>', 'in-1')).toBeUndefined();
    expect(await store.claimMessageId('Jane@Example.net', '<M1@example.net>', 'in-2')).toBe('in-1');
    expect(await store.claimMessageId('ops@example.org', '<m1@example.net>', 'in-3')).toBeUndefined();
  });
});

describe('what the table holds', () => {
  it('gives every item a TTL (expiresAt, epoch seconds, in the future) and holds no plain address', async () => {
    const { store, table } = await freshStore();
    await store.beginSend('in-1', 'reply#0');
    await store.finishSend('in-1', 'reply#0', { sesMessageId: 'ses-1', messageIdHeader: '<ses-1@email.amazonses.com>' });
    await store.countAttempt('in-1');
    await store.claimMessageId('jane@example.net', '<m1@example.net>', 'in-1');
    await store.recordAnswerSent({ messageIdHeader: '<ses-1@email.amazonses.com>', inboundId: 'in-1', writers: ['jane@example.net', 'ops@example.org'] });
    const written = await items(table);
    expect(written.map((item) => String(item.pk).split('#')[0]).sort()).toEqual(['answer', 'attempts', 'message', 'sender', 'sender', 'sent']);
    for (const item of written) {
      expect(typeof item.expiresAt).toBe('number');
      expect(item.expiresAt).toBeGreaterThan(START / 1000);
      expect(item.expiresAt).toBeLessThan(START / 1000 + 366 * 24 * 3600);
    }
    const dump = JSON.stringify(written);
    expect(dump).not.toMatch(/jane|example\.net|ops@/);
    expect(dump).toContain(addressHash('jane@example.net'));
    expect(written.find((item) => item.pk === `answer#${normalizeMessageId('<ses-1@email.amazonses.com>')}`)).toMatchObject({ inboundId: 'in-1' });
  });
});
