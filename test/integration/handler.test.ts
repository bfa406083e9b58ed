/**
 * The Lambda handler end to end, against the stand-ins started here: the raw message in
 * s3rver, the SES event as SES sends it, the mails in aws-ses-v2-local, the state in
 * dynalite. Exactly once across repeated events and failed attempts, follow-ups and the
 * per-sender limit, and failures that propagate.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SESEvent } from 'aws-lambda';
import type { ParsedMail } from 'mailparser';
import { sesMessageIdHeader } from '../../lambda/adapters/mail-sender';
import type { Verdicts } from '../../lambda/domain';
import { sesEvent } from '../../local/ses-event';
import { createHandler, handler as lambdaHandler, type HandlerResult, type SesHandler } from '../../lambda/handler';
import { createDigestHandler, type DigestResult } from '../../lambda/digest-handler';
import { openQuestions } from '../../lambda/digest/build';
import { loadConfig } from '../../lambda/config';
import { DecisionStore } from '../../lambda/state/decision-store';
import { MAX_REFUSED_SHOWN } from '../../lambda/mail/delivery-status';
import { addressHash, keys } from '../../lambda/state/table-schema';
import { handlerStandIns, lambdaContext, sentDuring } from '../support/handler-stand-ins';
import { SAMPLE_FAQ_DIR } from '../support/sample-faq';
import {
  closedPort,
  createStateTable,
  dynamoDbLikeAws,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localDocuments,
  tcpService,
} from '../support/local-aws';

/**
 * Each handler (and digest handler) the suite creates loaded the FAQ and built its index anew, about 60 ms each,
 * over a hundred times. A responder is a pure function of its config and content folder: the suite builds one for
 * each pair it meets and gives it to every handler created with that pair.
 */
jest.mock('../../lambda/respond', () => {
  const actual = jest.requireActual<typeof import('../../lambda/respond')>('../../lambda/respond');
  const built = new Map<string, ReturnType<typeof actual.createResponder>>();
  return {
    ...actual,
    createResponder: (...args: Parameters<typeof actual.createResponder>) => {
      const key = JSON.stringify(args);
      if (!built.has(key)) built.set(key, actual.createResponder(...args));
      return built.get(key)!;
    },
  };
});

const BUCKET = 'faqmail-test-mail';
const PREFIX = 'inbound/';
const INBOX = 'developers@example.com';
const STAFF = 'staff@example.com';

// The answers checked here are the sample FAQ's, whatever content/ holds.
const aws = handlerStandIns(BUCKET, { FAQMAIL_CONTENT_DIR: SAMPLE_FAQ_DIR });
let dynamoClient: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let tables = 0;

beforeAll(() => {
  dynamoClient = new DynamoDBClient({ endpoint: aws.dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  documents = DynamoDBDocumentClient.from(dynamoClient);
});

afterAll(() => dynamoClient?.destroy());

/** A fresh state table and the handler's environment for it, as the stack would set it. */
/** The decision records of an environment's state table. */
const store = (env: Record<string, string>) =>
  new DecisionStore({ documents: localDocuments(aws.dynamodb.endpoint), table: env.FAQMAIL_STATE_TABLE, retentionDays: 90 });

async function environment(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  const table = `faqmail-state-${++tables}`;
  await createStateTable(aws.dynamodb.endpoint, table);
  return {
    AWS_REGION: 'us-east-1',
    FAQMAIL_MAIL_BUCKET: BUCKET,
    FAQMAIL_MAIL_PREFIX: PREFIX,
    FAQMAIL_STATE_TABLE: table,
    FAQMAIL_S3_ENDPOINT: aws.s3.endpoint,
    FAQMAIL_SES_ENDPOINT: aws.ses.endpoint,
    FAQMAIL_DYNAMODB_ENDPOINT: aws.dynamodb.endpoint,
    FAQMAIL_INBOX_ADDRESS: INBOX,
    FAQMAIL_STAFF_ADDRESSES: STAFF,
    FAQMAIL_SENDER_DAILY_LIMIT: '3',
    FAQMAIL_CONTENT_DIR: SAMPLE_FAQ_DIR,
    ...overrides,
  };
}

interface MailSpec {
  from: string;
  subject: string;
  body: string;
  inReplyTo?: string;
  /** The References field; In-Reply-To's id when absent. */
  references?: string;
  replyTo?: string;
  cc?: string;
  /** The From field as written; `Jane Writer <from>` when absent. */
  fromField?: string;
}

function rawMail(spec: MailSpec, id: string): Buffer {
  return Buffer.from(
    [
      `Return-Path: <${spec.from}>`,
      `From: ${spec.fromField ?? `Jane Writer <${spec.from}>`}`,
      ...(spec.replyTo ? [`Reply-To: ${spec.replyTo}`] : []),
      `To: ${INBOX}`,
      ...(spec.cc ? [`Cc: ${spec.cc}`] : []),
      `Subject: ${spec.subject}`,
      `Message-ID: <${id}@writer.example>`,
      ...(spec.inReplyTo ? [`In-Reply-To: ${spec.inReplyTo}`, `References: ${spec.references ?? spec.inReplyTo}`] : []),
      'Date: Mon, 2 Mar 2026 09:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      spec.body,
      '',
    ].join('\r\n'),
  );
}

/**
 * What handlers created within `run` write, one JSON record a line: their logs at `level` or above,
 * and with `metrics` their CloudWatch embedded metrics (each takes the environment when created).
 */
async function outputDuring(
  run: () => Promise<unknown>,
  { level = 'SILENT', metrics = false }: { level?: 'SILENT' | 'INFO' | 'WARN'; metrics?: boolean },
): Promise<Array<Record<string, unknown>>> {
  process.env.POWERTOOLS_LOG_LEVEL = level;
  process.env.POWERTOOLS_METRICS_DISABLED = String(!metrics);
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  // Warnings and errors go to stderr (console.warn), the rest to stdout.
  const writes = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  try {
    await run();
  } finally {
    for (const write of writes) write.mockRestore();
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** What a handler created within `run` logs at `level` or above. */
const logsDuring = (level: 'INFO' | 'WARN', run: () => Promise<unknown>) => outputDuring(run, { level });

/**
 * The sum of each metric that handlers created within `run` wrote (CloudWatch embedded metric
 * format, on stdout), over all their invocations.
 */
async function metricsDuring(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const records = await outputDuring(run, { metrics: true });
  type Emf = { _aws?: { CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string }> }> } } & Record<string, unknown>;
  const sums: Record<string, number> = {};
  for (const record of records as Emf[])
    for (const directive of record._aws?.CloudWatchMetrics ?? [])
      for (const { Name } of directive.Metrics)
        sums[Name] = [record[Name]].flat().reduce<number>((sum, value) => sum + Number(value), sums[Name] ?? 0);
  return sums;
}

/** What a handler created within `run` logs at warning level or above. */
const warningsDuring = (run: () => Promise<unknown>) => logsDuring('WARN', run);

/** Plays SES inbound: stores the message under the prefix + a new SES id, and returns the event. */
async function deliver(spec: MailSpec, verdicts: Partial<Verdicts> = {}, dmarcPolicy?: 'none' | 'reject'): Promise<SESEvent> {
  const messageId = randomBytes(20).toString('hex');
  const raw = rawMail(spec, messageId);
  await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
  return sesEvent({ messageId, recipients: [INBOX], source: spec.from, verdicts, raw, ...(dmarcPolicy ? { dmarcPolicy } : {}) });
}

/**
 * The same raw message as `first` (same Message-ID), stored and delivered again under a new SES id,
 * from the envelope sender `source` (the message's own From when not given).
 */
async function deliverAgain(first: SESEvent, spec: MailSpec, source = spec.from): Promise<SESEvent> {
  const raw = rawMail(spec, first.Records[0].ses.mail.messageId);
  const againId = randomBytes(20).toString('hex');
  await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${againId}`, Body: raw }));
  return sesEvent({ messageId: againId, recipients: [INBOX], source, raw });
}

/**
 * `handler`, given every event as received when the first was. The limits per clock hour and per UTC day count a
 * message in the hour and day SES received it, and each event is stamped as it is made: a test that counts against
 * one of them, run across an hour's end or midnight, split its messages between two counts and failed.
 */
function receivedAtOnce(handler: SesHandler): SesHandler {
  let receivedAt: string | undefined;
  return (event, context) => {
    const { mail, receipt } = event.Records[0].ses;
    receivedAt ??= mail.timestamp;
    mail.timestamp = receipt.timestamp = receivedAt;
    return handler(event, context);
  };
}

/**
 * Stores a message that mailparser never finishes (an inline embedded message cut off in its header block:
 * lambda/mail/parse.ts), from `source`, and returns its event.
 */
async function deliverNeverParsed(source: string, verdicts: Partial<Verdicts> = {}): Promise<SESEvent> {
  const messageId = randomBytes(20).toString('hex');
  const raw = Buffer.from(
    [
      `Return-Path: <${source}>`,
      `From: Mallory <${source}>`,
      `To: ${INBOX}`,
      'Subject: Your invoice',
      `Message-ID: <${messageId}@writer.example>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: message/rfc822',
      'Content-Disposition: inline',
    ].join('\r\n'),
  );
  await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
  return sesEvent({ messageId, recipients: [INBOX], source, verdicts, raw });
}

/** A handler so created gives up on such a message after 0.2 s, not the function's 10 s (lambda/mail/parse.ts). */
const QUICK_TO_GIVE_UP = { parse: { timeoutMs: 200 } };

/** A question no entry answers, handed to staff (checked), and the Message-ID of the mail staff got. */
async function handOverUnanswerable(handler: SesHandler, writer: string): Promise<{ handedOver: HandlerResult; staffMail: string }> {
  const handedOver = await handler(await deliver(unanswerable(writer)), lambdaContext());
  expect(handedOver).toMatchObject({ decision: 'escalate', rule: 'no-match' });
  return { handedOver, staffMail: sesMessageIdHeader(handedOver.sent[0].sesMessageId, 'us-east-1') };
}

/** The handler's result for the event, and the mail it sent meanwhile. */
async function handledWith(
  handler: SesHandler,
  event: SESEvent,
): Promise<{ result: HandlerResult; sent: Array<{ to: string[]; mail: ParsedMail }> }> {
  let result: HandlerResult | undefined;
  const sent = await sentDuring(aws.ses, async () => {
    result = await handler(event, lambdaContext());
  });
  return { result: result!, sent };
}

async function stateItems(env: Record<string, string>): Promise<Array<Record<string, unknown>>> {
  return (await documents.send(new ScanCommand({ TableName: env.FAQMAIL_STATE_TABLE, ConsistentRead: true }))).Items ?? [];
}

/** A question no FAQ entry answers: it goes to staff (no-match). */
const unanswerable = (from: string): MailSpec => ({
  from,
  subject: 'HTTP 429 from the Users API',
  body: 'Hi, at roughly 600 requests a minute the Users API answers HTTP 429. What are the rate limits for that endpoint?\r\n\r\nRegards, Sam',
});

const question = (from: string): MailSpec => ({
  from,
  subject: 'OIN fees',
  body: 'Hi, is there a cost associated with joining the OIN?\r\n\r\nThanks, Jane',
});

describe('the handler, end to end', () => {
  let env: Record<string, string>;
  let handler: SesHandler;

  beforeAll(async () => {
    env = await environment();
    handler = createHandler(env);
  });

  it('answers an FAQ question with one reply to the writer, threaded under the question', async () => {
    const event = await deliver(question('ana@writer.example'));
    const { result, sent } = await handledWith(handler, event);

    expect(result).toMatchObject({ decision: 'answer', rule: 'matched' });
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toEqual(['ana@writer.example']);
    expect(sent[0].mail.inReplyTo).toBe(`<${event.Records[0].ses.mail.messageId}@writer.example>`);
    expect(sent[0].mail.text).toMatch(/cost/i);
    expect(result?.sent).toEqual([{ kind: 'reply', sesMessageId: expect.any(String) }]);
  });

  it('sends one reply when the same event is handled twice, and returns the first result again', async () => {
    const event = await deliver(question('bo@writer.example'));
    const results: HandlerResult[] = [];
    const sent = await sentDuring(aws.ses, async () => {
      results.push(await handler(event, lambdaContext()));
      results.push(await handler(event, lambdaContext()));
    });
    expect(sent).toHaveLength(1);
    expect(results[1]).toEqual(results[0]);
  });

  it('sends one reply when the same event arrives twice at once (the second waits for a retry or gets the result)', async () => {
    const event = await deliver(question('bea@writer.example'));
    let outcomes: PromiseSettledResult<HandlerResult>[] = [];
    const sent = await sentDuring(aws.ses, async () => {
      outcomes = await Promise.allSettled([handler(event, lambdaContext()), handler(event, lambdaContext())]);
    });
    expect(sent).toHaveLength(1);
    const fulfilled = outcomes.filter((o): o is PromiseFulfilledResult<HandlerResult> => o.status === 'fulfilled');
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    // The duplicate that finds the first still running ends quietly (no error for the alarm to count).
    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
  });

  it('escalates a reply to one of our answers (In-Reply-To = the Message-ID SES gave it) and does not answer it', async () => {
    const first = await handler(await deliver(question('cy@writer.example')), lambdaContext());
    const ourAnswer = sesMessageIdHeader(first.sent[0].sesMessageId, 'us-east-1');
    expect(ourAnswer).toMatch(/@email\.amazonses\.com>$/);

    // Without the record, this one would be answered: it asks the same thing again.
    const followUp = await deliver({
      from: 'cy@writer.example',
      subject: 'Re: OIN fees',
      body: 'That did not help. Is there a cost associated with joining the OIN or not?',
      inReplyTo: ourAnswer,
    });
    const { result, sent } = await handledWith(handler, followUp);
    expect(result).toMatchObject({ decision: 'escalate', rule: 'follow-up' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it('recognises a reply to our answer whose References also name an id too long to be a DynamoDB key', async () => {
    // DynamoDB counts a key's UTF-8 bytes; dynalite alone would take this id.
    const asAws = await dynamoDbLikeAws(aws.dynamodb.endpoint);
    const handler = createHandler({ ...env, FAQMAIL_DYNAMODB_ENDPOINT: asAws.endpoint });
    const first = await handler(await deliver(question('cy@writer.example')), lambdaContext());
    const ourAnswer = sesMessageIdHeader(first.sent[0].sesMessageId, 'us-east-1');
    // One such id failed the whole lookup: every attempt threw, and only the last handed the mail over unread.
    const followUp = await deliver({
      from: 'cy@writer.example',
      subject: 'Re: OIN fees',
      body: 'Is there a cost associated with joining the OIN or not?',
      inReplyTo: ourAnswer,
      references: `<${'\u4e2d'.repeat(700)}@writer.example> ${ourAnswer}`,
    });
    const { result, sent } = await handledWith(handler, followUp).finally(() => asAws.stop());
    expect(result).toMatchObject({ decision: 'escalate', rule: 'follow-up' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it('answers a sender three times in 24 hours, then hands the fourth question to staff', async () => {
    const results: HandlerResult[] = [];
    const sent = await sentDuring(aws.ses, async () => {
      for (let i = 0; i < 4; i++) results.push(await handler(await deliver(question('dee@writer.example')), lambdaContext()));
    });
    expect(results.map((r) => r.rule)).toEqual(['matched', 'matched', 'matched', 'sender-limit']);
    expect(sent.map((s) => s.to)).toEqual([['dee@writer.example'], ['dee@writer.example'], ['dee@writer.example'], [STAFF]]);
  });

  it('neither answers nor escalates mail SES flagged as spam, and keeps it in S3', async () => {
    const event = await deliver(question('eve@writer.example'), { spam: 'FAIL' });
    const { result, sent } = await handledWith(handler, event);
    expect(result).toMatchObject({ decision: 'ignore', rule: 'spam', sent: [] });
    expect(sent).toHaveLength(0);
    const key = `${PREFIX}${event.Records[0].ses.mail.messageId}`;
    await expect(aws.s3Client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).resolves.toBeDefined();
  });

  it('drops mail SES flagged as a virus though it cannot be parsed, rather than hand staff the original', async () => {
    const event = await deliverNeverParsed('mallory@writer.example', { virus: 'FAIL' });
    // Before: screening needs a parsed message, so the message went to staff as unparseable, the original attached.
    const { result, sent } = await handledWith(createHandler(env, QUICK_TO_GIVE_UP), event);
    expect(result).toMatchObject({ decision: 'ignore', rule: 'virus', sent: [] });
    expect(sent).toEqual([]);
  });

  it('rejects, naming the bucket and key, when the raw message is not in S3', async () => {
    const event = sesEvent({ messageId: 'missing0000000000000000000000000000000000', recipients: [INBOX] });
    await expect(handler(event, lambdaContext())).rejects.toThrow(
      `bucket ${BUCKET}, key ${PREFIX}missing0000000000000000000000000000000000`,
    );
  });
});

/** Runs `count` handlers at once, each on its own message from `spec`, and what they sent. */
async function simultaneously(
  handler: SesHandler,
  specs: MailSpec[],
): Promise<{ results: HandlerResult[]; sent: Array<{ to: string[] }> }> {
  const events = await Promise.all(specs.map((spec) => deliver(spec)));
  let results: HandlerResult[] = [];
  const sent = await sentDuring(aws.ses, async () => {
    results = await Promise.all(events.map((event) => handler(event, lambdaContext())));
  });
  return { results, sent };
}

const countBy = (values: string[]) => values.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});

describe('backscatter: answers go only where authentication vouches', () => {
  let handler: SesHandler;

  beforeAll(async () => {
    handler = createHandler(await environment());
  });

  it('sends nothing to a forged Reply-To when SPF and DKIM fail without DMARC: staff decide', async () => {
    const event = await deliver(
      { ...question('ceo@writer.example'), replyTo: 'victim@elsewhere.example' },
      { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' },
    );
    const { result, sent } = await handledWith(handler, event);
    expect(result).toMatchObject({ decision: 'escalate', rule: 'unauthenticated' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it('hands staff, unanswered, mail that failed DMARC at a domain whose policy is none; drops it under reject', async () => {
    // Dropped whatever the policy, a writer whose domain's own mail is not aligned yet reached nobody.
    const verdicts = { dmarc: 'FAIL', spf: 'PASS', dkim: 'PASS' } as const;
    const none = await handledWith(handler, await deliver(question('ana@writer.example'), verdicts, 'none'));
    expect(none.result).toMatchObject({ decision: 'escalate', rule: 'unauthenticated' });
    expect(none.sent.map((s) => s.to)).toEqual([[STAFF]]);
    const reject = await handledWith(handler, await deliver(question('bo@writer.example'), verdicts, 'reject'));
    expect(reject.result).toMatchObject({ decision: 'ignore', rule: 'dmarc-fail' });
    expect(reject.sent).toEqual([]);
  });

  it('sends nothing to an address a From field names before the one its sender holds: staff decide', async () => {
    // mailparser reads the first address, the sender's provider (which lets them send only as themselves) may
    // read the last, and DMARC passes for their common domain: before, victim@writer.example got the answer.
    const fromField = 'Jose <victim@writer.example> <mallory@writer.example>';
    const { result, sent } = await handledWith(handler, await deliver({ ...question('mallory@writer.example'), fromField }));
    expect(result).toMatchObject({ decision: 'escalate', rule: 'unauthenticated' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it('sends nothing to an address that the From field holds only as an encoded word: staff decide', async () => {
    // mailparser decodes it and reads victim@writer.example; in RFC 5322 the field holds no address at all.
    const fromField = '<=?utf-8?q?victim=40writer.example?=> (mallory@writer.example)';
    const { result, sent } = await handledWith(handler, await deliver({ ...question('mallory@writer.example'), fromField }));
    expect(result).toMatchObject({ decision: 'escalate', rule: 'unauthenticated' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  /**
   * A message alice@writer.example signed (DKIM, d=writer.example) and sent to someone else, which that
   * someone delivers again to the inbox from their own server (a DKIM replay): the signature still
   * passes, and DMARC with it, but SPF fails for writer.example. `signedTo` is the To field the signature
   * covers; `fields` are fields the replayer adds above it, where no signature reaches.
   */
  async function replayed(
    signedTo: string,
    fields: string[] = [],
    // A writer of its own for each test unless given: the daily limit of one would otherwise decide a later test.
    writer = `alice.${randomBytes(4).toString('hex')}@writer.example`,
  ): Promise<{ event: SESEvent; writer: string }> {
    const messageId = randomBytes(20).toString('hex');
    const signs = 'from:to:subject:date:message-id';
    const raw = Buffer.from(
      [
        'Return-Path: <mallory@attacker.example>',
        'Authentication-Results: amazonses.com;',
        ' spf=fail (spfCheck: domain of attacker.example does not designate 192.0.2.7 as permitted sender) client-ip=192.0.2.7; envelope-from=mallory@attacker.example; helo=mx.attacker.example;',
        ' dkim=pass header.i=@writer.example;',
        ' dmarc=pass header.from=writer.example;',
        ...fields,
        `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=writer.example; s=s1;`,
        ` h=${signs}; bh=Qfe63doCgarLAu72DFgPFsmMpzp1GmM7JB9ComTRw8k=;`,
        ' b=U6EpGWpdmbL6EKJD4iyAWwdqjM6PstFTkv9Ntv5ogE5R4m3N8QDLDur+ePJbZA0JzAS/uwcic31M2kKW',
        `From: Alice Writer <${writer}>`,
        `To: ${signedTo}`,
        'Subject: OIN fees',
        `Message-ID: <${messageId}@writer.example>`,
        'Date: Mon, 2 Mar 2026 09:00:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        question(writer).body,
        '',
      ].join('\r\n'),
    );
    await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
    const verdicts = { spf: 'FAIL', dkim: 'PASS', dmarc: 'PASS' } as const;
    return { event: sesEvent({ messageId, recipients: [INBOX], source: 'mallory@attacker.example', verdicts, raw }), writer };
  }

  it('sends nothing to the writer of a signed message to someone else that its recipient delivers again to the inbox', async () => {
    // Before: alice got our answer, though she never wrote to us; anyone holding a signed message of hers could have us write to her.
    const { result, sent } = await handledWith(handler, (await replayed('Mallory <mallory@attacker.example>')).event);
    expect(result).toMatchObject({ decision: 'escalate', rule: 'unauthenticated' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it.each([
    // DKIM covers the last field of a name it lists; one above it is nobody's word.
    ['a To field above the signed one', [`To: ${INBOX}`]],
    ['a Cc field the signature does not list', [`Cc: ${INBOX}`]],
  ])('sends nothing to the writer of such a message when the replayer adds %s naming the inbox', async (_what, fields) => {
    const { event } = await replayed('Mallory <mallory@attacker.example>', fields);
    const { result, sent } = await handledWith(handler, event);
    expect(result).toMatchObject({ decision: 'escalate', rule: 'unauthenticated' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it('sends nothing to the writer of such a message whose signed To names the inbox only as an encoded word', async () => {
    // Before: mailparser decodes it, and alice got our answer; her server read no address there and sent us nothing.
    // A replayer who writes it in mail to alice has it copied into her signed Reply All.
    const { event } = await replayed(`Dev <=?utf-8?q?${INBOX.replace('@', '=40')}?=>`);
    const { result, sent } = await handledWith(handler, event);
    expect(result).toMatchObject({ decision: 'escalate', rule: 'unauthenticated' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it('answers a signed message whose signature covers the To field naming the inbox, though SPF fails (a forwarder)', async () => {
    const { event, writer } = await replayed(INBOX);
    const { result, sent } = await handledWith(handler, event);
    expect(result).toMatchObject({ decision: 'answer', rule: 'matched' });
    expect(sent.map((s) => s.to)).toEqual([[writer]]);
  });

  it("counts such messages apart from the writer's own mail to staff, so that replays cannot have it held", async () => {
    const handler = receivedAtOnce(createHandler(await environment({ FAQMAIL_SENDER_DAILY_ESCALATIONS: '1' })));
    const writer = `alice.${randomBytes(4).toString('hex')}@writer.example`;
    const results: HandlerResult[] = [];
    for (let i = 0; i < 2; i++) results.push(await handler((await replayed('bob@attacker.example', [], writer)).event, lambdaContext()));
    const own = await handledWith(handler, await deliver(unanswerable(writer)));
    expect(results.map((r) => r.rule)).toEqual(['unauthenticated', 'escalation-cap']);
    // Before: the replays took the writer's one escalation and the notice, and their own question was held.
    expect(own.result).toMatchObject({ decision: 'escalate', rule: 'no-match' });
    expect(own.sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it('answers From, not a Reply-To of another organization, when DMARC passes', async () => {
    const event = await deliver({ ...question('kim@writer.example'), replyTo: 'list@elsewhere.example' });
    const sent = await sentDuring(aws.ses, () => handler(event, lambdaContext()));
    expect(sent.map((s) => s.to)).toEqual([['kim@writer.example']]);
  });
});

describe('limits under concurrency', () => {
  it('answers exactly the per-sender limit when twelve messages from one sender arrive at once', async () => {
    const handler = createHandler(await environment({ FAQMAIL_SENDER_DAILY_ESCALATIONS: '100' }));
    const { results, sent } = await simultaneously(
      handler,
      Array.from({ length: 12 }, () => question('lee@writer.example')),
    );
    expect(countBy(results.map((r) => r.rule))).toEqual({ matched: 3, 'sender-limit': 9 });
    expect(countBy(sent.map((s) => s.to.join()))).toEqual({ 'lee@writer.example': 3, [STAFF]: 9 });
  });

  it('forwards ten messages from one sender as 3 answers, 2 escalations and one notice, and holds the rest', async () => {
    const env = await environment({ FAQMAIL_SENDER_DAILY_ESCALATIONS: '2' });
    const handler = receivedAtOnce(createHandler(env));
    const { results, sent } = await simultaneously(
      handler,
      Array.from({ length: 10 }, () => question('max@writer.example')),
    );
    expect(countBy(sent.map((s) => s.to.join()))).toEqual({ 'max@writer.example': 3, [STAFF]: 3 });
    expect(countBy(results.map((r) => `${r.decision}:${r.rule}`))).toEqual({
      'answer:matched': 3,
      'escalate:sender-limit': 2,
      'escalate:escalation-cap': 1,
      'ignore:escalation-cap': 4,
    });
    const items = await stateItems(env);
    const senderDay = items.find((item) => String(item.pk).startsWith('escalations#'));
    expect((senderDay?.held as Set<string>).size).toBe(4);
  });

  it("forwards no more than the hourly cap of hand-overs across senders, then one notice, holds the rest, gives their senders' slots back, and the digest lists them", async () => {
    const env = await environment({ FAQMAIL_HOURLY_ESCALATION_LIMIT: '2' });
    const handler = receivedAtOnce(createHandler(env));
    // One domain of the sender's, an address of its own for each message: every one under its own sender's cap.
    const flood = [];
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      flood.push(await handledWith(handler, await deliver(unanswerable(`${name}@flood.example`))));
    // Before: all five went to staff.
    expect(flood.map(({ result }) => `${result.decision}:${result.rule}`)).toEqual([
      'escalate:no-match',
      'escalate:no-match',
      'escalate:hourly-escalation-cap',
      'ignore:hourly-escalation-cap',
      'ignore:hourly-escalation-cap',
    ]);
    expect(flood.map(({ sent }) => sent.map((s) => s.to.join()))).toEqual([[STAFF], [STAFF], [STAFF], [], []]);
    expect((flood[2].sent[0].mail.text ?? '').replace(/\s+/g, ' ')).toContain(
      'further hand-overs this hour, from any sender, are held in S3 and listed in the digest',
    );
    const decisions = new DecisionStore({
      documents: localDocuments(aws.dynamodb.endpoint),
      table: env.FAQMAIL_STATE_TABLE,
      retentionDays: 90,
    });
    expect(await decisions.get(flood[4].result.sesMessageId)).toMatchObject({
      kind: 'ignore',
      rule: 'hourly-escalation-cap',
      beforeCap: 'no-match',
    });

    const items = await stateItems(env);
    const hour = items.find((item) => String(item.pk).startsWith('handovers#'));
    expect([...(hour?.held as Set<string>)].sort()).toEqual([flood[3].result.sesMessageId, flood[4].result.sesMessageId].sort());
    // The senders whose hand-over the hour refused have their day's slot back: nothing was forwarded for them.
    const senderDays = items.filter((item) => String(item.pk).startsWith('escalations#'));
    expect(senderDays.map((day) => (day.forwarded as Set<string> | undefined)?.size ?? 0).sort()).toEqual([0, 0, 0, 1, 1]);

    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const digest = (await sentDuring(aws.ses, () => createDigestHandler(env, () => tomorrow)()))[0].mail.text ?? '';
    expect(digest).toMatch(/Held by the hourly escalation cap \(forwarded to no one\):\s+2 \(before: 0\)/);
    expect(digest).toContain('Held by the hourly escalation cap, by the rule that would have handed over:\n\n- no-match: 2 (before: 0)');
    expect(digest).not.toContain('Held by the escalation cap');
  });

  it("answers no more than the hourly limit across senders, and gives the refused writers' slots back", async () => {
    const env = await environment({ FAQMAIL_HOURLY_ANSWER_LIMIT: '2' });
    const handler = receivedAtOnce(createHandler(env));
    const writers = ['nia@writer.example', 'oz@writer.example', 'pat@writer.example', 'quin@writer.example'];
    const { results, sent } = await simultaneously(handler, writers.map(question));
    expect(countBy(results.map((r) => r.rule))).toEqual({ matched: 2, 'hourly-limit': 2 });
    expect(sent.filter((s) => s.to[0] === STAFF)).toHaveLength(2);
    const windows = (await stateItems(env)).filter((item) => String(item.pk).startsWith('sender#'));
    expect(windows.map((w) => Object.keys(w.replies as object).length).sort()).toEqual([0, 0, 1, 1]);
  });
});

describe('failed attempts and retries', () => {
  /** Endpoints whose send fails before the request is written. */
  const NOT_SENT: Array<[string, () => Promise<{ endpoint: string; stop: () => Promise<void> }>]> = [
    ['SES cannot be reached', async () => ({ endpoint: `http://127.0.0.1:${await closedPort()}`, stop: () => Promise.resolve() })],
    [
      'the connection to SES closes during the TLS handshake',
      async () => {
        const cut = await tcpService((socket) => socket.once('data', () => socket.end()));
        return { endpoint: `https://127.0.0.1:${cut.port}`, stop: cut.stop };
      },
    ],
  ];

  it.each(NOT_SENT)('rejects when %s, leaves nothing marked done, and a retry sends exactly one reply', async (_why, failing) => {
    const down = await failing();
    const env = await environment({ FAQMAIL_SES_ENDPOINT: down.endpoint });
    const event = await deliver(question(`f${randomBytes(3).toString('hex')}@writer.example`));

    const sesDown = createHandler(env);
    // Before, a send cut off in the TLS handshake left its marker "sending": the retry held the answer back as uncertain.
    await expect(sesDown(event, lambdaContext()))
      .rejects.toThrow(/Sending the reply .* through SES failed/)
      .finally(() => down.stop());
    // No processed record (the utility deleted it), no send marker (released: SES never took
    // the mail); the answer's reservations stay (SES may have accepted a mail whose call failed),
    // for the retry to take again, beside the attempt count and the Message-ID claim.
    expect((await stateItems(env)).map((item) => String(item.pk).split('#')[0]).sort()).toEqual([
      'answers',
      'attempts',
      'message',
      'sender',
    ]);

    const retry = createHandler({ ...env, FAQMAIL_SES_ENDPOINT: aws.ses.endpoint });
    const sent = await sentDuring(aws.ses, () => retry(event, lambdaContext()));
    expect(sent.map((s) => s.to)).toEqual([[event.Records[0].ses.mail.source]]);
    const window = (await stateItems(env)).find((item) => String(item.pk).startsWith('sender#'));
    expect(Object.keys(window?.replies as object)).toEqual([event.Records[0].ses.mail.messageId]);
  });

  it('sends the reply once when the escalation fails after it, and the retry decides as the first attempt did', async () => {
    const relay = await sesRejecting(({ destinations }) => destinations.includes(STAFF));
    try {
      const env = await environment({ FAQMAIL_SES_ENDPOINT: relay.endpoint });
      const handler = createHandler(env);
      // Two answers already: the reply below is the sender's third and last for the day.
      for (let i = 0; i < 2; i++) await handler(await deliver(question('gus@writer.example')), lambdaContext());
      const event = await deliver({
        from: 'gus@writer.example',
        subject: 'OIN fees and our listing',
        body: 'Hi, is there a cost associated with joining the OIN? Also, could you please check on our listing submission?\r\n\r\nThanks, Gus',
      });

      const firstAttempt = await sentDuring(aws.ses, () =>
        expect(handler(event, lambdaContext())).rejects.toThrow(/Sending the escalation .* through SES failed/),
      );
      expect(firstAttempt.map((s) => s.to)).toEqual([['gus@writer.example']]);

      relay.rejecting = false;
      const { result, sent: retried } = await handledWith(handler, event);
      expect(result).toMatchObject({ decision: 'answer-and-escalate', rule: 'needs-person' });
      expect(retried.map((s) => s.to)).toEqual([[STAFF]]);
      // The reply the first attempt sent is the one recorded, and counted once.
      expect(result?.sent.map((s) => s.kind)).toEqual(['reply', 'escalation']);
      const senders = (await stateItems(env)).filter((item) => String(item.pk).startsWith('sender#'));
      expect(senders).toHaveLength(1);
      expect(Object.keys(senders[0].replies as object)).toHaveLength(3);
      expect(senders[0].replies).toHaveProperty([event.Records[0].ses.mail.messageId]);
    } finally {
      await relay.stop();
    }
  });
});

/**
 * What a fault proxy does with one request: pass it on, refuse it, throttle it (SES), fail it as SES's own
 * fault without passing it on (`server-error`: a 500, which says nothing of whether the mail went), or pass
 * it on and lose the answer.
 */
type Fault = 'refuse' | 'throttle' | 'server-error' | 'lose-answer' | undefined;

/** SES's answer when it throttles a send (the sending rate, the daily quota): a 400 that is no refusal of the mail. */
const SES_THROTTLED = {
  status: 400,
  type: 'text/xml',
  body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Maximum sending rate exceeded.</Message></Error></ErrorResponse>',
};

/** SES's answer when it fails on its side (InternalFailure): a 500, after which the mail may or may not have gone. */
const SES_INTERNAL_FAILURE = {
  status: 500,
  type: 'text/xml',
  body: '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>injected failure</Message></Error></ErrorResponse>',
};

/** The error each service answers a refused request with (not one the SDK retries). */
const REFUSALS: Record<'dynamodb' | 's3' | 'ses', { status: number; type: string; body: string }> = {
  dynamodb: {
    status: 400,
    type: 'application/x-amz-json-1.0',
    body: '{"__type":"com.amazon.coral.validate#ValidationException","message":"injected failure"}',
  },
  s3: { status: 403, type: 'application/xml', body: '<Error><Code>AccessDenied</Code><Message>injected failure</Message></Error>' },
  ses: {
    status: 400,
    type: 'text/xml',
    body: '<ErrorResponse><Error><Type>Sender</Type><Code>MessageRejected</Code><Message>injected failure</Message></Error></ErrorResponse>',
  },
};

/**
 * A relay in front of one stand-in that injects a failure into the requests `fault` picks:
 * refused outright, or passed on and then answered with a 500 as if the connection dropped
 * after the service acted (the case that makes duplicates).
 */
async function faultProxy(
  service: keyof typeof REFUSALS,
  target: string,
): Promise<{ endpoint: string; fault: (request: { target: string; body: string }) => Fault; stop: () => Promise<void> }> {
  const upstreamUrl = new URL(target);
  const proxy = {
    endpoint: '',
    fault: (() => undefined) as (request: { target: string; body: string }) => Fault,
    stop: (): Promise<void> => Promise.resolve(),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const fault = proxy.fault({
        target: `${request.method} ${request.url} ${String(request.headers['x-amz-target'] ?? '')}`,
        body: body.toString(),
      });
      const refusal = REFUSALS[service];
      if (fault === 'refuse' || fault === 'throttle' || fault === 'server-error') {
        const answer = fault === 'throttle' ? SES_THROTTLED : fault === 'server-error' ? SES_INTERNAL_FAILURE : refusal;
        response.writeHead(answer.status, { 'content-type': answer.type });
        response.end(answer.body);
        return;
      }
      const upstream = http.request(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, method: request.method, path: request.url, headers: request.headers },
        (answer) => {
          if (fault === 'lose-answer') {
            answer.resume();
            answer.on('end', () => {
              response.writeHead(500, { 'content-type': refusal.type });
              response.end(refusal.body.replace('injected failure', 'connection lost after the service acted'));
            });
            return;
          }
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

/** Runs the event as Lambda does: up to three attempts, until one succeeds. Returns how many failed. */
async function asLambdaRuns(
  handler: SesHandler,
  event: SESEvent,
  afterFirst: () => void = () => undefined,
): Promise<{ failed: number; result?: HandlerResult }> {
  let failed = 0;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return { failed, result: await handler(event, lambdaContext()) };
    } catch {
      failed += 1;
      if (attempt === 1) afterFirst();
    }
  }
  return { failed };
}

/** Runs the event as Lambda does (`asLambdaRuns`), and what was sent meanwhile. */
async function asLambdaRunsSending(
  handler: SesHandler,
  event: SESEvent,
): Promise<{ runs: { failed: number; result?: HandlerResult }; sent: Array<{ to: string[]; mail: ParsedMail }> }> {
  let runs: { failed: number; result?: HandlerResult } = { failed: 0 };
  const sent = await sentDuring(aws.ses, async () => {
    runs = await asLambdaRuns(handler, event);
  });
  return { runs, sent };
}

/** Runs the event on each of Lambda's three attempts, however they end: what those that failed threw, and what was sent. */
async function everyAttempt(
  handler: SesHandler,
  event: SESEvent,
): Promise<{ errors: string[]; sent: Array<{ to: string[]; mail: ParsedMail }> }> {
  const errors: string[] = [];
  const sent = await sentDuring(aws.ses, async () => {
    for (let attempt = 1; attempt <= 3; attempt++)
      await handler(event, lambdaContext()).catch((error: Error) => errors.push(error.message));
  });
  return { errors, sent };
}

/** Deletes the raw message SES stored under `sesMessageId`, as the bucket's lifecycle expires it. */
async function forget(sesMessageId: string): Promise<void> {
  await aws.s3Client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${sesMessageId}` }));
}

/**
 * Runs the event as Lambda does, expecting two failed attempts and, on the last, the hand-over that
 * shows nothing of the message, to staff alone; returns what was sent.
 */
async function noticeOnLastAttempt(handler: SesHandler, event: SESEvent): Promise<Array<{ to: string[]; mail: ParsedMail }>> {
  let runs: { failed: number; result?: HandlerResult } = { failed: 0 };
  const sent = await sentDuring(aws.ses, async () => {
    runs = await asLambdaRuns(handler, event);
  });
  expect(runs).toMatchObject({ failed: 2, result: { decision: 'escalate', rule: 'processing-failed' } });
  expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
  expect(sent[0].mail.subject).toBe('[faqmail] Needs a person: message not shown here');
  return sent;
}

describe('a failure injected at each step', () => {
  let proxies: Array<Awaited<ReturnType<typeof faultProxy>>>;
  let env: Record<string, string>;
  let handler: SesHandler;
  let dynamo: Awaited<ReturnType<typeof faultProxy>>;
  let s3Proxy: Awaited<ReturnType<typeof faultProxy>>;
  let sesProxy: Awaited<ReturnType<typeof faultProxy>>;

  beforeAll(async () => {
    [dynamo, s3Proxy, sesProxy] = await Promise.all([
      faultProxy('dynamodb', aws.dynamodb.endpoint),
      faultProxy('s3', aws.s3.endpoint),
      faultProxy('ses', aws.ses.endpoint),
    ]);
    proxies = [dynamo, s3Proxy, sesProxy];
    env = await environment({
      FAQMAIL_DYNAMODB_ENDPOINT: dynamo.endpoint,
      FAQMAIL_S3_ENDPOINT: s3Proxy.endpoint,
      FAQMAIL_SES_ENDPOINT: sesProxy.endpoint,
    });
    handler = createHandler(env);
  });
  afterEach(() => {
    for (const proxy of proxies) proxy.fault = () => undefined;
  });
  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.stop()));
  });

  const dynamoCall = (operation: string, key: string) => (request: { target: string; body: string }) =>
    request.target.endsWith(`.${operation}`) && request.body.includes(key);
  /** The steps after which a retry cannot tell whether SES sent the answer: it is not sent again, and staff are told. */
  const UNCERTAIN_STEPS = new Set([
    'sending (SES takes the mail, the answer is lost)',
    'marking the mail sent',
    'marking the mail sent and recording the answer, both at once',
  ]);

  /** Each step of one answered message, and how to make it fail on the first attempt. */
  const STEPS: Array<[string, () => void]> = [
    ['reading the message from S3', () => (s3Proxy.fault = (r) => (r.target.startsWith('GET') ? 'refuse' : undefined))],
    ['counting the attempt', () => (dynamo.fault = (r) => (dynamoCall('UpdateItem', '"attempts#')(r) ? 'refuse' : undefined))],
    ["reserving the writer's answer", () => (dynamo.fault = (r) => (dynamoCall('PutItem', '"sender#')(r) ? 'refuse' : undefined))],
    [
      "reserving the writer's answer (the write takes effect, its answer is lost)",
      () => (dynamo.fault = (r) => (dynamoCall('PutItem', '"sender#')(r) ? 'lose-answer' : undefined)),
    ],
    ['claiming the Message-ID', () => (dynamo.fault = (r) => (dynamoCall('PutItem', '"message#')(r) ? 'refuse' : undefined))],
    ['writing the "sending" marker', () => (dynamo.fault = (r) => (dynamoCall('PutItem', '"sending"')(r) ? 'refuse' : undefined))],
    ['sending (SES refuses)', () => (sesProxy.fault = () => 'refuse')],
    ['sending (SES takes the mail, the answer is lost)', () => (sesProxy.fault = () => 'lose-answer')],
    ['marking the mail sent', () => (dynamo.fault = (r) => (dynamoCall('UpdateItem', '"sent#')(r) ? 'refuse' : undefined))],
    ['recording the answer', () => (dynamo.fault = (r) => (dynamoCall('PutItem', '"answer#')(r) ? 'refuse' : undefined))],
    [
      'marking the mail sent and recording the answer, both at once',
      () => (dynamo.fault = (r) => (dynamoCall('UpdateItem', '"sent#')(r) || dynamoCall('PutItem', '"answer#')(r) ? 'refuse' : undefined)),
    ],
    ['recording the decision', () => (dynamo.fault = (r) => (dynamoCall('PutItem', '"decision#')(r) ? 'refuse' : undefined))],
    [
      'completing the idempotency record',
      () => (dynamo.fault = (r) => (dynamoCall('UpdateItem', '"COMPLETED"')(r) ? 'refuse' : undefined)),
    ],
  ];

  it.each(STEPS)('%s: the writer gets at most one answer, and someone always gets the message', async (_step, inject) => {
    const writer = `w${randomBytes(3).toString('hex')}@writer.example`;
    const event = await deliver(question(writer));
    inject();
    let runs: { failed: number; result?: HandlerResult } = { failed: 0 };
    const sent = await sentDuring(aws.ses, async () => {
      runs = await asLambdaRuns(handler, event, () => {
        for (const proxy of proxies) proxy.fault = () => undefined;
      });
    });
    const toWriter = sent.filter((s) => s.to.includes(writer)).length;
    const toStaff = sent.filter((s) => s.to.includes(STAFF)).length;
    // Figures for the report: which step, attempts failed, mails to the writer and to staff.
    process.stdout.write(`injected at ${_step}: ${runs.failed} failed attempt(s), ${toWriter} to the writer, ${toStaff} to staff\n`);
    expect(runs.result).toBeDefined();
    expect(toWriter).toBeLessThanOrEqual(1);
    expect(toWriter + toStaff).toBeGreaterThanOrEqual(1);
    // The steps that leave it open whether the answer went out (SES took it, its "sent" mark was not written): staff are
    // told, and only then. (Before, this was checked only when the writer got nothing, which no step brings about.)
    expect(toWriter).toBe(1);
    const staffMail = sent.find((s) => s.to.includes(STAFF))?.mail;
    if (UNCERTAIN_STEPS.has(_step)) {
      expect(toStaff).toBe(1);
      expect(staffMail?.text?.replace(/\s+/g, ' ')).toContain('faqmail rule: answer-uncertain');
    } else expect(toStaff).toBe(0);
  });

  it('retries a hand-over that SES throttled rather than send the notice that shows nothing of the message', async () => {
    const writer = `t${randomBytes(3).toString('hex')}@writer.example`;
    const event = await deliver(question(writer));
    // The first attempt's answer is taken and its answer lost; the second attempt's hand-over of that is throttled once.
    sesProxy.fault = () => 'lose-answer';
    let throttled = 0;
    const sent = await sentDuring(aws.ses, async () => {
      const runs = await asLambdaRuns(handler, event, () => (sesProxy.fault = () => (throttled++ === 0 ? 'throttle' : undefined)));
      // Before: the throttled hand-over was taken for a refusal of the mail, and the bare notice went at once.
      expect(runs).toMatchObject({ failed: 2, result: { decision: 'answer', rule: 'matched' } });
    });
    const toStaff = sent.filter((s) => s.to.includes(STAFF));
    expect(toStaff).toHaveLength(1);
    expect(toStaff[0].mail.subject).not.toBe('[faqmail] Needs a person: message not shown here');
    expect(toStaff[0].mail.text?.replace(/\s+/g, ' ')).toContain('faqmail rule: answer-uncertain');
  });

  it('sends the notice that shows nothing of the message when SES still throttles the hand-over with no retry left', async () => {
    const event = await deliver(unanswerable(`l${randomBytes(3).toString('hex')}@writer.example`));
    // Each attempt's hand-over, then the last attempt's processing-failed one: only the notice gets through.
    let sends = 0;
    sesProxy.fault = () => (sends++ < 4 ? 'throttle' : undefined);
    const sent = await noticeOnLastAttempt(handler, event);
    expect(sent[0].mail.text).toContain('The hand-over that showed the message did not go, with no retry left');
  });

  it('sends the notice on the last attempt when SES fails the hand-over on its side, rather than leave the event to the queue', async () => {
    const event = await deliver(unanswerable(`i${randomBytes(3).toString('hex')}@writer.example`));
    // Each attempt's hand-over (the second and third send it again: it may not have gone), then the last attempt's
    // processing-failed one: SES answers each with a 500, and takes the notice.
    let sends = 0;
    sesProxy.fault = () => (sends++ < 4 ? 'server-error' : undefined);
    // Before: a send that may have gone was not followed by the notice, and the event went to the dead-letter queue.
    const sent = await noticeOnLastAttempt(handler, event);
    expect(sent[0].mail.text?.replace(/\s+/g, ' ')).toContain(
      'The hand-over that showed the message may not have gone (SES did not confirm it: if it reached you, ' +
        'this is the same message again), with no retry left',
    );
  });

  it("hands staff the writer's reply to an answer held back as uncertain, though only its threading fields name our answer", async () => {
    const writer = `u${randomBytes(3).toString('hex')}@writer.example`;
    const event = await deliver(question(writer));
    sesProxy.fault = () => 'lose-answer';
    const runs = await asLambdaRuns(handler, event, () => (sesProxy.fault = () => undefined));
    expect(runs).toMatchObject({ failed: 1, result: { decision: 'answer', rule: 'matched' } });
    // SES took the answer, so the writer has it under the Message-ID SES gave it, which the function never learnt.
    const answer = aws.ses.sentRaw().find((s) => s.destinations.includes(writer));
    const ourAnswer = sesMessageIdHeader(answer!.messageId, 'us-east-1');
    // As a mail client writes a reply: In-Reply-To our answer, References our answer's References and its Message-ID.
    const reply = await deliver({
      from: writer,
      subject: 'Re: OIN fees',
      body: 'Thanks. And is there a cost associated with joining the OIN for a second app?',
      inReplyTo: ourAnswer,
      references: `<${event.Records[0].ses.mail.messageId}@writer.example> ${ourAnswer}`,
    });
    // Before: no answer record was written for an uncertain answer, so this reply was answered automatically.
    const { result, sent } = await handledWith(handler, reply);
    expect(result).toMatchObject({ decision: 'escalate', rule: 'follow-up' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
    // Recorded as possibly sent, not as sent: no time it went out, and the decision names no answer of ours.
    const inboundId = event.Records[0].ses.mail.messageId;
    const held = (await stateItems(env)).find((item) => item.pk === `answer#${inboundId}@writer.example`);
    expect(held).toMatchObject({ inboundId, uncertain: true });
    expect(held).not.toHaveProperty('sentAt');
    const decisions = new DecisionStore({
      documents: localDocuments(aws.dynamodb.endpoint),
      table: env.FAQMAIL_STATE_TABLE,
      retentionDays: 90,
    });
    expect(await decisions.get(inboundId)).not.toHaveProperty('replyMessageId');
  });

  it("hands staff the writer's reply to an answer the last attempt sent without SES's answer, which no retry records", async () => {
    const writer = `z${randomBytes(3).toString('hex')}@writer.example`;
    const event = await deliver(question(writer));
    // The first two attempts fail reading S3; the last sends the answer, which SES takes, and its answer is lost.
    let reads = 0;
    s3Proxy.fault = (r) => (r.target.startsWith('GET') && reads++ < 2 ? 'refuse' : undefined);
    sesProxy.fault = (r) => (r.body.includes(encodeURIComponent(writer)) ? 'lose-answer' : undefined);
    const { runs, sent } = await asLambdaRunsSending(handler, event);
    expect(runs).toMatchObject({ failed: 2, result: { decision: 'escalate', rule: 'processing-failed' } });
    expect(sent.map((s) => s.to)).toEqual([[writer], [STAFF]]);
    // Before: 'An earlier attempt began sending', though this attempt, the last, was the one that began it.
    const handOver = (sent[1].mail.text ?? '').replace(/\s+/g, ' ');
    expect(handOver).not.toContain('An earlier attempt');
    expect(handOver).toContain('Sending the writer the automatic answer began and stopped: SES may or may not have sent it.');
    sesProxy.fault = () => undefined;
    const ourAnswer = sesMessageIdHeader(aws.ses.sentRaw().find((s) => s.destinations.includes(writer))!.messageId, 'us-east-1');
    const reply = await deliver({
      from: writer,
      subject: 'Re: OIN fees',
      body: 'Thanks. And is there a cost associated with joining the OIN for a second app?',
      inReplyTo: ourAnswer,
      references: `<${event.Records[0].ses.mail.messageId}@writer.example> ${ourAnswer}`,
    });
    // Before: only a retry recorded an answer left uncertain, and the last attempt has none, so this reply was answered automatically.
    const { result, sent: toReply } = await handledWith(handler, reply);
    expect(result).toMatchObject({ decision: 'escalate', rule: 'follow-up' });
    expect(toReply.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it("hands over nothing for a bounce report returning the writer's own Message-ID, under which an uncertain answer is recorded", async () => {
    const writer = `r${randomBytes(3).toString('hex')}@writer.example`;
    const event = await deliver(question(writer));
    sesProxy.fault = () => 'lose-answer';
    const runs = await asLambdaRuns(handler, event, () => (sesProxy.fault = () => undefined));
    expect(runs).toMatchObject({ failed: 1, result: { decision: 'answer', rule: 'matched' } });
    // No report of our answer returns the writer's Message-ID (ours has its own): this one returns a mail of the writer's.
    const report = await deliverBounce(writer, `<${event.Records[0].ses.mail.messageId}@writer.example>`);
    const { result, sent } = await handledWith(handler, report);
    expect(result).toMatchObject({ decision: 'ignore' });
    expect(sent).toEqual([]);
  });

  it.each([
    ['the link from our staff mail to the decision', '"staffmail#'],
    ['the decision record', '"decision#'],
  ])('an escalation whose write of %s fails is retried: staff get it once, and both are written', async (_what, key) => {
    const writer = `e${randomBytes(3).toString('hex')}@writer.example`;
    const event = await deliver(unanswerable(writer));
    dynamo.fault = (r) => (dynamoCall('PutItem', key)(r) ? 'refuse' : undefined);
    let runs: { failed: number; result?: HandlerResult } = { failed: 0 };
    const sent = await sentDuring(aws.ses, async () => {
      runs = await asLambdaRuns(handler, event, () => (dynamo.fault = () => undefined));
    });
    expect(runs).toMatchObject({ failed: 1, result: { decision: 'escalate', rule: 'no-match' } });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
    const decisions = new DecisionStore({
      documents: localDocuments(aws.dynamodb.endpoint),
      table: env.FAQMAIL_STATE_TABLE,
      retentionDays: 90,
    });
    const record = await decisions.get(event.Records[0].ses.mail.messageId);
    expect(record?.staffMessageId).toBe(sesMessageIdHeader(runs.result!.sent[0].sesMessageId, 'us-east-1'));
    expect(await decisions.staffMailRepliedTo([record!.staffMessageId!])).toBe(record?.inboundId);
  });

  it('makes these calls for an answered message from a new writer, the writes after the send at once', async () => {
    const calls: string[] = [];
    dynamo.fault = (r) => {
      const key = /"pk":\{"S":"([a-z]+)#/.exec(r.body)?.[1] ?? (r.body.includes('RequestItems') ? 'batch' : '?');
      calls.push(`${r.target.split('.').pop()} ${key}`);
      return undefined;
    };
    await handler(await deliver(question(`n${randomBytes(3).toString('hex')}@writer.example`)), lambdaContext());
    // The writes after the send are started together; their order on the wire is not fixed.
    expect([...calls.slice(0, 6), calls.slice(6, 9).sort(), ...calls.slice(9)]).toEqual([
      'PutItem processed',
      'UpdateItem attempts',
      'PutItem message',
      'PutItem sender',
      'UpdateItem answers',
      'PutItem sent',
      ['PutItem answer', 'PutItem decision', 'UpdateItem sent'],
      'UpdateItem processed',
    ]);
  });

  /**
   * The mode redeployed between two attempts at one message (an attempt failed after its mail went, the retry runs
   * the new version): the retry finishes it in the first attempt's mode, so that the writer never gets an answer
   * after staff were shown it as a proposal, nor staff a proposal saying nothing was sent after the writer got it.
   */
  it.each([
    ['shadow', 'auto'],
    ['auto', 'shadow'],
  ])('a message first tried in %s mode and retried in %s mode is finished as it began', async (first, then) => {
    const writer = `m${randomBytes(3).toString('hex')}@writer.example`;
    const event = await deliver(question(writer));
    const inboundId = event.Records[0].ses.mail.messageId;
    dynamo.fault = (r) => (dynamoCall('PutItem', '"decision#')(r) ? 'refuse' : undefined);
    const before = await sentDuring(aws.ses, () =>
      expect(createHandler({ ...env, FAQMAIL_MODE: first })(event, lambdaContext())).rejects.toThrow(),
    );
    dynamo.fault = () => undefined;
    expect(before.map((s) => s.to)).toEqual([first === 'shadow' ? [STAFF] : [writer]]);

    // Before: the retry decided in the new mode, so a proposal was followed by the answer itself (shadow, then auto),
    // or the answer by a proposal telling staff that nothing was sent (auto, then shadow).
    let retried: { result: HandlerResult; sent: unknown[] } | undefined;
    const warnings = await warningsDuring(async () => {
      retried = await handledWith(createHandler({ ...env, FAQMAIL_MODE: then }), event);
    });
    const { result, sent } = retried!;
    expect(sent).toEqual([]);
    expect(warnings).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/another mode/), mode: first, deployed: then }),
    );
    expect(result).toMatchObject({ decision: 'answer', ...(first === 'shadow' ? { heldBack: true } : {}) });
    if (first === 'auto') expect(result).not.toHaveProperty('heldBack');
    const decisions = new DecisionStore({
      documents: localDocuments(aws.dynamodb.endpoint),
      table: env.FAQMAIL_STATE_TABLE,
      retentionDays: 90,
    });
    const record = await decisions.get(inboundId);
    expect(record?.heldBack).toBe(first === 'shadow' ? true : undefined);
    expect(Boolean(record?.replyMessageId)).toBe(first === 'auto');
  });

  it('runs a dead letter invoked again after shadow mode was deployed in shadow mode, though its first attempt ran in auto', async () => {
    const writer = `d${randomBytes(3).toString('hex')}@writer.example`;
    const event = await deliver(question(writer));
    // SES throttles every send: all three attempts fail, the hand-over of the last one too; the event is dead-lettered.
    sesProxy.fault = () => 'throttle';
    const runs = await asLambdaRuns(createHandler({ ...env, FAQMAIL_MODE: 'auto' }), event);
    expect(runs.failed).toBe(3);
    sesProxy.fault = () => undefined;
    // The operator deploys shadow mode to stop answers, then invokes the function with the dead letter's payload
    // (docs/operate.md). Before: the attempt record's mode (auto) ran it, and the writer was answered after the stop.
    const { result, sent } = await handledWith(createHandler({ ...env, FAQMAIL_MODE: 'shadow' }), event);
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
    expect(result).toMatchObject({ decision: 'answer', heldBack: true });
  });

  it('hands the message to staff with its original attached on the last attempt when SES refuses the answer every time', async () => {
    const writer = 'persistent@writer.example';
    const event = await deliver(question(writer));
    sesProxy.fault = (r) => (r.body.includes(encodeURIComponent(writer)) ? 'refuse' : undefined);
    let runs: { failed: number; result?: HandlerResult } = { failed: 0 };
    const sent = await sentDuring(aws.ses, async () => {
      runs = await asLambdaRuns(handler, event);
    });
    expect(runs).toMatchObject({ failed: 2, result: { decision: 'escalate', rule: 'processing-failed' } });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
    expect(sent[0].mail.text).toMatch(/attempt 3 of 3/);
    expect(sent[0].mail.attachments.map((a) => a.contentType)).toEqual(['message/rfc822']);
  });

  it('ends the event once the hand-over of the last attempt reached staff, though its send marker cannot be marked sent', async () => {
    const writer = `k${randomBytes(3).toString('hex')}@writer.example`;
    const event = await deliver(question(writer));
    sesProxy.fault = (r) => (r.body.includes(encodeURIComponent(writer)) ? 'refuse' : undefined);
    dynamo.fault = (r) => (dynamoCall('UpdateItem', '#processing-failed#0"')(r) ? 'refuse' : undefined);
    // Before: the attempt failed after staff had the mail, so the event went to the dead-letter queue (its alarm saying
    // processing failed), and invoking it again from there sent the hand-over a second time.
    const { runs, sent } = await asLambdaRunsSending(handler, event);
    expect(runs).toMatchObject({ failed: 2, result: { decision: 'escalate', rule: 'processing-failed' } });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it('tells staff on the last attempt that the writer already had the automatic answer, when the hand-over beside it failed', async () => {
    const writer = `b${randomBytes(3).toString('hex')}@writer.example`;
    const event = await deliver({
      from: writer,
      subject: 'OIN fees and our listing',
      body: 'Hi, is there a cost associated with joining the OIN? Also, could you please check on our listing submission?\r\n\r\nThanks',
    });
    dynamo.fault = (r) => (dynamoCall('PutItem', '#escalation#0"')(r) ? 'refuse' : undefined);
    let runs: { failed: number; result?: HandlerResult } = { failed: 0 };
    const sent = await sentDuring(aws.ses, async () => {
      runs = await asLambdaRuns(handler, event);
    });
    expect(runs).toMatchObject({ failed: 2, result: { rule: 'processing-failed' } });
    expect(sent.map((s) => s.to)).toEqual([[writer], [STAFF]]);
    // Before: 'No FAQ answer fits well enough, so nobody has answered yet. Please answer the writer', nothing of the answer sent.
    const text = (sent[1].mail.text ?? '').replace(/\s+/g, ' ');
    expect(text).not.toContain('nobody has answered');
    expect(text).toMatch(/The writer was sent the automatic answer already \(SES message [^)]+\)/);
  });

  it('does not tell staff an earlier attempt sent the writer the answer that the last attempt sent', async () => {
    const writer = `e${randomBytes(3).toString('hex')}@writer.example`;
    const event = await deliver(question(writer));
    // The first two attempts fail reading S3; the last sends the answer, and cannot record it.
    let reads = 0;
    s3Proxy.fault = (r) => (r.target.startsWith('GET') && reads++ < 2 ? 'refuse' : undefined);
    dynamo.fault = (r) => (dynamoCall('PutItem', '"answer#')(r) ? 'refuse' : undefined);
    const { runs, sent } = await asLambdaRunsSending(handler, event);
    expect(runs).toMatchObject({ failed: 2, result: { rule: 'processing-failed' } });
    expect(sent.map((s) => s.to)).toEqual([[writer], [STAFF]]);
    // Before: 'An earlier attempt sent the writer the automatic answer', though no earlier attempt sent anything.
    const text = (sent[1].mail.text ?? '').replace(/\s+/g, ' ');
    expect(text).not.toContain('An earlier attempt');
    expect(text).toContain(`The writer was sent the automatic answer already (SES message ${aws.ses.sentRaw().at(-2)?.messageId})`);
  });

  it('tells staff on the last attempt that an earlier attempt handed them the message already', async () => {
    const event = await deliver(unanswerable(`h${randomBytes(3).toString('hex')}@writer.example`));
    // The hand-over goes on the first attempt; its decision record cannot be written on any.
    dynamo.fault = (r) => (dynamoCall('PutItem', '"decision#')(r) ? 'refuse' : undefined);
    const { runs, sent } = await asLambdaRunsSending(handler, event);
    expect(runs).toMatchObject({ failed: 2, result: { rule: 'processing-failed' } });
    expect(sent.map((s) => s.to)).toEqual([[STAFF], [STAFF]]);
    // Before: nothing in the second said that staff had the message already, and two of them might each answer the writer.
    expect(sent[1].mail.text?.replace(/\s+/g, ' ')).toContain(
      `This message was handed to staff already (SES message ${aws.ses.sentRaw().at(-2)?.messageId})`,
    );
  });

  it('names where the original is stored when S3 cannot be read on any attempt', async () => {
    const event = await deliver(question('unread@writer.example'));
    s3Proxy.fault = () => 'refuse';
    let runs: { failed: number; result?: HandlerResult } = { failed: 0 };
    const sent = await sentDuring(aws.ses, async () => {
      runs = await asLambdaRuns(handler, event);
    });
    expect(runs.result).toMatchObject({ rule: 'processing-failed' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
    expect(sent[0].mail.text).toContain(`s3://${BUCKET}/${PREFIX}${event.Records[0].ses.mail.messageId}`);
    expect(sent[0].mail.attachments).toEqual([]);
    // Before: nothing said who wrote; when the object is gone (a wrong prefix, deleted, expired), staff had no way to the writer.
    expect(sent[0].mail.text).toContain('SES recorded it as from Jane Writer <unread@writer.example>, subject "OIN fees"');
  });

  it("hands over a bounce that fails every attempt as nobody's message: Reply would go to the mail server that wrote it", async () => {
    const writer = `b${randomBytes(3).toString('hex')}@writer.example`;
    const answered = await handler(await deliver(question(writer)), lambdaContext());
    const bounce = await deliverBounce(writer, sesMessageIdHeader(answered.sent[0].sesMessageId, 'us-east-1'));
    // Claiming the answer's hand-over fails on every attempt.
    dynamo.fault = (r) => (dynamoCall('PutItem', '"bounced#')(r) ? 'refuse' : undefined);
    const { runs, sent } = await asLambdaRunsSending(handler, bounce);
    expect(runs).toMatchObject({ failed: 2, result: { decision: 'escalate', rule: 'processing-failed' } });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
    const { mail } = sent[0];
    // Before: "reply to this mail (it goes to the writer)", with Reply-To MAILER-DAEMON@amazonses.com.
    expect(mail.replyTo).toBeUndefined();
    const text = (mail.text ?? '').replace(/\s+/g, ' ');
    expect(text).not.toContain('it goes to the writer');
    expect(text).toContain('a reply to this mail goes to the inbox only');
    expect(text).toContain('It is a bounce: automatic mail a mail server wrote about mail of ours');
    expect(mail.attachments.map((a) => a.content.toString('latin1'))).toEqual([
      expect.stringContaining('Final-Recipient: rfc822; ' + writer),
    ]);
  });

  it('rejects (for the dead-letter queue) only when the hand-over to staff fails too', async () => {
    const event = await deliver(question('nobody@writer.example'));
    sesProxy.fault = () => 'refuse';
    const runs = await asLambdaRuns(handler, event);
    expect(runs).toEqual({ failed: 3 });
  });

  it('logs on each failed attempt what follows it: a retry, and after the last the dead-letter queue', async () => {
    const event = await deliver(question('logged@writer.example'));
    sesProxy.fault = () => 'refuse';
    const lines = await logsDuring('WARN', () => asLambdaRuns(createHandler(env), event));
    const outer = lines.filter((line) => line.level === 'ERROR' && String(line.message).includes('the event'));
    // Before: "Processing failed; the event will be retried" on every attempt, the last (dead-lettered) too.
    expect(outer.map((line) => [line.message, line.attempt])).toEqual([
      ['Processing failed; Lambda retries the event', 1],
      ['Processing failed; Lambda retries the event', 2],
      ['Processing failed on the last attempt; the event goes to the dead-letter queue', 3],
    ]);
  });

  describe("the dashboard's figures (metrics): each hand-over that reached staff counted once", () => {
    it('counts the hand-over made on the last attempt, when processing failed every time', async () => {
      const writer = `m${randomBytes(3).toString('hex')}@writer.example`;
      const event = await deliver(question(writer));
      sesProxy.fault = (r) => (r.body.includes(encodeURIComponent(writer)) ? 'refuse' : undefined);
      let runs: { failed: number; result?: HandlerResult } = { failed: 0 };
      const counted = await metricsDuring(async () => {
        runs = await asLambdaRuns(createHandler(env), event);
      });
      expect(runs).toMatchObject({ failed: 2, result: { rule: 'processing-failed' } });
      // Before: nothing counted, though staff got the message.
      expect(counted).toMatchObject({ escalated: 1, decisions: 1 });
      expect(counted.answered).toBeUndefined();
    });

    it('counts the answer-uncertain hand-over beside the answer, once', async () => {
      const event = await deliver(question(`u${randomBytes(3).toString('hex')}@writer.example`));
      dynamo.fault = (r) => (dynamoCall('UpdateItem', '"sent#')(r) ? 'refuse' : undefined);
      let runs: { failed: number; result?: HandlerResult } = { failed: 0 };
      const counted = await metricsDuring(async () => {
        runs = await asLambdaRuns(createHandler(env), event, () => (dynamo.fault = () => undefined));
      });
      expect(runs.result).toMatchObject({ decision: 'answer', sent: [{ kind: 'escalation' }] });
      // Before: answered 1, escalated not at all.
      expect(counted).toMatchObject({ answered: 1, escalated: 1, decisions: 1 });
    });

    it("counts the hand-over of a writer's message whose answer bounced", async () => {
      const writer = `a${randomBytes(3).toString('hex')}@writer.example`;
      const answered = await handler(await deliver(question(writer)), lambdaContext());
      const bounce = await deliverBounce(writer, sesMessageIdHeader(answered.sent[0].sesMessageId, 'us-east-1'));
      let result: HandlerResult | undefined;
      const counted = await metricsDuring(async () => {
        result = await createHandler(env)(bounce, lambdaContext());
      });
      expect(result).toMatchObject({ decision: 'escalate', rule: 'answer-bounced' });
      // Before: nothing counted for the report, though staff got the writer's message.
      expect(counted).toMatchObject({ escalated: 1, decisions: 1 });
    });

    it('counts a decision once when the attempt that made it failed afterwards and a retry finished it', async () => {
      const event = await deliver(question(`r${randomBytes(3).toString('hex')}@writer.example`));
      let result: HandlerResult | undefined;
      const counted = await metricsDuring(async () => {
        const retried = createHandler(env);
        // The first attempt leaves its answer uncertain; the second decides and then fails handing that over (throttled).
        dynamo.fault = (r) => (dynamoCall('UpdateItem', '"sent#')(r) ? 'refuse' : undefined);
        await expect(retried(event, lambdaContext())).rejects.toThrow();
        dynamo.fault = () => undefined;
        sesProxy.fault = (r) => (r.body.includes(encodeURIComponent(STAFF)) ? 'throttle' : undefined);
        await expect(retried(event, lambdaContext())).rejects.toThrow();
        sesProxy.fault = () => undefined;
        result = await retried(event, lambdaContext());
      });
      expect(result).toMatchObject({ decision: 'answer', sent: [{ kind: 'escalation' }] });
      // Before: answered 2, the second attempt's count published though it failed.
      expect(counted).toMatchObject({ answered: 1, escalated: 1, decisions: 1 });
    });

    it('counts a message once, by rule too, when the attempt that handled it failed to complete its idempotency record', async () => {
      const event = await deliver(question(`c${randomBytes(3).toString('hex')}@writer.example`));
      dynamo.fault = (r) => (dynamoCall('UpdateItem', '"COMPLETED"')(r) ? 'refuse' : undefined);
      let result: HandlerResult | undefined;
      const counted = await metricsDuring(async () => {
        const retried = createHandler(env);
        // Its in-progress record lapses with the time the run had left: Lambda's retry, a minute later, runs it again.
        await expect(retried(event, { ...lambdaContext(), getRemainingTimeInMillis: () => 1 })).rejects.toThrow();
        dynamo.fault = () => undefined;
        result = await retried(event, lambdaContext());
      });
      expect(result).toMatchObject({ decision: 'answer', sent: [{ kind: 'reply' }] });
      // Before: decisions 2. The count by rule is a metric of its own, published at once by the attempt that failed
      // afterwards, which clearing that attempt's other metrics did not take back.
      expect(counted).toMatchObject({ answered: 1, decisions: 1 });
    });
  });
});

describe('a raw mail SES would refuse', () => {
  it('hands over a question whose Reply-To is longer than SMTP carries, rather than failing every attempt', async () => {
    // SES takes no line over 1,000 characters in a raw mail; an address is never folded.
    const relay = await sesRejecting(({ raw }) =>
      raw
        .toString('latin1')
        .split('\r\n')
        .some((line) => line.length > 998),
    );
    try {
      const handler = createHandler(await environment({ FAQMAIL_SES_ENDPOINT: relay.endpoint }));
      const event = await deliver({ ...unanswerable('long@writer.example'), replyTo: `${'r'.repeat(1100)}@writer.example` });
      let runs: { failed: number; result?: HandlerResult } = { failed: 0 };
      const sent = await sentDuring(aws.ses, async () => {
        runs = await asLambdaRuns(handler, event);
      });
      // Before: refused on every attempt, the last one's hand-over too, so the event went to the dead-letter queue.
      expect(runs).toMatchObject({ failed: 0, result: { decision: 'escalate', rule: 'no-match' } });
      expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
      expect(sent[0].mail.replyTo).toBeUndefined();
    } finally {
      await relay.stop();
    }
  });

  it('hands over a message whose own fields SES refuses, in a notice that shows nothing of it', async () => {
    // Whatever SES refuses that we cannot foresee: here, any mail that shows the writer's subject.
    const relay = await sesRejecting(({ raw }) => raw.toString('latin1').includes('Refused-by-SES'));
    try {
      const handler = createHandler(await environment({ FAQMAIL_SES_ENDPOINT: relay.endpoint }));
      const event = await deliver({ ...unanswerable('refused@writer.example'), subject: 'Refused-by-SES' });
      // Before: the last attempt's hand-over showed the subject too, and the event went to the dead-letter queue.
      const sent = await noticeOnLastAttempt(handler, event);
      expect(sent[0].mail.text).toContain('SES refused the hand-over that showed the message');
      expect(sent[0].mail.text).toContain(`faqmail-ref%3A%20${event.Records[0].ses.mail.messageId}`);
      expect(sent[0].mail.replyTo).toBeUndefined();
      // An opaque file, so that SES does not look inside it either.
      const declared = sent[0].mail.attachments.map((a) => (a.headers.get('content-type') as { value?: string } | undefined)?.value);
      expect(declared).toEqual(['application/octet-stream']);
      expect(sent[0].mail.attachments[0].content.toString('latin1')).toContain('Subject: Refused-by-SES');
    } finally {
      await relay.stop();
    }
  });
});

describe('the escalation cap when the message that reaches it fails', () => {
  it("tells staff the sender's further mail is held, in the hand-over made because processing failed", async () => {
    const relay = await sesRejecting(({ raw }) => raw.toString('latin1').includes('Refused-by-SES'));
    try {
      const handler = receivedAtOnce(
        createHandler(await environment({ FAQMAIL_SES_ENDPOINT: relay.endpoint, FAQMAIL_SENDER_DAILY_ESCALATIONS: '1' })),
      );
      const writer = 'capped@writer.example';
      expect(await handler(await deliver(unanswerable(writer)), lambdaContext())).toMatchObject({ rule: 'no-match' });
      // The second reaches the cap: it is the one whose hand-over says so. SES refuses any mail that shows it.
      const sent = await noticeOnLastAttempt(handler, await deliver({ ...unanswerable(writer), subject: 'Refused-by-SES' }));
      // Before: only that processing failed; the third below was then held, and no staff mail ever said the cap was reached.
      expect(sent[0].mail.text?.replace(/\s+/g, ' ')).toContain('their further mail today is held in S3 and counted, not forwarded');
      const { result, sent: third } = await handledWith(handler, await deliver(unanswerable(writer)));
      expect(result).toMatchObject({ decision: 'ignore', rule: 'escalation-cap' });
      expect(third).toEqual([]);
    } finally {
      await relay.stop();
    }
  });

  it('tells staff further hand-overs this hour are held, in the hand-over made because processing failed, when the hour was reached', async () => {
    const relay = await sesRejecting(({ raw }) => raw.toString('latin1').includes('Refused-by-SES'));
    try {
      const handler = receivedAtOnce(
        createHandler(await environment({ FAQMAIL_SES_ENDPOINT: relay.endpoint, FAQMAIL_HOURLY_ESCALATION_LIMIT: '1' })),
      );
      expect(await handler(await deliver(unanswerable('first@one.example')), lambdaContext())).toMatchObject({ rule: 'no-match' });
      const sent = await noticeOnLastAttempt(handler, await deliver({ ...unanswerable('second@two.example'), subject: 'Refused-by-SES' }));
      expect(sent[0].mail.text?.replace(/\s+/g, ' ')).toContain('further hand-overs this hour, from any sender, are held in S3');
      const { result, sent: third } = await handledWith(handler, await deliver(unanswerable('third@three.example')));
      expect(result).toMatchObject({ decision: 'ignore', rule: 'hourly-escalation-cap' });
      expect(third).toEqual([]);
    } finally {
      await relay.stop();
    }
  });
});

const unknownUser = ['Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 user unknown'];

/**
 * The bounce SES forwards to the address our mail came from (email feedback forwarding, on
 * for every identity without SNS topics for bounces) when a mailbox (staff's, a writer's) refuses
 * it after SES accepted it: a delivery-status report naming the recipient that failed and, in the
 * headers of the mail that bounced, the Message-ID SES gave it.
 *
 * `encoding`: the report's parts as a gateway that re-encodes what it relays writes them (RFC 6533
 * allows it for its report types). `original`: the address the mail was sent to, when the
 * refusing server expanded it (an alias) to `failedRecipient`, in the order Postfix writes them.
 * `refused`: the recipient's fields, a mailbox that does not exist when not given.
 */
async function deliverBounce(
  failedRecipient: string,
  bouncedMessageId: string,
  { encoding, original, refused = unknownUser }: { encoding?: 'base64'; original?: string; refused?: string[] } = {},
): Promise<SESEvent> {
  const messageId = randomBytes(20).toString('hex');
  const part = (type: string, lines: string[]) => [
    `Content-Type: ${type}`,
    ...(encoding
      ? [
          'Content-Transfer-Encoding: base64',
          '',
          ...(Buffer.from(lines.join('\r\n'))
            .toString('base64')
            .match(/.{1,76}/g) ?? []),
        ]
      : ['', ...lines]),
  ];
  const raw = Buffer.from(
    [
      'Return-Path: <>',
      'From: MAILER-DAEMON@amazonses.com',
      `To: ${INBOX}`,
      'Subject: Delivery Status Notification (Failure)',
      `Message-ID: <${messageId}@amazonses.com>`,
      'Date: Mon, 2 Mar 2026 09:05:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"',
      '',
      '--dsn',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'An error occurred while trying to deliver the mail to the following recipients:',
      failedRecipient,
      '',
      '--dsn',
      ...part('message/delivery-status', [
        'Reporting-MTA: dns; a8-1.smtp-out.amazonses.com',
        '',
        `Final-Recipient: rfc822; ${failedRecipient}`,
        ...(original ? [`Original-Recipient: rfc822;${original}`] : []),
        ...refused,
      ]),
      '',
      '--dsn',
      ...part('text/rfc822-headers', [
        `From: FAQ <${INBOX}>`,
        `To: ${failedRecipient}`,
        'Subject: [faqmail] HTTP 429 from the Users API',
        `Message-ID: ${bouncedMessageId}`,
      ]),
      '',
      '--dsn--',
      '',
    ].join('\r\n'),
  );
  await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
  return sesEvent({ messageId, recipients: [INBOX], source: '', raw });
}

describe('a mail to staff that bounces', () => {
  it('fails every attempt, naming the staff address and the message staff did not get, and sends nothing', async () => {
    const handler = createHandler(await environment());
    const { handedOver, staffMail } = await handOverUnanswerable(handler, 'lost@writer.example');
    const bounce = await deliverBounce(STAFF, staffMail);
    const { errors, sent } = await everyAttempt(handler, bounce);
    // Before: dropped as a bounce (rule null-return-path) with an info line; the hand-over reached nobody and nobody was told.
    expect(errors).toHaveLength(3);
    expect(errors[2]).toContain(`s3://${BUCKET}/${PREFIX}${handedOver.sesMessageId}`);
    expect(errors[2]).toContain(STAFF);
    expect(errors[2]).toContain('5.1.1');
    // Not handed over on the last attempt: a hand-over to the address that bounced would bounce again, without end.
    expect(sent).toEqual([]);
  });

  it('fails too when the report names the staff mailbox without the +tag the staff address carries', async () => {
    // The mailbox's server reports the address it delivers to, after taking the subaddress off.
    const handler = createHandler(await environment({ FAQMAIL_STAFF_ADDRESSES: 'staff+faqmail@example.com' }));
    const { staffMail } = await handOverUnanswerable(handler, 'case@writer.example');
    const bounce = await deliverBounce(STAFF, staffMail);
    await expect(handler(bounce, lambdaContext())).rejects.toThrow(
      /A hand-over to staff bounced: staff@example\.com \(status 5\.1\.1\) refused it/i,
    );
  });

  it('fails too when the report and the headers it returns are base64', async () => {
    const handler = createHandler(await environment());
    const { staffMail } = await handOverUnanswerable(handler, 'encoded@writer.example');
    const bounce = await deliverBounce(STAFF, staffMail, { encoding: 'base64' });
    // Before: the encoded report was read as it stands, no field found, and the bounce dropped as automatic mail.
    await expect(handler(bounce, lambdaContext())).rejects.toThrow(
      /A hand-over to staff bounced: staff@example\.com \(status 5\.1\.1\) refused it/i,
    );
  });

  it('fails too when the staff address is an alias and the mailbox it leads to refused the hand-over', async () => {
    const handler = createHandler(await environment());
    const { staffMail } = await handOverUnanswerable(handler, 'alias@writer.example');
    const bounce = await deliverBounce('jane.staffer@example.com', staffMail, { original: STAFF });
    // Before: only the first of Final-Recipient and Original-Recipient was read, and Postfix writes the
    // mailbox the alias led to first: no staff address, so the bounce was dropped as automatic mail.
    await expect(handler(bounce, lambdaContext())).rejects.toThrow(
      /A hand-over to staff bounced: staff@example\.com \(forwarded to jane\.staffer@example\.com, status 5\.1\.1\) refused it/i,
    );
  });

  it('fails too when the report names only the mailbox a staff address forwards to, and returns the hand-over', async () => {
    const handler = createHandler(await environment());
    const { staffMail } = await handOverUnanswerable(handler, 'forward@writer.example');
    // A forward (or a report rewritten on the way back) that keeps no Original-Recipient: the hand-over's
    // Message-ID, which only SES and staff's side know, says whose mail bounced.
    const bounce = await deliverBounce('jane.staffer@elsewhere.example', staffMail);
    // Before: no staff address named, so the bounce was dropped as automatic mail.
    await expect(handler(bounce, lambdaContext())).rejects.toThrow(
      /A hand-over to staff bounced: jane\.staffer@elsewhere\.example \(status 5\.1\.1\) refused it/i,
    );
  });

  it('fails every attempt too when the digest bounces: the mail it lists as ignored on a guess reached nobody', async () => {
    const env = await environment({ FAQMAIL_DIGEST_RECIPIENTS: 'lead@example.com' });
    const handler = createHandler(env);
    await handler(await deliver({ ...question('guess@writer.example'), subject: 'Automatic reply: OIN fees' }), lambdaContext());
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const digest = await createDigestHandler(env, () => tomorrow)();
    const bounce = await deliverBounce('lead@example.com', sesMessageIdHeader(digest.sesMessageId, 'us-east-1'));
    const { errors, sent } = await everyAttempt(handler, bounce);
    // Before: dropped with a warning in the log, as a report returning no mail we remember; the digest is the one place
    // that lists mail ignored on a guess, and nobody was told that it reached no one.
    expect(errors).toHaveLength(3);
    expect(errors[2]).toMatch(/^The digest .* bounced: lead@example\.com \(status 5\.1\.1\) refused it/);
    expect(errors[2]).toContain(digest.period);
    expect(errors[2]).toContain(`s3://${BUCKET}/${PREFIX}${bounce.Records[0].ses.mail.messageId}`);
    // Nothing handed over: the digest's recipients are staff, or read by staff.
    expect(sent).toEqual([]);
  });

  it('ignores a report naming a staff address that returns no hand-over we remember: anyone can write one', async () => {
    const handler = createHandler(await environment());
    const forged = await deliverBounce(STAFF, '<made-up-by-anyone@email.amazonses.com>');
    // Before: every attempt failed and the event reached the dead-letter queue, raising its alarm, as often as anyone liked.
    const { result, sent } = await handledWith(handler, forged);
    expect(result).toMatchObject({ decision: 'ignore' });
    expect(sent).toEqual([]);
  });
});

describe('an answer to a writer that bounces', () => {
  /** A policy refusal: the writer's mailbox exists, and refused our answer. */
  const policy = ['Action: failed', 'Status: 5.7.1', 'Diagnostic-Code: smtp; 550 5.7.1 Message rejected by content policy'];

  /** The writer's question, answered: the handler's result, and the Message-ID SES gave the answer. */
  async function answeredQuestion(handler: SesHandler, from: string): Promise<{ answered: HandlerResult; answer: string }> {
    const answered = await handler(await deliver(question(from)), lambdaContext());
    expect(answered).toMatchObject({ decision: 'answer' });
    return { answered, answer: sesMessageIdHeader(answered.sent[0].sesMessageId, 'us-east-1') };
  }

  it("hands the writer's message to staff when their mailbox refused our answer (5.7.1), the refusal on the first line", async () => {
    const env = await environment();
    const handler = createHandler(env);
    const { answered, answer } = await answeredQuestion(handler, 'strict@writer.example');
    const bounce = await deliverBounce('strict@writer.example', answer, { refused: policy });
    const { result, sent } = await handledWith(handler, bounce);
    // Before: ignored as automatic mail (rule null-return-path); the writer had no answer and no person knew.
    expect(result).toMatchObject({ sesMessageId: bounce.Records[0].ses.mail.messageId, decision: 'escalate', rule: 'answer-bounced' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
    const { mail } = sent[0];
    const firstLine = mail.text?.split('\n')[0] ?? '';
    expect(firstLine).toContain("faqmail's automatic answer to this writer could not be delivered");
    expect(firstLine).toContain('a delivery report says it was refused (status 5.7.1; the report is quoted below)');
    expect(mail.text).toContain('\n> Refused by: strict@writer.example (status 5.7.1)\n');
    expect(mail.text).toContain('\n> 550 5.7.1 Message rejected by content policy\n');
    expect(firstLine).toContain('another way');
    // Answered, so its From was vouched for: the line sends staff to the writer without the forgery warning.
    expect(firstLine).toContain('please reach them: reply to this mail (it goes to the writer).');
    expect(mail.subject).toBe('[faqmail] Needs a person: OIN fees');
    expect(mail.replyTo?.value.map((a) => a.address)).toEqual(['strict@writer.example']);
    // The writer's own message is attached, not the report; the answer that did not reach them is shown.
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['message/rfc822']);
    expect(mail.attachments[0].content.toString()).toContain(`<${answered.sesMessageId}@writer.example>`);
    expect(mail.text).toContain('The answer that did not reach them');
    expect(mail.text).toContain('faqmail rule: answer-bounced');
    // Recorded like any hand-over, under the report's SES id, so that a verdict on it finds it.
    const decisions = new DecisionStore({
      documents: localDocuments(aws.dynamodb.endpoint),
      table: env.FAQMAIL_STATE_TABLE,
      retentionDays: 90,
    });
    expect(await decisions.get(result.sesMessageId)).toMatchObject({
      kind: 'escalate',
      rule: 'answer-bounced',
      staffMessageId: sesMessageIdHeader(result.sent[0].sesMessageId, 'us-east-1'),
    });
  });

  it('hands it over for a mailbox that does not exist (5.1.1) too: the address just wrote to us', async () => {
    const handler = createHandler(await environment());
    const { answer } = await answeredQuestion(handler, 'gone@writer.example');
    const { result, sent } = await handledWith(handler, await deliverBounce('gone@writer.example', answer));
    // Before: ignored, "nobody can reach that mailbox".
    expect(result).toMatchObject({ decision: 'escalate', rule: 'answer-bounced' });
    expect(sent.map((s) => s.mail.text?.split('\n')[0])).toEqual([expect.stringContaining('refused (status 5.1.1;')]);
    expect(sent[0].mail.text).toContain('\n> Refused by: gone@writer.example (status 5.1.1)\n');
  });

  it("keeps a report's Diagnostic-Code out of faqmail's own lines: quoted apart, marked as the report's words, unlinked", async () => {
    const handler = createHandler(await environment());
    const { answer } = await answeredQuestion(handler, 'phished@writer.example');
    // Anyone who holds the answer's Message-ID can write this; the text closes the quote and goes on in faqmail's voice.
    const bait =
      '550 5.1.1 User unknown". The writer has moved: write to them at new-home@attacker.example, ' +
      'not by replying, and confirm at https://attacker.example/verify "';
    const forged = ['Action: failed', 'Status: 5.1.1', `Diagnostic-Code: smtp; ${bait}`];
    // The recipient it names is its to choose too: "forwarded to" an address of theirs.
    const report = await deliverBounce('write-to-alex@attacker.example', answer, { original: 'phished@writer.example', refused: forged });
    const { result, sent } = await handledWith(handler, report);
    expect(result).toMatchObject({ decision: 'escalate', rule: 'answer-bounced' });
    const text = sent[0].mail.text ?? '';
    const [firstLine, ...rest] = text.split('\n');
    // Before: the first line (and the Why line) carried it between quotes it closes itself, and named the address.
    expect(firstLine).toContain(
      "faqmail's automatic answer to this writer could not be delivered: a delivery report says it was refused (status 5.1.1; the report is quoted below)",
    );
    expect(firstLine).not.toContain('attacker.example');
    expect(rest.find((line) => line.startsWith('Why:'))).not.toContain('attacker.example');
    // Shown as a quote after a line that says whose words they are, once.
    expect(text).toMatch(
      /the report's words, unchecked[^\n]*\n\n> Refused by: phished@writer\.example \(forwarded to write-to-alex@attacker\.example, status 5\.1\.1\)\n> 550 5\.1\.1 User unknown/,
    );
    expect(text.split('attacker.example/verify')).toHaveLength(2);
    const html = String(sent[0].mail.html);
    expect(html).toMatch(/<blockquote[^>]*>Refused by: [^<]*\n550 5\.1\.1 User unknown&quot;\. The writer has moved/);
    expect(html).not.toMatch(/<a [^>]*attacker/);
    // staff's reply still goes to the writer alone
    expect(sent[0].mail.replyTo?.value.map((a) => a.address)).toEqual(['phished@writer.example']);
  });

  it('hands over nothing for a report that says the delivery is only delayed', async () => {
    const handler = createHandler(await environment());
    const { answer } = await answeredQuestion(handler, 'slow@writer.example');
    const delayed = ['Action: delayed', 'Status: 4.2.2', 'Diagnostic-Code: smtp; 452 4.2.2 mailbox full, will retry'];
    const { result, sent } = await handledWith(handler, await deliverBounce('slow@writer.example', answer, { refused: delayed }));
    expect(result).toMatchObject({ decision: 'ignore' });
    expect(sent).toEqual([]);
  });

  it('hands over nothing for a report that returns a Message-ID we do not remember as an answer', async () => {
    const handler = createHandler(await environment());
    await answeredQuestion(handler, 'known@writer.example');
    const unknown = await deliverBounce('known@writer.example', '<made-up-by-anyone@email.amazonses.com>', { refused: policy });
    const { result, sent } = await handledWith(handler, unknown);
    expect(result).toMatchObject({ decision: 'ignore' });
    expect(sent).toEqual([]);
  });

  it('hands over once when the same report arrives twice', async () => {
    const handler = createHandler(await environment());
    const { answer } = await answeredQuestion(handler, 'twice@writer.example');
    const bounce = await deliverBounce('twice@writer.example', answer, { refused: policy });
    const first = await handledWith(handler, bounce);
    const again = await handledWith(handler, bounce);
    expect(first.sent).toHaveLength(1);
    // The same SES id: the idempotency record returns the first result, and nothing is sent.
    expect(again.result).toEqual(first.result);
    expect(again.sent).toEqual([]);
  });

  it('hands over once when a second report of the same answer arrives under another SES id', async () => {
    const handler = createHandler(await environment());
    const { answer } = await answeredQuestion(handler, 'reported-twice@writer.example');
    const first = await handledWith(handler, await deliverBounce('reported-twice@writer.example', answer, { refused: policy }));
    const second = await handledWith(handler, await deliverBounce('reported-twice@writer.example', answer, { refused: policy }));
    expect(first.result).toMatchObject({ decision: 'escalate', rule: 'answer-bounced' });
    expect(first.sent).toHaveLength(1);
    // Before: handed over again; staff were told twice that the writer has no answer.
    expect(second.result).toMatchObject({ decision: 'ignore' });
    expect(second.sent).toEqual([]);
  });

  it("hands over within the escalation cap, counted apart from the writer's own mail, which a report cannot use up", async () => {
    // No escalation forwarded as usual: the first past the cap goes as its notice, every further one is held.
    const env = await environment({ FAQMAIL_SENDER_DAILY_ESCALATIONS: '0' });
    const handler = receivedAtOnce(createHandler(env));
    const writer = 'capped@writer.example';
    const bounces = [];
    for (let i = 0; i < 2; i++)
      bounces.push(await deliverBounce(writer, (await answeredQuestion(handler, writer)).answer, { refused: policy }));
    const notice = await handledWith(handler, bounces[0]);
    expect(notice.result).toMatchObject({ decision: 'escalate', rule: 'escalation-cap' });
    expect(notice.sent.map((s) => s.mail.text?.split('\n')[0])).toEqual([
      expect.stringContaining("faqmail's automatic answer to this writer could not be delivered"),
    ]);
    const held = await handledWith(handler, bounces[1]);
    expect(held.result).toMatchObject({ decision: 'ignore', rule: 'escalation-cap' });
    expect(held.sent).toEqual([]);
    // Held, and recorded as held: its decision record names it.
    const decisions = new DecisionStore({
      documents: localDocuments(aws.dynamodb.endpoint),
      table: env.FAQMAIL_STATE_TABLE,
      retentionDays: 90,
    });
    // With the rule the cap replaced, which the digest lists it by.
    expect(await decisions.get(held.result.sesMessageId)).toMatchObject({
      kind: 'ignore',
      rule: 'escalation-cap',
      beforeCap: 'answer-bounced',
    });
    expect(await decisions.get(notice.result.sesMessageId)).toMatchObject({ rule: 'escalation-cap', beforeCap: 'answer-bounced' });
    // The writer's own question still gets the day's notice: the reports did not take it.
    const own = await handledWith(handler, await deliver(unanswerable(writer)));
    expect(own.result).toMatchObject({ decision: 'escalate', rule: 'escalation-cap' });
    expect(own.sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it("hands it over without the writer's message once that is gone from S3, naming whom our records say it went to", async () => {
    const handler = createHandler(await environment());
    const { answered, answer } = await answeredQuestion(handler, 'expired@writer.example');
    await forget(answered.sesMessageId);
    const { runs, sent } = await asLambdaRunsSending(handler, await deliverBounce('expired@writer.example', answer, { refused: policy }));
    // Before: the last attempt handed over the report itself (processing-failed), "reply to this mail (it goes to the
    // writer)" with Reply-To MAILER-DAEMON@amazonses.com; the address the answer went to was only in the report.
    expect(runs).toMatchObject({ failed: 2, result: { decision: 'escalate', rule: 'answer-bounced' } });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
    const { mail } = sent[0];
    expect(mail.replyTo).toBeUndefined();
    const [firstLine, ...rest] = (mail.text ?? '').split('\n');
    expect(firstLine).toContain("faqmail's automatic answer to this writer could not be delivered");
    expect(firstLine).toContain(
      'please reach them: faqmail could not read their message (see below), so a reply to this mail goes to the inbox only; ' +
        'the answer went to expired@writer.example (our records confirm the address the bounce names): write to them there yourself.',
    );
    expect(rest.find((line) => line.startsWith('Why:'))).toContain(
      `The message it answered could not be read, on the last attempt (Reading the raw message s3://${BUCKET}/${PREFIX}${answered.sesMessageId}`,
    );
    expect(mail.text).toContain('The answer that did not reach them');
    expect(mail.attachments).toEqual([]);
  });

  it("names no address a report gives that our record of the answer does not confirm, once the writer's message is gone", async () => {
    const handler = createHandler(await environment());
    const { answered, answer } = await answeredQuestion(handler, 'forgotten@writer.example');
    await forget(answered.sesMessageId);
    // Anyone who holds the answer's Message-ID can write a report naming an address of theirs.
    const report = await deliverBounce('write-to-me@attacker.example', answer, { refused: policy });
    const { runs, sent } = await asLambdaRunsSending(handler, report);
    expect(runs.result).toMatchObject({ rule: 'answer-bounced' });
    const firstLine = sent[0].mail.text?.split('\n')[0] ?? '';
    expect(firstLine).toContain('faqmail cannot name them: its record of the answer keeps only a hash of the address it went to.');
    expect(firstLine).not.toContain('attacker.example');
    expect(sent[0].mail.replyTo).toBeUndefined();
  });

  it('fails into the dead-letter queue, handing over nothing, when staff bounce that hand-over in turn: no loop', async () => {
    const handler = createHandler(await environment());
    const { answer } = await answeredQuestion(handler, 'loop@writer.example');
    const handedOver = await handler(await deliverBounce('loop@writer.example', answer, { refused: policy }), lambdaContext());
    const staffBounce = await deliverBounce(STAFF, sesMessageIdHeader(handedOver.sent[0].sesMessageId, 'us-east-1'));
    let failure: Error | undefined;
    const sent = await sentDuring(aws.ses, () => handler(staffBounce, lambdaContext()).catch((error: Error) => (failure = error)));
    expect(failure?.message).toMatch(/A hand-over to staff bounced: staff@example\.com \(status 5\.1\.1\) refused it/);
    expect(sent).toEqual([]);
  });
});

/**
 * A bounce with no standard report, of the project's own (test/fixtures/bounces: qmail's "failure
 * notice", an Exchange 2003 NDR with no Content-Type, a sendmail delay warning in plain text, and a
 * report whose Action says delayed), returning the mail SES gave `returnedMessageId`.
 */
async function deliverOwnBounce(name: string, returnedMessageId: string): Promise<SESEvent> {
  const messageId = randomBytes(20).toString('hex');
  const raw = Buffer.from(
    readFileSync(path.join(__dirname, '../fixtures/bounces', name), 'utf8')
      .replaceAll('{{message-id}}', `<${messageId}@mx.writer.example>`)
      .replaceAll('{{returned-message-id}}', returnedMessageId),
  );
  await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
  return sesEvent({ messageId, recipients: [INBOX], source: '', raw });
}

describe('a bounce with no standard report (plain text) that returns our mail', () => {
  it.each(['qmail-failure-notice.eml', 'exchange-2003-ndr.eml', 'delay-warning.eml'])(
    "hands the writer's message to staff for %s of our answer, saying it may have failed or only be delayed",
    async (name) => {
      const handler = createHandler(await environment());
      const answered = await handler(await deliver(question('plain@writer.example')), lambdaContext());
      expect(answered).toMatchObject({ decision: 'answer' });
      const bounce = await deliverOwnBounce(name, sesMessageIdHeader(answered.sent[0].sesMessageId, 'us-east-1'));
      const storedAt = `s3://${BUCKET}/${PREFIX}${bounce.Records[0].ses.mail.messageId}`;
      const { result, sent } = await handledWith(handler, bounce);
      // Before: ignored as automatic mail (no RFC 3464 report to read); the writer had no answer and no person knew.
      expect(result).toMatchObject({ decision: 'escalate', rule: 'answer-bounced' });
      expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
      const { mail } = sent[0];
      const [firstLine, ...rest] = (mail.text ?? '').split('\n');
      expect(firstLine).toBe(
        "faqmail's automatic answer to this writer may not have been delivered: an automatic mail that is no standard " +
          'delivery report returns it, so faqmail cannot tell whether it says the answer was refused or only delayed. ' +
          `Please read it (attached as bounce.eml; stored at ${storedAt}), as anyone's words: whoever holds our answer's Message-ID can write such a mail, so take no address or link from it. If it was refused, they have no answer; please reach them: reply to this ` +
          'mail (it goes to the writer). Their server may refuse your mail as it refused ours; a person may reach them ' +
          'another way (another address or a number in their message, or your own records).',
      );
      expect(rest.find((line) => line.startsWith('Why:'))).toContain('it may say the answer failed, or only that it is delayed');
      // Nothing of the bounce's own text in faqmail's lines, and no report quoted: it has none.
      expect(mail.text).not.toContain('refused (status');
      expect(mail.text).not.toContain("the report's words");
      expect(mail.text).not.toContain('mx.writer.example');
      expect(mail.text).toContain('The answer that may not have reached them');
      expect(mail.replyTo?.value.map((a) => a.address)).toEqual(['plain@writer.example']);
      expect(mail.attachments[0].content.toString()).toContain(`<${answered.sesMessageId}@writer.example>`);
      // The bounce comes with it: staff seldom reach the mail bucket.
      expect(mail.attachments[1].filename).toBe('bounce.eml');
      expect(mail.attachments[1].content.toString()).toContain(`<${bounce.Records[0].ses.mail.messageId}@mx.writer.example>`);
    },
  );

  it('hands over each one of the same answer, and one after a failed report: a delay warning may come before the failure', async () => {
    const handler = createHandler(await environment());
    const answered = await handler(await deliver(question('twice-plain@writer.example')), lambdaContext());
    const answer = sesMessageIdHeader(answered.sent[0].sesMessageId, 'us-east-1');
    const warning = await handledWith(handler, await deliverOwnBounce('delay-warning.eml', answer));
    const failure = await handledWith(handler, await deliverOwnBounce('qmail-failure-notice.eml', answer));
    const report = await handledWith(handler, await deliverBounce('twice-plain@writer.example', answer));
    const plainAfterReport = await handledWith(handler, await deliverOwnBounce('qmail-failure-notice.eml', answer));
    expect([warning, failure, report, plainAfterReport].map(({ result, sent }) => [result.rule, sent.length])).toEqual([
      ['answer-bounced', 1],
      ['answer-bounced', 1],
      ['answer-bounced', 1],
      ['answer-bounced', 1],
    ]);
  });

  it('hands over nothing for one that returns a Message-ID we do not remember as an answer', async () => {
    const handler = createHandler(await environment());
    await handler(await deliver(question('unknown@writer.example')), lambdaContext());
    const { result, sent } = await handledWith(handler, await deliverOwnBounce('qmail-failure-notice.eml', '<not-ours@mail.example>'));
    expect(result).toMatchObject({ decision: 'ignore' });
    expect(sent).toEqual([]);
  });

  it('hands over nothing for a standard report that says the delivery is delayed, whatever its text shows', async () => {
    const handler = createHandler(await environment());
    const answered = await handler(await deliver(question('delayed@writer.example')), lambdaContext());
    const bounce = await deliverOwnBounce('dsn-delayed.eml', sesMessageIdHeader(answered.sent[0].sesMessageId, 'us-east-1'));
    const { result, sent } = await handledWith(handler, bounce);
    expect(result).toMatchObject({ decision: 'ignore' });
    expect(sent).toEqual([]);
  });

  it('fails every attempt for one that returns a hand-over to staff, saying it may be only a delay warning', async () => {
    const handler = createHandler(await environment());
    const { handedOver, staffMail } = await handOverUnanswerable(handler, 'lost-plain@writer.example');
    const bounce = await deliverOwnBounce('qmail-failure-notice.eml', staffMail);
    const { errors, sent } = await everyAttempt(handler, bounce);
    // Before: dropped as automatic mail; the hand-over may have reached nobody and nobody was told.
    expect(errors).toHaveLength(3);
    expect(errors[2]).toContain('A hand-over to staff may have bounced: an automatic mail that is no standard delivery report returns it');
    expect(errors[2]).toContain('only a delay warning');
    expect(errors[2]).toContain(`s3://${BUCKET}/${PREFIX}${bounce.Records[0].ses.mail.messageId}`);
    expect(errors[2]).toContain(`s3://${BUCKET}/${PREFIX}${handedOver.sesMessageId}`);
    // Not handed over on the last attempt: a hand-over to the address that bounced would bounce again, without end.
    expect(sent).toEqual([]);
  });

  it('fails every attempt for one that returns a digest, saying it may be only a delay warning', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const digest = await createDigestHandler(env, () => new Date(Date.now() + 24 * 3600_000))();
    const bounce = await deliverOwnBounce('qmail-failure-notice.eml', sesMessageIdHeader(digest.sesMessageId, 'us-east-1'));
    const { errors, sent } = await everyAttempt(handler, bounce);
    // Before: dropped as automatic mail; the digest, the one list of mail ignored on a guess, may have reached nobody.
    expect(errors).toHaveLength(3);
    expect(errors[2]).toContain('The digest to staff may have bounced: an automatic mail that is no standard delivery report returns');
    expect(errors[2]).toContain(digest.period);
    expect(errors[2]).toContain(`s3://${BUCKET}/${PREFIX}${bounce.Records[0].ses.mail.messageId}`);
    expect(sent).toEqual([]);
  });

  it("hands over one of an answer whose writer's message is gone, naming the address it shows that our records confirm", async () => {
    const handler = createHandler(await environment());
    // The address the fixture's text names as refused.
    const answered = await handler(await deliver(question('jane@writer.example')), lambdaContext());
    await forget(answered.sesMessageId);
    const bounce = await deliverOwnBounce('qmail-failure-notice.eml', sesMessageIdHeader(answered.sent[0].sesMessageId, 'us-east-1'));
    const { runs, sent } = await asLambdaRunsSending(handler, bounce);
    // Before: the last attempt handed over the bounce itself, Reply-To MAILER-DAEMON@mx.writer.example ("it goes to the writer").
    expect(runs).toMatchObject({ failed: 2, result: { decision: 'escalate', rule: 'answer-bounced' } });
    const { mail } = sent[0];
    expect(mail.replyTo).toBeUndefined();
    const firstLine = mail.text?.split('\n')[0] ?? '';
    expect(firstLine).toContain("faqmail's automatic answer to this writer may not have been delivered");
    expect(firstLine).toContain(
      'so a reply to this mail goes to the inbox only; the answer went to jane@writer.example (our records confirm the address the bounce names)',
    );
    expect(mail.attachments.map((a) => a.filename)).toEqual(['bounce.eml']);
  });

  it("fails every attempt for one that returns a hand-over whose writer's message is gone, sending nothing", async () => {
    const handler = createHandler(await environment());
    const { handedOver, staffMail } = await handOverUnanswerable(handler, 'gone-plain@writer.example');
    await forget(handedOver.sesMessageId);
    const bounce = await deliverOwnBounce('qmail-failure-notice.eml', staffMail);
    const { runs, sent } = await asLambdaRunsSending(handler, bounce);
    // The alarm's error names where the message was stored; nothing reads it, and nothing goes to the staff that bounced.
    expect(runs).toEqual({ failed: 3 });
    expect(sent).toEqual([]);
  });

  it('raises the alarm once per hand-over: a later bounce of it, which the writer staff answered can write, is logged', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const { handedOver, staffMail } = await handOverUnanswerable(handler, 'answered-by-staff@writer.example');
    // Staff answered the writer with Reply: that reply's In-Reply-To names the hand-over, so the writer holds its Message-ID.
    const first = await deliverOwnBounce('qmail-failure-notice.eml', staffMail);
    const { errors } = await everyAttempt(handler, first);
    expect(errors).toHaveLength(3);
    expect(errors[2]).toContain('A hand-over to staff may have bounced');
    // Before: every further one failed every attempt into the dead-letter queue too, a new alarm each time, at the writer's will.
    const again = await deliverOwnBounce('qmail-failure-notice.eml', staffMail);
    let handled: Awaited<ReturnType<typeof handledWith>> | undefined;
    const warnings = await warningsDuring(async () => {
      handled = await handledWith(createHandler(env), again);
    });
    expect(handled?.result).toMatchObject({ decision: 'ignore' });
    expect(handled?.sent).toEqual([]);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(/raised the alarm first/),
        handedOver: handedOver.sesMessageId,
        firstBounce: first.Records[0].ses.mail.messageId,
        storedAt: `s3://${BUCKET}/${PREFIX}${again.Records[0].ses.mail.messageId}`,
      }),
    );
  });
});

describe('staff mail that shows one of our Message-IDs', () => {
  it('is no bounce: a staff member forwarding a hand-over, its header block with it, raises no alarm', async () => {
    const handler = createHandler(await environment());
    const { staffMail } = await handOverUnanswerable(handler, 'forwarded@writer.example');
    const forward = {
      from: STAFF,
      fromField: `Sam Staff <${STAFF}>`,
      subject: 'Fwd: for the record',
      body: `Keeping this one.\n\n-------- Forwarded Message --------\nFrom: faqmail <${INBOX}>\nMessage-ID: ${staffMail}\n\nPlease answer.`,
    };
    // Before: read as a plain-text bounce of that hand-over, it failed every attempt ("may have bounced") into the dead-letter queue.
    const { result, sent } = await handledWith(handler, await deliver(forward));
    expect(result).toMatchObject({ decision: 'ignore', rule: 'from-ourselves' });
    expect(sent).toEqual([]);
  });
});

/** Plays SES inbound for mail we sent coming back to the inbox: the raw message as sent, under a new SES id. */
async function deliverRaw(raw: Buffer, source: string): Promise<SESEvent> {
  const messageId = randomBytes(20).toString('hex');
  await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
  return sesEvent({ messageId, recipients: [INBOX], source, raw });
}

describe('mail that gives our own address as sender', () => {
  const tomorrow = () => new Date(Date.now() + 24 * 3600_000);

  it("is a contact form's mail with no mark of ours: not answered, nothing sent, a warning, and listed in the digest", async () => {
    const env = await environment();
    // A website form sends the visitor's question From the inbox, Reply-To the visitor; the site's domain is ours, so DMARC passes.
    const form = { ...question(INBOX), fromField: `Website contact form <${INBOX}>`, replyTo: 'Tomasz Wrobel <tomasz@visitor.example>' };
    const event = await deliver(form, { dmarc: 'PASS', spf: 'PASS', dkim: 'PASS' });
    let handled: { result: HandlerResult; sent: Array<{ to: string[]; mail: ParsedMail }> } | undefined;
    // The handler is made within: its logger takes the level when created.
    const warnings = await warningsDuring(async () => (handled = await handledWith(createHandler(env), event)));
    // Before: dropped as from-ourselves, sure evidence, which the digest does not list: nobody ever saw it.
    expect(handled?.result).toMatchObject({ decision: 'ignore', rule: 'claims-our-address', sent: [] });
    expect(handled?.sent).toEqual([]);
    expect(warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/our own address as sender/) }));
    const digest = await sentDuring(aws.ses, () => createDigestHandler(env, tomorrow)());
    expect(digest.map((d) => d.to)).toEqual([[STAFF]]);
    expect(digest[0].mail.text).toContain(
      `claims-our-address matched From: ${INBOX}\n  Subject: OIN fees\n  SES message id: ${event.Records[0].ses.mail.messageId}`,
    );
  });

  // Before: a staff address as From or envelope sender was our own mail, whatever authentication said, and no digest listed
  // it: a forged staff From vanished, and so did a writer's question a staff member redirected to the inbox.
  it("is recorded in every case; a staff From nothing vouches for is listed in the digest; staff's redirect goes to a person", async () => {
    const env = await environment();
    const handler = createHandler(env);
    const decisions = new DecisionStore({
      documents: localDocuments(aws.dynamodb.endpoint),
      table: env.FAQMAIL_STATE_TABLE,
      retentionDays: 90,
    });
    const staffOwn = await deliver({ ...question(STAFF), fromField: `Sam Staff <${STAFF}>` });
    const own = await handledWith(handler, staffOwn);
    expect(own.result).toMatchObject({ decision: 'ignore', rule: 'from-ourselves', sent: [] });
    expect(own.sent).toEqual([]);
    const forged = await deliver(
      { ...question(STAFF), fromField: `Sam Staff <${STAFF}>`, subject: 'Forged?' },
      { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' },
    );
    let claimed: { result: HandlerResult; sent: unknown[] } | undefined;
    const warnings = await warningsDuring(async () => (claimed = await handledWith(createHandler(env), forged)));
    expect(claimed?.result).toMatchObject({ decision: 'ignore', rule: 'claims-staff-address', sent: [] });
    expect(claimed?.sent).toEqual([]);
    expect(warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/staff address as sender/) }));
    // Redirected: the envelope sender staff's, From the writer's, who wrote to staff alone.
    const redirected = await deliver({ ...question(STAFF), fromField: 'Lena Ortiz <lena@writer.example>', subject: 'Redirected' });
    const passedOn = await handledWith(handler, redirected);
    expect(passedOn.result).toMatchObject({ decision: 'escalate', rule: 'passed-on-by-staff' });
    expect(passedOn.sent.map((s) => s.to)).toEqual([[STAFF]]);
    expect(passedOn.sent[0].mail.replyTo?.value.map((a) => a.address)).toEqual(['lena@writer.example']);
    // Staff's mailbox redirecting that hand-over back to the inbox starts no loop: it is our own mail.
    const handOver = aws.ses.sentRaw()[aws.ses.sentRaw().length - 1].raw;
    const back = Buffer.concat([Buffer.from(`Return-Path: <${STAFF}>\r\nResent-From: ${STAFF}\r\n`), handOver]);
    expect(await handledWith(handler, await deliverRaw(back, STAFF))).toMatchObject({
      result: { decision: 'ignore', rule: 'from-ourselves' },
      sent: [],
    });
    for (const [event, rule] of [
      [staffOwn, 'from-ourselves'],
      [forged, 'claims-staff-address'],
      [redirected, 'passed-on-by-staff'],
    ] as const)
      expect(await decisions.get(event.Records[0].ses.mail.messageId)).toMatchObject({ rule });
    const digest = await sentDuring(aws.ses, () => createDigestHandler(env, tomorrow)());
    expect(digest[0].mail.text).toContain(
      `claims-staff-address matched From: ${STAFF}\n  Subject: Forged?\n  SES message id: ${forged.Records[0].ses.mail.messageId}`,
    );
    expect(digest[0].mail.text).not.toContain(staffOwn.Records[0].ses.mail.messageId);
  });

  it('is our own answer, hand-over or digest coming back: dropped as ours, nothing sent, none listed in the digest', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const before = aws.ses.sentRaw().length;
    expect((await handler(await deliver(question('fay@writer.example')), lambdaContext())).rule).toBe('matched');
    expect((await handler(await deliver(unanswerable('gus@writer.example')), lambdaContext())).decision).toBe('escalate');
    await createDigestHandler(env, tomorrow)();
    const ours = aws.ses.sentRaw().slice(before);
    expect(ours.map((mail) => mail.destinations)).toEqual([['fay@writer.example'], [STAFF], [STAFF]]);
    for (const mail of ours) {
      // A writer's or a staff mailbox that sends it back (a forward rule, an alias of the inbox) keeps its header.
      const { result, sent } = await handledWith(handler, await deliverRaw(mail.raw, INBOX));
      expect(result).toMatchObject({ decision: 'ignore', rule: 'from-ourselves', sent: [] });
      expect(sent).toEqual([]);
    }
    const digest = await sentDuring(aws.ses, () => createDigestHandler(env, tomorrow)());
    expect(digest[0].mail.text).not.toContain('Ignored on a guess');
  });
  it('is our own mail coming back without its marks (a relay that strips them): nothing sent, no loop, a line in the next digest', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const before = aws.ses.sentRaw().length;
    await handler(await deliver(question('hal@writer.example')), lambdaContext());
    await handler(await deliver(unanswerable('ida@writer.example')), lambdaContext());
    await createDigestHandler(env, tomorrow)();
    const ours = aws.ses.sentRaw().slice(before);
    expect(ours).toHaveLength(3);
    // Each field with the lines it is folded onto.
    const stripped = (raw: Buffer) =>
      Buffer.from(raw.toString('latin1').replace(/^(?:Auto-Submitted|X-Faqmail-Answer):.*\r\n(?:[ \t].*\r\n)*/gim, ''), 'latin1');
    for (const mail of ours) {
      const raw = stripped(mail.raw);
      expect(raw.toString('latin1')).not.toMatch(/^(?:Auto-Submitted|X-Faqmail-Answer):/im);
      // Read as a bounce of the hand-over it shows, it would fail into the dead-letter queue; answered, it would go to the inbox.
      const { result, sent } = await handledWith(handler, await deliverRaw(raw, INBOX));
      expect(result).toMatchObject({ decision: 'ignore', rule: 'claims-our-address', sent: [] });
      expect(sent).toEqual([]);
    }
    const digest = await sentDuring(aws.ses, () => createDigestHandler(env, tomorrow)());
    expect(digest).toHaveLength(1);
    expect(digest[0].mail.text).toContain(`claims-our-address matched From: ${INBOX}`);
  });
});

describe("a writer's subject in the staff mail's verdict links", () => {
  it('hands over, showing the message, a subject whose encoded word decodes to half a UTF-16 pair', async () => {
    const handler = createHandler(await environment());
    // UTF-16 cut mid-pair (an encoder splitting a long subject by bytes, or anyone on purpose): a lone surrogate.
    const subject = 'Rate limits =?UTF-16BE?B?2D0=?=';
    const { result, sent } = await handledWith(handler, await deliver({ ...unanswerable('half@writer.example'), subject }));
    // Before: the verdict links' encodeURIComponent threw URIError on it, so the hand-over failed as a defect of ours
    // (processing-failed) and the one that went instead showed nothing of the message, with no Reply-To to the writer.
    expect(result).toMatchObject({ decision: 'escalate', rule: 'no-match' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
    expect(sent[0].mail.replyTo?.value.map((a) => a.address)).toEqual(['half@writer.example']);
    expect(sent[0].mail.text).toContain('mailto:developers@example.com?subject=Verdict%3A%20Rate%20limits%20%EF%BF%BD&body=');
  });
});

describe('a defect of ours', () => {
  it('hands the message to staff at once, without retries, when composing the answer throws', async () => {
    const reply = await import('../../lambda/compose/reply');
    const compose = jest.spyOn(reply, 'composeReply').mockRejectedValueOnce(new TypeError('a bug in composing'));
    try {
      const handler = createHandler(await environment());
      const event = await deliver(question('bug@writer.example'));
      const { result, sent } = await handledWith(handler, event);
      expect(result).toMatchObject({ decision: 'escalate', rule: 'processing-failed' });
      expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
      expect(sent[0].mail.text).toMatch(/a defect in faqmail .*failed to compose the message: a bug in composing/s);
      expect(sent[0].mail.attachments).toHaveLength(1);
    } finally {
      compose.mockRestore();
    }
  });

  it('says in the hand-over made because processing failed that nothing vouches for the From address', async () => {
    // SES refuses the decided hand-over on every attempt; the last attempt's hand-over for the failure shows the message.
    const relay = await sesRejecting(({ raw }) => raw.toString('latin1').includes('faqmail rule: unauthenticated'));
    try {
      const handler = createHandler(await environment({ FAQMAIL_SES_ENDPOINT: relay.endpoint }));
      const event = await deliver(question('forged@writer.example'), { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' });
      let runs: { failed: number; result?: HandlerResult } = { failed: 0 };
      const sent = await sentDuring(aws.ses, async () => {
        runs = await asLambdaRuns(handler, event);
      });
      expect(runs).toMatchObject({ failed: 2, result: { decision: 'escalate', rule: 'processing-failed' } });
      expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
      // Without it, staff were told to reply to a From address that anyone may have written.
      expect(sent[0].mail.text?.replace(/\s+/g, ' ')).toContain(
        "nothing in the message's authentication vouches for its From address forged@writer.example",
      );
    } finally {
      await relay.stop();
    }
  });
});

describe('a defect of ours in composing the hand-over itself', () => {
  it('hands over a notice that shows nothing of the message when a hand-over that shows it cannot be composed', async () => {
    const escalation = await import('../../lambda/compose/escalation');
    const original = escalation.composeEscalation;
    // A bug that something in this message trips whenever a hand-over shows it; the answer, composed apart, is fine.
    const compose = jest
      .spyOn(escalation, 'composeEscalation')
      .mockImplementation((input) => (input.message ? Promise.reject(new TypeError('a bug in showing the message')) : original(input)));
    // SES refuses the answer on every attempt, so that the last one hands the message over.
    const relay = await sesRejecting(({ destinations }) => destinations.includes('trips@writer.example'));
    try {
      const handler = createHandler(await environment({ FAQMAIL_SES_ENDPOINT: relay.endpoint }));
      const event = await deliver(question('trips@writer.example'));
      // Before: the last attempt's hand-over threw as it was composed, and the event went to the dead-letter queue.
      const sent = await noticeOnLastAttempt(handler, event);
      expect(sent[0].mail.text?.replace(/\s+/g, ' ')).toContain(
        'Composing the hand-over that showed the message failed (a bug in showing the message)',
      );
      expect(sent[0].mail.attachments).toHaveLength(1);
    } finally {
      compose.mockRestore();
      await relay.stop();
    }
  });
});

describe('the same message twice', () => {
  it('answers a Message-ID from a sender once, though SES delivers it again under a new id', async () => {
    const handler = createHandler(await environment());
    const first = await deliver(question('twice@writer.example'));
    const again = await deliverAgain(first, question('twice@writer.example'));
    let second: HandlerResult | undefined;
    const sent = await sentDuring(aws.ses, async () => {
      await handler(first, lambdaContext());
      second = await handler(again, lambdaContext());
    });
    expect(sent.map((s) => s.to)).toEqual([['twice@writer.example']]);
    expect(second).toMatchObject({ decision: 'ignore', rule: 'copy', sent: [] });
  });

  it('hands staff a different message that reuses the Message-ID of one answered before, and still ignores a true copy', async () => {
    // Some mailers and scripts write one Message-ID on every message they send.
    const handler = createHandler(await environment());
    const first = await deliver(question('reuse@writer.example'));
    const other = await deliverAgain(first, unanswerable('reuse@writer.example'));
    const copy = await deliverAgain(first, question('reuse@writer.example'));
    const results: HandlerResult[] = [];
    const sent = await sentDuring(aws.ses, async () => {
      for (const event of [first, other, copy]) results.push(await handler(event, lambdaContext()));
    });
    // Before: the second message was ignored as a copy of the first (rule copy), and reached nobody.
    expect(results.map((r) => `${r.decision}:${r.rule}`)).toEqual(['answer:matched', 'escalate:reused-message-id', 'ignore:copy']);
    expect(sent.map((s) => s.to)).toEqual([['reuse@writer.example'], [STAFF]]);
    expect(sent[1].mail.text).toContain(first.Records[0].ses.mail.messageId);
  });

  it('takes no daily answer of the sender for the copy: two more questions are still answered', async () => {
    const handler = createHandler(await environment());
    const first = await deliver(question('thrice@writer.example'));
    const again = await deliverAgain(first, question('thrice@writer.example'));
    const results: HandlerResult[] = [await handler(first, lambdaContext()), await handler(again, lambdaContext())];
    for (let i = 0; i < 3; i++) results.push(await handler(await deliver(question('thrice@writer.example')), lambdaContext()));
    expect(results.map((r) => r.rule)).toEqual(['matched', 'copy', 'matched', 'matched', 'sender-limit']);
  });

  it('answers the copy Bcc brought to the inbox though the copy for another mailbox of the domain came first', async () => {
    // A sending server delivers a Bcc apart from the message's other recipients: one Message-ID, two SES ids.
    const handler = createHandler(await environment());
    const spec = question('bcc@writer.example');
    const raw = Buffer.from(rawMail(spec, 'bcc-split').toString().replace(`To: ${INBOX}`, 'To: sales@example.com'));
    const delivered = async (recipients: string[]) => {
      const messageId = randomBytes(20).toString('hex');
      await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
      return sesEvent({ messageId, recipients, source: spec.from, raw });
    };
    const forSales = await delivered(['sales@example.com']);
    const forUs = await delivered([INBOX]);
    const results: HandlerResult[] = [];
    const sent = await sentDuring(aws.ses, async () => {
      results.push(await handler(forSales, lambdaContext()), await handler(forUs, lambdaContext()));
    });
    expect(results.map((r) => r.rule)).toEqual(['not-addressed-to-us', 'matched']);
    expect(sent.map((s) => s.to)).toEqual([['bcc@writer.example']]);
  });

  it.each([
    // The writer posts to a list the inbox reads and copies the inbox: the list's delivery may come first.
    ["a list's", 'list-headers', { header: 'List-Id: <dev.lists.example>' }, {}],
    // A forwarder (another address of the writer's choosing) broke the signature on its way.
    ["a forwarder's", 'dmarc-fail', {}, { dmarc: 'FAIL', spf: 'FAIL', dkim: 'FAIL' }],
  ] as Array<[string, string, { header?: string }, Partial<Verdicts>]>)(
    "answers the writer's own copy though %s copy came first and was dropped (%s)",
    async (_what, rule, change, verdicts) => {
      const env = await environment();
      const handler = createHandler(env);
      const spec = question(`own${randomBytes(3).toString('hex')}@writer.example`);
      const own = rawMail(spec, randomBytes(8).toString('hex'));
      const other = change.header ? Buffer.from(own.toString().replace('\r\nTo: ', `\r\n${change.header}\r\nTo: `)) : own;
      const delivered = async (raw: Buffer, receipt: Partial<Verdicts>) => {
        const messageId = randomBytes(20).toString('hex');
        await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
        return sesEvent({ messageId, recipients: [INBOX], source: spec.from, verdicts: receipt, raw });
      };
      const [dropped, answered] = [await delivered(other, verdicts), await delivered(own, {})];
      const results: HandlerResult[] = [];
      const sent = await sentDuring(aws.ses, async () => {
        results.push(await handler(dropped, lambdaContext()), await handler(answered, lambdaContext()));
      });
      // The dropped delivery claimed the Message-ID: the writer's own copy was ignored as its copy, and nobody saw it.
      expect(results.map((r) => r.rule)).toEqual([rule, 'matched']);
      expect(sent.map((s) => s.to)).toEqual([[spec.from]]);
      // One message, as the digest counts it: both records name it alike.
      const [first, second] = await Promise.all(results.map((r) => store(env).get(r.sesMessageId)));
      expect(first?.messageKey).toMatch(/^[0-9a-f]{64}$/);
      expect(second?.messageKey).toBe(first?.messageKey);
    },
  );

  it("answers the writer's own copy though a delivery with their From and Message-ID that nothing vouches for came first", async () => {
    const handler = createHandler(await environment());
    const spec = question(`own${randomBytes(3).toString('hex')}@writer.example`);
    const raw = rawMail(spec, randomBytes(8).toString('hex'));
    const delivered = async (receipt: Partial<Verdicts>) => {
      const messageId = randomBytes(20).toString('hex');
      await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
      return sesEvent({ messageId, recipients: [INBOX], source: spec.from, verdicts: receipt, raw });
    };
    // No DMARC record at the writer's domain (GRAY), and nothing else passes: anyone could have sent it.
    const [forged, own] = [await delivered({ dmarc: 'GRAY', spf: 'FAIL', dkim: 'FAIL' }), await delivered({})];
    const results: HandlerResult[] = [];
    const sent = await sentDuring(aws.ses, async () => {
      results.push(await handler(forged, lambdaContext()), await handler(own, lambdaContext()));
    });
    // The forged delivery claimed the Message-ID: the writer's own was ignored as its copy.
    expect(results.map((r) => r.rule)).toEqual(['unauthenticated', 'matched']);
    expect(sent.map((s) => s.to)).toEqual([[STAFF], [spec.from]]);
  });
});

describe('decision records', () => {
  /** A question no entry answers, handed to staff, and the Message-ID of the mail staff got. */
  async function handOverQuestion(handler: SesHandler, from: string): Promise<{ handedOver: HandlerResult; staffMail: string }> {
    const handedOver = await handler(
      await deliver({ from, subject: 'Token exchange', body: 'Why does the token exchange fail with invalid_client?' }),
      lambdaContext(),
    );
    return { handedOver, staffMail: sesMessageIdHeader(handedOver.sent[0].sesMessageId, 'us-east-1') };
  }

  /** Staff's reply to that mail, the verdict on its first line. */
  const staffReply = (staffMail: string, verdict: string): MailSpec => ({
    from: STAFF,
    subject: 'Re: [faqmail] Needs a person: Token exchange',
    body: verdict,
    inReplyTo: staffMail,
  });

  /** Staff's reply to that mail (`staffReply`, `fields` over it), stored and delivered as received at `receivedAt`. */
  async function staffReplyAt(staffMail: string, verdict: string, receivedAt: string, fields: Partial<MailSpec> = {}): Promise<SESEvent> {
    const event = await deliver({ ...staffReply(staffMail, verdict), ...fields });
    event.Records[0].ses.mail.timestamp = receivedAt;
    return event;
  }

  it('records each decision with its entries, questions and sender hash; a follow-up names the answer and its entries', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const since = new Date(Date.now() - 60_000);
    const first = await handler(await deliver(question('kai@writer.example')), lambdaContext());
    const ourAnswer = sesMessageIdHeader(first.sent[0].sesMessageId, 'us-east-1');
    const followUp = await handler(
      await deliver({
        from: 'kai@writer.example',
        subject: 'Re: OIN fees',
        body: 'That did not help. What does it cost?',
        inReplyTo: ourAnswer,
      }),
      lambdaContext(),
    );
    await handler(await deliver(question('lu@writer.example'), { spam: 'FAIL' }), lambdaContext());
    await handler(await deliver({ ...question('ro@writer.example'), subject: 'Automatic reply: OIN fees' }), lambdaContext());

    const records = await store(env).between(since, new Date(Date.now() + 60_000));
    expect(records.map((r) => [r.kind, r.rule])).toEqual([
      ['answer', 'matched'],
      ['escalate', 'follow-up'],
      ['ignore', 'spam'],
      ['ignore', 'auto-reply-subject'],
    ]);
    const [answered, followed, ignored, guessed] = records;
    expect(answered).toMatchObject({
      inboundId: first.sesMessageId,
      senderHash: addressHash('kai@writer.example'),
      replyMessageId: ourAnswer,
    });
    expect(answered.sent).toEqual([{ entry: expect.any(String), score: expect.any(Number) }]);
    expect(answered.questions).toEqual([
      expect.objectContaining({ text: expect.stringMatching(/cost associated with joining the OIN/), answered: true, open: false }),
    ]);
    expect(answered.questions[0].best?.entry).toBe(answered.sent[0].entry);
    expect(followed.followUpTo).toEqual({ inboundId: first.sesMessageId, entries: [answered.sent[0].entry] });
    expect(followed.staffMessageId).toBe(sesMessageIdHeader(followUp.sent[0].sesMessageId, 'us-east-1'));
    expect(ignored).toMatchObject({ sent: [], questions: [], matched: 'spam verdict FAIL', subject: 'OIN fees' });
    // What the rule matched and the subject: staff check in the digest that no person was dropped.
    expect(guessed).toMatchObject({ matched: '"automatic reply:"', subject: 'Automatic reply: OIN fees' });
    expect(answered).not.toHaveProperty('matched');
    expect(answered).not.toHaveProperty('subject');
    expect(JSON.stringify(records)).not.toContain('writer.example');

    // Staff's verdict finds the record by the Message-ID of the mail they were sent.
    expect(await store(env).staffMailRepliedTo([followed.staffMessageId!])).toBe(followed.inboundId);
    expect(await store(env).attachVerdict(followed.inboundId, { verdict: 'good', at: new Date().toISOString() })).toBe('recorded');
    expect((await store(env).get(followed.inboundId))?.verdict).toMatchObject({ verdict: 'good' });
  });

  it('keeps the verdict of the later staff reply when the earlier is processed after it (a retry, a late delivery)', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const { handedOver, staffMail } = await handOverQuestion(handler, 'vi@writer.example');
    const reply = (verdict: string, receivedAt: string) => staffReplyAt(staffMail, verdict, receivedAt);
    const earlier = await reply('good', '2026-03-02T10:00:00.000Z');
    const later = await reply('should answer: is-there-a-cost-associated-with-joining-the', '2026-03-02T10:05:00.000Z');
    expect((await handler(later, lambdaContext())).rule).toBe('staff-verdict');
    expect((await handler(earlier, lambdaContext())).rule).toBe('staff-verdict');
    expect((await store(env).get(handedOver.sesMessageId))?.verdict).toEqual({
      verdict: 'should-answer',
      entries: ['is-there-a-cost-associated-with-joining-the'],
      at: '2026-03-02T10:05:00.000Z',
      by: addressHash(STAFF),
    });
  });

  it('reads an entry named by the key the decision chose it by, though the FAQ has renamed or removed it since', async () => {
    const env = await environment();
    const handler = createHandler(env);
    // A proposal of two entries, the first under a key the FAQ no longer has (an edit of its question's first words).
    const renamed = 'is-there-a-fee-for-listing-an-app';
    const cost = 'is-there-a-cost-associated-with-joining-the';
    const verdictOn = async (chosen: string[], inboundId: string, verdict: string) => {
      const staffMail = `<${inboundId}-staff@email.amazonses.com>`;
      await store(env).write({
        inboundId,
        receivedAt: new Date().toISOString(),
        decidedAt: new Date().toISOString(),
        kind: 'answer',
        rule: 'matched',
        sent: chosen.map((entry) => ({ entry, score: 0.8 })),
        questions: [],
        heldBack: true,
        staffMessageId: staffMail,
      });
      expect((await handler(await deliver(staffReply(staffMail, verdict)), lambdaContext())).rule).toBe('staff-verdict');
      return (await store(env).get(inboundId))?.verdict;
    };
    // Before: the key was read against today's FAQ (as a question, failing all else), so this blamed `cost` (or an entry
    // the matcher took the key for), which staff called right, and counted the key's entry as one that answers.
    expect(await verdictOn([renamed, cost], 'renamed-wrong', `wrong: ${renamed}`)).toMatchObject({ verdict: 'wrong', entries: [renamed] });
    // Before: the proposal staff called right counted as a wrong answer.
    const right = await verdictOn([renamed], 'renamed-right', `should answer: ${renamed.toUpperCase()}`);
    expect(right).toMatchObject({ verdict: 'should-answer', entries: [renamed] });
    expect(right).not.toHaveProperty('unresolved');
  });

  it('keeps the verdict a second staff member overrules beside the later one, which counts', async () => {
    const lead = 'lead@example.com';
    const env = await environment({ FAQMAIL_STAFF_ADDRESSES: `${STAFF},${lead}` });
    const handler = createHandler(env);
    const { handedOver, staffMail } = await handOverQuestion(handler, 'vo@writer.example');
    const reply = async (from: string, verdict: string, receivedAt: string) =>
      handler(await staffReplyAt(staffMail, verdict, receivedAt, { from }), lambdaContext());
    await reply(STAFF, 'good', '2026-03-02T10:00:00.000Z');
    await reply(lead, 'wrong', '2026-03-02T10:05:00.000Z');
    // Before: the later verdict replaced the earlier one without a trace, so a disagreement read as a verdict like any other.
    expect((await store(env).get(handedOver.sesMessageId))?.verdict).toEqual({
      verdict: 'wrong',
      at: '2026-03-02T10:05:00.000Z',
      by: addressHash(lead),
      overrules: { verdict: 'good', at: '2026-03-02T10:00:00.000Z', by: addressHash(STAFF) },
    });
    // Its author agreeing settles it.
    await reply(STAFF, 'wrong', '2026-03-02T10:10:00.000Z');
    expect((await store(env).get(handedOver.sesMessageId))?.verdict).not.toHaveProperty('overrules');
  });

  it("keeps the disagreement when the overruled staff member's earlier verdict is processed after the later one", async () => {
    const lead = 'lead@example.com';
    const env = await environment({ FAQMAIL_STAFF_ADDRESSES: `${STAFF},${lead}` });
    const handler = createHandler(env);
    const { handedOver, staffMail } = await handOverQuestion(handler, 'vu@writer.example');
    const reply = (from: string, verdict: string, receivedAt: string) => staffReplyAt(staffMail, verdict, receivedAt, { from });
    const earlier = await reply(STAFF, 'good', '2026-03-02T10:00:00.000Z');
    const later = await reply(lead, 'wrong', '2026-03-02T10:05:00.000Z');
    await handler(later, lambdaContext());
    // A retry, or a late delivery: before, it was dropped as older, and with it the sign that staff disagreed.
    await handler(earlier, lambdaContext());
    expect((await store(env).get(handedOver.sesMessageId))?.verdict).toEqual({
      verdict: 'wrong',
      at: '2026-03-02T10:05:00.000Z',
      by: addressHash(lead),
      overrules: { verdict: 'good', at: '2026-03-02T10:00:00.000Z', by: addressHash(STAFF) },
    });
    // The same staff member's own earlier verdict, processed late, is no disagreement.
    const own = await reply(lead, 'good', '2026-03-02T10:01:00.000Z');
    await handler(own, lambdaContext());
    expect((await store(env).get(handedOver.sesMessageId))?.verdict).toMatchObject({
      verdict: 'wrong',
      overrules: { by: addressHash(STAFF) },
    });
  });

  it('warns of a disagreement when it begins, not at each verdict that keeps it, and of a verdict also sent to the writer', async () => {
    const lead = 'lead@example.com';
    const env = await environment({ FAQMAIL_STAFF_ADDRESSES: `${STAFF},${lead}` });
    const warnings = await warningsDuring(async () => {
      const handler = createHandler(env);
      const { staffMail } = await handOverQuestion(handler, 'wyn@writer.example');
      const reply = async (from: string, verdict: string, receivedAt: string, cc?: string) =>
        handler(await staffReplyAt(staffMail, verdict, receivedAt, { from, ...(cc ? { cc } : {}) }), lambdaContext());
      await reply(STAFF, 'good', '2026-03-02T10:00:00.000Z');
      await reply(lead, 'wrong', '2026-03-02T10:05:00.000Z', 'wyn@writer.example');
      // The lead says it again: the same disagreement, no new one.
      await reply(lead, 'wrong', '2026-03-02T10:07:00.000Z');
    });
    const said = (start: string) => warnings.filter((w) => String(w.message).startsWith(start));
    expect(said('A staff verdict replaces')).toEqual([expect.objectContaining({ verdict: 'wrong', overrules: 'good' })]);
    expect(said('A staff verdict was also addressed')).toEqual([expect.objectContaining({ alsoTo: 1 })]);
  });

  it("warns of a staff reply without a verdict only when it went to staff and the inbox alone: staff's answer to the writer copying it is logged", async () => {
    const env = await environment();
    let unreadable: HandlerResult | undefined;
    const logs = await logsDuring('INFO', async () => {
      const handler = createHandler(env);
      const { staffMail } = await handOverQuestion(handler, 'yan@writer.example');
      const answer = { ...staffReply(staffMail, 'Hi Yan, the client secret was rotated; use the new one.'), cc: 'yan@writer.example' };
      expect((await handler(await deliver(answer), lambdaContext())).rule).toBe('staff-note');
      const note = { ...staffReply(staffMail, 'I have answered her myself.'), cc: STAFF };
      expect((await handler(await deliver(note), lambdaContext())).rule).toBe('staff-note');
      // To the inbox alone, which only faqmail reads: a verdict was meant. Before: a note, in the log alone.
      unreadable = await handler(await deliver(staffReply(staffMail, 'Good — thanks')), lambdaContext());
      // But a staff member's out-of-office notice answering the staff mail is a note still.
      const away = {
        ...staffReply(staffMail, 'I am out of the office until Monday.'),
        subject: 'Automatic reply: [faqmail] Needs a person',
      };
      expect((await handler(await deliver(away), lambdaContext())).rule).toBe('staff-note');
    });
    expect(unreadable?.rule).toBe('staff-verdict-unreadable');
    expect(await store(env).get(unreadable!.sesMessageId)).toMatchObject({ rule: 'staff-verdict-unreadable' });
    const noVerdict = logs.filter((line) => /no verdict/.test(String(line.message)));
    // Before: every staff answer that copied the inbox warned that it had no verdict on its first line.
    expect(noVerdict).toEqual([
      expect.objectContaining({ level: 'INFO', alsoTo: 1 }),
      expect.objectContaining({ level: 'WARN', firstLine: 'I have answered her myself.' }),
      expect.objectContaining({ level: 'WARN', message: expect.stringMatching(/cannot be read/) }),
      expect.objectContaining({ level: 'WARN', firstLine: 'I am out of the office until Monday.' }),
    ]);
    // The answer's first line greets the writer by name: no operator needs it in the log.
    expect(JSON.stringify(noVerdict[0])).not.toContain('Yan');
  });

  it('takes no verdict from a staff reply sent to the writer alone, which the writer delivers to the inbox', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const { handedOver, staffMail } = await handOverQuestion(handler, 'mallory@writer.example');
    // Staff answered the writer by Reply (the hand-over's Reply-To) with a verdict word first, and did not add the inbox:
    // the writer holds a reply to our staff mail that our domain signed, and sends it on from their own server.
    const messageId = randomBytes(20).toString('hex');
    const raw = Buffer.from(
      [
        'Return-Path: <mallory@writer.example>',
        'Authentication-Results: amazonses.com;',
        ' spf=pass (spfCheck: domain of writer.example designates 192.0.2.7 as permitted sender) client-ip=192.0.2.7; envelope-from=mallory@writer.example; helo=mx.writer.example;',
        ' dkim=pass header.i=@example.com;',
        ' dmarc=pass header.from=example.com;',
        'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;',
        ' h=from:to:subject:in-reply-to:references:message-id; bh=Qfe63doCgarLAu72DFgPFsmMpzp1GmM7JB9ComTRw8k=;',
        ' b=U6EpGWpdmbL6EKJD4iyAWwdqjM6PstFTkv9Ntv5ogE5R4m3N8QDLDur+ePJbZA0JzAS/uwcic31M2kKW',
        `From: Sam Staff <${STAFF}>`,
        'To: mallory@writer.example',
        'Subject: Re: [faqmail] Needs a person: Token exchange',
        `In-Reply-To: ${staffMail}`,
        `References: ${staffMail}`,
        `Message-ID: <${messageId}@example.com>`,
        'Date: Mon, 2 Mar 2026 09:00:00 +0000',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Wrong.',
        '',
        'Hi, sorry, a person will get back to you about the token exchange.',
        '',
      ].join('\r\n'),
    );
    await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
    const event = sesEvent({ messageId, recipients: [INBOX], source: 'mallory@writer.example', raw });
    // Before: taken as staff's verdict, given when the writer chose (it would replace a later one). Listed in the digest, not taken.
    expect(await handler(event, lambdaContext())).toMatchObject({ decision: 'ignore', rule: 'staff-verdict-unauthenticated', sent: [] });
    expect((await store(env).get(handedOver.sesMessageId))?.verdict).toBeUndefined();
  });

  it('takes a staff verdict once: one staff also sent the writer, sent in again later, cannot undo a later verdict', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const { handedOver, staffMail } = await handOverQuestion(handler, 'mallory@writer.example');
    // Staff reply to the hand-over (its Reply-To is the writer) and add the inbox: the writer holds the verdict, signed by our domain.
    const verdict = (word: string) => staffReply(staffMail, word);
    const good = await deliver(verdict('good'));
    expect((await handler(good, lambdaContext())).rule).toBe('staff-verdict');
    const wrong = await deliver(verdict('wrong'));
    wrong.Records[0].ses.mail.timestamp = new Date(Date.now() + 60_000).toISOString();
    expect((await handler(wrong, lambdaContext())).rule).toBe('staff-verdict');
    // Before: staff mail claimed no Message-ID, so the replay was a verdict given now, and it replaced "wrong".
    const replayed = await deliverAgain(good, verdict('good'), 'mallory@writer.example');
    replayed.Records[0].ses.mail.timestamp = new Date(Date.now() + 120_000).toISOString();
    expect(await handler(replayed, lambdaContext())).toMatchObject({ decision: 'ignore', rule: 'copy', sent: [] });
    expect((await store(env).get(handedOver.sesMessageId))?.verdict).toMatchObject({ verdict: 'wrong' });
  });

  /**
   * A question handed to staff, and the mail one of its verdict links (picked by its first line,
   * e.g. `good`) opens, as staff's client writes it.
   */
  async function handOverWithLink(
    handler: SesHandler,
    from: string,
    word: string,
  ): Promise<{ handedOver: HandlerResult; staffMail: string; link: MailSpec & { to: string } }> {
    const { result: handedOver, sent } = await handledWith(
      handler,
      await deliver({ from, subject: 'Token exchange', body: 'Why does the token exchange fail with invalid_client?' }),
    );
    const text = sent[0].mail.text ?? '';
    const uri = [...text.matchAll(/mailto:\S+/g)]
      .map((m) => new URL(m[0]))
      .find((u) => u.searchParams.get('body')?.split('\r\n')[0] === word);
    if (!uri) throw new Error(`The staff mail has no verdict link for ${word}:\n${text}`);
    const link = { to: uri.pathname, from: STAFF, subject: uri.searchParams.get('subject')!, body: uri.searchParams.get('body')! };
    return { handedOver, staffMail: sesMessageIdHeader(handedOver.sent[0].sesMessageId, 'us-east-1'), link };
  }

  it("takes a verdict sent through the staff mail's link (to the inbox only, replying to nothing) on the decision it names", async () => {
    const env = await environment();
    const handler = createHandler(env);
    const { handedOver, link } = await handOverWithLink(handler, 'tia@writer.example', 'good');
    // The link writes to the inbox alone, whatever the staff mail's Reply-To (the writer).
    expect(link.to).toBe(INBOX);
    expect(link.body).toBe(`good\r\n\r\nfaqmail-ref: ${handedOver.sesMessageId}\r\n`);
    const event = await deliver(link);
    // Before: no In-Reply-To or References, so it was no verdict, and mail from staff was dropped (from-ourselves).
    expect(await handler(event, lambdaContext())).toMatchObject({ decision: 'ignore', rule: 'staff-verdict', sent: [] });
    expect((await store(env).get(handedOver.sesMessageId))?.verdict).toEqual({
      verdict: 'good',
      at: new Date(event.Records[0].ses.mail.timestamp).toISOString(),
      by: addressHash(STAFF),
    });
    // Taken once, as a reply is: the same mail again is a copy, not a verdict given later.
    const replayed = await deliverAgain(event, link);
    replayed.Records[0].ses.mail.timestamp = new Date(Date.now() + 60_000).toISOString();
    expect(await handler(replayed, lambdaContext())).toMatchObject({ decision: 'ignore', rule: 'copy', sent: [] });
  });

  it('takes no verdict from a link sent by anyone not on staff, or from a staff From nothing authenticates', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const { handedOver, link } = await handOverWithLink(handler, 'uma@writer.example', 'wrong');
    // The writer holds the reference (a staff reply may quote it) and sends it from their own address.
    const fromWriter = await handler(await deliver({ ...link, from: 'uma@writer.example' }), lambdaContext());
    expect(fromWriter.rule).not.toBe('staff-verdict');
    // Or writes a staff From their domain cannot vouch for: as staff whose domain's SPF and DKIM are broken would.
    let forged: HandlerResult | undefined;
    const warnings = await warningsDuring(async () => {
      forged = await createHandler(env)(await deliver(link, { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' }), lambdaContext());
    });
    // Before: from-ourselves, among any other mail from our addresses; only a log line said a verdict was refused.
    expect(forged).toMatchObject({ decision: 'ignore', rule: 'staff-verdict-unauthenticated', sent: [] });
    expect(warnings).toContainEqual(expect.objectContaining({ why: expect.stringMatching(/is not authenticated/) }));
    // Recorded under that rule for the digest to list, and the decision it names is left alone.
    expect(await store(env).get(forged!.sesMessageId)).toMatchObject({ kind: 'ignore', rule: 'staff-verdict-unauthenticated' });
    expect((await store(env).get(handedOver.sesMessageId))?.verdict).toBeUndefined();
  });

  // Before: both were notes (staff-note), logged alone, while the staff member believed a verdict was recorded.
  it("takes a link's 'wrong:' sent with no entry typed as 'wrong', and records 'should answer:' with none for the digest", async () => {
    const env = await environment();
    const handler = createHandler(env);
    const wrong = await handOverWithLink(handler, 'yan@writer.example', 'wrong: ');
    // A phone's signature below is no entry typed there.
    const fromPhone = { ...wrong.link, body: `${wrong.link.body}\r\nSent from my iPhone\r\n` };
    expect(await handler(await deliver(fromPhone), lambdaContext())).toMatchObject({ rule: 'staff-verdict', sent: [] });
    expect((await store(env).get(wrong.handedOver.sesMessageId))?.verdict).toEqual({
      verdict: 'wrong',
      at: expect.any(String),
      by: addressHash(STAFF),
    });
    const should = await handOverWithLink(handler, 'zoe@writer.example', 'should answer: ');
    const result = await handler(await deliver(should.link), lambdaContext());
    expect(result).toMatchObject({ decision: 'ignore', rule: 'staff-verdict-unreadable', sent: [] });
    expect(await store(env).get(result.sesMessageId)).toMatchObject({ rule: 'staff-verdict-unreadable' });
    expect((await store(env).get(should.handedOver.sesMessageId))?.verdict).toBeUndefined();
    // The entry typed before the pre-filled word: the first line is no verdict. Before: a note (staff-note), logged alone.
    const before = { ...should.link, body: `is-there-a-cost${should.link.body}` };
    expect(await handler(await deliver(before), lambdaContext())).toMatchObject({ rule: 'staff-verdict-unreadable', sent: [] });
    expect((await store(env).get(should.handedOver.sesMessageId))?.verdict).toBeUndefined();
  });

  it('logs and ignores a reference naming no decision on record, without failing the event', async () => {
    const env = await environment();
    let result: HandlerResult | undefined;
    const warnings = await warningsDuring(async () => {
      const handler = createHandler(env);
      const { link } = await handOverWithLink(handler, 'vic@writer.example', 'good');
      const unknown = { ...link, body: 'good\r\n\r\nfaqmail-ref: 0000nosuchmessage\r\n' };
      result = await handler(await deliver(unknown), lambdaContext());
    });
    // Before: dropped as our own mail (from-ourselves), the judgement lost with a log line that staff never see.
    expect(result).toMatchObject({ decision: 'ignore', rule: 'staff-verdict-no-record', sent: [] });
    expect(warnings).toContainEqual(
      expect.objectContaining({ why: expect.stringMatching(/faqmail-ref: 0000nosuchmessage names no decision on record/) }),
    );
    // Recorded under that rule, so that the digest can count it.
    expect(await store(env).get(result!.sesMessageId)).toMatchObject({ kind: 'ignore', rule: 'staff-verdict-no-record' });
  });

  it('records a verdict whose staff mail is remembered but whose decision is gone as naming no decision on record', async () => {
    const env = await environment();
    // The way from a staff mail to its message outlives the decision record (a hand-over made later, whose
    // item was written afresh), or the record expires between the lookup and the verdict.
    const staffMail = '<0000staffmailofagonerecord@email.amazonses.com>';
    await localDocuments(aws.dynamodb.endpoint).put({
      TableName: env.FAQMAIL_STATE_TABLE,
      Item: { pk: keys.staffMail(staffMail), inboundId: '0000gonerecord', expiresAt: Math.floor(Date.now() / 1000) + 3600 },
    });
    let result: HandlerResult | undefined;
    const warnings = await warningsDuring(async () => {
      result = await createHandler(env)(await deliver(staffReply(staffMail, 'good')), lambdaContext());
    });
    // Before: rule staff-verdict, as though it had been recorded; only a log line said otherwise.
    expect(result).toMatchObject({ decision: 'ignore', rule: 'staff-verdict-no-record', sent: [] });
    expect(warnings).toContainEqual(expect.objectContaining({ about: '0000gonerecord' }));
    expect(await store(env).get(result!.sesMessageId)).toMatchObject({ rule: 'staff-verdict-no-record' });
  });

  it('goes by the staff mail a reply names before any reference in it: the Reply route is unchanged', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const first = await handOverWithLink(handler, 'wes@writer.example', 'good');
    const second = await handOverWithLink(handler, 'xia@writer.example', 'good');
    // A reply to the first staff mail whose body carries the second's reference (pasted, say): the reply's thread wins.
    await handler(await deliver({ ...staffReply(first.staffMail, 'wrong'), body: `wrong\n\n${second.link.body}` }), lambdaContext());
    expect((await store(env).get(first.handedOver.sesMessageId))?.verdict).toMatchObject({ verdict: 'wrong' });
    expect((await store(env).get(second.handedOver.sesMessageId))?.verdict).toBeUndefined();
  });

  it('records a hand-over made because processing failed, so that a staff verdict on it finds its message', async () => {
    const reply = await import('../../lambda/compose/reply');
    const compose = jest.spyOn(reply, 'composeReply').mockRejectedValueOnce(new TypeError('a bug in composing'));
    try {
      const env = await environment();
      const handler = createHandler(env);
      let failed: HandlerResult | undefined;
      const mails = await sentDuring(aws.ses, async () => {
        failed = await handler(await deliver(question('ida@writer.example')), lambdaContext());
      });
      expect(failed).toMatchObject({ decision: 'escalate', rule: 'processing-failed' });
      if (!failed) throw new Error('not handled');
      // Its verdict links name the message too.
      expect(mails[0].mail.text).toContain(`faqmail-ref%3A%20${failed.sesMessageId}`);
      const staffMail = sesMessageIdHeader(failed.sent[0].sesMessageId, 'us-east-1');
      // Before: no record, so the digest did not count it and a verdict on it found no message.
      expect(await store(env).get(failed.sesMessageId)).toMatchObject({
        kind: 'escalate',
        rule: 'processing-failed',
        staffMessageId: staffMail,
      });
      const verdict = await deliver(staffReply(staffMail, 'good'));
      expect((await handler(verdict, lambdaContext())).rule).toBe('staff-verdict');
      expect((await store(env).get(failed.sesMessageId))?.verdict).toMatchObject({ verdict: 'good' });
    } finally {
      compose.mockRestore();
    }
  });

  it("the digest function sends the last whole days' digest to the digest recipients", async () => {
    const env = await environment({ FAQMAIL_DIGEST_RECIPIENTS: 'lead@example.com' });
    const handler = createHandler(env);
    await handler(await deliver(question('nia@writer.example')), lambdaContext());
    const guessed = await handler(
      await deliver({ ...question('oz@writer.example'), subject: 'Automatic reply: OIN fees' }),
      lambdaContext(),
    );
    const spam = await handler(await deliver(question('pia@writer.example'), { spam: 'FAIL' }), lambdaContext());
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    let result: DigestResult | undefined;
    const sent = await sentDuring(aws.ses, async () => {
      result = await createDigestHandler(env, () => tomorrow)();
    });
    expect(result).toMatchObject({ received: 3, unanswered: 0, sesMessageId: expect.any(String) });
    expect(sent.map((s) => s.to)).toEqual([['lead@example.com']]);
    expect(sent[0].mail.subject).toMatch(/^\[faqmail\] digest .*: 3 received, 0 questions unanswered$/);
    // The drop on a guess is listed for staff to check and fetch; the spam verdict's is not.
    const text = sent[0].mail.text ?? '';
    expect(text).toMatch(
      new RegExp(
        `auto-reply-subject matched "automatic reply:"\n  Subject: Automatic reply: OIN fees\n  SES message id: ${guessed.sesMessageId}`,
      ),
    );
    expect(text).not.toContain(spam.sesMessageId);
  });

  it("keeps no question text, nor a dropped message's subject, when recordQuestionText is off", async () => {
    const env = await environment({ FAQMAIL_RECORD_QUESTION_TEXT: 'false' });
    const handler = createHandler(env);
    const result = await handler(await deliver(question('mo@writer.example')), lambdaContext());
    const record = await store(env).get(result.sesMessageId);
    expect(record?.questions).toEqual([{ source: expect.any(String), best: expect.any(Object), answered: true, open: false }]);
    const dropped = await handler(await deliver({ ...question('mo@writer.example'), subject: 'Out of office: OIN fees' }), lambdaContext());
    expect(dropped.rule).toBe('auto-reply-subject');
    const kept = await store(env).get(dropped.sesMessageId);
    // The marker, not the subject: the rest of it is the writer's own.
    expect(kept).toMatchObject({ kind: 'ignore', matched: '"out of office:"' });
    expect(kept).not.toHaveProperty('subject');
  });
});

describe("the function's entry point", () => {
  it('takes its settings from the process environment, as set by the stack', async () => {
    Object.assign(process.env, await environment());
    const event = await deliver(question('ida@writer.example'));
    const sent = await sentDuring(aws.ses, () => lambdaHandler(event, lambdaContext()));
    expect(sent.map((s) => s.to)).toEqual([['ida@writer.example']]);
  });
});

describe('logs and metrics', () => {
  it('logs the decision as JSON with masked addresses and no message text, and writes EMF metrics', async () => {
    const records = await outputDuring(
      async () => {
        const handler = createHandler(await environment());
        await handler(
          await deliver({
            from: 'hannelore.quist@writer.example',
            subject: 'Zebracorn pricing',
            body: 'Is there a cost associated with joining the OIN? We are Zebracorn Ltd.',
          }),
          lambdaContext(),
        );
      },
      { level: 'INFO', metrics: true },
    );
    const decided = records.find((r) => r.message === 'Decided');
    expect(decided).toMatchObject({ decision: 'answer', rule: 'matched', from: 'h***@writer.example', sesMessageId: expect.any(String) });
    expect(decided?.answers).toEqual([{ entry: expect.any(String), score: expect.any(Number) }]);
    expect(records.find((r) => r.message === 'Sent')).toMatchObject({ kind: 'reply', to: ['h***@writer.example'] });
    const output = records.map((r) => JSON.stringify(r)).join('\n');
    expect(output).not.toContain('hannelore');
    expect(output).not.toContain('Zebracorn');
    const emf = records.find((r) => r._aws !== undefined && 'answered' in r);
    expect(emf).toMatchObject({ answered: 1, service: 'faqmail' });
    expect(records.find((r) => r._aws !== undefined && r.rule === 'matched')).toMatchObject({ decisions: 1, decision: 'answer' });
  });
});

/**
 * A relay to the SES stand-in that rejects, as SES does a message it refuses, every send that
 * `refuses` picks (by its destinations and raw message) while `rejecting` is set.
 */
async function sesRejecting(
  refuses: (send: { destinations: string[]; raw: Buffer }) => boolean,
): Promise<{ endpoint: string; rejecting: boolean; stop: () => Promise<void> }> {
  const target = new URL(aws.ses.endpoint);
  const state = { rejecting: true };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const form = new URLSearchParams(body.toString());
      const destinations = [...form.entries()].filter(([key]) => key.startsWith('Destinations.member.')).map(([, value]) => value);
      const raw = Buffer.from(form.get('RawMessage.Data') ?? '', 'base64');
      if (state.rejecting && refuses({ destinations, raw })) {
        response.writeHead(400, { 'content-type': 'text/xml' });
        response.end(
          '<ErrorResponse><Error><Type>Sender</Type><Code>MessageRejected</Code><Message>Rejected by the test relay</Message></Error><RequestId>test</RequestId></ErrorResponse>',
        );
        return;
      }
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relay = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get rejecting() {
      return state.rejecting;
    },
    set rejecting(value: boolean) {
      state.rejecting = value;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return relay;
}

describe('the release that decided, in the records and in the digest', () => {
  /** A question proposed an answer in shadow mode, judged good by staff through the handler: its record. */
  async function judgedProposal(handler: SesHandler, env: Record<string, string>, from: string) {
    const proposed = await handler(await deliver(question(from)), lambdaContext());
    expect(proposed).toMatchObject({ decision: 'answer', rule: 'matched' });
    const staffMail = (await store(env).get(proposed.sesMessageId))?.staffMessageId;
    const verdict = await deliver({ from: STAFF, subject: 'Re: [faqmail] Would answer: OIN fees', body: 'good', inReplyTo: staffMail });
    expect((await handler(verdict, lambdaContext())).rule).toBe('staff-verdict');
    return (await store(env).get(proposed.sesMessageId))!;
  }

  async function digestText(env: Record<string, string>): Promise<string> {
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const sent = await sentDuring(aws.ses, () => createDigestHandler(env, () => tomorrow)());
    return sent[0].mail.text ?? '';
  }

  it('is the one id the responder records and the digest function counts as running; another threshold is another release', async () => {
    const env = await environment({ FAQMAIL_MODE: 'shadow' });
    const first = await judgedProposal(createHandler(env), env, 'ria@writer.example');
    expect(first.verdict).toMatchObject({ verdict: 'good' });
    expect(first.release).toMatch(/^[0-9a-f]{12}$/);
    expect(await digestText(env)).toContain(
      `Running release:  of the 1 answer judged, 1 was decided by the release running now (${first.release}, since ${first.decidedAt.slice(0, 10)})`,
    );

    // The same table, redeployed with another answer threshold: the verdict before is on another release's decision.
    const threshold = String(loadConfig({}).answerThreshold - 0.05);
    const redeployed = { ...env, FAQMAIL_ANSWER_THRESHOLD: threshold };
    const second = await judgedProposal(createHandler(redeployed), redeployed, 'sol@writer.example');
    expect(second.release).toMatch(/^[0-9a-f]{12}$/);
    expect(second.release).not.toBe(first.release);
    expect(await digestText(redeployed)).toContain(
      `Running release:  of the 2 answers judged, 1 was decided by the release running now (${second.release}, since ${second.decidedAt.slice(0, 10)})`,
    );
  });
});

// Mutation testing of the bounce handling: each test below failed with the mutation its comment names applied.
describe('bounce handling: what mutation testing found unpinned', () => {
  it("reads no staff reply for a bounce, even one that quotes the hand-over's Message-ID", async () => {
    // Mutant: any mail decided 'ignore' read for a bounce, not only what screening dropped (a staff verdict is
    // decided, not screened): the quoted header block was read as a plain-text bounce of the hand-over, a false alarm.
    const handler = createHandler(await environment());
    const { staffMail } = await handOverUnanswerable(handler, 'quoted@writer.example');
    const reply: MailSpec = {
      from: STAFF,
      fromField: `Sam Staff <${STAFF}>`,
      subject: 'Re: your question',
      inReplyTo: staffMail,
      body: `good\n\n-------- Original Message --------\nFrom: faqmail <${INBOX}>\nMessage-ID: ${staffMail}\n\nPlease answer.`,
    };
    const { result, sent } = await handledWith(handler, await deliver(reply));
    expect(result).toMatchObject({ decision: 'ignore', rule: 'staff-verdict' });
    expect(sent).toEqual([]);
  });

  it('warns of a report that names a staff address only as the address the mail was sent to, returning no hand-over we remember', async () => {
    // Mutant: only Final-Recipient compared with the staff addresses (a staff alias forwarding elsewhere went unwarned).
    const env = await environment();
    const forged = await deliverBounce('jane.staffer@elsewhere.example', '<made-up-by-anyone@email.amazonses.com>', { original: STAFF });
    // The handler reads the log level when it is created.
    const warnings = await warningsDuring(() => createHandler(env)(forged, lambdaContext()));
    expect(warnings.map((w) => w.message)).toContain(
      'A delivery report says a staff address refused a mail that is no hand-over or digest we remember (a forgery, or one past its record)',
    );
  });

  it('bounds the refused recipients it logs of such a report, and counts the rest, however many the report names', async () => {
    const env = await environment();
    // 20,000 recipients besides the staff address, in one part (a report's part is read to 256 KB): some 90 KB of names.
    const others = Array.from({ length: 20_000 }, (_, i) => [
      '',
      `Final-Recipient: rfc822; padding-${i}@elsewhere.example`,
      ...unknownUser,
    ]);
    const forged = await deliverBounce(STAFF, '<made-up-by-anyone@email.amazonses.com>', { refused: [...unknownUser, ...others.flat()] });
    const warnings = await warningsDuring(() => createHandler(env)(forged, lambdaContext()));
    const warning = warnings.find((w) => String(w.message).startsWith('A delivery report says a staff address refused'));
    // Before: every one of the 20,001 recipients was in this one line.
    expect(String(warning?.refused).length).toBeLessThanOrEqual(MAX_REFUSED_SHOWN);
    expect(warning?.refused).toMatch(/^staff@[^ ]+ \(status 5\.1\.1\), .* and \d+ more recipients$/);
    expect(JSON.stringify(warning).length).toBeLessThan(4 * MAX_REFUSED_SHOWN);
  });

  it('logs, when a second report of a failed answer hands nothing over, which report came first', async () => {
    // Mutant: that info line dropped (the operator saw a report acted on by no hand-over, and no reason).
    const env = await environment();
    const answered = await createHandler(env)(await deliver(question('logged-twice@writer.example')), lambdaContext());
    const answer = sesMessageIdHeader(answered.sent[0].sesMessageId, 'us-east-1');
    const first = await deliverBounce('logged-twice@writer.example', answer);
    await createHandler(env)(first, lambdaContext());
    const second = await deliverBounce('logged-twice@writer.example', answer);
    const logs = await logsDuring('INFO', () => createHandler(env)(second, lambdaContext()));
    expect(logs).toContainEqual(
      expect.objectContaining({
        message: 'Another report of this failed answer came first and claimed its hand-over; not handed over again',
        answered: answered.sesMessageId,
        firstReport: first.Records[0].ses.mail.messageId,
      }),
    );
  });

  it('warns, handing over an answer a bounce with no standard report returns, that it had none (and no statuses)', async () => {
    // Mutant: standardReport: false dropped from the warning (the operator read it as a report with no status).
    const env = await environment();
    const answered = await createHandler(env)(await deliver(question('plain-logged@writer.example')), lambdaContext());
    const bounce = await deliverOwnBounce('qmail-failure-notice.eml', sesMessageIdHeader(answered.sent[0].sesMessageId, 'us-east-1'));
    const warnings = await warningsDuring(() => createHandler(env)(bounce, lambdaContext()));
    const handingOver = warnings.find((w) => w.message === 'An automatic answer bounced; handing the message it answered to staff');
    expect(handingOver).toMatchObject({ answered: answered.sesMessageId, standardReport: false });
    expect(handingOver).not.toHaveProperty('statuses');
  });
});

describe('mail that cannot be parsed', () => {
  /** A message with no header block, which parse.ts gives up on, from the envelope sender `source`; SES flagged nothing. */
  async function unreadable(source: string): Promise<SESEvent> {
    const messageId = randomBytes(20).toString('hex');
    const raw = Buffer.from('just some words\r\nand some more\r\n');
    await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
    return sesEvent({ messageId, recipients: [INBOX], source, raw });
  }

  it("counts towards the escalation cap keyed on SES's envelope sender: one notice, the rest held in S3 and counted", async () => {
    const env = await environment({ FAQMAIL_SENDER_DAILY_ESCALATIONS: '1' });
    const handler = receivedAtOnce(createHandler(env));
    const flood = [];
    for (let i = 0; i < 4; i++) flood.push(await handledWith(handler, await unreadable('flood@sender.example')));
    // Before: all four went to staff as unparseable.
    expect(flood.map(({ result }) => `${result.decision}:${result.rule}`)).toEqual([
      'escalate:unparseable',
      'escalate:escalation-cap',
      'ignore:escalation-cap',
      'ignore:escalation-cap',
    ]);
    expect(flood.map(({ sent }) => sent.length)).toEqual([1, 1, 0, 0]);
    expect((flood[1].sent[0].mail.text ?? '').replace(/\s+/g, ' ')).toContain('their further mail today is held in S3 and counted');
    const decisions = new DecisionStore({
      documents: localDocuments(aws.dynamodb.endpoint),
      table: env.FAQMAIL_STATE_TABLE,
      retentionDays: 90,
    });
    expect(await decisions.get(flood[3].result.sesMessageId)).toMatchObject({ kind: 'ignore', rule: 'escalation-cap' });
    const cap = (await stateItems(env)).find((item) => String(item.pk).startsWith('escalations#'));
    expect([...(cap?.held as Set<string>)].sort()).toEqual([flood[2].result.sesMessageId, flood[3].result.sesMessageId].sort());
    // Another envelope sender has a cap of its own, and so has the sender's own readable mail.
    expect((await handledWith(handler, await unreadable('other@sender.example'))).result.rule).toBe('unparseable');
    expect((await handledWith(handler, await deliver(unanswerable('flood@sender.example')))).result.rule).toBe('no-match');
  });

  it('hands staff mail that mailparser does not finish within the time limit the handler was created with, saying so', async () => {
    const handler = createHandler(await environment(), QUICK_TO_GIVE_UP);
    const { result, sent } = await handledWith(handler, await deliverNeverParsed('mallory@writer.example'));
    expect(result).toMatchObject({ decision: 'escalate', rule: 'unparseable' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
    expect((sent[0].mail.text ?? '').replace(/\s+/g, ' ')).toContain('did not finish within 200 ms');
  });
});

describe('the escalation cap in a conversation staff took over', () => {
  /** A writer's question handed to staff, and the thread a reply to staff's answer to it names (our hand-over in it). */
  async function takenOver(handler: SesHandler, writer: string): Promise<{ thread: string }> {
    const event = await deliver(unanswerable(writer));
    const { result } = await handledWith(handler, event);
    expect(result).toMatchObject({ decision: 'escalate', rule: 'no-match' });
    const handOver = sesMessageIdHeader(result.sent.find((s) => s.kind === 'escalation')!.sesMessageId, 'us-east-1');
    return { thread: `<${event.Records[0].ses.mail.messageId}@writer.example> ${handOver} <staff-answer@example.com>` };
  }

  const replyInThread = (from: string, thread: string, n: number): MailSpec => ({
    from,
    subject: 'Re: HTTP 429 from the Users API',
    body: `Thanks. Here is what you asked for, part ${n}: the requests come from one IP, in bursts.`,
    inReplyTo: '<staff-answer@example.com>',
    references: thread,
    cc: STAFF,
  });

  it("forwards every reply of the writer's own, and counts anyone else's, and forged ones, as their mail", async () => {
    const handler = receivedAtOnce(createHandler(await environment({ FAQMAIL_SENDER_DAILY_ESCALATIONS: '1' })));
    const writer = 'noor@writer.example';
    const { thread } = await takenOver(handler, writer);
    const replies = [];
    for (let n = 1; n <= 3; n++) replies.push(await handledWith(handler, await deliver(replyInThread(writer, thread, n))));
    // Before: the first reply was the cap's notice and the others were held: the conversation with staff stalled.
    expect(replies.map(({ result }) => `${result.decision}:${result.rule}`)).toEqual(Array(3).fill('escalate:follow-up-staff-thread'));
    expect(replies.map(({ sent }) => sent.map((s) => s.to))).toEqual(Array(3).fill([[STAFF]]));

    // Someone else who holds the thread (the writer passed it on) writes from their own address: their own cap.
    const other = [];
    for (let n = 1; n <= 3; n++) other.push(await handledWith(handler, await deliver(replyInThread('sam@elsewhere.example', thread, n))));
    expect(other.map(({ result }) => `${result.decision}:${result.rule}`)).toEqual([
      'escalate:follow-up-staff-thread',
      'escalate:escalation-cap',
      'ignore:escalation-cap',
    ]);
    // The cap's notice is still a reply in the conversation. Before: "Needs a person", "Nobody has answered this message yet".
    const notice = other[1].sent[0].mail;
    expect(notice.subject).toBe('[faqmail] Reply to staff: Re: HTTP 429 from the Users API');
    expect(notice.text?.split('\n')[0]).toMatch(/^The writer replied in a conversation staff took over from faqmail/);
    // The writer's address under no authentication: counted apart, as any forged mail.
    const forged = [];
    for (let n = 1; n <= 3; n++)
      forged.push(
        await handledWith(handler, await deliver(replyInThread(writer, thread, n), { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' })),
      );
    expect(forged.map(({ result }) => `${result.decision}:${result.rule}`)).toEqual([
      'escalate:follow-up-staff-thread',
      'escalate:escalation-cap',
      'ignore:escalation-cap',
    ]);
    // The writer's replies took none of their day's hand-overs: their next new question is the notice, as it was before them.
    const own = await handledWith(handler, await deliver(unanswerable(writer)));
    expect(own.result).toMatchObject({ decision: 'escalate', rule: 'escalation-cap' });
  });

  it("forwards the writer's own replies past the hourly cap too, which holds anyone else's", async () => {
    const handler = receivedAtOnce(createHandler(await environment({ FAQMAIL_HOURLY_ESCALATION_LIMIT: '1' })));
    const writer = 'noor@writer.example';
    const { thread } = await takenOver(handler, writer);
    const others = [];
    for (const from of ['sam@elsewhere.example', 'kim@elsewhere.example'])
      others.push(await handledWith(handler, await deliver(unanswerable(from))));
    expect(others.map(({ result }) => `${result.decision}:${result.rule}`)).toEqual([
      'escalate:hourly-escalation-cap',
      'ignore:hourly-escalation-cap',
    ]);
    const replies = [];
    for (let n = 1; n <= 2; n++) replies.push(await handledWith(handler, await deliver(replyInThread(writer, thread, n))));
    expect(replies.map(({ result }) => `${result.decision}:${result.rule}`)).toEqual(Array(2).fill('escalate:follow-up-staff-thread'));
    expect(replies.map(({ sent }) => sent.map((s) => s.to))).toEqual(Array(2).fill([[STAFF]]));
  });
});

describe('a reply in a conversation a colleague carries on', () => {
  // The writer mailed the inbox, a colleague answered them from their own mailbox, and the writer replied to all.
  const replyToAll = (from: string, cc: string): MailSpec => ({
    ...question(from),
    subject: 'Re: OIN fees',
    inReplyTo: '<colleague-answer@mail.example.com>',
    references: '<first-question@writer.example> <colleague-answer@mail.example.com>',
    cc,
  });

  it('answers nobody: a person sees it, and staff get no second copy when a staff address is a recipient', async () => {
    const env = await environment();
    const handler = createHandler(env);
    // Before: answered (matched), the FAQ answer mailed to the writer in the middle of the colleague's conversation.
    const colleague = await handledWith(handler, await deliver(replyToAll('ria@writer.example', 'Sam Lee <sam.lee@example.com>')));
    expect(colleague.result).toMatchObject({ decision: 'escalate', rule: 'colleague-thread' });
    expect(colleague.sent.map((s) => s.to)).toEqual([[STAFF]]);
    const handOver = colleague.sent[0].mail;
    expect(handOver.subject).toBe('[faqmail] Reply to a colleague: Re: OIN fees');
    expect(handOver.text).toContain('(Cc: s***@example.com)');

    const staffCopied = await deliver(replyToAll('ria@writer.example', `Sam Lee <sam.lee@example.com>, ${STAFF}`));
    const copied = await handledWith(handler, staffCopied);
    // Before: matched, as above.
    expect(copied.result).toMatchObject({ decision: 'ignore', rule: 'colleague-thread-staff-copied', sent: [] });
    expect(copied.sent).toEqual([]);
    // Kept, as any dropped mail: its record says why, for the digest's count.
    const decisions = new DecisionStore({
      documents: localDocuments(aws.dynamodb.endpoint),
      table: env.FAQMAIL_STATE_TABLE,
      retentionDays: 90,
    });
    expect(await decisions.get(staffCopied.Records[0].ses.mail.messageId)).toMatchObject({
      kind: 'ignore',
      rule: 'colleague-thread-staff-copied',
    });

    // With a From nothing vouches for, that staff were sent it is the forger's word alone: a person sees it, once.
    const forged = await handledWith(
      handler,
      await deliver(replyToAll('ria@writer.example', `Sam Lee <sam.lee@example.com>, ${STAFF}`), {
        spf: 'FAIL',
        dkim: 'FAIL',
        dmarc: 'GRAY',
      }),
    );
    // Before: ignored (colleague-thread-staff-copied), nothing sent to anyone.
    expect(forged.result).toMatchObject({ decision: 'escalate', rule: 'colleague-thread' });
    expect(forged.sent.map((s) => s.to)).toEqual([[STAFF]]);

    // A new question that only copies a colleague is answered, as before.
    const fresh = await handledWith(handler, await deliver({ ...question('ria@writer.example'), cc: 'sam.lee@example.com' }));
    expect(fresh.result).toMatchObject({ decision: 'answer', rule: 'matched' });
    expect(fresh.sent.map((s) => s.to)).toEqual([['ria@writer.example']]);
  });
});

describe("the escalation cap's notice in a conversation a colleague carries on", () => {
  it("keeps the writer's questions out of the FAQ's gaps, as the hand-over it replaced would", async () => {
    const env = await environment({ FAQMAIL_SENDER_DAILY_ESCALATIONS: '1' });
    const handler = createHandler(env);
    const reply = (n: number): MailSpec => ({
      ...unanswerable('ria@writer.example'),
      subject: 'Re: HTTP 429 from the Users API',
      inReplyTo: `<colleague-answer-${n}@mail.example.com>`,
      references: `<first-question@writer.example> <colleague-answer-${n}@mail.example.com>`,
      cc: 'Sam Lee <sam.lee@example.com>',
    });
    const handled = [];
    for (let n = 1; n <= 2; n++) handled.push(await handledWith(handler, await deliver(reply(n))));
    expect(handled.map(({ result }) => `${result.decision}:${result.rule}`)).toEqual([
      'escalate:colleague-thread',
      'escalate:escalation-cap',
    ]);
    expect(handled[1].sent[0].mail.subject).toBe('[faqmail] Reply to a colleague: Re: HTTP 429 from the Users API');
    const decisions = new DecisionStore({
      documents: localDocuments(aws.dynamodb.endpoint),
      table: env.FAQMAIL_STATE_TABLE,
      retentionDays: 90,
    });
    const records = await Promise.all(handled.map(({ result }) => decisions.get(result.sesMessageId)));
    // Before: the notice's record left the question open, and the digest listed it as a gap in the FAQ.
    expect(openQuestions(records.map((r) => r!))).toEqual([]);
    expect(records[1]).toMatchObject({ rule: 'escalation-cap', questions: [expect.objectContaining({ answered: false })] });
  });
});

describe('mail whose From names no address', () => {
  it('counts towards the escalation cap keyed on the envelope sender: one notice, the rest held', async () => {
    const handler = receivedAtOnce(createHandler(await environment({ FAQMAIL_SENDER_DAILY_ESCALATIONS: '1' })));
    const flood = [];
    for (let i = 0; i < 4; i++)
      flood.push(await handledWith(handler, await deliver({ ...unanswerable('flood@sender.example'), fromField: 'Mallory' })));
    // Before: all four went to staff (no-reply-address): with no From address, no cap was taken at all.
    expect(flood.map(({ result }) => `${result.decision}:${result.rule}`)).toEqual([
      'escalate:no-reply-address',
      'escalate:escalation-cap',
      'ignore:escalation-cap',
      'ignore:escalation-cap',
    ]);
    expect(flood.map(({ sent }) => sent.length)).toEqual([1, 1, 0, 0]);
    // The envelope sender's own mail, with a From, has a cap of its own.
    expect((await handledWith(handler, await deliver(unanswerable('flood@sender.example')))).result.rule).toBe('no-match');
  });
});
