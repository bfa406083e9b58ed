/**
 * The Lambda handler end to end, against the stand-ins started here: the raw message in
 * s3rver, the SES event as SES sends it, the mails in aws-ses-v2-local, the state in
 * dynalite. Exactly once across repeated events and failed attempts, follow-ups and the
 * per-sender limit, and failures that propagate.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SESEvent } from 'aws-lambda';
import { simpleParser, type ParsedMail } from 'mailparser';
import { sesMessageIdHeader } from '../lambda/adapters/mail-sender';
import { sesEvent, type Verdicts } from '../lambda/adapters/ses-event';
import { createHandler, handler as lambdaHandler, type HandlerResult, type SesHandler } from '../lambda/handler';
import { createDigestHandler, type DigestResult } from '../lambda/digest-handler';
import { DecisionStore } from '../lambda/state/decision-store';
import { addressHash } from '../lambda/state/dynamodb-state-store';
import {
  closedPort,
  createStateTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynalite,
  startS3,
  startSes,
  type LocalS3,
  type LocalService,
  type LocalSes,
} from './support/local-aws';

const BUCKET = 'faqmail-test-mail';
const PREFIX = 'inbound/';
const INBOX = 'developers@example.com';
const STAFF = 'staff@example.com';

let dynamodb: LocalService;
let s3: LocalS3;
let ses: LocalSes;
let s3Client: S3Client;
let dynamoClient: DynamoDBClient;
let documents: DynamoDBDocumentClient;
const savedEnv = { ...process.env };
let tables = 0;

beforeAll(async () => {
  [dynamodb, s3, ses] = await Promise.all([startDynalite(), startS3({ buckets: [BUCKET] }), startSes()]);
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  s3Client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  dynamoClient = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  documents = DynamoDBDocumentClient.from(dynamoClient);
});

afterAll(async () => {
  s3Client?.destroy();
  dynamoClient?.destroy();
  await Promise.all([dynamodb?.stop(), s3?.stop(), ses?.stop()]);
  process.env = savedEnv;
});

/** A fresh state table and the handler's environment for it, as the stack would set it. */
async function environment(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  const table = `faqmail-state-${++tables}`;
  await createStateTable(dynamodb.endpoint, table);
  return {
    AWS_REGION: 'us-east-1',
    FAQMAIL_MAIL_BUCKET: BUCKET,
    FAQMAIL_MAIL_PREFIX: PREFIX,
    FAQMAIL_STATE_TABLE: table,
    FAQMAIL_S3_ENDPOINT: s3.endpoint,
    FAQMAIL_SES_ENDPOINT: ses.endpoint,
    FAQMAIL_DYNAMODB_ENDPOINT: dynamodb.endpoint,
    FAQMAIL_INBOX_ADDRESS: INBOX,
    FAQMAIL_STAFF_ADDRESSES: STAFF,
    FAQMAIL_SENDER_DAILY_LIMIT: '3',
    ...overrides,
  };
}

function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'faqmail-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:faqmail-test',
    memoryLimitInMB: '512',
    awsRequestId: randomBytes(8).toString('hex'),
    logGroupName: '/aws/lambda/faqmail-test',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

interface MailSpec {
  from: string;
  subject: string;
  body: string;
  inReplyTo?: string;
}

function rawMail(spec: MailSpec, id: string): Buffer {
  return Buffer.from(
    [
      `Return-Path: <${spec.from}>`,
      `From: Jane Writer <${spec.from}>`,
      `To: ${INBOX}`,
      `Subject: ${spec.subject}`,
      `Message-ID: <${id}@writer.example>`,
      ...(spec.inReplyTo ? [`In-Reply-To: ${spec.inReplyTo}`, `References: ${spec.inReplyTo}`] : []),
      'Date: Mon, 2 Mar 2026 09:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      spec.body,
      '',
    ].join('\r\n'),
  );
}

/** Plays SES inbound: stores the message under the prefix + a new SES id, and returns the event. */
async function deliver(spec: MailSpec, verdicts: Partial<Verdicts> = {}): Promise<SESEvent> {
  const messageId = randomBytes(20).toString('hex');
  const raw = rawMail(spec, messageId);
  await s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
  return sesEvent({ messageId, recipients: [INBOX], source: spec.from, verdicts, raw });
}

/** What the SES stand-in received while `run` ran, parsed. */
async function sentDuring(run: () => Promise<unknown>): Promise<Array<{ to: string[]; mail: ParsedMail }>> {
  const before = ses.sentRaw().length;
  await run();
  return Promise.all(ses.sentRaw().slice(before).map(async (sent) => ({ to: sent.destinations, mail: await simpleParser(sent.raw) })));
}

async function stateItems(env: Record<string, string>): Promise<Array<Record<string, unknown>>> {
  return (await documents.send(new ScanCommand({ TableName: env.FAQMAIL_STATE_TABLE, ConsistentRead: true }))).Items ?? [];
}

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
    let result: HandlerResult | undefined;
    const sent = await sentDuring(async () => {
      result = await handler(event, lambdaContext());
    });

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
    const sent = await sentDuring(async () => {
      results.push(await handler(event, lambdaContext()));
      results.push(await handler(event, lambdaContext()));
    });
    expect(sent).toHaveLength(1);
    expect(results[1]).toEqual(results[0]);
  });

  it('sends one reply when the same event arrives twice at once (the second waits for a retry or gets the result)', async () => {
    const event = await deliver(question('bea@writer.example'));
    let outcomes: PromiseSettledResult<HandlerResult>[] = [];
    const sent = await sentDuring(async () => {
      outcomes = await Promise.allSettled([handler(event, lambdaContext()), handler(event, lambdaContext())]);
    });
    expect(sent).toHaveLength(1);
    const fulfilled = outcomes.filter((o): o is PromiseFulfilledResult<HandlerResult> => o.status === 'fulfilled');
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect((outcome.reason as Error).name).toBe('IdempotencyAlreadyInProgressError');
    }
  });

  it('escalates a reply to one of our answers (In-Reply-To = the Message-ID SES gave it) and does not answer it', async () => {
    const first = await handler(await deliver(question('cy@writer.example')), lambdaContext());
    const ourAnswer = sesMessageIdHeader(first.sent[0].sesMessageId, 'us-east-1');
    expect(ourAnswer).toMatch(/@email\.amazonses\.com>$/);

    // Without the record, this one would be answered: it asks the same thing again.
    const followUp = await deliver({ from: 'cy@writer.example', subject: 'Re: OIN fees', body: 'That did not help. Is there a cost associated with joining the OIN or not?', inReplyTo: ourAnswer });
    let result: HandlerResult | undefined;
    const sent = await sentDuring(async () => {
      result = await handler(followUp, lambdaContext());
    });
    expect(result).toMatchObject({ decision: 'escalate', rule: 'follow-up' });
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
  });

  it('answers a sender three times in 24 hours, then hands the fourth question to staff', async () => {
    const results: HandlerResult[] = [];
    const sent = await sentDuring(async () => {
      for (let i = 0; i < 4; i++) results.push(await handler(await deliver(question('dee@writer.example')), lambdaContext()));
    });
    expect(results.map((r) => r.rule)).toEqual(['matched', 'matched', 'matched', 'sender-limit']);
    expect(sent.map((s) => s.to)).toEqual([['dee@writer.example'], ['dee@writer.example'], ['dee@writer.example'], [STAFF]]);
  });

  it('neither answers nor escalates mail SES flagged as spam, and keeps it in S3', async () => {
    const event = await deliver(question('eve@writer.example'), { spam: 'FAIL' });
    let result: HandlerResult | undefined;
    const sent = await sentDuring(async () => {
      result = await handler(event, lambdaContext());
    });
    expect(result).toMatchObject({ decision: 'ignore', rule: 'spam', sent: [] });
    expect(sent).toHaveLength(0);
    const key = `${PREFIX}${event.Records[0].ses.mail.messageId}`;
    await expect(s3Client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).resolves.toBeDefined();
  });

  it('rejects, naming the bucket and key, when the raw message is not in S3', async () => {
    const event = sesEvent({ messageId: 'missing0000000000000000000000000000000000', recipients: [INBOX] });
    await expect(handler(event, lambdaContext())).rejects.toThrow(`bucket ${BUCKET}, key ${PREFIX}missing0000000000000000000000000000000000`);
  });
});

describe('failed attempts and retries', () => {
  it('rejects when SES cannot be reached, leaves nothing marked done, and a retry sends exactly one reply', async () => {
    const env = await environment({ FAQMAIL_SES_ENDPOINT: `http://127.0.0.1:${await closedPort()}` });
    const event = await deliver(question('fay@writer.example'));

    const sesDown = createHandler(env);
    await expect(sesDown(event, lambdaContext())).rejects.toThrow(/Sending the reply .* through SES failed/);
    // No processed record (the utility deleted it), no sent marker, no answer counted.
    expect(await stateItems(env)).toEqual([]);

    const retry = createHandler({ ...env, FAQMAIL_SES_ENDPOINT: ses.endpoint });
    const sent = await sentDuring(() => retry(event, lambdaContext()));
    expect(sent.map((s) => s.to)).toEqual([['fay@writer.example']]);
  });

  it('sends the reply once when the escalation fails after it, and the retry decides as the first attempt did', async () => {
    const relay = await sesRejecting(STAFF);
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

      const firstAttempt = await sentDuring(() => expect(handler(event, lambdaContext())).rejects.toThrow(/Sending the escalation .* through SES failed/));
      expect(firstAttempt.map((s) => s.to)).toEqual([['gus@writer.example']]);

      relay.rejecting = false;
      let result: HandlerResult | undefined;
      const retried = await sentDuring(async () => {
        result = await handler(event, lambdaContext());
      });
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

describe('decision records', () => {
  const store = (env: Record<string, string>) => new DecisionStore({ documents, table: env.FAQMAIL_STATE_TABLE, retentionDays: 90 });

  it('records each decision with its entries, questions and sender hash; a follow-up names the answer and its entries', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const since = new Date(Date.now() - 60_000);
    const first = await handler(await deliver(question('kai@writer.example')), lambdaContext());
    const ourAnswer = sesMessageIdHeader(first.sent[0].sesMessageId, 'us-east-1');
    const followUp = await handler(await deliver({ from: 'kai@writer.example', subject: 'Re: OIN fees', body: 'That did not help. What does it cost?', inReplyTo: ourAnswer }), lambdaContext());
    await handler(await deliver(question('lu@writer.example'), { spam: 'FAIL' }), lambdaContext());

    const records = await store(env).between(since, new Date(Date.now() + 60_000));
    expect(records.map((r) => [r.kind, r.rule])).toEqual([['answer', 'matched'], ['escalate', 'follow-up'], ['ignore', 'spam']]);
    const [answered, followed, ignored] = records;
    expect(answered).toMatchObject({ inboundId: first.sesMessageId, senderHash: addressHash('kai@writer.example'), replyMessageId: ourAnswer });
    expect(answered.sent).toEqual([{ entry: expect.any(String), score: expect.any(Number) }]);
    expect(answered.questions).toEqual([expect.objectContaining({ text: expect.stringMatching(/cost associated with joining the OIN/), answered: true, open: false })]);
    expect(answered.questions[0].best?.entry).toBe(answered.sent[0].entry);
    expect(followed.followUpTo).toEqual({ inboundId: first.sesMessageId, entries: [answered.sent[0].entry] });
    expect(followed.staffMessageId).toBe(sesMessageIdHeader(followUp.sent[0].sesMessageId, 'us-east-1'));
    expect(ignored).toMatchObject({ sent: [], questions: [] });
    expect(JSON.stringify(records)).not.toContain('writer.example');

    // Staff's verdict finds the record by the Message-ID of the mail they were sent.
    expect(await store(env).attachVerdict({ staffMessageId: followed.staffMessageId! }, { verdict: 'approved', at: new Date().toISOString() })).toBe(true);
    expect((await store(env).get(followed.inboundId))?.verdict).toMatchObject({ verdict: 'approved' });
  });

  it('the digest function sends the last whole days\' digest to the digest recipients', async () => {
    const env = await environment({ FAQMAIL_DIGEST_RECIPIENTS: 'lead@example.com' });
    await createHandler(env)(await deliver(question('nia@writer.example')), lambdaContext());
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    let result: DigestResult | undefined;
    const sent = await sentDuring(async () => {
      result = await createDigestHandler(env, () => tomorrow)();
    });
    expect(result).toMatchObject({ received: 1, unanswered: 0, sesMessageId: expect.any(String) });
    expect(sent.map((s) => s.to)).toEqual([['lead@example.com']]);
    expect(sent[0].mail.subject).toMatch(/^\[faqmail\] digest .*: 1 received, 0 unanswered$/);
  });

  it('keeps no question text when recordQuestionText is off', async () => {
    const env = await environment({ FAQMAIL_RECORD_QUESTION_TEXT: 'false' });
    const result = await createHandler(env)(await deliver(question('mo@writer.example')), lambdaContext());
    const record = await store(env).get(result.sesMessageId);
    expect(record?.questions).toEqual([{ source: expect.any(String), best: expect.any(Object), answered: true, open: false }]);
  });
});

describe("the function's entry point", () => {
  it('takes its settings from the process environment, as set by the stack', async () => {
    Object.assign(process.env, await environment());
    const event = await deliver(question('ida@writer.example'));
    const sent = await sentDuring(() => lambdaHandler(event, lambdaContext()));
    expect(sent.map((s) => s.to)).toEqual([['ida@writer.example']]);
  });
});

describe('logs and metrics', () => {
  it('logs the decision as JSON with masked addresses and no message text, and writes EMF metrics', async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    });
    try {
      const handler = createHandler(await environment());
      await handler(await deliver({ from: 'hannelore.quist@writer.example', subject: 'Zebracorn pricing', body: 'Is there a cost associated with joining the OIN? We are Zebracorn Ltd.' }), lambdaContext());
    } finally {
      write.mockRestore();
      process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
      process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    }
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const decided = records.find((r) => r.message === 'Decided');
    expect(decided).toMatchObject({ decision: 'answer', rule: 'matched', from: 'h***@writer.example', sesMessageId: expect.any(String) });
    expect(decided?.answers).toEqual([{ entry: expect.any(String), score: expect.any(Number) }]);
    expect(records.find((r) => r.message === 'Sent')).toMatchObject({ kind: 'reply', to: ['h***@writer.example'] });
    const output = lines.join('\n');
    expect(output).not.toContain('hannelore');
    expect(output).not.toContain('Zebracorn');
    const emf = records.find((r) => r._aws !== undefined && 'answered' in r);
    expect(emf).toMatchObject({ answered: 1, service: 'faqmail' });
    expect(records.find((r) => r._aws !== undefined && r.rule === 'matched')).toMatchObject({ decisions: 1, decision: 'answer' });
  });
});

/**
 * A relay to the SES stand-in that rejects, as SES does a message it refuses, every send to
 * `address` while `rejecting` is set.
 */
async function sesRejecting(address: string): Promise<{ endpoint: string; rejecting: boolean; stop: () => Promise<void> }> {
  const target = new URL(ses.endpoint);
  const state = { rejecting: true };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const destinations = [...new URLSearchParams(body.toString()).entries()].filter(([key]) => key.startsWith('Destinations.member.')).map(([, value]) => value);
      if (state.rejecting && destinations.includes(address)) {
        response.writeHead(400, { 'content-type': 'text/xml' });
        response.end('<ErrorResponse><Error><Type>Sender</Type><Code>MessageRejected</Code><Message>Rejected by the test relay</Message></Error><RequestId>test</RequestId></ErrorResponse>');
        return;
      }
      const upstream = http.request({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
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
