/**
 * The DynamoDB state store against dynalite: recognising our answers, the limits (answers per
 * sender in a 24-hour window, per clock hour, escalations per sender and day) reserved with
 * conditional writes that hold under concurrency, the sent markers, and a TTL on every item.
 * The writes that read an item only when their condition fails run twice: against dynalite,
 * which makes them read it, and behind a relay that answers as DynamoDB does, returning it.
 */
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDbDocuments } from '../../lambda/adapters/dynamodb';
import { DynamoDbStateStore, isConditionFailure, MAX_HELD_LISTED, RETENTION } from '../../lambda/state/dynamodb-state-store';
import { addressHash, normalizeMessageId } from '../../lambda/state/table-schema';
import { limitsFor } from '../../lambda/state/limits';
import { lookupHistory } from '../../lambda/state/history';
import { parseMessage } from '../../lambda/mail/parse';
import { createStateTable, dynaliteForSuite, dynamoDbLikeAws, localDocuments, type DynamoDbLikeAws } from '../support/local-aws';
import { address, inboundMessage, testConfig } from '../support/messages';

const HOUR = 3600_000;
const START = Date.parse('2026-03-02T09:00:00Z');

const local = dynaliteForSuite();
let asAws: DynamoDbLikeAws | undefined;
let tables = 0;
let clock: number;

beforeAll(async () => {
  asAws = await dynamoDbLikeAws(local.endpoint);
});
afterAll(() => asAws?.stop());

/** The two ways to reach the table: dynalite as it is, and behind the relay that answers as DynamoDB does. */
type Via = 'dynalite' | 'as DynamoDB answers';
const VIAS: Via[] = ['dynalite', 'as DynamoDB answers'];

/** A store on a fresh table, with a clock the test moves. */
async function freshStoreVia(via: Via): Promise<{ store: DynamoDbStateStore; table: string }> {
  const table = `state-${++tables}`;
  await createStateTable(local.endpoint, table);
  const endpoint = via === 'dynalite' ? local.endpoint : asAws!.endpoint;
  return { store: new DynamoDbStateStore({ documents: localDocuments(endpoint), table, now: () => clock }), table };
}

type SentAnswer = Parameters<DynamoDbStateStore['recordAnswerSent']>[0];

/** Our answer to jane@example.net on inbound in-1, with the oin-cost entry, as SES named it. */
function ourAnswer(messageIdHeader: string, more: Partial<SentAnswer> = {}): SentAnswer {
  return { messageIdHeader, inboundId: 'in-1', writers: ['jane@example.net'], entryIds: ['oin-cost'], ...more };
}

async function items(table: string): Promise<Array<Record<string, unknown>>> {
  return (await local.sdk.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items ?? [];
}

const freshStore = () => freshStoreVia('dynalite');

beforeEach(() => {
  clock = START;
});

describe('our answers', () => {
  it('recognises a sent answer by its Message-ID in any form a reply names it, and nothing else', async () => {
    const { store } = await freshStore();
    await store.recordAnswerSent(ourAnswer('<0100018f-abc-000000@email.amazonses.com>'));

    expect((await store.answersRepliedTo(['<0100018f-abc-000000@email.amazonses.com>']))[0]).toMatchObject({ entryIds: ['oin-cost'] });
    expect((await store.answersRepliedTo(['0100018F-ABC-000000@email.amazonses.com']))[0]).toMatchObject({ entryIds: ['oin-cost'] });
    expect((await store.answersRepliedTo(['<other@mail.example.net>', ' <0100018f-abc-000000@email.amazonses.com> ']))[0]).toMatchObject({
      entryIds: ['oin-cost'],
    });
    expect((await store.answersRepliedTo(['<other@mail.example.net>']))[0]).toBeUndefined();
    expect((await store.answersRepliedTo([]))[0]).toBeUndefined();
    expect((await store.answersRepliedTo(['', '<>']))[0]).toBeUndefined();
  });

  it("says which answers were recorded as uncertain: they stand under the writer's Message-ID, which no report of our answer returns", async () => {
    const { store } = await freshStore();
    await store.recordAnswerSent(ourAnswer('<ours@email.amazonses.com>'));
    await store.recordAnswerSent(ourAnswer('<question@writer.example>', { uncertain: true }));
    expect(await store.answersRepliedTo(['<ours@email.amazonses.com>', '<question@writer.example>'])).toEqual([
      {
        messageIdHeader: 'ours@email.amazonses.com',
        inboundId: 'in-1',
        entryIds: ['oin-cost'],
        writers: [addressHash('jane@example.net')],
      },
      {
        messageIdHeader: 'question@writer.example',
        inboundId: 'in-1',
        entryIds: ['oin-cost'],
        writers: [addressHash('jane@example.net')],
        uncertain: true,
      },
    ]);
  });

  it.each(VIAS)('finds our answer past a Message-ID too long to be a key, which failed the whole lookup (%s)', async (via) => {
    const { store } = await freshStoreVia(via);
    await store.recordAnswerSent(ourAnswer('<ours@eu-west-1.amazonses.com>'));
    // Over DynamoDB's 2,048 bytes of key: in characters, and in UTF-8 bytes only (which dynalite does not count).
    const tooLong = [`<${'a'.repeat(2100)}@mail.example.net>`, `<${'\u00e9'.repeat(1100)}@mail.example.net>`];
    expect((await store.answersRepliedTo([...tooLong, '<ours@eu-west-1.amazonses.com>']))[0]).toMatchObject({ entryIds: ['oin-cost'] });
    expect(await store.answersRepliedTo(tooLong)).toEqual([]);
  });

  it('looks up a long References list (past the 100 keys of one batch) without failing', async () => {
    const { store } = await freshStore();
    await store.recordAnswerSent(ourAnswer('<ours@eu-west-1.amazonses.com>'));
    const references = Array.from({ length: 250 }, (_, i) => `<thread-${i}@mail.example.net>`);
    expect((await store.answersRepliedTo(['<ours@eu-west-1.amazonses.com>', ...references]))[0]).toMatchObject({ entryIds: ['oin-cost'] });
    expect((await store.answersRepliedTo(references))[0]).toBeUndefined();
  });

  it('forgets an answer once its retention has passed, even before TTL deletes the item', async () => {
    const { store } = await freshStore();
    await store.recordAnswerSent(ourAnswer('<ours@email.amazonses.com>'));
    clock = START + RETENTION.answer * 1000 - HOUR;
    expect((await store.answersRepliedTo(['<ours@email.amazonses.com>']))[0]).toMatchObject({ entryIds: ['oin-cost'] });
    clock = START + RETENTION.answer * 1000 + HOUR;
    expect((await store.answersRepliedTo(['<ours@email.amazonses.com>']))[0]).toBeUndefined();
  });

  it('feeds the history: a reply to our answer (In-Reply-To or References) is recognised', async () => {
    const { store } = await freshStore();
    await store.recordAnswerSent(ourAnswer('<ours@email.amazonses.com>'));
    const jane = address('jane@example.net');
    expect(await lookupHistory(store, inboundMessage({ from: jane, inReplyTo: '<ours@email.amazonses.com>' }))).toEqual({
      repliesToOurAnswer: true,
      earlierAnswer: { inboundId: 'in-1', entryIds: ['oin-cost'] },
    });
    expect(
      (await lookupHistory(store, inboundMessage({ from: jane, references: ['<q@x.example>', '<ours@email.amazonses.com>'] })))
        .repliesToOurAnswer,
    ).toBe(true);
    expect(await lookupHistory(store, inboundMessage({ from: jane, inReplyTo: '<q@x.example>' }))).toEqual({ repliesToOurAnswer: false });
  });

  it('feeds the history: a reply whose In-Reply-To names several messages, ours not first, is recognised', async () => {
    const { store } = await freshStore();
    await store.recordAnswerSent(ourAnswer('<ours@email.amazonses.com>'));
    // Parsed from the raw mail: where the ids are gathered is what is under test.
    const reply = await parseMessage(
      Buffer.from(
        'From: jane@example.net\r\nTo: developers@example.com\r\nSubject: Re: OIN fees\r\n' +
          'In-Reply-To: <q@x.example> <ours@email.amazonses.com>\r\n\r\nAnd the renewal?\r\n',
      ),
    );
    expect(await lookupHistory(store, reply)).toEqual({
      repliesToOurAnswer: true,
      earlierAnswer: { inboundId: 'in-1', entryIds: ['oin-cost'] },
    });
  });

  it('feeds the history: a copy has the same subject and text (spacing aside), another subject under the Message-ID is no copy', async () => {
    const { store } = await freshStore();
    const mail = (subject: string, text: string) =>
      inboundMessage({ from: address('jane@example.net'), messageId: '<same@example.net>', subject, text });
    expect(await lookupHistory(store, mail('OIN fees', 'Is there a cost?'), { inboundId: 'in-1' })).toEqual({ repliesToOurAnswer: false });
    expect(await lookupHistory(store, mail(' OIN  fees', 'Is there\n a cost? '), { inboundId: 'in-2' })).toMatchObject({ copyOf: 'in-1' });
    const other = await lookupHistory(store, mail('Our listing', 'Is there a cost?'), { inboundId: 'in-3' });
    expect(other).toMatchObject({ sameMessageIdAs: 'in-1' });
    expect(other.copyOf).toBeUndefined();
  });

  it("reads a verdict link's reference from staff mail alone, from what staff wrote now, and looks up nothing it does not need", async () => {
    const { store } = await freshStore();
    const reads: string[] = [];
    const decisions = {
      staffMailRepliedTo: (ids: string[]) => Promise.resolve(void reads.push(`staffMailRepliedTo ${ids.join(' ')}`)),
      get: (inboundId: string) => Promise.resolve(void reads.push(`get ${inboundId}`)),
    };
    const staffMails = { staffAddresses: ['staff@example.com'], decisions };
    const ref = 'good\n\nfaqmail-ref: in-9\n';
    // Staff's link mail replies to nothing: the reference is read, and no staff mail is looked up for no id.
    const linked = inboundMessage({ from: address('staff@example.com'), newText: ref, text: ref });
    expect(await lookupHistory(store, linked, { staffMails })).toMatchObject({ verdictRef: { inboundId: 'in-9', onRecord: false } });
    expect(reads).toEqual(['get in-9']);
    // The writer holding a reference (quoted from staff) leads to no read at all.
    reads.length = 0;
    const fromWriter = await lookupHistory(store, { ...linked, from: address('jane@example.net') }, { staffMails });
    expect(fromWriter).not.toHaveProperty('verdictRef');
    expect(reads).toEqual([]);
    // A reference in what staff quote (unprefixed, as Outlook quotes), not in what they wrote now, is none.
    const quoting = inboundMessage({
      from: address('staff@example.com'),
      newText: 'wrong',
      text: `wrong\n\n-----Original Message-----\n${ref}`,
    });
    expect(await lookupHistory(store, quoting, { staffMails })).not.toHaveProperty('verdictRef');
  });
});

describe.each(VIAS)('answers per sender (%s)', (via) => {
  const limit = 3;
  const freshStore = () => freshStoreVia(via);

  it('reserves up to the limit in 24 hours, case-insensitively, and again once the first leaves the window', async () => {
    const { store } = await freshStore();
    expect(await store.reserveAnswer('Jane@Example.net', 'in-1', limit)).toBe(true);
    clock += 2 * HOUR;
    expect(await store.reserveAnswer('jane@example.net', 'in-2', limit)).toBe(true);
    expect(await store.reserveAnswer('jane@example.net', 'in-3', limit)).toBe(true);
    expect(await store.reserveAnswer('JANE@example.net', 'in-4', limit)).toBe(false);
    expect(await store.reserveAnswer('john@example.net', 'in-5', limit)).toBe(true);

    clock = START + 24 * HOUR + 1000; // the first answer has left the window
    expect(await store.reserveAnswer('jane@example.net', 'in-4', limit)).toBe(true);
    expect(await store.reserveAnswer('jane@example.net', 'in-6', limit)).toBe(false);
  });

  it('gives the same message its reservation again (a retry), and takes none with a limit of 0', async () => {
    const { store } = await freshStore();
    for (const id of ['in-1', 'in-2', 'in-3']) expect(await store.reserveAnswer('jane@example.net', id, limit)).toBe(true);
    expect(await store.reserveAnswer('jane@example.net', 'in-2', limit)).toBe(true);
    expect(await store.reserveAnswer('jane@example.net', 'in-4', limit)).toBe(false);
    expect(await store.reserveAnswer('john@example.net', 'in-5', 0)).toBe(false);
  });

  it('lets exactly the limit through when twelve messages from one sender reserve at once', async () => {
    const { store, table } = await freshStore();
    const taken = await Promise.all(Array.from({ length: 12 }, (_, i) => store.reserveAnswer('jane@example.net', `in-${i}`, limit)));
    expect(taken.filter(Boolean)).toHaveLength(limit);
    const sender = (await items(table)).find((item) => String(item.pk).startsWith('sender#'));
    expect(Object.keys(sender?.replies as object)).toHaveLength(limit);
  });

  it('gives back a released reservation, and only that one', async () => {
    const { store } = await freshStore();
    for (const id of ['in-1', 'in-2', 'in-3']) await store.reserveAnswer('jane@example.net', id, limit);
    await store.releaseAnswer('jane@example.net', 'in-2');
    await store.releaseAnswer('jane@example.net', 'in-9'); // never reserved: nothing happens
    expect(await store.reserveAnswer('jane@example.net', 'in-4', limit)).toBe(true);
    expect(await store.reserveAnswer('jane@example.net', 'in-5', limit)).toBe(false);
  });

  it('drops answers that left the window from the stored item, and records answers without counting them again', async () => {
    const { store, table } = await freshStore();
    await store.reserveAnswer('jane@example.net', 'in-1', limit);
    clock += 30 * HOUR;
    await store.reserveAnswer('jane@example.net', 'in-2', limit);
    await store.recordAnswerSent(ourAnswer('<a2@email.amazonses.com>', { inboundId: 'in-2' }));
    const sender = (await items(table)).find((item) => String(item.pk).startsWith('sender#'));
    expect(Object.keys(sender?.replies as object)).toEqual(['in-2']);
  });
});

describe('answers per sender, when TTL deletes a window mid-race', () => {
  it('never overwrites a window started afresh after the one this message read expired and was deleted', async () => {
    // Behind the relay, as DynamoDB answers: a failed write returns the window that failed it, so
    // the next try writes expecting that (expired) window without reading it again.
    const { store, table } = await freshStoreVia('as DynamoDB answers');
    const documents = localDocuments(asAws!.endpoint);
    await store.reserveAnswer('jane@example.net', 'in-old', 1);
    clock += 25 * HOUR;
    const other = new DynamoDbStateStore({ documents, table, now: () => clock });
    let deleted = false;
    // Between this message's first write (which finds the expired window) and its next, TTL
    // deletes the window and another message from the writer takes the one answer a day allows.
    const racing: DynamoDbDocuments = Object.assign(Object.create(documents) as DynamoDbDocuments, {
      put: async (request: Parameters<DynamoDbDocuments['put']>[0]) => {
        try {
          return await documents.put(request);
        } catch (error) {
          if (!deleted && isConditionFailure(error)) {
            deleted = true;
            await documents.delete({ TableName: table, Key: { pk: request.Item!.pk } });
            expect(await other.reserveAnswer('jane@example.net', 'in-new', 1)).toBe(true);
          }
          throw error;
        }
      },
    });
    const racer = new DynamoDbStateStore({ documents: racing, table, now: () => clock });

    expect(await racer.reserveAnswer('jane@example.net', 'in-racing', 1)).toBe(false);
    expect(deleted).toBe(true);
    const sender = (await items(table)).find((item) => String(item.pk).startsWith('sender#'));
    expect(Object.keys(sender?.replies as object)).toEqual(['in-new']);
  });
});

describe('writes whose answer was lost, tried again', () => {
  it('takes its own claim of a send slot for its own: the answer is not held back as uncertain', async () => {
    const { store } = await freshStoreVia('as DynamoDB answers');
    asAws!.loseNextAnswer('PutItem');
    expect(await store.beginSend('in-1', 'reply#0')).toBeUndefined();
    // Another attempt's claim still shows as one.
    expect(await store.beginSend('in-1', 'reply#0')).toMatchObject({ status: 'sending' });
  });

  it('counts an attempt once', async () => {
    const { store } = await freshStoreVia('as DynamoDB answers');
    asAws!.loseNextAnswer('UpdateItem');
    expect(await store.countAttempt('in-1', 'shadow')).toEqual({ count: 1, mode: 'shadow' });
    expect(await store.countAttempt('in-1', 'auto')).toEqual({ count: 2, mode: 'shadow' });
    // A retry's count whose answer was lost is read back with the first attempt's mode, not its own.
    asAws!.loseNextAnswer('UpdateItem');
    expect(await store.countAttempt('in-1', 'auto')).toEqual({ count: 3, mode: 'shadow' });
  });
});

describe('answers per hour, all senders', () => {
  it('lets exactly the cap through when many reserve at once, counts a retry once, and starts afresh the next hour', async () => {
    const { store } = await freshStore();
    const at = new Date(START + 10 * 60_000);
    const taken = await Promise.all(Array.from({ length: 8 }, (_, i) => store.reserveHourlyAnswer(`in-${i}`, at, 5)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    const winner = `in-${taken.indexOf(true)}`;
    expect(await store.reserveHourlyAnswer(winner, at, 5)).toBe(true);
    expect(await store.reserveHourlyAnswer('in-late', new Date(START + 50 * 60_000), 5)).toBe(false);
    expect(await store.reserveHourlyAnswer('in-next', new Date(START + HOUR), 5)).toBe(true);
    expect(await store.reserveHourlyAnswer('in-none', at, 0)).toBe(false);
  });

  // Before: a message whose sender's slot was given back (the hour was full), retried after another message of the
  // sender's took that slot (received in a later hour, with room), was refused as past the sender's limit: handed over
  // under sender-limit, though its hour had decided.
  it("gives a retry the hour's decision though another message of the sender's took the slot given back since", async () => {
    const { store } = await freshStore();
    const config = testConfig({ senderDailyLimit: 1, hourlyAnswerLimit: 1 });
    const reserve = (to: string, id: string, at: Date) =>
      limitsFor(store, config, id, at)
        .reserveAnswer(to)
        .then((r) => r?.rule);
    const [nine, ten, eleven] = [9, 10, 11].map((h) => new Date(START + (h - 9) * HOUR + 10 * 60_000));
    clock = nine.getTime();
    // Nine o'clock's answer goes to another writer.
    expect(await reserve('john@example.net', 'in-john', nine)).toBeUndefined();
    expect(await reserve('jane@example.net', 'in-1', nine)).toBe('hourly-limit');
    // Jane's next message, at ten, takes the slot of her 24 hours that in-1 gave back.
    clock = ten.getTime();
    expect(await reserve('jane@example.net', 'in-2', ten)).toBeUndefined();
    // in-1's event is retried (its first attempt failed after deciding).
    expect(await reserve('jane@example.net', 'in-1', nine)).toBe('hourly-limit');
    // Her own limit still decides for the message that passes it.
    clock = eleven.getTime();
    expect(await reserve('jane@example.net', 'in-3', eleven)).toBe('sender-limit');
    expect(await reserve('jane@example.net', 'in-1', nine)).toBe('hourly-limit');
    // A slot given back for the hand-over is no answer's: the message is still past her limit.
    await store.releaseEscalation('jane@example.net', 'in-3', eleven);
    expect(await reserve('jane@example.net', 'in-3', eleven)).toBe('sender-limit');
  });

  // Before: a retry let on by the slot it gave back, to an hour with room now (its cap raised since, or its count gone
  // before a late retry from the dead-letter queue), was answered without counting: one answer over her limit.
  it('counts a retry let on by the slot it gave back against the sender again when its hour has room now', async () => {
    const { store } = await freshStore();
    const reserve = (to: string, id: string, at: Date, hourlyAnswerLimit: number) =>
      limitsFor(store, testConfig({ senderDailyLimit: 1, hourlyAnswerLimit }), id, at)
        .reserveAnswer(to)
        .then((r) => r?.rule);
    const [nine, ten] = [9, 10].map((h) => new Date(START + (h - 9) * HOUR + 10 * 60_000));
    clock = nine.getTime();
    expect(await reserve('john@example.net', 'in-john', nine, 1)).toBeUndefined();
    expect(await reserve('jane@example.net', 'in-1', nine, 1)).toBe('hourly-limit');
    clock = ten.getTime();
    expect(await reserve('jane@example.net', 'in-2', ten, 1)).toBeUndefined();
    // Redeployed with a larger hour before in-1's retry: Jane has had her one answer of the 24 hours (in-2).
    expect(await reserve('jane@example.net', 'in-1', nine, 2)).toBe('sender-limit');
    expect(await reserve('jane@example.net', 'in-1', nine, 2)).toBe('sender-limit');
  });
});

describe('hand-overs per hour, all senders', () => {
  it('forwards up to the cap, then one notice, then holds and lists the rest, even when all arrive at once', async () => {
    const { store, table } = await freshStore();
    const at = new Date(START + 10 * 60_000);
    const slots = await Promise.all(Array.from({ length: 9 }, (_, i) => store.reserveHourlyEscalation(`in-${i}`, at, 4)));
    expect(slots.filter((s) => s === 'forward')).toHaveLength(4);
    expect(slots.filter((s) => s === 'notice')).toHaveLength(1);
    expect(slots.filter((s) => s === 'hold')).toHaveLength(4);
    // A retry of any of them gets its slot again, later in the hour too: the hour is the one the message was received in.
    for (const [i, slot] of slots.entries()) expect(await store.reserveHourlyEscalation(`in-${i}`, at, 4)).toBe(slot);
    expect(await store.reserveHourlyEscalation('in-late', new Date(START + 59 * 60_000), 4)).toBe('hold');
    expect(await store.reserveHourlyEscalation('in-next', new Date(START + HOUR), 4)).toBe('forward');

    const hour = (await items(table)).find((item) => item.pk === 'handovers#2026-03-02T09');
    expect([...(hour?.held as Set<string>)].sort()).toEqual(
      [...slots.flatMap((s, i) => (s === 'hold' ? [`in-${i}`] : [])), 'in-late'].sort(),
    );
    // Apart from any sender's day.
    expect(await store.reserveEscalation('jane@example.net', 'in-0', at, 4)).toBe('forward');
  });

  it("takes the sender's day first, gives its slot back when the hour refuses, and gives a retry the same outcome", async () => {
    const { store, table } = await freshStore();
    const at = new Date(START + 10 * 60_000);
    const config = testConfig({ senderDailyEscalations: 1, hourlyEscalationLimit: 2 });
    const reserve = (sender: string, id: string) => limitsFor(store, config, id, at).reserveEscalation(sender);
    const senders = ['a@a.example', 'b@b.example', 'c@c.example', 'd@d.example'];
    const first = [];
    for (const [i, sender] of senders.entries()) first.push(await reserve(sender, `in-${i}`));
    // The sender's own cap still decides for a sender past it: their second message is their day's notice.
    const second = await reserve('a@a.example', 'in-a2');
    const expected = [
      undefined,
      undefined,
      { slot: 'notice', rule: 'hourly-escalation-cap', cap: 2 },
      { slot: 'hold', rule: 'hourly-escalation-cap', cap: 2 },
    ];
    expect(first).toEqual(expected);
    expect(second).toEqual({ slot: 'notice', rule: 'escalation-cap', cap: 1 });
    for (const [i, sender] of senders.entries()) expect(await reserve(sender, `in-${i}`)).toEqual(expected[i]);
    const forwarded = (sender: string) =>
      items(table).then(
        (all) => all.find((i) => i.pk === `escalations#${addressHash(sender)}#2026-03-02`)?.forwarded as Set<string> | undefined,
      );
    // Nothing was forwarded as c's or d's: their day still has its one slot.
    expect(await forwarded('c@c.example')).toBeUndefined();
    expect(await reserve('c@c.example', 'in-c2')).toEqual({ slot: 'hold', rule: 'hourly-escalation-cap', cap: 2 });
    expect(await reserve('c@c.example', 'in-c3')).toEqual({ slot: 'hold', rule: 'hourly-escalation-cap', cap: 2 });
    expect([...((await forwarded('a@a.example')) ?? [])]).toEqual(['in-0']);
  });

  // Before: a message whose sender's slot was given back (the hour was full), retried after another message of the
  // sender's took that slot (received in a later hour, with room), got the sender's notice: mail to staff in a full
  // hour, said to be the sender's, whose own notice it used up.
  it("gives a retry the hour's decision though another message of the sender's took the slot given back since", async () => {
    const { store } = await freshStore();
    const config = testConfig({ senderDailyEscalations: 1, hourlyEscalationLimit: 1 });
    const reserve = (sender: string, id: string, at: Date) => limitsFor(store, config, id, at).reserveEscalation(sender);
    const [nine, ten, eleven] = [9, 10, 11].map((h) => new Date(START + (h - 9) * HOUR + 10 * 60_000));
    // Nine o'clock's hand-over and its notice go to others.
    expect(await reserve('john@example.net', 'in-john', nine)).toBeUndefined();
    expect(await reserve('bob@example.org', 'in-bob', nine)).toEqual({ slot: 'notice', rule: 'hourly-escalation-cap', cap: 1 });
    const held = { slot: 'hold', rule: 'hourly-escalation-cap', cap: 1 };
    expect(await reserve('jane@example.net', 'in-1', nine)).toEqual(held);
    // Jane's next message, at ten, takes the slot of her day that in-1 gave back.
    expect(await reserve('jane@example.net', 'in-2', ten)).toBeUndefined();
    // in-1's event is retried (its first attempt failed after deciding).
    expect(await reserve('jane@example.net', 'in-1', nine)).toEqual(held);
    // Her day's notice is still there for the message that passes her cap.
    expect(await reserve('jane@example.net', 'in-3', eleven)).toEqual({ slot: 'notice', rule: 'escalation-cap', cap: 1 });
    expect(await reserve('jane@example.net', 'in-1', nine)).toEqual(held);
  });

  // Before: as for answers, a retry let on by the slot it gave back to an hour with room now went to staff as the
  // sender's without counting: one hand-over over her day's cap, and her notice still to come.
  it('counts a retry let on by the slot it gave back against the sender again when its hour has room now', async () => {
    const { store } = await freshStore();
    const reserve = (sender: string, id: string, at: Date, hourlyEscalationLimit: number) =>
      limitsFor(store, testConfig({ senderDailyEscalations: 1, hourlyEscalationLimit }), id, at).reserveEscalation(sender);
    const [nine, ten] = [9, 10].map((h) => new Date(START + (h - 9) * HOUR + 10 * 60_000));
    expect(await reserve('john@example.net', 'in-john', nine, 1)).toBeUndefined();
    expect(await reserve('bob@example.org', 'in-bob', nine, 1)).toEqual({ slot: 'notice', rule: 'hourly-escalation-cap', cap: 1 });
    expect(await reserve('jane@example.net', 'in-1', nine, 1)).toEqual({ slot: 'hold', rule: 'hourly-escalation-cap', cap: 1 });
    expect(await reserve('jane@example.net', 'in-2', ten, 1)).toBeUndefined();
    // Redeployed with a larger hour before in-1's retry: past her day's cap, it takes her day's notice, as any message would.
    const notice = { slot: 'notice', rule: 'escalation-cap', cap: 1 };
    expect(await reserve('jane@example.net', 'in-1', nine, 3)).toEqual(notice);
    expect(await reserve('jane@example.net', 'in-1', nine, 3)).toEqual(notice);
    expect(await reserve('jane@example.net', 'in-3', ten, 3)).toEqual({ slot: 'hold', rule: 'escalation-cap', cap: 1 });
  });

  it('holds everything after the notice with a cap of 0', async () => {
    const { store } = await freshStore();
    const at = new Date(START);
    expect(await store.reserveHourlyEscalation('in-1', at, 0)).toBe('notice');
    expect(await store.reserveHourlyEscalation('in-2', at, 0)).toBe('hold');
    expect(await store.reserveHourlyEscalation('in-1', at, 0)).toBe('notice');
  });
});

describe('escalations per sender and day', () => {
  it('forwards up to the cap, then one notice, then holds and lists the rest, even when all arrive at once', async () => {
    const { store, table } = await freshStore();
    const at = new Date(START);
    const slots = await Promise.all(Array.from({ length: 9 }, (_, i) => store.reserveEscalation('jane@example.net', `in-${i}`, at, 4)));
    expect(slots.filter((s) => s === 'forward')).toHaveLength(4);
    expect(slots.filter((s) => s === 'notice')).toHaveLength(1);
    expect(slots.filter((s) => s === 'hold')).toHaveLength(4);
    // A retry of any of them gets its slot again.
    for (const [i, slot] of slots.entries()) expect(await store.reserveEscalation('jane@example.net', `in-${i}`, at, 4)).toBe(slot);
    // Other senders, and the next day, are counted apart.
    expect(await store.reserveEscalation('john@example.net', 'in-x', at, 4)).toBe('forward');
    expect(await store.reserveEscalation('jane@example.net', 'in-y', new Date(START + 24 * HOUR), 4)).toBe('forward');

    const all = await items(table);
    const senderDay = `escalations#${addressHash('jane@example.net')}#2026-03-02`;
    const held = all.find((item) => item.pk === senderDay)?.held as Set<string>;
    expect([...held].sort()).toEqual(slots.flatMap((s, i) => (s === 'hold' ? [`in-${i}`] : [])).sort());
  });

  it('holds everything after the notice with a cap of 0', async () => {
    const { store } = await freshStore();
    const at = new Date(START);
    expect(await store.reserveEscalation('jane@example.net', 'in-1', at, 0)).toBe('notice');
    expect(await store.reserveEscalation('jane@example.net', 'in-2', at, 0)).toBe('hold');
  });

  it('gives back a forwarded slot that is not used, so that the next message of the day takes it, and a retry takes it again', async () => {
    const { store, table } = await freshStore();
    const at = new Date(START);
    expect(await store.reserveEscalation('jane@example.net', 'in-1', at, 1)).toBe('forward');
    await store.releaseEscalation('jane@example.net', 'in-1', at);
    // Released twice (a retry of the message): nothing else goes.
    await store.releaseEscalation('jane@example.net', 'in-1', at);
    expect(await store.reserveEscalation('jane@example.net', 'in-1', at, 1)).toBe('forward');
    await store.releaseEscalation('jane@example.net', 'in-1', at);
    expect(await store.reserveEscalation('jane@example.net', 'in-2', at, 1)).toBe('forward');
    const senderDay = `escalations#${addressHash('jane@example.net')}#2026-03-02`;
    expect([...((await items(table)).find((i) => i.pk === senderDay)?.forwarded as Set<string>)]).toEqual(['in-2']);
  });

  it('counts a message held past the list once, however often its event is retried', async () => {
    const { store, table } = await freshStore();
    const at = new Date(START);
    const senderDay = `escalations#${addressHash('jane@example.net')}#2026-03-02`;
    // The list is full: written as it would be, rather than by thousands of messages.
    const full = new Set(Array.from({ length: MAX_HELD_LISTED }, (_, i) => `listed-${i}`));
    await local.sdk.send(
      new PutCommand({ TableName: table, Item: { pk: senderDay, noticeFor: 'in-notice', held: full, expiresAt: START / 1000 + 3600 } }),
    );
    for (const id of ['in-1', 'in-1', 'in-2', 'in-1', 'in-2', 'in-3'])
      expect(await store.reserveEscalation('jane@example.net', id, at, 0)).toBe('hold');
    const item = (await items(table)).find((i) => i.pk === senderDay);
    expect((item?.held as Set<string>).size).toBe(MAX_HELD_LISTED);
    expect(item?.heldUnlisted).toBe(3);
  });

  it('fails, to be retried, when marking a message held past the list fails for another reason than a mark already there', async () => {
    const { store, table } = await freshStoreVia('as DynamoDB answers');
    // The hour's cap: the sender's reads first whether the message gave its slot back, under a key as long.
    const hour = 'handovers#2026-03-02T09';
    const full = new Set(Array.from({ length: MAX_HELD_LISTED }, (_, i) => `listed-${i}`));
    await local.sdk.send(
      new PutCommand({ TableName: table, Item: { pk: hour, noticeFor: 'in-notice', held: full, expiresAt: START / 1000 + 3600 } }),
    );
    // An id too long for the mark's key: DynamoDB refuses that write alone (a ValidationException), as it may refuse any.
    const tooLong = `in-${'x'.repeat(2100)}`;
    await expect(store.reserveHourlyEscalation(tooLong, new Date(START), 0)).rejects.toThrow(/marking in-x+ as held past the list/);
    // Not taken for a retry's mark: the message is not left uncounted without a word.
    expect((await items(table)).find((i) => i.pk === hour)?.heldUnlisted).toBeUndefined();
  });
});

describe.each(VIAS)('send markers and Message-ID claims (%s)', (via) => {
  const sent = { sesMessageId: 'ses-1', messageIdHeader: '<ses-1@email.amazonses.com>' };
  const freshStore = () => freshStoreVia(via);

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

  it('holds a claim made with a lease against every other claim while the lease lasts, then lets one other take it over', async () => {
    const { store } = await freshStore();
    const lease = 60;
    expect(await store.beginSend('in-1', 'escalation-cap#0', lease)).toBeUndefined();
    clock = START + (lease - 1) * 1000;
    expect(await store.beginSend('in-1', 'escalation-cap#0', lease)).toEqual({
      status: 'sending',
      startedAt: new Date(START).toISOString(),
    });
    // Past it the claim's run stopped mid-send: of two runs that find it so at once, one takes it over.
    clock = START + (lease + 1) * 1000;
    const found = await Promise.all([1, 2].map(() => store.beginSend('in-1', 'escalation-cap#0', lease)));
    expect(found.filter((marker) => marker === undefined)).toHaveLength(1);
    expect(found.find((marker) => marker !== undefined)).toEqual({ status: 'sending', startedAt: new Date(clock).toISOString() });
    // Without a lease (the handler), a claim is never taken over; once sent, nobody's is.
    expect(await store.beginSend('in-1', 'escalation-cap#0')).toMatchObject({ status: 'sending' });
    await store.finishSend('in-1', 'escalation-cap#0', sent);
    clock += 2 * lease * 1000;
    expect(await store.beginSend('in-1', 'escalation-cap#0', lease)).toEqual({ status: 'sent', sent });
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

  it('counts attempts per message, each in the mode of its first attempt', async () => {
    const { store } = await freshStore();
    expect(await store.countAttempt('in-1', 'shadow')).toEqual({ count: 1, mode: 'shadow' });
    expect(await store.countAttempt('in-1', 'auto')).toEqual({ count: 2, mode: 'shadow' });
    expect(await store.countAttempt('in-2', 'auto')).toEqual({ count: 1, mode: 'auto' });
  });

  it('counts an attempt at a message whose first attempt kept no mode (before modes were kept) in the mode of this one', async () => {
    const { store, table } = await freshStore();
    await local.sdk.send(new PutCommand({ TableName: table, Item: { pk: 'attempts#in-1', attempts: 1, expiresAt: START / 1000 + 3600 } }));
    expect(await store.countAttempt('in-1', 'auto')).toEqual({ count: 2, mode: 'auto' });
  });

  it("lets one SES message claim a sender's Message-ID and names it to any other copy", async () => {
    const { store } = await freshStore();
    expect(await store.claimMessageId('jane@example.net', '<m1@example.net>', 'in-1')).toBeUndefined();
    expect(await store.claimMessageId('jane@example.net', '<m1@example.net>', 'in-1')).toBeUndefined();
    expect(await store.claimMessageId('Jane@Example.net', '<M1@example.net>', 'in-2')).toEqual({ inboundId: 'in-1', sameText: true });
    expect(await store.claimMessageId('ops@example.org', '<m1@example.net>', 'in-3')).toBeUndefined();
  });

  it('lets the first report of a failed answer claim its hand-over, again on a retry, as long as the answer is remembered', async () => {
    const { store } = await freshStore();
    expect(await store.claimBouncedAnswer('<ses-1@email.amazonses.com>', 'report-1')).toBeUndefined();
    expect(await store.claimBouncedAnswer('<SES-1@email.amazonses.com>', 'report-1')).toBeUndefined();
    expect(await store.claimBouncedAnswer('<ses-1@email.amazonses.com>', 'report-2')).toBe('report-1');
    expect(await store.claimBouncedAnswer('<ses-2@email.amazonses.com>', 'report-2')).toBeUndefined();
    clock = START + RETENTION.answer * 1000 + HOUR;
    expect(await store.claimBouncedAnswer('<ses-1@email.amazonses.com>', 'report-3')).toBeUndefined();
  });

  it('lets the first bounce of a hand-over claim its alarm, again on a retry, for as long as an answer is remembered', async () => {
    const { store } = await freshStore();
    expect(await store.claimStaffBounce('in-1', 'bounce-1')).toBeUndefined();
    expect(await store.claimStaffBounce('in-1', 'bounce-1')).toBeUndefined();
    expect(await store.claimStaffBounce('in-1', 'bounce-2')).toBe('bounce-1');
    expect(await store.claimStaffBounce('in-2', 'bounce-2')).toBeUndefined();
    clock = START + RETENTION.answer * 1000 + HOUR;
    expect(await store.claimStaffBounce('in-1', 'bounce-3')).toBeUndefined();
  });

  it('tells a copy from another text under the same Message-ID, and takes a claim kept without a text for a copy', async () => {
    const { store } = await freshStore();
    expect(await store.claimMessageId('jane@example.net', '<m2@example.net>', 'in-1', 'text-a')).toBeUndefined();
    expect(await store.claimMessageId('jane@example.net', '<m2@example.net>', 'in-2', 'text-a')).toEqual({
      inboundId: 'in-1',
      sameText: true,
    });
    expect(await store.claimMessageId('jane@example.net', '<m2@example.net>', 'in-3', 'text-b')).toEqual({
      inboundId: 'in-1',
      sameText: false,
    });
    await store.claimMessageId('jane@example.net', '<m3@example.net>', 'in-4');
    expect(await store.claimMessageId('jane@example.net', '<m3@example.net>', 'in-5', 'text-b')).toEqual({
      inboundId: 'in-4',
      sameText: true,
    });
  });
});

describe('what the table holds', () => {
  it('gives every item a TTL (expiresAt, epoch seconds, in the future) and holds no plain address', async () => {
    const { store, table } = await freshStore();
    await store.beginSend('in-1', 'reply#0');
    await store.finishSend('in-1', 'reply#0', { sesMessageId: 'ses-1', messageIdHeader: '<ses-1@email.amazonses.com>' });
    await store.countAttempt('in-1', 'auto');
    await store.claimMessageId('jane@example.net', '<m1@example.net>', 'in-1');
    await store.claimBouncedAnswer('<ses-1@email.amazonses.com>', 'in-1');
    await store.claimStaffBounce('in-0', 'in-1');
    await store.recordAnswerSent(ourAnswer('<ses-1@email.amazonses.com>', { writers: ['jane@example.net', 'ops@example.org'] }));
    await store.reserveAnswer('jane@example.net', 'in-1', 3);
    await store.reserveHourlyAnswer('in-1', new Date(clock), 3);
    for (const id of ['in-2', 'in-3']) await store.reserveEscalation('ops@example.org', id, new Date(clock), 0);
    for (const id of ['in-2', 'in-3']) await store.reserveHourlyEscalation(id, new Date(clock), 0);
    // A slot given back is marked so (no address in the mark), an answer's and a hand-over's apart.
    await store.reserveEscalation('jane@example.net', 'in-4', new Date(clock), 1);
    await store.releaseEscalation('jane@example.net', 'in-4', new Date(clock));
    await store.releaseAnswer('jane@example.net', 'in-1');
    const written = await items(table);
    expect(written.map((item) => String(item.pk).split('#')[0]).sort()).toEqual([
      'answer',
      'answers',
      'attempts',
      'bounced',
      'escalations',
      'escalations',
      'givenback',
      'givenback',
      'handovers',
      'message',
      'sender',
      'sent',
      'staffbounced',
    ]);
    for (const item of written) {
      expect(typeof item.expiresAt).toBe('number');
      expect(item.expiresAt).toBeGreaterThan(START / 1000);
      expect(item.expiresAt).toBeLessThan(START / 1000 + 366 * 24 * 3600);
    }
    const dump = JSON.stringify(written, (_key, value: unknown) => (value instanceof Set ? [...value] : value));
    expect(dump).not.toMatch(/jane|example\.net|ops@/);
    expect(dump).toContain(addressHash('jane@example.net'));
    expect(written.find((item) => item.pk === `answer#${normalizeMessageId('<ses-1@email.amazonses.com>')}`)).toMatchObject({
      inboundId: 'in-1',
    });
  });
});

describe('calls per step, as DynamoDB answers', () => {
  /** The operations `run` made. */
  async function callsOf(run: () => Promise<unknown>): Promise<string[]> {
    const before = asAws!.operations.length;
    await run();
    return asAws!.operations.slice(before);
  }

  it("takes a writer's first answer with one write, any other with the two calls it took before, and reads only past the limit", async () => {
    const { store } = await freshStoreVia('as DynamoDB answers');
    expect(await callsOf(() => store.reserveAnswer('jane@example.net', 'in-1', 3))).toEqual(['PutItem']);
    expect(await callsOf(() => store.reserveAnswer('jane@example.net', 'in-2', 3))).toEqual(['PutItem', 'PutItem']);
    // A retry finds its own reservation in the window the failed write returned.
    expect(await callsOf(() => store.reserveAnswer('jane@example.net', 'in-1', 3))).toEqual(['PutItem']);
    expect(await callsOf(() => store.reserveAnswer('jane@example.net', 'in-3', 3))).toEqual(['PutItem', 'PutItem']);
    // Past the limit: whether this message gave its slot back (the hour refused it) is read.
    expect(await callsOf(() => store.reserveAnswer('jane@example.net', 'in-4', 3))).toEqual(['PutItem', 'GetItem']);
  });

  it('reads no window when twelve messages from one sender race for it: each lost race returns it', async () => {
    const { store } = await freshStoreVia('as DynamoDB answers');
    const calls = await callsOf(() =>
      Promise.all(Array.from({ length: 12 }, (_, i) => store.reserveAnswer('jane@example.net', `in-${i}`, 3))),
    );
    // The only reads: each of the 9 refused reads whether it gave its slot back (the window, never).
    expect(calls.filter((call) => call !== 'PutItem')).toEqual(Array.from({ length: 9 }, () => 'GetItem'));
  });

  it('shows a second claim of a send slot or a Message-ID what holds it, without a read', async () => {
    const { store } = await freshStoreVia('as DynamoDB answers');
    await store.beginSend('in-1', 'reply#0');
    expect(await callsOf(() => store.beginSend('in-1', 'reply#0'))).toEqual(['PutItem']);
    await store.claimMessageId('jane@example.net', '<m1@example.net>', 'in-1');
    expect(await callsOf(() => store.claimMessageId('jane@example.net', '<m1@example.net>', 'in-2'))).toEqual(['PutItem']);
  });
});

// Mutation testing of claimBouncedAnswer: each test below failed with the mutation its comment names applied.
describe('the claim on a failed answer: what mutation testing found unpinned', () => {
  it('holds past the redelivery window, as long as the answer is remembered', async () => {
    // Mutant: the claim kept for RETENTION.redelivery (15 days) rather than RETENTION.answer (90): a second report
    // arriving between the two handed the answer over again.
    const { store } = await freshStore();
    expect(await store.claimBouncedAnswer('<ses-1@email.amazonses.com>', 'report-1')).toBeUndefined();
    clock = START + RETENTION.redelivery * 1000 + HOUR;
    expect(clock).toBeLessThan(START + RETENTION.answer * 1000);
    expect(await store.claimBouncedAnswer('<ses-1@email.amazonses.com>', 'report-2')).toBe('report-1');
  });

  it('claims by the Message-ID as the table keys every Message-ID: a second report naming it in another case finds the first', async () => {
    // Mutant: the key made from the Message-ID as given, not normalized as keys.bouncedAnswer does.
    const { store } = await freshStore();
    expect(await store.claimBouncedAnswer('<ses-1@email.amazonses.com>', 'report-1')).toBeUndefined();
    expect(await store.claimBouncedAnswer('<SES-1@Email.AmazonSES.com>', 'report-2')).toBe('report-1');
  });
});
