/**
 * Decision records on dynalite: a period read through the by-day index, first write wins,
 * retention, and staff verdicts attached by the inbound id or our staff mail's Message-ID.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DecisionRecord } from '../../lambda/state/decision-record';
import { DecisionStore } from '../../lambda/state/decision-store';
import { createStateTable, dynaliteForSuite, localDocuments } from '../support/local-aws';

const DAY = 24 * 3600_000;
const START = Date.parse('2026-03-02T09:00:00Z');

const local = dynaliteForSuite();
let tables = 0;
let clock: number;

async function freshStore(): Promise<{ store: DecisionStore; table: string }> {
  const table = `decisions-${++tables}`;
  await createStateTable(local.endpoint, table);
  return { store: new DecisionStore({ documents: localDocuments(local.endpoint), table, retentionDays: 90, now: () => clock }), table };
}

function record(inboundId: string, receivedAt: string, extra: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    inboundId,
    receivedAt,
    decidedAt: receivedAt,
    kind: 'answer',
    rule: 'matched',
    sent: [{ entry: 'e1', score: 0.8 }],
    questions: [],
    ...extra,
  };
}

beforeEach(() => {
  clock = START;
});

describe('decision records', () => {
  it('reads back a period [since, until) across days, oldest first, and nothing outside it', async () => {
    const { store } = await freshStore();
    for (const [id, at] of [
      ['a', '2026-02-28T23:59:59.000Z'],
      ['b', '2026-03-01T00:00:00.000Z'],
      ['c', '2026-03-03T12:00:00.000Z'],
      ['d', '2026-03-08T00:00:00.000Z'],
    ]) {
      await store.write(record(id, at));
    }
    const period = await store.between(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-08T00:00:00Z'));
    expect(period.map((r) => r.inboundId)).toEqual(['b', 'c']);
    expect(period[0]).toEqual(record('b', '2026-03-01T00:00:00.000Z'));
  });

  it('reads every record of a day that holds more than one page (1 MB) of them, oldest first', async () => {
    const { store } = await freshStore();
    // About 1.1 KB each: 1,200 of them fill more than the 1 MB a query returns at once.
    const question = {
      text: `${'Does it cost anything to list our app? '.repeat(25)}`,
      source: 'body' as const,
      answered: false,
      open: true,
    };
    const ids = Array.from({ length: 1200 }, (_, i) => `m${String(i).padStart(4, '0')}`);
    for (let i = 0; i < ids.length; i += 100)
      await Promise.all(
        ids
          .slice(i, i + 100)
          .map((id, j) => store.write(record(id, new Date(START + (i + j) * 1000).toISOString(), { questions: [question] }))),
      );
    const day = await store.between(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-03T00:00:00Z'));
    expect(day.map((r) => r.inboundId)).toEqual(ids);
  });

  it('reads back what a drop matched and its subject, and a record written before they were kept without them', async () => {
    const { store } = await freshStore();
    const dropped = record('a', '2026-03-02T09:00:00.000Z', {
      kind: 'ignore',
      rule: 'automatic-sender',
      sent: [],
      matched: 'Return-Path: owner-oin@lists.example',
      subject: 'OIN fees',
    });
    const old = record('b', '2026-03-02T09:01:00.000Z', { kind: 'ignore', rule: 'bounce-text', sent: [] });
    await store.write(dropped);
    await store.write(old);
    expect(await store.between(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-03T00:00:00Z'))).toEqual([dropped, old]);
  });

  it('keeps the first write of a record (a retry decides the same; a verdict must survive it)', async () => {
    const { store } = await freshStore();
    await store.write(record('a', '2026-03-02T09:00:00.000Z'));
    expect(await store.attachVerdict('a', { verdict: 'should-answer', entries: ['e2'], at: '2026-03-02T10:00:00.000Z' })).toBe('recorded');
    await store.write(record('a', '2026-03-02T09:00:00.000Z', { rule: 'other' }));
    expect(await store.get('a')).toMatchObject({ rule: 'matched', verdict: { verdict: 'should-answer', entries: ['e2'] } });
  });

  it('keeps the later of two verdicts on one message, whichever is attached last', async () => {
    const { store } = await freshStore();
    await store.write(record('a', '2026-03-02T09:00:00.000Z'));
    const later = { verdict: 'wrong' as const, entries: ['e1'], at: '2026-03-02T10:05:00.000Z' };
    expect(await store.attachVerdict('a', { verdict: 'good', at: '2026-03-02T10:00:00.000Z' })).toBe('recorded');
    expect(await store.attachVerdict('a', later)).toBe('recorded');
    // The earlier reply again (a retried invocation) or late (processed after the later one).
    expect(await store.attachVerdict('a', { verdict: 'good', at: '2026-03-02T10:00:00.000Z' })).toBe('superseded');
    expect((await store.get('a'))?.verdict).toEqual(later);
  });

  it('finds a record by the Message-ID of our mail to staff, in any form a reply names it', async () => {
    const { store } = await freshStore();
    await store.write(
      record('a', '2026-03-02T09:00:00.000Z', {
        kind: 'escalate',
        rule: 'no-match',
        sent: [],
        staffMessageId: '<0100-abc@email.amazonses.com>',
      }),
    );
    expect(await store.staffMailRepliedTo(['0100-ABC@email.amazonses.com'])).toBe('a');
    expect(await store.attachVerdict('a', { verdict: 'good', at: '2026-03-02T10:00:00.000Z' })).toBe('recorded');
    expect((await store.get('a'))?.verdict?.verdict).toBe('good');
    expect(await store.staffMailRepliedTo(['<unknown@example.com>'])).toBeUndefined();
    expect(await store.attachVerdict('missing', { verdict: 'good', at: '2026-03-02T10:00:00.000Z' })).toBe('missing');
    // Past a Message-ID too long to be a key, which failed the whole lookup.
    const tooLong = `<${'a'.repeat(2100)}@mail.example.net>`;
    expect(await store.staffMailRepliedTo([tooLong, '<0100-abc@email.amazonses.com>'])).toBe('a');
    expect(await store.staffMailRepliedTo([tooLong])).toBeUndefined();
  });

  it('forgets a record after the retention, even before TTL deletes it, and gives every item a TTL', async () => {
    const { store, table } = await freshStore();
    await store.write(record('a', '2026-03-02T09:00:00.000Z', { staffMessageId: '<x@email.amazonses.com>' }));
    const items = (await local.sdk.send(new ScanCommand({ TableName: table }))).Items ?? [];
    expect(items.map((i) => Number(i.expiresAt))).toEqual([START / 1000 + 90 * 86400, START / 1000 + 90 * 86400]);
    clock = START + 91 * DAY;
    expect(await store.get('a')).toBeUndefined();
    expect(await store.between(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-03T00:00:00Z'))).toEqual([]);
    expect(await store.staffMailRepliedTo(['<x@email.amazonses.com>'])).toBeUndefined();
    expect(await store.attachVerdict('a', { verdict: 'good', at: '2026-06-01T00:00:00.000Z' })).toBe('missing');
  });
});
